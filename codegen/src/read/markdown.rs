//! The markdown front-end: pulldown-cmark events → blocks.

use std::borrow::Cow;
use std::cell::Cell;
use std::sync::LazyLock;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use regex::Regex;
use serde_json::Value;

use super::blocks::{Block, Doc, FrontMatter, Row, Text};
use super::scan::{self, count_byte, find_str, find_str_from, squash};
use super::{http, json};
use crate::ir::{Diagnostic, Form};

static ALERT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\[!(NOTE|IMPORTANT|TIP|CAUTION|WARNING)\]\s*(.*)$").unwrap()
});
static BR_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^<\s*br\s*/?\s*>$").unwrap());
static PAIR_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""?([A-Za-z@][\w.@-]*)"?\s*:\s*("(?:[^"\\]|\\.)*"|true|false|-?\d+(?:\.\d+)?)"#)
        .unwrap()
});

/// Maps byte offsets to 1-based lines by counting newlines from the offset
/// asked before: events come mostly in page order, so the page is counted
/// about once (no table of line starts to build).
pub(crate) struct Lines<'a> {
    bytes: &'a [u8],
    /// The last offset asked and its line.
    at: Cell<(usize, usize)>,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Lines {
            bytes: text.as_bytes(),
            at: Cell::new((0, 1)),
        }
    }

    pub(crate) fn line(&self, offset: usize) -> usize {
        let offset = offset.min(self.bytes.len());
        let newlines = |b: &[u8]| count_byte(b, b'\n');
        let (at, line) = self.at.get();
        let line = if offset >= at {
            line + newlines(&self.bytes[at..offset])
        } else {
            line - newlines(&self.bytes[offset..at])
        };
        self.at.set((offset, line));
        line
    }
}

/// Reads front matter (`---` … `---` at the top) when present.
fn front_matter(text: &str) -> Option<FrontMatter> {
    let mut lines = scan::lines(text);
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let mut fm = FrontMatter::default();
    for (i, line) in lines.enumerate() {
        let l = line.trim_end();
        if l == "---" || l == "..." {
            return Some(fm);
        }
        let Some((key, value)) = l.split_once(':') else {
            continue;
        };
        let value = || {
            value
                .trim()
                .trim_matches(|c| c == '"' || c == '\'')
                .trim()
                .to_string()
        };
        match key.trim() {
            "title" => fm.title = Some(value()),
            "doc_type" => {
                fm.doc_type = Some(value());
                fm.doc_type_line = i + 2;
            }
            _ => {}
        }
    }
    // No closing `---`: not front matter after all.
    None
}

/// Reads an annotation comment body, leniently: strict JSON, then JSON with
/// comments and dangling commas removed, then the `"key": value` pairs found.
/// The flag says whether it was (lenient) JSON.
fn annotation(body: &str) -> Option<(Value, bool)> {
    let body = body.trim();
    if !body.starts_with('{') {
        return None;
    }
    match json::parse_body(body) {
        json::Parsed::Strict(v) | json::Parsed::Lenient(v) => Some((v, true)),
        json::Parsed::Invalid(_) => {
            let map: serde_json::Map<String, Value> = PAIR_RE
                .captures_iter(body)
                .filter_map(|c| {
                    let v: Value = serde_json::from_str(&c[2]).ok()?;
                    Some((c[1].to_string(), v))
                })
                .collect();
            Some((Value::Object(map), false))
        }
    }
}

const INCLUDE: &str = "[!INCLUDE";
static INCLUDE_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[!INCLUDE\s*\[([^\]]*)\]\(([^)]*)\)\s*\]").unwrap());

