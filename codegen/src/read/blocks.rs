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
