//! Checks beside the pipeline: drift between the docs and the checked-in SDK,
//! reading statistics over a doc tree.

pub mod diff;
pub mod drift;
pub mod lint;
pub mod stats;
