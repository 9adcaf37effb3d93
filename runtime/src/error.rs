//! Errors returned by every runtime call, and the Microsoft Graph error body.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize};

/// Longest piece of a response body kept in an error, in bytes, so that a
/// huge or binary body cannot blow up logs.
pub(crate) const SNIPPET_LIMIT: usize = 512;

/// Everything that can go wrong when calling Microsoft Graph.
///
/// No variant ever holds an access token: `Debug` and `Display` are safe to log.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// The server answered with a non-2xx status.
    ///
    /// `error` is the parsed Graph error body; when the body was not a Graph
    /// error, its code is `"unknown"` and its message a snippet of the body.
    #[error("Microsoft Graph returned HTTP {status}: {code}: {message}", code = error.error.code, message = error.error.message)]
    Graph {
        /// HTTP status code.
        status: u16,
        /// The parsed error body.
        error: Box<GraphError>,
        /// The server's `Retry-After`, when it sent a valid one.
        retry_after: Option<Duration>,
    },
    /// The request could not be sent or the response could not be read
    /// (connection refused, TLS failure, truncated body, body too large...).
    #[error("transport error: {0}")]
    Transport(String),
    /// The request did not complete within the client's timeout.
    #[error("request timed out")]
    Timeout,
    /// The server answered 2xx but the body was not the expected JSON.
    #[error("could not decode the response (HTTP {status}): {message}")]
    Decode {
        /// HTTP status code of the response.
        status: u16,
        /// What the decoder complained about.
        message: String,
        /// The start of the body, for diagnosis.
        body_snippet: String,
    },
    /// The request was refused before sending: bad base URL, body that does
    /// not serialize, malformed path, a `nextLink` pointing to another host...
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// The token provider failed to produce a usable access token.
    #[error("authentication failed: {0}")]
    Auth(String),
}

impl Error {
    /// The HTTP status of the response this error comes from, if any.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Graph { status, .. } | Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The Graph error code (e.g. `"Request_ResourceNotFound"`), for
    /// [`Error::Graph`] only.
    pub fn graph_code(&self) -> Option<&str> {
        self.graph_error().map(|e| e.error.code.as_str())
    }

    /// The Graph error message, for [`Error::Graph`] only.
    pub fn graph_message(&self) -> Option<&str> {
        self.graph_error().map(|e| e.error.message.as_str())
    }

    /// The parsed Graph error body, for [`Error::Graph`] only.
    pub fn graph_error(&self) -> Option<&GraphError> {
        match self {
            Error::Graph { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The `request-id` Microsoft support asks for, when the server gave one.
    pub fn request_id(&self) -> Option<&str> {
        self.graph_error()?
            .error
            .inner_error
            .as_ref()?
            .request_id
            .as_deref()
    }

    /// How long the server asked to wait before retrying (`Retry-After`).
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::Graph { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// True for [`Error::Timeout`].
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout)
    }

    /// True when the server said the resource does not exist (HTTP 404).
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404) && matches!(self, Error::Graph { .. })
    }

    /// True when the server throttled the request (HTTP 429 or 503).
    pub fn is_throttled(&self) -> bool {
        matches!(
            self,
            Error::Graph {
                status: 429 | 503,
                ..
            }
        )
    }

