//! What cannot be read is reported (file, line, what was expected), and the
//! rest of the page is still read, in both forms; bad input never panics or hangs.

use std::time::{Duration, Instant};

use graphdoc::ir::{Diagnostic, Form, Page, PageKind};
use graphdoc::read::{read_file, read_page};

fn diag<'a>(page: &'a Page, code: &str) -> &'a Diagnostic {
    page.diagnostics
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("no `{code}` diagnostic in {:#?}", page.diagnostics))
}

const MD_RESOURCE: &str = r#"---
title: "widget resource type"
doc_type: resourcePageType
---

# widget resource type

Namespace: microsoft.graph

A widget.

## Properties

|Property|Type|Description|
|:---|:---|:---|
|id|String|The identifier. Read-only.|
|size|
|color|String|The color. Possible values are: `red`, `green`.|
"#;

const TEXT_RESOURCE: &str = "widget resource type

Namespace: microsoft.graph

A widget.

Properties

Property Type Description
id String The identifier. Read-only.
size
color String The color. Possible values are: red, green.
";

#[test]
fn unreadable_table_row_markdown() {
    let page = read_page("pages/widget.md", MD_RESOURCE);
    assert_eq!(page.form, Form::Markdown);
    assert_eq!(page.kind, PageKind::Resource);
    let d = diag(&page, "table-row-shape");
    assert_eq!(d.file, "pages/widget.md");
    assert_eq!(d.line, 17, "the line of `|size|`");
    assert!(
        d.message.contains("Property | Type | Description"),
        "{}",
        d.message
    );
    assert!(
        d.message.contains("line 14"),
        "names the table's line: {}",
        d.message
    );
    assert!(
        d.message
            .contains("expected 3 (Property, Type, Description)"),
        "{}",
        d.message
    );
    let names: Vec<&str> = page.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["id", "color"], "the other rows are still read");
    assert!(page.properties[0].read_only);
    assert_eq!(page.properties[1].possible_values, ["red", "green"]);
}

#[test]
fn unreadable_table_row_text() {
    let page = read_page("pages/widget.txt", TEXT_RESOURCE);
    assert_eq!(page.form, Form::Text);
    assert_eq!(page.kind, PageKind::Resource);
    assert_eq!(page.type_name.as_deref(), Some("widget"));
    let d = diag(&page, "table-row-shape");
    assert_eq!((d.file.as_str(), d.line), ("pages/widget.txt", 11));
    assert!(
        d.message
            .contains("expected 3 (property, type, description)"),
        "{}",
        d.message
    );
    let names: Vec<&str> = page.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["id", "color"]);
}

const MD_UNKNOWN_TABLE: &str = r#"---
title: "widget resource type"
doc_type: resourcePageType
---

# widget resource type

Namespace: microsoft.graph

A widget.

## Properties

|Property|Type|Description|
|:---|:---|:---|
|id|String|The identifier.|

Some properties take preset values:

|Preset constant|Color mapped to|
|:---|:---|
|preset0|Red|
|preset1|Orange|

```json
"definition": [
  "x"
]
```

The rest are read-only.
"#;

/// The same page as published text, with a run of lines where no table is read.
const TEXT_UNKNOWN_TABLE: &str = r#"widget resource type

Namespace: microsoft.graph

A widget on a dashboard
Shown to its owner.

Properties

Property Type Description
id String The identifier.

Some properties take preset values:

Preset constant Color mapped to
preset0 Red
preset1 Orange

"definition": [
  "x"
]

The rest are read-only.
"#;

