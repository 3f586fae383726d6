//! Error types. Policy: a document that cannot be read at all (not XML, a DTD, over a limit)
//! is a [`ParseError`]; a readable document that breaks CAP rules is reported as a list of
//! [`Diagnostic`]s, never only the first; [`CapError`] joins both for callers who want an
//! alert or a reason.

use crate::diag::{Code, Diagnostic, Severity};

/// Why a document could not be read at all. Nothing after the problem is examined.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The input is larger than [`Limits::max_input_bytes`](crate::Limits::max_input_bytes).
    #[error("the document is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The configured limit.
        limit: usize,
    },
    /// The document has a DTD (`<!DOCTYPE`) or entity declaration: refused to prevent XXE
    /// and entity-expansion attacks.
    #[error(
        "the document contains a DTD or entity declaration (<!DOCTYPE / <!ENTITY); refused for safety"
    )]
    DtdForbidden,
    /// The input is not UTF-8, or declares another encoding.
    #[error("the document is not UTF-8: {0}")]
    Encoding(String),
    /// The input is not well-formed XML (or uses an undeclared entity or namespace prefix).
    #[error("the document is not well-formed XML at byte {offset}: {message}")]
    Malformed {
        /// Byte offset where the problem was found.
        offset: u64,
        /// What is wrong.
        message: String,
    },
    /// A configured limit was exceeded.
    #[error("the document has more {what} than the limit of {limit}")]
    LimitExceeded {
        /// What was counted ("levels of nesting", "info blocks", ...).
        what: &'static str,
        /// The configured limit.
        limit: usize,
    },
    /// The root element is not `<alert>` in the CAP 1.2 namespace.
    #[error(
        "the root element is {found}, not <alert> in namespace urn:oasis:names:tc:emergency:cap:1.2"
    )]
    NotCapAlert {
        /// The root element found, as `{namespace}local` or `local`.
        found: String,
    },
}

impl ParseError {
    /// The stable diagnostic code for this error.
    pub fn code(&self) -> Code {
        match self {
            Self::TooLarge { .. } | Self::LimitExceeded { .. } => Code::LimitExceeded,
            Self::DtdForbidden => Code::DtdForbidden,
            Self::Encoding(_) => Code::InvalidEncoding,
            Self::Malformed { .. } => Code::XmlMalformed,
            Self::NotCapAlert { .. } => Code::NotCapAlert,
        }
    }

    /// This error as a diagnostic at `path`.
    pub fn to_diagnostic(&self, path: &str) -> Diagnostic {
        Diagnostic {
            code: self.code(),
            path: path.to_owned(),
            message: self.to_string(),
            severity: Severity::Error,
        }
    }
}

/// Why [`parse`](crate::parse) returned no alert.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CapError {
    /// The document could not be read at all.
    #[error(transparent)]
    Unreadable(#[from] ParseError),
    /// The document was read but breaks CAP rules; every problem found is listed
    /// (warnings included).
    #[error("the alert is not valid CAP 1.2: {}", summary(.0))]
    Invalid(Vec<Diagnostic>),
}

fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
    match errors.first() {
        None => "no errors".to_owned(),
        Some(first) if errors.len() == 1 => first.to_string(),
        Some(first) => format!("{first} (and {} more errors)", errors.len() - 1),
    }
}
