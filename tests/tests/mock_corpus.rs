//! The local Graph stand-in (`graphdoc mock`) over the whole 2021-07
//! reference: it plays every example back, serves many requests at once, and
//! survives garbage (malformed HTTP, huge and odd URLs, bad JSON), answering
//! each with an error and the next good request normally.
//!
//! Skipped without the corpus; about half a minute.

mod roundtrip_support;

use std::sync::Arc;
use std::time::Duration;

use graphdoc::mock::MockGraph;
use graphdoc_runtime::{HttpRequest, HttpResponse, Method, ReqwestTransport, Transport};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// One example to play: the request as documented and the documented answer.
struct Played {
    method: Method,
    url: String,
    body: Option<Value>,
    status: u16,
    response: Option<Value>,
    source: String,
}

fn method(name: &str) -> Option<Method> {
    Some(match name.to_ascii_uppercase().as_str() {
        "GET" => Method::Get,
        "POST" => Method::Post,
        "PATCH" => Method::Patch,
        "PUT" => Method::Put,
        "DELETE" => Method::Delete,
        _ => return None,
    })
}

/// The path and query of an example URL (absolute or relative).
fn path_and_query(url: &str) -> String {
    let url = url.trim();
    let rest = match url.find("://") {
        Some(i) => url[i + 3..]
            .find('/')
            .map(|j| &url[i + 3 + j..])
            .unwrap_or("/"),
        None => url,
    };
    if rest.starts_with('/') {
        rest.to_string()
    } else {
        format!("/{rest}")
    }
}

/// At most 80 characters of `text`, for messages about huge requests.
fn clip(text: &str) -> String {
    if text.chars().count() > 80 {
        let head: String = text.chars().take(80).collect();
        format!("{head}… ({} bytes)", text.len())
    } else {
        text.to_string()
    }
}

async fn start(graph: MockGraph) -> (String, Arc<MockGraph>) {
    let graph = Arc::new(graph);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(graphdoc::mock::serve(listener, graph.clone()));
    (origin, graph)
}

async fn send(transport: &ReqwestTransport, request: HttpRequest) -> Result<HttpResponse, String> {
    let url = clip(&request.url);
    match tokio::time::timeout(Duration::from_secs(30), transport.send(request)).await {
        Err(_) => Err(format!("{url}: no answer within 30 s")),
        Ok(Err(e)) => Err(format!("{url}: {}", clip(&e.to_string()))),
        Ok(Ok(response)) => Ok(response),
    }
}

/// Writes `bytes` on a fresh connection and reads until the server closes it.
/// `close_write`: also half-close, for requests the server would otherwise
/// wait on (a body shorter than announced).
async fn raw(addr: &str, bytes: &[u8], close_write: bool) -> Result<Vec<u8>, String> {
    let mut stream = tokio::net::TcpStream::connect(addr)
        .await
        .map_err(|e| e.to_string())?;
    // The server may close before reading everything it was sent: fine.
    let _ = stream.write_all(bytes).await;
    if close_write {
        let _ = stream.shutdown().await;
    }
    let mut answer = Vec::new();
    match tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer)).await {
        Err(_) => Err("no answer within 10 s".into()),
        // A reset after an error reply is fine; what was read is what counts.
        Ok(_) => Ok(answer),
    }
}

