//! `diff_models` on models built by hand, for what small doc trees cannot
//! easily show: moves between v1.0 and beta, base types, a type that became an
//! enum, required parameters, response changes, and stable order.

use std::collections::BTreeMap;

use graphdoc::check::diff::{diff_models, Change, ChangeKind, Item};
use graphdoc::ir::ApiVersion;
use graphdoc::model::{
    ApiModel, ComplexType, EnumMemberModel, EnumType, FieldType, OperationModel, Origin, Primitive,
    PropertyModel, RequestBodyModel, ResponseModel, TypeKind, VersionModel,
};

fn string() -> FieldType {
    FieldType {
        kind: TypeKind::Primitive(Primitive::String),
        collection: false,
    }
}

fn complex(name: &str) -> FieldType {
    FieldType {
        kind: TypeKind::Complex(name.into()),
        collection: false,
    }
}

fn prop(name: &str, ty: FieldType, description: &str) -> PropertyModel {
    PropertyModel {
        name: name.into(),
        ty,
        description: Some(description.into()),
        read_only: false,
        navigation: false,
        inferred: false,
        required_column: None,
    }
}

fn ty(name: &str, base: Option<&str>, props: Vec<PropertyModel>) -> ComplexType {
    ComplexType {
        name: name.into(),
        description: None,
        base_type: base.map(str::to_string),
        properties: props,
        inferred: false,
        origin: Some(Origin {
            file: format!("resources/{name}.md"),
            line: 1,
        }),
    }
}

fn op(
    fn_name: &str,
    method: &str,
    path: &str,
    body: Option<RequestBodyModel>,
    response: ResponseModel,
) -> OperationModel {
    OperationModel {
        fn_name: fn_name.into(),
        title: fn_name.into(),
        description: None,
        method: method.into(),
        path: graphdoc::model::split_path(path),
        path_template: path.into(),
        area: "things".into(),
        request_body: body,
        response,
        query_options: Vec::new(),
        query: Vec::new(),
        permissions: Vec::new(),
        origin: Origin {
            file: format!("api/{fn_name}.md"),
            line: 10,
        },
    }
}

fn returns(body: Option<FieldType>) -> ResponseModel {
    ResponseModel {
        status: if body.is_some() { 200 } else { 204 },
        body,
    }
}

fn version(
    types: Vec<ComplexType>,
    enums: Vec<EnumType>,
    ops: Vec<OperationModel>,
) -> VersionModel {
    VersionModel {
        types: types.into_iter().map(|t| (t.name.clone(), t)).collect(),
        enums: enums.into_iter().map(|e| (e.name.clone(), e)).collect(),
        operations: ops.into_iter().map(|o| (o.fn_name.clone(), o)).collect(),
    }
}

fn model(versions: Vec<(ApiVersion, VersionModel)>) -> ApiModel {
    ApiModel {
        versions: versions.into_iter().collect::<BTreeMap<_, _>>(),
    }
}

fn find<'a>(changes: &'a [Change], item: Item, name: &str) -> &'a Change {
    changes
        .iter()
        .find(|c| c.item == item && c.name == name)
        .unwrap_or_else(|| panic!("no {item:?} change for {name} in {changes:#?}"))
}

#[test]
fn an_operation_promoted_from_beta_to_v1_is_a_move() {
    let get = || {
        op(
            "get_thing",
            "GET",
            "/things/{id}",
            None,
            returns(Some(complex("thing"))),
        )
    };
    let old = model(vec![(
        ApiVersion::Beta,
        version(vec![], vec![], vec![get()]),
    )]);
    let new = model(vec![(
        ApiVersion::V1_0,
        version(vec![], vec![], vec![get()]),
    )]);
    let changes = diff_models(&old, &new);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    let c = &changes[0];
    assert_eq!(
        (c.change, c.item, c.api_version),
        (ChangeKind::Moved, Item::Operation, ApiVersion::V1_0)
    );
    assert!(c.breaking, "beta callers lose it");
    assert!(c.detail.starts_with("from beta to v1.0"), "{}", c.detail);
}

#[test]
fn an_operation_kept_in_beta_and_added_to_v1_is_an_addition() {
    let get = || {
        op(
            "get_thing",
            "GET",
            "/things/{id}",
            None,
            returns(Some(complex("thing"))),
        )
    };
    let old = model(vec![(
        ApiVersion::Beta,
        version(vec![], vec![], vec![get()]),
    )]);
    let new = model(vec![
        (ApiVersion::Beta, version(vec![], vec![], vec![get()])),
        (ApiVersion::V1_0, version(vec![], vec![], vec![get()])),
    ]);
    let changes = diff_models(&old, &new);
    assert_eq!(changes.len(), 1);
    assert_eq!(
        (changes[0].change, changes[0].breaking),
        (ChangeKind::Added, false)
    );
}

