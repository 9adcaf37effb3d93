//! The four seed pages in `docs/`: snapshots of their IR (reviewed by eye
//! against the pages) and targeted assertions on what matters most.

use std::path::{Path, PathBuf};

use graphdoc::ir::{ApiVersion, Form, Page, PageKind};
use graphdoc::read::{read_file, read_paths, read_paths_with_progress};

fn docs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs")
}

/// Reads a seed with a stable, machine-independent source path.
fn seed(name: &str) -> Page {
    let mut page = read_file(&docs().join(name));
    let rel = format!("docs/{name}");
    page.source = rel.clone();
    for d in &mut page.diagnostics {
        d.file = rel.clone();
    }
    page
}

#[test]
fn snapshot_000() {
    insta::assert_json_snapshot!("seed_000", seed("000_b860a9f2bf3de691.txt"));
}

#[test]
fn snapshot_001() {
    insta::assert_json_snapshot!("seed_001", seed("001_6717de22b9f4c02c.txt"));
}

#[test]
fn snapshot_002() {
    insta::assert_json_snapshot!("seed_002", seed("002_886d5d1b2d29ed26.txt"));
}

#[test]
fn snapshot_003() {
    insta::assert_json_snapshot!("seed_003", seed("003_b1b38aa5ebaaf4c1.txt"));
}

#[test]
fn seed_000_text_form() {
    let p = seed("000_b860a9f2bf3de691.txt");
    assert_eq!(p.form, Form::Text);
    assert_eq!(p.kind, PageKind::Operation);
    assert_eq!(p.api_version, Some(ApiVersion::Beta));
    assert_eq!(p.namespace.as_deref(), Some("microsoft.graph"));
    assert_eq!(p.operations.len(), 1);
    assert_eq!(p.operations[0].method, "PATCH");
    assert_eq!(
        p.operations[0].paths,
        vec!["/deviceManagement/virtualEndpoint/externalPartnerSettings/{cloudPcExternalPartnerSettingId}"]
    );
    assert_eq!(p.operations[0].line, 26);
    let resp = p.response.as_ref().unwrap();
    assert_eq!(resp.status, Some(200));
    assert_eq!(
        resp.ty.as_ref().unwrap().name,
        "cloudPcExternalPartnerSetting"
    );
    assert_eq!(p.permissions.len(), 3);
    assert_eq!(p.permissions[0].permissions, vec!["CloudPC.ReadWrite.All"]);
    assert!(p.permissions[1].permissions.is_empty());
    let body = p.request_body.as_ref().unwrap();
    assert_eq!(body.properties.len(), 1);
    assert!(body.properties[0].required);
    assert_eq!(p.examples.len(), 1);
    let ex = &p.examples[0];
    let req = ex.request.as_ref().unwrap();
    assert_eq!(req.body.as_ref().unwrap()["enableConnection"], true);
    let res = ex.response.as_ref().unwrap();
    assert_eq!(res.status, Some(200));
    assert_eq!(res.body.as_ref().unwrap()["status"], "available");
    assert!(!res.truncated);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
}

#[test]
fn seed_001_markdown_form() {
    let p = seed("001_6717de22b9f4c02c.txt");
    assert_eq!(p.form, Form::Markdown);
    assert_eq!(p.kind, PageKind::Operation);
    assert_eq!(
        p.api_version,
        Some(ApiVersion::Beta),
        "from the beta-disclaimer include"
    );
    let ex = &p.examples[0];
    assert_eq!(ex.name.as_deref(), Some("update_cloudpcexternalpartner"));
    let res = ex.response.as_ref().unwrap();
    assert!(res.truncated, "annotation says truncated");
    assert_eq!(
        res.odata_type.as_deref(),
        Some("microsoft.graph.cloudPcExternalPartner")
    );
    assert_eq!(res.body.as_ref().unwrap()["connectionStatus"], "available");
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
}

#[test]
fn seed_002_request_body() {
    let p = seed("002_886d5d1b2d29ed26.txt");
    assert_eq!(
        p.api_version,
        Some(ApiVersion::V1_0),
        "from the example URL"
    );
    let body = p.request_body.as_ref().unwrap();
    assert_eq!(
        body.ty.as_ref().unwrap().name,
        "complianceManagementPartner"
    );
    assert_eq!(body.properties.len(), 10);
    let by = |n: &str| body.properties.iter().find(|x| x.name == n).unwrap();
    for n in [
        "macOsEnrollmentAssignments",
        "androidEnrollmentAssignments",
        "iosEnrollmentAssignments",
    ] {
        assert_eq!(by(n).ty.name, "complianceManagementPartnerAssignment");
        assert!(by(n).ty.collection, "{n}");
    }
    assert!(!by("displayName").ty.collection);
    assert_eq!(
        by("partnerState").possible_values,
        vec![
            "unknown",
            "unavailable",
            "enabled",
            "terminated",
            "rejected",
            "unresponsive"
        ]
    );
    assert_eq!(p.request_headers[1].name, "Accept");
    let req = p.examples[0].request.as_ref().unwrap();
    assert_eq!(
        req.body.as_ref().unwrap()["iosEnrollmentAssignments"][0]["target"]["collectionId"],
        "Collection Id value"
    );
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
}

