//! Hand-built API models for the emitter tests: the seed pages, every endpoint
//! shape, nasty names and recursive types. Shared by several test crates, each
//! of which uses only some of it.
#![allow(dead_code)]

use std::collections::BTreeMap;

use graphdoc::ir::ApiVersion;
use graphdoc::model::*;

pub fn s(text: &str) -> String {
    text.to_string()
}

pub fn prim(p: Primitive) -> FieldType {
    FieldType {
        kind: TypeKind::Primitive(p),
        collection: false,
    }
}

pub fn complex(name: &str) -> FieldType {
    FieldType {
        kind: TypeKind::Complex(s(name)),
        collection: false,
    }
}

pub fn enumeration(name: &str) -> FieldType {
    FieldType {
        kind: TypeKind::Enum(s(name)),
        collection: false,
    }
}

pub fn many(ty: FieldType) -> FieldType {
    FieldType {
        collection: true,
        ..ty
    }
}

pub fn prop(name: &str, ty: FieldType, description: &str) -> PropertyModel {
    PropertyModel {
        name: s(name),
        ty,
        description: (!description.is_empty()).then(|| s(description)),
        read_only: false,
        navigation: false,
        inferred: false,
        required_column: None,
    }
}

pub fn navigation(mut p: PropertyModel) -> PropertyModel {
    p.navigation = true;
    p
}

pub fn origin(file: &str, line: usize) -> Option<Origin> {
    Some(Origin {
        file: s(file),
        line,
    })
}

pub fn complex_type(
    name: &str,
    base: Option<&str>,
    description: &str,
    properties: Vec<PropertyModel>,
) -> ComplexType {
    ComplexType {
        name: s(name),
        description: (!description.is_empty()).then(|| s(description)),
        base_type: base.map(s),
        properties,
        inferred: false,
        origin: None,
    }
}

pub fn enum_type(name: &str, members: &[&str]) -> EnumType {
    EnumType {
        name: s(name),
        description: None,
        members: members
            .iter()
            .map(|m| EnumMemberModel {
                name: s(m),
                value: None,
                description: None,
            })
            .collect(),
        flags: false,
        origin: None,
    }
}

/// Splits `/a/{x}/b(p='{y}')` into literal and parameter parts.
pub fn path(template: &str) -> Vec<PathPart> {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = open + rest[open..].find('}').expect("closing brace");
        if open > 0 {
            parts.push(PathPart::Literal(s(&rest[..open])));
        }
        let doc_name = &rest[open + 1..close];
        let quoted = rest[..open].ends_with('\'');
        parts.push(PathPart::Param {
            rust_name: heck::ToSnakeCase::to_snake_case(doc_name),
            doc_name: s(doc_name),
            quoted,
        });
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(s(rest)));
    }
    parts
}

/// An operation without body or response; see [`sends`] and [`returns`].
pub fn op(
    fn_name: &str,
    title: &str,
    method: &str,
    template: &str,
    area: &str,
    file: &str,
) -> OperationModel {
    OperationModel {
        fn_name: s(fn_name),
        title: s(title),
        description: None,
        method: s(method),
        path: path(template),
        path_template: s(template),
        area: s(area),
        request_body: None,
        response: ResponseModel {
            status: if method == "GET" { 200 } else { 204 },
            body: None,
        },
        query_options: Vec::new(),
        query: Vec::new(),
        permissions: Vec::new(),
        origin: Origin {
            file: s(file),
            line: 1,
        },
    }
}

/// `op` with the query parameters of `query` (`name={value}&…`), as the model reads them.
pub fn with_query(op: OperationModel, query: &str) -> OperationModel {
    OperationModel {
        query: graphdoc::model::split_query(query, &op.path),
        ..op
    }
}

pub fn sends(op: OperationModel, body: RequestBodyModel) -> OperationModel {
    OperationModel {
        request_body: Some(body),
        ..op
    }
}

pub fn returns(op: OperationModel, ty: FieldType) -> OperationModel {
    let status = if op.method == "POST" { 201 } else { 200 };
    OperationModel {
        response: ResponseModel {
            status,
            body: Some(ty),
        },
        ..op
    }
}