/// The status code of a raw answer, 0 when there is none.
fn status_of(answer: &[u8]) -> u16 {
    String::from_utf8_lossy(answer)
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_example_is_played_back_under_concurrent_load() {
    let Some(docs) = roundtrip_support::corpus_2021() else {
        return;
    };
    let pages = graphdoc::read::read_paths(&[docs]);
    // The first example of each (method, URL) wins, as in the stand-in.
    let mut seen = std::collections::BTreeSet::new();
    let mut played = Vec::new();
    for page in &pages {
        for example in &page.examples {
            let (Some(req), Some(resp)) = (&example.request, &example.response) else {
                continue;
            };
            let Some(m) = method(&req.method) else {
                continue;
            };
            let url = path_and_query(&req.url);
            // Only URLs an HTTP client can send as written; the rest are prose.
            if url.contains(char::is_whitespace) || !url.is_ascii() || url.contains('#') {
                continue;
            }
            if !seen.insert((m.as_str(), url.to_ascii_lowercase())) {
                continue;
            }
            played.push(Played {
                method: m,
                url,
                body: req.body.clone(),
                status: resp.status.unwrap_or(200),
                response: resp.body.clone(),
                source: format!("{}:{}", page.source, req.line),
            });
        }
    }
    assert!(
        played.len() > 1500,
        "only {} playable examples",
        played.len()
    );

    let (origin, graph) = start(MockGraph::from_pages(&pages)).await;
    let addr = origin.trim_start_matches("http://").to_string();
    // Redirects (302 to file and report downloads) are checked on the wire:
    // an HTTP client would follow them off to the internet.
    let (redirects, played): (Vec<Played>, Vec<Played>) = played
        .into_iter()
        .partition(|p| (300..400).contains(&p.status));
    for example in &redirects {
        let request = format!(
            "{} {} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n",
            example.method,
            example.url.replace('{', "%7B").replace('}', "%7D")
        );
        let answer = raw(&addr, request.as_bytes(), false).await.unwrap();
        assert_eq!(status_of(&answer), example.status, "{}", example.source);
    }

    let transport = Arc::new(ReqwestTransport::new());
    let limit = Arc::new(Semaphore::new(64));
    let mut tasks = JoinSet::new();
    let started = std::time::Instant::now();
    for (i, example) in played.iter().enumerate() {
        let request = HttpRequest {
            method: example.method,
            url: format!("{origin}{}", example.url),
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: example.body.as_ref().map(|b| b.to_string().into_bytes()),
        };
        let transport = transport.clone();
        let permit = limit.clone().acquire_owned().await.unwrap();
        tasks.spawn(async move {
            let response = send(&transport, request).await;
            drop(permit);
            (i, response)
        });
    }
    // The stand-in points `@odata.nextLink` at itself or drops it.
    let strip = |v: Option<Value>| {
        v.map(|mut v| {
            if let Value::Object(m) = &mut v {
                m.remove("@odata.nextLink");
            }
            v
        })
    };
    let mut failures = Vec::new();
    let mut mismatches = Vec::new();
    let mut answered = 0;
    while let Some(joined) = tasks.join_next().await {
        let (i, response) = joined.unwrap();
        let example = &played[i];
        let response = match response {
            Ok(response) => response,
            Err(e) => {
                failures.push(format!("{}: {e}", example.source));
                continue;
            }
        };
        answered += 1;
        let body: Option<Value> = serde_json::from_slice(&response.body).ok();
        // A status below 100 cannot be sent: the stand-in answers 500 instead.
        let status_ok =
            response.status == example.status || (example.status < 100 && response.status == 500);
        // HTTP forbids a body with 204/205/304 (some examples show one anyway).
        let bodiless = matches!(example.status, 204 | 205 | 304);
        let body_ok = bodiless
            || example.response.is_none()
            || strip(body) == strip(example.response.clone());
        if !status_ok || !body_ok {
            mismatches.push(format!(
                "{} {} {}: got {}, documented {}",
                example.source,
                example.method,
                clip(&example.url),
                response.status,
                example.status
            ));
        }
    }
    println!(
        "{answered} examples played back in {:.1?} (64 at a time), {} answered differently, and {} redirects; {} requests recorded",
        started.elapsed(),
        mismatches.len(),
        redirects.len(),
        graph.recorded().len()
    );
    assert!(
        failures.is_empty(),
        "requests the stand-in did not answer:\n{}",
        failures.join("\n")
    );
    // URLs that differ as written but not after normalization (case, encoding,
    // query order) share the first example's answer: a handful, never more than 1 %.
    assert!(
        mismatches.len() * 100 <= played.len(),
        "{} of {} examples answered differently:\n{}",
        mismatches.len(),
        played.len(),
        mismatches.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_gets_errors_and_the_server_keeps_serving() {
    let Some(docs) = roundtrip_support::corpus_2021() else {
        return;
    };
    let mut graph = MockGraph::from_pages(&graphdoc::read::read_paths(&[docs]));
    graph.strict_bodies = true;
    let (origin, _graph) = start(graph).await;
    let addr = origin.trim_start_matches("http://").to_string();
    let transport = ReqwestTransport::new();

    // Bytes that are not HTTP, or HTTP no server should accept: never a success.
    // `Connection: close` so the server ends the exchange after its answer.
    let huge_path = format!("/v1.0/users/{}", "a".repeat(200_000));
    let malformed: Vec<(Vec<u8>, bool)> = vec![
        (b"GARBAGE\r\n\r\n".to_vec(), false),
        (b"\x00\x01\x02\xff\xfe\r\n\r\n".to_vec(), false),
        (b"GET /v1.0/users/%FF%FE%zz%/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), false),
        (format!("GET {huge_path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").into_bytes(), false),
        (b"POST /v1.0/me/sendMail HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n{".to_vec(), false),
        // Shorter than announced: only the end of the connection ends it.
        (b"POST /v1.0/me/sendMail HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{\"a\"".to_vec(), true),
        (b"BREW /v1.0/coffee HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), false),
        (b"GET /v1.0/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), false),
    ];
    for (bytes, close_write) in &malformed {
        let shown = clip(&String::from_utf8_lossy(bytes));
        let answer = raw(&addr, bytes, *close_write)
            .await
            .unwrap_or_else(|e| panic!("{shown}: {e}"));
        let status = status_of(&answer);
        assert!(
            !(200..300).contains(&status),
            "{shown} was answered as a success: {}",
            clip(&String::from_utf8_lossy(&answer))
        );
    }
    // Odd but legal HTTP: answered.
    let odd_but_legal: Vec<Vec<u8>> = vec![
        b"GET /v1.0/me HTTP/1.0\r\n\r\n".to_vec(),
        b"GET http://evil.example/v1.0/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            .to_vec(),
        format!(
            "GET /v1.0/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: {}\r\n\r\n",
            "b".repeat(100_000)
        )
        .into_bytes(),
    ];
    for bytes in &odd_but_legal {
        let shown = clip(&String::from_utf8_lossy(bytes));
        let answer = raw(&addr, bytes, false)
            .await
            .unwrap_or_else(|e| panic!("{shown}: {e}"));
        assert_ne!(status_of(&answer), 0, "{shown}: no answer");
    }

    // Well-formed HTTP, odd content: always answered. Paths no operation has
    // get a Graph error; any error the stand-in sends is a Graph error body.
    let odd: Vec<(Method, String, Option<Vec<u8>>, bool)> = vec![
        (Method::Get, "/v1.0/no/such/thing".into(), None, true),
        (Method::Get, "/".into(), None, true),
        (
            Method::Get,
            "/v1.0/users/%25%00%2F..%2F/x/y/z?$filter='".into(),
            None,
            true,
        ),
        (
            Method::Delete,
            format!("/v1.0/{}", "segment/".repeat(5_000)),
            None,
            true,
        ),
        // A huge query on a real list path: the operation's example answers.
        (
            Method::Get,
            format!("/v1.0/users?$select={}", "x,".repeat(20_000)),
            None,
            false,
        ),
        (
            Method::Get,
            "/v1.0/me/events?$top=-1&&&==&".into(),
            None,
            false,
        ),
        // Bad JSON: an example without a JSON body may still answer.
        (
            Method::Post,
            "/v1.0/me/sendMail".into(),
            Some(b"{not json".to_vec()),
            false,
        ),
        (
            Method::Patch,
            "/v1.0/me".into(),
            Some(vec![0xff, 0xfe, 0x00]),
            false,
        ),
    ];
    for (m, path, body, error) in odd {
        // `error`: no operation has this path, so only an error will do.
        let shown = clip(&path);
        let response = send(
            &transport,
            HttpRequest {
                method: m,
                url: format!("{origin}{path}"),
                headers: vec![("Content-Type".into(), "application/json".into())],
                body,
            },
        )
        .await
        .unwrap_or_else(|e| panic!("{m} {shown}: {e}"));
        if error {
            assert!(response.status >= 400, "{m} {shown}: {}", response.status);
        }
        if response.status >= 400 {
            let body: Value = serde_json::from_slice(&response.body)
                .unwrap_or_else(|e| panic!("{m} {shown}: error body is not JSON ({e})"));
            assert!(
                body["error"]["code"].is_string(),
                "{m} {shown}: {}",
                clip(&body.to_string())
            );
        }
    }

    // Still serving.
    let response = send(
        &transport,
        HttpRequest {
            method: Method::Get,
            url: format!("{origin}/v1.0/no/such/thing"),
            headers: vec![],
            body: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(response.status, 404);
}
