//! Typed identifiers: member states, bodies, partner organisations, accounts, notes, log indexes.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A value that does not have the shape its type requires.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a valid {what}: {rule}")]
pub struct ParseError {
    /// What was being parsed ("state code", "language tag", ...).
    pub what: &'static str,
    /// The offending input, truncated to 80 characters.
    pub value: String,
    /// The rule it breaks, in words.
    pub rule: &'static str,
}

impl ParseError {
    pub(crate) fn new(what: &'static str, value: &str, rule: &'static str) -> Self {
        Self {
            what,
            value: value.chars().take(80).collect(),
            rule,
        }
    }
}

/// A member, observer or partner state: an ISO 3166-1 alpha-2 code, two uppercase ASCII letters.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct StateCode([u8; 2]);

impl StateCode {
    /// Parses `"RU"`; lowercase or any other shape is refused.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        match text.as_bytes() {
            [a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() => Ok(Self([*a, *b])),
            _ => Err(ParseError::new(
                "state code",
                text,
                "an ISO 3166-1 alpha-2 code is two uppercase letters A-Z",
            )),
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

/// Checks a lowercase slug: `[a-z][a-z0-9-]*`, at most `max` bytes, no trailing or doubled `-`.
fn check_slug(what: &'static str, text: &str, max: usize) -> Result<(), ParseError> {
    let bytes = text.as_bytes();
    let ok = !bytes.is_empty()
        && bytes.len() <= max
        && bytes[0].is_ascii_lowercase()
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        && !text.ends_with('-')
        && !text.contains("--");
    if ok {
        Ok(())
    } else {
        Err(ParseError::new(
            what,
            text,
            "use lowercase letters, digits and single hyphens, starting with a letter (at most 32)",
        ))
    }
}

/// A body of the organisation (`csc`, `cfm`, `secretariat`, ...): a lowercase slug.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct BodyId(String);

impl BodyId {
    /// Parses a slug such as `"cfm"` or `"joint-staff"`.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        check_slug("body id", text, 32).map(|()| Self(text.to_owned()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A partner organisation (`sco-rats`, `cis-atc`): a lowercase slug.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PartnerId(String);

impl PartnerId {
    /// Parses a slug such as `"sco-rats"`.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        check_slug("partner id", text, 32).map(|()| Self(text.to_owned()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An account: `[a-z0-9][a-z0-9._-]*`, at most 64 bytes; `system` and `anonymous` are reserved.
///
/// Only the id, the affiliation and the roles of an account are in the log; its credentials and
/// personal details are kept by the store.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AccountId(String);

impl AccountId {
    /// Parses an account id such as `"ru.delegate"`.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let bytes = text.as_bytes();
        let shape = !bytes.is_empty()
            && bytes.len() <= 64
            && (bytes[0].is_ascii_lowercase() || bytes[0].is_ascii_digit())
            && bytes.iter().all(|b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
            });
        if !shape {
            return Err(ParseError::new(
                "account id",
                text,
                "use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit (at most 64)",
            ));
        }
        if matches!(text, "system" | "anonymous") {
            return Err(ParseError::new("account id", text, "this name is reserved"));
        }
        Ok(Self(text.to_owned()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Who did something, as the log's envelope records it: `system` (the organisation's server
/// acting by its rules) or an account id.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Actor {
    /// The organisation's own server.
    System,
    /// A signed-in account.
    Account(AccountId),
}

impl Actor {
    /// Parses `system` or an account id.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        if text == "system" {
            Ok(Actor::System)
        } else {
            AccountId::parse(text).map(Actor::Account)
        }
    }

    /// The actor as text.
    pub fn as_str(&self) -> &str {
        match self {
            Actor::System => "system",
            Actor::Account(account) => account.as_str(),
        }
    }
}

/// The index of an entry in the log (0 for the first entry).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LogIndex(pub u64);

/// A free note, numbered from 1 in the order the notes were recorded.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NoteId(pub u64);

/// The string form of a value that has `parse` and `Display`: `FromStr`, and the
/// `TryFrom<String>` / `Into<String>` pair serde's `try_from`/`into` attributes use.
macro_rules! string_form {
    ($($ty:ident),*) => {$(
        impl std::str::FromStr for $ty {
            type Err = ParseError;
            fn from_str(text: &str) -> Result<Self, ParseError> {
                Self::parse(text)
            }
        }
        impl TryFrom<String> for $ty {
            type Error = ParseError;
            fn try_from(text: String) -> Result<Self, ParseError> {
                Self::parse(&text)
            }
        }
        impl From<$ty> for String {
            fn from(value: $ty) -> String {
                value.to_string()
            }
        }
    )*};
}

/// `Display` and `Debug` of a value with `as_str`, and its string form.
macro_rules! text_impls {
    ($($ty:ident),*) => {$(
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($ty), self.as_str())
            }
        }
        $crate::ids::string_form!($ty);
    )*};
}

text_impls!(StateCode, BodyId, PartnerId, AccountId, Actor);
pub(crate) use {string_form, text_impls};

impl fmt::Display for LogIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for NoteId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_codes_are_two_uppercase_letters() {
        assert_eq!(
            StateCode::parse("RU").map(|c| c.to_string()),
            Ok("RU".into())
        );
        for bad in ["ru", "R", "RUS", "R1", "", "Ру"] {
            assert!(StateCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn slugs_refuse_uppercase_spaces_and_stray_hyphens() {
        assert!(BodyId::parse("joint-staff").is_ok());
        for bad in ["", "Cfm", "1cfm", "a b", "a-", "a--b", &"a".repeat(33)] {
            assert!(BodyId::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn account_ids_refuse_reserved_names() {
        assert!(AccountId::parse("ru.delegate_1").is_ok());
        assert!(AccountId::parse("system").is_err());
        assert!(AccountId::parse("anonymous").is_err());
        assert!(AccountId::parse(".x").is_err());
    }
}
