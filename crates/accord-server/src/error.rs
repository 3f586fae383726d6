//! Errors as the server answers them.
//!
//! Policy: handlers return [`AppError`]; it maps domain errors, policy denials and bad input to
//! a status code and an RFC 9457 problem document that names the broken rule or the bad fields.
//! Internal failures are logged once, here, with their cause, and answered with a bare 500 that
//! leaks nothing. Page routes turn any error into a page in the reader's language (see
//! `pages::error`), using the [`Problem`] this module leaves in the response's extensions.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use accord_core::DomainError;
use accord_core::policy::Denial;
use accord_store::{StoreError, SubmitError};

/// A field that failed validation, named as the client sent it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    /// The field (`text.ru`, `classification`).
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Nothing at this address.
    #[error("there is nothing at this address")]
    NotFound,
    /// The reader is not signed in and the resource needs it.
    #[error("{0}")]
    SignIn(Denial),
    /// The policy said no.
    #[error("{0}")]
    Forbidden(Denial),
    /// A form's CSRF token is missing or wrong.
    #[error("the form's CSRF token is missing or does not match this session; reload the page")]
    Csrf,
    /// A witness key that is not configured.
    #[error("{0}")]
    UnknownWitness(String),
    /// The request is malformed (bad syntax, unreadable JSON).
    #[error("{0}")]
    BadRequest(String),
    /// Fields failed validation.
    #[error("{} field(s) are not valid", .0.len())]
    Invalid(Vec<FieldError>),
    /// A command broke a rule of the organisation.
    #[error(transparent)]
    Rule(DomainError),
    /// A proof or a signature does not check out.
    #[error("{0}")]
    Unverifiable(String),
    /// The request conflicts with the log's state.
    #[error("{0}")]
    Conflict(String),
    /// Too many failed sign-ins.
    #[error("too many failed attempts; try again in {retry_after} seconds")]
    Throttled {
        /// Seconds to wait.
        retry_after: u64,
    },
    /// The body is larger than the route accepts.
    #[error("the request body is larger than the server accepts")]
    TooLarge,
    /// Sign-in failed.
    #[error("the user name or the password is wrong")]
    BadCredentials,
    /// The server failed; the cause is logged, not shown.
    #[error("internal error")]
    Internal(String),
    /// The server is not ready (stopping, or the journal halted).
    #[error("{0}")]
    Unavailable(String),
}

/// The problem document (RFC 9457), also kept in the response's extensions for error pages.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem.
    #[serde(rename = "type")]
    pub kind: String,
    /// A short summary of the kind.
    pub title: String,
    /// The status code.
    pub status: u16,
    /// What went wrong in this case.
    pub detail: String,
    /// For rule violations: the rule's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// For invalid input: each bad field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

impl AppError {
    /// An internal failure: logs the cause once and hides it from the client.
    pub fn internal(context: &str, cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "{context}");
        AppError::Internal(context.to_owned())
    }

    fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::SignIn(_) | AppError::BadCredentials => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) | AppError::Csrf | AppError::UnknownWitness(_) => {
                StatusCode::FORBIDDEN
            }
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Invalid(_) | AppError::Rule(_) | AppError::Unverifiable(_) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    fn slug(&self) -> &'static str {
        match self {
            AppError::NotFound => "not-found",
            AppError::SignIn(_) => "sign-in-required",
            AppError::Forbidden(_) => "forbidden",
            AppError::Csrf => "csrf",
            AppError::UnknownWitness(_) => "unknown-witness",
            AppError::BadRequest(_) => "bad-request",
            AppError::Invalid(_) => "invalid-fields",
            AppError::Rule(_) => "rule-broken",
            AppError::Unverifiable(_) => "unverifiable",
            AppError::Conflict(_) => "conflict",
            AppError::Throttled { .. } => "throttled",
            AppError::TooLarge => "too-large",
            AppError::BadCredentials => "bad-credentials",
            AppError::Internal(_) => "internal",
            AppError::Unavailable(_) => "unavailable",
        }
    }

    /// The problem document for this error.
    pub fn problem(&self) -> Problem {
        let status = self.status();
        Problem {
            kind: format!("https://accord.example/problems/{}", self.slug()),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: self.to_string(),
            rule: match self {
                AppError::Rule(e) => Some(e.code().to_owned()),
                _ => None,
            },
            errors: match self {
                AppError::Invalid(errors) => errors.clone(),
                _ => Vec::new(),
            },
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let problem = self.problem();
        let status = self.status();
        let mut response = (status, Json(&problem)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let AppError::Throttled { retry_after } = self
            && let Ok(value) = HeaderValue::from_str(&retry_after.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response.extensions_mut().insert(problem);
        response
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError::internal("the store failed", e)
    }
}

impl From<SubmitError> for AppError {
    fn from(e: SubmitError) -> Self {
        match e {
            SubmitError::Rejected(DomainError::AccessDenied(denial)) => AppError::Forbidden(denial),
            SubmitError::Rejected(rule) => AppError::Rule(rule),
            SubmitError::Stopped | SubmitError::Halted => AppError::Unavailable(e.to_string()),
            SubmitError::Seal(_) | SubmitError::Store(_) => {
                AppError::internal("a command could not be committed", e)
            }
        }
    }
}
