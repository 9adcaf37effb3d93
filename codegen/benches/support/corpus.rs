//! The pages the benchmark and the `stage_times` example measure.

use std::path::{Path, PathBuf};

/// Every API and resource page of the 2021-07 v1.0 corpus beside the
/// workspace, in path order, with its path; `None`, after saying so, when
/// the corpus is not there.
pub fn corpus_pages() -> Option<Vec<(String, String)>> {
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/graph-docs-2021-07/v1.0");
    if !root.is_dir() {
        eprintln!(
            "skipping: {} not found beside the workspace",
            root.display()
        );
        return None;
    }
    let mut files: Vec<PathBuf> = ["api", "resources"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).into_iter().flatten())
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    Some(
        files
            .into_iter()
            .filter_map(|p| {
                let text = std::fs::read_to_string(&p).ok()?;
                Some((p.display().to_string(), text))
            })
            .collect(),
    )
}
