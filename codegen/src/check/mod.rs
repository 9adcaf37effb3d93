//! Checks beside the pipeline: drift between the docs and the checked-in SDK,
//! reading statistics over a doc tree.

pub mod diff;
pub mod drift;
pub mod lint;
pub mod stats;

use std::collections::BTreeSet;

use crate::ir::{self, Page};

/// Whether a bare type `name` on a page of a sub-namespace names that
/// namespace's type among `defined` (lower-case names), as the model reads it.
fn defined_in_page_namespace(defined: &BTreeSet<String>, page: &Page, name: &str) -> bool {
    ir::in_page_namespace(page.namespace.as_deref(), name)
        .is_some_and(|q| defined.contains(&q.to_ascii_lowercase()))
}
