//! The checked-in SDK (`generated/`) is exactly what `docs/` produces
//! (rust-analyzer style: `cargo test` fails when someone forgot `cargo xtask codegen`).

use std::path::{Path, PathBuf};

use graphdoc::check::drift;
use graphdoc::emit::EmitOptions;
use graphdoc::pipeline;

#[test]
fn generated_sdk_matches_docs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::env::set_current_dir(&root).unwrap();
    let options = EmitOptions {
        crate_name: "graph-sdk".into(),
        runtime_dependency: r#"{ path = "../runtime" }"#.into(),
    };
    let generation = pipeline::generate(&[PathBuf::from("docs")], &options).unwrap();
    let report = drift::compare(
        &generation.files_with_model_snapshot(),
        Path::new("generated"),
        &["src"],
    )
    .unwrap();
    assert!(
        report.is_clean(),
        "generated/ is stale: run `cargo xtask codegen`\n{}",
        report.render()
    );
    // Two runs give the same bytes.
    let again = pipeline::generate(&[PathBuf::from("docs")], &options).unwrap();
    assert_eq!(generation.files, again.files);
}