/// The `[!INCLUDE [name](path)]` directives of a line, each as (name, path),
/// as [`INCLUDE_RE`] finds them. Scanned by hand (each part of the regex is
/// deterministic) when every `[!INCLUDE` of the line is a directive; else the
/// regex, whose retries from every later start stay linear where a scan's would not.
fn includes<'a>(line: &'a str, mut found: impl FnMut(&'a str, &'a str)) {
    let directives = || {
        let mut from = 0;
        std::iter::from_fn(move || {
            let start = find_str_from(line, INCLUDE, from)?;
            let rest = &line[start + INCLUDE.len()..];
            let directive = (|| {
                let t = rest.trim_start().strip_prefix('[')?;
                let (name, t) = t.split_once(']')?;
                let (path, t) = t.strip_prefix('(')?.split_once(')')?;
                let after = t.trim_start().strip_prefix(']')?;
                Some((name, path, rest.len() - after.len()))
            })();
            // A `[!INCLUDE` that is no directive ends the scan with `Err`.
            from = match directive {
                Some((_, _, len)) => start + INCLUDE.len() + len,
                None => line.len() + 1,
            };
            Some(directive.map(|(name, path, _)| (name, path)).ok_or(()))
        })
    };
    if directives().all(|d| d.is_ok()) {
        for (name, path) in directives().flatten() {
            found(name, path);
        }
    } else {
        for c in INCLUDE_RE.captures_iter(line) {
            let (_, [name, path]) = c.extract();
            found(name, path);
        }
    }
}

/// `text` with each `[!INCLUDE …]` (up to its first `]`) replaced by a space,
/// as the regex `\[!INCLUDE\s*[^\]]*\]` would.
fn without_includes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    while let Some(start) = find_str_from(text, INCLUDE, last) {
        let Some(close) = text[start + INCLUDE.len()..].find(']') else {
            break;
        };
        out.push_str(&text[last..start]);
        out.push(' ');
        last = start + INCLUDE.len() + close + 1;
    }
    out.push_str(&text[last..]);
    out
}

/// Cells of a raw table row: `|` not escaped and not inside a code span.
fn raw_cell_count(row: &str) -> usize {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row).as_bytes();
    match scan::count_pipes(row) {
        // Nothing escaped, no code span: every `|` but a final one.
        Some(pipes) => 1 + pipes - usize::from(row.last() == Some(&b'|')),
        None => raw_cell_count_marked(row),
    }
}

/// [`raw_cell_count`] of a row with backslashes or backticks.
fn raw_cell_count_marked(row: &[u8]) -> usize {
    let mut count = 1;
    let mut in_code = false;
    let mut escaped = false;
    // The markers are ASCII, so bytes do: a continuation byte never matches one.
    for (i, &c) in row.iter().enumerate() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            b'\\' => escaped = true,
            b'`' => in_code = !in_code,
            b'|' if !in_code && i + 1 < row.len() => count += 1,
            _ => {}
        }
    }
    count
}

/// The bodies of the `<!-- … -->` comments in `html`, in order.
fn comments(html: &str) -> impl Iterator<Item = &str> {
    let mut rest = html;
    std::iter::from_fn(move || {
        let body_start = find_str(rest, "<!--")? + 4;
        let close = find_str_from(rest, "-->", body_start)?;
        let body = &rest[body_start..close];
        rest = &rest[close + 3..];
        Some(body)
    })
}

/// Where `piece` sits in `page`, when it is a slice of it.
fn offset_in(page: &str, piece: &str) -> Option<usize> {
    let at = (piece.as_ptr() as usize).checked_sub(page.as_ptr() as usize)?;
    page.get(at..at.checked_add(piece.len())?)?;
    Some(at)
}

/// `piece` as a slice of `page` when it is one, else a copy.
fn in_page<'a>(page: &'a str, piece: &str) -> Text<'a> {
    match offset_in(page, piece) {
        Some(at) => Cow::Borrowed(&page[at..at + piece.len()]),
        None => Cow::Owned(piece.to_string()),
    }
}

/// Text gathered from a run of events: a slice of the page while each piece
/// starts where the one before ended (the usual cell, heading or code block:
/// no copy), else copied into a buffer that keeps its capacity between uses.
#[derive(Default)]
struct Gather {
    /// Where the pieces sit in the page, while they follow each other there.
    span: Option<(usize, usize)>,
    /// The pieces, once they stopped following each other.
    buf: String,
    copied: bool,
}

impl Gather {
    fn with_capacity(n: usize) -> Self {
        Gather {
            buf: String::with_capacity(n),
            ..Gather::default()
        }
    }