/// A table whose header the reader does not know, under a section whose
/// tables it reads, is reported in both forms (not skipped in silence, and in
/// the text form not taken for lines of prose); code and sentences are not.
#[test]
fn unknown_table_is_reported_in_both_forms() {
    for (source, text, line) in [
        ("pages/widget.md", MD_UNKNOWN_TABLE, 20),
        ("pages/widget.txt", TEXT_UNKNOWN_TABLE, 15),
    ] {
        let page = read_page(source, text);
        let unknown: Vec<&Diagnostic> = page
            .diagnostics
            .iter()
            .filter(|d| d.code == "table-unknown")
            .collect();
        assert_eq!(unknown.len(), 1, "{source}: {:#?}", page.diagnostics);
        let d = unknown[0];
        assert_eq!((d.file.as_str(), d.line), (source, line));
        assert!(d.message.contains("Preset constant"), "{}", d.message);
        assert!(d.message.contains("Properties section"), "{}", d.message);
        assert!(
            d.message.contains("its 2 rows are not read"),
            "{}",
            d.message
        );
        let names: Vec<&str> = page.properties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["id"], "{source}: the known table is still read");
        let description = page.description.as_deref().unwrap_or_default();
        assert!(
            description.starts_with("A widget"),
            "{source}: {description:?}"
        );
    }
}

/// In the text form, a heading or a known table run into the lines before it
/// (no blank line between) is not taken for an unknown table.
#[test]
fn a_heading_run_into_a_known_table_is_no_unknown_table() {
    let text =
        "widget resource type\n\nProperties\n\nProperty Type Description\nid String The id.\n\n\
        Relationships\nRelationship Type Description\nowner user The owner.\n";
    let page = read_page("pages/widget.txt", text);
    assert!(
        !page.diagnostics.iter().any(|d| d.code == "table-unknown"),
        "{:#?}",
        page.diagnostics
    );
    let names = |props: &[graphdoc::ir::Property]| -> Vec<String> {
        props.iter().map(|p| p.name.clone()).collect()
    };
    assert_eq!(names(&page.properties), ["id"]);
    assert_eq!(names(&page.relationships), ["owner"], "the table is read");
}

/// A values table inside Properties under lines that name no property: whose
/// values they are, the reader cannot tell (`### DisplayAs options` would say).
#[test]
fn a_values_table_among_properties_is_reported_in_both_forms() {
    let markdown = "# column resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n\
        | displayAs | string | How to show it. |\n\n### Display options\n\n| Value | Description |\n|:--|:--|\n\
        | default | The default. |\n| friendly | Friendly. |\n";
    let text = "column resource type\n\nProperties\n\nProperty Type Description\ndisplayAs string How to show it.\n\n\
        Display options\n\nValue Description\ndefault The default.\nfriendly Friendly.\n";
    for (source, page, line) in [
        ("pages/column.md", markdown, 11),
        ("pages/column.txt", text, 10),
    ] {
        let page = read_page(source, page);
        let d = diag(&page, "table-not-read");
        assert_eq!((d.file.as_str(), d.line), (source, line));
        assert!(
            d.message.contains("its 2 rows are not read"),
            "{}",
            d.message
        );
        assert!(page.members.is_empty(), "{source}: not the page's members");
        assert_eq!(page.properties.len(), 1, "{source}");
        assert!(page.properties[0].possible_values.is_empty(), "{source}");
    }
}

const MD_OPERATION: &str = r#"---
title: "Get widget"
doc_type: apiPageType
---

# Get widget

Namespace: microsoft.graph

Get a widget.

## HTTP request

```http
GET /widgets/{id}
```

## Response

If successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.

## Example

### Request

```http
GET https://graph.microsoft.com/v1.0/widgets/1
```

### Response

<!-- { "blockType": "response", "@odata.type": "microsoft.graph.widget" } -->
```http
HTTP/1.1 200 OK
Content-type: application/json

{
  "id": "1"
  "color": "red"
}
```
"#;

#[test]
fn malformed_json_example_markdown() {
    let page = read_page("pages/widget-get.md", MD_OPERATION);
    let d = diag(&page, "json-invalid");
    assert_eq!(d.file, "pages/widget-get.md");
    assert_eq!(d.line, 37, "the body's first line");
    assert!(d.message.contains("code block at line 34"), "{}", d.message);
    assert!(
        d.message.contains("expected a JSON object or array"),
        "{}",
        d.message
    );
    // Never dropped: the example is there, its body kept as written.
    assert_eq!(page.examples.len(), 1);
    let res = page.examples[0].response.as_ref().unwrap();
    assert_eq!(res.status, Some(200));
    assert!(res.body.is_none());
    assert!(res
        .raw_body
        .as_deref()
        .unwrap()
        .contains("\"color\": \"red\""));
    assert_eq!(res.odata_type.as_deref(), Some("microsoft.graph.widget"));
    // The rest of the page is read.
    assert_eq!(page.operations[0].paths, ["/widgets/{id}"]);
    let r = page.response.as_ref().unwrap();
    assert_eq!(
        (r.status, r.ty.as_ref().unwrap().name.as_str()),
        (Some(200), "widget")
    );
}

