//! Doc comments from documentation text.
//!
//! Text from the docs is prose, not rustdoc markdown: `[x]` would be read as an
//! intra-doc link, `<token>` as an HTML tag and a bare URL draws a rustdoc
//! warning. Each paragraph is folded onto one line (no lazy list continuations)
//! and those few characters are escaped; nothing else changes.

use std::cell::RefCell;
use std::rc::Rc;

use super::syntax;

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

impl Docs {
    /// One `doc` attribute per line (prettyplease prints a multi-line one as
    /// a `/** */` block), a blank one between paragraphs.
    pub fn attrs(&self) -> Vec<syn::Attribute> {
        let mut attrs = Vec::new();
        let mut line = String::new();
        for (i, paragraph) in self.paragraphs.iter().enumerate() {
            if i > 0 {
                attrs.push(syntax::doc("", self.inner));
            }
            for text in paragraph {
                // A leading space so prettyplease prints `/// text`, as rustfmt would.
                line.clear();
                line.push(' ');
                line.push_str(text);
                attrs.push(syntax::doc(&line, self.inner));
            }
        }
        attrs
    }

    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }
}

/// What a marker stands for.
enum Pending {
    /// Outer docs, printed in place of the marker line.
    Docs(Docs),
    /// The printed fields of the struct the marker is the last attribute of,
    /// put between the braces of its `{}`.
    Body(String),
    /// Lines printed already (attributes of a top-level item), in place of the marker line.
    Lines(Rc<str>),
}

thread_local! {
    /// What the markers of the item group being built on this thread stand for, by number.
    static PENDING: RefCell<Vec<Pending>> = const { RefCell::new(Vec::new()) };
}

/// What a marker's doc value starts with: a doc line the emitter writes
/// always starts with a space, so no real line can be taken for a marker.
const MARKER: char = '\u{1}';

fn marker(pending: Pending) -> syn::Attribute {
    PENDING.with(|all| {
        let mut all = all.borrow_mut();
        all.push(pending);
        syntax::doc(&format!("{MARKER}{}", all.len() - 1), false)
    })
}

impl Docs {
    /// One placeholder attribute standing for these docs: [`expand_markers`]
    /// puts the doc lines in its place in the printed text. Printing hundreds
    /// of thousands of doc lines through syn and prettyplease was a large
    /// share of the emitter's time; the text is the same.
    pub fn marker(self) -> Vec<syn::Attribute> {
        if self.is_empty() || self.inner {
            return self.attrs();
        }
        vec![marker(Pending::Docs(self))]
    }

    /// The doc lines as prettyplease prints them (`///` + the line, trailing
    /// spaces trimmed), each after `indent`.
    pub fn print(&self, indent: &str, out: &mut String) {
        for (i, paragraph) in self.paragraphs.iter().enumerate() {
            if i > 0 {
                out.push_str(indent);
                out.push_str("///\n");
            }
            for text in paragraph {
                let text = text.trim_end_matches(' ');
                out.push_str(indent);
                out.push_str("///");
                if !text.is_empty() {
                    out.push(' ');
                    out.push_str(text);
                }
                out.push('\n');
            }
        }
    }
}

/// The last attribute of a struct printed with no fields, standing for its
/// fields already printed (`body`, one line each, indented).
pub fn body_marker(body: String) -> syn::Attribute {
    marker(Pending::Body(body))
}

/// An attribute standing for `lines`, printed already (ending in a line
/// break), of a top-level item.
pub fn lines_marker(lines: Rc<str>) -> syn::Attribute {
    marker(Pending::Lines(lines))
}

/// Forgets what earlier markers on this thread stood for.
pub fn clear_markers() {
    PENDING.with(|all| all.borrow_mut().clear());
}

