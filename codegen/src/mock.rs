//! A local stand-in for Graph that answers with the docs' own examples.
//!
//! Behind `graphdoc mock` (offline testing of apps) and the SDK's end-to-end
//! tests. Matching, in order:
//! 1. method + URL (path and query after `/v1.0` or `/beta`) equal to an example's
//!    request → that example's response (status, headers, JSON body). Paths
//!    compare case-insensitively after percent-decoding, queries as sets of
//!    decoded `key=value` pairs (order does not matter);
//! 2. method + path matching an operation's path template → an example of that operation;
//! 3. otherwise 404 with a Graph error body.
//!
//! A response's `@odata.nextLink` is pointed at the stand-in itself when an
//! example answers that URL, and dropped otherwise, so a client pages through
//! exactly the pages the docs show.
//!
//! In strict mode an example whose request carries a JSON body only matches a
//! request with an equal JSON body; a mismatch answers 400 naming the difference,
//! so tests see exactly what the client sent wrong.
//!
//! Lookups are indexed (exact requests by method and path, templates by method
//! and first path segment), so the whole reference can be served; requests are
//! served concurrently and a malformed one gets an error reply, never a crash.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use regex::Regex;
use serde_json::{json, Value};

use crate::ir::{ApiVersion, Page};

/// One example request/response pair the server can play.
#[derive(Debug, Clone)]
struct Exchange {
    method: String,
    version: Option<ApiVersion>,
    /// Lower-cased, percent-decoded path after the version prefix, e.g. `/me/events`.
    path: String,
    /// Decoded `key=value` pairs of the query, sorted; empty when none.
    query: Vec<String>,
    request_body: Option<Value>,
    status: u16,
    headers: Vec<(String, String)>,
    body: Option<Value>,
    raw_body: Option<String>,
    source: String,
}

/// An operation path template, for requests that match no example exactly.
#[derive(Debug, Clone)]
struct Template {
    version: Option<ApiVersion>,
    pattern: Regex,
    /// Index into `exchanges` of the operation's first example with a response.
    exchange: usize,
}

/// A request the server received, for tests to inspect.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    pub method: String,
    /// Path and query as received (still percent-encoded).
    pub uri: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// How many requests [`MockGraph::recorded`] keeps (the most recent), so a
/// long-running stand-in does not grow without bound.
pub const RECORD_LIMIT: usize = 10_000;

/// Everything the stand-in knows, built once from pages.
#[derive(Debug, Clone, Default)]
pub struct MockGraph {
    exchanges: Vec<Exchange>,
    /// (method, path) → indexes into `exchanges`, in page order.
    by_request: BTreeMap<(String, String), Vec<usize>>,
    templates: Vec<Template>,
    /// (method, first path segment) → indexes into `templates`; a template
    /// starting with a parameter is under the empty segment.
    by_segment: BTreeMap<(String, String), Vec<usize>>,
    /// Check JSON request bodies against the examples.
    pub strict_bodies: bool,
    recorded: Arc<Mutex<VecDeque<Recorded>>>,
}