#[test]
fn malformed_json_example_text() {
    let text = "Get widget\n\nHTTP request\n\nGET /widgets/{id}\n\nExample\n\nRequest\n\nGET https://graph.microsoft.com/v1.0/widgets/1\n\nResponse\n\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\n  \"id\": \"1\"\n  \"color\": \"red\"\n}\n";
    let page = read_page("pages/widget-get.txt", text);
    assert_eq!(page.form, Form::Text);
    assert_eq!(page.kind, PageKind::Operation);
    let d = diag(&page, "json-invalid");
    assert_eq!((d.file.as_str(), d.line), ("pages/widget-get.txt", 18));
    assert!(d.message.contains("code block at line 15"), "{}", d.message);
    let res = page.examples[0].response.as_ref().unwrap();
    assert!(res.raw_body.is_some() && res.body.is_none());
    assert_eq!(page.api_version, Some(graphdoc::ir::ApiVersion::V1_0));
}

#[test]
fn truncated_json_example_is_read_leniently() {
    let md = MD_OPERATION.replace(
        "  \"id\": \"1\"\n  \"color\": \"red\"",
        "  \"id\": \"1\",\n  // more properties\n  ...\n",
    );
    let page = read_page("pages/widget-get.md", &md);
    assert!(
        page.diagnostics.iter().all(|d| d.code != "json-invalid"),
        "{:#?}",
        page.diagnostics
    );
    let res = page.examples[0].response.as_ref().unwrap();
    assert_eq!(res.body.as_ref().unwrap()["id"], "1");
    assert!(res.truncated, "comments and `...` had to be removed");
}

#[test]
fn operation_page_without_http_request_markdown() {
    let md = MD_OPERATION.replace("## HTTP request\n\n```http\nGET /widgets/{id}\n```\n", "");
    let page = read_page("pages/widget-get.md", &md);
    assert_eq!(page.kind, PageKind::Operation, "doc_type says so");
    let d = diag(&page, "no-http-request");
    assert_eq!(d.file, "pages/widget-get.md");
    assert!(
        d.message.contains("expected a `HTTP request` heading"),
        "{}",
        d.message
    );
    assert!(
        page.operations.is_empty(),
        "example URLs are not operation paths"
    );
    // The rest is still read.
    assert_eq!(page.examples.len(), 1);
    assert_eq!(page.response.as_ref().unwrap().status, Some(200));
}

#[test]
fn http_request_section_without_request_line_text() {
    let text = "Get widget\n\nHTTP request\n\nSee the widget documentation.\n\nResponse\n\nIf successful, this method returns a 200 OK response code and a widget object in the response body.\n";
    let page = read_page("pages/widget-get.txt", text);
    assert_eq!(page.kind, PageKind::Operation);
    let d = diag(&page, "no-http-request");
    assert!(
        d.message.contains("expected `METHOD /path`"),
        "{}",
        d.message
    );
    assert_eq!(page.response.as_ref().unwrap().status, Some(200));
}

#[test]
fn unknown_doc_type() {
    let md = MD_RESOURCE.replace("doc_type: resourcePageType", "doc_type: widgetPageType");
    let page = read_page("pages/widget.md", &md);
    let d = diag(&page, "unknown-doc-type");
    assert_eq!(d.line, 3);
    assert!(d.message.contains("widgetPageType"));
    assert_eq!(page.kind, PageKind::Resource, "taken from the title");
}

