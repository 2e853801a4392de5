//! A JSON body parsed only when the handler asks for it. axum runs a
//! `Json` extractor before the handler, so a caller without access would
//! learn from a 400 or 422 that the route exists and what it expects;
//! handlers take a `JsonBody`, decide access first and parse after.

use crate::problem::Problem;
use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, Request};
use axum::http::request::Parts;
use axum::Json;
use serde::de::DeserializeOwned;
use std::convert::Infallible;

/// The request's head and its body, read but not yet judged.
pub struct JsonBody {
    head: Parts,
    /// Read up front (within the body limit) so that a refusal leaves the
    /// connection reusable: hyper closes one whose body was left unread.
    /// A failure to read waits for `parse`, behind the access check.
    read: Result<Bytes, BytesRejection>,
}

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = Infallible;

    async fn from_request(request: Request, state: &S) -> Result<Self, Infallible> {
        let (head, body) = request.into_parts();
        let read = Bytes::from_request(Request::from_parts(head.clone(), body), state).await;
        Ok(JsonBody { head, read })
    }
}

impl JsonBody {
    /// Parses with axum's own `Json` (content type, syntax, schema), so a
    /// permitted caller gets the answers it always got.
    pub async fn parse<T: DeserializeOwned>(self) -> Result<T, Problem> {
        let bytes = self
            .read
            .map_err(|rejection| Problem::unreadable(rejection.status(), &rejection.body_text()))?;
        let request = Request::from_parts(self.head, Body::from(bytes));
        let Json(value) = Json::<T>::from_request(request, &())
            .await
            .map_err(|rejection| Problem::unreadable(rejection.status(), &rejection.body_text()))?;
        Ok(value)
    }
}
