//! The emitted crates compile against the real runtime, pass clippy with
//! `-D warnings` (all features, none, and one area alone), document without
//! rustdoc warnings, and their models round-trip JSON (tests written into the
//! generated crates below). The shapes crate's endpoints also run against a
//! local axum server: paging, query options, retries, typed errors, path
//! encoding and malformed answers.
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
use seed_sdk::v1_0::models::{
    AnyDeviceAndAppManagementAssignmentTarget, ComplianceManagementPartner,
    ConfigurationManagerCollectionAssignmentTarget, DeviceAndAppManagementAssignmentTarget,
    DeviceManagementPartnerTenantState,
};
use seed_sdk::Patch;
use serde_json::json;

#[test]
fn model_keeps_unknown_properties_nulls_and_enum_values() {
    let wire = json!({
        "@odata.type": "#microsoft.graph.complianceManagementPartner",
        "id": "d6d46d0d-6d0d-d6d4-0d6d-d4d60d6dd4d6",
        "lastHeartbeatDateTime": "2016-12-31T23:59:37.9174975-08:00",
        "partnerState": "someStateFromTheFuture",
        "displayName": null,
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
        Patch::Value(DeviceManagementPartnerTenantState::Unrecognized("someStateFromTheFuture".into()))
    );
    assert!(partner.partner_state.as_value().unwrap().is_unknown());
    assert_eq!(partner.id.as_deref(), Some("d6d46d0d-6d0d-d6d4-0d6d-d4d60d6dd4d6"));
    assert_eq!(partner.display_name, Patch::Null);
    assert_eq!(partner.ios_onboarded, Patch::Absent);
    assert_eq!(partner.additional_properties["propertyTheDocsForgot"], json!({ "nested": [1, 2, 3] }));
    let assignments = partner.mac_os_enrollment_assignments.as_value().unwrap();
    // The property is typed by the base type: `@odata.type` picks the derived struct.
    match assignments[0].target.as_value().unwrap() {
        AnyDeviceAndAppManagementAssignmentTarget::ConfigurationManagerCollectionAssignmentTarget(t) => {
            assert_eq!(t.collection_id.as_deref(), Some("Collection Id value"))
        }
        other => panic!("read as {other:?}"),
    }
    assert_eq!(serde_json::to_value(&partner).unwrap(), wire);
}

#[test]
fn base_typed_values_pick_their_type_and_keep_unknown_ones() {
    let any = |v: serde_json::Value| serde_json::from_value::<AnyDeviceAndAppManagementAssignmentTarget>(v).unwrap();
    // With or without `#`, any case: the derived struct.
    for name in ["#microsoft.graph.configurationManagerCollectionAssignmentTarget", "microsoft.graph.ConfigurationManagerCollectionAssignmentTarget"] {
        let wire = json!({ "@odata.type": name, "collectionId": "c" });
        let read = any(wire.clone());
        assert!(matches!(read, AnyDeviceAndAppManagementAssignmentTarget::ConfigurationManagerCollectionAssignmentTarget(_)), "{name}");
        assert_eq!(serde_json::to_value(&read).unwrap(), wire);
    }
    // A type the docs do not list: the base struct keeps its name and properties.
    let wire = json!({ "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget", "extra": [1] });
    let read = any(wire.clone());
    match &read {
        AnyDeviceAndAppManagementAssignmentTarget::DeviceAndAppManagementAssignmentTarget(base) => {
            assert_eq!(base.odata_type.as_deref(), Some("#microsoft.graph.allDevicesAssignmentTarget"));
            assert_eq!(base.additional_properties["extra"], json!([1]));
        }
        other => panic!("read as {other:?}"),
    }
    assert_eq!(serde_json::to_value(&read).unwrap(), wire);
    // No `@odata.type`: the base type.
    assert!(matches!(any(json!({})), AnyDeviceAndAppManagementAssignmentTarget::DeviceAndAppManagementAssignmentTarget(_)));
    // Built by hand, a derived value names its type on the wire.
    let built: AnyDeviceAndAppManagementAssignmentTarget = ConfigurationManagerCollectionAssignmentTarget {
        collection_id: Patch::Value("c".into()),
        ..Default::default()
    }
    .into();
    assert_eq!(
        serde_json::to_value(&built).unwrap(),
        json!({ "@odata.type": "#microsoft.graph.configurationManagerCollectionAssignmentTarget", "collectionId": "c" })
    );
    let base: AnyDeviceAndAppManagementAssignmentTarget = DeviceAndAppManagementAssignmentTarget::default().into();
    assert_eq!(serde_json::to_value(&base).unwrap(), json!({}));
    // A value of the wrong shape is an error, not a panic.
    assert!(serde_json::from_value::<AnyDeviceAndAppManagementAssignmentTarget>(json!({
        "@odata.type": "#microsoft.graph.configurationManagerCollectionAssignmentTarget", "collectionId": 5
    })).is_err());
    assert!(serde_json::from_value::<AnyDeviceAndAppManagementAssignmentTarget>(json!([1])).is_err());
}

#[test]
fn known_enum_values_parse_and_print() {
    let state: DeviceManagementPartnerTenantState = serde_json::from_value(json!("unavailable")).unwrap();
    assert_eq!(state, DeviceManagementPartnerTenantState::Unavailable);
    assert!(!state.is_unknown());
    assert_eq!(state.to_string(), "unavailable");
    assert_eq!("rejected".parse::<DeviceManagementPartnerTenantState>().unwrap().as_str(), "rejected");
    assert_eq!(serde_json::to_value(DeviceManagementPartnerTenantState::from("x")).unwrap(), json!("x"));
}

#[test]
fn the_sentinel_member_is_a_variant_and_counts_as_unknown() {
    use seed_sdk::beta::models::CloudPcExternalPartnerStatus;
    let v: CloudPcExternalPartnerStatus = serde_json::from_value(json!("unknownFutureValue")).unwrap();
    assert_eq!(v, CloudPcExternalPartnerStatus::UnknownFutureValue);
    assert!(v.is_unknown());
    assert!(!CloudPcExternalPartnerStatus::Healthy.is_unknown());
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

#[cfg(feature = "roundtrip")]
#[test]
fn the_registry_round_trips_by_type_name() {
    let wire = json!({ "id": "1", "displayName": null, "x": [true] });
    let back = seed_sdk::v1_0::roundtrip::model("complianceManagementPartner", wire.clone()).unwrap().unwrap();
    assert_eq!(back, wire);
    assert!(seed_sdk::v1_0::roundtrip::model("complianceManagementPartner", json!({ "id": 5 })).unwrap().is_err());
    assert!(seed_sdk::v1_0::roundtrip::model("noSuchType", json!({})).is_none());
    let body = json!({ "displayName": null, "@odata.type": "#microsoft.graph.complianceManagementPartner" });
    let back = seed_sdk::v1_0::roundtrip::request_body("update_compliance_management_partner", body.clone()).unwrap().unwrap();
    assert_eq!(back, body);
}
"##;

const SHAPES_TEST: &str = r##"
use shapes_sdk::v1_0::models::{AnyAttachment, DayOfWeekSet, DayOfWeekSetFlag, EmptyEnum, FileAttachment, User};
use shapes_sdk::v1_0::users::SendMailBody;
use shapes_sdk::Patch;
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
        "otherMails": ["a@b.c"],
        "displayName": null
    });
    let user: User = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(
        user.days.as_value().unwrap().flags,
        vec![DayOfWeekSetFlag::Monday, DayOfWeekSetFlag::Tuesday, DayOfWeekSetFlag::Unrecognized("someday".into())]
    );
    assert!(user.days.as_value().unwrap().contains(&DayOfWeekSetFlag::Monday));
    assert_eq!(user.nothing, Patch::Value(EmptyEnum::Unrecognized("whatever".into())));
    assert_eq!(user.undefined_enum.as_deref(), Some("kept"));
    assert_eq!(user.quota, Patch::Value(9007199254740993));
    assert_eq!(user.display_name, Patch::Null);
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

