//! The reader on the real reference corpus (`../shared/corpus`, both dates):
//! every page reads without panic, and what the markdown says is there is read.
//! What a page is supposed to hold is counted here from its raw lines, apart
//! from the reader, so the two can disagree.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use graphdoc::ir::{Page, PageKind};
use graphdoc::read::read_paths;

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!(
            "SKIPPED: corpus not found at {} (tests read the reference pages from ../shared/corpus)",
            dir.display()
        );
        None
    }
}

fn doc_type(text: &str) -> Option<String> {
    let mut lines = text.lines();
    if lines.next()?.trim() != "---" {
        return None;
    }
    for l in lines {
        if l.trim() == "---" {
            break;
        }
        if let Some(v) = l.strip_prefix("doc_type:") {
            return Some(
                v.trim()
                    .trim_matches(|c| c == '"' || c == '\'')
                    .trim()
                    .to_string(),
            );
        }
    }
    None
}

/// Data rows (two cells or more) of the typed tables (second header cell
/// `Type`) right under the page's `Properties` heading, up to the next heading,
/// counted from the raw lines.
fn raw_property_rows(text: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let Some(start) = lines.iter().position(|l| {
        let t = l.trim();
        t.starts_with('#')
            && t.trim_start_matches('#')
                .trim()
                .eq_ignore_ascii_case("properties")
    }) else {
        return 0;
    };
    let mut rows = 0;
    let mut i = start + 1;
    let mut in_fence = false;
    while i < lines.len() {
        let t = lines[i].trim();
        if t.starts_with("```") {
            in_fence = !in_fence;
        }
        if !in_fence && t.starts_with('#') {
            break;
        }
        let is_sep = |s: &str| s.contains("--") && s.chars().all(|c| "|-: \t".contains(c));
        if !in_fence && t.contains('|') && i + 1 < lines.len() && is_sep(lines[i + 1].trim()) {
            let cells: Vec<String> = t
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_lowercase())
                .collect();
            let typed = cells.len() == 3 && cells[1] == "type";
            i += 2;
            while i < lines.len() && lines[i].trim().starts_with('|')
                || (i < lines.len()
                    && lines[i].contains('|')
                    && !lines[i].trim().is_empty()
                    && !lines[i].trim().starts_with('#'))
            {
                let raw_cells = lines[i].trim().trim_matches('|').split('|').count();
                if typed && raw_cells >= 2 {
                    rows += 1;
                }
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    rows
}

#[test]
fn corpus_pages_read() {
    let Some(dir) = corpus() else { return };
    let started = Instant::now();
    let roots: Vec<PathBuf> = ["graph-docs-2020-07", "graph-docs-2021-07"]
        .iter()
        .map(|d| dir.join(d))
        .filter(|d| d.is_dir())
        .collect();
    let pages = read_paths(&roots);
    let read_time = started.elapsed();
    assert!(
        pages.len() > 5000,
        "expected the whole corpus, read {}",
        pages.len()
    );

    let mut internal = Vec::new();
    let mut api_total = 0;
    let mut api_short = Vec::new();
    let mut res_total = 0;
    let mut res_short = Vec::new();
    let mut enum_total = 0;
    let mut enum_short = Vec::new();
    let mut codes: BTreeMap<String, usize> = BTreeMap::new();
    for page in &pages {
        for d in &page.diagnostics {
            *codes.entry(d.code.clone()).or_default() += 1;
            if d.code == "internal-error" {
                internal.push(format!("{}: {}", page.source, d.message));
            }
        }
        let text = std::fs::read_to_string(&page.source).unwrap();
        let dt = doc_type(&text).unwrap_or_default();
        let dt = dt.trim_end_matches('_');
        if dt == "apiPageType" {
            api_total += 1;
            let ok = page
                .operations
                .iter()
                .any(|o| !o.method.is_empty() && o.paths.iter().any(|p| !p.is_empty()));
            if !ok {
                api_short.push(reason(page, "no operation with method and path"));
            }
        }
        if dt == "resourcePageType" {
            let expected = raw_property_rows(&text);
            if expected > 0 {
                res_total += 1;
                if page.properties.len() < expected {
                    res_short.push(reason(
                        page,
                        &format!(
                            "{} of {expected} Properties rows read",
                            page.properties.len()
                        ),
                    ));
                }
            }
        }
        if dt == "enumPageType" {
            enum_total += 1;
            // A page of several enums (`### x values` each) yields them as `enums`.
            let members =
                !page.members.is_empty() || page.enums.iter().any(|e| !e.members.is_empty());
            if !members || page.kind != PageKind::Enum {
                enum_short.push(reason(page, "no members"));
            }
        }
    }
    println!("read {} pages in {:.2?}", pages.len(), read_time);
    println!("diagnostics by code: {codes:?}");
    let report = |what: &str, total: usize, short: &[String]| {
        let ok = total - short.len();
        println!(
            "{what}: {ok}/{total} ({:.2}%)",
            100.0 * ok as f64 / total.max(1) as f64
        );
        for s in short {
            println!("  short: {s}");
        }
        ok as f64 / total.max(1) as f64
    };
    let api = report("apiPageType pages with an operation", api_total, &api_short);
    let res = report(
        "resource pages with every Properties row",
        res_total,
        &res_short,
    );
    let enums = report("enum pages with members", enum_total, &enum_short);
    assert!(internal.is_empty(), "reader panicked on: {internal:#?}");
    assert!(
        api_total > 3000 && api >= 0.995,
        "apiPageType pages with an operation: {api:.4}"
    );
    assert!(
        res_total > 1000 && res >= 0.99,
        "resource pages with every row: {res:.4}"
    );
    assert!(
        enum_total > 200 && enums == 1.0,
        "enum pages without members: {enum_short:#?}"
    );
}

fn reason(page: &Page, what: &str) -> String {
    let diags: Vec<String> = page
        .diagnostics
        .iter()
        .take(2)
        .map(|d| format!("[{}] {}", d.code, d.message))
        .collect();
    format!(
        "{} ({:?}): {what} {}",
        page.source,
        page.kind,
        diags.join("; ")
    )
}
