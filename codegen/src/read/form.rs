//! Telling the two input forms apart by content (file names say nothing).

use std::sync::LazyLock;

use regex::Regex;

use crate::ir::Form;

static PIPE_TABLE_SEPARATOR_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^\s*\|?\s*:?-{3,}:?\s*\|").unwrap());
static ATX_HEADING_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?m)^#{1,6} \S").unwrap());
static ANNOTATION_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<!--\s*\{").unwrap());
static FENCE_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?m)^\s{0,3}(```|~~~)").unwrap());

/// Markdown when the page has front matter, a `# ` title, `<!-- { -->`
/// annotations, pipe-table separator rows, fences or include directives;
/// the published text form has none of these.
pub fn detect(text: &str) -> Form {
    let t = text.trim_start_matches('\u{feff}');
    let front_matter = t.starts_with("---\n") || t.starts_with("---\r\n");
    // The text form's first line is the bare title; a `# ` first line is markdown.
    let heading_title = t
        .lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| ATX_HEADING_RE.is_match(l));
    if front_matter || heading_title {
        return Form::Markdown;
    }
    // One of these alone can sit in a text-form code block (an XML comment, a
    // fence left open on the published page); two make markdown.
    let markers = [
        ANNOTATION_RE.is_match(t),
        PIPE_TABLE_SEPARATOR_RE.is_match(t),
        FENCE_RE.is_match(t),
        t.contains("[!INCLUDE"),
        ATX_HEADING_RE.is_match(t),
    ];
    if markers.iter().filter(|m| **m).count() >= 2 {
        Form::Markdown
    } else {
        Form::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(detect("---\ntitle: x\n---\n# x\n"), Form::Markdown);
        assert_eq!(detect("# Get user\n\nText"), Form::Markdown);
        assert_eq!(
            detect("Get user\n\nNamespace: microsoft.graph\n\nGET /me\n"),
            Form::Text
        );
        assert_eq!(
            detect("Get user\n\n|a|b|\n|---|---|\n|1|2|\n\n```http\nGET /me\n```\n"),
            Form::Markdown
        );
        // One marker alone sits in a text-form code block.
        assert_eq!(
            detect("Get user\n\nGET /me\n\n<!-- { \"a\": 1 } -->\n"),
            Form::Text
        );
    }
}