#[test]
fn base_typed_collections_hold_every_derived_type() {
    let wire = json!({
        "attachments": [
            { "@odata.type": "#microsoft.graph.fileAttachment", "name": "a.txt", "contentBytes": "AQID" },
            { "@odata.type": "#microsoft.graph.referenceAttachment", "name": "link", "sourceUrl": "https://x" },
            { "@odata.type": "#microsoft.graph.itemAttachment", "item": { "subject": "s" } },
            { "@odata.type": "#microsoft.graph.futureAttachment", "size": 1, "hologram": true },
            { "name": "plain" }
        ],
        "pinned": { "@odata.type": "fileAttachment", "size": 3 }
    });
    let user: User = serde_json::from_value(wire.clone()).unwrap();
    let kinds: Vec<&str> = user.attachments.as_value().unwrap().iter().map(|a| match a {
        AnyAttachment::Attachment(_) => "base",
        AnyAttachment::FileAttachment(_) => "file",
        AnyAttachment::ItemAttachment(_) => "item",
        AnyAttachment::ReferenceAttachment(_) => "reference",
    }).collect();
    assert_eq!(kinds, ["file", "reference", "item", "base", "base"]);
    if let AnyAttachment::ReferenceAttachment(r) = &user.attachments.as_value().unwrap()[1] {
        // Inherited through two levels.
        assert_eq!(r.name.as_deref(), Some("link"));
        assert_eq!(r.source_url.as_deref(), Some("https://x"));
    }
    assert!(matches!(user.pinned.as_value(), Some(AnyAttachment::FileAttachment(f)) if f.size == Patch::Value(3)));
    assert_eq!(serde_json::to_value(&user).unwrap(), wire);
    let sent = User {
        pinned: Patch::Value(FileAttachment { name: Patch::Value("n".into()), ..Default::default() }.into()),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&sent).unwrap(),
        json!({ "pinned": { "@odata.type": "#microsoft.graph.fileAttachment", "name": "n" } })
    );
}

