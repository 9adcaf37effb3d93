//! Runtime for the graphdoc-generated Microsoft Graph SDK.
//!
//! Generated code builds a [`Request`] (versioned path with every parameter
//! encoded by [`encode_path_segment`], query options, JSON body) and hands it
//! to a [`Client`], which adds the bearer token, retries throttled calls,
//! enforces a timeout and decodes the answer or the Graph error.
//!
//! ```no_run
//! use futures::TryStreamExt;
//! use graphdoc_runtime::{encode_path_segment, Client, Method, QueryOptions, Request, StaticToken};
//!
//! # async fn demo() -> Result<(), graphdoc_runtime::Error> {
//! let client = Client::new(StaticToken::new("eyJ0eXAi..."));
//!
//! // One object.
//! let path = format!("/v1.0/users/{}", encode_path_segment("adele@contoso.com"));
//! let user: serde_json::Value = client.send_json(Request::new(Method::Get, path)).await?;
//!
//! // A collection, across pages.
//! let req = Request::new(Method::Get, "/v1.0/users")
//!     .query_options(&QueryOptions::new().select(["id", "displayName"]).top(50));
//! let users: Vec<serde_json::Value> = client.paged(req).try_collect().await?;
//! # let _ = (user, users);
//! # Ok(())
//! # }
//! ```
//!
//! Nothing here panics on what a server sends, and access tokens never
//! appear in `Debug` output or errors.

#![deny(missing_docs)]

pub mod auth;
pub mod client;
pub mod error;
pub mod odata;
pub mod paging;
pub mod patch;
pub mod path;
pub mod request;
pub mod retry;
pub mod transport;
pub mod types;

pub use auth::{token_fn, AccessToken, StaticToken, TokenProvider};
pub use client::{Client, ClientBuilder};
pub use error::{Error, GraphError, GraphErrorDetail, InnerError};
pub use paging::{Collection, Pager};
pub use patch::Patch;
pub use path::{encode_odata_string, encode_path_segment};
pub use request::{Method, QueryOptions, Request};
pub use retry::RetryPolicy;
pub use transport::{HttpRequest, HttpResponse, ReqwestTransport, Transport};
