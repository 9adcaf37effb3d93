//! The common block stream both front-ends produce and the extractor reads.

use serde_json::Value;

use crate::ir::{Diagnostic, Form};

/// One block of a page, in document order. Lines are 1-based lines of the file.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading. Markdown keeps its `#` level; the text form has no levels, so
    /// its front-end gives the title 1, sections 2 and example parts 3.
    Heading {
        level: u8,
        text: String,
        line: usize,
    },
    /// Plain text: links and emphasis reduced to their text, one line.
    Paragraph { text: String, line: usize },
    /// A markdown `[!INCLUDE [name](path)]` line (the text form renders or drops them).
    Include {
        name: String,
        path: String,
        line: usize,
    },
    /// A table. `header` holds the header cells; rows hold their cells as read
    /// (a row the text front-end could not split is one cell: the whole line).
    Table {
        header: Vec<String>,
        rows: Vec<Row>,
        line: usize,
    },
    /// A code block without its fences. `line` is the line of its first content line.
    Code {
        info: String,
        text: String,
        line: usize,
        /// The `<!-- { … } -->` annotation just before the block (markdown only).
        annotation: Option<Value>,
    },
}

impl Block {
    pub fn line(&self) -> usize {
        match self {
            Block::Heading { line, .. }
            | Block::Paragraph { line, .. }
            | Block::Include { line, .. }
            | Block::Table { line, .. }
            | Block::Code { line, .. } => *line,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<String>,
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
pub struct Doc {
    pub form: Form,
    pub front_matter: Option<FrontMatter>,
    pub blocks: Vec<Block>,
    /// Problems a front-end met (e.g. an annotation it could not read).
    pub diagnostics: Vec<Diagnostic>,
}
