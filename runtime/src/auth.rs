//! Access tokens and the providers that hand them to the client.
//!
//! The client asks its provider for a token before every attempt, so a
//! provider that refreshes tokens is always honoured. Tokens are never shown
//! by `Debug` or `Display`.

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use futures::future::BoxFuture;
use futures::FutureExt;

use crate::error::Error;

/// Supplies the OAuth access token sent as `Authorization: Bearer <token>`.
///
/// Implement it to plug in any credential flow; use [`StaticToken`] for a
/// fixed token and [`token_fn`] for a closure.
pub trait TokenProvider: Send + Sync {
    /// Returns a currently valid token.
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>>;
}

impl<P: TokenProvider + ?Sized> TokenProvider for Arc<P> {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        (**self).token()
    }
}

impl<P: TokenProvider + ?Sized> TokenProvider for Box<P> {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        (**self).token()
    }
}

/// A bearer token. Prints as `AccessToken(***)` so it cannot leak into logs.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(String);

impl AccessToken {
    /// Wraps a raw token string.
    pub fn new(token: impl Into<String>) -> AccessToken {
        AccessToken(token.into())
    }

    /// The raw token, for building the `Authorization` header.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(***)")
    }
}

impl fmt::Display for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(***)")
    }
}

/// A provider that always returns the same token (scripts, tests, tokens
/// obtained elsewhere).
#[derive(Clone)]
pub struct StaticToken(AccessToken);

impl StaticToken {
    /// Wraps a raw token string.
    pub fn new(token: impl Into<String>) -> StaticToken {
        StaticToken(AccessToken::new(token))
    }
}

impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StaticToken(***)")
    }
}

impl TokenProvider for StaticToken {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        let token = self.0.clone();
        async move { Ok(token) }.boxed()
    }
}

/// A provider backed by an async closure; build it with [`token_fn`].
pub struct TokenFn<F>(F);

impl<F> fmt::Debug for TokenFn<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenFn(..)")
    }
}

impl<F, Fut> TokenProvider for TokenFn<F>
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future<Output = Result<AccessToken, Error>> + Send + 'static,
{
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        (self.0)().boxed()
    }
}

/// Makes a [`TokenProvider`] from an async closure, e.g. one that refreshes
/// a cached token from an identity library.
///
/// ```
/// use graphdoc_runtime::{token_fn, AccessToken};
/// let provider = token_fn(|| async { Ok(AccessToken::new("eyJ...")) });
/// # let _ = provider;
/// ```
pub fn token_fn<F, Fut>(f: F) -> TokenFn<F>
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future<Output = Result<AccessToken, Error>> + Send + 'static,
{
    TokenFn(f)
}

/// Checks a token can be put in a header; the message never includes it.
pub(crate) fn check_token(token: &AccessToken) -> Result<(), Error> {
    let s = token.secret();
    if s.is_empty() {
        return Err(Error::Auth(
            "the token provider returned an empty token".into(),
        ));
    }
    if !s.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::Auth(
            "the token contains characters that are not allowed in an HTTP header".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_is_redacted() {
        let t = AccessToken::new("super-secret");
        assert_eq!(format!("{t:?}"), "AccessToken(***)");
        assert_eq!(format!("{t}"), "AccessToken(***)");
        assert_eq!(t.secret(), "super-secret");
        assert_eq!(
            format!("{:?}", StaticToken::new("super-secret")),
            "StaticToken(***)"
        );
    }

    #[test]
    fn bad_tokens_rejected_without_echo() {
        for bad in ["", "abc\r\nX-Evil: 1", "with space"] {
            let err = check_token(&AccessToken::new(bad)).unwrap_err();
            assert!(matches!(err, Error::Auth(_)));
            if !bad.is_empty() {
                assert!(!err.to_string().contains(bad));
            }
        }
        assert!(check_token(&AccessToken::new("eyJ0eXAi.eyJhdWQ.sig-_=")).is_ok());
    }
}
