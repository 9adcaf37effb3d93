//! The Graph client: builds URLs, authenticates, retries, decodes.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use serde::de::DeserializeOwned;

use crate::auth::{check_token, TokenProvider};
use crate::error::{body_snippet, Error};
use crate::paging::Pager;
use crate::request::{Method, Request};
use crate::retry::{parse_retry_after, RetryPolicy};
use crate::transport::{HttpRequest, HttpResponse, ReqwestTransport, Transport};

/// Where Graph lives unless told otherwise.
pub const DEFAULT_BASE_URL: &str = "https://graph.microsoft.com";

/// Per-attempt time limit unless told otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(100);

/// A Microsoft Graph client. Cheap to clone: clones share one connection
/// pool, token provider and configuration. `Debug` never shows the token.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    /// Base URL without trailing slash, e.g. `https://graph.microsoft.com`.
    base: String,
    base_url: reqwest::Url,
    token: Box<dyn TokenProvider>,
    transport: Arc<dyn Transport>,
    retry: RetryPolicy,
    timeout: Duration,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base)
            .field("token", &"***")
            .field("transport", &self.inner.transport)
            .field("retry", &self.inner.retry)
            .field("timeout", &self.inner.timeout)
            .finish()
    }
}

/// A request after URL building, ready to be sent (and re-sent on retry).
#[derive(Clone)]
pub(crate) struct Prepared {
    pub(crate) method: Method,
    pub(crate) url: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Option<Vec<u8>>,
}

impl Client {
    /// A client for `https://graph.microsoft.com` with default retry policy,
    /// a 100 s timeout and the reqwest transport.
    ///
    /// # Panics
    /// Only if the TLS stack cannot be initialised (see
    /// [`ReqwestTransport::new`]); [`Client::builder`] reports it as an error.
    pub fn new(token: impl TokenProvider + 'static) -> Client {
        let base_url = reqwest::Url::parse(DEFAULT_BASE_URL);
        match base_url {
            Ok(base_url) => Client {
                inner: Arc::new(Inner {
                    base: DEFAULT_BASE_URL.to_owned(),
                    base_url,
                    token: Box::new(token),
                    transport: Arc::new(ReqwestTransport::new()),
                    retry: RetryPolicy::default(),
                    timeout: DEFAULT_TIMEOUT,
                }),
            },
            Err(e) => unreachable!("the default base URL is valid: {e}"),
        }
    }

    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL requests are sent to (no trailing slash).
    pub fn base_url(&self) -> &str {
        &self.inner.base
    }

    /// The retry policy in use.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// The per-attempt timeout.
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// Sends `req` and decodes the 2xx JSON body as `T`. An empty body is
    /// decoded from `null` (so `Option<T>` and `()` accept it).
    pub async fn send_json<T: DeserializeOwned>(&self, req: Request) -> Result<T, Error> {
        let prepared = self.prepare(req, true)?;
        let resp = self.execute(&prepared).await?;
        decode_json(&resp)
    }

    /// Sends `req`; any 2xx answer is success and its body is ignored.
    pub async fn send_no_content(&self, req: Request) -> Result<(), Error> {
        let prepared = self.prepare(req, false)?;
        self.execute(&prepared).await.map(drop)
    }

    /// Sends `req` and returns the raw 2xx body (file content, `$value`...).
    pub async fn send_bytes(&self, req: Request) -> Result<Bytes, Error> {
        let prepared = self.prepare(req, false)?;
        Ok(self.execute(&prepared).await?.body)
    }

