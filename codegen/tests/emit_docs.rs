//! What a generated function's docs tell its caller, from the page it was read from.

mod emit_support;

use graphdoc::emit::emit_sdk;
use graphdoc::read::read_page;

const WIDGET_LIST: &str = "---\ntitle: List widgets\ndoc_type: apiPageType\n---\n\n# List widgets\n\n\
    Namespace: microsoft.graph\n\nList the widgets.\n\n## HTTP request\n\n```http\nGET /widgets\n```\n\n\
    ## Optional query parameters\n\n\
    This method supports the `$select` and `$filter` OData query parameters to help customize the response.\n\n\
    ## Response\n\nIf successful, this method returns a `200 OK` response code.\n";

const WIDGET_RESET: &str = "---\ntitle: Reset widget\ndoc_type: apiPageType\n---\n\n# widget: reset\n\n\
    Namespace: microsoft.graph\n\nReset a widget.\n\n## HTTP request\n\n```http\nPOST /widgets/{id}/reset\n```\n\n\
    ## Optional query parameters\n\nThis method supports the `$select` OData query parameter.\n\n\
    ## Response\n\nIf successful, this method returns a `204 No Content` response code.\n";

/// The doc comment above `pub async fn {name}` in the generated source.
fn docs_of(source: &str, name: &str) -> String {
    let at = source
        .find(&format!("pub async fn {name}("))
        .unwrap_or_else(|| panic!("no fn {name} in:\n{source}"));
    let before = &source[..at];
    let start = before.rfind("\n\n").map_or(0, |i| i + 2);
    before[start..].to_string()
}

#[test]
fn a_get_function_names_the_query_options_its_page_supports() {
    let pages = [
        read_page("v1.0/api/widget-list.md", WIDGET_LIST),
        read_page("v1.0/api/widget-reset.md", WIDGET_RESET),
    ];
    let model = graphdoc::model::build(&pages).model;
    let files = emit_sdk(&model, &emit_support::options("graph-sdk")).unwrap();
    let widgets = files
        .iter()
        .find(|(path, _)| path.ends_with("src/v1_0/widgets.rs"))
        .map(|(_, text)| text.as_str())
        .expect("a widgets module");
    let list = docs_of(widgets, "list_widgets");
    assert!(
        list.contains(
            "/// Supports the OData query options `$select`, `$filter` (set them on `query`)."
        ),
        "{list}"
    );
    // A POST takes no `QueryOptions`: naming options there would mislead.
    let reset = docs_of(widgets, "widget_reset");
    assert!(!reset.contains("query options"), "{reset}");
}
