//! Languages (a BCP 47 subset) and `Text`, a value per language with the authentic one marked.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::{ParseError, text_impls};

/// A language tag, a subset of BCP 47: a primary language subtag of two or three lowercase
/// letters (`ru`, `en`, `hy`, `kk`), optionally followed by a region (`en-GB`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Lang {
    bytes: [u8; 6],
    len: u8,
}

impl Lang {
    /// Parses `"ru"` or `"en-GB"`.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let (primary, region) = match text.split_once('-') {
            Some((p, r)) => (p, Some(r)),
            None => (text, None),
        };
        let primary_ok =
            (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
        let region_ok =
            region.is_none_or(|r| r.len() == 2 && r.bytes().all(|b| b.is_ascii_uppercase()));
        if !primary_ok || !region_ok {
            return Err(ParseError::new(
                "language tag",
                text,
                "use a two- or three-letter lowercase language code, optionally with a region (ru, en, en-GB)",
            ));
        }
        let mut bytes = [0u8; 6];
        bytes[..text.len()].copy_from_slice(text.as_bytes());
        let len = u8::try_from(text.len()).unwrap_or(0);
        Ok(Self { bytes, len })
    }

    /// The tag as text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("")
    }
}

text_impls!(Lang);

/// A text that has no value in its authentic language, or an empty value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// The value in some language is empty or only whitespace.
    #[error("the {0} text is empty")]
    Empty(Lang),
    /// The authentic language has no value.
    #[error("there is no text in the authentic language {0}")]
    NoAuthentic(Lang),
}

/// A value per language, with the authentic language marked.
///
/// The authentic value is always present; any other language may be missing, and a missing
/// translation stays visible as missing: [`Text::get`] returns `None`, and [`Text::localized`]
/// says when it fell back to the authentic text. Nothing is ever filled in silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "TextRepr", into = "TextRepr")]
pub struct Text {
    authentic: Lang,
    /// Values in tag order, one per language. A sorted vector: a text has a handful of
    /// languages, and the state holds many texts, so a map's nodes would cost far more.
    values: Vec<(Lang, Box<str>)>,
}

/// What [`Text::localized`] found for a requested language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Localized<'a> {
    /// The text in the requested language.
    Found(&'a str),
    /// No translation into the requested language: the authentic text, in language `from`.
    Fallback {
        /// The authentic language the text is in.
        from: Lang,
        /// The authentic text.
        text: &'a str,
    },
}

impl<'a> Localized<'a> {
    /// The text, whichever language it is in.
    pub fn text(&self) -> &'a str {
        match self {
            Localized::Found(text) | Localized::Fallback { text, .. } => text,
        }
    }

    /// Whether this is the authentic text standing in for a missing translation.
    pub fn is_fallback(&self) -> bool {
        matches!(self, Localized::Fallback { .. })
    }
}

impl Text {
    /// A text with only its authentic value.
    pub fn new(authentic: Lang, value: impl Into<String>) -> Result<Self, TextError> {
        Self::from_map(authentic, BTreeMap::from([(authentic, value.into())]))
    }

    /// A text from values per language; `authentic` must be among them and none may be empty.
    pub fn from_map(authentic: Lang, values: BTreeMap<Lang, String>) -> Result<Self, TextError> {
        if let Some((lang, _)) = values.iter().find(|(_, v)| v.trim().is_empty()) {
            return Err(TextError::Empty(*lang));
        }
        if !values.contains_key(&authentic) {
            return Err(TextError::NoAuthentic(authentic));
        }
        Ok(Self {
            authentic,
            values: values
                .into_iter()
                .map(|(l, v)| (l, v.into_boxed_str()))
                .collect(),
        })
    }

    /// The same text with a translation added or replaced.
    pub fn with(mut self, lang: Lang, value: impl Into<String>) -> Result<Self, TextError> {
        let value = value.into();
        if value.trim().is_empty() {
            return Err(TextError::Empty(lang));
        }
        match self.values.binary_search_by_key(&lang, |(l, _)| *l) {
            Ok(at) => self.values[at].1 = value.into_boxed_str(),
            Err(at) => self.values.insert(at, (lang, value.into_boxed_str())),
        }
        Ok(self)
    }

