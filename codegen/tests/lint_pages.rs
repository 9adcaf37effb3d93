//! `graphdoc lint` on small trees written for the purpose: every check fires
//! where the page contradicts itself, at the line and column a user would fix,
//! and stays quiet on a page that is consistent.

use std::path::{Path, PathBuf};

use graphdoc::check::lint::{self, Finding, LintArgs, LintFailOn, LintFormat, Severity};
use graphdoc::read::read_paths;

const WIDGET: &str = r#"---
title: "widget resource type"
doc_type: resourcePageType
---

# widget resource type

Namespace: microsoft.graph

A widget on a dashboard.

## Properties

| Property | Type | Description |
|:---|:---|:---|
|id|String|Identifier. Read-only.|
|name|String|Display name.|
|enabled|Boolean|Whether the widget is shown.|
|color|widgetColor|Colour.|
|tags|String collection|Labels.|
|size|Int32|Size in pixels.|
|size|Int32|Size in pixels, again.|
|gadget|gizmo|A type no page defines.|

## Relationships

None.
"#;

const WIDGET_COLOR: &str = r#"---
title: "widgetColor enum type"
doc_type: enumPageType
---

# widgetColor enum type

Namespace: microsoft.graph

## Members

| Member | Description |
|:---|:---|
|red|Red.|
|green|Green.|
"#;

/// Every example contradicts the page somewhere.
const WIDGET_UPDATE: &str = r#"---
title: "Update widget"
doc_type: apiPageType
---

# Update widget

Namespace: microsoft.graph

Update the properties of a [widget](../resources/widget.md) object.

## HTTP request

<!-- { "blockType": "ignored" } -->
```http
PATCH /widgets/{widget-id}
```

## Request body

|Property|Type|Description|
|:---|:---|:---|
|name|String|Display name.|
|enabled|Boolean|Whether the widget is shown.|

## Response

If successful, this method returns a `200 OK` response code and an updated [widget](../resources/widget.md) object in the response body.

## Examples

### Request

<!-- {
  "blockType": "request",
  "name": "update_widget"
}
-->
```http
PATCH https://graph.microsoft.com/v1.0/gadgets/17
Content-Type: application/json

{
  "name": "Sales",
  "enabled": "yes"
}
```

### Response

<!-- {
  "blockType": "response",
  "@odata.type": "microsoft.graph.widget"
}
-->
```http
HTTP/1.1 201 Created
Content-Type: application/json

{
  "id": "17",
  "name": "Sales",
  "enabled": true,
  "color": "blue",
  "colour": "red",
  "tags": ["a", "b"]
}
```
"#;

/// Consistent with the widget and enum pages: no finding.
const WIDGET_GET: &str = r#"---
title: "Get widget"
doc_type: apiPageType
---

# Get widget

Namespace: microsoft.graph

Read a [widget](../resources/widget.md).

## HTTP request

<!-- { "blockType": "ignored" } -->
```http
GET /widgets/{id}
```

## Response

If successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.

## Examples

### Request

<!-- {
  "blockType": "request",
  "name": "get_widget"
}
-->
```http
GET https://graph.microsoft.com/v1.0/Widgets/17?$select=name,color
```

### Response

<!-- {
  "blockType": "response",
  "@odata.type": "microsoft.graph.widget"
}
-->
```http
HTTP/1.1 200 OK
Content-Type: application/json

{
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#widgets/$entity",
  "id": "17",
  "name": "Sales",
  "enabled": null,
  "color": "green",
  "tags": ["a"],
  "size": 3
}
```
"#;

/// A body sent with no table to say what it holds.
const WIDGET_RESET: &str = r#"---
title: "widget: reset"
doc_type: apiPageType
---

# widget: reset

Namespace: microsoft.graph

Reset a [widget](../resources/widget.md).

## HTTP request

<!-- { "blockType": "ignored" } -->
```http
POST /widgets/{id}/reset
```

## Request body

In the request body, say how to reset.

## Response

If successful, this method returns a `204 No Content` response code.

## Examples

### Request

