//! End-to-end tests: a real HTTP server on 127.0.0.1 (axum, or raw TCP for
//! broken responses) and the real client with its reqwest transport.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method as HttpMethod, Uri};
use axum::response::Response;
use axum::Router;
use futures::{StreamExt, TryStreamExt};
use graphdoc_runtime::types::{
    Binary, Date, DateTimeOffset, Decimal, Duration as EdmDuration, Guid, TimeOfDay,
};
use graphdoc_runtime::{
    encode_odata_string, encode_path_segment, token_fn, AccessToken, Client, Collection, Error,
    HttpRequest, Method, Patch, QueryOptions, Request, ReqwestTransport, RetryPolicy, StaticToken,
    Transport,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const TOKEN: &str = "tok-SECRET-123";

/// What the server saw.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    /// Path and query exactly as sent.
    uri: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

enum Reply {
    Send(u16, Vec<(&'static str, String)>, Vec<u8>),
    /// 200 with the body streamed in chunks, without content-length.
    Stream(Vec<u8>),
    Hang,
}

fn json_reply(status: u16, body: serde_json::Value) -> Reply {
    Reply::Send(
        status,
        vec![("content-type", "application/json".into())],
        body.to_string().into_bytes(),
    )
}

struct Server {
    base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    fn client(&self) -> Client {
        self.builder().build().unwrap()
    }

    fn builder(&self) -> graphdoc_runtime::ClientBuilder {
        Client::builder()
            .token(StaticToken::new(TOKEN))
            .insecure_base_url_for_testing(&self.base)
    }
}

/// Serves `reply(request, index_of_request)` on 127.0.0.1, any free port.
async fn serve<F>(reply: F) -> Server
where
    F: Fn(&Seen, usize) -> Reply + Send + Sync + 'static,
{
    let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
    let reply = Arc::new(reply);
    let log = seen.clone();
    let app = Router::new().fallback(
        move |method: HttpMethod, uri: Uri, headers: HeaderMap, body: Bytes| {
            let log = log.clone();
            let reply = reply.clone();
            async move {
                let request = Seen {
                    method: method.to_string(),
                    uri: uri.to_string(),
                    headers: headers
                        .iter()
                        .map(|(n, v)| {
                            (
                                n.to_string(),
                                String::from_utf8_lossy(v.as_bytes()).into_owned(),
                            )
                        })
                        .collect(),
                    body: body.to_vec(),
                };
                let index = {
                    let mut log = log.lock().unwrap();
                    log.push(request.clone());
                    log.len() - 1
                };
                match reply(&request, index) {
                    Reply::Send(status, headers, body) => {
                        let mut resp = Response::builder().status(status);
                        for (n, v) in headers {
                            resp = resp.header(n, v);
                        }
                        resp.body(Body::from(body)).unwrap()
                    }
                    Reply::Stream(body) => {
                        let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
                            body.chunks(1000).map(|c| Ok(c.to_vec())).collect();
                        Response::new(Body::from_stream(futures::stream::iter(chunks)))
                    }
                    Reply::Hang => std::future::pending().await,
                }
            }
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Server { base, seen }
}

/// A raw TCP server answering every request with `response` verbatim, for
/// responses no well-behaved framework would produce.
async fn serve_raw(response: &'static [u8]) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 1024];
                while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                }
                let _ = socket.write_all(response).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    base
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Partner {
    id: String,
    display_name: String,
}

#[tokio::test]
async fn sends_bearer_token_and_json_body_and_decodes_typed_json() {
    let server = serve(|_, _| {
        json_reply(
            201,
            json!({"id": "p-1", "displayName": "Contoso", "extra": true}),
        )
    })
    .await;
    let req = Request::new(
        Method::Post,
        "/v1.0/deviceManagement/complianceManagementPartners",
    )
    .json_body(&json!({"displayName": "Contoso"}))
    .unwrap();
    let created: Partner = server.client().send_json(req).await.unwrap();
    assert_eq!(
        created,
        Partner {
            id: "p-1".into(),
            display_name: "Contoso".into()
        }
    );
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "POST");
    assert_eq!(
        seen[0].uri,
        "/v1.0/deviceManagement/complianceManagementPartners"
    );
    assert_eq!(
        seen[0].header("authorization"),
        Some("Bearer tok-SECRET-123")
    );
    assert_eq!(seen[0].header("content-type"), Some("application/json"));
    assert_eq!(seen[0].header("accept"), Some("application/json"));
    assert_eq!(seen[0].body, br#"{"displayName":"Contoso"}"#);
}

#[tokio::test]
async fn client_authorization_replaces_caller_header() {
    let server = serve(|_, _| Reply::Send(204, vec![], vec![])).await;
    let req =
        Request::new(Method::Delete, "/v1.0/users/u1").header("Authorization", "Bearer other");
    server.client().send_no_content(req).await.unwrap();
    let seen = server.seen();
    let auths: Vec<_> = seen[0]
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("authorization"))
        .collect();
    assert_eq!(auths.len(), 1);
    assert_eq!(auths[0].1, "Bearer tok-SECRET-123");
}

#[tokio::test]
async fn token_provider_is_asked_for_every_request() {
    let server = serve(|_, _| json_reply(200, json!({"n": 1}))).await;
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let client = Client::builder()
        .token(token_fn(move || {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            async move { Ok(AccessToken::new(format!("token-{n}"))) }
        }))
        .insecure_base_url_for_testing(&server.base)
        .build()
        .unwrap();
    for _ in 0..2 {
        let _: serde_json::Value = client
            .send_json(Request::new(Method::Get, "/v1.0/me"))
            .await
            .unwrap();
    }
    let seen = server.seen();
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    assert_eq!(seen[0].header("authorization"), Some("Bearer token-1"));
    assert_eq!(seen[1].header("authorization"), Some("Bearer token-2"));
}

#[tokio::test]
async fn token_provider_failure_is_auth_error_and_nothing_is_sent() {
    let server = serve(|_, _| json_reply(200, json!({}))).await;
    let client = Client::builder()
        .token(token_fn(|| async {
            Err(Error::Transport("identity endpoint down".into()))
        }))
        .insecure_base_url_for_testing(&server.base)
        .build()
        .unwrap();
    let err = client
        .send_no_content(Request::new(Method::Get, "/v1.0/me"))
        .await
        .unwrap_err();
    match &err {
        Error::Auth(m) => assert!(m.contains("identity endpoint down"), "{m}"),
        other => panic!("{other:?}"),
    }
    let bad_token = Client::builder()
        .token(StaticToken::new("abc\r\nX-Injected: 1"))
        .insecure_base_url_for_testing(&server.base)
        .build()
        .unwrap();
    let err = bad_token
        .send_no_content(Request::new(Method::Get, "/v1.0/me"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Auth(_)), "{err:?}");
    assert!(!format!("{err:?}").contains("X-Injected"));
    assert!(server.seen().is_empty());
}

#[tokio::test]
async fn graph_error_body_becomes_error_graph() {
    let server = serve(|_, _| {
        Reply::Send(
            404,
            vec![
                ("content-type", "application/json".into()),
                ("request-id", "header-rid".into()),
            ],
            json!({"error": {
                "code": "Request_ResourceNotFound",
                "message": "Resource 'abc' does not exist or one of its queried reference-property objects are not present.",
                "innerError": {
                    "date": "2024-05-01T10:20:30",
                    "request-id": "5e1c6d2a-0c2f-4b5e-9c55-7d6f1b2a3c4d",
                    "client-request-id": "9a8b7c6d-0000-1111-2222-333344445555"
                }
            }})
            .to_string()
            .into_bytes(),
        )
    })
    .await;
    let err = server
        .client()
        .send_json::<Partner>(Request::new(
            Method::Get,
            "/v1.0/deviceManagement/complianceManagementPartners/abc",
        ))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.graph_code(), Some("Request_ResourceNotFound"));
    assert!(err
        .graph_message()
        .unwrap()
        .starts_with("Resource 'abc' does not exist"));
    assert_eq!(
        err.request_id(),
        Some("5e1c6d2a-0c2f-4b5e-9c55-7d6f1b2a3c4d")
    );
    assert!(err.is_not_found());
    let Error::Graph {
        error, retry_after, ..
    } = &err
    else {
        panic!("{err:?}")
    };
    let inner = error.error.inner_error.as_ref().unwrap();
    assert_eq!(inner.date.as_deref(), Some("2024-05-01T10:20:30"));
    assert_eq!(
        inner.client_request_id.as_deref(),
        Some("9a8b7c6d-0000-1111-2222-333344445555")
    );
    assert_eq!(*retry_after, None);
    assert!(err.to_string().contains("Request_ResourceNotFound"));
}

#[tokio::test]
async fn non_graph_error_body_keeps_a_snippet() {
    let server = serve(|_, _| {
        Reply::Send(
            502,
            vec![("content-type", "text/html".into())],
            b"<html>Bad Gateway</html>".to_vec(),
        )
    })
    .await;
    let err = server
        .client()
        .send_bytes(Request::new(Method::Get, "/v1.0/me"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(502));
    assert_eq!(err.graph_code(), Some("unknown"));
    assert_eq!(err.graph_message(), Some("<html>Bad Gateway</html>"));
}

#[tokio::test]
async fn malformed_or_wrong_shape_json_is_decode_error() {
    let server = serve(|seen, _| match seen.uri.as_str() {
        "/v1.0/truncated" => Reply::Send(
            200,
            vec![("content-type", "application/json".into())],
            br#"{"id": "p-1", "displayName": "#.to_vec(),
        ),
        "/v1.0/html" => Reply::Send(
            200,
            vec![("content-type", "text/html".into())],
            b"<html></html>".to_vec(),
        ),
        _ => json_reply(200, json!({"id": 5, "displayName": "x"})),
    })
    .await;
    let client = server.client();
    for path in ["/v1.0/truncated", "/v1.0/html", "/v1.0/shape"] {
        match client
            .send_json::<Partner>(Request::new(Method::Get, path))
            .await
        {
            Err(Error::Decode {
                status,
                message,
                body_snippet,
            }) => {
                assert_eq!(status, 200);
                assert!(!message.is_empty());
                assert!(!body_snippet.is_empty(), "{path}");
            }
            other => panic!("{path}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn no_content_and_empty_bodies() {
    let server = serve(|seen, _| match seen.method.as_str() {
        "DELETE" => Reply::Send(204, vec![], vec![]),
        _ => Reply::Send(
            200,
            vec![("content-type", "application/octet-stream".into())],
            vec![0, 159, 146, 150],
        ),
    })
    .await;
    let client = server.client();
    client
        .send_no_content(Request::new(Method::Delete, "/v1.0/users/u1"))
        .await
        .unwrap();
    let none: Option<Partner> = client
        .send_json(Request::new(Method::Delete, "/v1.0/users/u1"))
        .await
        .unwrap();
    assert_eq!(none, None);
    let bytes = client
        .send_bytes(Request::new(Method::Get, "/v1.0/me/photo/$value"))
        .await
        .unwrap();
    assert_eq!(&bytes[..], [0, 159, 146, 150]);
    assert_eq!(server.seen()[2].uri, "/v1.0/me/photo/$value");
}

#[tokio::test]
async fn patch_body_omits_absent_and_sends_null() {
    #[derive(Serialize, Default)]
    #[serde(rename_all = "camelCase")]
    struct PartnerUpdate {
        #[serde(default, skip_serializing_if = "Patch::is_absent")]
        display_name: Patch<String>,
        #[serde(default, skip_serializing_if = "Patch::is_absent")]
        description: Patch<String>,
        #[serde(default, skip_serializing_if = "Patch::is_absent")]
        max_devices: Patch<i32>,
    }
    let server = serve(|_, _| Reply::Send(204, vec![], vec![])).await;
    let update = PartnerUpdate {
        display_name: "New name".to_string().into(),
        description: None.into(),
        ..Default::default()
    };
    let req = Request::new(
        Method::Patch,
        "/v1.0/deviceManagement/complianceManagementPartners/p1",
    )
    .json_body(&update)
    .unwrap();
    server.client().send_no_content(req).await.unwrap();
    assert_eq!(server.seen()[0].method, "PATCH");
    assert_eq!(
        server.seen()[0].body,
        br#"{"displayName":"New name","description":null}"#
    );
}

fn page(server_base: &str, n: usize) -> serde_json::Value {
    let items: Vec<_> = (0..2)
        .map(|i| json!({"id": format!("item-{n}-{i}"), "displayName": format!("Item {n}.{i}")}))
        .collect();
    let mut page = json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
        "value": items,
    });
    if n < 3 {
        page["@odata.nextLink"] = json!(format!(
            "{server_base}/v1.0/users?$top=2&$skiptoken=page{}",
            n + 1
        ));
    } else {
        page["@odata.deltaLink"] = json!(format!("{server_base}/v1.0/users/delta?$deltatoken=xyz"));
        page["@odata.count"] = json!(6);
    }
    page
}

async fn three_page_server() -> Server {
    let base = Arc::new(Mutex::new(String::new()));
    let b = base.clone();
    let server = serve(move |seen, _| {
        let base = b.lock().unwrap().clone();
        let n = if seen.uri.contains("skiptoken=page3") {
            3
        } else if seen.uri.contains("skiptoken=page2") {
            2
        } else {
            1
        };
        json_reply(200, page(&base, n))
    })
    .await;
    *base.lock().unwrap() = server.base.clone();
    server
}

#[tokio::test]
async fn pager_streams_items_across_three_pages() {
    let server = three_page_server().await;
    let req = Request::new(Method::Get, "/v1.0/users")
        .query_options(&QueryOptions::new().top(2).search("\"displayName:item\""));
    let mut pager = server.client().paged::<Partner>(req);
    let mut ids = Vec::new();
    while let Some(item) = pager.next().await {
        ids.push(item.unwrap().id);
    }
    assert_eq!(
        ids,
        ["item-1-0", "item-1-1", "item-2-0", "item-2-1", "item-3-0", "item-3-1"]
    );
    assert!(pager.is_finished());
    assert!(pager
        .delta_link()
        .unwrap()
        .ends_with("/v1.0/users/delta?$deltatoken=xyz"));
    assert_eq!(pager.odata_count(), Some(6));
    let seen = server.seen();
    assert_eq!(seen.len(), 3);
    assert_eq!(
        seen[0].uri,
        "/v1.0/users?$search=%22displayName:item%22&$top=2"
    );
    assert_eq!(seen[1].uri, "/v1.0/users?$top=2&$skiptoken=page2");
    assert_eq!(seen[2].uri, "/v1.0/users?$top=2&$skiptoken=page3");
    for s in &seen {
        assert_eq!(s.header("authorization"), Some("Bearer tok-SECRET-123"));
        assert_eq!(s.header("consistencylevel"), Some("eventual"), "{}", s.uri);
    }
}

#[tokio::test]
async fn pager_collect_all_and_next_page() {
    let server = three_page_server().await;
    let client = server.client();
    let all = client
        .paged::<Partner>(Request::new(Method::Get, "/v1.0/users"))
        .collect_all()
        .await
        .unwrap();
    assert_eq!(all.len(), 6);
    assert_eq!(all[5].display_name, "Item 3.1");

    let via_try_collect: Vec<Partner> = client
        .paged(Request::new(Method::Get, "/v1.0/users"))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(via_try_collect, all);

    let mut pager = client.paged::<Partner>(Request::new(Method::Get, "/v1.0/users"));
    let first: Collection<Partner> = pager.next_page().await.unwrap().unwrap();
    assert_eq!(first.value.len(), 2);
    assert_eq!(
        first.context.as_deref(),
        Some("https://graph.microsoft.com/v1.0/$metadata#users")
    );
    assert!(first.next_link.unwrap().ends_with("$skiptoken=page2"));
    // Take one item through the stream, then the rest of that page as a page.
    assert_eq!(pager.next().await.unwrap().unwrap().id, "item-2-0");
    let rest = pager.next_page().await.unwrap().unwrap();
    assert_eq!(
        rest.value.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["item-2-1"]
    );
    let last = pager.next_page().await.unwrap().unwrap();
    assert_eq!(last.count, Some(6));
    assert!(last.next_link.is_none());
    assert!(pager.next_page().await.is_none());
    assert!(pager.next().await.is_none());
}

#[tokio::test]
async fn pager_refuses_next_link_to_another_origin() {
    let other = serve(|_, _| {
        json_reply(
            200,
            json!({"value": [{"id": "stolen", "displayName": "x"}]}),
        )
    })
    .await;
    let foreign = format!("{}/v1.0/users?$skiptoken=2", other.base);
    let server = serve(move |_, _| {
        json_reply(
            200,
            json!({"value": [{"id": "a", "displayName": "A"}], "@odata.nextLink": foreign}),
        )
    })
    .await;
    let mut pager = server
        .client()
        .paged::<Partner>(Request::new(Method::Get, "/v1.0/users"));
    assert_eq!(pager.next().await.unwrap().unwrap().id, "a");
    match pager.next().await {
        Some(Err(Error::InvalidRequest(m))) => assert!(m.contains("nextLink"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert!(pager.next().await.is_none());
    assert!(other.seen().is_empty(), "the token went to another host");

    let err = server
        .client()
        .paged::<Partner>(Request::new(Method::Get, "/v1.0/users"))
        .collect_all()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)));
    assert!(other.seen().is_empty());
}

#[tokio::test]
async fn pager_stops_on_a_next_link_loop() {
    let link = Arc::new(Mutex::new(String::new()));
    let l = link.clone();
    let server = serve(move |_, _| {
        json_reply(
            200,
            json!({"value": [], "@odata.nextLink": l.lock().unwrap().clone()}),
        )
    })
    .await;
    *link.lock().unwrap() = format!("{}/v1.0/users?$skiptoken=same", server.base);
    let err = server
        .client()
        .paged::<Partner>(Request::new(Method::Get, "/v1.0/users"))
        .collect_all()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test]
async fn retries_429_after_retry_after_then_succeeds() {
    let server = serve(|_, i| {
        if i == 0 {
            Reply::Send(
                429,
                vec![("retry-after", "0".into())],
                br#"{"error":{"code":"TooManyRequests","message":"slow down"}}"#.to_vec(),
            )
        } else {
            json_reply(200, json!({"id": "p", "displayName": "P"}))
        }
    })
    .await;
    let got: Partner = server
        .client()
        .send_json(Request::new(Method::Get, "/v1.0/me"))
        .await
        .unwrap();
    assert_eq!(got.id, "p");
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(
        seen[1].header("authorization"),
        Some("Bearer tok-SECRET-123")
    );
}

#[tokio::test]
async fn put_with_body_is_retried_with_the_same_body() {
    let server = serve(|_, i| {
        if i == 0 {
            Reply::Send(503, vec![("retry-after", "0".into())], vec![])
        } else {
            Reply::Send(204, vec![], vec![])
        }
    })
    .await;
    let req = Request::new(Method::Put, "/v1.0/me/photo/$value").body(vec![1, 2, 3], "image/jpeg");
    server.client().send_no_content(req).await.unwrap();
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[1].body, [1, 2, 3]);
    assert_eq!(seen[1].header("content-type"), Some("image/jpeg"));
}

#[tokio::test]
async fn retries_503_until_exhausted() {
    let server = serve(|_, _| {
        Reply::Send(
            503,
            vec![("retry-after", "0".into())],
            br#"{"error":{"code":"serviceNotAvailable","message":"later"}}"#.to_vec(),
        )
    })
    .await;
    let client = server
        .builder()
        .retry(RetryPolicy::default().with_max_retries(2))
        .build()
        .unwrap();
    let err = client
        .send_no_content(Request::new(Method::Get, "/v1.0/me"))
        .await
        .unwrap_err();
    assert_eq!(server.seen().len(), 3);
    assert_eq!(err.status(), Some(503));
    assert_eq!(err.graph_code(), Some("serviceNotAvailable"));
    assert_eq!(err.retry_after(), Some(Duration::ZERO));
    assert!(err.is_throttled());
}

#[tokio::test]
async fn post_is_not_retried_unless_allowed() {
    let server = serve(|_, i| {
        if i == 0 {
            Reply::Send(429, vec![("retry-after", "0".into())], vec![])
        } else {
            Reply::Send(204, vec![], vec![])
        }
    })
    .await;
    let req = || Request::new(Method::Post, "/v1.0/me/sendMail");
    let err = server.client().send_no_content(req()).await.unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert_eq!(server.seen().len(), 1);

    let server = serve(|_, i| {
        if i == 0 {
            Reply::Send(429, vec![("retry-after", "0".into())], vec![])
        } else {
            Reply::Send(204, vec![], vec![])
        }
    })
    .await;
    let client = server
        .builder()
        .retry(RetryPolicy::default().with_retry_non_idempotent(true))
        .build()
        .unwrap();
    client.send_no_content(req()).await.unwrap();
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test]
async fn retry_after_longer_than_max_delay_returns_at_once() {
    let server = serve(|_, _| Reply::Send(429, vec![("retry-after", "3600".into())], vec![])).await;
    let err = server
        .client()
        .send_no_content(Request::new(Method::Get, "/v1.0/me"))
        .await
        .unwrap_err();
    assert_eq!(server.seen().len(), 1);
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3600)));
}

#[tokio::test]
async fn slow_server_times_out() {
    let server = serve(|_, _| Reply::Hang).await;
    let client = server
        .builder()
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let err = client
        .send_no_content(Request::new(Method::Get, "/v1.0/me"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout), "{err:?}");
    assert!(err.is_timeout());
}

#[tokio::test]
async fn path_parameters_cannot_change_the_path() {
    let server = serve(|_, _| Reply::Send(204, vec![], vec![])).await;
    let client = server.client();
    let id = "../../admin/x?y=1#frag 100% é/中";
    let path = format!(
        "/v1.0/users/{}/reports/getReport(period='{}')",
        encode_path_segment(id),
        encode_odata_string("it's")
    );
    client
        .send_no_content(Request::new(Method::Get, path))
        .await
        .unwrap();
    let seen = server.seen();
    assert_eq!(
        seen[0].uri,
        "/v1.0/users/..%2F..%2Fadmin%2Fx%3Fy%3D1%23frag%20100%25%20%C3%A9%2F%E4%B8%AD/reports/getReport(period='it%27%27s')"
    );
    // Values a URL parser would collapse are refused before sending.
    for bad in ["..", ".", ""] {
        let path = format!("/v1.0/users/{}/manager", encode_path_segment(bad));
        let err = client
            .send_no_content(Request::new(Method::Get, path))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)), "{bad:?}: {err:?}");
    }
    assert_eq!(server.seen().len(), 1);
}

