//! `cargo xtask codegen [--check]`: regenerate the checked-in SDK (`generated/`)
//! from `docs/`, or, with `--check`, fail with a readable diff when it is stale.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use graphdoc::check::drift;
use graphdoc::emit::EmitOptions;
use graphdoc::model::ApiModel;
use graphdoc::pipeline;

/// Folders of the generated crate that generation owns entirely.
const OWNED_DIRS: &[&str] = &["src"];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["codegen"] => codegen(false),
        ["codegen", "--check"] => codegen(true),
        _ => {
            eprintln!("usage: cargo xtask codegen [--check]");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn codegen(check: bool) -> Result<ExitCode> {
    // Relative paths from the workspace root, so `Source:` lines in the generated
    // code are the same on every machine.
    std::env::set_current_dir(workspace_root()).context("entering the workspace root")?;
    let docs = PathBuf::from("docs");
    let out = PathBuf::from("generated");
    if !docs.is_dir() {
        bail!("{}: docs folder missing", docs.display());
    }
    // The checked-in SDK points at the runtime by a path relative to itself.
    let options = EmitOptions {
        crate_name: "graph-sdk".to_string(),
        runtime_dependency: r#"{ path = "../runtime" }"#.to_string(),
    };
    let generation = pipeline::generate(&[docs], &options)?;
    for d in &generation.diagnostics {
        eprintln!("warning: {d}");
    }
    let files = generation.files_with_model_snapshot();
    if check {
        let report = drift::compare(&files, &out, OWNED_DIRS)
            .with_context(|| format!("reading {}", out.display()))?;
        if report.is_clean() {
            eprintln!(
                "generated/ is up to date with docs/ ({} files)",
                files.len()
            );
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!("generated/ is stale: run `cargo xtask codegen` and commit the result.\n");
        eprintln!(
            "{}\n",
            semantic_summary(&out.join(pipeline::MODEL_SNAPSHOT), &generation.model)
        );
        eprintln!("{}", report.render());
        return Ok(ExitCode::FAILURE);
    }
    drift::write(&files, &out, OWNED_DIRS).with_context(|| format!("writing {}", out.display()))?;
    eprintln!("wrote {} files to generated/", files.len());
    Ok(ExitCode::SUCCESS)
}

/// What changed in the API between the checked-in model snapshot and the docs.
fn semantic_summary(snapshot: &Path, new: &ApiModel) -> String {
    let old: ApiModel = match std::fs::read_to_string(snapshot)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
    {
        Some(model) => model,
        None => {
            return format!(
                "(no readable {} to compare the API with)",
                snapshot.display()
            )
        }
    };
    let changes = graphdoc::check::diff::diff_models(&old, new);
    if changes.is_empty() {
        return "API: no semantic change (the difference is in generated text only)".to_string();
    }
    format!(
        "API changes since the checked-in SDK:\n{}",
        graphdoc::check::diff::summary(&changes)
    )
}
