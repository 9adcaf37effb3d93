//! graphdoc: Microsoft Graph reference pages → page IR → API model → Rust SDK.
//!
//! The pipeline, one module per stage:
//! - [`read`]: tell the page's form (markdown source or published text) and read it into [`ir::Page`].
//! - [`ir`]: the page IR, the stable JSON shape `graphdoc ir` prints.
//! - [`model`]: merge pages into one [`model::ApiModel`] per API version.
//! - [`emit`]: write the SDK crate from the model with `quote!` + prettyplease.
//! - [`pipeline`]: all of the above in one call, shared by the CLI and `cargo xtask codegen`.
//! - [`mock`]: beside the pipeline: a local stand-in for Graph that plays the docs' examples.
//! - [`check`]: beside the pipeline: drift check (checked-in SDK vs docs).

pub mod check;
pub mod emit;
pub mod ir;
pub mod mock;
pub mod model;
pub mod pipeline;
pub mod read;
