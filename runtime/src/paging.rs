//! Graph collections and the pager that walks `@odata.nextLink`.

use std::collections::{BTreeMap, VecDeque};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::future::BoxFuture;
use futures::{FutureExt, Stream};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};

use crate::client::{decode_json, Client, Prepared};
use crate::error::Error;
use crate::request::Method;

/// One page of a Graph collection response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "T: Serialize", deserialize = "T: Deserialize<'de>"))]
pub struct Collection<T> {
    /// The items of this page.
    #[serde(default = "Vec::new", deserialize_with = "null_as_empty")]
    pub value: Vec<T>,
    /// `@odata.nextLink`: absolute URL of the next page.
    #[serde(
        rename = "@odata.nextLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub next_link: Option<String>,
    /// `@odata.count`: total number of items, when `$count=true`.
    #[serde(
        rename = "@odata.count",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub count: Option<i64>,
    /// `@odata.context`: metadata URL describing the payload.
    #[serde(
        rename = "@odata.context",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub context: Option<String>,
    /// `@odata.deltaLink`: URL for the next delta query (last page only).
    #[serde(
        rename = "@odata.deltaLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub delta_link: Option<String>,
    /// Any other member of the page.
    #[serde(flatten)]
    pub additional_properties: BTreeMap<String, serde_json::Value>,
}

impl<T> Default for Collection<T> {
    fn default() -> Collection<T> {
        Collection {
            value: Vec::new(),
            next_link: None,
            count: None,
            context: None,
            delta_link: None,
            additional_properties: BTreeMap::new(),
        }
    }
}

fn null_as_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// A page being fetched.
type PageFuture<T> = BoxFuture<'static, Result<Collection<T>, Error>>;

/// Everything about a page except its items, kept while the items drain.
#[derive(Default)]
struct PageMeta {
    count: Option<i64>,
    context: Option<String>,
    delta_link: Option<String>,
    additional_properties: BTreeMap<String, serde_json::Value>,
}

/// Streams the items of a Graph collection across pages.
///
/// Fetches lazily: the first page when first polled, each next page when the
/// previous one is drained. Follows `@odata.nextLink` only on the client's
/// own scheme, host and port. After an error the stream ends.
///
/// Use it as a [`Stream`], or page by page with [`Pager::next_page`], or all
/// at once with [`Pager::collect_all`].
pub struct Pager<T> {
    client: Client,
    /// The request for the next page, or the error building it.
    next: Option<Result<Prepared, Error>>,
    /// The page being fetched, with the URL it was fetched from.
    in_flight: Option<(String, PageFuture<T>)>,
    /// Headers of the first request, re-sent with every next page
    /// (e.g. `ConsistencyLevel`, `Prefer`).
    headers: Vec<(String, String)>,
    buffer: VecDeque<T>,
    meta: PageMeta,
    pages: usize,
}

// No field is pinned: the future is boxed, the rest is moved freely.
impl<T> Unpin for Pager<T> {}

impl<T> std::fmt::Debug for Pager<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pager")
            .field("pages_fetched", &self.pages)
            .field("buffered", &self.buffer.len())
            .field("fetching", &self.in_flight.is_some())
            .field("finished", &self.is_finished())
            .finish()
    }
}

impl<T> Pager<T> {
    /// `@odata.deltaLink` of the last page, once the pager has reached it.
    pub fn delta_link(&self) -> Option<&str> {
        self.meta.delta_link.as_deref()
    }

    /// `@odata.count` of the latest page, if the server sent it.
    pub fn odata_count(&self) -> Option<i64> {
        self.meta.count
    }

    /// True when no page remains to be fetched and no item is buffered.
    pub fn is_finished(&self) -> bool {
        self.next.is_none() && self.in_flight.is_none() && self.buffer.is_empty()
    }
}

impl<T: DeserializeOwned + Send + 'static> Pager<T> {
    pub(crate) fn new(client: Client, first: Result<Prepared, Error>) -> Pager<T> {
        let headers = match &first {
            Ok(p) => p
                .headers
                .iter()
                .filter(|(n, _)| !n.eq_ignore_ascii_case("content-type"))
                .cloned()
                .collect(),
            Err(_) => Vec::new(),
        };
        Pager {
            client,
            headers,
            next: Some(first),
            in_flight: None,
            buffer: VecDeque::new(),
            meta: PageMeta::default(),
            pages: 0,
        }
    }

    /// Reads every remaining item of every remaining page.
    pub async fn collect_all(mut self) -> Result<Vec<T>, Error> {
        let mut all: Vec<T> = self.buffer.drain(..).collect();
        while let Some(page) = self.next_page().await {
            all.extend(page?.value);
        }
        Ok(all)
    }

    /// The next page as a whole, or `None` when the collection is exhausted.
    ///
    /// If items of the current page were already taken through the stream,
    /// the rest of that page is returned first.
    pub async fn next_page(&mut self) -> Option<Result<Collection<T>, Error>> {
        if !self.buffer.is_empty() {
            return Some(Ok(self.buffered_page()));
        }
        futures::future::poll_fn(|cx| self.poll_page(cx)).await
    }

    fn buffered_page(&mut self) -> Collection<T> {
        Collection {
            value: self.buffer.drain(..).collect(),
            next_link: self
                .next
                .as_ref()
                .and_then(|n| n.as_ref().ok())
                .map(|p| p.url.clone()),
            count: self.meta.count,
            context: self.meta.context.clone(),
            delta_link: self.meta.delta_link.clone(),
            additional_properties: self.meta.additional_properties.clone(),
        }
    }

    /// Drives the fetch of the next page. Sets up the following request from
    /// its `nextLink` before handing the page out.
    fn poll_page(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Collection<T>, Error>>> {
        if self.in_flight.is_none() {
            match self.next.take() {
                None => return Poll::Ready(None),
                Some(Err(e)) => return Poll::Ready(Some(Err(e))),
                Some(Ok(prepared)) => {
                    let client = self.client.clone();
                    let url = prepared.url.clone();
                    let fut = async move {
                        let resp = client.execute(&prepared).await?;
                        decode_json::<Collection<T>>(&resp)
                    }
                    .boxed();
                    self.in_flight = Some((url, fut));
                }
            }
        }
        let Some((url, fut)) = self.in_flight.as_mut() else {
            return Poll::Ready(None);
        };
        let page = match fut.poll_unpin(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(page) => page,
        };
        let fetched_from = std::mem::take(url);
        self.in_flight = None;
        let page = match page {
            Ok(page) => page,
            Err(e) => return Poll::Ready(Some(Err(e))),
        };
        self.pages += 1;
        if let Some(link) = &page.next_link {
            let next = self.client.check_next_link(link).and_then(|url| {
                if url == fetched_from {
                    Err(Error::InvalidRequest(
                        "@odata.nextLink points back to the page just fetched".into(),
                    ))
                } else {
                    Ok(Prepared {
                        method: Method::Get,
                        url,
                        headers: self.headers.clone(),
                        body: None,
                    })
                }
            });
            self.next = Some(next);
        }
        self.meta = PageMeta {
            count: page.count,
            context: page.context.clone(),
            delta_link: page.delta_link.clone(),
            additional_properties: page.additional_properties.clone(),
        };
        Poll::Ready(Some(Ok(page)))
    }
}

impl<T: DeserializeOwned + Send + 'static> Stream for Pager<T> {
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if let Some(item) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match this.poll_page(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(e))) => {
                    this.next = None;
                    return Poll::Ready(Some(Err(e)));
                }
                Poll::Ready(Some(Ok(page))) => this.buffer.extend(page.value),
            }
        }
    }
}
