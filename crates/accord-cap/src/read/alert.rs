//! Reads `<alert>`: the message-level elements, the info blocks and enveloped signatures.

use super::{Child, Slot, each_child, free_text, many, one, opt, report, trimmed, value, vocab};
use crate::diag::{Code, Severity};
use crate::error::ParseError;
use crate::model::datetime::CapDateTime;
use crate::model::values::{Addresses, Identifier, Reference, Sender};
use crate::model::vocab::{MsgType, Scope, Status};
use crate::model::{Alert, Signature};
use crate::rules;
use crate::xml::{Cursor, Tag};

const ALERT: &[Slot] = &[
    one("identifier"),
    one("sender"),
    one("sent"),
    one("status"),
    one("msgType"),
    opt("source"),
    one("scope"),
    opt("restriction"),
    opt("addresses"),
    many("code"),
    opt("note"),
    opt("references"),
    opt("incidents"),
    many("info"),
];

/// Reads the `<alert>` element whose start tag is `root`. Returns the alert when every
/// required part could be read; the caller decides validity from the diagnostics.
pub(crate) fn read_alert<'a>(
    cur: &mut Cursor<'a>,
    root: &Tag<'a>,
) -> Result<Option<Alert>, ParseError> {
    cur.push("alert", None);
    if let Some(attr) = root.foreign_attribute() {
        cur.report(
            Code::UnknownAttribute,
            Severity::Error,
            format!("<alert> has an attribute '{attr}' that CAP 1.2 does not define"),
        );
    }
    let inherited = namespace_declarations(root);
    let (mut identifier, mut sender, mut sent) = (None, None, None);
    let (mut status, mut msg_type, mut scope) = (None, None, None);
    let (mut source, mut restriction, mut addresses, mut note, mut incidents) =
        (None, None, None, None, None);
    let mut has_addresses = false;
    let mut codes = Vec::new();
    let mut references: Vec<Reference> = Vec::new();
    let (mut infos, mut info_count, mut signatures) = (Vec::new(), 0usize, Vec::new());
    let mut areas_seen = 0usize;
    each_child(cur, root, ALERT, true, |cur, child| {
        let tag = match child {
            Child::Dsig(tag) => {
                cur.skip(&tag)?;
                let raw = &cur.input()[tag.start..cur.offset()];
                signatures.push(Signature {
                    xml: self_contained(raw, &tag, &inherited),
                });
                return Ok(());
            }
            Child::Cap(_, tag) => tag,
        };
        match tag.local {
            "info" => {
                info_count += 1;
                if info_count > cur.limits.max_info_blocks {
                    return Err(ParseError::LimitExceeded {
                        what: "<info> blocks",
                        limit: cur.limits.max_info_blocks,
                    });
                }
                if let Some(info) = super::info::read_info(cur, &tag, &mut areas_seen)? {
                    infos.push(info);
                }
            }
            "note" | "source" | "incidents" | "restriction" | "code" => {
                let text = free_text(cur, &tag)?;
                match tag.local {
                    "note" => note = Some(text),
                    "source" => source = Some(text),
                    "incidents" => incidents = Some(text),
                    "restriction" => restriction = Some(text),
                    _ => codes.push(text),
                }
            }
            _ => {
                let text = cur.text(&tag)?;
                let t = trimmed(&text);
                match tag.local {
                    "identifier" => {
                        identifier = value(cur, Code::InvalidIdentifier, Identifier::new(t));
                    }
                    "sender" => sender = value(cur, Code::InvalidIdentifier, Sender::new(t)),
                    "sent" => sent = value(cur, Code::InvalidDate, CapDateTime::parse(t)),
                    "status" => status = vocab(cur, "status", t, Status::parse, Status::ALL),
                    "msgType" => msg_type = vocab(cur, "msgType", t, MsgType::parse, MsgType::ALL),
                    "scope" => scope = vocab(cur, "scope", t, Scope::parse, Scope::ALL),
                    "addresses" => {
                        has_addresses = true;
                        addresses = value(cur, Code::InvalidAddresses, Addresses::parse(t));
                    }
                    _ => {
                        for triplet in t.split_ascii_whitespace() {
                            if let Some(r) =
                                value(cur, Code::InvalidReferences, Reference::parse(triplet))
                            {
                                references.push(r);
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    })?;
    if let Some(scope) = scope {
        for f in rules::scope_rules(scope, restriction.is_some(), has_addresses) {
            report(cur, f);
        }
    }
    if let (Some(s), Some(i), Some(t)) = (&sender, &identifier, &sent) {
        for f in rules::reference_rules(s, i, t, &references) {
            report(cur, f);
        }
    }
    cur.pop();
    let alert = (|| {
        Some(Alert {
            identifier: identifier?,
            sender: sender?,
            sent: sent?,
            status: status?,
            msg_type: msg_type?,
            source,
            scope: scope?,
            restriction,
            addresses,
            codes,
            note,
            references,
            incidents,
            infos,
            signatures,
        })
    })();
    Ok(alert)
}

/// The namespace declarations on the root, as `(attribute name, raw value)`.
fn namespace_declarations(root: &Tag<'_>) -> Vec<(String, String)> {
    root.attributes()
        .filter(|a| a.key == "xmlns" || a.key.starts_with("xmlns:"))
        .map(|a| (a.key.to_owned(), a.value.replace('"', "&quot;")))
        .collect()
}

/// The signature element's XML with the root's namespace declarations that it relies on
/// written onto its own start tag, so it stays correct wherever it is emitted.
fn self_contained(raw: &str, tag: &Tag<'_>, inherited: &[(String, String)]) -> String {
    let own: Vec<&str> = tag.attributes().map(|a| a.key).collect();
    let mut extra = String::new();
    for (key, val) in inherited {
        if !own.iter().any(|k| k == key) {
            extra.push_str(&format!(" {key}=\"{val}\""));
        }
    }
    // Without a default namespace in scope, unprefixed names inside are in no namespace:
    // say so explicitly, since the emitted alert declares CAP as the default.
    if !own.contains(&"xmlns") && !inherited.iter().any(|(k, _)| k == "xmlns") {
        extra.push_str(" xmlns=\"\"");
    }
    let at = 1 + tag.qname.len();
    format!("{}{extra}{}", &raw[..at], &raw[at..])
}
