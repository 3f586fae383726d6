//! Canonical CAP 1.2 XML from the typed model: the schema's element order, the default
//! namespace, two-space indentation, text escaped, signatures written back verbatim.

use std::fmt::Write as _;

use crate::model::{Alert, Area, Info, NamedValue, Resource};
use crate::xml::CAP_NS;

/// Writes `alert` as a CAP 1.2 document. Characters that XML cannot carry (control
/// characters other than tab and line breaks) are replaced by U+FFFD; no parsed alert
/// contains any.
pub fn emit(alert: &Alert) -> String {
    let mut w = Writer {
        out: String::with_capacity(4096),
        depth: 1,
    };
    w.out
        .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(w.out, "<alert xmlns=\"{CAP_NS}\">");
    w.leaf("identifier", alert.identifier.as_str());
    w.leaf("sender", alert.sender.as_str());
    w.leaf("sent", &alert.sent.to_string());
    w.leaf("status", alert.status.as_str());
    w.leaf("msgType", alert.msg_type.as_str());
    w.opt("source", alert.source.as_deref());
    w.leaf("scope", alert.scope.as_str());
    w.opt("restriction", alert.restriction.as_deref());
    if let Some(a) = &alert.addresses {
        w.leaf("addresses", &a.to_string());
    }
    for code in &alert.codes {
        w.leaf("code", code);
    }
    w.opt("note", alert.note.as_deref());
    if !alert.references.is_empty() {
        let refs: Vec<String> = alert.references.iter().map(ToString::to_string).collect();
        w.leaf("references", &refs.join(" "));
    }
    w.opt("incidents", alert.incidents.as_deref());
    for info in &alert.infos {
        w.info(info);
    }
    for sig in &alert.signatures {
        w.indent();
        w.out.push_str(sig.xml());
        w.out.push('\n');
    }
    w.out.push_str("</alert>\n");
    w.out
}

struct Writer {
    out: String,
    depth: usize,
}

impl Writer {
    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn open(&mut self, name: &str) {
        self.indent();
        let _ = writeln!(self.out, "<{name}>");
        self.depth += 1;
    }

    fn close(&mut self, name: &str) {
        self.depth -= 1;
        self.indent();
        let _ = writeln!(self.out, "</{name}>");
    }

    fn leaf(&mut self, name: &str, text: &str) {
        self.indent();
        let _ = write!(self.out, "<{name}>");
        escape_into(&mut self.out, text);
        let _ = writeln!(self.out, "</{name}>");
    }

    fn opt(&mut self, name: &str, text: Option<&str>) {
        if let Some(text) = text {
            self.leaf(name, text);
        }
    }

    fn named(&mut self, name: &str, nv: &NamedValue) {
        self.open(name);
        self.leaf("valueName", &nv.value_name);
        self.leaf("value", &nv.value);
        self.close(name);
    }

    fn info(&mut self, info: &Info) {
        self.open("info");
        if let Some(l) = &info.language {
            self.leaf("language", l.as_str());
        }
        for c in &info.categories {
            self.leaf("category", c.as_str());
        }
        self.leaf("event", &info.event);
        for r in &info.response_types {
            self.leaf("responseType", r.as_str());
        }
        self.leaf("urgency", info.urgency.as_str());
        self.leaf("severity", info.severity.as_str());
        self.leaf("certainty", info.certainty.as_str());
        self.opt("audience", info.audience.as_deref());
        for ec in &info.event_codes {
            self.named("eventCode", ec);
        }
        for (name, t) in [
            ("effective", info.effective),
            ("onset", info.onset),
            ("expires", info.expires),
        ] {
            if let Some(t) = t {
                self.leaf(name, &t.to_string());
            }
        }
        self.opt("senderName", info.sender_name.as_deref());
        self.opt("headline", info.headline.as_deref());
        self.opt("description", info.description.as_deref());
        self.opt("instruction", info.instruction.as_deref());
        if let Some(web) = &info.web {
            self.leaf("web", web.as_str());
        }
        self.opt("contact", info.contact.as_deref());
        for p in &info.parameters {
            self.named("parameter", p);
        }
        for r in &info.resources {
            self.resource(r);
        }
        for a in &info.areas {
            self.area(a);
        }
        self.close("info");
    }

    fn resource(&mut self, r: &Resource) {
        self.open("resource");
        self.leaf("resourceDesc", &r.resource_desc);
        self.leaf("mimeType", r.mime_type.as_str());
        if let Some(size) = r.size {
            self.leaf("size", &size.to_string());
        }
        self.opt("uri", r.uri.as_deref());
        if let Some(d) = &r.deref_uri {
            self.leaf("derefUri", d.as_str());
        }
        if let Some(d) = &r.digest {
            self.leaf("digest", d.as_str());
        }
        self.close("resource");
    }

    fn area(&mut self, a: &Area) {
        self.open("area");
        self.leaf("areaDesc", &a.area_desc);
        for p in &a.polygons {
            self.leaf("polygon", &p.to_string());
        }
        for c in &a.circles {
            self.leaf("circle", &c.to_string());
        }
        for g in &a.geocodes {
            self.named("geocode", g);
        }
        if let Some(v) = a.altitude {
            self.leaf("altitude", &v.to_string());
        }
        if let Some(v) = a.ceiling {
            self.leaf("ceiling", &v.to_string());
        }
        self.close("area");
    }
}

/// Escapes text content: `&`, `<`, `>` and carriage returns (which XML would otherwise
/// turn into line feeds); characters XML cannot carry become U+FFFD.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}
