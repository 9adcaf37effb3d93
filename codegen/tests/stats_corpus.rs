//! `graphdoc stats` over the real reference (both dates): the coverage targets.

use std::path::{Path, PathBuf};

use graphdoc::check::stats;
use graphdoc::ir::PageKind;

fn corpus() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    if root.is_dir() {
        Some(root)
    } else {
        eprintln!(
            "skipping: {} not found (the corpus lives in ../shared beside the checkout)",
            root.display()
        );
        None
    }
}

#[test]
fn corpus_stats_meet_the_coverage_targets() {
    let Some(root) = corpus() else { return };
    for date in ["graph-docs-2020-07", "graph-docs-2021-07"] {
        let pages = graphdoc::read::read_paths(&[root.join(date).join("v1.0")]);
        let s = stats::compute(&pages);
        println!("== {date}\n{}", stats::render_text(&s));
        assert!(
            s.operation_page_ratio() >= 0.995,
            "{date}: operation pages {:.4}",
            s.operation_page_ratio()
        );
        assert!(
            s.types.resolved_ratio() >= 0.98,
            "{date}: type resolution {:.4}",
            s.types.resolved_ratio()
        );
        assert!(
            !s.shortfalls
                .iter()
                .any(|f| f.reason.contains("enum page without members")),
            "{date}: an enum page yielded no members"
        );
        let ops = &s.by_kind[&PageKind::Operation];
        assert!(
            ops.pages > 1500 && ops.paths >= ops.pages,
            "{date}: {ops:?}"
        );
        // Every example body is captured as JSON, kept as the text it is meant
        // to be, or listed as a shortfall: never silent.
        let bodies: usize = s.by_kind.values().map(|k| k.example_bodies).sum();
        let json: usize = s.by_kind.values().map(|k| k.example_bodies_json).sum();
        let text: usize = s.by_kind.values().map(|k| k.example_bodies_text).sum();
        let listed = s
            .shortfalls
            .iter()
            .filter(|f| f.reason.contains("not JSON"))
            .count();
        assert_eq!(bodies, json + text + listed, "{date}");
    }
}