    /// Streams every item of a collection, following `@odata.nextLink`.
    /// Nothing is sent until the pager is polled.
    pub fn paged<T: DeserializeOwned + Send + 'static>(&self, req: Request) -> Pager<T> {
        Pager::new(self.clone(), self.prepare(req, true))
    }

    /// The absolute URL `req` would be sent to, with path and query encoded.
    pub fn url_for(&self, req: &Request) -> Result<String, Error> {
        build_url(
            &self.inner.base,
            &self.inner.base_url,
            req.path(),
            req.query_pairs(),
        )
    }

    pub(crate) fn prepare(&self, req: Request, json: bool) -> Result<Prepared, Error> {
        let url = self.url_for(&req)?;
        let method = req.method();
        let Request {
            mut headers, body, ..
        } = req;
        headers.retain(|(n, _)| !n.eq_ignore_ascii_case("authorization"));
        if json
            && !headers
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case("accept"))
        {
            headers.push(("Accept".to_owned(), "application/json".to_owned()));
        }
        Ok(Prepared {
            method,
            url,
            headers,
            body,
        })
    }

    /// Checks that a `@odata.nextLink` stays on the base URL's scheme, host
    /// and port, so the token is never sent elsewhere.
    pub(crate) fn check_next_link(&self, link: &str) -> Result<String, Error> {
        let url = reqwest::Url::parse(link)
            .map_err(|e| Error::InvalidRequest(format!("invalid @odata.nextLink: {e}")))?;
        let base = &self.inner.base_url;
        let same_origin = url.scheme() == base.scheme()
            && url.host_str() == base.host_str()
            && url.port_or_known_default() == base.port_or_known_default()
            && url.username().is_empty()
            && url.password().is_none();
        if !same_origin {
            return Err(Error::InvalidRequest(format!(
                "refusing to follow @odata.nextLink to {}://{}: not the client's base URL origin",
                url.scheme(),
                url.host_str().unwrap_or("")
            )));
        }
        Ok(url.into())
    }

    /// Sends with auth, timeout and retries; returns only 2xx responses.
    pub(crate) async fn execute(&self, req: &Prepared) -> Result<HttpResponse, Error> {
        let mut retries_done = 0;
        loop {
            let (resp, secret) = self.attempt(req).await?;
            if resp.is_success() {
                return Ok(resp);
            }
            let retry_after = resp
                .header("retry-after")
                .and_then(|v| parse_retry_after(v, SystemTime::now()));
            let wait =
                self.inner
                    .retry
                    .delay_for(req.method, resp.status, retries_done, retry_after);
            match wait {
                Some(wait) => {
                    tokio::time::sleep(wait).await;
                    retries_done += 1;
                }
                None => {
                    return Err(Error::from_response(
                        resp.status,
                        &resp.headers,
                        &resp.body,
                        retry_after,
                    )
                    .scrub(&secret))
                }
            }
        }
    }

    /// One try: fresh token, send, within the timeout. Returns the response
    /// and the token used (to scrub it from error text).
    async fn attempt(&self, req: &Prepared) -> Result<(HttpResponse, String), Error> {
        let work = async {
            let token = self.inner.token.token().await.map_err(|e| match e {
                Error::Auth(m) => Error::Auth(m),
                other => Error::Auth(format!("token provider failed: {other}")),
            })?;
            check_token(&token)?;
            let secret = token.secret().to_owned();
            let mut headers = req.headers.clone();
            headers.push(("Authorization".to_owned(), format!("Bearer {secret}")));
            let http = HttpRequest {
                method: req.method,
                url: req.url.clone(),
                headers,
                body: req.body.clone(),
            };
            match self.inner.transport.send(http).await {
                Ok(resp) => Ok((resp, secret)),
                Err(e) => Err(e.scrub(&secret)),
            }
        };
        tokio::time::timeout(self.inner.timeout, work)
            .await
            .map_err(|_| Error::Timeout)?
    }
}

/// Decodes a 2xx body as JSON; empty means `null`.
pub(crate) fn decode_json<T: DeserializeOwned>(resp: &HttpResponse) -> Result<T, Error> {
    let mut body: &[u8] = &resp.body;
    if let Some(rest) = body.strip_prefix(b"\xEF\xBB\xBF") {
        body = rest;
    }
    let result = if body.iter().all(u8::is_ascii_whitespace) {
        T::deserialize(serde_json::Value::Null)
    } else {
        serde_json::from_slice(body)
    };
    result.map_err(|e| Error::Decode {
        status: resp.status,
        message: e.to_string(),
        body_snippet: body_snippet(&resp.body),
    })
}

/// Characters that stay literal in a query key (`$select` keeps its `$`).
const QUERY_KEY: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'$');

/// Characters that stay literal in a query value: unreserved plus the
/// OData punctuation that has no meaning in a query string.
const QUERY_VALUE: &percent_encoding::AsciiSet = &QUERY_KEY
    .remove(b',')
    .remove(b'(')
    .remove(b')')
    .remove(b':')
    .remove(b'@')
    .remove(b'/')
    .remove(b'!')
    .remove(b'*');

/// Joins base URL, checked path and encoded query; refuses any path a URL
/// parser would rewrite (dot segments, raw `?`/`#`, backslashes...).
fn build_url(
    base: &str,
    base_url: &reqwest::Url,
    path: &str,
    query: &[(String, String)],
) -> Result<String, Error> {
    check_path(path)?;
    let mut url = String::with_capacity(base.len() + path.len() + 64);
    url.push_str(base);
    url.push_str(path);
    for (i, (key, value)) in query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.extend(percent_encoding::utf8_percent_encode(key, QUERY_KEY));
        url.push('=');
        url.extend(percent_encoding::utf8_percent_encode(value, QUERY_VALUE));
    }
    let parsed = reqwest::Url::parse(&url)
        .map_err(|e| Error::InvalidRequest(format!("cannot build URL for path {path:?}: {e}")))?;
    let expected_path = format!("{}{}", base_url.path().trim_end_matches('/'), path);
    if parsed.path() != expected_path || parsed.host_str() != base_url.host_str() {
        return Err(Error::InvalidRequest(format!(
            "path {path:?} would be rewritten by URL normalization"
        )));
    }
    Ok(parsed.into())
}

