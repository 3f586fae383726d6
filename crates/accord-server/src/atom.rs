//! A small Atom 1.0 (RFC 4287) writer: a feed with its id, title, subtitle, updated time,
//! author and links, and entries with text or inline XML content. Text is escaped; inline XML
//! is written as given, and must be a single well-formed element (the caller's to ensure).

use std::fmt::Write as _;

/// An entry's content.
#[derive(Debug)]
pub enum Content<'a> {
    /// Plain text (`type="text"`).
    Text(&'a str),
    /// One XML element of the given media type, written as it is (`type="application/cap+xml"`).
    Xml {
        /// The media type (an XML one).
        media_type: &'a str,
        /// The element.
        element: &'a str,
    },
}

/// An entry.
#[derive(Debug)]
pub struct Entry<'a> {
    /// A permanent, unique IRI.
    pub id: String,
    /// Its title.
    pub title: String,
    /// When it last changed (RFC 3339).
    pub updated: String,
    /// Categories (`term` only).
    pub categories: Vec<String>,
    /// `rel="alternate"`: its page, if it has one (HTML).
    pub alternate: Option<String>,
    /// Its content.
    pub content: Content<'a>,
}

/// A feed.
#[derive(Debug)]
pub struct Feed<'a> {
    /// A permanent, unique IRI.
    pub id: String,
    /// Its title.
    pub title: String,
    /// A subtitle.
    pub subtitle: String,
    /// The language of its text (`xml:lang`).
    pub lang: &'a str,
    /// When it last changed (RFC 3339).
    pub updated: String,
    /// Its author's name.
    pub author: String,
    /// `rel="self"`: where it is read.
    pub self_href: String,
    /// `rel="next"`: the page of older entries, if any (RFC 5005).
    pub next_href: Option<String>,
    /// Its entries, newest first.
    pub entries: Vec<Entry<'a>>,
}

/// Escapes text for element content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes the feed as an XML document.
pub fn write(feed: &Feed<'_>) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        out,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape(feed.lang)
    );
    let _ = writeln!(out, "<id>{}</id>", escape(&feed.id));
    let _ = writeln!(out, "<title type=\"text\">{}</title>", escape(&feed.title));
    let _ = writeln!(
        out,
        "<subtitle type=\"text\">{}</subtitle>",
        escape(&feed.subtitle)
    );
    let _ = writeln!(out, "<updated>{}</updated>", escape(&feed.updated));
    let _ = writeln!(
        out,
        "<author><name>{}</name></author>",
        escape(&feed.author)
    );
    let _ = writeln!(
        out,
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape(&feed.self_href)
    );
    if let Some(next) = &feed.next_href {
        let _ = writeln!(
            out,
            "<link rel=\"next\" type=\"application/atom+xml\" href=\"{}\"/>",
            escape(next)
        );
    }
    out.push_str("<generator>Accord</generator>\n");
    for entry in &feed.entries {
        out.push_str("<entry>\n");
        let _ = writeln!(out, "<id>{}</id>", escape(&entry.id));
        let _ = writeln!(out, "<title type=\"text\">{}</title>", escape(&entry.title));
        let _ = writeln!(out, "<updated>{}</updated>", escape(&entry.updated));
        for term in &entry.categories {
            let _ = writeln!(out, "<category term=\"{}\"/>", escape(term));
        }
        if let Some(href) = &entry.alternate {
            let _ = writeln!(
                out,
                "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
                escape(href)
            );
        }
        match &entry.content {
            Content::Text(text) => {
                let _ = writeln!(out, "<content type=\"text\">{}</content>", escape(text));
            }
            Content::Xml {
                media_type,
                element,
            } => {
                let _ = writeln!(
                    out,
                    "<content type=\"{}\">{element}</content>",
                    escape(media_type)
                );
            }
        }
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// The root element of an XML document: the document without its XML declaration, and
/// without the comments and processing instructions before and after its root element.
pub fn root_element(document: &str) -> &str {
    let mut text = document.trim_start_matches('\u{feff}');
    loop {
        text = text.trim_start();
        if let Some(rest) = text.strip_prefix("<?") {
            match rest.find("?>") {
                Some(end) => text = &rest[end + 2..],
                None => return "",
            }
        } else if let Some(rest) = text.strip_prefix("<!--") {
            match rest.find("-->") {
                Some(end) => text = &rest[end + 3..],
                None => return "",
            }
        } else {
            break;
        }
    }
    loop {
        text = text.trim_end();
        if text.ends_with("-->") {
            match text.rfind("<!--") {
                Some(start) => text = &text[..start],
                None => return "",
            }
        } else if text.ends_with("?>") {
            match text.rfind("<?") {
                Some(start) => text = &text[..start],
                None => return "",
            }
        } else {
            break;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_element_is_cut_from_its_prolog_and_epilog() {
        let doc = "\u{feff}<?xml version=\"1.0\"?>\n<!-- a -->\n<alert x=\"1\"><b/></alert>\n<!-- z -->\n";
        assert_eq!(root_element(doc), "<alert x=\"1\"><b/></alert>");
        assert_eq!(root_element("<a/>"), "<a/>");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