#[test]
fn navigation_fields_of_types_no_enabled_area_reaches_stay_in_the_extras() {
    let wire = json!({ "reportRoot": { "period": "D7" } });
    let user: User = serde_json::from_value(wire.clone()).unwrap();
    #[cfg(feature = "reports")]
    assert_eq!(user.report_root.as_value().unwrap().period.as_deref(), Some("D7"));
    #[cfg(not(feature = "reports"))]
    assert_eq!(user.additional_properties["reportRoot"], json!({ "period": "D7" }));
    assert_eq!(serde_json::to_value(&user).unwrap(), wire);
}

#[test]
fn required_parameters_are_required_by_the_type() {
    let body = SendMailBody::new("hello".into());
    assert_eq!(serde_json::to_value(&body).unwrap(), json!({ "message": "hello" }));
    let body = SendMailBody { save_to_sent_items: Patch::Value(false), ..SendMailBody::new("hi".into()) };
    assert_eq!(serde_json::to_value(&body).unwrap(), json!({ "message": "hi", "saveToSentItems": false }));
    assert!(serde_json::from_value::<SendMailBody>(json!({ "saveToSentItems": true })).is_err());
    assert!(serde_json::from_value::<SendMailBody>(json!({ "message": null })).is_err());
}
"##;

/// The generated endpoints against a real local HTTP server: paging, query
/// options, retries, typed errors, path encoding, malformed answers.
const CLIENT_TEST: &str = r##"
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::IntoResponse;
use futures::TryStreamExt;
use serde_json::json;
use shapes_sdk::runtime::{RetryPolicy, StaticToken};
use shapes_sdk::v1_0::users;
use shapes_sdk::{Client, Error, Patch, QueryOptions};

/// A request as the server saw it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    uri: String,
    headers: HeaderMap,
    body: Bytes,
}

