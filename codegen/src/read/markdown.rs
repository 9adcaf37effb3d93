//! The markdown front-end: pulldown-cmark events → blocks.

use std::sync::LazyLock;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use regex::Regex;
use serde_json::Value;

use super::blocks::{Block, Doc, FrontMatter, Row};
use super::{http, json};
use crate::ir::{Diagnostic, Form};

static INCLUDE_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[!INCLUDE\s*\[([^\]]*)\]\(([^)]*)\)\s*\]").unwrap());
static INCLUDE_TEXT_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[!INCLUDE\s*[^\]]*\]").unwrap());
static ALERT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\[!(NOTE|IMPORTANT|TIP|CAUTION|WARNING)\]\s*(.*)$").unwrap()
});
static COMMENT_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<!--(.*?)-->").unwrap());
static BR_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^<\s*br\s*/?\s*>$").unwrap());
static PAIR_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""?([A-Za-z@][\w.@-]*)"?\s*:\s*("(?:[^"\\]|\\.)*"|true|false|-?\d+(?:\.\d+)?)"#)
        .unwrap()
});

/// Maps byte offsets to 1-based lines.
pub(crate) struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub(crate) fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts }
    }

    pub(crate) fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

/// Collapses whitespace (including no-break spaces) to single spaces.
fn squash(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads front matter (`---` … `---` at the top) when present.
fn front_matter(text: &str) -> Option<FrontMatter> {
    let mut lines = text.lines();
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
        let value = value
            .trim()
            .trim_matches(|c| c == '"' || c == '\'')
            .trim()
            .to_string();
        match key.trim() {
            "title" => fm.title = Some(value),
            "doc_type" => {
                fm.doc_type = Some(value);
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

/// Cells of a raw table row: `|` not escaped and not inside a code span.
fn raw_cell_count(row: &str) -> usize {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let mut count = 1;
    let mut in_code = false;
    let mut escaped = false;
    let chars: Vec<char> = row.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '`' => in_code = !in_code,
            '|' if !in_code && i + 1 < chars.len() => count += 1,
            _ => {}
        }
    }
    count
}

struct TableState {
    header: Vec<String>,
    rows: Vec<Row>,
    line: usize,
    cells: Vec<String>,
    row_line: usize,
    row_raw_cells: usize,
}

#[derive(Default)]
struct State {
    blocks: Vec<Block>,
    diagnostics: Vec<Diagnostic>,
    /// Inline text of the paragraph, list item or heading being read.
    inline: String,
    inline_line: usize,
    inline_raw: String,
    heading: Option<u8>,
    cell: Option<String>,
    table: Option<TableState>,
    code: Option<(String, String, usize)>,
    html: String,
    html_line: usize,
    pending_annotation: Option<Value>,
    skip_depth: usize,
}

impl State {
    fn push_text(&mut self, text: &str, line: usize) {
        if self.skip_depth > 0 {
            return;
        }
        if let Some((_, code, _)) = self.code.as_mut() {
            code.push_str(text);
        } else if let Some(cell) = self.cell.as_mut() {
            cell.push_str(text);
        } else {
            if self.inline.trim().is_empty() {
                self.inline_line = line;
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
        let text = std::mem::take(&mut self.inline);
        let raw = std::mem::take(&mut self.inline_raw);
        let line = self.inline_line;
        for (i, raw_line) in raw.lines().enumerate() {
            for c in INCLUDE_RE.captures_iter(raw_line) {
                self.push_block(Block::Include {
                    name: c[1].trim().to_string(),
                    path: c[2].trim().to_string(),
                    line: line + i,
                });
            }
        }
        let text = squash(&INCLUDE_TEXT_RE.replace_all(&text, " "));
        if text.is_empty() {
            return;
        }
        // `> [!NOTE]` alerts render as a "Note" line before their text.
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
        self.push_block(Block::Paragraph { text, line });
    }

    fn html_comment(&mut self, source: &str, html: &str, line: usize) {
        for c in COMMENT_RE.captures_iter(html) {
            if let Some((v, strict)) = annotation(&c[1]) {
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

/// Reads a markdown page into blocks.
pub fn parse(source: &str, text: &str) -> Doc {
    let lines = Lines::new(text);
    // Tabs in table rows stop pulldown-cmark from seeing the table, where the
    // published page shows one. One byte for one: offsets stay right.
    let detabbed: String;
    let text = if text.contains('\t') {
        detabbed = text
            .split_inclusive('\n')
            .map(|l| {
                if l.trim_start().starts_with('|') {
                    l.replace('\t', " ")
                } else {
                    l.to_string()
                }
            })
            .collect();
        detabbed.as_str()
    } else {
        text
    };
    let mut st = State::default();
    let options = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let line = lines.line(range.start);
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => {
                    st.flush_inline();
                    st.inline_line = line;
                    st.inline_raw = text[range.clone()].to_string();
                }
                Tag::Heading { level, .. } => {
                    st.flush_inline();
                    st.heading = Some(level as u8);
                    st.inline_line = line;
                }
                Tag::BlockQuote(_) | Tag::List(_) | Tag::Item => st.flush_inline(),
                Tag::HtmlBlock => {
                    st.flush_inline();
                    st.html_line = line;
                }
                Tag::CodeBlock(kind) => {
                    st.flush_inline();
                    let (info, first, code) = match kind {
                        CodeBlockKind::Fenced(info) => {
                            let mut words = info.splitn(2, char::is_whitespace);
                            let lang = words.next().unwrap_or("").to_string();
                            // "```http GET /x": the request line went into the info string.
                            let rest = words.next().unwrap_or("").trim();
                            let code = if http::request_line(rest).is_some() {
                                format!("{rest}\n")
                            } else {
                                String::new()
                            };
                            (lang, line + 1, code)
                        }
                        CodeBlockKind::Indented => (String::new(), line, String::new()),
                    };
                    st.code = Some((info, code, first));
                }
                Tag::Table(_) => {
                    st.flush_inline();
                    st.table = Some(TableState {
                        header: Vec::new(),
                        rows: Vec::new(),
                        line,
                        cells: Vec::new(),
                        row_line: line,
                        row_raw_cells: 0,
                    });
                }
                Tag::TableHead | Tag::TableRow => {
                    if let Some(t) = st.table.as_mut() {
                        t.cells.clear();
                        t.row_line = line;
                        let raw_line = text[range.clone()].lines().next().unwrap_or("");
                        t.row_raw_cells = raw_cell_count(raw_line);
                    }
                }
                Tag::TableCell => st.cell = Some(String::new()),
                // Image alt text and front matter are not page text.
                Tag::Image { .. } | Tag::MetadataBlock(_) => st.skip_depth += 1,
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph => st.flush_inline(),
                TagEnd::Heading(_) => {
                    let text = squash(&std::mem::take(&mut st.inline));
                    let level = st.heading.take().unwrap_or(1);
                    let line = st.inline_line;
                    st.push_block(Block::Heading { level, text, line });
                }
                TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item => st.flush_inline(),
                TagEnd::HtmlBlock => {
                    let html = std::mem::take(&mut st.html);
                    st.html_comment(source, &html, st.html_line);
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
                    let cell = squash(&st.cell.take().unwrap_or_default());
                    if let Some(t) = st.table.as_mut() {
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
            Event::Text(t) => st.push_text(&t, line),
            Event::Code(t) => st.push_text(&t, line),
            Event::SoftBreak | Event::HardBreak => st.push_text(" ", line),
            Event::Html(h) => st.html.push_str(&h),
            Event::InlineHtml(h) => {
                if BR_RE.is_match(h.trim()) {
                    st.push_text(" ", line);
                } else if h.starts_with("<!--") {
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
