//! The markdown front-end: pulldown-cmark events → blocks.

use std::cell::Cell;
use std::sync::LazyLock;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use regex::Regex;
use serde_json::Value;

use super::blocks::{Block, Doc, FrontMatter, Row};
use super::scan::{self, count_byte, find_str, find_str_from, squash, squash_into};
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

struct TableState {
    header: Vec<String>,
    rows: Vec<Row>,
    line: usize,
    cells: Vec<String>,
    row_line: usize,
    row_raw_cells: usize,
}

struct State<'a> {
    /// The page text being read (offsets of events point into it).
    text: &'a str,
    lines: Lines<'a>,
    blocks: Vec<Block>,
    diagnostics: Vec<Diagnostic>,
    /// Inline text of the paragraph, list item or heading being read.
    inline: String,
    inline_line: usize,
    /// Where the paragraph being read sits in `text` (for include directives).
    inline_raw: Option<std::ops::Range<usize>>,
    heading: Option<u8>,
    /// The table cell being read, when inside one (the buffer is reused).
    in_cell: bool,
    cell: String,
    table: Option<TableState>,
    code: Option<(String, String, usize)>,
    html: String,
    html_line: usize,
    pending_annotation: Option<Value>,
    skip_depth: usize,
}

impl State<'_> {
    fn push_text(&mut self, text: &str, offset: usize) {
        if self.skip_depth > 0 {
            return;
        }
        if let Some((_, code, _)) = self.code.as_mut() {
            code.push_str(text);
        } else if self.in_cell {
            self.cell.push_str(text);
        } else {
            if self.inline.trim().is_empty() {
                self.inline_line = self.lines.line(offset);
            }
            self.inline.push_str(text);
        }
    }

    fn push_block(&mut self, block: Block) {
        if !matches!(block, Block::Code { .. } | Block::Include { .. }) {
            self.pending_annotation = None;
        }
        self.blocks.push(block);
    }

    /// Emits the inline text gathered so far as paragraph(s) and include blocks.
    fn flush_inline(&mut self) {
        let line = self.inline_line;
        if let Some(raw) = self.inline_raw.take() {
            let raw = &self.text[raw];
            if find_str(raw, INCLUDE).is_some() {
                for (i, raw_line) in raw.lines().enumerate() {
                    includes(raw_line, |name, path| {
                        self.push_block(Block::Include {
                            name: name.trim().to_string(),
                            path: path.trim().to_string(),
                            line: line + i,
                        })
                    });
                }
            }
        }
        if self.inline.is_empty() {
            return;
        }
        // The buffer keeps its capacity for the next paragraph.
        let text = if find_str(&self.inline, INCLUDE).is_some() {
            squash(&without_includes(&self.inline))
        } else {
            squash(&self.inline)
        };
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
                self.push_block(Block::Paragraph { text: kind, line });
                if !rest.is_empty() {
                    self.push_block(Block::Paragraph { text: rest, line });
                }
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

/// Reads a markdown page into blocks.
pub fn parse(source: &str, text: &str) -> Doc {
    let lines = Lines::new(text);
    // Tabs in table rows stop pulldown-cmark from seeing the table, where the
    // published page shows one. One byte for one: offsets stay right.
    let detabbed: String;
    let text = if text.contains('\t') {
        let mut out = String::with_capacity(text.len());
        for l in text.split_inclusive('\n') {
            if l.trim_start().starts_with('|') {
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
        detabbed = out;
        detabbed.as_str()
    } else {
        text
    };
    // Room up front for what a page usually holds, rather than growing (and
    // copying) each buffer a few times per page.
    let mut st = State {
        text,
        lines,
        blocks: Vec::with_capacity(text.len() / 128 + 8),
        diagnostics: Vec::new(),
        inline: String::with_capacity(1024),
        inline_line: 0,
        inline_raw: None,
        heading: None,
        in_cell: false,
        cell: String::with_capacity(512),
        table: None,
        code: None,
        html: String::with_capacity(256),
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
                    // The block's text is at most its extent in the page: one allocation.
                    let capacity = range.len();
                    let (info, first, code) = match kind {
                        CodeBlockKind::Fenced(info) => {
                            let mut words = info.splitn(2, char::is_whitespace);
                            let lang = words.next().unwrap_or("").to_string();
                            // "```http GET /x": the request line went into the info string.
                            let rest = words.next().unwrap_or("").trim();
                            let mut code = String::with_capacity(capacity);
                            if http::request_parts(rest).is_some() {
                                code.push_str(rest);
                                code.push('\n');
                            }
                            (lang, line + 1, code)
                        }
                        CodeBlockKind::Indented => {
                            (String::new(), line, String::with_capacity(capacity))
                        }
                    };
                    st.code = Some((info, code, first));
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
                    let text = squash(&st.inline);
                    st.inline.clear();
                    let level = st.heading.take().unwrap_or(1);
                    let line = st.inline_line;
                    st.push_block(Block::Heading { level, text, line });
                }
                TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item => st.flush_inline(),
                TagEnd::HtmlBlock => {
                    let html = std::mem::take(&mut st.html);
                    st.html_comment(source, &html, st.html_line);
                    // Keep the buffer for the next block.
                    st.html = html;
                    st.html.clear();
                }
                TagEnd::CodeBlock => {
                    if let Some((info, code, line)) = st.code.take() {
                        let annotation = st.pending_annotation.take();
                        st.push_block(Block::Code {
                            info,
                            text: code,
                            line,
                            annotation,
                        });
                    }
                }
                TagEnd::TableCell => {
                    let mut cell = String::with_capacity(st.cell.len());
                    if st.in_cell {
                        squash_into(&st.cell, &mut cell);
                    }
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
            Event::SoftBreak | Event::HardBreak => st.push_text(" ", start),
            Event::Html(h) => st.html.push_str(&h),
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

    fn blocks(md: &str) -> Vec<Block> {
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