#[test]
fn files_that_cannot_be_read() {
    let dir = std::env::temp_dir().join(format!("graphdoc-read-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let missing = read_file(&dir.join("missing.md"));
    assert_eq!(missing.kind, PageKind::Other);
    assert_eq!(diag(&missing, "io-error").line, 1);
    // A stray Windows-1252 byte (a curly quote) on line 5: said so, with
    // its line, and the page is read all the same.
    let latin1 = dir.join("user-get.md");
    let page_bytes = b"---\ndoc_type: apiPageType\n---\n\n# Get a user\x92s profile\n\n## HTTP request\n\n```http\nGET /me\n```\n";
    std::fs::write(&latin1, page_bytes).unwrap();
    let page = read_file(&latin1);
    let d = diag(&page, "not-utf8");
    assert_eq!(d.line, 5);
    assert!(d.message.contains("0x92"), "{}", d.message);
    assert_eq!(page.kind, PageKind::Operation);
    assert_eq!(page.title, "Get a user\u{fffd}s profile");
    assert_eq!(page.operations[0].paths, ["/me"]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Line breaks as CRLF (Windows) or as lone CRs (classic Mac: older pages'
/// front matter has them) read like `\n`, on the lines an editor shows.
#[test]
fn every_kind_of_line_break_reads_alike() {
    let lf = "---\ntitle: \"Get a user\"\ndoc_type: apiPageType\n---\n\n# Get a user\n\n## HTTP request\n\n```http\nGET /me\nGET /users/{id}\n```\n\n## Example\n\n### Request\n\n```http\nGET https://graph.microsoft.com/v1.0/me\n```\n\n### Response\n\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\n  \"id\": \"1\"\n}\n```\n";
    let expected = read_page("api/user-get.md", lf);
    assert!(
        expected.diagnostics.is_empty(),
        "{:?}",
        expected.diagnostics
    );
    assert_eq!(expected.operations[0].paths, ["/me", "/users/{id}"]);
    let front_matter_end = lf.find("\n\n# ").unwrap();
    for text in [
        lf.replace('\n', "\r\n"),
        lf.replace('\n', "\r"),
        lf[..front_matter_end].replace('\n', "\r") + &lf[front_matter_end..],
    ] {
        let page = read_page("api/user-get.md", &text);
        assert_eq!(page, expected, "{text:?}");
    }
}

#[test]
fn pathological_input_neither_panics_nor_hangs() {
    let inputs = [
        String::new(),
        "\n\n\n".to_string(),
        "{".repeat(200_000),
        format!("Title\n\n{}", "[".repeat(100_000)),
        format!("# T\n\n```http\nGET /x\n\n{}\n```\n", "{\"a\":".repeat(50_000)),
        format!("Title\n\nProperty Type Description\n{}", "x String y\n".repeat(50_000)),
        format!("Title\n\n{}", "HTTP/1.1 200 OK\n\n{\n".repeat(20_000)),
        "|".repeat(100_000),
        format!("---\n{}", "a: b\n".repeat(10_000)),
        "\u{feff}\r\nTitle\r\n\r\nGET /x\r\n".to_string(),
        "# T\n\n<!-- { \"blockType\": \"response\", truncated: yes -->\n```\nHTTP/1.1 200 OK\n```\n".to_string(),
        format!("Title\n\n{}", "{\n\nx\n".repeat(100_000)),
        format!("Title\n\n{}", "{\"\n}\n".repeat(100_000)),
        format!("Title\n\nHTTP request\n\n{}", (0..100_000).map(|i| format!("GET /a/{i}\n")).collect::<String>()),
        "x".repeat(5 * 1024 * 1024),
    ];
    for input in &inputs {
        let started = Instant::now();
        let page = read_page("p.md", input);
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "took {:?} on input of {} bytes",
            started.elapsed(),
            input.len()
        );
        assert!(
            page.diagnostics.iter().all(|d| d.code != "internal-error"),
            "{:?}",
            page.diagnostics
        );
    }
    let big = read_page("p.md", &inputs[inputs.len() - 1]);
    assert!(big.diagnostics.iter().any(|d| d.code == "page-too-large"));
}
