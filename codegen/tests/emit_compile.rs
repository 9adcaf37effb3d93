//! The emitted crates compile against the real runtime, pass clippy with
//! `-D warnings`, document without rustdoc warnings, and their models round-trip
//! JSON (tests written into the generated crates below).
//!
//! The crates live in one throwaway cargo workspace under
//! `target/emit-check/crates`, built into `target/emit-check` so dependencies
//! are compiled once and reused by later runs.

mod emit_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use graphdoc::emit::{emit_sdk, EmitOptions};

const SEED_TEST: &str = r##"
use seed_sdk::beta::device_management::UpdateCloudPcExternalPartner;
use seed_sdk::v1_0::models::{ComplianceManagementPartner, DeviceManagementPartnerTenantState};
use seed_sdk::Patch;
use serde_json::json;

#[test]
fn model_keeps_unknown_properties_and_enum_values() {
    let wire = json!({
        "@odata.type": "#microsoft.graph.complianceManagementPartner",
        "id": "d6d46d0d-6d0d-d6d4-0d6d-d4d60d6dd4d6",
        "lastHeartbeatDateTime": "2016-12-31T23:59:37.9174975-08:00",
        "partnerState": "someStateFromTheFuture",
        "displayName": "Display Name value",
        "macOsOnboarded": true,
        "macOsEnrollmentAssignments": [{
            "@odata.type": "microsoft.graph.complianceManagementPartnerAssignment",
            "target": {
                "@odata.type": "microsoft.graph.configurationManagerCollectionAssignmentTarget",
                "collectionId": "Collection Id value"
            }
        }],
        "propertyTheDocsForgot": { "nested": [1, 2, 3] }
    });
    let partner: ComplianceManagementPartner = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(
        partner.partner_state,
        Some(DeviceManagementPartnerTenantState::Unrecognized("someStateFromTheFuture".into()))
    );
    assert_eq!(partner.id.as_deref(), Some("d6d46d0d-6d0d-d6d4-0d6d-d4d60d6dd4d6"));
    assert_eq!(partner.additional_properties["propertyTheDocsForgot"], json!({ "nested": [1, 2, 3] }));
    let assignments = partner.mac_os_enrollment_assignments.as_ref().unwrap();
    let target = assignments[0].target.as_ref().unwrap();
    // The property is typed by the base type: the derived type's fields survive as extras.
    assert_eq!(target.additional_properties["collectionId"], json!("Collection Id value"));
    assert_eq!(serde_json::to_value(&partner).unwrap(), wire);
}

#[test]
fn known_enum_values_parse_and_print() {
    let state: DeviceManagementPartnerTenantState = serde_json::from_value(json!("unavailable")).unwrap();
    assert_eq!(state, DeviceManagementPartnerTenantState::Unavailable);
    assert_eq!(state.to_string(), "unavailable");
    assert_eq!("rejected".parse::<DeviceManagementPartnerTenantState>().unwrap().as_str(), "rejected");
    assert_eq!(serde_json::to_value(DeviceManagementPartnerTenantState::from("x")).unwrap(), json!("x"));
}

#[test]
fn update_bodies_send_only_what_is_set() {
    let set = UpdateCloudPcExternalPartner { enable_connection: Patch::Value(true), ..Default::default() };
    assert_eq!(serde_json::to_value(&set).unwrap(), json!({ "enableConnection": true }));
    let clear = UpdateCloudPcExternalPartner {
        odata_type: Some("#microsoft.graph.cloudPcExternalPartner".into()),
        enable_connection: Patch::Null,
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&clear).unwrap(),
        json!({ "@odata.type": "#microsoft.graph.cloudPcExternalPartner", "enableConnection": null })
    );
    let mut extra = UpdateCloudPcExternalPartner::default();
    extra.additional_properties.insert("settingTheDocsForgot".into(), json!(5));
    assert_eq!(serde_json::to_value(&extra).unwrap(), json!({ "settingTheDocsForgot": 5 }));
    let back: UpdateCloudPcExternalPartner = serde_json::from_value(json!({ "enableConnection": null })).unwrap();
    assert_eq!(back.enable_connection, Patch::Null);
}
"##;

