//! Checks beside the pipeline: drift between the docs and the checked-in SDK.

pub mod drift;
