//! Telling the two input forms apart by content (file names say nothing).

use std::sync::LazyLock;

use regex::Regex;

use super::schema::{classify_heading, HeadingKind, Section};
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
    // The page's own section names say it best: bare lines in the text form,
    // `##` headings in markdown. Markers alone can mislead: a published page
    // whose source left a fence open shows the source's `###` headings and
    // annotations as code (beta channel-post).
    let (bare, marked) = section_lines(t);
    if bare != marked {
        return if bare > marked {
            Form::Text
        } else {
            Form::Markdown
        };
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

/// How many lines name a known section (`HTTP request`, `Permissions`…):
/// (bare, behind `#`s).
fn section_lines(t: &str) -> (usize, usize) {
    let (mut bare, mut marked) = (0, 0);
    for line in t.lines() {
        let line = line.trim();
        // Section names are short; most lines fail here.
        if line.is_empty() || line.len() > 40 {
            continue;
        }
        let name = line.trim_start_matches('#');
        let hashes = line.len() - name.len();
        if hashes > 6 || (hashes > 0 && !name.starts_with(' ')) {
            continue;
        }
        if let Some(HeadingKind::Section(section)) = classify_heading(name.trim()) {
            if matches!(section, Section::EnumValues(_)) {
                continue;
            }
            if hashes > 0 {
                marked += 1;
            } else {
                bare += 1;
            }
        }
    }
    (bare, marked)
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

    #[test]
    fn section_names_outweigh_markers_shown_as_code() {
        // The published text of a page whose source left a fence open: its
        // code shows a `###` heading and an annotation, two markers.
        let text = "Create channel\n\nNamespace: microsoft.graph\n\nPermissions\n\nHTTP request\n\nPOST /teams/{team-id}/channels\n\nRequest headers\n\nResponse\n\nHTTP/1.1 201 Created\n\n### Example 6: Create a shared channel\n\n<!-- {\n  \"blockType\": \"request\"\n}-->\n";
        assert_eq!(detect(text), Form::Text);
        // Markdown without front matter or a `# ` title: its sections are headings.
        let md = "Create channel\n\n## Permissions\n\n|a|b|\n|---|---|\n\n## HTTP request\n\n```http\nPOST /teams/{id}/channels\n```\n";
        assert_eq!(detect(md), Form::Markdown);
        // `#hashtag` is no heading; more than six `#`s neither.
        assert_eq!(
            section_lines("#Permissions\n####### Permissions\nPermissions\n## HTTP request\n"),
            (1, 1)
        );
    }
}
