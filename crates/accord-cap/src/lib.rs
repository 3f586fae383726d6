#![doc = include_str!("../README.md")]

mod diag;
mod emit;
mod error;
mod feed;
mod geo;
mod limits;
mod model;
mod read;
mod rules;
mod xml;

pub use diag::{Code, Diagnostic, Severity};
pub use emit::emit;
pub use error::{CapError, ParseError};
pub use feed::{
    Feed, FeedEntry, FeedKind, MAX_ENTRY_DIAGNOSTICS, SkippedEntry, parse_feed, parse_feed_with,
};
pub use geo::{Circle, GeoError, Point, Polygon};
pub use limits::Limits;
pub use model::datetime::{CapDateTime, DateTimeError};
pub use model::values::{
    AbsoluteUri, Addresses, DerefUri, Identifier, Language, MimeType, Reference, Sender,
    Sha1Digest, ValueError,
};
pub use model::vocab;
pub use model::{Alert, Area, Info, NamedValue, Resource, Signature};

use xml::{Cursor, Ns};

/// The outcome of validating one document: every problem found, and the alert when
/// there is no error (warnings allowed).
#[derive(Debug, Clone, PartialEq)]
pub struct Validation {
    /// The typed alert; `Some` exactly when no diagnostic is an error.
    pub alert: Option<Alert>,
    /// Every problem found, in document order; errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// Set when the document could not be read at all (not XML, a DTD, over a limit); its
    /// diagnostic is also in `diagnostics`.
    pub unreadable: Option<ParseError>,
}

impl Validation {
    /// Whether the document is a valid CAP 1.2 alert.
    pub fn is_valid(&self) -> bool {
        self.alert.is_some()
    }

    /// The alert, or why there is none.
    pub fn into_result(self) -> Result<Alert, CapError> {
        match (self.alert, self.unreadable) {
            (Some(alert), _) => Ok(alert),
            (None, Some(e)) => Err(CapError::Unreadable(e)),
            (None, None) => Err(CapError::Invalid(self.diagnostics)),
        }
    }
}

/// Validates a CAP 1.2 document with the default [`Limits`].
pub fn validate(input: &[u8]) -> Validation {
    validate_with(input, &Limits::DEFAULT)
}

/// Validates a CAP 1.2 document: reads it within `limits`, checks every rule and reports
/// every problem.
pub fn validate_with(input: &[u8], limits: &Limits) -> Validation {
    let text = match xml::prescan(input, limits) {
        Ok(text) => text,
        Err(e) => return unreadable(Vec::new(), e),
    };
    let mut cur = Cursor::new(text, limits);
    let read = (|| {
        let root = cur.root()?;
        if root.ns != Ns::Cap || root.local != "alert" {
            return Err(ParseError::NotCapAlert {
                found: format!("<{}>", root.qname),
            });
        }
        let alert = read::read_alert(&mut cur, &root)?;
        cur.finish()?;
        Ok(alert)
    })();
    let diagnostics = std::mem::take(&mut cur.diags);
    match read {
        Ok(alert) => finish(alert, diagnostics),
        Err(e) => unreadable(diagnostics, e),
    }
}

fn finish(alert: Option<Alert>, diagnostics: Vec<Diagnostic>) -> Validation {
    let valid = !diagnostics.iter().any(Diagnostic::is_error);
    Validation {
        alert: alert.filter(|_| valid),
        diagnostics,
        unreadable: None,
    }
}

fn unreadable(mut diagnostics: Vec<Diagnostic>, e: ParseError) -> Validation {
    diagnostics.push(e.to_diagnostic("/"));
    Validation {
        alert: None,
        diagnostics,
        unreadable: Some(e),
    }
}

/// Parses a valid CAP 1.2 alert with the default [`Limits`].
pub fn parse(input: &[u8]) -> Result<Alert, CapError> {
    validate(input).into_result()
}

/// Parses a valid CAP 1.2 alert within `limits`.
pub fn parse_with(input: &[u8], limits: &Limits) -> Result<Alert, CapError> {
    validate_with(input, limits).into_result()
}
