//! Emitting the SDK crate from the API model.
