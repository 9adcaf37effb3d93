//! `graphdoc diff` on two small doc trees written for the purpose: every kind
//! of change is found and classified, renamed path parameters are no change,
//! IR dumps diff like the pages they came from, and the outputs say so.

use std::path::{Path, PathBuf};

use graphdoc::check::diff::{
    self, diff_models, load_pages, render_json, render_markdown, render_text, Change, ChangeKind,
    ColorChoice, DiffArgs, DiffFormat, FailOn, Item,
};
use graphdoc::ir::{IrDocument, IR_VERSION};
use graphdoc::model;
use serde_json::Value;

fn widget(props: &str) -> String {
    format!(
        r#"---
title: "widget resource type"
doc_type: resourcePageType
---

# widget resource type

Namespace: microsoft.graph

A widget.

## Properties

| Property | Type | Description |
|:---|:---|:---|
{props}
"#
    )
}

fn color(members: &str) -> String {
    format!(
        r#"---
title: "widgetColor enum type"
doc_type: enumPageType
---

# widgetColor enum type

Namespace: microsoft.graph

## Members

| Member | Description |
|:---|:---|
{members}
"#
    )
}

fn operation(title: &str, request: &str, body_table: &str, response: &str) -> String {
    let body = if body_table.is_empty() {
        "Do not supply a request body for this method.".to_string()
    } else {
        format!("|Property|Type|Description|\n|:---|:---|:---|\n{body_table}")
    };
    format!(
        r#"---
title: "{title}"
doc_type: apiPageType
---

# {title}

Namespace: microsoft.graph

{title}.

## HTTP request

<!-- {{ "blockType": "ignored" }} -->
```http
{request}
```

## Request body

{body}

## Response

{response}
"#
    )
}

const RETURNS_WIDGET: &str =
    "If successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.";
const NO_CONTENT: &str = "If successful, this method returns a `204 No Content` response code.";

fn write_tree(root: &Path, pages: &[(&str, String)]) {
    let _ = std::fs::remove_dir_all(root);
    for (rel, text) in pages {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("folder")).expect("create folder");
        std::fs::write(&path, text).expect("write page");
    }
}

/// The old and new trees of one small API.
fn trees(name: &str) -> (PathBuf, PathBuf) {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("diff_trees")
        .join(name);
    let old = base.join("old");
    let new = base.join("new");
    write_tree(
        &old,
        &[
            (
                "v1.0/resources/widget.md",
                widget(
                    "|id|String|Identifier. Read-only.|\n|name|String|Name.|\n|size|Int32|Size.|\n|color|widgetColor|Colour.|\n|legacy|String|Old.|",
                ),
            ),
            ("v1.0/resources/widgetcolor.md", color("|red|Red.|\n|green|Green.|\n|blue|Blue.|")),
            ("v1.0/api/widget-get.md", operation("Get widget", "GET /widgets/{id}", "", RETURNS_WIDGET)),
            ("v1.0/api/widget-delete.md", operation("Delete widget", "DELETE /widgets/{id}", "", NO_CONTENT)),
            (
                "v1.0/api/widget-update.md",
                operation(
                    "Update widget",
                    "PATCH /widgets/{id}",
                    "|name|String|Name.|\n|size|Int32|Size.|",
                    RETURNS_WIDGET,
                ),
            ),
        ],
    );
    write_tree(
        &new,
        &[
            (
                "v1.0/resources/widget.md",
                widget(
                    "|id|String|Identifier. Read-only.|\n|name|String|Name.|\n|size|Int64|Size.|\n|color|widgetColor|Colour.|\n|tags|String collection|Labels.|",
                ),
            ),
            ("v1.0/resources/widgetcolor.md", color("|red|Red.|\n|green|Green.|\n|yellow|Yellow.|")),
            ("v1.0/resources/gadget.md", widget("|id|String|Identifier.|").replace("widget", "gadget")),
            // The parameter is renamed and the path capitalised: the same operation.
            ("v1.0/api/widget-get.md", operation("Get widget", "GET /Widgets/{widget-id}", "", RETURNS_WIDGET)),
            (
                "v1.0/api/widget-update.md",
                operation(
                    "Update widget",
                    "PATCH /widgets/{widget-id}",
                    "|name|String|Name.|\n|size|Int64|Size.|\n|tags|String collection|Labels.|",
                    RETURNS_WIDGET,
                ),
            ),
            ("v1.0/api/widget-reset.md", operation("Reset widget", "POST /widgets/{id}/reset", "", NO_CONTENT)),
        ],
    );
    (old, new)
}