#[test]
fn seed_003_beta_notice() {
    let p = seed("003_b1b38aa5ebaaf4c1.txt");
    assert_eq!(
        p.api_version,
        Some(ApiVersion::Beta),
        "from the /beta notice"
    );
    assert_eq!(p.permissions[2].permission_type, "Application");
    assert!(p.permissions[2].permissions.is_empty());
    let body = p.request_body.as_ref().unwrap();
    assert_eq!(body.properties.len(), 10);
    assert_eq!(
        body.properties[2].possible_values,
        vec!["none", "connectionPending", "connected", "disconnected"]
    );
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
}

/// What a page says, with the names that changed between 000 and 001 mapped.
fn shape(p: &Page) -> serde_json::Value {
    let rename = |s: &str| {
        s.replace("cloudPcExternalPartnerSetting", "cloudPcExternalPartner")
            .replace("externalPartnerSettings", "externalPartners")
    };
    let keys = |v: &Option<serde_json::Value>| -> Vec<String> {
        v.as_ref()
            .and_then(|v| v.as_object())
            .map(|o| {
                o.keys()
                    .map(|k| k.replace("connectionStatus", "status"))
                    .collect()
            })
            .unwrap_or_default()
    };
    serde_json::json!({
        "kind": p.kind,
        "api_version": p.api_version,
        "operations": p.operations.iter().map(|o| (o.method.clone(), o.paths.iter().map(|x| rename(x)).collect::<Vec<_>>())).collect::<Vec<_>>(),
        "body": p.request_body.as_ref().map(|b| b.properties.iter().map(|x| (x.name.clone(), x.ty.clone(), x.required)).collect::<Vec<_>>()),
        "response": p.response.as_ref().map(|r| (r.status, r.ty.as_ref().map(|t| rename(&t.name)))),
        "examples": p.examples.iter().map(|e| {
            let q = e.request.as_ref().unwrap();
            let r = e.response.as_ref().unwrap();
            serde_json::json!([q.method, rename(&q.url), keys(&q.body), r.status, keys(&r.body)])
        }).collect::<Vec<_>>(),
    })
}

#[test]
fn text_and_markdown_seeds_read_alike() {
    let text = seed("000_b860a9f2bf3de691.txt");
    let md = seed("001_6717de22b9f4c02c.txt");
    assert_eq!(shape(&text), shape(&md));
}

#[test]
fn read_paths_reads_folders_sorted_in_parallel() {
    let dir = std::env::temp_dir().join(format!("graphdoc-read-paths-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("b")).unwrap();
    for name in ["000_b860a9f2bf3de691.txt", "001_6717de22b9f4c02c.txt"] {
        std::fs::copy(docs().join(name), dir.join("b").join(name)).unwrap();
    }
    std::fs::copy(docs().join("002_886d5d1b2d29ed26.txt"), dir.join("a.md")).unwrap();
    std::fs::write(dir.join("README.md"), "# not a page\n").unwrap();
    std::fs::write(dir.join("notes.json"), "{}").unwrap();
    let pages = read_paths(std::slice::from_ref(&dir));
    let names: Vec<String> = pages
        .iter()
        .map(|p| p.source.rsplit('/').next().unwrap().to_string())
        .collect();
    assert_eq!(
        names,
        vec![
            "a.md",
            "000_b860a9f2bf3de691.txt",
            "001_6717de22b9f4c02c.txt"
        ]
    );
    assert_eq!(
        pages[0].form,
        Form::Text,
        "form comes from content, not the extension"
    );
    assert_eq!(pages[2].form, Form::Markdown);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn read_paths_in_docs_matches_read_file() {
    let pages = read_paths(&[docs()]);
    assert_eq!(pages.len(), 4);
    let one = read_file(&docs().join("002_886d5d1b2d29ed26.txt"));
    assert_eq!(pages[2], one);
}

#[test]
fn progress_does_not_change_what_is_read() {
    // With a bar asked for (drawn only when stderr is a terminal) or not, the
    // same pages in the same order; a missing path still becomes its error page.
    let paths = [docs(), docs().join("no-such-page.md")];
    let plain = read_paths(&paths);
    assert_eq!(plain.len(), 5);
    assert_eq!(plain[4].diagnostics[0].code, "io-error");
    assert_eq!(read_paths_with_progress(&paths, true), plain);
    assert_eq!(read_paths_with_progress(&paths, false), plain);
}
