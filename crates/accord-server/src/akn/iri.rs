//! Akoma Ntoso IRIs as Accord writes them, and the ISO 639-2/B language codes they carry.
//!
//! The schema checks neither, so this module does: an IRI is
//! `/akn/<jurisdiction>/<doctype>/<subtype>/<actor>/<date>/<number>` (the Work), then
//! `/<lang3>@<date>` (an Expression), then optionally `/!main` (the main component) or
//! `/!main.xml` (the Manifestation, only after an Expression).

use super::AknError;

/// The Akoma Ntoso document types, which are also the `<doctype>` segment of an IRI.
const DOCUMENT_TYPES: [&str; 12] = [
    "act",
    "amendment",
    "amendmentList",
    "bill",
    "debate",
    "debateReport",
    "doc",
    "documentCollection",
    "judgment",
    "officialGazette",
    "portion",
    "statement",
];

/// BCP 47 primary language subtags and their ISO 639-2/B (bibliographic) codes: the member
/// states' languages, the UN's official languages and German.
const LANGUAGES: [(&str, &str); 18] = [
    ("ar", "ara"),
    ("az", "aze"),
    ("be", "bel"),
    ("de", "ger"),
    ("en", "eng"),
    ("es", "spa"),
    ("fr", "fre"),
    ("hy", "arm"),
    ("ka", "geo"),
    ("kk", "kaz"),
    ("ky", "kir"),
    ("mn", "mon"),
    ("ru", "rus"),
    ("tg", "tgk"),
    ("tk", "tuk"),
    ("uk", "ukr"),
    ("uz", "uzb"),
    ("zh", "chi"),
];

/// The ISO 639-2/B code (`rus`, `eng`, `arm`, `fre`, `chi`, `ger`) for a BCP 47 language tag
/// (`ru`, `en-GB`): its primary subtag decides. A language without a known code is an error.
pub fn language_code(tag: &str) -> Result<&'static str, AknError> {
    let primary = tag.split('-').next().unwrap_or_default();
    LANGUAGES
        .iter()
        .find(|(two, _)| two.eq_ignore_ascii_case(primary))
        .map(|(_, three)| *three)
        .ok_or_else(|| AknError::UnknownLanguage(tag.to_owned()))
}

/// An Akoma Ntoso IRI taken apart by [`parse_iri`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AknIri {
    /// The organisation, lowercased (`csto`).
    pub jurisdiction: String,
    /// The Akoma Ntoso document type (`statement`, `doc`, `act`, …).
    pub doctype: String,
    /// The document's `@name` (`statement`, `plan`, `agreement`, `package`, …).
    pub subtype: String,
    /// `<org>-<body>` (`csto-cfm`).
    pub actor: String,
    /// The Work's date, `YYYY-MM-DD`.
    pub date: String,
    /// The number, final or temporary.
    pub number: String,
    /// For an Expression or Manifestation: the ISO 639-2/B language code.
    pub language: Option<String>,
    /// For an Expression or Manifestation: the version date, `YYYY-MM-DD`.
    pub version: Option<String>,
    /// `main` or `main.xml` when the IRI names a component (`/!main`) or the Manifestation
    /// (`/!main.xml`).
    pub component: Option<String>,
}

/// Checks that `iri` is an Akoma Ntoso IRI of the shape Accord writes (see the module's
/// documentation); the error names what is wrong.
pub fn check_iri(iri: &str) -> Result<(), AknError> {
    parse_iri(iri).map(|_| ())
}