pub fn insert_types(version: &mut VersionModel, types: Vec<ComplexType>) {
    for t in types {
        version.types.insert(t.name.clone(), t);
    }
}

pub fn insert_enums(version: &mut VersionModel, enums: Vec<EnumType>) {
    for e in enums {
        version.enums.insert(e.name.clone(), e);
    }
}

pub fn insert_ops(version: &mut VersionModel, ops: Vec<OperationModel>) {
    for o in ops {
        version.operations.insert(o.fn_name.clone(), o);
    }
}

fn entity() -> ComplexType {
    let mut id = prop(
        "id",
        prim(Primitive::String),
        "The unique identifier for an entity. Read-only.",
    );
    id.read_only = true;
    complex_type("entity", None, "", vec![id])
}

fn partner_properties(status_name: &str) -> Vec<PropertyModel> {
    vec![
        prop("partnerId", prim(Primitive::String), "The external partner ID."),
        prop(
            "enableConnection",
            prim(Primitive::Boolean),
            "Enable or disable the connection to an external partner. If `true`, an external partner API accepts incoming calls from external partners. Required.",
        ),
        prop("lastSyncDateTime", prim(Primitive::DateTimeOffset), "Last data sync time for this external partner."),
        prop(status_name, enumeration("cloudPcExternalPartnerStatus"), "The status of the connection."),
        prop("statusDetails", prim(Primitive::String), "Status details message."),
    ]
}

fn update(struct_name: &str, target: &str, properties: Vec<PropertyModel>) -> RequestBodyModel {
    RequestBodyModel::Update {
        struct_name: s(struct_name),
        target: Some(s(target)),
        properties,
    }
}

