//! What `graphdoc lint` prints: rustc-style text with the offending lines,
//! JSON for scripts, SARIF 2.1.0 for code scanning, and `--list-codes`.

use std::path::{Path, PathBuf};

use graphdoc::check::lint::{self, Finding, CODES, PASS_THROUGH_CODES};
use graphdoc::read::read_paths;
use serde_json::Value;

const WIDGET: &str = r#"---
title: "widget resource type"
doc_type: resourcePageType
---

# widget resource type

## Properties

| Property | Type | Description |
|:---|:---|:---|
|id|String|Identifier.|
|enabled|Boolean|Whether the widget is shown.|
|enabled|Boolean|Listed twice.|
"#;

const WIDGET_GET: &str = r#"---
title: "Get widget"
doc_type: apiPageType
---

# Get widget

## HTTP request

```http
GET /widgets/{id}
```

## Response

If successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.

## Examples

<!-- { "blockType": "request", "name": "get_widget" } -->
```http
GET https://graph.microsoft.com/v1.0/widgets/17
```

<!-- { "blockType": "response", "@odata.type": "microsoft.graph.widget" } -->
```http
HTTP/1.1 200 OK
Content-Type: application/json

{
  "id": "17",
  "enabled": "true",
  "size": 3
}
```
"#;

/// The tree, and the prefix to cut from paths so output is the same on every machine.
fn tree(name: &str) -> (PathBuf, String) {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("lint_output")
        .join(name);
    let _ = std::fs::remove_dir_all(&root);
    for (rel, text) in [
        ("v1.0/resources/widget.md", WIDGET),
        ("v1.0/api/widget-get.md", WIDGET_GET),
    ] {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("folder")).expect("create folder");
        std::fs::write(&path, text).expect("write page");
    }
    let prefix = format!("{}/", root.display());
    (root, prefix)
}

fn findings(root: &Path) -> (Vec<Finding>, usize) {
    let pages = read_paths(&[root.to_path_buf()]);
    (lint::lint_pages(&pages), pages.len())
}

#[test]
fn text_shows_the_lines_with_markers_and_help() {
    let (root, prefix) = tree("text");
    let (findings, pages) = findings(&root);
    let text = lint::render_text(&findings, pages, false).replace(&prefix, "");
    insta::assert_snapshot!(text);
}

#[test]
fn text_is_coloured_only_when_asked() {
    let (root, _) = tree("colour");
    let (findings, pages) = findings(&root);
    assert!(!lint::render_text(&findings, pages, false).contains('\u{1b}'));
    assert!(lint::render_text(&findings, pages, true).contains('\u{1b}'));
}

#[test]
fn json_lists_diagnostics_with_code_severity_file_line_message() {
    let (root, prefix) = tree("json");
    let (findings, pages) = findings(&root);
    let json = lint::render_json(&findings, pages)
        .expect("json")
        .replace(&prefix, "");
    let value: Value = serde_json::from_str(&json).expect("valid JSON");
    let diags = value["diagnostics"].as_array().expect("diagnostics[]");
    assert_eq!(diags.len(), 3);
    for d in diags {
        for key in ["code", "severity", "file", "line", "column", "message"] {
            assert!(!d[key].is_null(), "{key} missing in {d}");
        }
    }
    assert_eq!(value["summary"]["errors"], 2);
    assert_eq!(value["summary"]["by_code"]["example-value-type"], 1);
    insta::assert_snapshot!(json);
}

#[test]
fn sarif_is_2_1_0_with_a_rule_per_code() {
    let (root, prefix) = tree("sarif");
    let (findings, _) = findings(&root);
    // Absolute paths are `file://` URIs; relative ones stay relative.
    let sarif = lint::render_sarif(&findings)
        .expect("sarif")
        .replace(&format!("file://{prefix}"), "");
    let value: Value = serde_json::from_str(&sarif).expect("valid JSON");
    assert_eq!(value["version"], "2.1.0");
    let run = &value["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "graphdoc");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    for c in CODES {
        assert!(
            rules.iter().any(|r| r["id"] == c.code),
            "rule {} missing",
            c.code
        );
    }
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 3);
    for r in results {
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(
            rules[index]["id"], r["ruleId"],
            "ruleIndex points at the rule"
        );
        let loc = &r["locations"][0]["physicalLocation"];
        assert!(loc["artifactLocation"]["uri"]
            .as_str()
            .expect("uri")
            .starts_with("v1.0/"));
        assert!(loc["region"]["startLine"].as_u64().expect("startLine") > 0);
    }
    insta::assert_snapshot!(sarif);
}

#[test]
fn list_codes_explains_every_code_once() {
    let listing = lint::list_codes();
    for c in CODES.iter().chain(PASS_THROUGH_CODES) {
        let lines: Vec<&str> = listing
            .lines()
            .filter(|l| l.split_whitespace().next() == Some(c.code))
            .collect();
        assert_eq!(lines.len(), 1, "{}", c.code);
        assert!(lines[0].contains(c.explanation));
    }
    insta::assert_snapshot!(listing);
}
