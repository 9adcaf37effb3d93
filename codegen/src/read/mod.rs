//! Reading pages (both forms) into the page IR.