    fn clear(&mut self) {
        self.span = None;
        self.buf.clear();
        self.copied = false;
    }

    fn push(&mut self, page: &str, piece: &str) {
        if !self.copied {
            let at = offset_in(page, piece);
            match (self.span, at) {
                (None, Some(at)) => {
                    self.span = Some((at, at + piece.len()));
                    return;
                }
                (Some((start, end)), Some(at)) if at == end => {
                    self.span = Some((start, end + piece.len()));
                    return;
                }
                (Some((start, end)), _) => self.buf.push_str(&page[start..end]),
                (None, None) => {}
            }
            self.span = None;
            self.copied = true;
        }
        self.buf.push_str(piece);
    }

    fn as_str<'p>(&'p self, page: &'p str) -> &'p str {
        match self.span {
            Some((start, end)) => &page[start..end],
            None => &self.buf,
        }
    }

    /// The text as gathered: the page's slice, or a copy of the buffer.
    fn text<'a>(&self, page: &'a str) -> Text<'a> {
        match self.span {
            Some((start, end)) => Cow::Borrowed(&page[start..end]),
            None => Cow::Owned(self.buf.clone()),
        }
    }

    /// The text, whitespace squashed: the page's slice when that is squashed already.
    fn squashed<'a>(&self, page: &'a str) -> Text<'a> {
        match self.span {
            Some((start, end)) => scan::squash_cow(&page[start..end]),
            None => Cow::Owned(squash(&self.buf)),
        }
    }
}

struct TableState<'a> {
    header: Vec<Text<'a>>,
    rows: Vec<Row<'a>>,
    line: usize,
    cells: Vec<Text<'a>>,
    row_line: usize,
    row_raw_cells: usize,
}

struct State<'a> {
    /// The page text being read (offsets of events point into it).
    text: &'a str,
    lines: Lines<'a>,
    blocks: Vec<Block<'a>>,
    diagnostics: Vec<Diagnostic>,
    /// Inline text of the paragraph, list item or heading being read.
    inline: Gather,
    inline_line: usize,
    /// Where the paragraph being read sits in `text` (for include directives).
    inline_raw: Option<std::ops::Range<usize>>,
    heading: Option<u8>,
    /// The table cell being read, when inside one.
    in_cell: bool,
    cell: Gather,
    table: Option<TableState<'a>>,
    /// The code block being read: its info word and first line; its text.
    code: Option<(Text<'a>, usize)>,
    code_text: Gather,
    html: Gather,
    html_line: usize,
    pending_annotation: Option<Value>,
    skip_depth: usize,
}

impl<'a> State<'a> {
    fn push_text(&mut self, text: &str, offset: usize) {
        if self.skip_depth > 0 {
            return;
        }
        let page = self.text;
        if self.code.is_some() {
            self.code_text.push(page, text);
        } else if self.in_cell {
            self.cell.push(page, text);
        } else {
            if self.inline.as_str(page).trim().is_empty() {
                self.inline_line = self.lines.line(offset);
            }
            self.inline.push(page, text);
        }
    }

    fn push_block(&mut self, block: Block<'a>) {
        if !matches!(block, Block::Code { .. } | Block::Include { .. }) {
            self.pending_annotation = None;
        }
        self.blocks.push(block);
    }