/// The four seed pages (`/work/shared/seeds`), as the model would hold them.
pub fn seed_model() -> ApiModel {
    let mut v1 = VersionModel::default();
    let mut partner = complex_type(
        "complianceManagementPartner",
        Some("entity"),
        "Compliance management partner for all platforms",
        vec![
            prop(
                "lastHeartbeatDateTime",
                prim(Primitive::DateTimeOffset),
                "Timestamp of last heartbeat after admin onboarded to the compliance management partner",
            ),
            prop(
                "partnerState",
                enumeration("deviceManagementPartnerTenantState"),
                "Partner state of this tenant. Possible values are: unknown, unavailable, enabled, terminated, rejected, unresponsive.",
            ),
            prop("displayName", prim(Primitive::String), "Partner display name"),
            prop("macOsOnboarded", prim(Primitive::Boolean), "Partner onboarded for Mac devices."),
            prop("androidOnboarded", prim(Primitive::Boolean), "Partner onboarded for Android devices."),
            prop("iosOnboarded", prim(Primitive::Boolean), "Partner onboarded for ios devices."),
            prop(
                "macOsEnrollmentAssignments",
                many(complex("complianceManagementPartnerAssignment")),
                "User groups which enroll Mac devices through partner.",
            ),
            prop(
                "androidEnrollmentAssignments",
                many(complex("complianceManagementPartnerAssignment")),
                "User groups which enroll Android devices through partner.",
            ),
            prop(
                "iosEnrollmentAssignments",
                many(complex("complianceManagementPartnerAssignment")),
                "User groups which enroll ios devices through partner.",
            ),
        ],
    );
    partner.origin = origin("docs/002_886d5d1b2d29ed26.txt", 1);
    let update_props = {
        let mut props = vec![prop("id", prim(Primitive::String), "Id of the entity")];
        props.extend(partner.properties.iter().cloned());
        props
    };
    insert_types(
        &mut v1,
        vec![
            entity(),
            partner,
            complex_type(
                "complianceManagementPartnerAssignment",
                None,
                "User group targeting for Compliance Management Partner",
                vec![prop(
                    "target",
                    complex("deviceAndAppManagementAssignmentTarget"),
                    "Group assignment target.",
                )],
            ),
            complex_type(
                "deviceAndAppManagementAssignmentTarget",
                None,
                "Base type for assignment targets.",
                vec![],
            ),
            complex_type(
                "configurationManagerCollectionAssignmentTarget",
                Some("deviceAndAppManagementAssignmentTarget"),
                "Represents an assignment to a Configuration Manager Collection.",
                vec![prop(
                    "collectionId",
                    prim(Primitive::String),
                    "The collection Id that is the target of the assignment.",
                )],
            ),
        ],
    );
    let mut state = enum_type(
        "deviceManagementPartnerTenantState",
        &[
            "unknown",
            "unavailable",
            "enabled",
            "terminated",
            "rejected",
            "unresponsive",
        ],
    );
    state.description = Some(s("Partner state of this tenant."));
    state.members[0].description = Some(s("Partner state is unknown."));
    insert_enums(&mut v1, vec![state]);
    let mut update_partner = returns(
        sends(
            op(
                "update_compliance_management_partner",
                "Update complianceManagementPartner",
                "PATCH",
                "/deviceManagement/complianceManagementPartners/{complianceManagementPartnerId}",
                "deviceManagement",
                "docs/002_886d5d1b2d29ed26.txt",
            ),
            update(
                "UpdateComplianceManagementPartner",
                "complianceManagementPartner",
                update_props,
            ),
        ),
        complex("complianceManagementPartner"),
    );
    update_partner.description = Some(s(
        "Update the properties of a complianceManagementPartner object.",
    ));
    insert_ops(&mut v1, vec![update_partner]);

    let mut beta = VersionModel::default();
    let exchange_props = vec![
        prop("lastSyncDateTime", prim(Primitive::DateTimeOffset), "Last sync time for the Exchange Connector"),
        prop(
            "status",
            enumeration("deviceManagementExchangeConnectorStatus"),
            "Exchange Connector Status. Possible values are: none, connectionPending, connected, disconnected.",
        ),
        prop(
            "primarySmtpAddress",
            prim(Primitive::String),
            "Email address used to configure the Service To Service Exchange Connector.",
        ),
        prop("serverName", prim(Primitive::String), "The name of the Exchange server."),
        prop("connectorServerName", prim(Primitive::String), "The name of the server hosting the Exchange Connector."),
        prop(
            "exchangeConnectorType",
            enumeration("deviceManagementExchangeConnectorType"),
            "The type of Exchange Connector Configured. Possible values are: onPremises, hosted, serviceToService, dedicated.",
        ),
        prop("version", prim(Primitive::String), "The version of the ExchangeConnectorAgent"),
        prop("exchangeAlias", prim(Primitive::String), "An alias assigned to the Exchange server"),
        prop("exchangeOrganization", prim(Primitive::String), "Exchange Organization to the Exchange server"),
    ];
    insert_types(
        &mut beta,
        vec![
            entity(),
            complex_type(
                "cloudPcExternalPartnerSetting",
                Some("entity"),
                "Settings for the connection to an external partner.",
                partner_properties("status"),
            ),
            complex_type(
                "cloudPcExternalPartner",
                Some("entity"),
                "An external partner connected to Windows 365.",
                partner_properties("connectionStatus"),
            ),
            complex_type(
                "deviceManagementExchangeConnector",
                Some("entity"),
                "Entity which represents a connection to an Exchange environment.",
                exchange_props.clone(),
            ),
        ],
    );
    let mut partner_status = enum_type(
        "cloudPcExternalPartnerStatus",
        &[
            "notAvailable",
            "available",
            "healthy",
            "unhealthy",
            "unknownFutureValue",
        ],
    );
    partner_status.origin = origin("docs/001_6717de22b9f4c02c.txt", 1);
    insert_enums(
        &mut beta,
        vec![
            partner_status,
            enum_type(
                "deviceManagementExchangeConnectorStatus",
                &["none", "connectionPending", "connected", "disconnected"],
            ),
            enum_type(
                "deviceManagementExchangeConnectorType",
                &["onPremises", "hosted", "serviceToService", "dedicated"],
            ),
        ],
    );
    let enable = vec![prop(
        "enableConnection",
        prim(Primitive::Boolean),
        "Enable or disable the connection to an external partner. If true, an external partner API will accept incoming calls from external partners. Required.",
    )];
    let mut exchange_update = vec![prop("id", prim(Primitive::String), "Not yet documented")];
    exchange_update.extend(exchange_props);
    let setting = op(
        "update_cloud_pc_external_partner_setting",
        "Update cloudPcExternalPartnerSetting",
        "PATCH",
        "/deviceManagement/virtualEndpoint/externalPartnerSettings/{cloudPcExternalPartnerSettingId}",
        "deviceManagement",
        "docs/000_b860a9f2bf3de691.txt",
    );
    let setting_body = update(
        "UpdateCloudPcExternalPartnerSetting",
        "cloudPcExternalPartnerSetting",
        enable.clone(),
    );
    let partner = op(
        "update_cloud_pc_external_partner",
        "Update cloudPcExternalPartner",
        "PATCH",
        "/deviceManagement/virtualEndpoint/externalPartners/{cloudPcExternalPartnerId}",
        "deviceManagement",
        "docs/001_6717de22b9f4c02c.txt",
    );
    let partner_body = update(
        "UpdateCloudPcExternalPartner",
        "cloudPcExternalPartner",
        enable,
    );
    let connector = op(
        "update_device_management_exchange_connector",
        "Update deviceManagementExchangeConnector",
        "PATCH",
        "/deviceManagement/exchangeConnectors/{deviceManagementExchangeConnectorId}",
        "deviceManagement",
        "docs/003_b1b38aa5ebaaf4c1.txt",
    );
    let connector_body = update(
        "UpdateDeviceManagementExchangeConnector",
        "deviceManagementExchangeConnector",
        exchange_update,
    );
    insert_ops(
        &mut beta,
        vec![
            returns(
                sends(setting, setting_body),
                complex("cloudPcExternalPartnerSetting"),
            ),
            returns(
                sends(partner, partner_body),
                complex("cloudPcExternalPartner"),
            ),
            returns(
                sends(connector, connector_body),
                complex("deviceManagementExchangeConnector"),
            ),
        ],
    );

    ApiModel {
        versions: BTreeMap::from([(ApiVersion::V1_0, v1), (ApiVersion::Beta, beta)]),
    }
}