fn changes_between(old: &Path, new: &Path) -> Vec<Change> {
    let old = model::build(&load_pages(old).expect("old tree")).model;
    let new = model::build(&load_pages(new).expect("new tree")).model;
    diff_models(&old, &new)
}

fn brief(changes: &[Change]) -> Vec<(ChangeKind, Item, String, bool)> {
    changes
        .iter()
        .map(|c| (c.change, c.item, c.name.clone(), c.breaking))
        .collect()
}

#[test]
fn every_change_is_found_and_classified() {
    let (old, new) = trees("every");
    let changes = changes_between(&old, &new);
    use ChangeKind::*;
    assert_eq!(
        brief(&changes),
        vec![
            (
                Removed,
                Item::Operation,
                "DELETE /widgets/{id}".to_string(),
                true
            ),
            (
                Added,
                Item::Operation,
                "POST /widgets/{id}/reset".to_string(),
                false
            ),
            (
                Changed,
                Item::Parameter,
                "PATCH /widgets/{widget-id}: size".to_string(),
                true
            ),
            (
                Added,
                Item::Parameter,
                "PATCH /widgets/{widget-id}: tags".to_string(),
                false
            ),
            (Added, Item::Type, "gadget".to_string(), false),
            (Removed, Item::Property, "widget.legacy".to_string(), true),
            (Changed, Item::Property, "widget.size".to_string(), true),
            (Added, Item::Property, "widget.tags".to_string(), false),
            (
                Removed,
                Item::EnumMember,
                "widgetColor.blue".to_string(),
                true
            ),
            (
                Added,
                Item::EnumMember,
                "widgetColor.yellow".to_string(),
                false
            ),
        ],
        "{changes:#?}"
    );
    let size = changes
        .iter()
        .find(|c| c.name == "widget.size")
        .expect("size");
    assert_eq!(size.detail, "Int32 → Int64");
    assert!(changes.iter().all(|c| c.api_version.as_str() == "v1.0"));
}

#[test]
fn a_renamed_path_parameter_is_no_change() {
    let (old, new) = trees("renamed");
    let changes = changes_between(&old, &new);
    assert!(
        !changes
            .iter()
            .any(|c| c.name.to_ascii_lowercase().starts_with("get /widgets")),
        "{changes:#?}"
    );
}