<!-- {
  "blockType": "request",
  "name": "reset_widget"
}
-->
```http
POST https://graph.microsoft.com/v1.0/widgets/17/reset
Content-Type: application/json

{
  "keepName": true
}
```

### Response

<!-- {
  "blockType": "response"
}
-->
```http
HTTP/1.1 204 No Content
```
"#;

/// A broken response body, and a broken one the page marks as cut short.
const WIDGET_LIST: &str = r#"---
title: "List widgets"
doc_type: apiPageType
---

# List widgets

Namespace: microsoft.graph

List [widget](../resources/widget.md) objects.

## HTTP request

<!-- { "blockType": "ignored" } -->
```http
GET /widgets
```

## Response

If successful, this method returns a `200 OK` response code and a collection of [widget](../resources/widget.md) objects in the response body.

## Examples

### Example 1

<!-- {
  "blockType": "request",
  "name": "list_widgets"
}
-->
```http
GET https://graph.microsoft.com/v1.0/widgets
```

<!-- {
  "blockType": "response",
  "@odata.type": "microsoft.graph.widget",
  "isCollection": true
}
-->
```http
HTTP/1.1 200 OK
Content-Type: application/json

{
  "value": [
    {
      "id": "17"
      "name": "Sales"
    }
  ]
}
```

### Example 2

<!-- {
  "blockType": "request",
  "name": "list_widgets_top"
}
-->
```http
GET https://graph.microsoft.com/v1.0/widgets?$top=1
```

<!-- {
  "blockType": "response",
  "truncated": true,
  "@odata.type": "microsoft.graph.widget",
  "isCollection": true
}
-->
```http
HTTP/1.1 200 OK
Content-Type: application/json

{
  "value": [
    {
      "id": "17",
```
"#;

/// Writes the pages under a fresh folder in cargo's test scratch space.
fn tree(name: &str, pages: &[(&str, &str)]) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("lint_pages")
        .join(name);
    let _ = std::fs::remove_dir_all(&root);
    for (rel, text) in pages {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("page path has a folder"))
            .expect("create folder");
        std::fs::write(&path, text).expect("write page");
    }
    root
}

fn widget_tree(name: &str) -> PathBuf {
    tree(
        name,
        &[
            ("v1.0/resources/widget.md", WIDGET),
            ("v1.0/resources/widgetcolor.md", WIDGET_COLOR),
            ("v1.0/api/widget-update.md", WIDGET_UPDATE),
            ("v1.0/api/widget-get.md", WIDGET_GET),
            ("v1.0/api/widget-reset.md", WIDGET_RESET),
            ("v1.0/api/widget-list.md", WIDGET_LIST),
        ],
    )
}

fn lint_tree(root: &Path) -> Vec<Finding> {
    lint::lint_pages(&read_paths(&[root.to_path_buf()]))
}

/// The finding of `code` on the page ending in `page`, at `line`.
fn find<'a>(findings: &'a [Finding], code: &str, page: &str, line: usize) -> &'a Finding {
    findings
        .iter()
        .find(|f| f.code == code && f.file.ends_with(page) && f.line == line)
        .unwrap_or_else(|| panic!("no {code} at {page}:{line} in {findings:#?}"))
}