    /// Builds an [`Error::Graph`] from a non-2xx response.
    ///
    /// `request-id` / `client-request-id` are taken from the response headers
    /// when the body does not carry them, so support data is never lost.
    pub(crate) fn from_response(
        status: u16,
        headers: &[(String, String)],
        body: &[u8],
        retry_after: Option<Duration>,
    ) -> Error {
        let mut error = GraphError::parse_body(body);
        let header = |name: &str| {
            headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.clone())
        };
        let request_id = header("request-id");
        let client_request_id = header("client-request-id");
        if request_id.is_some() || client_request_id.is_some() {
            let inner = error
                .error
                .inner_error
                .get_or_insert_with(InnerError::default);
            if inner.request_id.is_none() {
                inner.request_id = request_id;
            }
            if inner.client_request_id.is_none() {
                inner.client_request_id = client_request_id;
            }
        }
        Error::Graph {
            status,
            error: Box::new(error),
            retry_after,
        }
    }

    /// Replaces every occurrence of `secret` in the text this error carries
    /// (a server could echo the `Authorization` header back).
    pub(crate) fn scrub(self, secret: &str) -> Error {
        if secret.is_empty() {
            return self;
        }
        let clean = |s: String| {
            if s.contains(secret) {
                s.replace(secret, "***")
            } else {
                s
            }
        };
        match self {
            Error::Graph {
                status,
                mut error,
                retry_after,
            } => {
                error.error.code = clean(std::mem::take(&mut error.error.code));
                error.error.message = clean(std::mem::take(&mut error.error.message));
                if error_mentions(&error, secret) {
                    // The secret hides in a nested value: drop the extras.
                    error.error.details.clear();
                    error.error.additional_properties.clear();
                    if let Some(inner) = error.error.inner_error.as_mut() {
                        inner.additional_properties.clear();
                    }
                }
                Error::Graph {
                    status,
                    error,
                    retry_after,
                }
            }
            Error::Decode {
                status,
                message,
                body_snippet,
            } => Error::Decode {
                status,
                message: clean(message),
                body_snippet: clean(body_snippet),
            },
            Error::Transport(m) => Error::Transport(clean(m)),
            Error::InvalidRequest(m) => Error::InvalidRequest(clean(m)),
            Error::Auth(m) => Error::Auth(clean(m)),
            Error::Timeout => Error::Timeout,
        }
    }
}

fn error_mentions(error: &GraphError, secret: &str) -> bool {
    serde_json::to_string(error)
        .map(|s| s.contains(secret))
        .unwrap_or(true)
}

/// The start of a body as text, at most [`SNIPPET_LIMIT`] bytes, for errors.
pub(crate) fn body_snippet(body: &[u8]) -> String {
    let end = body.len().min(SNIPPET_LIMIT);
    let mut s = String::from_utf8_lossy(&body[..end]).into_owned();
    if body.len() > SNIPPET_LIMIT {
        s.push('…');
    }
    s
}

/// The JSON error body Microsoft Graph sends with non-2xx responses:
/// `{"error": {"code": ..., "message": ..., "innerError": {...}}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GraphError {
    /// The error itself.
    pub error: GraphErrorDetail,
}

impl GraphError {
    /// Parses a response body; anything that is not a Graph error becomes
    /// code `"unknown"` with a snippet of the body as message.
    pub(crate) fn parse_body(body: &[u8]) -> GraphError {
        let unknown = || GraphError {
            error: GraphErrorDetail {
                code: "unknown".to_owned(),
                message: body_snippet(body),
                ..GraphErrorDetail::default()
            },
        };
        let Ok(serde_json::Value::Object(mut root)) = serde_json::from_slice(body) else {
            return unknown();
        };
        match root.remove("error") {
            Some(detail @ serde_json::Value::Object(_)) => {
                match serde_json::from_value::<GraphErrorDetail>(detail) {
                    Ok(mut detail) => {
                        if detail.code.is_empty() {
                            detail.code = "unknown".to_owned();
                        }
                        GraphError { error: detail }
                    }
                    Err(_) => unknown(),
                }
            }
            // OAuth-style body: {"error": "invalid_token", "error_description": "..."}
            Some(serde_json::Value::String(code)) => {
                let message = match root.get("error_description") {
                    Some(serde_json::Value::String(d)) => d.clone(),
                    _ => body_snippet(body),
                };
                GraphError {
                    error: GraphErrorDetail {
                        code,
                        message,
                        ..GraphErrorDetail::default()
                    },
                }
            }
            _ => unknown(),
        }
    }
}

