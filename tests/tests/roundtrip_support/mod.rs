//! Shared by the corpus tests: find the reference corpus, generate the SDK of
//! the 2021-07 reference into a throwaway crate under `target/corpus-check`,
//! and run cargo on it with one target dir, so dependencies compile once and
//! later runs rebuild only what changed.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use graphdoc::emit::EmitOptions;
use graphdoc::pipeline::{self, Generation};

/// The package name of the generated corpus SDK.
pub const CRATE: &str = "corpus-sdk";

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// The 2021-07 v1.0 reference, or `None` (with a message saying why the test
/// is skipped) when the corpus is not beside the repository.
pub fn corpus_2021() -> Option<PathBuf> {
    let dir = workspace_root().join("../shared/corpus/graph-docs-2021-07/v1.0");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!(
            "SKIPPED: the reference corpus is not at {} (see ../shared/corpus/README.md); nothing was tested",
            dir.display()
        );
        None
    }
}

/// Where the corpus crate and its build live.
pub struct Workspace {
    /// The cargo workspace holding the generated crate.
    pub dir: PathBuf,
    /// The generated crate.
    pub krate: PathBuf,
    /// Its target dir.
    pub target: PathBuf,
}

impl Workspace {
    pub fn new() -> Workspace {
        let base = workspace_root().join("target/corpus-check");
        Workspace {
            krate: base.join("crates").join(CRATE),
            dir: base.join("crates"),
            target: base.join("target"),
        }
    }
}

/// Generates the SDK of `docs` into the workspace's crate, writing only files
/// whose text changed (so cargo's freshness checks keep working) and removing
/// stale sources. Extra files (tests) are written the same way.
pub fn generate(ws: &Workspace, docs: &Path, extra: &[(&str, String)]) -> Generation {
    let runtime = workspace_root().join("runtime").canonicalize().unwrap();
    let options = EmitOptions {
        crate_name: CRATE.to_string(),
        runtime_dependency: pipeline::runtime_path_dependency(&runtime),
    };
    let generation = pipeline::generate(&[docs.to_path_buf()], &options).unwrap();
    let mut files: BTreeMap<PathBuf, String> = generation.files.clone();
    for (path, text) in extra {
        files.insert(PathBuf::from(path), text.clone());
    }
    std::fs::create_dir_all(&ws.krate).unwrap();
    if let Ok(existing) = list_files(&ws.krate.join("src")) {
        for path in existing {
            let relative = path.strip_prefix(&ws.krate).unwrap().to_path_buf();
            if !files.contains_key(&relative) {
                std::fs::remove_file(&path).unwrap();
            }
        }
    }
    for (relative, text) in &files {
        let path = ws.krate.join(relative);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
        }
    }
    // Its own workspace, with the main lock file so dependency versions match.
    let manifest = format!("[workspace]\nresolver = \"2\"\nmembers = [{CRATE:?}]\n");
    if std::fs::read_to_string(ws.dir.join("Cargo.toml")).ok() != Some(manifest.clone()) {
        std::fs::write(ws.dir.join("Cargo.toml"), manifest).unwrap();
    }
    if !ws.dir.join("Cargo.lock").exists() {
        std::fs::copy(
            workspace_root().join("Cargo.lock"),
            ws.dir.join("Cargo.lock"),
        )
        .unwrap();
    }
    generation
}

fn list_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            out.extend(list_files(&path)?);
        } else {
            out.push(path);
        }
    }
    Ok(out)
}

/// What one cargo run printed and how long it took.
pub struct CargoRun {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

impl CargoRun {
    /// Compiler warnings about the generated crate (none are allowed).
    pub fn warnings(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.trim_start().starts_with("warning"))
            .collect()
    }
}

/// Runs cargo in the workspace. Debug info is off: these builds are only run,
/// never debugged, and it roughly halves their cost.
pub fn cargo(ws: &Workspace, args: &[&str], env: &[(&str, &str)]) -> CargoRun {
    let start = Instant::now();
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .args(args)
        .current_dir(&ws.dir)
        .env("CARGO_TARGET_DIR", &ws.target)
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("run cargo");
    CargoRun {
        success: output.status.success(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        elapsed: start.elapsed(),
    }
}
