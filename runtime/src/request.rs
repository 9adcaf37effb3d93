//! A Graph request as generated code describes it: method, versioned path,
//! query parameters, headers and an optional body.

use std::fmt;

use serde::Serialize;

use crate::error::Error;

/// HTTP methods used by the Graph API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`: read.
    Get,
    /// `POST`: create or invoke an action.
    Post,
    /// `PATCH`: partial update.
    Patch,
    /// `PUT`: replace or upload.
    Put,
    /// `DELETE`: remove.
    Delete,
}

impl Method {
    /// The method's name as sent on the wire, e.g. `"GET"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    /// Whether repeating the request has the same effect as sending it once
    /// (GET, PUT, DELETE), which makes it safe to retry automatically.
    pub fn is_idempotent(&self) -> bool {
        matches!(self, Method::Get | Method::Put | Method::Delete)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One call to Graph, built by generated code and sent by [`crate::Client`].
///
/// The path starts with the API version (`/v1.0/...` or `/beta/...`) and
/// must already have every parameter encoded with
/// [`crate::encode_path_segment`]; query values are encoded by the client.
#[derive(Clone)]
pub struct Request {
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Option<Vec<u8>>,
}

impl Request {
    /// A request for `method` on `path` (e.g. `/v1.0/me/messages`).
    pub fn new(method: Method, path: impl Into<String>) -> Request {
        Request {
            method,
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
        }
    }

    /// Appends a query parameter; key and value are given unencoded.
    pub fn query(mut self, key: impl Into<String>, value: impl Into<String>) -> Request {
        self.query.push((key.into(), value.into()));
        self
    }

    /// Appends the OData system query options (`$select`, `$filter`, ...).
    ///
    /// Setting `search` also sets `ConsistencyLevel: eventual`, which Graph
    /// requires for `$search` on directory objects.
    pub fn query_options(mut self, options: &QueryOptions) -> Request {
        self.query.extend(options.to_pairs());
        if options.search.is_some() {
            self = self.header("ConsistencyLevel", "eventual");
        }
        self
    }

    /// Sets a header, replacing any earlier value of the same name
    /// (case-insensitive). `Authorization` is always set by the client.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Request {
        let name = name.into();
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(&name));
        self.headers.push((name, value.into()));
        self
    }

    /// Serializes `body` as the JSON request body and sets
    /// `Content-Type: application/json`.
    pub fn json_body<T: Serialize + ?Sized>(self, body: &T) -> Result<Request, Error> {
        let bytes = serde_json::to_vec(body)
            .map_err(|e| Error::InvalidRequest(format!("request body does not serialize: {e}")))?;
        Ok(self.body(bytes, "application/json"))
    }

    /// Sets a raw body (file uploads, `$value` content) with its content type.
    pub fn body(self, bytes: impl Into<Vec<u8>>, content_type: &str) -> Request {
        let mut req = self.header("Content-Type", content_type);
        req.body = Some(bytes.into());
        req
    }

    /// The HTTP method.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The versioned path, as given.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query parameters, unencoded, in order.
    pub fn query_pairs(&self) -> &[(String, String)] {
        &self.query
    }

    /// The headers set on this request.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The body, if any.
    pub fn body_bytes(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }
}

/// Header names whose values are credentials and must never be printed.
pub(crate) fn is_sensitive_header(name: &str) -> bool {
    [
        "authorization",
        "proxy-authorization",
        "cookie",
        "set-cookie",
    ]
    .iter()
    .any(|s| name.eq_ignore_ascii_case(s))
}

/// Debug-prints headers with credential values replaced by `***`.
pub(crate) struct RedactedHeaders<'a>(pub(crate) &'a [(String, String)]);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        for (name, value) in self.0 {
            if is_sensitive_header(name) {
                list.entry(&(name, "***"));
            } else {
                list.entry(&(name, value));
            }
        }
        list.finish()
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body_len", &self.body.as_ref().map(Vec::len))
            .finish()
    }
}

/// OData system query options shared by most Graph list and get calls.
///
/// ```
/// use graphdoc_runtime::QueryOptions;
/// let q = QueryOptions::new().select(["id", "displayName"]).top(5);
/// assert_eq!(q.top, Some(5));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryOptions {
    /// `$select`: properties to return.
    pub select: Vec<String>,
    /// `$filter`: OData filter expression.
    pub filter: Option<String>,
    /// `$expand`: relationships to inline.
    pub expand: Vec<String>,
    /// `$orderby`: sort clauses, e.g. `"displayName desc"`.
    pub orderby: Vec<String>,
    /// `$top`: page size / maximum items.
    pub top: Option<u32>,
    /// `$skip`: items to skip.
    pub skip: Option<u32>,
    /// `$count`: ask for `@odata.count`.
    pub count: Option<bool>,
    /// `$search`: search expression, e.g. `"\"displayName:room\""`.
    pub search: Option<String>,
    /// Any other query parameter, sent as given after the system options:
    /// one a page lists only in its "Query parameters" table (so the
    /// generated function has no argument for it), or one the docs omit.
    pub params: Vec<(String, String)>,
}

impl QueryOptions {
    /// No options set.
    pub fn new() -> QueryOptions {
        QueryOptions::default()
    }