/// A response the stand-in decided on.
#[derive(Debug, Clone, PartialEq)]
pub struct MockReply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl MockGraph {
    /// Collect every example with a response from `pages`.
    pub fn from_pages(pages: &[Page]) -> MockGraph {
        let mut graph = MockGraph::default();
        for page in pages {
            let first_of_page = graph.exchanges.len();
            for example in &page.examples {
                let (Some(req), Some(resp)) = (&example.request, &example.response) else {
                    continue;
                };
                let (version, path, query) = split_url(&req.url);
                graph.exchanges.push(Exchange {
                    method: req.method.to_ascii_uppercase(),
                    version: version.or(page.api_version),
                    path,
                    query,
                    request_body: req.body.clone(),
                    status: resp.status.unwrap_or(200),
                    headers: resp
                        .headers
                        .iter()
                        .filter(|h| !is_framing_header(&h.name))
                        .map(|h| (h.name.clone(), h.value.clone()))
                        .collect(),
                    body: resp.body.clone(),
                    raw_body: resp.raw_body.clone(),
                    source: page.source.clone(),
                });
            }
            if graph.exchanges.len() == first_of_page {
                continue;
            }
            for op in &page.operations {
                let Some(exchange) = (first_of_page..graph.exchanges.len())
                    .find(|i| graph.exchanges[*i].method.eq_ignore_ascii_case(&op.method))
                else {
                    continue;
                };
                for path in &op.paths {
                    if let Some((pattern, segment)) = template_regex(path) {
                        let method = op.method.to_ascii_uppercase();
                        graph
                            .by_segment
                            .entry((method, segment))
                            .or_default()
                            .push(graph.templates.len());
                        graph.templates.push(Template {
                            version: page.api_version,
                            pattern,
                            exchange,
                        });
                    }
                }
            }
        }
        for (i, e) in graph.exchanges.iter().enumerate() {
            graph
                .by_request
                .entry((e.method.clone(), e.path.clone()))
                .or_default()
                .push(i);
        }
        graph
    }

    /// How many examples the stand-in can play.
    pub fn example_count(&self) -> usize {
        self.exchanges.len()
    }

    /// Requests received so far, in order (at most the last [`RECORD_LIMIT`]).
    pub fn recorded(&self) -> Vec<Recorded> {
        self.recorded
            .lock()
            .map(|r| r.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// The examples answering exactly this request (method, version, path, query).
    fn exact(&self, method: &str, uri: &str) -> Vec<&Exchange> {
        let (version, path, query) = split_url(uri);
        self.by_request
            .get(&(method.to_string(), path))
            .into_iter()
            .flatten()
            .map(|&i| &self.exchanges[i])
            .filter(|e| e.query == query && versions_agree(e.version, version))
            .collect()
    }

    /// Decide the reply to one request. Pure apart from recording it.
    pub fn reply(
        &self,
        method: &str,
        uri: &str,
        headers: &[(String, String)],
        body: &[u8],
    ) -> MockReply {
        if let Ok(mut rec) = self.recorded.lock() {
            if rec.len() >= RECORD_LIMIT {
                rec.pop_front();
            }
            rec.push_back(Recorded {
                method: method.to_string(),
                uri: uri.to_string(),
                headers: headers.to_vec(),
                body: body.to_vec(),
            });
        }
        let method = method.to_ascii_uppercase();
        let origin = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("host"))
            .map(|(_, host)| format!("http://{host}"));
        let play = |e: &Exchange| self.play(e, origin.as_deref());
        let candidates = self.exact(&method, uri);
        if !candidates.is_empty() {
            if !self.strict_bodies {
                return play(candidates[0]);
            }
            let sent: Option<Value> = serde_json::from_slice(body).ok();
            if let Some(e) = candidates
                .iter()
                .find(|e| e.request_body.is_none() || e.request_body == sent)
            {
                return play(e);
            }
            let expected = candidates[0].request_body.clone().unwrap_or(Value::Null);
            return error_reply(
                400,
                "BadRequest",
                &format!(
                    "request body differs from the example in {}: expected {expected}, got {}",
                    candidates[0].source,
                    sent.map(|v| v.to_string())
                        .unwrap_or_else(|| String::from_utf8_lossy(body).into_owned())
                ),
            );
        }
        let (version, path, _) = split_url(uri);
        let segment = first_segment(&path);
        let by_template = [segment, ""]
            .iter()
            .filter_map(|s| self.by_segment.get(&(method.clone(), s.to_string())))
            .flatten()
            .map(|&i| &self.templates[i])
            .find(|t| versions_agree(t.version, version) && t.pattern.is_match(&path));
        match by_template {
            Some(t) => play(&self.exchanges[t.exchange]),
            None => error_reply(
                404,
                "ResourceNotFound",
                &format!("no example or operation in the docs matches {method} {uri}"),
            ),
        }
    }
}

/// Headers that describe the documented message's framing or connection, not
/// its content: the server sets its own (a played `Transfer-Encoding: chunked`
/// over a plain body would make the reply unreadable).
fn is_framing_header(name: &str) -> bool {
    [
        "content-length",
        "transfer-encoding",
        "connection",
        "keep-alive",
        "upgrade",
        "te",
        "trailer",
        "proxy-connection",
    ]
    .iter()
    .any(|h| name.trim().eq_ignore_ascii_case(h))
}

fn versions_agree(documented: Option<ApiVersion>, requested: Option<ApiVersion>) -> bool {
    match (documented, requested) {
        (Some(d), Some(r)) => d == r,
        _ => true,
    }
}

impl MockGraph {
    /// The example's response, its `@odata.nextLink` pointed at `origin` (the
    /// stand-in) when an example answers it, dropped otherwise.
    fn play(&self, e: &Exchange, origin: Option<&str>) -> MockReply {
        let mut headers = e.headers.clone();
        let body = match (&e.body, &e.raw_body) {
            (Some(v), _) => self.relink(v, origin).to_string().into_bytes(),
            (None, Some(raw)) => raw.clone().into_bytes(),
            (None, None) => Vec::new(),
        };
        if !body.is_empty()
            && !headers
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        {
            headers.push(("Content-Type".into(), "application/json".into()));
        }
        MockReply {
            status: e.status,
            headers,
            body,
        }
    }

