//! The HTTP layer under the client, swappable for proxies, tests or other
//! HTTP stacks. The default is [`ReqwestTransport`] (reqwest + rustls).

use std::fmt;

use bytes::{Bytes, BytesMut};
use futures::future::BoxFuture;
use futures::FutureExt;

use crate::error::Error;
use crate::request::{Method, RedactedHeaders};

/// Sends one fully prepared HTTP request. Retries, auth and timeouts are the
/// client's job; a transport only moves bytes.
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `req` and reads the whole response.
    fn send(&self, req: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, Error>>;
}

/// A request ready for the wire: absolute URL, all headers (including
/// `Authorization`), body. `Debug` hides credential headers.
#[derive(Clone)]
pub struct HttpRequest {
    /// HTTP method.
    pub method: Method,
    /// Absolute URL, already encoded.
    pub url: String,
    /// Header name/value pairs.
    pub headers: Vec<(String, String)>,
    /// Body bytes, if any.
    pub body: Option<Vec<u8>>,
}

impl HttpRequest {
    /// First value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body_len", &self.body.as_ref().map(Vec::len))
            .finish()
    }
}

/// A complete response: status, headers and the whole body.
#[derive(Clone)]
pub struct HttpResponse {
    /// HTTP status code.
    pub status: u16,
    /// Header name/value pairs (values that were not UTF-8 are converted lossily).
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Bytes,
}

impl HttpResponse {
    /// First value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// True for 2xx statuses.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body_len", &self.body.len())
            .finish()
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Default limit on a response body held in memory: 256 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 256 * 1024 * 1024;

/// The default transport: reqwest with rustls.
///
/// Redirects are followed (Graph answers file downloads with a 302 to a
/// pre-signed URL); reqwest drops `Authorization` when a redirect leaves the
/// original host. Bodies larger than the limit are refused, not buffered.
#[derive(Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    max_response_bytes: usize,
}

impl fmt::Debug for ReqwestTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReqwestTransport")
            .field("max_response_bytes", &self.max_response_bytes)
            .finish_non_exhaustive()
    }
}

impl Default for ReqwestTransport {
    fn default() -> ReqwestTransport {
        ReqwestTransport::new()
    }
}

impl ReqwestTransport {
    /// A transport with a fresh reqwest client.
    ///
    /// # Panics
    /// Only if the TLS backend cannot be initialised, like
    /// `reqwest::Client::new`; use [`ReqwestTransport::try_new`] to get an
    /// error instead.
    pub fn new() -> ReqwestTransport {
        match ReqwestTransport::try_new() {
            Ok(t) => t,
            Err(_) => ReqwestTransport::from_client(reqwest::Client::new()),
        }
    }

    /// A transport with a fresh reqwest client, or an error if the HTTP
    /// stack cannot be initialised.
    pub fn try_new() -> Result<ReqwestTransport, Error> {
        let client = reqwest::Client::builder()
            .user_agent(concat!("graphdoc-runtime/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| {
                Error::Transport(format!("cannot build HTTP client: {}", error_chain(&e)))
            })?;
        Ok(ReqwestTransport::from_client(client))
    }

    /// Uses an existing reqwest client (proxy settings, custom roots...).
    pub fn from_client(client: reqwest::Client) -> ReqwestTransport {
        ReqwestTransport {
            client,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        }
    }

    /// Sets the largest response body accepted; bigger bodies fail with
    /// [`Error::Transport`].
    pub fn with_max_response_bytes(mut self, limit: usize) -> ReqwestTransport {
        self.max_response_bytes = limit;
        self
    }

    async fn send_inner(&self, req: HttpRequest) -> Result<HttpResponse, Error> {
        let method = match req.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Patch => reqwest::Method::PATCH,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
        };
        let url = reqwest::Url::parse(&req.url)
            .map_err(|e| Error::InvalidRequest(format!("invalid URL: {e}")))?;
        let mut headers = reqwest::header::HeaderMap::new();
        for (name, value) in &req.headers {
            let header_name = reqwest::header::HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::InvalidRequest(format!("invalid header name {name:?}")))?;
            let mut header_value = reqwest::header::HeaderValue::from_str(value)
                .map_err(|_| Error::InvalidRequest(format!("invalid value for header {name:?}")))?;
            if crate::request::is_sensitive_header(name) {
                header_value.set_sensitive(true);
            }
            headers.append(header_name, header_value);
        }
        let mut builder = self.client.request(method, url).headers(headers);
        if let Some(body) = req.body {
            builder = builder.body(body);
        }
        let mut resp = builder.send().await.map_err(map_reqwest_error)?;
        let status = resp.status().as_u16();
        let headers = resp
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let limit = self.max_response_bytes;
        if resp.content_length().is_some_and(|len| len > limit as u64) {
            return Err(too_large(limit));
        }
        let mut body = BytesMut::new();
        while let Some(chunk) = resp.chunk().await.map_err(map_reqwest_error)? {
            if body.len().saturating_add(chunk.len()) > limit {
                return Err(too_large(limit));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(HttpResponse {
            status,
            headers,
            body: body.freeze(),
        })
    }
}

impl Transport for ReqwestTransport {
    fn send(&self, req: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, Error>> {
        self.send_inner(req).boxed()
    }
}

fn too_large(limit: usize) -> Error {
    Error::Transport(format!("response body exceeds the {limit}-byte limit"))
}

fn map_reqwest_error(e: reqwest::Error) -> Error {
    if e.is_timeout() {
        Error::Timeout
    } else {
        Error::Transport(error_chain(&e))
    }
}

/// The error and all its sources, on one line.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let part = s.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_authorization() {
        let req = HttpRequest {
            method: Method::Get,
            url: "https://graph.microsoft.com/v1.0/me".into(),
            headers: vec![
                ("Authorization".into(), "Bearer very-secret".into()),
                ("Accept".into(), "application/json".into()),
            ],
            body: None,
        };
        let shown = format!("{req:?}");
        assert!(!shown.contains("very-secret"), "{shown}");
        assert!(shown.contains("application/json"));
        assert_eq!(req.header("authorization"), Some("Bearer very-secret"));
        assert_eq!(req.header("missing"), None);
    }

    #[test]
    fn response_header_lookup_is_case_insensitive() {
        let resp = HttpResponse {
            status: 204,
            headers: vec![("retry-after".into(), "5".into())],
            body: Bytes::new(),
        };
        assert_eq!(resp.header("Retry-After"), Some("5"));
        assert!(resp.is_success());
    }
}