/// Replaces the printed markers (`///\u{1}N` lines) of this thread's item
/// group with what they stand for.
pub fn expand_markers(text: &str) -> String {
    let pending = PENDING.with(|all| std::mem::take(&mut *all.borrow_mut()));
    if pending.is_empty() {
        return text.to_string();
    }
    let prefix = format!("///{MARKER}");
    let mut out = String::with_capacity(text.len() + pending.len() * 80);
    let mut body: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        if let Some(fields) = body.take() {
            // The struct's line right after its last attribute: `... {}`.
            let head = line
                .strip_suffix("{}\n")
                .expect("a body marker is the last attribute of a struct without fields");
            out.push_str(head);
            out.push_str("{\n");
            out.push_str(fields);
            out.push_str("}\n");
            continue;
        }
        let code = line.trim_start_matches(' ');
        let found = code
            .strip_prefix(&prefix)
            .and_then(|n| n.trim_end().parse::<usize>().ok())
            .and_then(|n| pending.get(n));
        match found {
            Some(Pending::Docs(docs)) => docs.print(&line[..line.len() - code.len()], &mut out),
            Some(Pending::Body(fields)) => body = Some(fields),
            Some(Pending::Lines(lines)) => out.push_str(lines),
            None => out.push_str(line),
        }
    }
    out
}

/// One line of prose: whitespace collapsed, brackets, angle brackets and
/// backslashes escaped outside code spans, URLs wrapped in `<…>` so rustdoc links them instead of warning.
pub fn prose(text: &str) -> String {
    // Most descriptions are one plain line already: nothing to collapse or escape.
    if is_plain_line(text) {
        return text.to_string();
    }
    prose_rewritten(text)
}

/// [`prose`] for text that needs more than a copy.
fn prose_rewritten(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    // Unbalanced backticks open no code span in markdown, so nothing is protected.
    let balanced = line.bytes().filter(|&b| b == b'`').count() % 2 == 0;
    let mut out = String::with_capacity(line.len() + 8);
    for (i, segment) in line.split('`').enumerate() {
        if i > 0 {
            out.push_str(if balanced { "`" } else { "\\`" });
        }
        if balanced && i % 2 == 1 {
            out.push_str(segment);
        } else {
            for (j, word) in segment.split(' ').enumerate() {
                if j > 0 {
                    out.push(' ');
                }
                prose_word(word, &mut out);
            }
        }
    }
    // A paragraph opening with a fence would start a code block (and a doctest).
    if out.starts_with("```") || out.starts_with("~~~") {
        out.insert(0, '\\');
    }
    out
}

/// Whether [`prose`] would return `text` unchanged: single spaces between
/// words, none at either end, and no byte it escapes or reads as a URL or a
/// code span (`:` may start a URL; a `~` could open a fence).
fn is_plain_line(text: &str) -> bool {
    /// Per byte: 1 a space, 2 a byte that rules the copy out, 0 any other.
    const CLASS: [u8; 256] = {
        let mut class = [0u8; 256];
        let mut b = 0x80;
        // Unicode whitespace is collapsed too: non-ASCII text takes the rewrite.
        while b < 256 {
            class[b] = 2;
            b += 1;
        }
        class[b' ' as usize] = 1;
        let ruled_out = *b"\t\n\r\x0b\x0c[]<>\\`:~";
        let mut i = 0;
        while i < ruled_out.len() {
            class[ruled_out[i] as usize] = 2;
            i += 1;
        }
        class
    };
    // Branch-free over the bytes: two spaces in a row, or a space first or
    // last, is as bad as a ruled-out byte.
    let mut bad = 0u8;
    let mut after_space = 1u8;
    for &c in text.as_bytes() {
        let class = CLASS[c as usize];
        bad |= (class & 2) | (after_space & class);
        after_space = class & 1;
    }
    bad == 0 && (after_space == 0 || text.is_empty())
}