const SHAPES_TEST: &str = r##"
use shapes_sdk::v1_0::models::{DayOfWeekSet, DayOfWeekSetFlag, EmptyEnum, User};
use serde_json::json;

#[test]
fn every_primitive_and_flag_set_round_trips() {
    let wire = json!({
        "id": "1",
        "accountEnabled": true,
        "ageGroup": 3,
        "quota": 9007199254740993i64,
        "score": 1.5,
        "ratio": 0.25,
        "small": -2,
        "tiny": 255,
        "signed": -128,
        "price": "12.50",
        "birthday": "2020-01-02",
        "wakeUp": "07:30:00",
        "timeout": "PT1H30M",
        "tenant": "6b0e2a3f-0000-4000-8000-000000000001",
        "thumbprint": "AQID",
        "photo": "https://example.com/photo",
        "extra": { "anything": [null, 1] },
        "days": "monday,tuesday,someday",
        "nothing": "whatever",
        "undefinedEnum": "kept",
        "undefinedType": { "a": 1 },
        "otherMails": ["a@b.c"]
    });
    let user: User = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(
        user.days.as_ref().unwrap().flags,
        vec![DayOfWeekSetFlag::Monday, DayOfWeekSetFlag::Tuesday, DayOfWeekSetFlag::Unrecognized("someday".into())]
    );
    assert!(user.days.as_ref().unwrap().contains(&DayOfWeekSetFlag::Monday));
    assert_eq!(user.nothing, Some(EmptyEnum::Unrecognized("whatever".into())));
    assert_eq!(user.undefined_enum.as_deref(), Some("kept"));
    assert_eq!(user.quota, Some(9007199254740993));
    assert_eq!(serde_json::to_value(&user).unwrap(), wire);
}

#[test]
fn flag_sets_read_and_write_the_wire_string() {
    let days: DayOfWeekSet = "sunday, monday".parse().unwrap();
    assert_eq!(days.to_string(), "sunday,monday");
    assert_eq!(DayOfWeekSet::from(vec![DayOfWeekSetFlag::Tuesday]).to_string(), "tuesday");
    let empty: DayOfWeekSet = serde_json::from_value(json!("")).unwrap();
    assert!(empty.flags.is_empty());
    assert_eq!(serde_json::to_value(&empty).unwrap(), json!(""));
}
"##;

const NASTY_TEST: &str = r##"
use nasty_sdk::v1_0::models::{Resolution, Weird};
use serde_json::json;