#[test]
fn base_type_changes_break_unless_a_base_is_gained() {
    let old = model(vec![(
        ApiVersion::V1_0,
        version(
            vec![
                ty("event", Some("entity"), vec![]),
                ty("note", None, vec![]),
            ],
            vec![],
            vec![],
        ),
    )]);
    let new = model(vec![(
        ApiVersion::V1_0,
        version(
            vec![
                ty("event", Some("outlookItem"), vec![]),
                ty("note", Some("entity"), vec![]),
            ],
            vec![],
            vec![],
        ),
    )]);
    let changes = diff_models(&old, &new);
    let event = find(&changes, Item::BaseType, "event");
    assert_eq!(
        (event.detail.as_str(), event.breaking),
        ("entity → outlookItem", true)
    );
    let note = find(&changes, Item::BaseType, "note");
    assert_eq!(
        (note.detail.as_str(), note.breaking),
        ("none → entity", false)
    );
}

#[test]
fn a_type_that_became_an_enum_is_one_breaking_change() {
    let old = model(vec![(
        ApiVersion::V1_0,
        version(
            vec![ty("status", None, vec![prop("code", string(), "")])],
            vec![],
            vec![],
        ),
    )]);
    let status_enum = EnumType {
        name: "Status".into(),
        description: None,
        members: vec![EnumMemberModel {
            name: "ok".into(),
            value: None,
            description: None,
        }],
        flags: false,
        origin: None,
    };
    let new = model(vec![(
        ApiVersion::V1_0,
        version(vec![], vec![status_enum], vec![]),
    )]);
    let changes = diff_models(&old, &new);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(
        (changes[0].item, changes[0].change, changes[0].breaking),
        (Item::Type, ChangeKind::Changed, true)
    );
    assert_eq!(changes[0].detail, "complex type → enum");
}

#[test]
fn a_new_required_parameter_breaks_and_an_optional_one_does_not() {
    let body = |props: Vec<PropertyModel>| {
        Some(RequestBodyModel::Parameters {
            struct_name: "AssignBody".into(),
            properties: props,
        })
    };
    let assign = |props| {
        op(
            "assign",
            "POST",
            "/things/{id}/assign",
            body(props),
            returns(None),
        )
    };
    let old = model(vec![(
        ApiVersion::V1_0,
        version(
            vec![],
            vec![],
            vec![assign(vec![prop("target", string(), "Who. Required.")])],
        ),
    )]);
    let new = model(vec![(
        ApiVersion::V1_0,
        version(
            vec![],
            vec![],
            vec![assign(vec![
                prop("target", string(), "Who. Required."),
                prop("reason", string(), "Why. Required."),
                prop("note", string(), "Optional."),
            ])],
        ),
    )]);
    let changes = diff_models(&old, &new);
    let reason = find(
        &changes,
        Item::Parameter,
        "POST /things/{id}/assign: reason",
    );
    assert!(reason.breaking);
    assert_eq!(reason.detail, "String, required");
    assert!(!find(&changes, Item::Parameter, "POST /things/{id}/assign: note").breaking);
}

#[test]
fn response_type_changes_break_and_status_changes_do_not() {
    let old = model(vec![(
        ApiVersion::V1_0,
        version(
            vec![],
            vec![],
            vec![
                op("get_a", "GET", "/a", None, returns(Some(complex("thing")))),
                op(
                    "create_b",
                    "POST",
                    "/b",
                    None,
                    ResponseModel {
                        status: 201,
                        body: Some(complex("thing")),
                    },
                ),
            ],
        ),
    )]);
    let new = model(vec![(
        ApiVersion::V1_0,
        version(
            vec![],
            vec![],
            vec![
                op(
                    "get_a",
                    "GET",
                    "/a",
                    None,
                    returns(Some(FieldType {
                        kind: TypeKind::Complex("thing".into()),
                        collection: true,
                    })),
                ),
                op(
                    "create_b",
                    "POST",
                    "/b",
                    None,
                    ResponseModel {
                        status: 200,
                        body: Some(complex("Thing")),
                    },
                ),
            ],
        ),
    )]);
    let changes = diff_models(&old, &new);
    let a = find(&changes, Item::Operation, "GET /a");
    assert_eq!(
        (a.detail.as_str(), a.breaking),
        ("response type: thing → Collection(thing)", true)
    );
    let b = find(&changes, Item::Operation, "POST /b");
    assert_eq!(
        (b.detail.as_str(), b.breaking),
        ("response status: 201 → 200", false),
        "type names match case-insensitively"
    );
    assert_eq!(changes.len(), 2);
}