    /// Adds properties to `$select`.
    pub fn select<I, S>(mut self, fields: I) -> QueryOptions
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.select.extend(fields.into_iter().map(Into::into));
        self
    }

    /// Sets `$filter`.
    pub fn filter(mut self, filter: impl Into<String>) -> QueryOptions {
        self.filter = Some(filter.into());
        self
    }

    /// Adds relationships to `$expand`.
    pub fn expand<I, S>(mut self, fields: I) -> QueryOptions
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.expand.extend(fields.into_iter().map(Into::into));
        self
    }

    /// Adds sort clauses to `$orderby`.
    pub fn orderby<I, S>(mut self, clauses: I) -> QueryOptions
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.orderby.extend(clauses.into_iter().map(Into::into));
        self
    }

    /// Sets `$top`.
    pub fn top(mut self, top: u32) -> QueryOptions {
        self.top = Some(top);
        self
    }

    /// Sets `$skip`.
    pub fn skip(mut self, skip: u32) -> QueryOptions {
        self.skip = Some(skip);
        self
    }

    /// Sets `$count`.
    pub fn count(mut self, count: bool) -> QueryOptions {
        self.count = Some(count);
        self
    }

    /// Sets `$search` (and, when sent, `ConsistencyLevel: eventual`).
    pub fn search(mut self, search: impl Into<String>) -> QueryOptions {
        self.search = Some(search.into());
        self
    }

    /// Adds a query parameter of the API's own (`name` and `value`
    /// unencoded; the client encodes them), e.g. a `$skiptoken` or a
    /// parameter only the page's table lists.
    pub fn param(mut self, name: impl Into<String>, value: impl Into<String>) -> QueryOptions {
        self.params.push((name.into(), value.into()));
        self
    }

    /// True when no option is set.
    pub fn is_empty(&self) -> bool {
        self.to_pairs().is_empty()
    }

    /// The options as unencoded `($name, value)` query pairs, in a fixed order.
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        let mut list = |key: &str, items: &[String]| {
            if !items.is_empty() {
                pairs.push((key.to_owned(), items.join(",")));
            }
        };
        list("$select", &self.select);
        list("$expand", &self.expand);
        list("$orderby", &self.orderby);
        if let Some(filter) = &self.filter {
            pairs.push(("$filter".to_owned(), filter.clone()));
        }
        if let Some(search) = &self.search {
            pairs.push(("$search".to_owned(), search.clone()));
        }
        if let Some(top) = self.top {
            pairs.push(("$top".to_owned(), top.to_string()));
        }
        if let Some(skip) = self.skip {
            pairs.push(("$skip".to_owned(), skip.to_string()));
        }
        if let Some(count) = self.count {
            pairs.push(("$count".to_owned(), count.to_string()));
        }
        pairs.extend(self.params.iter().cloned());
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods() {
        assert_eq!(Method::Patch.as_str(), "PATCH");
        assert!(Method::Get.is_idempotent());
        assert!(Method::Put.is_idempotent());
        assert!(Method::Delete.is_idempotent());
        assert!(!Method::Post.is_idempotent());
        assert!(!Method::Patch.is_idempotent());
    }

    #[test]
    fn query_options_pairs_and_search_header() {
        let q = QueryOptions::new()
            .select(["id", "displayName"])
            .filter("startswith(displayName,'a')")
            .top(5)
            .count(true)
            .search("\"displayName:room\"");
        let req = Request::new(Method::Get, "/v1.0/users").query_options(&q);
        assert_eq!(
            req.query_pairs(),
            &[
                ("$select".to_owned(), "id,displayName".to_owned()),
                (
                    "$filter".to_owned(),
                    "startswith(displayName,'a')".to_owned()
                ),
                ("$search".to_owned(), "\"displayName:room\"".to_owned()),
                ("$top".to_owned(), "5".to_owned()),
                ("$count".to_owned(), "true".to_owned()),
            ]
        );
        assert_eq!(
            req.headers(),
            &[("ConsistencyLevel".to_owned(), "eventual".to_owned())]
        );
        assert!(QueryOptions::new().is_empty());
        // Other parameters follow the system options, in the order given.
        let other = QueryOptions::new()
            .param("showHidden", "true")
            .top(2)
            .param("q", "a b");
        assert!(!other.is_empty());
        assert_eq!(
            other.to_pairs(),
            [
                ("$top".to_owned(), "2".to_owned()),
                ("showHidden".to_owned(), "true".to_owned()),
                ("q".to_owned(), "a b".to_owned()),
            ]
        );
        let plain =
            Request::new(Method::Get, "/v1.0/users").query_options(&QueryOptions::new().top(1));
        assert!(plain.headers().is_empty());
    }

    #[test]
    fn header_replaces_and_debug_redacts() {
        let req = Request::new(Method::Post, "/v1.0/me/sendMail")
            .header("authorization", "Bearer one-secret")
            .header("Authorization", "Bearer two-secret")
            .json_body(&serde_json::json!({"a": 1}))
            .unwrap();
        assert_eq!(req.headers().len(), 2);
        assert_eq!(req.body_bytes(), Some(&br#"{"a":1}"#[..]));
        let shown = format!("{req:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("Content-Type"));
    }
}