#[test]
fn hostile_names_map_to_their_json_names() {
    let wire = json!({
        "type": "t",
        "self": "s",
        "Self": "S",
        "crate": "c",
        "2faEnabled": true,
        "display name": "d",
        "": "empty",
        "fooBar": "1",
        "foo_bar": "2",
        "FooBar": "3",
        "odataType": "not the annotation",
        "@odata.type": "#microsoft.graph.weird",
        "additionalProperties": "a documented property",
        "resolution": "1080p",
        "someFlags": "a,b",
        "unknownProperty": 1
    });
    let weird: Weird = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(weird.r#type.as_deref(), Some("t"));
    assert_eq!(weird.self_.as_deref(), Some("s"));
    assert_eq!(weird.self_2.as_deref(), Some("S"));
    assert_eq!(weird.crate_.as_deref(), Some("c"));
    assert_eq!(weird._2fa_enabled, Some(true));
    assert_eq!(weird.display_name.as_deref(), Some("d"));
    assert_eq!(weird.field.as_deref(), Some("empty"));
    assert_eq!(weird.foo_bar.as_deref(), Some("1"));
    assert_eq!(weird.foo_bar_2.as_deref(), Some("2"));
    assert_eq!(weird.foo_bar_3.as_deref(), Some("3"));
    assert_eq!(weird.odata_type.as_deref(), Some("not the annotation"));
    assert_eq!(weird.odata_type_2.as_deref(), Some("#microsoft.graph.weird"));
    assert_eq!(weird.additional_properties.as_deref(), Some("a documented property"));
    assert_eq!(weird.additional_properties_2["unknownProperty"], json!(1));
    assert_eq!(weird.resolution, Some(Resolution::N1080p));
    assert_eq!(serde_json::to_value(&weird).unwrap(), wire);
}
"##;

const RECURSIVE_TEST: &str = r##"
use recursive_sdk::beta::models::{Node, RingA};
use serde_json::json;

#[test]
fn recursive_values_round_trip() {
    let wire = json!({ "label": "child", "parent": { "label": "root" }, "children": [{ "label": "grandchild" }] });
    let node: Node = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(node.parent.as_ref().unwrap().label.as_deref(), Some("root"));
    assert_eq!(serde_json::to_value(&node).unwrap(), wire);
    let ring: RingA = serde_json::from_value(json!({ "next": { "next": { "next": {} } } })).unwrap();
    assert!(ring.next.unwrap().next.unwrap().next.unwrap().next.is_none());
}
"##;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn cargo(dir: &Path, target: &Path, args: &[&str]) -> String {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("run cargo");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "cargo {args:?} failed:\n{stdout}\n{stderr}"
    );
    // Warnings about the generated crates (cargo's own or the compiler's) count as failures.
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.trim_start().starts_with("warning"))
        .collect();
    assert!(warnings.is_empty(), "cargo {args:?} warned:\n{stderr}");
    stdout + &stderr
}

#[test]
fn emitted_crates_build_lint_document_and_round_trip() {
    let root = workspace_root();
    let runtime = root.join("runtime").canonicalize().unwrap();
    let target = root.join("target/emit-check");
    let dir = target.join("crates");
    let crates = [
        ("seed-sdk", emit_support::seed_model(), SEED_TEST),
        ("shapes-sdk", emit_support::shapes_model(), SHAPES_TEST),
        ("nasty-sdk", emit_support::nasty_model(), NASTY_TEST),
        (
            "recursive-sdk",
            emit_support::recursive_model(),
            RECURSIVE_TEST,
        ),
    ];

    // Fresh sources every run; the lock file stays so dependency versions (and
    // their compiled artifacts) stay put, seeded from the main workspace's.
    for (name, _, _) in &crates {
        let _ = std::fs::remove_dir_all(dir.join(name));
    }
    std::fs::create_dir_all(&dir).unwrap();
    if !dir.join("Cargo.lock").exists() {
        std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    }
    let members: Vec<String> = crates
        .iter()
        .map(|(name, _, _)| format!("{name:?}"))
        .collect();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .unwrap();

    for (name, model, test) in &crates {
        let opts = EmitOptions {
            crate_name: name.to_string(),
            runtime_dependency: format!("{{ path = {:?} }}", runtime.to_str().unwrap()),
        };
        let files = emit_sdk(model, &opts).unwrap();
        for (path, text) in files {
            let path = dir.join(name).join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        std::fs::create_dir_all(dir.join(name).join("tests")).unwrap();
        std::fs::write(dir.join(name).join("tests/roundtrip.rs"), test).unwrap();
    }

    cargo(
        &dir,
        &target,
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    );
    // Every area feature off: models alone must still build cleanly.
    cargo(
        &dir,
        &target,
        &[
            "clippy",
            "--workspace",
            "--no-default-features",
            "--",
            "-D",
            "warnings",
        ],
    );
    let tests = cargo(
        &dir,
        &target,
        &["test", "--workspace", "--test", "roundtrip"],
    );
    let passed = tests.matches("test result: ok.").count();
    assert_eq!(passed, crates.len(), "{tests}");
    cargo(&dir, &target, &["doc", "--workspace", "--no-deps"]);
}