    /// Emits the inline text gathered so far as paragraph(s) and include blocks.
    fn flush_inline(&mut self) {
        let line = self.inline_line;
        let page = self.text;
        if let Some(raw) = self.inline_raw.take() {
            let raw = &page[raw];
            if find_str(raw, INCLUDE).is_some() {
                for (i, raw_line) in raw.lines().enumerate() {
                    includes(raw_line, |name, path| {
                        self.push_block(Block::Include {
                            name: Cow::Borrowed(name.trim()),
                            path: Cow::Borrowed(path.trim()),
                            line: line + i,
                        })
                    });
                }
            }
        }
        let inline = self.inline.as_str(page);
        if inline.is_empty() {
            return;
        }
        let text = if find_str(inline, INCLUDE).is_some() {
            Cow::Owned(squash(&without_includes(inline)))
        } else {
            self.inline.squashed(page)
        };
        // The buffer keeps its capacity for the next paragraph.
        self.inline.clear();
        if text.is_empty() {
            return;
        }
        // `> [!NOTE]` alerts render as a "Note" line before their text.
        if text.starts_with("[!") {
            if let Some(c) = ALERT_RE.captures(&text) {
                let kind = c[1].to_lowercase();
                let kind = format!("{}{}", kind[..1].to_uppercase(), &kind[1..]);
                let rest = c[2].to_string();
                self.push_block(Block::Paragraph {
                    text: Cow::Owned(kind),
                    line,
                });
                if !rest.is_empty() {
                    self.push_block(Block::Paragraph {
                        text: Cow::Owned(rest),
                        line,
                    });
                }
                return;
            }
        }
        if text.starts_with('#')
            && !self
                .blocks
                .iter()
                .any(|b| matches!(b, Block::Heading { .. }))
        {
            if let Some((level, title)) = super::blocks::unspaced_title(&text) {
                let text = Cow::Owned(title.to_string());
                self.push_block(Block::Heading { level, text, line });
                return;
            }
        }
        self.push_block(Block::Paragraph { text, line });
    }

    fn html_comment(&mut self, source: &str, html: &str, line: usize) {
        for body in comments(html) {
            if let Some((v, strict)) = annotation(body) {
                // Only block annotations matter; page annotations (`#page.annotation`) do not.
                if !strict && v.get("blockType").is_some() {
                    self.diagnostics.push(Diagnostic {
                        file: source.to_string(),
                        line,
                        code: "annotation-invalid".into(),
                        message: "annotation comment is not JSON; read its \"key\": value pairs only (expected `<!-- { \"blockType\": … } -->` holding a JSON object)".into(),
                    });
                }
                self.pending_annotation = Some(v);
            }
        }
    }
}

/// `<br>`, `<br/>`, `< BR />`: a line break written as inline HTML.
fn is_br(html: &str) -> bool {
    let h = html.trim();
    // The regex only for what starts like one.
    h.strip_prefix('<')
        .is_some_and(|r| super::scan::starts_with_ci(r.trim_start(), "br"))
        && BR_RE.is_match(h)
}

/// The page with the tabs of its table rows made spaces, when it has any:
/// tabs there stop pulldown-cmark from seeing the table, where the published
/// page shows one. One byte for one: offsets and lines stay right.
pub fn detab(text: &str) -> Option<String> {
    let table_line = |l: &str| l.trim_start().starts_with('|');
    let b = text.as_bytes();
    // Tab by tab (most pages have none): the first whose line is a table row.
    let mut from = 0;
    let first = loop {
        let tab = scan::find_byte_far(b, from, b'\t')?;
        let start = b[..tab]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |i| i + 1);
        let end = scan::find_byte(b, tab, b'\n').map_or(b.len(), |i| i + 1);
        if table_line(&text[start..end]) {
            break start;
        }
        from = end;
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    for l in text[first..].split_inclusive('\n') {
        if table_line(l) {
            for (k, piece) in l.split('\t').enumerate() {
                if k > 0 {
                    out.push(' ');
                }
                out.push_str(piece);
            }
        } else {
            out.push_str(l);
        }
    }
    Some(out)
}

