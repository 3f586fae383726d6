//! What a search asks: the words, and the filters by kind, body, date and language, parsed
//! from what a client sends with each bad value named.

use accord_core::{BodyId, Date, Lang};

use crate::record::Kind;

/// The longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 200;

/// The most words a query is searched by.
pub const MAX_WORDS: usize = 12;

/// The most hits a page may ask for.
pub const MAX_LIMIT: usize = 100;

/// A search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The words (every word must match, in the title or the text, in any of its forms).
    pub words: Vec<String>,
    /// Only items of this kind.
    pub kind: Option<Kind>,
    /// Only documents and decisions of this body.
    pub body: Option<BodyId>,
    /// Only items dated on or after this day (UTC).
    pub from: Option<Date>,
    /// Only items dated on or before this day (UTC).
    pub to: Option<Date>,
    /// Only texts in this language (else: matches in any language, with the item's other
    /// languages shown beside them).
    pub lang: Option<Lang>,
    /// How many items to answer at most.
    pub limit: usize,
}

/// A value a client sent that cannot be searched by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The parameter (`q`, `kind`, `body`, `from`, `to`, `lang`, `limit`).
    pub field: &'static str,
    /// What is wrong with it.
    pub message: String,
}

/// What a client sends, as text; empty values are no filter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Params<'a> {
    /// The words.
    pub q: Option<&'a str>,
    /// `document`, `decision`, `incident` or `sitrep`.
    pub kind: Option<&'a str>,
    /// A body's id.
    pub body: Option<&'a str>,
    /// `YYYY-MM-DD`.
    pub from: Option<&'a str>,
    /// `YYYY-MM-DD`.
    pub to: Option<&'a str>,
    /// A language tag.
    pub lang: Option<&'a str>,
    /// The most hits, 1 to [`MAX_LIMIT`].
    pub limit: Option<usize>,
}

/// A value given: trimmed, empty as none.
fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// The words of a query: runs of letters and digits.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

impl Query {
    /// A query for `q` with no filter.
    pub fn text(q: &str) -> Query {
        Query {
            words: words(q),
            kind: None,
            body: None,
            from: None,
            to: None,
            lang: None,
            limit: 20,
        }
    }

    /// Parses what a client sent; every bad value is named. `default_limit` applies when none
    /// is given. A body is checked against `bodies` when given.
    pub fn parse(
        params: Params<'_>,
        default_limit: usize,
        known_body: impl Fn(&BodyId) -> bool,
    ) -> Result<Query, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut problem = |field: &'static str, message: String| {
            problems.push(Problem { field, message });
        };
        let q = params.q.unwrap_or_default();
        if q.chars().count() > MAX_QUERY_CHARS {
            problem("q", format!("at most {MAX_QUERY_CHARS} characters, please"));
        }
        let words = words(q);
        if words.len() > MAX_WORDS {
            problem("q", format!("at most {MAX_WORDS} words, please"));
        }
        let kind = given(params.kind).and_then(|k| {
            let kind = Kind::parse(k);
            if kind.is_none() {
                problem(
                    "kind",
                    format!("not a kind of item: {k}; use document, decision, incident or sitrep"),
                );
            }
            kind
        });
        let body = given(params.body).and_then(|b| match BodyId::parse(b) {
            Ok(body) if known_body(&body) => Some(body),
            Ok(_) => {
                problem("body", format!("no body of the organisation is called {b}"));
                None
            }
            Err(e) => {
                problem("body", e.to_string());
                None
            }
        });
        let mut date = |field: &'static str, value: Option<&str>| {
            given(value).and_then(|d| match Date::parse(d) {
                Ok(date) => Some(date),
                Err(_) => {
                    problem(field, format!("not a date: {d}; write YYYY-MM-DD"));
                    None
                }
            })
        };
        let from = date("from", params.from);
        let to = date("to", params.to);
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            problem("to", "the end comes before the start".to_owned());
        }
        let lang = given(params.lang).and_then(|l| match Lang::parse(l) {
            Ok(lang) => Some(lang),
            Err(e) => {
                problem("lang", e.to_string());
                None
            }
        });
        let limit = params.limit.unwrap_or(default_limit);
        if !(1..=MAX_LIMIT).contains(&limit) {
            problem("limit", format!("from 1 to {MAX_LIMIT}"));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Query {
            words: words.into_iter().take(MAX_WORDS).collect(),
            kind,
            body,
            from,
            to,
            lang,
            limit,
        })
    }
}