/// One operation per endpoint shape, plus a flags enum and an empty enum.
pub fn shapes_model() -> ApiModel {
    let mut v1 = VersionModel::default();
    insert_types(
        &mut v1,
        vec![
            entity(),
            complex_type(
                "user",
                Some("entity"),
                "Represents a Microsoft Entra user account. \
                 Inherits from directoryObject. This resource lets you add your own data to custom properties using extensions. \
                 The user entity is an open type that allows other properties to be defined, and it supports delta queries \
                 to track additions, deletions and updates; see https://learn.microsoft.com/graph/delta-query-overview for details, \
                 and `<user>` in code.",
                vec![
                    prop(
                        "displayName",
                        prim(Primitive::String),
                        "The name displayed in the address book.",
                    ),
                    prop(
                        "accountEnabled",
                        prim(Primitive::Boolean),
                        "true if the account is enabled.",
                    ),
                    prop("ageGroup", prim(Primitive::Int32), ""),
                    prop("quota", prim(Primitive::Int64), ""),
                    prop("score", prim(Primitive::Double), ""),
                    prop("ratio", prim(Primitive::Single), ""),
                    prop("small", prim(Primitive::Int16), ""),
                    prop("tiny", prim(Primitive::Byte), ""),
                    prop("signed", prim(Primitive::SByte), ""),
                    prop("price", prim(Primitive::Decimal), ""),
                    prop("birthday", prim(Primitive::Date), ""),
                    prop("wakeUp", prim(Primitive::TimeOfDay), ""),
                    prop("timeout", prim(Primitive::Duration), ""),
                    prop("tenant", prim(Primitive::Guid), ""),
                    prop("thumbprint", prim(Primitive::Binary), ""),
                    prop("photo", prim(Primitive::Stream), ""),
                    prop(
                        "extra",
                        FieldType {
                            kind: TypeKind::Json,
                            collection: false,
                        },
                        "",
                    ),
                    prop("days", enumeration("dayOfWeekSet"), "Working days."),
                    prop("nothing", enumeration("emptyEnum"), ""),
                    prop(
                        "undefinedEnum",
                        enumeration("notInTheModel"),
                        "An enum no page defines.",
                    ),
                    prop(
                        "undefinedType",
                        complex("alsoNotInTheModel"),
                        "A type no page defines.",
                    ),
                    prop("otherMails", many(prim(Primitive::String)), ""),
                    prop(
                        "attachments",
                        many(complex("attachment")),
                        "Typed by a base type: holds any attachment.",
                    ),
                    prop("pinned", complex("attachment"), "One attachment of any kind."),
                    navigation(prop(
                        "reportRoot",
                        complex("reportRoot"),
                        "Only the reports area compiles its type.",
                    )),
                ],
            ),
            complex_type(
                "attachment",
                None,
                "A base type.",
                vec![
                    prop("name", prim(Primitive::String), ""),
                    prop("size", prim(Primitive::Int32), ""),
                ],
            ),
            complex_type(
                "fileAttachment",
                Some("attachment"),
                "",
                vec![prop("contentBytes", prim(Primitive::Binary), "")],
            ),
            complex_type(
                "itemAttachment",
                Some("attachment"),
                "",
                vec![prop("item", FieldType { kind: TypeKind::Json, collection: false }, "")],
            ),
            complex_type(
                "referenceAttachment",
                Some("itemAttachment"),
                "Derived twice.",
                vec![prop("sourceUrl", prim(Primitive::String), "")],
            ),
            complex_type(
                "reportRoot",
                None,
                "Reached only by the reports area.",
                vec![prop("period", prim(Primitive::String), "")],
            ),
        ],
    );
    let mut days = enum_type("dayOfWeekSet", &["sunday", "monday", "tuesday"]);
    days.flags = true;
    insert_enums(&mut v1, vec![days, enum_type("emptyEnum", &[])]);
    let mut list = returns(
        op(
            "list_users",
            "List users",
            "GET",
            "/users",
            "users",
            "docs/user-list.md",
        ),
        many(complex("user")),
    );
    list.query_options = vec![s("select"), s("filter"), s("top")];
    let create_params = vec![
        prop("message", prim(Primitive::String), "The message. Required."),
        prop("saveToSentItems", prim(Primitive::Boolean), ""),
    ];
    insert_ops(
        &mut v1,
        vec![
            list,
            OperationModel {
                permissions: vec![
                    graphdoc::ir::Permission {
                        permission_type: s("Delegated (work or school account)"),
                        permissions: vec![s("User.Read"), s("User.ReadWrite.All")],
                        resource: None,
                        all_required: false,
                    },
                    graphdoc::ir::Permission {
                        permission_type: s("Delegated (personal Microsoft account)"),
                        permissions: vec![],
                        resource: None,
                        all_required: false,
                    },
                    // A row of a table per supported resource, both needed.
                    graphdoc::ir::Permission {
                        permission_type: s("Application"),
                        permissions: vec![s("User.Read.All"), s("Directory.Read.All")],
                        resource: Some(s("user")),
                        all_required: true,
                    },
                ],
                ..returns(
                    op(
                        "get_user",
                        "Get user",
                        "GET",
                        "/users/{id | userPrincipalName}",
                        "users",
                        "docs/user-get.md",
                    ),
                    complex("user"),
                )
            },
            op(
                "delete_user",
                "Delete user",
                "DELETE",
                "/users/{id}",
                "users",
                "docs/user-delete.md",
            ),
            // Query parameters the request line asks for.
            with_query(
                op(
                    "list_calendar_view",
                    "List calendarView",
                    "GET",
                    "/users/{id}/calendarView",
                    "users",
                    "docs/user-list-calendarview.md",
                ),
                "startDateTime={start_datetime}&endDateTime={end_datetime}",
            ),
            with_query(
                op(
                    "remove_member_of",
                    "Remove member",
                    "DELETE",
                    "/users/{id}/memberOf/$ref",
                    "users",
                    "docs/group-delete-members.md",
                ),
                "$id=https://graph.microsoft.com/v1.0/groups/{id}",
            ),
            returns(
                sends(
                    op(
                        "create_user",
                        "Create user",
                        "POST",
                        "/users",
                        "users",
                        "docs/user-post.md",
                    ),
                    RequestBodyModel::Object(complex("user")),
                ),
                complex("user"),
            ),
            sends(
                op(
                    "send_mail",
                    "user: sendMail",
                    "POST",
                    "/users/{id}/sendMail",
                    "users",
                    "docs/user-sendmail.md",
                ),
                RequestBodyModel::Parameters {
                    struct_name: s("SendMailBody"),
                    properties: create_params.clone(),
                },
            ),
            // The same action on another path: one shared body struct.
            sends(
                op(
                    "send_my_mail",
                    "user: sendMail",
                    "POST",
                    "/me/sendMail",
                    "users",
                    "docs/user-sendmail.md",
                ),
                RequestBodyModel::Parameters {
                    struct_name: s("SendMailBody"),
                    properties: create_params,
                },
            ),
            op(
                "delete_beta",
                "An area named like a version",
                "DELETE",
                "/beta/{id}",
                "beta",
                "docs/b.md",
            ),
            returns(
                op(
                    "get_photo_content",
                    "Get profilePhoto",
                    "GET",
                    "/users/{id}/photo/$value",
                    "users",
                    "docs/photo-get.md",
                ),
                prim(Primitive::Stream),
            ),
            returns(
                op(
                    "get_report",
                    "reportRoot: getReport",
                    "GET",
                    "/reports/getReport(period='{period}')",
                    "reports",
                    "docs/report.md",
                ),
                complex("reportRoot"),
            ),
            returns(
                sends(
                    op(
                        "check_member_groups",
                        "directoryObject: checkMemberGroups",
                        "POST",
                        "/users/{id}/checkMemberGroups",
                        "users",
                        "docs/check.md",
                    ),
                    RequestBodyModel::Object(many(prim(Primitive::String))),
                ),
                many(prim(Primitive::String)),
            ),
            sends(
                op(
                    "upload_photo",
                    "Update profilePhoto",
                    "PUT",
                    "/users/{id}/photo/$value",
                    "users",
                    "docs/photo-update.md",
                ),
                RequestBodyModel::Object(prim(Primitive::Stream)),
            ),
            sends(
                op(
                    "set_note",
                    "Set note",
                    "PUT",
                    "/users/{id}/note",
                    "users",
                    "docs/note.md",
                ),
                RequestBodyModel::Object(prim(Primitive::String)),
            ),
            returns(
                op(
                    "get_deep_item",
                    "Get a deeply nested item",
                    "GET",
                    "/users/{a}/b/{b}/c/{c}/d/{d}/e/{e}/f/{f}",
                    "users",
                    "docs/deep.md",
                ),
                complex("user"),
            ),
        ],
    );
    ApiModel {
        versions: BTreeMap::from([(ApiVersion::V1_0, v1)]),
    }
}