/// The `error` object of a [`GraphError`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GraphErrorDetail {
    /// Machine-readable error code, e.g. `"Request_ResourceNotFound"`.
    #[serde(deserialize_with = "null_as_default")]
    pub code: String,
    /// Human-readable message.
    #[serde(deserialize_with = "null_as_default")]
    pub message: String,
    /// Diagnostics: request id, date...
    #[serde(rename = "innerError", skip_serializing_if = "Option::is_none")]
    pub inner_error: Option<InnerError>,
    /// Further errors, when the server lists several.
    #[serde(
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub details: Vec<serde_json::Value>,
    /// Any other member the server sent (e.g. `target`).
    #[serde(flatten)]
    pub additional_properties: BTreeMap<String, serde_json::Value>,
}

/// The `innerError` object: what Microsoft support needs to trace a request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InnerError {
    /// Server-side id of the request.
    #[serde(rename = "request-id", skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The `client-request-id` the server saw.
    #[serde(rename = "client-request-id", skip_serializing_if = "Option::is_none")]
    pub client_request_id: Option<String>,
    /// When the error happened, as the server wrote it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Any other member (e.g. a nested `innerError`, `code`).
    #[serde(flatten)]
    pub additional_properties: BTreeMap<String, serde_json::Value>,
}

/// Reads `null` as the type's default, so a server sending `"message": null`
/// still yields a usable error.
fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_graph_error_body() {
        let body = br#"{"error":{"code":"Request_ResourceNotFound","message":"Resource 'x' does not exist.","innerError":{"date":"2024-01-02T03:04:05","request-id":"rid-1","client-request-id":"cid-1","extra":1},"target":"id"}}"#;
        let e = GraphError::parse_body(body);
        assert_eq!(e.error.code, "Request_ResourceNotFound");
        assert_eq!(e.error.message, "Resource 'x' does not exist.");
        let inner = e.error.inner_error.as_ref().unwrap();
        assert_eq!(inner.request_id.as_deref(), Some("rid-1"));
        assert_eq!(inner.client_request_id.as_deref(), Some("cid-1"));
        assert_eq!(inner.date.as_deref(), Some("2024-01-02T03:04:05"));
        assert_eq!(inner.additional_properties["extra"], serde_json::json!(1));
        assert_eq!(
            e.error.additional_properties["target"],
            serde_json::json!("id")
        );
    }

    #[test]
    fn non_graph_bodies_become_unknown() {
        for body in [
            &b"<html>Bad gateway</html>"[..],
            b"",
            b"{\"foo\":1}",
            b"[1,2]",
            b"{\"error\":{\"code\":5}}",
        ] {
            let e = GraphError::parse_body(body);
            assert_eq!(e.error.code, "unknown", "body {:?}", body);
            assert_eq!(e.error.message, String::from_utf8_lossy(body));
        }
        let e = GraphError::parse_body(&vec![b'x'; 10_000]);
        assert!(e.error.message.len() < 600);
    }

    #[test]
    fn nulls_and_oauth_errors() {
        let e = GraphError::parse_body(br#"{"error":{"code":null,"message":null,"details":null}}"#);
        assert_eq!(e.error.code, "unknown");
        assert_eq!(e.error.message, "");
        let e = GraphError::parse_body(
            br#"{"error":"invalid_token","error_description":"token expired"}"#,
        );
        assert_eq!(e.error.code, "invalid_token");
        assert_eq!(e.error.message, "token expired");
    }

    #[test]
    fn scrub_removes_secret() {
        let err = Error::from_response(
            401,
            &[],
            br#"{"error":{"code":"InvalidAuthenticationToken","message":"bad token s3cr3t","details":[{"t":"s3cr3t"}]}}"#,
            None,
        )
        .scrub("s3cr3t");
        let shown = format!("{err:?} {err}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert_eq!(err.graph_message(), Some("bad token ***"));
    }

    #[test]
    fn request_id_from_headers_when_body_lacks_it() {
        let err = Error::from_response(
            500,
            &[("Request-Id".into(), "hdr-rid".into())],
            b"oops",
            None,
        );
        assert_eq!(err.request_id(), Some("hdr-rid"));
        assert_eq!(err.graph_code(), Some("unknown"));
        assert_eq!(err.status(), Some(500));
    }
}
