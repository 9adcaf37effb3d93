//! Newer pages keep their permissions table in an include
//! (`[!INCLUDE [permissions-table](../includes/permissions/x.md)]`): read from
//! beside the page when there, reported when not.

use std::path::PathBuf;

use graphdoc::ir::Permission;
use graphdoc::read::{read_page, read_paths};

const PAGE: &str = "---\ntitle: Get thing\ndoc_type: apiPageType\n---\n\n# Get thing\n\nNamespace: microsoft.graph\n\nRead a thing.\n\n## Permissions\n\nChoose the permission or permissions marked as least privileged for this API.\n\n<!-- { \"blockType\": \"permissions\", \"name\": \"thing_get\" } -->\n[!INCLUDE [permissions-table](../includes/permissions/thing-get-permissions.md)]\n\n## HTTP request\n\n```http\nGET /things/{id}\n```\n";

/// As the docs hold it: front matter, Windows line endings.
const INCLUDE: &str = "---\r\ndescription: Automatically generated file. DO NOT MODIFY\r\nms.topic: include\r\n---\r\n\r\n|Permission type|Least privileged permissions|Higher privileged permissions|\r\n|:---|:---|:---|\r\n|Delegated (work or school account)|Thing.Read.All|Thing.ReadWrite.All|\r\n|Delegated (personal Microsoft account)|Not supported.|Not supported.|\r\n|Application|Thing.Read.All|Not available.|\r\n";

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("graphdoc-read-includes-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("api")).unwrap();
    std::fs::create_dir_all(dir.join("includes/permissions")).unwrap();
    dir
}

#[test]
fn permission_includes_are_read_from_beside_the_page_and_reported_when_missing() {
    let dir = scratch();
    std::fs::write(dir.join("api/thing-get.md"), PAGE).unwrap();
    std::fs::write(
        dir.join("api/other-get.md"),
        PAGE.replace("thing-get-permissions", "other-get-permissions"),
    )
    .unwrap();
    std::fs::write(
        dir.join("includes/permissions/thing-get-permissions.md"),
        INCLUDE,
    )
    .unwrap();

    let pages = read_paths(std::slice::from_ref(&dir));
    let names: Vec<&str> = pages
        .iter()
        .map(|p| p.source.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        names,
        ["other-get.md", "thing-get.md"],
        "include files are not pages"
    );

    let (other, thing) = (&pages[0], &pages[1]);
    assert_eq!(
        thing.permissions,
        [
            Permission {
                permission_type: "Delegated (work or school account)".into(),
                permissions: vec!["Thing.Read.All".into(), "Thing.ReadWrite.All".into()],
                resource: None,
                all_required: false,
            },
            Permission {
                permission_type: "Delegated (personal Microsoft account)".into(),
                permissions: vec![],
                resource: None,
                all_required: false,
            },
            Permission {
                permission_type: "Application".into(),
                permissions: vec!["Thing.Read.All".into()],
                resource: None,
                all_required: false,
            },
        ]
    );
    assert!(thing.diagnostics.is_empty(), "{:?}", thing.diagnostics);
    assert_eq!(
        thing.operations[0].paths,
        ["/things/{id}"],
        "the page reads on after the include"
    );

    assert!(other.permissions.is_empty());
    let codes: Vec<(&str, usize)> = other
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.line))
        .collect();
    assert_eq!(codes, [("include-unresolved", 17)]);
    assert!(other.diagnostics[0]
        .message
        .contains("../includes/permissions/other-get-permissions.md"));

    // A page read from text alone has no folder to look in: reported the same way.
    let alone = read_page("thing-get.md", PAGE);
    assert_eq!(alone.diagnostics[0].code, "include-unresolved");
    let _ = std::fs::remove_dir_all(&dir);
}
