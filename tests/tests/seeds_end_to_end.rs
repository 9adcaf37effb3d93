//! End to end: the SDK generated from `docs/` calls a real HTTP server on
//! 127.0.0.1 that plays Graph from the same pages' examples.
//!
//! The stand-in runs in strict mode: a request only gets the example response
//! when its method, path (after `/v1.0` or `/beta`) and JSON body equal the
//! example's. The test then checks the headers the client sent and that the
//! typed response serializes back to the example's JSON.

use std::path::PathBuf;
use std::sync::Arc;

use graph_sdk::{beta, v1_0, Client, Patch};
use graphdoc::ir::Page;
use graphdoc::mock::{MockGraph, Recorded};
use serde_json::{json, Value};

const TOKEN: &str = "e2e-test-token";

fn docs() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs")
}

fn seed_pages() -> Vec<Page> {
    graphdoc::read::read_paths(&[docs()])
}

/// The example (request body, response body) of the page whose file name starts with `prefix`.
fn example(pages: &[Page], prefix: &str) -> (Value, Value) {
    let page = pages
        .iter()
        .find(|p| p.source.rsplit('/').next().unwrap().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed page {prefix}"));
    let ex = &page.examples[0];
    let req = ex.request.as_ref().unwrap().body.clone().unwrap();
    let resp = ex.response.as_ref().unwrap().body.clone().unwrap();
    (req, resp)
}

async fn start(graph: MockGraph) -> (Client, Arc<MockGraph>) {
    let graph = Arc::new(graph);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(graphdoc::mock::serve(listener, graph.clone()));
    let client = Client::builder()
        .token(graphdoc_runtime::StaticToken::new(TOKEN))
        .insecure_base_url_for_testing(&format!("http://{addr}"))
        .build()
        .unwrap();
    (client, graph)
}

fn header<'a>(r: &'a Recorded, name: &str) -> Option<&'a str> {
    r.headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn assert_sent(r: &Recorded, method: &str, uri: &str, body: &Value) {
    assert_eq!(r.method, method);
    assert_eq!(r.uri, uri);
    assert_eq!(
        header(r, "authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert!(
        header(r, "content-type").is_some_and(|v| v.starts_with("application/json")),
        "content-type: {:?}",
        header(r, "content-type")
    );
    let sent: Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(&sent, body);
}

#[tokio::test]
async fn all_four_seed_operations_round_trip_through_the_generated_client() {
    let pages = seed_pages();
    let mut graph = MockGraph::from_pages(&pages);
    graph.strict_bodies = true;
    assert_eq!(graph.example_count(), 4, "one example per seed page");
    let (client, graph) = start(graph).await;

    // 000 (text form, beta): built by hand, as a user would.
    let (req, resp) = example(&pages, "000");
    let body = beta::device_management::UpdateCloudPcExternalPartnerSetting {
        odata_type: Some("#microsoft.graph.cloudPcExternalPartnerSetting".into()),
        enable_connection: Patch::Value(true),
        ..Default::default()
    };
    let got = beta::device_management::update_cloud_pc_external_partner_setting(
        &client,
        "b3548526-e615-3785-3118-be70b3968ec5",
        &body,
    )
    .await
    .unwrap();
    assert_eq!(got.enable_connection, Patch::Value(true));
    assert_eq!(
        got.partner_id.as_deref(),
        Some("198d7140-80bb-4843-8cc4-811377a49a92")
    );
    assert_eq!(got.status.as_deref(), Some("available"));
    assert_eq!(
        got.last_sync_date_time.as_value().map(|d| d.to_string()),
        Some("2020-11-03T12:43:14Z".to_string())
    );
    assert_eq!(serde_json::to_value(&got).unwrap(), resp);
    assert_sent(
        &graph.recorded()[0],
        "PATCH",
        "/beta/deviceManagement/virtualEndpoint/externalPartnerSettings/b3548526-e615-3785-3118-be70b3968ec5",
        &req,
    );

    // 001 (markdown, beta): the later name of the same API; `status` became `connectionStatus`.
    let (req, resp) = example(&pages, "001");
    let body: beta::device_management::UpdateCloudPcExternalPartner =
        serde_json::from_value(req.clone()).unwrap();
    assert_eq!(body.enable_connection, Patch::Value(true));
    let got = beta::device_management::update_cloud_pc_external_partner(
        &client,
        "b3548526-e615-3785-3118-be70b3968ec5",
        &body,
    )
    .await
    .unwrap();
    assert_eq!(got.connection_status.as_deref(), Some("available"));
    assert_eq!(serde_json::to_value(&got).unwrap(), resp);
    assert_sent(
        &graph.recorded()[1],
        "PATCH",
        "/beta/deviceManagement/virtualEndpoint/externalPartners/b3548526-e615-3785-3118-be70b3968ec5",
        &req,
    );

    // 002 (text form, v1.0): nested assignments and an enum. The example URL keeps
    // the `{complianceManagementPartnerId}` placeholder, so that is the id sent.
    let (req, resp) = example(&pages, "002");
    let body: v1_0::device_management::UpdateComplianceManagementPartner =
        serde_json::from_value(req.clone()).unwrap();
    assert_eq!(
        body.partner_state,
        Patch::Value(v1_0::models::DeviceManagementPartnerTenantState::Unavailable)
    );
    let got = v1_0::device_management::update_compliance_management_partner(
        &client,
        "{complianceManagementPartnerId}",
        &body,
    )
    .await
    .unwrap();
    assert_eq!(
        got.partner_state,
        Patch::Value(v1_0::models::DeviceManagementPartnerTenantState::Unavailable)
    );
    let assignments = got.mac_os_enrollment_assignments.as_value().unwrap();
    assert_eq!(
        assignments[0]
            .target
            .as_value()
            .unwrap()
            .collection_id
            .as_deref(),
        Some("Collection Id value")
    );
    assert_eq!(serde_json::to_value(&got).unwrap(), resp);
    assert_sent(
        &graph.recorded()[2],
        "PATCH",
        "/v1.0/deviceManagement/complianceManagementPartners/%7BcomplianceManagementPartnerId%7D",
        &req,
    );

    // 003 (text form, beta): two enums, clearing nothing, setting several fields.
    let (req, resp) = example(&pages, "003");
    let body: beta::device_management::UpdateDeviceManagementExchangeConnector =
        serde_json::from_value(req.clone()).unwrap();
    let got = beta::device_management::update_device_management_exchange_connector(
        &client,
        "{deviceManagementExchangeConnectorId}",
        &body,
    )
    .await
    .unwrap();
    assert_eq!(
        got.status,
        Patch::Value(beta::models::DeviceManagementExchangeConnectorStatus::ConnectionPending)
    );
    assert_eq!(
        got.exchange_connector_type,
        Patch::Value(beta::models::DeviceManagementExchangeConnectorType::Hosted)
    );
    assert_eq!(serde_json::to_value(&got).unwrap(), resp);
    assert_sent(
        &graph.recorded()[3],
        "PATCH",
        "/beta/deviceManagement/exchangeConnectors/%7BdeviceManagementExchangeConnectorId%7D",
        &req,
    );
    assert_eq!(graph.recorded().len(), 4);
}

#[tokio::test]
async fn a_body_that_differs_from_the_example_is_refused_with_a_graph_error() {
    let pages = seed_pages();
    let mut graph = MockGraph::from_pages(&pages);
    graph.strict_bodies = true;
    let (client, _graph) = start(graph).await;
    let body = beta::device_management::UpdateCloudPcExternalPartnerSetting {
        enable_connection: Patch::Value(false),
        ..Default::default()
    };
    let err = beta::device_management::update_cloud_pc_external_partner_setting(
        &client,
        "b3548526-e615-3785-3118-be70b3968ec5",
        &body,
    )
    .await
    .unwrap_err();
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.graph_code(), Some("BadRequest"));
}

#[tokio::test]
async fn patch_null_clears_a_property_and_absent_fields_are_not_sent() {
    let body = beta::device_management::UpdateDeviceManagementExchangeConnector {
        server_name: Patch::Null,
        version: Patch::Value("2".into()),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"serverName": null, "version": "2"})
    );
}

#[tokio::test]
async fn an_unknown_path_gets_a_typed_404_graph_error() {
    let (client, _graph) = start(MockGraph::from_pages(&seed_pages())).await;
    let body = beta::device_management::UpdateCloudPcExternalPartnerSetting::default();
    // A path parameter cannot escape its segment: `../` is encoded, so this is no known path.
    let err = beta::device_management::update_cloud_pc_external_partner_setting(
        &client,
        "x/../../exchangeConnectors/y",
        &body,
    )
    .await
    .unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.graph_code(), Some("ResourceNotFound"));
}

#[tokio::test]
async fn an_unlisted_enum_value_from_the_server_is_kept() {
    let value: v1_0::models::DeviceManagementPartnerTenantState =
        serde_json::from_value(json!("someFutureState")).unwrap();
    assert_eq!(value.as_str(), "someFutureState");
    assert_eq!(
        serde_json::to_value(&value).unwrap(),
        json!("someFutureState")
    );
}