    /// The authentic language.
    pub fn authentic(&self) -> Lang {
        self.authentic
    }

    /// The authentic text.
    pub fn authentic_text(&self) -> &str {
        self.get(self.authentic).unwrap_or("")
    }

    /// The text in `lang`, or `None` when there is no translation into it.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        self.values
            .binary_search_by_key(&lang, |(l, _)| *l)
            .ok()
            .map(|at| &*self.values[at].1)
    }

    /// The text in `lang`, or the authentic text marked as a fallback.
    pub fn localized(&self, lang: Lang) -> Localized<'_> {
        match self.get(lang) {
            Some(text) => Localized::Found(text),
            None => Localized::Fallback {
                from: self.authentic,
                text: self.authentic_text(),
            },
        }
    }

    /// The languages this text has a value in, in tag order.
    pub fn languages(&self) -> impl Iterator<Item = Lang> + '_ {
        self.values.iter().map(|(l, _)| *l)
    }

    /// Each language with its value, in tag order.
    pub fn iter(&self) -> impl Iterator<Item = (Lang, &str)> + '_ {
        self.values.iter().map(|(l, v)| (*l, &**v))
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.authentic_text())
    }
}

/// The JSON form: `{"authentic":"ru","values":{"en":"…","ru":"…"}}`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TextRepr {
    authentic: Lang,
    values: BTreeMap<Lang, String>,
}

impl TryFrom<TextRepr> for Text {
    type Error = TextError;
    fn try_from(repr: TextRepr) -> Result<Self, TextError> {
        Text::from_map(repr.authentic, repr.values)
    }
}

impl From<Text> for TextRepr {
    fn from(text: Text) -> Self {
        TextRepr {
            authentic: text.authentic,
            values: text
                .values
                .into_iter()
                .map(|(l, v)| (l, v.into_string()))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(s: &str) -> Lang {
        Lang::parse(s).expect("valid tag")
    }

    #[test]
    fn language_tags_are_a_bcp47_subset() {
        for good in ["ru", "en", "kk", "hye", "en-GB"] {
            assert_eq!(lang(good).as_str(), good);
        }
        for bad in ["", "r", "RU", "russ", "en-gb", "en-GBR", "en_GB", "ru-"] {
            assert!(Lang::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_missing_translation_is_visible_as_missing() {
        let text = Text::new(lang("ru"), "Заявление").expect("text");
        assert_eq!(text.get(lang("en")), None);
        assert_eq!(
            text.localized(lang("en")),
            Localized::Fallback {
                from: lang("ru"),
                text: "Заявление"
            }
        );
        let text = text.with(lang("en"), "Statement").expect("text");
        assert_eq!(text.localized(lang("en")), Localized::Found("Statement"));
    }

    #[test]
    fn a_text_needs_its_authentic_value_and_no_empty_values() {
        assert_eq!(
            Text::from_map(lang("ru"), BTreeMap::from([(lang("en"), "x".into())])),
            Err(TextError::NoAuthentic(lang("ru")))
        );
        assert_eq!(
            Text::new(lang("ru"), "  "),
            Err(TextError::Empty(lang("ru")))
        );
    }

    #[test]
    fn text_json_round_trips_and_refuses_a_missing_authentic_value() {
        let text = Text::new(lang("ru"), "Да")
            .and_then(|t| t.with(lang("en"), "Yes"))
            .expect("text");
        let json = serde_json::to_string(&text).expect("json");
        assert_eq!(
            json,
            r#"{"authentic":"ru","values":{"en":"Yes","ru":"Да"}}"#
        );
        assert_eq!(serde_json::from_str::<Text>(&json).ok(), Some(text));
        assert!(serde_json::from_str::<Text>(r#"{"authentic":"ru","values":{"en":"x"}}"#).is_err());
    }
}