type Answer = Box<dyn Fn(&Seen, usize, &str) -> (u16, Vec<(&'static str, String)>, String) + Send + Sync>;

/// Starts a server answering with `answer(request, n, origin)` (n: how many requests came before).
async fn serve(answer: Answer) -> (Client, Arc<Mutex<Vec<Seen>>>) {
    let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
    let log = seen.clone();
    let answer = Arc::new(answer);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let base = origin.clone();
    let app = axum::Router::new().fallback(move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
        let log = log.clone();
        let answer = answer.clone();
        let origin = origin.clone();
        async move {
            let request = Seen { method: method.to_string(), uri: uri.to_string(), headers, body };
            let n = {
                let mut log = log.lock().unwrap();
                log.push(request.clone());
                log.len() - 1
            };
            let (status, headers, body) = answer(&request, n, &origin);
            let mut response = (StatusCode::from_u16(status).unwrap(), body).into_response();
            for (name, value) in headers {
                response.headers_mut().insert(name, value.parse().unwrap());
            }
            response
        }
    });
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = Client::builder()
        .token(StaticToken::new("secret-token"))
        .insecure_base_url_for_testing(&base)
        .retry(RetryPolicy::default().with_max_delay(std::time::Duration::from_secs(1)))
        .build()
        .unwrap();
    (client, seen)
}

fn json_body(value: serde_json::Value) -> (u16, Vec<(&'static str, String)>, String) {
    (200, vec![("content-type", "application/json".into())], value.to_string())
}

#[tokio::test]
async fn a_list_pages_through_next_links_with_the_query_options() {
    let (client, seen) = serve(Box::new(|req, _, origin| {
        if req.uri.contains("skiptoken=2") {
            json_body(json!({ "value": [{ "id": "3" }] }))
        } else {
            json_body(json!({
                "@odata.count": 3,
                "value": [{ "id": "1", "displayName": "a" }, { "id": "2" }],
                "@odata.nextLink": format!("{origin}/v1.0/users?$skiptoken=2")
            }))
        }
    }))
    .await;
    let query = QueryOptions::new()
        .select(["id", "displayName"])
        .filter("startswith(displayName,'a')")
        .orderby(["displayName desc"])
        .top(2)
        .skip(1)
        .count(true)
        .expand(["manager"])
        .search("\"displayName:a b\"");
    let users: Vec<_> = users::list_users(&client, &query).try_collect().await.unwrap();
    let ids: Vec<_> = users.iter().map(|u| u.id.as_deref().unwrap()).collect();
    assert_eq!(ids, ["1", "2", "3"]);
    assert_eq!(users[0].display_name.as_deref(), Some("a"));

    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2);
    let first = &seen[0];
    assert_eq!(first.method, "GET");
    assert!(first.uri.starts_with("/v1.0/users?"), "{}", first.uri);
    for part in [
        "$select=id,displayName",
        "$filter=startswith(displayName,%27a%27)",
        "$orderby=displayName%20desc",
        "$top=2",
        "$skip=1",
        "$count=true",
        "$expand=manager",
        "$search=%22displayName:a%20b%22",
    ] {
        assert!(first.uri.contains(part), "{part} missing from {}", first.uri);
    }
    // $search needs ConsistencyLevel: eventual, on every page.
    for request in &seen {
        assert_eq!(request.headers["consistencylevel"], "eventual");
        assert_eq!(request.headers["authorization"], "Bearer secret-token");
    }
    assert_eq!(seen[1].uri, "/v1.0/users?$skiptoken=2");

    // All pages at once, with the collection's metadata.
    let all = users::list_users(&client, &QueryOptions::new()).collect_all().await.unwrap();
    assert_eq!(all.len(), 3);
}

#[tokio::test]
async fn throttled_reads_are_retried_after_retry_after() {
    let (client, seen) = serve(Box::new(|_, n, _| {
        if n < 2 {
            (429, vec![("retry-after", "0".into())], json!({ "error": { "code": "TooManyRequests", "message": "slow down" } }).to_string())
        } else {
            json_body(json!({ "id": "1" }))
        }
    }))
    .await;
    let user = users::get_user(&client, "1", &QueryOptions::new()).await.unwrap();
    assert_eq!(user.id, Patch::Value("1".into()));
    assert_eq!(seen.lock().unwrap().len(), 3);
}

#[tokio::test]
async fn throttled_writes_are_not_retried_unless_asked() {
    let (client, seen) = serve(Box::new(|_, _, _| {
        (429, vec![("retry-after", "0".into())], json!({ "error": { "code": "TooManyRequests", "message": "slow down" } }).to_string())
    }))
    .await;
    let err = users::send_mail(&client, "1", &users::SendMailBody::new("hi".into())).await.unwrap_err();
    assert!(err.is_throttled(), "{err:?}");
    assert_eq!(err.retry_after(), Some(std::time::Duration::ZERO));
    assert_eq!(seen.lock().unwrap().len(), 1);
    assert_eq!(seen.lock().unwrap()[0].body.as_ref(), br#"{"message":"hi"}"#);
}

#[tokio::test]
async fn graph_errors_are_typed() {
    let (client, _) = serve(Box::new(|_, _, _| {
        (
            404,
            vec![("content-type", "application/json".into()), ("request-id", "hdr-id".into())],
            json!({ "error": { "code": "Request_ResourceNotFound", "message": "Resource 'x' does not exist.",
                "innerError": { "request-id": "rid-1", "date": "2021-07-16T00:00:00" } } }).to_string(),
        )
    }))
    .await;
    let err = users::get_user(&client, "x", &QueryOptions::new()).await.unwrap_err();
    assert!(err.is_not_found());
    assert_eq!(err.graph_code(), Some("Request_ResourceNotFound"));
    assert_eq!(err.graph_message(), Some("Resource 'x' does not exist."));
    assert_eq!(err.request_id(), Some("rid-1"));
    match err {
        Error::Graph { status: 404, error, .. } => assert_eq!(error.error.code, "Request_ResourceNotFound"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn malformed_answers_are_errors_not_panics() {
    let (client, _) = serve(Box::new(|req, _, _| match req.uri.as_str() {
        "/v1.0/users/html" => (200, vec![], "<html>not json</html>".into()),
        "/v1.0/users/wrong" => json_body(json!({ "id": 5 })),
        "/v1.0/users/array" => json_body(json!([1, 2])),
        "/v1.0/users/error" => (500, vec![], "\u{0}\u{1} garbage".into()),
        _ => json_body(json!({ "value": [{ "id": "1" }], "@odata.nextLink": "https://evil.example/v1.0/users" })),
    }))
    .await;
    for id in ["html", "wrong", "array"] {
        let err = users::get_user(&client, id, &QueryOptions::new()).await.unwrap_err();
        assert!(matches!(err, Error::Decode { status: 200, .. }), "{id}: {err:?}");
    }
    let err = users::get_user(&client, "error", &QueryOptions::new()).await.unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(err.graph_code(), Some("unknown"));
    // A next link to another host is refused: the token never leaves the base URL.
    let result: Result<Vec<_>, Error> = users::list_users(&client, &QueryOptions::new()).try_collect().await;
    assert!(matches!(result, Err(Error::InvalidRequest(_))), "{result:?}");
}

#[tokio::test]
async fn query_parameters_the_docs_ask_for_are_arguments() {
    let (client, seen) = serve(Box::new(|_, _, _| json_body(json!({})))).await;
    let top = QueryOptions::new().top(5);
    users::list_calendar_view(&client, "u1", "2024-01-01T00:00:00Z", "2024-01-02T00:00:00+01:00", &top)
        .await
        .unwrap();
    users::remove_member_of(&client, "u1", "g/1&x=y").await.unwrap();
    let seen = seen.lock().unwrap();
    assert_eq!(
        seen[0].uri,
        "/v1.0/users/u1/calendarView?startDateTime=2024-01-01T00:00:00Z&endDateTime=2024-01-02T00:00:00%2B01:00&$top=5"
    );
    // The id is a segment of the URL the value holds, and that URL one query value.
    assert_eq!(seen[1].method, "DELETE");
    assert_eq!(
        seen[1].uri,
        "/v1.0/users/u1/memberOf/$ref?$id=https://graph.microsoft.com/v1.0/groups/g%252F1%2526x%253Dy"
    );
}

#[tokio::test]
async fn path_parameters_cannot_change_the_path() {
    let (client, seen) = serve(Box::new(|_, _, _| json_body(json!({})))).await;
    users::get_user(&client, "a/../../b?c=d#e f", &QueryOptions::new()).await.unwrap();
    assert_eq!(seen.lock().unwrap()[0].uri, "/v1.0/users/a%2F..%2F..%2Fb%3Fc%3Dd%23e%20f");
    // Inside an OData function call the value stays inside its quotes.
    #[cfg(feature = "reports")]
    {
        shapes_sdk::v1_0::reports::get_report(&client, "D7') or ('x", &QueryOptions::new()).await.unwrap();
        assert_eq!(
            seen.lock().unwrap()[1].uri,
            "/v1.0/reports/getReport(period='D7%27%27%29%20or%20%28%27%27x')"
        );
    }
    // An empty parameter would make `//`: refused before sending.
    let err = users::get_user(&client, "", &QueryOptions::new()).await.unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    assert!(!format!("{err:?} {err}").contains("secret-token"));
    assert!(!format!("{client:?}").contains("secret-token"));
}

#[tokio::test]
async fn an_unreachable_server_is_a_transport_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = Client::builder()
        .token(StaticToken::new("t"))
        .insecure_base_url_for_testing(&base)
        .build()
        .unwrap();
    let err = users::get_user(&client, "1", &QueryOptions::new()).await.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
}
"##;

const NASTY_TEST: &str = r##"
use nasty_sdk::v1_0::models::{Resolution, Weird};
use nasty_sdk::Patch;
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
    assert_eq!(weird._2fa_enabled, Patch::Value(true));
    assert_eq!(weird.display_name.as_deref(), Some("d"));
    assert_eq!(weird.field.as_deref(), Some("empty"));
    assert_eq!(weird.foo_bar.as_deref(), Some("1"));
    assert_eq!(weird.foo_bar_2.as_deref(), Some("2"));
    assert_eq!(weird.foo_bar_3.as_deref(), Some("3"));
    assert_eq!(weird.odata_type.as_deref(), Some("not the annotation"));
    assert_eq!(weird.odata_type_2.as_deref(), Some("#microsoft.graph.weird"));
    assert_eq!(weird.additional_properties.as_deref(), Some("a documented property"));
    assert_eq!(weird.additional_properties_2["unknownProperty"], json!(1));
    assert_eq!(weird.resolution, Patch::Value(Resolution::N1080p));
    assert_eq!(serde_json::to_value(&weird).unwrap(), wire);
}
"##;

const RECURSIVE_TEST: &str = r##"
use recursive_sdk::beta::models::{AnyNode, Node, RingA};
use serde_json::json;

#[test]
fn recursive_values_round_trip() {
    let wire = json!({ "label": "child", "parent": { "label": "root" }, "children": [{ "label": "grandchild" }] });
    let node: Node = serde_json::from_value(wire.clone()).unwrap();
    match node.parent.as_value().unwrap() {
        AnyNode::Node(parent) => assert_eq!(parent.label.as_deref(), Some("root")),
        other => panic!("{other:?}"),
    }
    assert_eq!(serde_json::to_value(&node).unwrap(), wire);
    let ring: RingA = serde_json::from_value(json!({ "next": { "next": { "next": {} } } })).unwrap();
    let last = ring.next.into_value().unwrap().next.into_value().unwrap().next.into_value().unwrap();
    assert!(last.next.is_absent());
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
    // The client test needs a server: dev-dependencies only the test adds.
    let shapes = dir.join("shapes-sdk");
    std::fs::write(shapes.join("tests/client.rs"), CLIENT_TEST).unwrap();
    let mut manifest = std::fs::read_to_string(shapes.join("Cargo.toml")).unwrap();
    manifest.push_str(
        "\n[dev-dependencies]\n\
         tokio = { version = \"1\", features = [\"rt-multi-thread\", \"macros\", \"net\"] }\n\
         axum = \"0.8\"\n\
         futures = \"0.3\"\n",
    );
    std::fs::write(shapes.join("Cargo.toml"), manifest).unwrap();

    let clippy = |extra: &[&str]| {
        let mut args = vec!["clippy"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--", "-D", "warnings"]);
        cargo(&dir, &target, &args);
    };
    clippy(&["--workspace", "--all-targets"]);
    clippy(&["--workspace", "--all-targets", "--all-features"]);
    // Every area feature off: whatever is left must still build cleanly.
    clippy(&["--workspace", "--no-default-features"]);
    // One area: only the types it reaches, navigation fields of others absent.
    let users_only = [
        "-p",
        "shapes-sdk",
        "--no-default-features",
        "--features",
        "users",
    ];
    clippy(&[&users_only[..], &["--all-targets"]].concat());

    let tests = cargo(
        &dir,
        &target,
        &[
            "test",
            "--workspace",
            "--all-features",
            "--test",
            "roundtrip",
        ],
    );
    let passed = tests.matches("test result: ok.").count();
    assert_eq!(passed, crates.len(), "{tests}");
    let tests = cargo(
        &dir,
        &target,
        &[
            &["test"],
            &users_only[..],
            &["--test", "roundtrip", "--test", "client"],
        ]
        .concat(),
    );
    assert_eq!(tests.matches("test result: ok.").count(), 2, "{tests}");
    assert!(tests.contains("test a_list_pages_through_next_links_with_the_query_options ... ok"));
    assert!(tests.contains("test query_parameters_the_docs_ask_for_are_arguments ... ok"));
    cargo(&dir, &target, &["doc", "--workspace", "--no-deps"]);
}