#[test]
fn an_ir_dump_diffs_like_its_pages() {
    let (old, new) = trees("ir");
    let dump = old.with_extension("json");
    let doc = IrDocument {
        version: IR_VERSION,
        pages: load_pages(&old).expect("old tree"),
    };
    std::fs::write(&dump, serde_json::to_string(&doc).expect("json")).expect("write dump");
    assert_eq!(changes_between(&dump, &new), changes_between(&old, &new));

    let wrong = old.with_extension("v99.json");
    std::fs::write(&wrong, r#"{"version": 99, "pages": []}"#).expect("write");
    let err = load_pages(&wrong).expect_err("future IR version");
    assert!(err.to_string().contains("IR version 99"), "{err}");
}

#[test]
fn identical_trees_have_no_changes() {
    let (old, _) = trees("same");
    let changes = changes_between(&old, &old);
    assert_eq!(changes, Vec::<Change>::new());
    assert_eq!(diff::summary(&changes), "API unchanged");
}

#[test]
fn summary_counts_and_names_the_breaking_changes() {
    let (old, new) = trees("summary");
    let summary = diff::summary(&changes_between(&old, &new));
    assert!(
        summary.starts_with("API changes: 10 (5 breaking): operation +1 -1"),
        "{summary}"
    );
    assert!(
        summary.contains("breaking: removed operation DELETE /widgets/{id} (v1.0)"),
        "{summary}"
    );
    assert!(
        summary.contains("breaking: changed property widget.size (v1.0): Int32 → Int64"),
        "{summary}"
    );
    assert!(
        !summary.contains("widget.tags"),
        "non-breaking changes are only counted: {summary}"
    );
}

/// Paths in output are made relative to the scratch folder so snapshots hold everywhere.
fn relative(text: &str, base: &Path) -> String {
    text.replace(&format!("{}/", base.display()), "")
}

#[test]
fn text_output_groups_by_version_and_marks_breaking() {
    let (old, new) = trees("text");
    let changes = changes_between(&old, &new);
    let text = render_text(&changes, &changes, false);
    assert!(!text.contains('\u{1b}'), "no colour unless asked");
    assert!(render_text(&changes, &changes, true).contains('\u{1b}'));
    insta::assert_snapshot!(text);
}

#[test]
fn markdown_output_is_a_pr_comment() {
    let (old, new) = trees("markdown");
    let changes = changes_between(&old, &new);
    let base = old.parent().expect("base");
    let md = relative(&render_markdown(&changes, &changes, ("old", "new")), base);
    // The `|` of `{id | userPrincipalName}` style names must not break the table.
    assert!(md.contains("| item | added | removed | changed | moved |"));
    insta::assert_snapshot!(md);
}

#[test]
fn json_output_has_changes_and_summary() {
    let (old, new) = trees("json");
    let changes = changes_between(&old, &new);
    let base = old.parent().expect("base");
    let json = relative(&render_json(&changes, &changes).expect("json"), base);
    let value: Value = serde_json::from_str(&json).expect("valid JSON");
    let list = value["changes"].as_array().expect("changes[]");
    assert_eq!(list.len(), 10);
    for c in list {
        for key in [
            "change",
            "item",
            "api_version",
            "name",
            "breaking",
            "detail",
        ] {
            assert!(!c[key].is_null(), "{key} missing in {c}");
        }
    }
    assert_eq!(list[0]["change"], "removed");
    assert_eq!(list[0]["item"], "operation");
    assert_eq!(list[0]["api_version"], "v1.0");
    assert_eq!(list[0]["name"], "DELETE /widgets/{id}");
    assert_eq!(value["summary"]["breaking"], 5);
    assert_eq!(value["summary"]["counts"]["property"]["added"], 1);
    insta::assert_snapshot!(json);
}

fn args(old: &Path, new: &Path, fail_on: Option<FailOn>) -> DiffArgs {
    DiffArgs {
        old: old.to_path_buf(),
        new: new.to_path_buf(),
        format: DiffFormat::Json,
        fail_on,
        breaking_only: false,
        color: ColorChoice::Never,
    }
}

#[test]
fn exit_status_says_whether_anything_breaking_changed() {
    let (old, new) = trees("exit");
    let status = |a: DiffArgs| format!("{:?}", diff::run(a).expect("diff runs"));
    let success = format!("{:?}", std::process::ExitCode::SUCCESS);
    let failure = format!("{:?}", std::process::ExitCode::FAILURE);
    assert_eq!(
        status(args(&old, &new, None)),
        success,
        "reporting only by default"
    );
    assert_eq!(status(args(&old, &new, Some(FailOn::Breaking))), failure);
    assert_eq!(status(args(&old, &old, Some(FailOn::Breaking))), success);
    assert_eq!(status(args(&old, &old, Some(FailOn::Any))), success);
    let err = diff::run(args(&old.join("missing"), &new, None)).expect_err("missing tree");
    assert!(err.to_string().contains("no such file or folder"), "{err}");
}
