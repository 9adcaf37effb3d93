//! Pages → API model: merge every page of one API version into types, enums and operations.

mod types;
pub use types::*;
