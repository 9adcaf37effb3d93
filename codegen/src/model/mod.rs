//! Pages → API model: merge every page of one API version into types, enums and operations.

mod merge;
pub mod resolve;
mod types;

pub(crate) use merge::{after_workbook, clean_path};
pub use merge::{build, operation_base_name, split_path, split_query, BuildOutput};
pub use types::*;