/// Types that reach themselves through single fields, directly and in a ring,
/// plus a base-type cycle the model should never hold but might.
pub fn recursive_model() -> ApiModel {
    let mut v = VersionModel::default();
    insert_types(
        &mut v,
        vec![
            complex_type(
                "node",
                None,
                "A tree node.",
                vec![
                    prop("parent", complex("node"), ""),
                    prop("children", many(complex("node")), ""),
                    prop("label", prim(Primitive::String), ""),
                ],
            ),
            complex_type(
                "ringA",
                None,
                "",
                vec![
                    prop("next", complex("ringB"), ""),
                    prop("leaf", complex("leaf"), ""),
                ],
            ),
            complex_type("ringB", None, "", vec![prop("next", complex("ringC"), "")]),
            complex_type("ringC", None, "", vec![prop("next", complex("ringA"), "")]),
            complex_type(
                "leaf",
                None,
                "",
                vec![prop("owners", many(complex("ringA")), "")],
            ),
            complex_type(
                "derivedNode",
                Some("node"),
                "Inherits the recursive fields.",
                vec![prop("extra", prim(Primitive::Int32), "")],
            ),
            complex_type(
                "cycleA",
                Some("cycleB"),
                "",
                vec![prop("a", prim(Primitive::String), "")],
            ),
            complex_type(
                "cycleB",
                Some("cycleA"),
                "",
                vec![prop("b", prim(Primitive::String), "")],
            ),
        ],
    );
    insert_ops(
        &mut v,
        vec![returns(
            op(
                "get_node",
                "Get node",
                "GET",
                "/nodes/{id}",
                "nodes",
                "docs/node.md",
            ),
            complex("node"),
        )],
    );
    ApiModel {
        versions: BTreeMap::from([(ApiVersion::Beta, v)]),
    }
}

