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
    let markers = [
        front_matter,
        // A `# ` line could be a comment in a code block; as the first line it is a title.
        t.lines()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| ATX_HEADING_RE.is_match(l)),
        ANNOTATION_RE.is_match(t),
        PIPE_TABLE_SEPARATOR_RE.is_match(t),
        FENCE_RE.is_match(t),
        t.contains("[!INCLUDE"),
    ];
    if markers.iter().any(|m| *m) {
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
            detect("Get user\n\n|a|b|\n|---|---|\n|1|2|\n"),
            Form::Markdown
        );
    }
}
