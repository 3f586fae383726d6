//! Reads a CAP document into the typed model, checking the schema's sequence (order,
//! occurrences, unknown elements) and every value, and collecting every problem.

mod alert;
mod area;
mod info;

use std::fmt::Display;

pub(crate) use alert::read_alert;

use crate::diag::{Code, Severity};
use crate::error::ParseError;
use crate::model::NamedValue;
use crate::rules::Finding;
use crate::xml::{Cursor, Ns, Tag};

/// One element of a schema sequence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slot {
    name: &'static str,
    required: bool,
    repeat: bool,
}

pub(crate) const fn one(name: &'static str) -> Slot {
    Slot {
        name,
        required: true,
        repeat: false,
    }
}
pub(crate) const fn opt(name: &'static str) -> Slot {
    Slot {
        name,
        required: false,
        repeat: false,
    }
}
pub(crate) const fn many(name: &'static str) -> Slot {
    Slot {
        name,
        required: false,
        repeat: true,
    }
}
pub(crate) const fn some(name: &'static str) -> Slot {
    Slot {
        name,
        required: true,
        repeat: true,
    }
}

/// What the sequence walker hands to the element reader.
pub(crate) enum Child<'a> {
    /// A CAP element of the sequence; its path is pushed.
    Cap(&'static str, Tag<'a>),
    /// An XML-DSig element (only offered where `dsig_allowed`).
    Dsig(Tag<'a>),
}

/// Walks the children of the current element against `slots`, reporting unknown,
/// duplicated, misplaced and missing elements; calls `f` for each acceptable child.
pub(crate) fn each_child<'a>(
    cur: &mut Cursor<'a>,
    parent: &Tag<'a>,
    slots: &'static [Slot],
    dsig_allowed: bool,
    mut f: impl FnMut(&mut Cursor<'a>, Child<'a>) -> Result<(), ParseError>,
) -> Result<(), ParseError> {
    let mut counts = [0u32; 24];
    let mut furthest = 0usize;
    while let Some(tag) = if parent.empty {
        None
    } else {
        cur.next_child()?
    } {
        let slot = (tag.ns == Ns::Cap)
            .then(|| find_slot(slots, furthest, tag.local))
            .flatten();
        let Some(i) = slot else {
            if dsig_allowed && tag.ns == Ns::Dsig {
                furthest = slots.len();
                f(cur, Child::Dsig(tag))?;
            } else {
                unknown(cur, slots, &tag);
                cur.skip(&tag)?;
            }
            continue;
        };
        let s = slots[i];
        counts[i] += 1;
        let index = (s.repeat || counts[i] > 1).then_some(counts[i] as usize);
        cur.push(s.name, index);
        if let Some(attr) = tag.foreign_attribute() {
            cur.report(
                Code::UnknownAttribute,
                Severity::Error,
                format!(
                    "<{}> has an attribute '{attr}' that CAP 1.2 does not define",
                    s.name
                ),
            );
        }
        if !s.repeat && counts[i] > 1 {
            cur.report(
                Code::DuplicateElement,
                Severity::Error,
                format!(
                    "<{}> appears more than once; it may appear only once (the first is kept)",
                    s.name
                ),
            );
            cur.skip(&tag)?;
            cur.pop();
            continue;
        }
        if i < furthest {
            let later = slots.get(furthest).map_or("the signature", |l| l.name);
            let order: Vec<&str> = slots.iter().map(|s| s.name).collect();
            cur.report(
                Code::WrongOrder,
                Severity::Error,
                format!(
                    "<{}> must come before <{later}>; CAP 1.2 requires the order {}",
                    s.name,
                    order.join(", ")
                ),
            );
        } else {
            furthest = i;
        }
        f(cur, Child::Cap(s.name, tag))?;
        cur.pop();
    }
    for (s, &n) in slots.iter().zip(&counts) {
        if s.required && n == 0 {
            let parent = cur.path_string();
            let parent_name = parent
                .rsplit('/')
                .next()
                .unwrap_or("")
                .split('[')
                .next()
                .unwrap_or("");
            cur.report_at_child(
                s.name,
                Code::MissingRequiredElement,
                format!("<{parent_name}> is missing its required <{}>", s.name),
            );
        }
    }
    Ok(())
}

