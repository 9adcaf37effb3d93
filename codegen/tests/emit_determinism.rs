//! Emission is a pure function of the model: same model, same bytes, however
//! its maps were filled.

mod emit_support;

use std::collections::BTreeMap;

use graphdoc::emit::emit_sdk;
use graphdoc::model::{ApiModel, VersionModel};

/// Rebuilds every map of the model by inserting its entries in reverse order.
fn refilled_in_reverse(model: &ApiModel) -> ApiModel {
    let mut versions = BTreeMap::new();
    for (version, v) in model.versions.iter().rev() {
        let mut refilled = VersionModel::default();
        for (k, t) in v.types.iter().rev() {
            refilled.types.insert(k.clone(), t.clone());
        }
        for (k, e) in v.enums.iter().rev() {
            refilled.enums.insert(k.clone(), e.clone());
        }
        for (k, o) in v.operations.iter().rev() {
            refilled.operations.insert(k.clone(), o.clone());
        }
        versions.insert(*version, refilled);
    }
    ApiModel { versions }
}

#[test]
fn emitting_twice_gives_identical_bytes() {
    for (name, model) in [
        ("seed", emit_support::seed_model()),
        ("shapes", emit_support::shapes_model()),
        ("nasty", emit_support::nasty_model()),
        ("recursive", emit_support::recursive_model()),
    ] {
        let opts = emit_support::options("graph-sdk");
        let first = emit_sdk(&model, &opts).unwrap();
        let second = emit_sdk(&model, &opts).unwrap();
        assert_eq!(first, second, "{name}");
        let reordered = emit_sdk(&refilled_in_reverse(&model), &opts).unwrap();
        assert_eq!(first, reordered, "{name}");
    }
}

#[test]
fn model_json_round_trip_emits_the_same_crate() {
    // The model is what `graphdoc` hands between stages as JSON; emitting from
    // a deserialized copy must not change a byte.
    let model = emit_support::seed_model();
    let copy: ApiModel = serde_json::from_str(&serde_json::to_string(&model).unwrap()).unwrap();
    let opts = emit_support::options("graph-sdk");
    assert_eq!(
        emit_sdk(&model, &opts).unwrap(),
        emit_sdk(&copy, &opts).unwrap()
    );
}