    fn relink(&self, body: &Value, origin: Option<&str>) -> Value {
        let Some(link) = body.get("@odata.nextLink").and_then(Value::as_str) else {
            return body.clone();
        };
        let mut body = body.clone();
        let target = path_and_query(link);
        let answered = !self.exact("GET", target).is_empty();
        if let Value::Object(members) = &mut body {
            match origin {
                Some(origin) if answered => {
                    members.insert(
                        "@odata.nextLink".into(),
                        Value::String(format!("{origin}{target}")),
                    );
                }
                _ => {
                    members.remove("@odata.nextLink");
                }
            }
        }
        body
    }
}

/// The path and query of an absolute or relative URL.
fn path_and_query(url: &str) -> &str {
    match url.find("://") {
        Some(i) => {
            let rest = &url[i + 3..];
            rest.find('/').map(|j| &rest[j..]).unwrap_or("/")
        }
        None => url,
    }
}

/// The first segment of a normalized path (`/users/x` → `users`).
fn first_segment(path: &str) -> &str {
    path.trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default()
}

fn error_reply(status: u16, code: &str, message: &str) -> MockReply {
    let body = json!({
        "error": {
            "code": code,
            "message": message,
            "innerError": { "request-id": "00000000-0000-0000-0000-000000000000", "date": "2000-01-01T00:00:00" }
        }
    });
    MockReply {
        status,
        headers: vec![("Content-Type".into(), "application/json".into())],
        body: body.to_string().into_bytes(),
    }
}

/// Split an example or request URL into version, lower-cased decoded path and
/// the sorted decoded pairs of its query.
fn split_url(url: &str) -> (Option<ApiVersion>, String, Vec<String>) {
    let without_origin = path_and_query(url.trim());
    let (path, query) = without_origin
        .split_once('?')
        .unwrap_or((without_origin, ""));
    let path = percent_decode(path);
    let (version, path) = if let Some(rest) = strip_prefix_ci(&path, "/v1.0") {
        (Some(ApiVersion::V1_0), rest.to_string())
    } else if let Some(rest) = strip_prefix_ci(&path, "/beta") {
        (Some(ApiVersion::Beta), rest.to_string())
    } else {
        (None, path)
    };
    let path = if path.starts_with('/') {
        path
    } else {
        format!("/{path}")
    };
    let path = path.trim_end_matches('/').to_lowercase();
    let path = if path.is_empty() {
        "/".to_string()
    } else {
        path
    };
    let mut pairs: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| percent_decode(&p.replace('+', " ")))
        .collect();
    pairs.sort();
    (version, path, pairs)
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    let rest = &s[prefix.len()..];
    (head.eq_ignore_ascii_case(prefix) && (rest.is_empty() || rest.starts_with('/')))
        .then_some(rest)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        // Byte-wise so a `%` before a multi-byte character can never split it.
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((hi * 16 + lo) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A case-insensitive regex for an operation path (`{param}` matches one
/// segment) and the path's first segment when it is literal (else empty).
fn template_regex(path: &str) -> Option<(Regex, String)> {
    let path = crate::model::clean_path(path)
        .trim_end_matches('/')
        .to_lowercase();
    let first = first_segment(&path);
    let segment = if first.contains('{') {
        String::new()
    } else {
        first.to_string()
    };
    let mut pattern = String::from("^");
    let mut rest = path.as_str();
    while let Some(open) = rest.find('{') {
        let close = open + rest[open..].find('}')?;
        pattern.push_str(&regex::escape(&rest[..open]));
        pattern.push_str("[^/]+");
        rest = &rest[close + 1..];
    }
    pattern.push_str(&regex::escape(rest));
    pattern.push('$');
    Some((Regex::new(&pattern).ok()?, segment))
}

/// Serve `graph` on `listener` until the task is dropped. Serves requests concurrently;
/// a bad request gets an error reply, never a crash.
pub async fn serve(
    listener: tokio::net::TcpListener,
    graph: Arc<MockGraph>,
) -> std::io::Result<()> {
    let app = axum::Router::new().fallback(
        move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
            let graph = graph.clone();
            async move { handle(&graph, method, uri, headers, body) }
        },
    );
    axum::serve(listener, app).await
}

fn handle(
    graph: &MockGraph,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let headers: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let path_and_query = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let reply = graph.reply(method.as_str(), path_and_query, &headers, &body);
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, reply.body).into_response();
    for (name, value) in reply.headers {
        if let (Ok(n), Ok(v)) = (
            HeaderName::try_from(name.as_str()),
            HeaderValue::try_from(value.as_str()),
        ) {
            response.headers_mut().insert(n, v);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split_into_version_path_and_query() {
        assert_eq!(
            split_url("https://graph.microsoft.com/beta/deviceManagement/x/%7Bid%7D?$top=5"),
            (
                Some(ApiVersion::Beta),
                "/devicemanagement/x/{id}".into(),
                vec!["$top=5".to_string()]
            )
        );
        assert_eq!(
            split_url("/v1.0/me"),
            (Some(ApiVersion::V1_0), "/me".into(), vec![])
        );
        assert_eq!(
            split_url("/v1.0"),
            (Some(ApiVersion::V1_0), "/".into(), vec![])
        );
        assert_eq!(
            split_url("/v1.0/users?$top=5&$select=id,mail").2,
            split_url("/v1.0/users?%24select=id%2Cmail&$top=5").2
        );
        assert_eq!(split_url("/v1.0x/me").0, None);
        assert_eq!(percent_decode("%zz%41%"), "%zzA%");
        assert_eq!(percent_decode("%é%2"), "%é%2");
    }

    #[test]
    fn framing_headers_of_examples_are_not_replayed() {
        assert!(is_framing_header("Transfer-Encoding"));
        assert!(is_framing_header("content-length"));
        assert!(!is_framing_header("Content-Type"));
        assert!(!is_framing_header("Location"));
    }

    #[test]
    fn templates_match_one_segment_per_parameter() {
        let (re, segment) = template_regex("/users/{id | userPrincipalName}/photo").unwrap();
        assert_eq!(segment, "users");
        assert!(re.is_match("/users/abc/photo"));
        assert!(!re.is_match("/users/a/b/photo"));
        let (re, _) =
            template_regex("/reports/getEmailActivityCounts(period='{period_value}')").unwrap();
        assert!(re.is_match("/reports/getemailactivitycounts(period='d7')"));
        assert_eq!(template_regex("/{id}/x").unwrap().1, "");
    }
}
