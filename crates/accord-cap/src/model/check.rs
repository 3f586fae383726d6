//! [`Alert::check`]: the rules relating several fields, for alerts built in code.

use super::{Alert, Info};
use crate::diag::Diagnostic;
use crate::rules::{self, Finding};

impl Alert {
    /// Runs the CAP rules that the types alone cannot guarantee (scope companions,
    /// references, area altitude and ceiling, relative resource URIs, HTML in text) and
    /// returns every problem found. A parsed alert has no errors here; an alert built in
    /// code should be checked before it is emitted.
    pub fn check(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut add = |base: &str, f: Finding| {
            let path = match f.at {
                Some(child) => format!("{base}/{child}"),
                None => base.to_owned(),
            };
            out.push(Diagnostic {
                code: f.code,
                path,
                message: f.message,
                severity: f.severity,
            });
        };
        for f in rules::scope_rules(
            self.scope,
            self.restriction.is_some(),
            self.addresses.is_some(),
        ) {
            add("/alert", f);
        }
        for f in
            rules::reference_rules(&self.sender, &self.identifier, &self.sent, &self.references)
        {
            add("/alert", f);
        }
        let texts = [
            ("source", &self.source),
            ("restriction", &self.restriction),
            ("note", &self.note),
        ];
        for (name, text) in texts {
            if let Some(f) = text.as_deref().and_then(|t| rules::html_in_text(name, t)) {
                add(&format!("/alert/{name}"), f);
            }
        }
        for (i, info) in self.infos.iter().enumerate() {
            check_info(info, &format!("/alert/info[{}]", i + 1), &mut add);
        }
        out
    }
}

fn check_info(info: &Info, base: &str, add: &mut impl FnMut(&str, Finding)) {
    let texts = [
        ("event", Some(&info.event)),
        ("senderName", info.sender_name.as_ref()),
        ("headline", info.headline.as_ref()),
        ("description", info.description.as_ref()),
        ("instruction", info.instruction.as_ref()),
        ("contact", info.contact.as_ref()),
    ];
    for (name, text) in texts {
        if let Some(f) = text.and_then(|t| rules::html_in_text(name, t)) {
            add(&format!("{base}/{name}"), f);
        }
    }
    for (i, r) in info.resources.iter().enumerate() {
        for f in rules::resource_rules(r.uri.as_deref(), r.deref_uri.is_some()) {
            add(&format!("{base}/resource[{}]", i + 1), f);
        }
    }
    for (i, a) in info.areas.iter().enumerate() {
        for f in rules::area_rules(a.altitude, a.ceiling) {
            add(&format!("{base}/area[{}]", i + 1), f);
        }
    }
}
