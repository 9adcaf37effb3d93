//! Docs-drift check: compare freshly generated files with what is on disk.
//!
//! Used by `cargo xtask codegen --check` (CI) so a checked-in SDK that no longer
//! matches `docs/` fails the build with a readable diff instead of silently aging.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How the files on disk differ from the generated ones.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DriftReport {
    /// Files whose contents differ, with a unified diff (on disk → generated).
    pub changed: Vec<(PathBuf, String)>,
    /// Generated files that are not on disk.
    pub missing: Vec<PathBuf>,
    /// Files on disk under the generated folders that generation no longer writes.
    pub stale: Vec<PathBuf>,
}

impl DriftReport {
    pub fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.missing.is_empty() && self.stale.is_empty()
    }

    /// Human-readable report: one line per file, then the diffs.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for p in &self.missing {
            let _ = writeln!(out, "missing: {} (would be created)", p.display());
        }
        for p in &self.stale {
            let _ = writeln!(out, "stale:   {} (would be removed)", p.display());
        }
        for (p, _) in &self.changed {
            let _ = writeln!(out, "changed: {}", p.display());
        }
        for (_, diff) in &self.changed {
            out.push('\n');
            out.push_str(diff);
        }
        out
    }
}

/// Compare `files` (relative paths → contents) with the folder `root`.
/// Files under `owned_dirs` (relative to `root`) that generation does not write count as stale.
pub fn compare(
    files: &BTreeMap<PathBuf, String>,
    root: &Path,
    owned_dirs: &[&str],
) -> std::io::Result<DriftReport> {
    let mut report = DriftReport::default();
    for (rel, expected) in files {
        match std::fs::read_to_string(root.join(rel)) {
            Ok(actual) if actual == *expected => {}
            Ok(actual) => report
                .changed
                .push((rel.clone(), unified_diff(rel, &actual, expected))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => report.missing.push(rel.clone()),
            Err(e) => return Err(e),
        }
    }
    for rel in owned_files(root, owned_dirs)? {
        if !files.contains_key(&rel) {
            report.stale.push(rel);
        }
    }
    Ok(report)
}

/// Write `files` under `root`, removing files under `owned_dirs` that are no longer generated.
pub fn write(
    files: &BTreeMap<PathBuf, String>,
    root: &Path,
    owned_dirs: &[&str],
) -> std::io::Result<()> {
    for rel in owned_files(root, owned_dirs)? {
        if !files.contains_key(&rel) {
            std::fs::remove_file(root.join(&rel))?;
        }
    }
    for (rel, contents) in files {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if std::fs::read_to_string(&path).ok().as_deref() != Some(contents.as_str()) {
            std::fs::write(&path, contents)?;
        }
    }
    Ok(())
}

fn owned_files(root: &Path, owned_dirs: &[&str]) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for dir in owned_dirs {
        collect(root, &root.join(dir), &mut out)?;
    }
    out.sort();
    Ok(out)
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            collect(root, &path, out)?;
        } else if let Ok(rel) = path.strip_prefix(root) {
            out.push(rel.to_path_buf());
        }
    }
    Ok(())
}

fn unified_diff(rel: &Path, actual: &str, expected: &str) -> String {
    let name = rel.display().to_string();
    similar::TextDiff::from_lines(actual, expected)
        .unified_diff()
        .context_radius(3)
        .header(
            &format!("{name} (checked in)"),
            &format!("{name} (from docs)"),
        )
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_changed_missing_and_stale_files() {
        let dir = std::env::temp_dir().join(format!("graphdoc-drift-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::write(dir.join("src/a.rs"), "fn a() {}\n").unwrap();
        std::fs::write(dir.join("src/old.rs"), "fn old() {}\n").unwrap();
        let mut files = BTreeMap::new();
        files.insert(
            PathBuf::from("src/a.rs"),
            "fn a() { changed() }\n".to_string(),
        );
        files.insert(PathBuf::from("src/new.rs"), "fn new() {}\n".to_string());
        let report = compare(&files, &dir, &["src"]).unwrap();
        assert_eq!(report.missing, vec![PathBuf::from("src/new.rs")]);
        assert_eq!(report.stale, vec![PathBuf::from("src/old.rs")]);
        assert_eq!(report.changed.len(), 1);
        assert!(
            report.changed[0].1.contains("+fn a() { changed() }"),
            "{}",
            report.render()
        );
        assert!(!report.is_clean());

        write(&files, &dir, &["src"]).unwrap();
        assert!(compare(&files, &dir, &["src"]).unwrap().is_clean());
        assert!(!dir.join("src/old.rs").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
