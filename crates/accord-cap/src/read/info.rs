//! Reads `<info>`: the event, its classification, timing, texts, parameters, resources
//! and areas.

use super::{
    Child, Slot, each_child, free_text, many, named_value, one, opt, some, trimmed, value, vocab,
};
use crate::diag::Code;
use crate::error::ParseError;
use crate::model::Info;
use crate::model::datetime::CapDateTime;
use crate::model::values::{AbsoluteUri, Language};
use crate::model::vocab::{Category, Certainty, ResponseType, Severity, Urgency};
use crate::xml::{Cursor, Tag};

const INFO: &[Slot] = &[
    opt("language"),
    some("category"),
    one("event"),
    many("responseType"),
    one("urgency"),
    one("severity"),
    one("certainty"),
    opt("audience"),
    many("eventCode"),
    opt("effective"),
    opt("onset"),
    opt("expires"),
    opt("senderName"),
    opt("headline"),
    opt("description"),
    opt("instruction"),
    opt("web"),
    opt("contact"),
    many("parameter"),
    many("resource"),
    many("area"),
];

/// Reads one `<info>` block (the path is already pushed). `areas_seen` counts areas over
/// the whole alert for the limit.
pub(crate) fn read_info<'a>(
    cur: &mut Cursor<'a>,
    tag: &Tag<'a>,
    areas_seen: &mut usize,
) -> Result<Option<Info>, ParseError> {
    let mut language = None;
    let mut categories = Vec::new();
    let mut event = None;
    let mut response_types = Vec::new();
    let (mut urgency, mut severity, mut certainty) = (None, None, None);
    let mut audience = None;
    let mut event_codes = Vec::new();
    let (mut effective, mut onset, mut expires) = (None, None, None);
    let (mut sender_name, mut headline, mut description, mut instruction, mut contact) =
        (None, None, None, None, None);
    let mut web = None;
    let mut parameters = Vec::new();
    let mut resources = Vec::new();
    let mut areas = Vec::new();
    let mut complete = true;
    each_child(cur, tag, INFO, false, |cur, child| {
        let Child::Cap(name, tag) = child else {
            return Ok(());
        };
        match name {
            "eventCode" | "parameter" => {
                let nv = named_value(cur, &tag)?;
                complete &= nv.is_some();
                let list = if name == "eventCode" {
                    &mut event_codes
                } else {
                    &mut parameters
                };
                list.extend(nv);
            }
            "resource" => {
                let r = super::area::read_resource(cur, &tag)?;
                complete &= r.is_some();
                resources.extend(r);
            }
            "area" => {
                *areas_seen += 1;
                if *areas_seen > cur.limits.max_areas {
                    return Err(ParseError::LimitExceeded {
                        what: "<area> blocks",
                        limit: cur.limits.max_areas,
                    });
                }
                let a = super::area::read_area(cur, &tag)?;
                complete &= a.is_some();
                areas.extend(a);
            }
            "event" | "audience" | "senderName" | "headline" | "description" | "instruction"
            | "contact" => {
                let text = Some(free_text(cur, &tag)?);
                match name {
                    "event" => event = text,
                    "audience" => audience = text,
                    "senderName" => sender_name = text,
                    "headline" => headline = text,
                    "description" => description = text,
                    "instruction" => instruction = text,
                    _ => contact = text,
                }
            }
            _ => {
                let text = cur.text(&tag)?;
                let t = trimmed(&text);
                match name {
                    "language" => language = value(cur, Code::InvalidLanguage, Language::new(t)),
                    "category" => {
                        let c = vocab(cur, name, t, Category::parse, Category::ALL);
                        complete &= c.is_some();
                        categories.extend(c);
                    }
                    "responseType" => {
                        let r = vocab(cur, name, t, ResponseType::parse, ResponseType::ALL);
                        complete &= r.is_some();
                        response_types.extend(r);
                    }
                    "urgency" => urgency = vocab(cur, name, t, Urgency::parse, Urgency::ALL),
                    "severity" => severity = vocab(cur, name, t, Severity::parse, Severity::ALL),
                    "certainty" => {
                        certainty = vocab(cur, name, t, Certainty::parse, Certainty::ALL);
                    }
                    "web" => web = value(cur, Code::InvalidUri, AbsoluteUri::new(t)),
                    _ => {
                        let d = value(cur, Code::InvalidDate, CapDateTime::parse(t));
                        match name {
                            "effective" => effective = d,
                            "onset" => onset = d,
                            _ => expires = d,
                        }
                    }
                }
            }
        }
        Ok(())
    })?;
    if !complete || categories.is_empty() {
        return Ok(None);
    }
    Ok((|| {
        Some(Info {
            language,
            categories,
            event: event?,
            response_types,
            urgency: urgency?,
            severity: severity?,
            certainty: certainty?,
            audience,
            event_codes,
            effective,
            onset,
            expires,
            sender_name,
            headline,
            description,
            instruction,
            web,
            contact,
            parameters,
            resources,
            areas,
        })
    })())
}