/// A word with any URL in it wrapped in `<…>`, the rest escaped. The URL may
/// sit inside quotes or parentheses (`"https://…".`): it ends at a quote,
/// bracket or space, trailing punctuation excluded.
fn prose_word(word: &str, out: &mut String) {
    // Most words have no `:`, so no URL: skip the substring searches.
    let start = if word.as_bytes().contains(&b':') {
        match (word.find("https://"), word.find("http://")) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (Some(a), None) | (None, Some(a)) => Some(a),
            (None, None) => None,
        }
    } else {
        None
    };
    let Some(start) = start else {
        return escape(word, out);
    };
    let rest = &word[start..];
    let end = rest
        .find(['"', '\'', '<', '>', '(', ')', '[', ']', '`'])
        .unwrap_or(rest.len());
    let url = rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?']);
    if url.len() <= "https://".len() {
        return escape(word, out);
    }
    escape(&word[..start], out);
    out.push('<');
    out.push_str(url);
    out.push('>');
    prose_word(&rest[url.len()..], out);
}

fn escape(word: &str, out: &mut String) {
    if !word
        .bytes()
        .any(|b| matches!(b, b'[' | b']' | b'<' | b'>' | b'\\'))
    {
        out.push_str(word);
        return;
    }
    for c in word.chars() {
        if matches!(c, '[' | ']' | '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Inline code for emitter-written paragraphs: a backtick span that survives
/// any backticks inside.
pub fn code(text: &str) -> String {
    if is_plain_line(text) {
        return format!("`{text}`");
    }
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

    /// The copy taken for a plain line is what the rewrite would give, on
    /// strings built from every byte class the rewrite treats apart.
    #[test]
    fn plain_lines_are_copied_as_the_rewrite_would_give_them() {
        let pieces = [
            "a",
            "Zz",
            "1",
            ".",
            " ",
            "  ",
            "\t",
            "\n",
            "[",
            "]",
            "<",
            ">",
            "\\",
            "`",
            ":",
            "~",
            "é",
            "\u{a0}",
            "http://x.y",
            "https://",
            "\"",
            "(",
            ")",
            "#",
            "*",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut plain = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            for _ in 0..(seed >> 60) {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            assert_eq!(prose(&text), prose_rewritten(&text), "{text:?}");
            if is_plain_line(&text) {
                // `code` copies it too: nothing to collapse, no backtick to fence.
                let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(words == text && !text.contains('`'), "{text:?}");
                plain += 1;
            }
        }
        // Both paths were taken.
        assert!(plain > 1_000, "{plain}");
        assert!(!is_plain_line("a  b") && !is_plain_line(" a") && !is_plain_line("a "));
        assert!(is_plain_line("Read-only. Nullable.") && is_plain_line(""));
    }

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

    /// Marker lines expand to exactly what prettyplease prints for the docs.
    #[test]
    fn markers_expand_as_prettyplease_prints() {
        let make = || {
            Docs::outer()
                .text("First [x] line.")
                .raw("`code`  ".into())
                .lines(vec!["- a".into(), "- b".into()])
        };
        let field = |attrs: Vec<syn::Attribute>| syntax::field(attrs, "x", syntax::ty(&["u8"]));
        let item = |outer: Vec<syn::Attribute>, inner: Vec<syn::Attribute>| {
            let item = syntax::struct_item(outer, "S", vec![field(inner)]);
            prettyplease::unparse(&syn::File {
                shebang: None,
                attrs: Vec::new(),
                items: vec![item],
            })
        };
        let direct = item(make().attrs(), make().attrs());
        clear_markers();
        let marked = item(make().marker(), make().marker());
        assert_eq!(expand_markers(&marked), direct);
        assert_eq!(expand_markers(&marked), marked);

        // A struct printed without fields takes its printed body.
        let mut outer = make().marker();
        outer.push(body_marker("    pub x: u8,\n".into()));
        let shell = prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: Vec::new(),
            items: vec![syntax::struct_item(outer, "S", Vec::new())],
        });
        assert_eq!(expand_markers(&shell), item(make().attrs(), Vec::new()));
    }

    #[test]
    fn code_spans() {
        assert_eq!(code("PATCH /a/{id}"), "`PATCH /a/{id}`");
        assert_eq!(code("a`b"), "`` a`b ``");
    }
}