/// Names that break naive identifier generation.
pub fn nasty_model() -> ApiModel {
    let mut v = VersionModel::default();
    let mut weird_props = vec![
        prop("type", prim(Primitive::String), "A keyword."),
        prop("self", prim(Primitive::String), "Cannot be raw."),
        prop("crate", prim(Primitive::String), ""),
        prop("super", prim(Primitive::String), ""),
        prop("Self", prim(Primitive::String), ""),
        prop("async", prim(Primitive::String), ""),
        prop(
            "2faEnabled",
            prim(Primitive::Boolean),
            "Starts with a digit.",
        ),
        prop("display name", prim(Primitive::String), "Has a space."),
        prop("x-ms-header", prim(Primitive::String), ""),
        prop("café", prim(Primitive::String), "Non-ASCII."),
        prop("", prim(Primitive::String), "Empty name."),
        prop("@@", prim(Primitive::String), "Only punctuation."),
        prop("fooBar", prim(Primitive::String), ""),
        prop(
            "foo_bar",
            prim(Primitive::String),
            "Same Rust name as fooBar.",
        ),
        prop("FooBar", prim(Primitive::String), "Same again."),
        prop(
            "odataType",
            prim(Primitive::String),
            "Takes the synthetic field's name.",
        ),
        prop(
            "additionalProperties",
            prim(Primitive::String),
            "Takes the catch-all's name.",
        ),
        prop(
            "option",
            complex("option"),
            "A field typed by a type named Option.",
        ),
        prop("result", complex("result"), ""),
        prop("string", complex("string"), ""),
        prop("vec", many(complex("vec")), ""),
        prop("box", complex("box"), ""),
        prop("some", complex("some"), ""),
        prop("none", complex("none"), ""),
        prop("ok", complex("ok"), ""),
        prop("err", complex("err"), ""),
        prop("default", complex("default"), ""),
        prop("iterator", complex("iterator"), ""),
        prop(
            "status",
            complex("status"),
            "A struct whose name an enum also wants.",
        ),
        prop("statusEnum", enumeration("Status"), ""),
        prop("resolution", enumeration("resolution"), ""),
        prop("someFlags", enumeration("some flags"), ""),
        prop("unrecognized", enumeration("unrecognized"), ""),
        prop(
            "Docs with [brackets] and <tags>",
            prim(Primitive::String),
            "See [user](../resources/user.md) or <token> at https://example.com/x.",
        ),
    ];
    weird_props[0].read_only = true;
    let mut types = vec![complex_type(
        "weird",
        None,
        "Fields with hostile names.",
        weird_props,
    )];
    for name in [
        "option", "result", "string", "vec", "box", "some", "none", "ok", "err", "default",
        "iterator", "status",
    ] {
        types.push(complex_type(
            name,
            None,
            "",
            vec![prop("value", prim(Primitive::String), "")],
        ));
    }
    types.extend([
        complex_type(
            "self",
            None,
            "A type named self.",
            vec![prop("self", complex("self"), "Reaches itself.")],
        ),
        complex_type("Self", None, "", vec![]),
        complex_type("type", None, "", vec![]),
        complex_type("1stType", None, "", vec![]),
        complex_type("@odata.weird", None, "", vec![]),
        complex_type("café", None, "", vec![]),
        complex_type("", None, "A type with no name.", vec![]),
        complex_type("fooBar", None, "", vec![]),
        complex_type("foo_bar", None, "", vec![]),
        complex_type(
            "withOdata",
            None,
            "Documents @odata.type itself.",
            vec![
                prop("@odata.type", prim(Primitive::String), "Documented."),
                prop("value", prim(Primitive::String), ""),
            ],
        ),
    ]);
    insert_types(&mut v, types);
    let mut some_flags = enum_type("some flags", &["a", "b", "a"]);
    some_flags.flags = true;
    insert_enums(
        &mut v,
        vec![
            enum_type("Status", &["active", "status", "statusActive"]),
            enum_type(
                "resolution",
                &[
                    "1080p",
                    "720p",
                    "self",
                    "type",
                    "",
                    "Unrecognized",
                    "unrecognized",
                    "1080p",
                ],
            ),
            enum_type("unrecognized", &["unrecognized"]),
            enum_type("some", &["x"]),
            some_flags,
            enum_type("emptyEnum", &[]),
        ],
    );
    let id_param = |name: &str| PathPart::Param {
        rust_name: s(name),
        doc_name: s(name),
        quoted: false,
    };
    let mut dup_params = returns(
        op(
            "type",
            "A function named type",
            "GET",
            "/x/{id}/y/{id}",
            "models",
            "docs/x.md",
        ),
        complex("weird"),
    );
    dup_params.path = vec![
        PathPart::Literal(s("/x/")),
        id_param("id"),
        PathPart::Literal(s("/y/")),
        id_param("id"),
        PathPart::Literal(s("/z/")),
        id_param("type"),
        PathPart::Literal(s("/w/")),
        id_param("self"),
        PathPart::Literal(s("/v/")),
        id_param("client"),
        PathPart::Literal(s("/u/")),
        id_param("body"),
        PathPart::Literal(s("/t/")),
        id_param(""),
        PathPart::Literal(s("/{braces}/")),
        id_param("9lives"),
    ];
    insert_ops(
        &mut v,
        vec![
            dup_params,
            op(
                "match",
                "A function named match",
                "DELETE",
                "/full/{id}",
                "full",
                "docs/full.md",
            ),
            op(
                "self",
                "A function named self",
                "DELETE",
                "/self/{id}",
                "self",
                "docs/self.md",
            ),
            op(
                "fn",
                "Area type",
                "DELETE",
                "/type/{id}",
                "type",
                "docs/type.md",
            ),
            op(
                "one",
                "One",
                "DELETE",
                "/deviceManagement/{id}",
                "deviceManagement",
                "docs/one.md",
            ),
            op(
                "two",
                "Two",
                "DELETE",
                "/device_management/{id}",
                "device_management",
                "docs/two.md",
            ),
            returns(
                sends(
                    op(
                        "update_weird",
                        "Update weird",
                        "PATCH",
                        "/weird",
                        "weird",
                        "docs/weird.md",
                    ),
                    RequestBodyModel::Update {
                        struct_name: s("Option"),
                        target: Some(s("weird")),
                        properties: vec![
                            prop("type", prim(Primitive::String), ""),
                            prop("type", prim(Primitive::String), "Listed twice."),
                            prop("odataType", prim(Primitive::String), ""),
                            prop("option", complex("option"), ""),
                            prop("days", enumeration("some flags"), ""),
                        ],
                    },
                ),
                complex("weird"),
            ),
            sends(
                op(
                    "update_weird_again",
                    "Update weird again",
                    "PATCH",
                    "/weird/again",
                    "weird",
                    "docs/weird.md",
                ),
                RequestBodyModel::Update {
                    struct_name: s("Option"),
                    target: None,
                    properties: vec![prop(
                        "other",
                        prim(Primitive::String),
                        "A different body with the same name.",
                    )],
                },
            ),
            // A raw-named function taking a body: its struct's docs cannot link to it.
            sends(
                op(
                    "async",
                    "A function named async",
                    "POST",
                    "/weird/async",
                    "weird",
                    "docs/weird.md",
                ),
                RequestBodyModel::Parameters {
                    struct_name: s("Option"),
                    properties: vec![prop("self", prim(Primitive::Int32), "")],
                },
            ),
        ],
    );
    ApiModel {
        versions: BTreeMap::from([(ApiVersion::V1_0, v)]),
    }
}

pub fn options(crate_name: &str) -> graphdoc::emit::EmitOptions {
    graphdoc::emit::EmitOptions {
        crate_name: s(crate_name),
        runtime_dependency: s("{ path = \"../runtime\" }"),
    }
}
