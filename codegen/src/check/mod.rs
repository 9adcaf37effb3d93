//! Checks beside the pipeline: drift between the docs and the checked-in SDK,
//! reading statistics over a doc tree.

pub mod diff;
pub mod drift;
pub mod lint;
pub mod stats;

use std::collections::BTreeSet;

use anyhow::{Context, Result};

use crate::ir::{self, Page};

/// Print a command's output, treating a closed pipe (`graphdoc ir … | head`)
/// as success rather than a panic or an error.
pub fn write_stdout(text: &str) -> Result<()> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("writing to stdout"),
    }
}

/// Whether a bare type `name` on a page of a sub-namespace names that
/// namespace's type among `defined` (lower-case names), as the model reads it.
fn defined_in_page_namespace(defined: &BTreeSet<String>, page: &Page, name: &str) -> bool {
    ir::in_page_namespace(page.namespace.as_deref(), name)
        .is_some_and(|q| defined.contains(&q.to_ascii_lowercase()))
}