#[test]
fn each_contradiction_is_found_where_it_is() {
    let root = widget_tree("each");
    let findings = lint_tree(&root);

    let f = find(
        &findings,
        "example-url-unmatched",
        "api/widget-update.md",
        40,
    );
    assert_eq!(f.column, 7, "at the URL");
    assert!(f.message.contains("`/gadgets/17`"), "{}", f.message);
    assert!(f
        .help
        .as_deref()
        .unwrap_or_default()
        .contains("/widgets/{widget-id}"));

    let f = find(&findings, "example-value-type", "api/widget-update.md", 45);
    assert_eq!((f.column, f.len), (3, 9), "at the key `\"enabled\"`");
    assert_eq!(f.severity, Severity::Error);
    assert!(
        f.message.contains("Boolean") && f.message.contains("\"yes\""),
        "{}",
        f.message
    );

    let f = find(
        &findings,
        "response-status-mismatch",
        "api/widget-update.md",
        57,
    );
    assert_eq!(f.column, 10, "at the status code");
    assert!(
        f.message.contains("201") && f.message.contains("200"),
        "{}",
        f.message
    );

    let f = find(&findings, "example-enum-value", "api/widget-update.md", 64);
    assert!(
        f.message.contains("`blue`") && f.message.contains("widgetColor"),
        "{}",
        f.message
    );
    assert!(f
        .help
        .as_deref()
        .unwrap_or_default()
        .contains("`red`, `green`"));

    let f = find(
        &findings,
        "example-unknown-property",
        "api/widget-update.md",
        65,
    );
    assert!(f.message.contains("`colour`"), "{}", f.message);
    let help = f.help.as_deref().unwrap_or_default();
    assert!(help.contains("did you mean `color`?"), "{help}");

    let f = find(
        &findings,
        "request-body-undocumented",
        "api/widget-reset.md",
        40,
    );
    assert!(f.message.contains("`keepName`"), "{}", f.message);

    // serde_json notices the missing comma at the next key.
    let f = find(&findings, "example-json-invalid", "api/widget-list.md", 50);
    assert_eq!(f.column, 7);
    assert!(f.message.contains("expected `,` or `}`"), "{}", f.message);

    let f = find(&findings, "property-duplicate", "resources/widget.md", 22);
    assert_eq!(f.related.len(), 1);
    assert_eq!(f.related[0].line, 21, "points back at the first listing");

    let f = find(&findings, "type-undefined", "resources/widget.md", 23);
    assert_eq!(f.column, 9, "at the type cell");
    assert!(f.message.contains("`gizmo`"), "{}", f.message);

    // Nothing else: one finding per contradiction planted above.
    assert_eq!(findings.len(), 9, "{findings:#?}");
}

#[test]
fn consistent_pages_and_truncated_examples_are_not_flagged() {
    let root = widget_tree("quiet");
    let findings = lint_tree(&root);
    assert!(
        !findings
            .iter()
            .any(|f| f.file.ends_with("widget-get.md") || f.file.ends_with("widgetcolor.md")),
        "{findings:#?}"
    );
    // Example 2 of the list page is cut short, and says so.
    assert!(
        !findings
            .iter()
            .any(|f| f.file.ends_with("widget-list.md") && f.line > 60),
        "{findings:#?}"
    );
}

/// An action whose table lists the items of the array its example sends.
const WIDGET_FOLLOW: &str = r#"---
title: "widget: follow"
doc_type: apiPageType
---

# widget: follow

Namespace: microsoft.graph

Follow widgets.

## HTTP request

```http
POST /me/followedWidgets/add
```

## Request body

| Name | Value | Description |
|:---|:---|:---|
|id|String|The widget to follow.|

## Response

If successful, this method returns a `204 No Content` response code.

## Example

### Request

```http
POST https://graph.microsoft.com/v1.0/me/followedWidgets/add
Content-Type: application/json

{
  "value": [
    { "id": "1" }
  ]
}
```

### Response

```http
HTTP/1.1 204 No Content
```
"#;

/// The SDK leaves such a body untyped; lint says where table and example part.
#[test]
fn a_body_table_its_example_does_not_use_is_reported() {
    let root = tree("follow", &[("v1.0/api/widget-follow.md", WIDGET_FOLLOW)]);
    let findings = lint_tree(&root);
    let f = find(
        &findings,
        "example-unknown-property",
        "widget-follow.md",
        37,
    );
    assert_eq!(f.column, 3, "at `\"value\"`");
    assert!(f.message.contains("sends `value`"), "{}", f.message);
    assert!(f.message.contains("it lists `id`"), "{}", f.message);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    // A table none of whose rows could be read lists nothing to compare with:
    // its broken row and the undocumented body are the findings.
    let broken = WIDGET_FOLLOW.replace("|id|String|The widget to follow.|", "|id|");
    let root = tree("follow_broken", &[("v1.0/api/widget-follow.md", &broken)]);
    let codes: Vec<String> = lint_tree(&root).into_iter().map(|f| f.code).collect();
    assert_eq!(codes, ["table-row-shape", "request-body-undocumented"]);
}