/// Takes an Akoma Ntoso IRI apart, checking every segment; the error names what is wrong.
pub fn parse_iri(iri: &str) -> Result<AknIri, AknError> {
    let bad = |problem: String| AknError::BadIri {
        iri: iri.to_owned(),
        problem,
    };
    let rest = iri
        .strip_prefix("/akn/")
        .ok_or_else(|| bad("it does not start with /akn/".to_owned()))?;
    let segments: Vec<&str> = rest.split('/').collect();
    if let Some(at) = segments.iter().position(|s| s.is_empty()) {
        return Err(bad(format!("segment {} after /akn/ is empty", at + 1)));
    }
    let [
        jurisdiction,
        doctype,
        subtype,
        actor,
        date,
        number,
        tail @ ..,
    ] = segments.as_slice()
    else {
        return Err(bad(format!(
            "it has {} segments after /akn/ where \
             jurisdiction/doctype/subtype/actor/date/number are needed",
            segments.len()
        )));
    };
    check_jurisdiction(jurisdiction).map_err(&bad)?;
    if !DOCUMENT_TYPES.contains(doctype) {
        return Err(bad(format!(
            "document type {doctype:?} is not an Akoma Ntoso one ({})",
            DOCUMENT_TYPES.join(", ")
        )));
    }
    check_subtype(subtype).map_err(&bad)?;
    check_actor(actor, jurisdiction).map_err(&bad)?;
    check_date(date).map_err(|p| bad(format!("the work date {p}")))?;
    check_number(number).map_err(&bad)?;
    let mut parsed = AknIri {
        jurisdiction: (*jurisdiction).to_owned(),
        doctype: (*doctype).to_owned(),
        subtype: (*subtype).to_owned(),
        actor: (*actor).to_owned(),
        date: (*date).to_owned(),
        number: (*number).to_owned(),
        language: None,
        version: None,
        component: None,
    };
    let mut tail = tail.iter();
    let mut next = tail.next();
    if let Some(expression) = next.filter(|s| !s.starts_with('!')) {
        let (language, version) = expression.split_once('@').ok_or_else(|| {
            bad(format!(
                "the expression segment {expression:?} is not <lang3>@<date>"
            ))
        })?;
        if !LANGUAGES.iter().any(|(_, three)| *three == language) {
            return Err(bad(format!(
                "language {language:?} is not an ISO 639-2/B code Accord knows (rus, eng, …)"
            )));
        }
        check_date(version).map_err(|p| bad(format!("the version date {p}")))?;
        parsed.language = Some(language.to_owned());
        parsed.version = Some(version.to_owned());
        next = tail.next();
    }
    if let Some(component) = next {
        match *component {
            "!main" => {}
            "!main.xml" if parsed.language.is_some() => {}
            "!main.xml" => {
                return Err(bad(
                    "a manifestation (/!main.xml) needs /<lang3>@<date> before it".to_owned(),
                ));
            }
            other => {
                return Err(bad(format!(
                    "the component {other:?} is neither !main nor !main.xml"
                )));
            }
        }
        parsed.component = Some(component.trim_start_matches('!').to_owned());
    }
    if let Some(extra) = tail.next() {
        return Err(bad(format!("unexpected segment {extra:?} at the end")));
    }
    Ok(parsed)
}

fn check_jurisdiction(s: &str) -> Result<(), String> {
    let mut chars = s.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(format!(
            "jurisdiction {s:?} is not a lowercased organisation short name (a-z, 0-9)"
        ))
    }
}

fn check_subtype(s: &str) -> Result<(), String> {
    let mut chars = s.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !s.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "subtype {s:?} must start with a-z and hold only letters, digits and inner hyphens"
        ))
    }
}

fn check_actor(s: &str, jurisdiction: &str) -> Result<(), String> {
    let body = s
        .strip_prefix(jurisdiction)
        .and_then(|b| b.strip_prefix('-'))
        .ok_or_else(|| format!("actor {s:?} is not <org>-<body> with <org> = {jurisdiction:?}"))?;
    let ok = body.split('-').all(|part| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "actor {s:?}: the body {body:?} must be a-z and 0-9 in hyphen-separated parts"
        ))
    }
}

fn check_number(s: &str) -> Result<(), String> {
    let mut chars = s.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "number {s:?} must start with a letter or digit and hold only letters, digits, \
             '-', '_' and '.'"
        ))
    }
}

/// Checks a `YYYY-MM-DD` calendar date (year 0001 to 9999); the error completes a sentence
/// about the date.
fn check_date(s: &str) -> Result<(), String> {
    let shaped = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err(format!("{s:?} is not YYYY-MM-DD"));
    }
    let field = |range: std::ops::Range<usize>| s[range].parse::<i16>().unwrap_or_default();
    let (year, month, day) = (field(0..4), field(5..7), field(8..10));
    let valid = year >= 1
        && i8::try_from(month)
            .ok()
            .zip(i8::try_from(day).ok())
            .is_some_and(|(m, d)| jiff::civil::Date::new(year, m, d).is_ok());
    if valid {
        Ok(())
    } else {
        Err(format!("{s:?} is not a calendar date"))
    }
}
