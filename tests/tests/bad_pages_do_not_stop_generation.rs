//! A doc tree with broken pages still generates: each problem is reported with
//! file, line and what was expected, and the good pages' operations are all there.

use std::path::{Path, PathBuf};

use graphdoc::emit::EmitOptions;
use graphdoc::pipeline;

const BROKEN_TABLE: &str = r#"---
title: "widget resource type"
doc_type: resourcePageType
---

# widget resource type

## Properties

|Property|Type|Description|
|:---|:---|:---|
|id|String|The identifier.|
|size|
"#;

const BROKEN_JSON: &str = r#"---
title: "Get gadget"
doc_type: apiPageType
---

# Get gadget

## HTTP request

```http
GET /gadgets/{id}
```

## Response

If successful, this method returns a `200 OK` response code and a [gadget](../resources/gadget.md) object in the response body.

## Example

<!-- { "blockType": "response", "@odata.type": "microsoft.graph.gadget" } -->
```http
HTTP/1.1 200 OK
Content-type: application/json

{ "id": "1", "name": }
```
"#;

const NO_REQUEST: &str = r#"---
title: "Delete gizmo"
doc_type: apiPageType
---

# Delete gizmo

## HTTP request

There used to be a request line here.

## Response

If successful, this method returns `204 No Content` response code.
"#;

#[test]
fn broken_pages_are_reported_and_the_rest_still_generates() {
    let dir = std::env::temp_dir().join(format!("graphdoc-bad-pages-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
    for entry in std::fs::read_dir(&seeds).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    std::fs::write(dir.join("widget.md"), BROKEN_TABLE).unwrap();
    std::fs::write(dir.join("gadget-get.md"), BROKEN_JSON).unwrap();
    std::fs::write(dir.join("gizmo-delete.md"), NO_REQUEST).unwrap();
    std::fs::write(dir.join("binary.md"), [0xff, 0xfe, 0x00, 0x41]).unwrap();

    let options = EmitOptions {
        crate_name: "graph-sdk".into(),
        runtime_dependency: r#"{ path = "../runtime" }"#.into(),
    };
    let generation = pipeline::generate(&[PathBuf::from(&dir)], &options).unwrap();

    let found = |file: &str, line: usize, code: &str| {
        generation
            .diagnostics
            .iter()
            .any(|d| d.file.ends_with(file) && d.line == line && d.code == code)
    };
    let all = format!("{:#?}", generation.diagnostics);
    assert!(found("widget.md", 13, "table-row-shape"), "{all}");
    assert!(found("gadget-get.md", 25, "json-invalid"), "{all}");
    assert!(
        generation
            .diagnostics
            .iter()
            .any(|d| d.file.ends_with("gizmo-delete.md") && d.code == "no-http-request"),
        "{all}"
    );
    assert!(
        generation
            .diagnostics
            .iter()
            .any(|d| d.file.ends_with("binary.md") && d.code == "not-utf8"),
        "{all}"
    );
    for d in &generation.diagnostics {
        assert!(!d.message.is_empty() && d.line >= 1, "{d}");
    }

    // The four seed operations and the readable broken-JSON page's operation still generate.
    let ops: Vec<&str> = generation
        .model
        .versions
        .values()
        .flat_map(|v| v.operations.keys().map(String::as_str))
        .collect();
    for op in [
        "update_cloud_pc_external_partner_setting",
        "update_cloud_pc_external_partner",
        "update_compliance_management_partner",
        "update_device_management_exchange_connector",
        "get_gadget",
    ] {
        assert!(ops.contains(&op), "{op} missing from {ops:?}");
    }
    assert!(generation
        .files
        .keys()
        .any(|p| p.ends_with("device_management.rs")));
    std::fs::remove_dir_all(&dir).unwrap();
}