/// An action's parameters are checked against its own Request body table,
/// which is no type's table and has no base type.
#[test]
fn a_parameter_its_table_lacks_is_reported_against_the_request_body_table() {
    let page = WIDGET_FOLLOW.replace(
        r#"{
  "value": [
    { "id": "1" }
  ]
}"#,
        r#"{
  "id": "1",
  "priority": 2
}"#,
    );
    let root = tree("follow_extra", &[("v1.0/api/widget-follow.md", &page)]);
    let findings = lint_tree(&root);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = find(
        &findings,
        "example-unknown-property",
        "widget-follow.md",
        38,
    );
    assert_eq!(
        f.message,
        "example request has property `priority`, which the Request body table does not define"
    );
    assert_eq!(f.label.as_deref(), Some("not in the Request body table"));
    assert_eq!(
        f.help.as_deref(),
        Some("add it to the Request body table, or remove it from the example")
    );
}

#[test]
fn a_tree_without_type_pages_does_not_report_every_type_as_undefined() {
    let root = tree("ops_only", &[("v1.0/api/widget-get.md", WIDGET_GET)]);
    assert_eq!(lint_tree(&root), Vec::<Finding>::new());
}

#[test]
fn the_seeds_are_clean() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
    let pages = read_paths(&[docs]);
    assert_eq!(pages.len(), 4, "the four seed pages");
    assert_eq!(lint::lint_pages(&pages), Vec::<Finding>::new());
}

#[test]
fn text_form_pages_are_checked_too() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/002_886d5d1b2d29ed26.txt");
    let text = std::fs::read_to_string(seed).expect("seed 002");
    let broken = text
        .replacen(
            "\"macOsOnboarded\": true,",
            "\"macOsOnboarded\": \"yes\",",
            1,
        )
        .replacen(
            "\"partnerState\": \"unavailable\",",
            "\"partnerState\": \"sleeping\",",
            1,
        );
    let root = tree("text_form", &[("v1.0/002.txt", &broken)]);
    let findings = lint_tree(&root);
    let f = find(&findings, "example-value-type", "002.txt", 69);
    assert_eq!(f.column, 3);
    assert!(f.message.contains("macOsOnboarded"), "{}", f.message);
    let f = find(&findings, "example-enum-value", "002.txt", 67);
    assert!(
        f.message.contains("`sleeping`")
            && f.message.contains("deviceManagementPartnerTenantState")
    );
    assert_eq!(findings.len(), 2, "{findings:#?}");
}

#[test]
fn reader_diagnostics_come_through_under_their_own_code() {
    let broken = WIDGET.replace("|name|String|Display name.|", "|name|");
    let root = tree("reader", &[("v1.0/resources/widget.md", &broken)]);
    let findings = lint_tree(&root);
    let f = find(&findings, "table-row-shape", "resources/widget.md", 17);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.column, 1);
}