/// The slot named `local`, searched from `from` on (documents are mostly in order), then
/// from the start.
fn find_slot(slots: &[Slot], from: usize, local: &str) -> Option<usize> {
    let from = from.min(slots.len());
    let is = |i: &usize| crate::xml::same(slots[*i].name, local);
    (from..slots.len()).find(is).or_else(|| (0..from).find(is))
}

fn unknown(cur: &mut Cursor<'_>, slots: &[Slot], tag: &Tag<'_>) {
    let hint = slots
        .iter()
        .find(|s| tag.ns == Ns::Cap && near(s.name, tag.local))
        .map(|s| format!("; did you mean <{}>?", s.name))
        .unwrap_or_default();
    let what = match tag.ns {
        Ns::Cap => String::new(),
        _ => " (outside the CAP 1.2 namespace)".to_owned(),
    };
    let parent = cur.path_string();
    let parent_name = parent
        .rsplit('/')
        .next()
        .unwrap_or("")
        .split('[')
        .next()
        .unwrap_or("");
    cur.report_at_child(
        tag.local,
        Code::UnknownElement,
        format!(
            "<{}>{what} is not a CAP 1.2 element allowed in <{parent_name}>{hint}",
            tag.qname
        ),
    );
}

/// Whether two names differ by case only or by at most two edits (a likely misspelling).
fn near(a: &str, b: &str) -> bool {
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 2 || b.len() > 64 {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut row = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            row.push((prev[j] + cost).min(prev[j + 1] + 1).min(row[j] + 1));
        }
        prev = row;
    }
    prev[b.len()] <= 2
}

/// XML Schema's whitespace collapse for typed values: trim spaces, tabs and line breaks.
pub(crate) fn trimmed(text: &str) -> &str {
    text.trim_matches([' ', '\t', '\n', '\r'])
}

/// Reports `Err` at the current path under `code`; returns the value if `Ok`.
pub(crate) fn value<T, E: Display>(
    cur: &mut Cursor<'_>,
    code: Code,
    parsed: Result<T, E>,
) -> Option<T> {
    match parsed {
        Ok(v) => Some(v),
        Err(e) => {
            cur.report(code, Severity::Error, e.to_string());
            None
        }
    }
}

/// Parses a closed-vocabulary value, listing the allowed ones when it is not one of them.
pub(crate) fn vocab<T: Copy + Display>(
    cur: &mut Cursor<'_>,
    what: &str,
    text: &str,
    parse: fn(&str) -> Option<T>,
    all: &[T],
) -> Option<T> {
    let v = parse(text);
    if v.is_none() {
        let allowed: Vec<String> = all.iter().map(ToString::to_string).collect();
        cur.report(
            Code::InvalidEnumValue,
            Severity::Error,
            format!(
                "'{text}' is not a valid <{what}>; use one of {}",
                allowed.join(", ")
            ),
        );
    }
    v
}

/// Reads free text, warning about HTML markup.
pub(crate) fn free_text<'a>(cur: &mut Cursor<'a>, tag: &Tag<'a>) -> Result<String, ParseError> {
    let text = cur.text(tag)?.into_owned();
    if let Some(f) = crate::rules::html_in_text(tag.local, &text) {
        report(cur, f);
    }
    Ok(text)
}

/// Reports a rule finding at the current path (or at its named child).
pub(crate) fn report(cur: &mut Cursor<'_>, f: Finding) {
    match f.at {
        None => cur.report(f.code, f.severity, f.message),
        Some(child) => {
            let path = format!("{}/{child}", cur.path_string());
            cur.diags.push(crate::diag::Diagnostic {
                code: f.code,
                path,
                message: f.message,
                severity: f.severity,
            });
        }
    }
}

const NAMED_VALUE: &[Slot] = &[one("valueName"), one("value")];

/// Reads a `valueName`/`value` pair.
pub(crate) fn named_value<'a>(
    cur: &mut Cursor<'a>,
    tag: &Tag<'a>,
) -> Result<Option<NamedValue>, ParseError> {
    let (mut name, mut value) = (None, None);
    each_child(cur, tag, NAMED_VALUE, false, |cur, child| {
        if let Child::Cap(slot, tag) = child {
            let text = cur.text(&tag)?.into_owned();
            if slot == "valueName" {
                name = Some(text);
            } else {
                value = Some(text);
            }
        }
        Ok(())
    })?;
    Ok(name
        .zip(value)
        .map(|(value_name, value)| NamedValue { value_name, value }))
}
