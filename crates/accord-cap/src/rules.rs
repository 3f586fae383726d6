//! CAP rules that relate several values to each other, shared by the reader and by
//! [`Alert::check`](crate::Alert::check) for alerts built in code.

use crate::diag::{Code, Severity};
use crate::model::datetime::CapDateTime;
use crate::model::values::{Identifier, Reference, Sender, has_scheme};
use crate::model::vocab::Scope;

/// A problem found by a rule, at the element being checked or at one of its children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    pub(crate) code: Code,
    pub(crate) severity: Severity,
    /// The child element concerned, or `None` for the element itself.
    pub(crate) at: Option<&'static str>,
    pub(crate) message: String,
}

fn error(code: Code, at: Option<&'static str>, message: String) -> Finding {
    Finding {
        code,
        severity: Severity::Error,
        at,
        message,
    }
}

/// `restriction` goes with scope Restricted; `addresses` is required with scope Private.
pub(crate) fn scope_rules(
    scope: Scope,
    has_restriction: bool,
    has_addresses: bool,
) -> Vec<Finding> {
    let mut out = Vec::new();
    match (scope, has_restriction) {
        (Scope::Restricted, false) => out.push(error(
            Code::MissingRequiredElement,
            Some("restriction"),
            "scope is Restricted, so <restriction> must say who may receive the alert".to_owned(),
        )),
        (Scope::Public | Scope::Private, true) => out.push(error(
            Code::InvalidRestriction,
            Some("restriction"),
            format!("<restriction> is only for scope Restricted, but scope is {scope}"),
        )),
        _ => {}
    }
    if scope == Scope::Private && !has_addresses {
        out.push(error(
            Code::MissingRequiredElement,
            Some("addresses"),
            "scope is Private, so <addresses> must list the recipients".to_owned(),
        ));
    }
    out
}

/// `references` may not name this message itself nor a message sent after it.
pub(crate) fn reference_rules(
    sender: &Sender,
    identifier: &Identifier,
    sent: &CapDateTime,
    references: &[Reference],
) -> Vec<Finding> {
    let mut out = Vec::new();
    for r in references {
        if r.sender == *sender && r.identifier == *identifier {
            out.push(error(
                Code::InvalidReferences,
                Some("references"),
                format!("the reference {r} names this message itself"),
            ));
        } else if r.sent.cmp_instant(sent).is_gt() {
            out.push(error(
                Code::InvalidReferences,
                Some("references"),
                format!("the reference {r} names a message sent after this one ({sent})"),
            ));
        }
    }
    out
}

/// `ceiling` needs `altitude`, and altitude may not exceed ceiling.
pub(crate) fn area_rules(altitude: Option<f64>, ceiling: Option<f64>) -> Vec<Finding> {
    match (altitude, ceiling) {
        (None, Some(_)) => vec![error(
            Code::InvalidArea,
            Some("ceiling"),
            "<ceiling> is given without <altitude>; give the altitude too".to_owned(),
        )],
        (Some(a), Some(c)) if a > c => vec![error(
            Code::InvalidArea,
            Some("altitude"),
            format!("<altitude> {a} is above <ceiling> {c}"),
        )],
        _ => Vec::new(),
    }
}

/// A relative `uri` needs `derefUri` (the content itself).
pub(crate) fn resource_rules(uri: Option<&str>, has_deref_uri: bool) -> Vec<Finding> {
    match uri {
        Some(uri) if !has_scheme(uri) && !has_deref_uri => vec![error(
            Code::InvalidResource,
            Some("uri"),
            format!("<uri> '{uri}' is relative, so the resource needs <derefUri> with its content"),
        )],
        _ => Vec::new(),
    }
}

/// A warning when a text field looks like it holds HTML markup.
pub(crate) fn html_in_text(field: &str, text: &str) -> Option<Finding> {
    if !text.contains('<') {
        return None;
    }
    let bytes = text.as_bytes();
    let tag = bytes.windows(2).position(|w| {
        w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!')
    })?;
    let snippet: String = text[tag..].chars().take(12).collect();
    Some(Finding {
        code: Code::HtmlInText,
        severity: Severity::Warning,
        at: None,
        message: format!(
            "<{field}> looks like it contains HTML markup ({snippet}…); CAP text is plain text"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_needs_its_companions() {
        assert_eq!(
            scope_rules(Scope::Restricted, false, false)[0].code,
            Code::MissingRequiredElement
        );
        assert_eq!(
            scope_rules(Scope::Public, true, false)[0].code,
            Code::InvalidRestriction
        );
        assert_eq!(
            scope_rules(Scope::Private, false, false)[0].at,
            Some("addresses")
        );
        assert!(scope_rules(Scope::Private, false, true).is_empty());
    }

    #[test]
    fn areas_and_resources() {
        assert_eq!(area_rules(None, Some(1.0)).len(), 1);
        assert_eq!(area_rules(Some(2.0), Some(1.0)).len(), 1);
        assert!(area_rules(Some(1.0), Some(2.0)).is_empty());
        assert_eq!(resource_rules(Some("map.png"), false).len(), 1);
        assert!(resource_rules(Some("map.png"), true).is_empty());
        assert!(resource_rules(Some("https://x.example/m.png"), false).is_empty());
    }

    #[test]
    fn html_is_noticed() {
        assert!(html_in_text("description", "a<br />b").is_some());
        assert!(html_in_text("description", "a < b and 3<4").is_none());
    }
}
