//! A small XML tree and its writer: every text and attribute value is escaped on the way out,
//! and characters XML 1.0 cannot carry are refused.

use super::{AknError, invalid};

/// An XML element or a run of text, rendered with escaping by [`render`].
#[derive(Debug)]
pub(super) enum Node {
    Text(String),
    Element {
        name: &'static str,
        attributes: Vec<(&'static str, String)>,
        children: Vec<Node>,
    },
}

pub(super) fn el(name: &'static str) -> Node {
    Node::Element {
        name,
        attributes: Vec::new(),
        children: Vec::new(),
    }
}

impl Node {
    pub(super) fn attr(mut self, key: &'static str, value: &str) -> Node {
        if let Node::Element { attributes, .. } = &mut self {
            attributes.push((key, value.to_owned()));
        }
        self
    }

    pub(super) fn child(mut self, node: Node) -> Node {
        if let Node::Element { children, .. } = &mut self {
            children.push(node);
        }
        self
    }

    pub(super) fn text(self, text: &str) -> Node {
        self.child(Node::Text(text.to_owned()))
    }
}

/// Writes `node` into `out`. Elements holding only elements go on indented lines of their own;
/// a `p` or an element holding text (mixed content) is written on one line, adding no
/// whitespace to its text.
pub(super) fn render(
    node: &Node,
    depth: usize,
    inline: bool,
    out: &mut String,
) -> Result<(), AknError> {
    match node {
        Node::Text(text) => escape(text, false, out),
        Node::Element {
            name,
            attributes,
            children,
        } => {
            if !inline {
                out.push('\n');
                out.push_str(&"  ".repeat(depth));
            }
            out.push('<');
            out.push_str(name);
            for (key, value) in attributes {
                out.push(' ');
                out.push_str(key);
                out.push_str("=\"");
                escape(value, true, out)?;
                out.push('"');
            }
            if children.is_empty() {
                out.push_str("/>");
                return Ok(());
            }
            out.push('>');
            let mixed =
                inline || *name == "p" || children.iter().any(|c| matches!(c, Node::Text(_)));
            for child in children {
                render(child, depth + 1, mixed, out)?;
            }
            if !mixed {
                out.push('\n');
                out.push_str(&"  ".repeat(depth));
            }
            out.push_str("</");
            out.push_str(name);
            out.push('>');
            Ok(())
        }
    }
}

/// Escapes text or an attribute value; characters XML 1.0 cannot carry are an error.
fn escape(text: &str, attribute: bool, out: &mut String) -> Result<(), AknError> {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {
                let start: String = text.chars().take(40).collect();
                return Err(invalid(
                    format!("the text {start:?}"),
                    format!(
                        "contains U+{:04X}, which XML 1.0 cannot carry",
                        u32::from(c)
                    ),
                ));
            }
            c => out.push(c),
        }
    }
    Ok(())
}

pub(super) fn value(name: &'static str, value: &str) -> Node {
    el(name).attr("value", value)
}

pub(super) fn date(name: &'static str, date: &str, what: &str) -> Node {
    el(name).attr("date", date).attr("name", what)
}

pub(super) fn tlc(name: &'static str, id: &str, href: &str, show_as: &str) -> Node {
    el(name)
        .attr("eId", id)
        .attr("href", href)
        .attr("showAs", show_as)
}