#[test]
fn inferred_types_and_properties_are_not_api_changes() {
    // A type known only from examples: the model marks it and its properties inferred.
    let mut seen = prop("seen", string(), "");
    seen.inferred = true;
    let mut learned = ty("thing", None, vec![seen]);
    learned.inferred = true;
    let mut documented = ty("widget", None, vec![prop("name", string(), "")]);
    let mut from_example = prop("extra", string(), "");
    from_example.inferred = true;
    documented.properties.push(from_example);
    let old = model(vec![(
        ApiVersion::V1_0,
        version(vec![learned], vec![], vec![]),
    )]);
    let new = model(vec![(
        ApiVersion::V1_0,
        version(vec![documented], vec![], vec![]),
    )]);
    let changes = diff_models(&old, &new);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(
        (changes[0].item, changes[0].change, changes[0].name.as_str()),
        (Item::Type, ChangeKind::Added, "widget")
    );
    assert_eq!(
        changes[0].detail, "1 property",
        "the example's `extra` is not counted"
    );
}

#[test]
fn a_namespace_qualifier_dropped_from_a_name_is_no_change() {
    let e = |name: &str| EnumType {
        name: name.into(),
        description: None,
        members: vec![EnumMemberModel {
            name: "groupCall".into(),
            value: None,
            description: None,
        }],
        flags: false,
        origin: None,
    };
    let old = model(vec![(
        ApiVersion::V1_0,
        version(vec![], vec![e("callRecords.callType")], vec![]),
    )]);
    let new = model(vec![(
        ApiVersion::V1_0,
        version(vec![], vec![e("callType")], vec![]),
    )]);
    assert_eq!(diff_models(&old, &new), Vec::<Change>::new());
}

#[test]
fn output_order_does_not_depend_on_input_order() {
    let ops = |names: &[&str]| {
        names
            .iter()
            .map(|n| op(n, "GET", &format!("/{n}"), None, returns(None)))
            .collect::<Vec<_>>()
    };
    let old = model(vec![(
        ApiVersion::V1_0,
        version(vec![], vec![], ops(&["b", "a"])),
    )]);
    let new = model(vec![(
        ApiVersion::V1_0,
        version(vec![], vec![], ops(&["c", "B"])),
    )]);
    let changes = diff_models(&old, &new);
    let names: Vec<&str> = changes.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["GET /a", "GET /c"], "`/b` and `/B` are one path");
    assert_eq!(changes, diff_models(&old, &new));
}

#[test]
fn a_type_documented_only_by_an_update_table_is_api() {
    // No resource page defines it, but an update page's table lists its properties
    // (the Intune pattern, as in the seed pages): removing one breaks callers.
    let mut old_ty = ty(
        "partner",
        None,
        vec![
            prop("displayName", string(), ""),
            prop("state", string(), ""),
        ],
    );
    old_ty.inferred = true;
    let mut new_ty = ty("partner", None, vec![prop("state", string(), "")]);
    new_ty.inferred = true;
    let old = model(vec![(
        ApiVersion::V1_0,
        version(vec![old_ty], vec![], vec![]),
    )]);
    let new = model(vec![(
        ApiVersion::V1_0,
        version(vec![new_ty], vec![], vec![]),
    )]);
    let changes = diff_models(&old, &new);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(
        (
            changes[0].item,
            changes[0].change,
            changes[0].name.as_str(),
            changes[0].breaking
        ),
        (
            Item::Property,
            ChangeKind::Removed,
            "partner.displayName",
            true
        )
    );
}

#[test]
fn a_query_parameter_the_caller_must_pass_is_a_breaking_change() {
    let view = |query: &str| {
        let mut op = op("list_view", "GET", "/me/calendarView", None, returns(None));
        op.query = graphdoc::model::split_query(query, &op.path);
        op
    };
    let with = |query: &str| {
        model(vec![(
            ApiVersion::V1_0,
            version(vec![], vec![], vec![view(query)]),
        )])
    };
    let changes = diff_models(&with(""), &with("startDateTime={s}&endDateTime={e}"));
    let c = find(&changes, Item::Operation, "GET /me/calendarView");
    assert_eq!(
        (c.detail.as_str(), c.breaking),
        ("query parameters: none → startDateTime, endDateTime", true)
    );
    assert_eq!(changes.len(), 1);
    // Renamed placeholders and literal examples are no change to callers.
    let changes = diff_models(
        &with("startDateTime={start}&top=5"),
        &with("startDateTime={start_datetime}"),
    );
    assert_eq!(changes, vec![]);
}
