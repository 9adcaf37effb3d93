//! The README's SDK example, compiled (and run against the local stand-in), so the README cannot rot.

use graph_sdk::runtime::StaticToken;
use graph_sdk::{beta, Client, Patch};

#[allow(dead_code)]
async fn demo() -> Result<(), graph_sdk::Error> {
    let client = Client::new(StaticToken::new(std::env::var("GRAPH_TOKEN").unwrap()));

    // PATCH bodies: each field absent (not sent), Patch::Null (cleared) or Patch::Value.
    let update = beta::device_management::UpdateDeviceManagementExchangeConnector {
        server_name: Patch::Value("exchange01".into()),
        exchange_alias: Patch::Null,
        ..Default::default()
    };
    let connector = beta::device_management::update_device_management_exchange_connector(
        &client,
        "e11c1de8-1de8-e11c-e81d-1ce1e81d1ce1",
        &update,
    )
    .await?;

    // Enums keep values the docs did not list.
    if let Patch::Value(beta::models::DeviceManagementExchangeConnectorStatus::Connected) =
        connector.status
    {
        println!("connected: {:?}", connector.last_sync_date_time);
    }
    Ok(())
}

#[test]
fn readme_example_body_serializes_as_the_readme_says() {
    let update = beta::device_management::UpdateDeviceManagementExchangeConnector {
        server_name: Patch::Value("exchange01".into()),
        exchange_alias: Patch::Null,
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&update).unwrap(),
        serde_json::json!({"serverName": "exchange01", "exchangeAlias": null})
    );
}