fn decode_query(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap();
            let dec = |s: &str| {
                percent_encoding::percent_decode_str(s)
                    .decode_utf8()
                    .unwrap()
                    .into_owned()
            };
            (dec(k), dec(v))
        })
        .collect()
}

#[tokio::test]
async fn query_values_are_encoded_and_search_sets_consistency_level() {
    let server = serve(|_, _| json_reply(200, json!({"value": []}))).await;
    let filter = "startswith(displayName,'A&B=C') and mail eq 'a+b@x.com' #1";
    let opts = QueryOptions::new()
        .select(["id", "displayName"])
        .filter(filter)
        .orderby(["displayName desc"])
        .expand(["manager"])
        .top(5)
        .skip(10)
        .count(true)
        .search("\"displayName:Ann\"")
        .param("$skiptoken", "X'4453'&y");
    let req = Request::new(Method::Get, "/v1.0/users")
        .query_options(&opts)
        .query("custom key", "v&v");
    let _: Collection<Partner> = server.client().send_json(req).await.unwrap();
    let seen = &server.seen()[0];
    assert_eq!(seen.header("consistencylevel"), Some("eventual"));
    let (path, query) = seen.uri.split_once('?').unwrap();
    assert_eq!(path, "/v1.0/users");
    assert_eq!(
        decode_query(query),
        [
            ("$select", "id,displayName"),
            ("$expand", "manager"),
            ("$orderby", "displayName desc"),
            ("$filter", filter),
            ("$search", "\"displayName:Ann\""),
            ("$top", "5"),
            ("$skip", "10"),
            ("$count", "true"),
            ("$skiptoken", "X'4453'&y"),
            ("custom key", "v&v"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
    assert!(
        query.starts_with("$select=id,displayName&$expand=manager&"),
        "{query}"
    );

    let plain = Request::new(Method::Get, "/v1.0/users").query_options(&QueryOptions::new().top(1));
    let _: Collection<Partner> = server.client().send_json(plain).await.unwrap();
    assert_eq!(server.seen()[1].header("consistencylevel"), None);
}

#[tokio::test]
async fn base_url_must_be_https_unless_explicitly_insecure() {
    let err = Client::builder()
        .token(StaticToken::new(TOKEN))
        .base_url("http://127.0.0.1:1")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    let ok = Client::builder()
        .token(StaticToken::new(TOKEN))
        .base_url("https://graph.microsoft.us")
        .build()
        .unwrap();
    assert_eq!(ok.base_url(), "https://graph.microsoft.us");
}

#[tokio::test]
async fn token_never_shows_in_debug_or_errors() {
    // A server that echoes the Authorization header back in its error.
    let server = serve(|seen, _| {
        let auth = seen.header("authorization").unwrap_or("").to_owned();
        Reply::Send(
            401,
            vec![("content-type", "application/json".into())],
            json!({"error": {"code": "InvalidAuthenticationToken", "message": format!("bad: {auth}"), "details": [{"echo": auth}]}})
                .to_string()
                .into_bytes(),
        )
    })
    .await;
    let client = server.client();
    let err = client
        .send_no_content(Request::new(Method::Get, "/v1.0/me"))
        .await
        .unwrap_err();
    assert_eq!(err.graph_code(), Some("InvalidAuthenticationToken"));
    assert_eq!(err.graph_message(), Some("bad: Bearer ***"));

    let req =
        Request::new(Method::Get, "/v1.0/me").header("Authorization", format!("Bearer {TOKEN}"));
    let http = HttpRequest {
        method: Method::Get,
        url: format!("{}/v1.0/me", server.base),
        headers: vec![("authorization".into(), format!("Bearer {TOKEN}"))],
        body: None,
    };
    let builder = server.builder();
    for shown in [
        format!("{client:?}"),
        format!("{builder:?}"),
        format!("{:?} {}", AccessToken::new(TOKEN), AccessToken::new(TOKEN)),
        format!("{:?}", StaticToken::new(TOKEN)),
        format!("{req:?}"),
        format!("{http:?}"),
        format!("{err:?}"),
        err.to_string(),
    ] {
        assert!(!shown.contains("SECRET"), "token leaked: {shown}");
    }
}

#[tokio::test]
async fn truncated_response_is_transport_error() {
    let base = serve_raw(
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"id\":",
    )
    .await;
    let client = Client::builder()
        .token(StaticToken::new(TOKEN))
        .insecure_base_url_for_testing(&base)
        .build()
        .unwrap();
    let err = client
        .send_json::<Partner>(Request::new(Method::Get, "/v1.0/me"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
}

#[tokio::test]
async fn odd_headers_do_not_break_the_client() {
    let base = serve_raw(
        b"HTTP/1.1 429 Too Many Requests\r\nretry-after: whenever\r\nx-odd: caf\xe9\r\ncontent-length: 2\r\nconnection: close\r\n\r\nno",
    )
    .await;
    let client = Client::builder()
        .token(StaticToken::new(TOKEN))
        .insecure_base_url_for_testing(&base)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let err = client
        .send_no_content(Request::new(Method::Get, "/v1.0/me"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert_eq!(err.retry_after(), None);
    assert_eq!(err.graph_message(), Some("no"));
}

#[tokio::test]
async fn oversized_body_is_refused() {
    let server = serve(|seen, _| {
        let body = vec![b'x'; 10_000];
        if seen.uri.contains("chunked") {
            // No content-length: the limit applies while streaming.
            Reply::Stream(body)
        } else {
            Reply::Send(200, vec![], body)
        }
    })
    .await;
    let transport = ReqwestTransport::new().with_max_response_bytes(1024);
    let client = server
        .builder()
        .transport(Arc::new(transport))
        .build()
        .unwrap();
    for path in ["/v1.0/big", "/v1.0/chunked"] {
        let err = client
            .send_bytes(Request::new(Method::Get, path))
            .await
            .unwrap_err();
        match err {
            Error::Transport(m) => assert!(m.contains("limit"), "{m}"),
            other => panic!("{path}: {other:?}"),
        }
    }
    // Control: the same bodies pass under a higher limit.
    let roomy = ReqwestTransport::new().with_max_response_bytes(20_000);
    let client = server.builder().transport(Arc::new(roomy)).build().unwrap();
    for path in ["/v1.0/big", "/v1.0/chunked"] {
        let body = client
            .send_bytes(Request::new(Method::Get, path))
            .await
            .unwrap();
        assert_eq!(body.len(), 10_000);
    }
}

#[tokio::test]
async fn connection_refused_is_transport_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = Client::builder()
        .token(StaticToken::new(TOKEN))
        .insecure_base_url_for_testing(&base)
        .build()
        .unwrap();
    let err = client
        .send_no_content(Request::new(Method::Get, "/v1.0/me"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert!(!format!("{err:?}").contains("SECRET"));
}

/// A transport of our own, to check the client hands it a complete request.
#[derive(Debug, Default)]
struct Capture(Mutex<Vec<HttpRequest>>);

impl Transport for Capture {
    fn send(
        &self,
        req: HttpRequest,
    ) -> futures::future::BoxFuture<'_, Result<graphdoc_runtime::HttpResponse, Error>> {
        self.0.lock().unwrap().push(req);
        Box::pin(async {
            Ok(graphdoc_runtime::HttpResponse {
                status: 200,
                headers: vec![("Content-Type".into(), "application/json".into())],
                body: bytes::Bytes::from_static(br#"{"id":"c","displayName":"C"}"#),
            })
        })
    }
}

#[tokio::test]
async fn custom_transport_receives_the_full_request() {
    let capture = Arc::new(Capture::default());
    let client = Client::builder()
        .token(StaticToken::new(TOKEN))
        .transport(capture.clone())
        .build()
        .unwrap();
    let got: Partner = client
        .send_json(Request::new(Method::Get, "/beta/me").query("$select", "id"))
        .await
        .unwrap();
    assert_eq!(got.id, "c");
    let sent = capture.0.lock().unwrap();
    assert_eq!(
        sent[0].url,
        "https://graph.microsoft.com/beta/me?$select=id"
    );
    assert_eq!(
        sent[0].header("Authorization"),
        Some("Bearer tok-SECRET-123")
    );
}

#[tokio::test]
async fn graph_primitives_survive_a_round_trip_through_the_client() {
    #[derive(Debug, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Entity {
        created_date_time: DateTimeOffset,
        last_modified_date_time: DateTimeOffset,
        birthday: Date,
        start_time: TimeOfDay,
        timeout: EdmDuration,
        id: Guid,
        thumbprint: Binary,
        amount: Decimal,
    }
    let doc = json!({
        "createdDateTime": "2016-12-31T23:59:37.9174975-08:00",
        "lastModifiedDateTime": "2020-11-03T12:43:14Z",
        "birthday": "2021-07-16",
        "startTime": "13:45:00.0000000",
        "timeout": "PT1H",
        "id": "0c1b8a1e-5f7d-4a3c-9c1e-2f8d6b7a9e10",
        "thumbprint": "SGVsbG8gV29ybGQ=",
        "amount": 12.5
    });
    let text = doc.to_string();
    let server = serve(move |_, _| {
        Reply::Send(
            200,
            vec![("content-type", "application/json".into())],
            text.clone().into_bytes(),
        )
    })
    .await;
    let entity: Entity = server
        .client()
        .send_json(Request::new(Method::Get, "/v1.0/x"))
        .await
        .unwrap();
    assert_eq!(serde_json::to_value(&entity).unwrap(), doc);
    assert_eq!(entity.timeout.to_std(), Some(Duration::from_secs(3600)));
    assert_eq!(entity.thumbprint.as_bytes(), b"Hello World");
}

#[test]
fn futures_and_pager_are_send() {
    fn send<T: Send>(_: &T) {}
    fn unpin<T: Unpin>(_: &T) {}
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let _guard = rt.enter();
    let client = Client::new(StaticToken::new(TOKEN));
    send(&client.send_json::<Partner>(Request::new(Method::Get, "/v1.0/me")));
    send(&client.send_no_content(Request::new(Method::Get, "/v1.0/me")));
    send(&client.send_bytes(Request::new(Method::Get, "/v1.0/me")));
    let mut pager = client.paged::<Partner>(Request::new(Method::Get, "/v1.0/users"));
    send(&pager);
    unpin(&pager);
    send(&pager.next_page());
    let clone = client.clone();
    send(&clone);
}
