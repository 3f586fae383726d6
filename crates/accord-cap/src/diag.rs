//! Diagnostics: every problem found in a document, with a stable code, the path to the
//! element, a message a duty officer understands, and a severity.

use std::fmt;

use serde::Serialize;

/// How serious a problem is: errors make an alert invalid, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The alert is not valid CAP 1.2.
    Error,
    /// Allowed, but worth fixing (e.g. HTML markup in a text field).
    Warning,
}

/// Stable diagnostic codes. Their spelling ([`Code::as_str`]) is part of the API: tools and
/// partners match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Code {
    /// A required element is absent (including `restriction` with scope Restricted and
    /// `addresses` with scope Private).
    MissingRequiredElement,
    /// A date-time is not `YYYY-MM-DDThh:mm:ss±hh:mm` or not a real date.
    InvalidDate,
    /// A closed-vocabulary value (status, msgType, scope, category, ...) is not one of its values.
    InvalidEnumValue,
    /// An element that CAP 1.2 does not define here (often a misspelling).
    UnknownElement,
    /// An attribute that CAP 1.2 does not define.
    UnknownAttribute,
    /// Character data where only elements may appear.
    UnexpectedText,
    /// Elements out of the schema's sequence.
    WrongOrder,
    /// A second occurrence of an element that may occur once.
    DuplicateElement,
    /// `identifier` or `sender` is empty or has spaces, commas, `<` or `&`.
    InvalidIdentifier,
    /// `references` is not a list of `sender,identifier,sent` or refers to itself or to a
    /// later message.
    InvalidReferences,
    /// `addresses` has an unterminated quoted item.
    InvalidAddresses,
    /// `restriction` given although scope is not Restricted.
    InvalidRestriction,
    /// A polygon is malformed: fewer than 4 points, out of range, not closed, degenerate.
    InvalidPolygon,
    /// A polygon's edges cross or touch each other.
    PolygonSelfIntersection,
    /// A circle is not `lat,lon radius` in range.
    InvalidCircle,
    /// An area's `altitude`/`ceiling` are inconsistent.
    InvalidArea,
    /// A number (`size`, `altitude`, `ceiling`) is malformed.
    InvalidNumber,
    /// `language` is not an RFC 3066 tag.
    InvalidLanguage,
    /// `mimeType` is not an RFC 2046 type/subtype.
    InvalidMimeType,
    /// `derefUri` is not base64.
    InvalidDerefUri,
    /// `digest` is not a SHA-1 hex digest.
    InvalidDigest,
    /// `web` is not an absolute URI, or `uri` is not a URI.
    InvalidUri,
    /// A resource with a relative `uri` and no `derefUri`.
    InvalidResource,
    /// HTML markup in a text field (a warning).
    HtmlInText,
    /// The document is not well-formed XML.
    XmlMalformed,
    /// The document has a DTD or entity declaration.
    DtdForbidden,
    /// The document is not UTF-8.
    InvalidEncoding,
    /// The document exceeds a configured limit.
    LimitExceeded,
    /// The root element is not a CAP 1.2 `<alert>`.
    NotCapAlert,
}

impl Code {
    /// The stable spelling, e.g. `MISSING_REQUIRED_ELEMENT`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MissingRequiredElement => "MISSING_REQUIRED_ELEMENT",
            Self::InvalidDate => "INVALID_DATE",
            Self::InvalidEnumValue => "INVALID_ENUM_VALUE",
            Self::UnknownElement => "UNKNOWN_ELEMENT",
            Self::UnknownAttribute => "UNKNOWN_ATTRIBUTE",
            Self::UnexpectedText => "UNEXPECTED_TEXT",
            Self::WrongOrder => "WRONG_ORDER",
            Self::DuplicateElement => "DUPLICATE_ELEMENT",
            Self::InvalidIdentifier => "INVALID_IDENTIFIER",
            Self::InvalidReferences => "INVALID_REFERENCES",
            Self::InvalidAddresses => "INVALID_ADDRESSES",
            Self::InvalidRestriction => "INVALID_RESTRICTION",
            Self::InvalidPolygon => "INVALID_POLYGON",
            Self::PolygonSelfIntersection => "POLYGON_SELF_INTERSECTION",
            Self::InvalidCircle => "INVALID_CIRCLE",
            Self::InvalidArea => "INVALID_AREA",
            Self::InvalidNumber => "INVALID_NUMBER",
            Self::InvalidLanguage => "INVALID_LANGUAGE",
            Self::InvalidMimeType => "INVALID_MIME_TYPE",
            Self::InvalidDerefUri => "INVALID_DEREF_URI",
            Self::InvalidDigest => "INVALID_DIGEST",
            Self::InvalidUri => "INVALID_URI",
            Self::InvalidResource => "INVALID_RESOURCE",
            Self::HtmlInText => "HTML_IN_TEXT",
            Self::XmlMalformed => "XML_MALFORMED",
            Self::DtdForbidden => "DTD_FORBIDDEN",
            Self::InvalidEncoding => "INVALID_ENCODING",
            Self::LimitExceeded => "LIMIT_EXCEEDED",
            Self::NotCapAlert => "NOT_CAP_ALERT",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One problem in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable code.
    pub code: Code,
    /// Path to the element, e.g. `/alert/info[2]/area[1]/polygon[1]`; repeatable elements
    /// carry a 1-based index.
    pub path: String,
    /// What is wrong, in words a duty officer understands.
    pub message: String,
    /// Error or warning.
    pub severity: Severity,
}

impl Diagnostic {
    /// Whether this problem makes the alert invalid.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{level} {} at {}: {}",
            self.code, self.path, self.message
        )
    }
}
