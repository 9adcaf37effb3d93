//! Hostile Graph names become valid, distinct Rust names (compiled for real
//! in `emit_compile`), and what cannot be emitted is an error, not a panic.

mod emit_support;

use std::path::Path;

use graphdoc::emit::{emit_sdk, EmitError};
use graphdoc::model::RequestBodyModel;

fn nasty_files() -> std::collections::BTreeMap<std::path::PathBuf, String> {
    emit_sdk(
        &emit_support::nasty_model(),
        &emit_support::options("nasty-sdk"),
    )
    .unwrap()
}

#[test]
fn nasty_files_snapshot() {
    for (path, text) in nasty_files() {
        let name = format!(
            "nasty__{}",
            path.to_string_lossy().replace(['/', '\\', '.'], "_")
        );
        insta::assert_snapshot!(name, text);
    }
}

#[test]
fn every_emitted_rust_file_parses() {
    for (path, text) in nasty_files() {
        if path.extension().is_some_and(|e| e == "rs") {
            syn::parse_file(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        }
    }
}

#[test]
fn field_names_are_escaped_and_deduplicated() {
    let files = nasty_files();
    let models = &files[Path::new("src/v1_0/models.rs")];
    for field in [
        "pub r#type:",
        "pub self_:",
        "pub self_2:",
        "pub crate_:",
        "pub super_:",
        "pub r#async:",
        "pub _2fa_enabled:",
        "pub display_name:",
        "pub x_ms_header:",
        "pub caf_u00e9:",
        "pub field:",
        "pub field_2:",
        "pub foo_bar:",
        "pub foo_bar_2:",
        "pub foo_bar_3:",
        "pub odata_type:",
        "pub odata_type_2:",
        "pub additional_properties:",
        "pub additional_properties_2:",
    ] {
        assert!(models.contains(field), "missing {field}");
    }
    // The JSON name stays exact whatever the Rust name: serde's camelCase
    // where it gives the wire name, `rename` where it does not (JSON names
    // checked against real serde in emit_compile).
    assert!(models.contains(
        "#[serde(skip_serializing_if = \"rt::Patch::is_absent\")]\n    pub _2fa_enabled:"
    ));
    assert!(models.contains("rename = \"\","));
    assert!(models.contains("rename = \"foo_bar\","));
    assert!(models.contains("rename = \"display name\","));
}

#[test]
fn type_names_are_escaped_and_deduplicated() {
    let files = nasty_files();
    let models = &files[Path::new("src/v1_0/models.rs")];
    for item in [
        "pub struct Type {",
        "pub struct Type2 {",
        "pub struct N1stType {",
        "pub struct OdataWeird {",
        "pub struct Self_ {",
        "pub struct Self2 {",
        "pub struct CafU00e9 {",
        // Prelude and imported names are never taken: they stay unshadowed.
        "pub struct Option2 {",
        "pub struct Box2 {",
        "pub struct Default2 {",
        "pub struct Status {",
        "pub enum Status2 {",
        "pub struct Some {",
        "pub enum Some2 {",
        "pub struct SomeFlags {",
        "pub enum SomeFlagsFlag {",
        "pub struct FooBar {",
        "pub struct FooBar2 {",
    ] {
        assert!(models.contains(item), "missing {item}");
    }
    // A type that reaches itself through a single field is boxed.
    assert!(models.contains("pub self_: rt::Patch<Box<Self2>>,"));
    // A type documenting `@odata.type` gets no second field for it.
    let with_odata = models.split("pub struct WithOdata {").nth(1).unwrap();
    let with_odata = &with_odata[..with_odata.find("\n}\n").unwrap()];
    assert_eq!(with_odata.matches("rename = \"@odata.type\"").count(), 1);
}

#[test]
fn enum_variants_are_escaped_and_the_catch_all_is_free() {
    let files = nasty_files();
    let models = &files[Path::new("src/v1_0/models.rs")];
    let resolution = models.split("pub enum Resolution {").nth(1).unwrap();
    let resolution = &resolution[..resolution.find("\n}\n").unwrap()];
    for variant in [
        "N1080p,",
        "N720p,",
        "Self_,",
        "Type,",
        "Value,",
        "Unrecognized,",
        "Unrecognized2,",
        "Unrecognized3(String),",
    ] {
        assert!(
            resolution.contains(variant),
            "missing {variant} in {resolution}"
        );
    }
    // `1080p` is listed twice; one variant, one match arm.
    assert_eq!(resolution.matches("N1080p").count(), 1);
    assert_eq!(models.matches("\"1080p\" => Self::N1080p,").count(), 1);
    // Variants named like their enum draw clippy::enum_variant_names: allowed there only.
    assert_eq!(
        models
            .matches("#[allow(clippy::enum_variant_names)]")
            .count(),
        1
    );
    assert!(models.contains("#[allow(clippy::enum_variant_names)]\npub enum Unrecognized {"));
}

#[test]
fn areas_functions_and_arguments_are_escaped_and_deduplicated() {
    let files = nasty_files();
    let paths: Vec<&str> = files.keys().map(|p| p.to_str().unwrap()).collect();
    for file in [
        "src/v1_0/models_2.rs",
        "src/v1_0/full_2.rs",
        "src/v1_0/self_.rs",
        "src/v1_0/type.rs",
        "src/v1_0/device_management.rs",
        "src/v1_0/device_management_2.rs",
        "src/v1_0/weird.rs",
    ] {
        assert!(paths.contains(&file), "missing {file} in {paths:?}");
    }
    let module = &files[Path::new("src/v1_0/mod.rs")];
    assert!(module.contains("#[cfg(feature = \"type\")]\npub mod r#type;"));
    let cargo = &files[Path::new("Cargo.toml")];
    assert!(cargo.contains(
        "full = [\"models\", \"device_management\", \"device_management_2\", \"full_2\", \"models_2\", \"self_\", \"type\", \"weird\"]"
    ));

    let area = &files[Path::new("src/v1_0/models_2.rs")];
    assert!(area.contains("#[allow(clippy::too_many_arguments)]\npub async fn r#type("));
    for arg in [
        "id: &str",
        "id_2: &str",
        "r#type: &str",
        "self_: &str",
        "client_2: &str",
        "body_2: &str",
        "param: &str",
        "_9lives: &str",
    ] {
        assert!(area.contains(arg), "missing {arg}");
    }
    assert!(area.contains("\"/v1.0/x/{}/y/{}/z/{}/w/{}/v/{}/u/{}/t/{}/{{braces}}/{}\""));
    assert!(files[Path::new("src/v1_0/full_2.rs")].contains("pub async fn r#match("));
    assert!(files[Path::new("src/v1_0/self_.rs")].contains("pub async fn self_("));

    let weird = &files[Path::new("src/v1_0/weird.rs")];
    assert!(weird.contains("pub struct Option2 {"));
    assert!(weird.contains("pub struct Option3 {"));
    assert!(weird.contains("body: &Option2)"));
    assert!(weird.contains("body: &Option3,"));
    assert!(weird.contains("pub struct Option4 {"));
    assert!(weird.contains("Request body of `async`."));
    assert!(weird.contains("pub async fn r#async("));
    // `type` is listed twice in the body table: one field.
    assert_eq!(weird.matches("pub r#type: rt::Patch<String>,").count(), 1);
}

#[test]
fn what_cannot_be_emitted_is_an_error() {
    let mut model = emit_support::shapes_model();
    let version = model.versions.values_mut().next().unwrap();
    version.operations.get_mut("get_user").unwrap().method = "HEAD".into();
    match emit_sdk(&model, &emit_support::options("x")) {
        Err(EmitError::Unsupported { operation, .. }) => assert_eq!(operation, "get_user"),
        other => panic!("expected an unsupported-method error, got {other:?}"),
    }

    for bad in ["", "1sdk", "my sdk", "sdk/evil", "sdk\"", "ü"] {
        let err = emit_sdk(&emit_support::seed_model(), &emit_support::options(bad)).unwrap_err();
        assert!(
            matches!(err, EmitError::InvalidCrateName(_)),
            "{bad:?}: {err}"
        );
    }
    let mut opts = emit_support::options("ok");
    opts.runtime_dependency = "  ".into();
    assert!(matches!(
        emit_sdk(&emit_support::seed_model(), &opts),
        Err(EmitError::EmptyRuntimeDependency)
    ));
}

#[test]
fn an_empty_model_is_a_crate_without_versions() {
    let files = emit_sdk(&Default::default(), &emit_support::options("empty")).unwrap();
    let paths: Vec<&str> = files.keys().map(|p| p.to_str().unwrap()).collect();
    assert_eq!(paths, ["Cargo.toml", "src/lib.rs"]);
    assert!(files[Path::new("Cargo.toml")]
        .contains("full = [\"models\"]\nmodels = []\nroundtrip = []\n"));
}

#[test]
fn update_body_without_target_type_still_emits() {
    let mut model = emit_support::seed_model();
    for version in model.versions.values_mut() {
        for op in version.operations.values_mut() {
            if let Some(RequestBodyModel::Update { target, .. }) = &mut op.request_body {
                *target = Some("typeNoPageDefines".into());
            }
        }
    }
    let files = emit_sdk(&model, &emit_support::options("x")).unwrap();
    assert!(files[Path::new("src/beta/device_management.rs")]
        .contains("pub struct UpdateCloudPcExternalPartner {"));
}