/// Reads a markdown page (tabs already [`detab`]bed) into blocks, borrowing
/// their text from the page where it can.
pub fn parse<'a>(source: &str, text: &'a str) -> Doc<'a> {
    let lines = Lines::new(text);
    // Room up front for what a page usually holds, rather than growing (and
    // copying) each buffer a few times per page.
    let mut st = State {
        text,
        lines,
        blocks: Vec::with_capacity(text.len() / 128 + 8),
        diagnostics: Vec::new(),
        inline: Gather::with_capacity(1024),
        inline_line: 0,
        inline_raw: None,
        heading: None,
        in_cell: false,
        cell: Gather::with_capacity(512),
        table: None,
        code: None,
        code_text: Gather::with_capacity(1024),
        html: Gather::with_capacity(256),
        html_line: 0,
        pending_annotation: None,
        skip_depth: 0,
    };
    let options = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let start = range.start;
        // Lines are looked up only for the events that record one.
        let line = |st: &State| st.lines.line(start);
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => {
                    st.flush_inline();
                    st.inline_line = line(&st);
                    st.inline_raw = Some(range);
                }
                Tag::Heading { level, .. } => {
                    st.flush_inline();
                    st.heading = Some(level as u8);
                    st.inline_line = line(&st);
                }
                Tag::BlockQuote(_) | Tag::List(_) | Tag::Item => st.flush_inline(),
                Tag::HtmlBlock => {
                    st.flush_inline();
                    st.html_line = line(&st);
                }
                Tag::CodeBlock(kind) => {
                    st.flush_inline();
                    let line = line(&st);
                    st.code_text.clear();
                    let (info, first) = match kind {
                        CodeBlockKind::Fenced(info) => {
                            let mut words = info.splitn(2, char::is_whitespace);
                            let lang = in_page(text, words.next().unwrap_or(""));
                            // "```http GET /x": the request line went into the info string.
                            let rest = words.next().unwrap_or("").trim();
                            if http::request_parts(rest).is_some() {
                                st.code_text.push(text, rest);
                                st.code_text.push(text, "\n");
                            }
                            (lang, line + 1)
                        }
                        CodeBlockKind::Indented => (Cow::Borrowed(""), line),
                    };
                    st.code = Some((info, first));
                }
                Tag::Table(_) => {
                    st.flush_inline();
                    let line = line(&st);
                    // One row a line, less the header and its separator.
                    let rows = count_byte(text[range].as_bytes(), b'\n').saturating_sub(1);
                    st.table = Some(TableState {
                        header: Vec::new(),
                        rows: Vec::with_capacity(rows),
                        line,
                        cells: Vec::new(),
                        row_line: line,
                        row_raw_cells: 0,
                    });
                }
                Tag::TableHead | Tag::TableRow => {
                    let line = line(&st);
                    if let Some(t) = st.table.as_mut() {
                        t.cells.clear();
                        t.row_line = line;
                        let raw_line = scan::lines(&text[range]).next().unwrap_or("");
                        t.row_raw_cells = raw_cell_count(raw_line);
                    }
                }
                Tag::TableCell => {
                    st.in_cell = true;
                    st.cell.clear();
                }
                // Image alt text and front matter are not page text.
                Tag::Image { .. } | Tag::MetadataBlock(_) => st.skip_depth += 1,
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph => st.flush_inline(),
                TagEnd::Heading(_) => {
                    let text = st.inline.squashed(text);
                    st.inline.clear();
                    let level = st.heading.take().unwrap_or(1);
                    let line = st.inline_line;
                    st.push_block(Block::Heading { level, text, line });
                }
                TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item => st.flush_inline(),
                TagEnd::HtmlBlock => {
                    let mut html = std::mem::take(&mut st.html);
                    st.html_comment(source, html.as_str(text), st.html_line);
                    // Keep the buffer for the next block.
                    html.clear();
                    st.html = html;
                }
                TagEnd::CodeBlock => {
                    if let Some((info, line)) = st.code.take() {
                        let annotation = st.pending_annotation.take();
                        let code = st.code_text.text(text);
                        st.push_block(Block::Code {
                            info,
                            text: code,
                            line,
                            annotation,
                        });
                    }
                }
                TagEnd::TableCell => {
                    let cell = if st.in_cell {
                        st.cell.squashed(text)
                    } else {
                        Cow::Borrowed("")
                    };
                    st.in_cell = false;
                    if let Some(t) = st.table.as_mut() {
                        // A row has the header's cells: one allocation for them.
                        if t.cells.capacity() == 0 {
                            t.cells.reserve_exact(t.header.len().max(1));
                        }
                        t.cells.push(cell);
                    }
                }
                TagEnd::TableHead => {
                    if let Some(t) = st.table.as_mut() {
                        t.header = std::mem::take(&mut t.cells);
                    }
                }
                TagEnd::TableRow => {
                    if let Some(t) = st.table.as_mut() {
                        let mut cells = std::mem::take(&mut t.cells);
                        // pulldown-cmark pads short rows with empty cells: keep the row as written.
                        if t.row_raw_cells < cells.len() {
                            cells.truncate(t.row_raw_cells.max(1));
                        }
                        t.rows.push(Row {
                            cells,
                            line: t.row_line,
                        });
                    }
                }
                TagEnd::Table => {
                    if let Some(t) = st.table.take() {
                        st.push_block(Block::Table {
                            header: t.header,
                            rows: t.rows,
                            line: t.line,
                        });
                    }
                }
                TagEnd::Image | TagEnd::MetadataBlock(_) => {
                    st.skip_depth = st.skip_depth.saturating_sub(1)
                }
                _ => {}
            },
            Event::Text(t) => st.push_text(&t, start),
            Event::Code(t) => st.push_text(&t, start),
            // A line break is whitespace, which every reader of inline text
            // squashes: the page's own (a slice) serves as well as a space.
            Event::SoftBreak | Event::HardBreak => {
                let own = &text[range];
                let ws = !own.is_empty() && own.trim().is_empty();
                st.push_text(if ws { own } else { " " }, start)
            }
            Event::Html(h) => st.html.push(text, &h),
            Event::InlineHtml(h) => {
                if is_br(&h) {
                    st.push_text(" ", start);
                } else if h.starts_with("<!--") {
                    let line = line(&st);
                    st.html_comment(source, &h, line);
                }
            }
            _ => {}
        }
    }
    st.flush_inline();
    Doc {
        form: Form::Markdown,
        front_matter: front_matter(text),
        blocks: st.blocks,
        diagnostics: st.diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(md: &str) -> Vec<Block<'_>> {
        parse("t.md", md).blocks
    }

    #[test]
    fn headings_paragraphs_includes() {
        let b = blocks("---\ntitle: \"X\"\ndoc_type: apiPageType\n---\n\n# Get *x*\nNamespace: microsoft.graph\n\n[!INCLUDE [beta-disclaimer](../../includes/beta-disclaimer.md)]\n\nSee [user](user.md) and `code`.\n");
        assert_eq!(
            b[0],
            Block::Heading {
                level: 1,
                text: "Get x".into(),
                line: 6
            }
        );
        assert_eq!(
            b[1],
            Block::Paragraph {
                text: "Namespace: microsoft.graph".into(),
                line: 7
            }
        );
        assert!(matches!(&b[2], Block::Include { name, line: 9, .. } if name == "beta-disclaimer"));
        assert_eq!(
            b[3],
            Block::Paragraph {
                text: "See user and code.".into(),
                line: 11
            }
        );
        let fm = parse("t.md", "---\ntitle: \"X\"\ndoc_type: 'apiPageType'\n---\n")
            .front_matter
            .unwrap();
        assert_eq!(fm.doc_type.as_deref(), Some("apiPageType"));
    }

    #[test]
    fn tables() {
        let b = blocks("|Property|Type|Description|\n|:--|:--|:--|\n|a\\|b|[x](x.md) collection|One<br>two|\n|short|\n");
        let Block::Table { header, rows, line } = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(header, &["Property", "Type", "Description"]);
        assert_eq!(*line, 1);
        assert_eq!(rows[0].cells, vec!["a|b", "x collection", "One two"]);
        assert_eq!(rows[0].line, 3);
        assert_eq!(rows[1].cells, vec!["short"]);
        for (row, cells) in [
            ("|a|b|", 2),
            ("a|b", 2),
            ("|a|b", 2),
            ("| `a|b` | c\\|d |", 2),
            ("|", 1),
            ("||", 1),
        ] {
            assert_eq!(raw_cell_count(row), cells, "{row}");
        }
        assert_eq!(rows[1].line, 4);
    }

    #[test]
    fn code_with_annotation() {
        let b = blocks("Text\n<!-- {\n  \"blockType\": \"response\",\n  \"truncated\": true,\n} -->\n```http\nHTTP/1.1 200 OK\n```\n");
        let Block::Code {
            info,
            text,
            line,
            annotation,
        } = &b[1]
        else {
            panic!("{b:?}")
        };
        assert_eq!(info, "http");
        assert_eq!(text, "HTTP/1.1 200 OK\n");
        assert_eq!(*line, 7);
        assert_eq!(annotation.as_ref().unwrap()["truncated"], Value::Bool(true));
    }

    #[test]
    fn include_scan_matches_the_regexes() {
        let with = &*INCLUDE_RE;
        let text_re = Regex::new(r"\[!INCLUDE\s*[^\]]*\]").unwrap();
        for t in [
            "[!INCLUDE [a](b.md)]",
            "x [!INCLUDE  [a b](../c.md) ] y [!INCLUDE[d](e)]",
            "[!INCLUDE [a](b.md)",
            "[!INCLUDE [a]](b)] [!INCLUDE [[x](y)]",
            "[!INCLUDE\u{a0}[n](p)\u{2003}] [!INCLUDE [n] (p)]",
            "[!INCLUDE [!INCLUDE [n](p)]",
            "no directive",
            "[!INCLUDE",
        ] {
            let expected: Vec<(&str, &str)> = with
                .captures_iter(t)
                .map(|c| (c.get(1).unwrap().as_str(), c.get(2).unwrap().as_str()))
                .collect();
            let mut got = Vec::new();
            includes(t, |n, p| got.push((n, p)));
            assert_eq!(got, expected, "{t:?}");
            assert_eq!(without_includes(t), text_re.replace_all(t, " "), "{t:?}");
        }
    }

    #[test]
    fn gather_borrows_only_what_follows_on() {
        let page = "abc def";
        let mut g = Gather::default();
        g.push(page, &page[0..3]);
        g.push(page, &page[3..7]);
        assert!(matches!(g.text(page), Cow::Borrowed("abc def")));
        // A piece from elsewhere (a space for a break, an unescaped character) copies.
        g.push(page, "!");
        g.push(page, &page[0..1]);
        assert!(matches!(g.text(page), Cow::Owned(ref t) if t == "abc def!a"));
        g.clear();
        g.push(page, &page[4..7]);
        g.push(page, &page[0..3]);
        assert_eq!(g.as_str(page), "defabc");
        assert!(matches!(g.squashed(page), Cow::Owned(ref t) if t == "defabc"));
        g.clear();
        g.push(page, "x  y");
        assert_eq!(g.squashed(page), "x y");
    }

    #[test]
    fn breaks_read_as_spaces() {
        let b = blocks("a\n   b  \nc\\\nd\n\n# x\ty\n\n|h|\n|-|\n|e\\|f|\n");
        assert_eq!(
            b[0],
            Block::Paragraph {
                text: "a b c d".into(),
                line: 1
            }
        );
        assert!(matches!(&b[1], Block::Heading { text, .. } if text == "x y"));
        assert!(matches!(&b[2], Block::Table { rows, .. } if rows[0].cells == ["e|f"]));
    }

    #[test]
    fn detab_only_table_rows() {
        // As replacing every tab of every line that starts (after whitespace) with `|`.
        let by_lines = |t: &str| -> String {
            t.split_inclusive('\n')
                .map(|l| {
                    if l.trim_start().starts_with('|') {
                        l.replace('\t', " ")
                    } else {
                        l.to_string()
                    }
                })
                .collect()
        };
        for t in [
            "no tabs\n|a|b|\n",
            "a\tb\n|x|y|\n",
            "a\tb\n|x|\ty|\n\tc\td\n \t| e\t|",
            "\t|a\t|\n",
            "|a|\t",
            "x\n\t\n\n|é\t|\r\n\t",
        ] {
            let want = by_lines(t);
            assert_eq!(detab(t).unwrap_or_else(|| t.to_string()), want, "{t:?}");
            assert_eq!(detab(t).is_some(), want != t, "{t:?}");
        }
    }

    #[test]
    fn alerts() {
        let b = blocks("> [!NOTE]\n> Be careful.\n");
        assert_eq!(
            b[0],
            Block::Paragraph {
                text: "Note".into(),
                line: 1
            }
        );
        assert_eq!(
            b[1],
            Block::Paragraph {
                text: "Be careful.".into(),
                line: 1
            }
        );
    }
}
