//! Doc comments from documentation text.
//!
//! Text from the docs is prose, not rustdoc markdown: `[x]` would be read as an
//! intra-doc link, `<token>` as an HTML tag and a bare URL draws a rustdoc
//! warning. Each paragraph is folded onto one line (no lazy list continuations)
//! and those few characters are escaped; nothing else changes.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

/// Outer (`///`) or inner (`//!`) doc comment lines, paragraphs separated by blank lines.
#[derive(Debug, Clone, Default)]
pub struct Docs {
    /// Each paragraph is one or more lines.
    paragraphs: Vec<Vec<String>>,
    inner: bool,
}

impl Docs {
    pub fn outer() -> Self {
        Docs {
            paragraphs: Vec::new(),
            inner: false,
        }
    }

    pub fn inner() -> Self {
        Docs {
            paragraphs: Vec::new(),
            inner: true,
        }
    }

    /// Adds a paragraph of docs prose (escaped); blank text adds nothing.
    pub fn text(mut self, text: &str) -> Self {
        let text = prose(text);
        if !text.is_empty() {
            self.paragraphs.push(vec![text]);
        }
        self
    }

    /// Adds optional prose.
    pub fn maybe(self, text: Option<&str>) -> Self {
        match text {
            Some(text) => self.text(text),
            None => self,
        }
    }

    /// Adds a paragraph written by the emitter (already valid markdown, one line).
    pub fn raw(mut self, markdown: String) -> Self {
        if !markdown.trim().is_empty() {
            self.paragraphs.push(vec![markdown]);
        }
        self
    }

    /// Adds a paragraph of emitter-written lines (e.g. a tight list).
    pub fn lines(mut self, lines: Vec<String>) -> Self {
        if !lines.is_empty() {
            self.paragraphs.push(lines);
        }
        self
    }
}

impl ToTokens for Docs {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        for (i, paragraph) in self.paragraphs.iter().enumerate() {
            let mut lines = Vec::new();
            if i > 0 {
                lines.push(String::new());
            }
            // A leading space so prettyplease prints `/// text`, as rustfmt would.
            lines.extend(paragraph.iter().map(|line| format!(" {line}")));
            for line in lines {
                if self.inner {
                    tokens.extend(quote! { #![doc = #line] });
                } else {
                    tokens.extend(quote! { #[doc = #line] });
                }
            }
        }
    }
}

/// One line of prose: whitespace collapsed, brackets, angle brackets and
/// backslashes escaped outside code spans, URLs wrapped in `<…>` so rustdoc links them instead of warning.
pub fn prose(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Unbalanced backticks open no code span in markdown, so nothing is protected.
    let balanced = line.matches('`').count() % 2 == 0;
    let mut out = String::with_capacity(line.len());
    for (i, segment) in line.split('`').enumerate() {
        if i > 0 {
            out.push_str(if balanced { "`" } else { "\\`" });
        }
        if balanced && i % 2 == 1 {
            out.push_str(segment);
        } else {
            let words: Vec<String> = segment.split(' ').map(prose_word).collect();
            out.push_str(&words.join(" "));
        }
    }
    // A paragraph opening with a fence would start a code block (and a doctest).
    if out.starts_with("```") || out.starts_with("~~~") {
        out.insert(0, '\\');
    }
    out
}

/// A word with any URL in it wrapped in `<…>`, the rest escaped. The URL may
/// sit inside quotes or parentheses (`"https://…".`): it ends at a quote,
/// bracket or space, trailing punctuation excluded.
fn prose_word(word: &str) -> String {
    let start = match (word.find("https://"), word.find("http://")) {
        (Some(a), Some(b)) => a.min(b),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => return escape(word),
    };
    let rest = &word[start..];
    let end = rest
        .find(['"', '\'', '<', '>', '(', ')', '[', ']', '`'])
        .unwrap_or(rest.len());
    let url = rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?']);
    if url.len() <= "https://".len() {
        return escape(word);
    }
    format!(
        "{}<{url}>{}",
        escape(&word[..start]),
        prose_word(&rest[url.len()..])
    )
}

fn escape(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if matches!(c, '[' | ']' | '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Inline code for emitter-written paragraphs: a backtick span that survives
/// any backticks inside.
pub fn code(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_one_escaped_line() {
        assert_eq!(
            prose("  Partner   state\nof this\ttenant. "),
            "Partner state of this tenant."
        );
        assert_eq!(
            prose("Bearer <token>. See [user]."),
            "Bearer \\<token\\>. See \\[user\\]."
        );
        assert_eq!(prose("See https://aka.ms/x."), "See <https://aka.ms/x>.");
        assert_eq!(
            prose("For example, \"https://graph.microsoft.com/v1.0/x\". Read-only."),
            "For example, \"<https://graph.microsoft.com/v1.0/x>\". Read-only."
        );
        assert_eq!(
            prose("(see https://a.b/c) or [https://d.e]"),
            "(see <https://a.b/c>) or \\[<https://d.e>\\]"
        );
        assert_eq!(prose("http:// alone"), "http:// alone");
        assert_eq!(prose("If `true`, ok"), "If `true`, ok");
        assert_eq!(prose("If `[x]` or [y]"), "If `[x]` or \\[y\\]");
        assert_eq!(prose("odd ` [y]"), "odd \\` \\[y\\]");
        assert_eq!(prose(""), "");
        assert_eq!(prose("~~~ rust"), "\\~~~ rust");
        assert_eq!(prose("```rust fn x() {}```"), "\\```rust fn x() {}```");
    }

    #[test]
    fn code_spans() {
        assert_eq!(code("PATCH /a/{id}"), "`PATCH /a/{id}`");
        assert_eq!(code("a`b"), "`` a`b ``");
    }
}
