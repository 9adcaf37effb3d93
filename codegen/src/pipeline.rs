//! The whole pipeline in one call: read pages → build the model → emit the crate.
//! The CLI (`graphdoc generate`) and `cargo xtask codegen` both go through here,
//! so the checked-in SDK and a user's generated SDK cannot diverge.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::emit::{self, EmitError, EmitOptions};
use crate::ir::{Diagnostic, Page};
use crate::model::{self, ApiModel};
use crate::read;

/// Everything one generation run produced.
#[derive(Debug)]
pub struct Generation {
    pub pages: Vec<Page>,
    pub model: ApiModel,
    /// Page diagnostics first (in page order), then model diagnostics.
    pub diagnostics: Vec<Diagnostic>,
    /// The SDK crate's files, relative to its root.
    pub files: BTreeMap<PathBuf, String>,
}

/// Read every page under `inputs`, merge them and emit the SDK crate's files.
pub fn generate(inputs: &[PathBuf], options: &EmitOptions) -> Result<Generation, EmitError> {
    generate_with_progress(inputs, options, false)
}

/// [`generate`], with a progress bar for the reading on a terminal when `progress` is set.
pub fn generate_with_progress(
    inputs: &[PathBuf],
    options: &EmitOptions,
    progress: bool,
) -> Result<Generation, EmitError> {
    let pages = read::read_paths_with_progress(inputs, progress);
    let built = model::build(&pages);
    let files = emit::emit_sdk(&built.model, options)?;
    let diagnostics = pages
        .iter()
        .flat_map(|p| p.diagnostics.iter().cloned())
        .chain(built.diagnostics)
        .collect();
    Ok(Generation {
        pages,
        model: built.model,
        diagnostics,
        files,
    })
}

/// Where the checked-in SDK keeps the model it was generated from, so a drift
/// check can say what changed in the API, not only which lines.
pub const MODEL_SNAPSHOT: &str = "api-model.json";

impl Generation {
    /// The crate's files plus the model snapshot: what `generated/` holds.
    pub fn files_with_model_snapshot(&self) -> BTreeMap<PathBuf, String> {
        let mut files = self.files.clone();
        let json = serde_json::to_string_pretty(&self.model).unwrap_or_default();
        files.insert(PathBuf::from(MODEL_SNAPSHOT), json + "\n");
        files
    }
}

/// The TOML dependency value pointing the generated crate at a runtime folder.
pub fn runtime_path_dependency(runtime_dir: &Path) -> String {
    let path = runtime_dir.display().to_string().replace('\\', "/");
    format!("{{ path = {path:?} }}")
}

/// The runtime crate's folder in this source tree (used when `--runtime-path` is not given).
pub fn bundled_runtime_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("runtime")
}
