//! The common block stream both front-ends produce and the extractor reads.

use std::borrow::Cow;

use serde_json::Value;

use crate::ir::{Diagnostic, Form};

/// Text of a block: a slice of the page when the page holds it as it is (no
/// copy for most cells, headings and code), else built.
pub type Text<'a> = Cow<'a, str>;

/// One block of a page, in document order. Lines are 1-based lines of the file.
#[derive(Debug, Clone, PartialEq)]
pub enum Block<'a> {
    /// A heading. Markdown keeps its `#` level; the text form has no levels, so
    /// its front-end gives the title 1, sections 2 and example parts 3.
    Heading {
        level: u8,
        text: Text<'a>,
        line: usize,
    },
    /// Plain text: links and emphasis reduced to their text, one line.
    Paragraph { text: Text<'a>, line: usize },
    /// A markdown `[!INCLUDE [name](path)]` line (the text form renders or drops them).
    Include {
        name: Text<'a>,
        path: Text<'a>,
        line: usize,
    },
    /// A table. `header` holds the header cells; rows hold their cells as read
    /// (a row the text front-end could not split is one cell: the whole line).
    Table {
        header: Vec<Text<'a>>,
        rows: Vec<Row<'a>>,
        line: usize,
    },
    /// A code block without its fences. `line` is the line of its first content line.
    Code {
        info: Text<'a>,
        text: Text<'a>,
        line: usize,
        /// The `<!-- { … } -->` annotation just before the block (markdown only).
        annotation: Option<Value>,
    },
}

impl Block<'_> {
    pub fn line(&self) -> usize {
        match self {
            Block::Heading { line, .. }
            | Block::Paragraph { line, .. }
            | Block::Include { line, .. }
            | Block::Table { line, .. }
            | Block::Code { line, .. } => *line,
        }
    }

    /// The block with every line of it moved to `at` (an included file's
    /// blocks take the line of the directive that includes them).
    pub fn at_line(self, at: usize) -> Self {
        match self {
            Block::Heading { level, text, .. } => Block::Heading {
                level,
                text,
                line: at,
            },
            Block::Paragraph { text, .. } => Block::Paragraph { text, line: at },
            Block::Include { name, path, .. } => Block::Include {
                name,
                path,
                line: at,
            },
            Block::Table { header, rows, .. } => Block::Table {
                header,
                rows: rows
                    .into_iter()
                    .map(|r| Row {
                        cells: r.cells,
                        line: at,
                    })
                    .collect(),
                line: at,
            },
            Block::Code {
                info,
                text,
                annotation,
                ..
            } => Block::Code {
                info,
                text,
                line: at,
                annotation,
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'a> {
    pub cells: Vec<Text<'a>>,
    pub line: usize,
}

/// The markdown front matter fields the reader uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub doc_type: Option<String>,
    /// Line of the `doc_type:` entry (for diagnostics).
    pub doc_type_line: usize,
}

/// A page as a block stream, whatever its form.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc<'a> {
    pub form: Form,
    pub front_matter: Option<FrontMatter>,
    pub blocks: Vec<Block<'a>>,
    /// Problems a front-end met (e.g. an annotation it could not read).
    pub diagnostics: Vec<Diagnostic>,
}

fn owned(t: Text<'_>) -> Text<'static> {
    Cow::Owned(t.into_owned())
}

impl Doc<'_> {
    /// The same blocks, borrowing nothing (for a page read from a copy of its text).
    pub fn into_owned(self) -> Doc<'static> {
        let blocks = self
            .blocks
            .into_iter()
            .map(|b| match b {
                Block::Heading { level, text, line } => Block::Heading {
                    level,
                    text: owned(text),
                    line,
                },
                Block::Paragraph { text, line } => Block::Paragraph {
                    text: owned(text),
                    line,
                },
                Block::Include { name, path, line } => Block::Include {
                    name: owned(name),
                    path: owned(path),
                    line,
                },
                Block::Table { header, rows, line } => Block::Table {
                    header: header.into_iter().map(owned).collect(),
                    rows: rows
                        .into_iter()
                        .map(|r| Row {
                            cells: r.cells.into_iter().map(owned).collect(),
                            line: r.line,
                        })
                        .collect(),
                    line,
                },
                Block::Code {
                    info,
                    text,
                    line,
                    annotation,
                } => Block::Code {
                    info: owned(info),
                    text: owned(text),
                    line,
                    annotation,
                },
            })
            .collect();
        Doc {
            form: self.form,
            front_matter: self.front_matter,
            blocks,
            diagnostics: self.diagnostics,
        }
    }
}