#[test]
fn findings_are_sorted_and_stable() {
    let root = widget_tree("sorted");
    let a = lint_tree(&root);
    let b = lint_tree(&root);
    assert_eq!(a, b);
    let keys: Vec<(String, usize, usize)> = a
        .iter()
        .map(|f| (f.file.clone(), f.line, f.column))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

fn args(root: &Path, fail_on: LintFailOn) -> LintArgs {
    LintArgs {
        docs: vec![root.to_path_buf()],
        format: LintFormat::Json,
        list_codes: false,
        allow: Vec::new(),
        fail_on,
        color: graphdoc::check::diff::ColorChoice::Never,
    }
}

#[test]
fn exit_status_follows_fail_on() {
    let root = widget_tree("exit");
    let status = |a: LintArgs| format!("{:?}", lint::run(a).expect("lint runs"));
    let success = format!("{:?}", std::process::ExitCode::SUCCESS);
    let failure = format!("{:?}", std::process::ExitCode::FAILURE);
    assert_eq!(
        status(args(&root, LintFailOn::Error)),
        failure,
        "there are errors"
    );
    assert_eq!(status(args(&root, LintFailOn::Never)), success);
    let quiet = tree("exit_quiet", &[("v1.0/api/widget-get.md", WIDGET_GET)]);
    assert_eq!(status(args(&quiet, LintFailOn::Warning)), success);
    // Allowing every error code leaves only warnings.
    let mut allowed = args(&root, LintFailOn::Error);
    allowed.allow = [
        "example-value-type",
        "example-enum-value",
        "example-json-invalid",
        "property-duplicate",
    ]
    .map(String::from)
    .to_vec();
    assert_eq!(status(allowed), success);
}

#[test]
fn a_missing_input_is_an_error_not_a_panic() {
    let mut a = args(Path::new("/nonexistent/graphdoc/docs"), LintFailOn::Error);
    a.format = LintFormat::Text;
    let err = lint::run(a).expect_err("missing folder");
    assert!(err.to_string().contains("no such file or folder"), "{err}");
}

#[test]
fn odd_pages_never_panic() {
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let pages: Vec<(String, String)> = vec![
        ("v1.0/empty.md".into(), String::new()),
        (
            "v1.0/binary.md".into(),
            String::from_utf8_lossy(&[0xff, 0xfe, 0x00, 0x41, 0x80]).into_owned(),
        ),
        (
            "v1.0/api/odd-urls.md".into(),
            WIDGET_GET
                .replace(
                    "GET /widgets/{id}",
                    "GET /vé/ẞİ/{id}\nPOST /{\nGET /widgets/{id}(x='{y",
                )
                .replace("/v1.0/Widgets/17?$select=name,color", "/v1.é/İẞ/ü?x")
                .replace("\"enabled\": null,", &format!("\"enabled\": {deep},")),
        ),
        (
            "v1.0/resources/widget.md".into(),
            WIDGET.replace("|size|Int32|", "|sİze|İnt32 or ẞ|"),
        ),
        (
            "v1.0/api/unclosed.md".into(),
            WIDGET_UPDATE.replace("\"enabled\": \"yes\"\n}", "\"enabled\": \"yes"),
        ),
    ];
    let borrowed: Vec<(&str, &str)> = pages
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let root = tree("odd", &borrowed);
    let pages = read_paths(std::slice::from_ref(&root));
    let findings = lint::lint_pages(&pages);
    // Whatever is found renders in every form.
    let count = pages.len();
    assert!(!lint::render_text(&findings, count, true).is_empty());
    assert!(lint::render_json(&findings, count).is_ok());
    assert!(lint::render_sarif(&findings).is_ok());
}

/// Workbook pages of some dates write their request paths from the workbook
/// on (`POST /workbook/tables/add`) while the examples call them under the
/// drive item that holds the workbook: that is the same path. An example
/// under another workbook path is still reported.
#[test]
fn workbook_paths_match_their_examples_under_a_drive_item() {
    let page = |example_path: &str| {
        format!(
            "---\ndoc_type: apiPageType\n---\n# Create table\n\nNamespace: microsoft.graph\n\n\
             ## HTTP request\n\n```http\nPOST /workbook/tables/add\n```\n\n\
             ## Example\n\n### Request\n\n```http\nPOST https://graph.microsoft.com/v1.0{example_path}\n```\n"
        )
    };
    for (name, path, unmatched) in [
        ("by_id", "/me/drive/items/{id}/workbook/tables/add", false),
        (
            "by_path",
            "/me/drive/root:/book.xlsx:/workbook/tables/add",
            false,
        ),
        ("other", "/me/drive/items/{id}/workbook/names/add", true),
    ] {
        let root = tree(
            &format!("workbook_{name}"),
            &[("v1.0/api/table-add.md", &page(path))],
        );
        let codes: Vec<String> = lint_tree(&root).into_iter().map(|f| f.code).collect();
        let expected: &[&str] = if unmatched {
            &["example-url-unmatched"]
        } else {
            &[]
        };
        assert_eq!(codes, expected, "{path}");
    }
}
