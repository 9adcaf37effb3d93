//! Checks beside the pipeline: drift between docs and the checked-in SDK.