/// Markdown ends a table at a blank line, so rows written after one come out
/// as a paragraph of `|a|b|c|` lines right after the table (seen on newer
/// enum pages). Such a paragraph, every row of it as wide as the table, is
/// read as more rows of the table above, and the spot is reported. Both
/// forms: the text form prints that paragraph as one line, rows parted by a space.
pub fn rejoin_split_tables(source: &str, doc: &mut Doc<'_>) {
    let mut i = 1;
    while i < doc.blocks.len() {
        let split = match (&doc.blocks[i - 1], &doc.blocks[i]) {
            (Block::Table { header, .. }, Block::Paragraph { text, line })
                if text.starts_with('|') =>
            {
                pipe_rows(text, header.len()).map(|rows| (rows, *line))
            }
            _ => None,
        };
        let Some((rows, line)) = split else {
            i += 1;
            continue;
        };
        doc.blocks.remove(i);
        if let Block::Table {
            rows: table_rows,
            line: table_line,
            ..
        } = &mut doc.blocks[i - 1]
        {
            for (k, cells) in rows.into_iter().enumerate() {
                // A markdown paragraph has a row a line; the text form's is one line.
                let at = if doc.form == Form::Markdown {
                    line + k
                } else {
                    line
                };
                table_rows.push(Row {
                    cells: cells.into_iter().map(Cow::Owned).collect(),
                    line: at,
                });
            }
            doc.diagnostics.push(Diagnostic {
                file: source.to_string(),
                line,
                code: "table-split".into(),
                message: format!("these rows follow the table at line {table_line} after a blank line, which ends a markdown table; read as rows of that table (expected no blank line inside a table)"),
            });
        }
    }
}

/// A title written `#teamVisibilityType enum type` (older pages): a heading
/// without the space after its `#`s, which markdown (and so the published
/// page) keeps as text. Before the page's first heading it is read as the
/// title it was meant to be, in both forms: its level and its text.
pub fn unspaced_title(text: &str) -> Option<(u8, &str)> {
    let rest = text.trim_start_matches('#');
    let level = text.len() - rest.len();
    let starts_word = rest.starts_with(|c: char| c.is_alphanumeric());
    (matches!(level, 1..=6) && starts_word).then_some((level as u8, rest.trim_end()))
}

/// `|a|b|c| |d|e|f|` as rows of `width` cells, or `None` when the text is
/// not rows of that width (the blank between two rows' pipes parts them).
fn pipe_rows(text: &str, width: usize) -> Option<Vec<Vec<String>>> {
    let inner = text.trim().strip_prefix('|')?.strip_suffix('|')?;
    let parts: Vec<&str> = inner.split('|').collect();
    if width == 0 || !(parts.len() + 1).is_multiple_of(width + 1) {
        return None;
    }
    let mut rows = Vec::new();
    for chunk in parts.chunks(width + 1) {
        if chunk.len() > width && !chunk[width].trim().is_empty() {
            return None;
        }
        rows.push(
            chunk[..width]
                .iter()
                .map(|c| c.trim().to_string())
                .collect(),
        );
    }
    Some(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unspaced_titles() {
        assert_eq!(
            unspaced_title("#teamVisibilityType enum type"),
            Some((1, "teamVisibilityType enum type"))
        );
        assert_eq!(
            unspaced_title("##user resource type "),
            Some((2, "user resource type"))
        );
        for not_one in [
            "# spaced",
            "#",
            "####### seven",
            "#######seven",
            "plain",
            "#-dash",
            "#",
        ] {
            assert_eq!(unspaced_title(not_one), None, "{not_one:?}");
        }
    }

    #[test]
    fn pipe_rows_split_only_at_the_table_width() {
        let rows = pipe_rows("|a|25|x y| |b|26||", 3).unwrap();
        assert_eq!(rows, [vec!["a", "25", "x y"], vec!["b", "26", ""]]);
        assert_eq!(pipe_rows("|a|25|x|", 3).unwrap().len(), 1);
        // Another width, a separator that holds text, or prose: not rows.
        assert_eq!(pipe_rows("|a|25|x| |b|26|y|", 2), None);
        assert_eq!(pipe_rows("|a|25|x|z|b|26|y|", 3), None);
        assert_eq!(pipe_rows("| is a pipe", 3), None);
    }
}
