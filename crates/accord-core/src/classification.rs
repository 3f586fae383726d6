//! Classification levels of records: public, restricted, confidential.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::ParseError;

/// How widely a record may be read; ordered from the most open to the most closed.
///
/// - `public`: anyone, including the anonymous public.
/// - `restricted`: member-state delegations and the organisation's staff; observers, partners
///   and others only when the record is released to them.
/// - `confidential`: only the bodies and people the record names.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Classification {
    /// Anyone may read it.
    Public,
    /// Members and staff; others when released to them.
    Restricted,
    /// Only the named bodies and people.
    Confidential,
}

impl Classification {
    /// Every level, from the most open.
    pub const ALL: [Classification; 3] = [
        Classification::Public,
        Classification::Restricted,
        Classification::Confidential,
    ];

    /// The level's name in the log and in configuration.
    pub fn as_str(&self) -> &'static str {
        match self {
            Classification::Public => "public",
            Classification::Restricted => "restricted",
            Classification::Confidential => "confidential",
        }
    }

    /// Parses `public`, `restricted` or `confidential`.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == text)
            .ok_or_else(|| {
                ParseError::new(
                    "classification",
                    text,
                    "use public, restricted or confidential",
                )
            })
    }
}

impl fmt::Display for Classification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