fn check_path(path: &str) -> Result<(), Error> {
    let bad = |why: &str| {
        Err(Error::InvalidRequest(format!(
            "bad request path {path:?}: {why}"
        )))
    };
    let Some(rest) = path.strip_prefix('/') else {
        return bad("must start with '/'");
    };
    let bytes = path.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let ok = b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/%".contains(&b);
        if !ok {
            return bad(
                "contains a character that must be percent-encoded (use encode_path_segment)",
            );
        }
        if b == b'%'
            && !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
        {
            return bad("contains a '%' that is not a percent-escape");
        }
    }
    for segment in rest.split('/') {
        if segment.is_empty() {
            return bad("has an empty segment (an empty parameter?)");
        }
        let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
        if decoded == "." || decoded == ".." {
            return bad("has a '.' or '..' segment");
        }
    }
    Ok(())
}

/// Configures a [`Client`]: token, base URL, transport, retries, timeout.
#[derive(Default)]
pub struct ClientBuilder {
    token: Option<Box<dyn TokenProvider>>,
    base_url: Option<String>,
    allow_http: bool,
    transport: Option<Arc<dyn Transport>>,
    retry: Option<RetryPolicy>,
    timeout: Option<Duration>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("token", &self.token.as_ref().map(|_| "***"))
            .field("base_url", &self.base_url)
            .field("allow_http", &self.allow_http)
            .field("transport", &self.transport)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl ClientBuilder {
    /// The token provider (required).
    pub fn token(mut self, token: impl TokenProvider + 'static) -> ClientBuilder {
        self.token = Some(Box::new(token));
        self
    }

    /// Another Graph endpoint, e.g. a national cloud
    /// (`https://graph.microsoft.us`). Must be https.
    pub fn base_url(mut self, url: &str) -> ClientBuilder {
        self.base_url = Some(url.to_owned());
        self.allow_http = false;
        self
    }

    /// A base URL that may be plain http, for tests against a local server
    /// (`http://127.0.0.1:PORT`). Never use it with real tokens.
    pub fn insecure_base_url_for_testing(mut self, url: &str) -> ClientBuilder {
        self.base_url = Some(url.to_owned());
        self.allow_http = true;
        self
    }

    /// The HTTP transport (default: [`ReqwestTransport`]).
    pub fn transport(mut self, transport: Arc<dyn Transport>) -> ClientBuilder {
        self.transport = Some(transport);
        self
    }

    /// The retry policy (default: [`RetryPolicy::default`]).
    pub fn retry(mut self, policy: RetryPolicy) -> ClientBuilder {
        self.retry = Some(policy);
        self
    }

    /// Time limit for each attempt, token included (default 100 s).
    pub fn timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.timeout = Some(timeout);
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let token = self
            .token
            .ok_or_else(|| Error::InvalidRequest("no token provider configured".into()))?;
        let raw = self.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL);
        let base_url = reqwest::Url::parse(raw)
            .map_err(|e| Error::InvalidRequest(format!("invalid base URL {raw:?}: {e}")))?;
        match base_url.scheme() {
            "https" => {}
            "http" if self.allow_http => {}
            "http" => {
                return Err(Error::InvalidRequest(format!(
                "base URL {raw:?} is not https (use insecure_base_url_for_testing for local tests)"
            )))
            }
            other => {
                return Err(Error::InvalidRequest(format!(
                    "base URL scheme {other:?} is not supported"
                )))
            }
        }
        if base_url.host_str().is_none_or(str::is_empty) {
            return Err(Error::InvalidRequest(format!(
                "base URL {raw:?} has no host"
            )));
        }
        if !base_url.username().is_empty() || base_url.password().is_some() {
            return Err(Error::InvalidRequest(
                "base URL must not contain credentials".into(),
            ));
        }
        if base_url.query().is_some() || base_url.fragment().is_some() {
            return Err(Error::InvalidRequest(format!(
                "base URL {raw:?} must not have a query or fragment"
            )));
        }
        let base = base_url.as_str().trim_end_matches('/').to_owned();
        let transport = match self.transport {
            Some(t) => t,
            None => Arc::new(ReqwestTransport::try_new()?),
        };
        Ok(Client {
            inner: Arc::new(Inner {
                base,
                base_url,
                token,
                transport,
                retry: self.retry.unwrap_or_default(),
                timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::StaticToken;

    fn client(base: &str) -> Client {
        Client::builder()
            .token(StaticToken::new("t"))
            .base_url(base)
            .build()
            .unwrap()
    }

    #[test]
    fn urls_are_built_and_encoded() {
        let c = client("https://graph.microsoft.com/");
        let req = Request::new(Method::Get, "/v1.0/users/a%2Fb")
            .query("$filter", "name eq 'a&b=c' or x+1 #")
            .query("$select", "id,displayName");
        assert_eq!(
            c.url_for(&req).unwrap(),
            "https://graph.microsoft.com/v1.0/users/a%2Fb?$filter=name%20eq%20%27a%26b%3Dc%27%20or%20x%2B1%20%23&$select=id,displayName"
        );
        let prefixed = client("https://example.com/graph/");
        assert_eq!(
            prefixed
                .url_for(&Request::new(Method::Get, "/v1.0/me"))
                .unwrap(),
            "https://example.com/graph/v1.0/me"
        );
    }

    #[test]
    fn dangerous_paths_are_refused() {
        let c = client("https://graph.microsoft.com");
        for path in [
            "v1.0/me",
            "/v1.0/users/../me",
            "/v1.0/users/./me",
            "/v1.0/users/%2e%2E/me",
            "/v1.0/users/.%2e",
            "/v1.0/users//manager",
            "/v1.0/users/a?b",
            "/v1.0/users/a#b",
            "/v1.0/users/a b",
            "/v1.0/users/a\\b",
            "/v1.0/users/é",
            "/v1.0/users/100%",
            "/v1.0/users/%zz",
        ] {
            let err = c.url_for(&Request::new(Method::Get, path)).unwrap_err();
            assert!(matches!(err, Error::InvalidRequest(_)), "{path}: {err:?}");
        }
        assert!(c
            .url_for(&Request::new(
                Method::Get,
                "/v1.0/reports/getX(period='D7')/$value"
            ))
            .is_ok());
    }

    #[test]
    fn base_url_rules() {
        let b = || Client::builder().token(StaticToken::new("t"));
        for bad in [
            "http://graph.microsoft.com",
            "ftp://graph.microsoft.com",
            "not a url",
            "https://user:pw@graph.microsoft.com",
            "https://graph.microsoft.com/?x=1",
        ] {
            assert!(
                matches!(b().base_url(bad).build(), Err(Error::InvalidRequest(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            Client::builder().build(),
            Err(Error::InvalidRequest(_))
        ));
        let c = b()
            .insecure_base_url_for_testing("http://127.0.0.1:8080")
            .build()
            .unwrap();
        assert_eq!(c.base_url(), "http://127.0.0.1:8080");
        assert_eq!(
            Client::new(StaticToken::new("t")).base_url(),
            DEFAULT_BASE_URL
        );
    }

    #[test]
    fn next_link_origin_check() {
        let c = client("https://graph.microsoft.com");
        assert!(c
            .check_next_link("https://graph.microsoft.com/v1.0/users?$skiptoken=abc")
            .is_ok());
        assert!(c
            .check_next_link("https://GRAPH.microsoft.com:443/v1.0/users?$skiptoken=abc")
            .is_ok());
        for bad in [
            "https://evil.example/v1.0/users",
            "http://graph.microsoft.com/v1.0/users",
            "https://graph.microsoft.com:8443/v1.0/users",
            "https://graph.microsoft.com.evil.example/v1.0/users",
            "https://x@graph.microsoft.com/v1.0/users",
            "/v1.0/users",
        ] {
            assert!(
                matches!(c.check_next_link(bad), Err(Error::InvalidRequest(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn decode_rules() {
        let resp = |body: &'static [u8]| HttpResponse {
            status: 200,
            headers: vec![],
            body: Bytes::from_static(body),
        };
        assert_eq!(decode_json::<Option<u8>>(&resp(b"")).unwrap(), None);
        assert_eq!(decode_json::<Option<u8>>(&resp(b" \n")).unwrap(), None);
        assert_eq!(decode_json::<u8>(&resp(b"\xEF\xBB\xBF7")).unwrap(), 7);
        match decode_json::<u8>(&resp(b"")) {
            Err(Error::Decode { status: 200, .. }) => {}
            other => panic!("{other:?}"),
        }
        match decode_json::<serde_json::Value>(&resp(b"{\"a\":")) {
            Err(Error::Decode { body_snippet, .. }) => assert_eq!(body_snippet, "{\"a\":"),
            other => panic!("{other:?}"),
        }
    }
}
