//! Start tags as the readers see them: namespace, names, offsets and attributes, all
//! borrowed from the input.

use std::borrow::Cow;

use quick_xml::events::attributes::Attributes;

use super::Ns;

/// A start tag, borrowing from the input.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tag<'a> {
    pub(crate) ns: Ns,
    pub(crate) local: &'a str,
    pub(crate) qname: &'a str,
    /// `<x/>`: no content, no end tag.
    pub(crate) empty: bool,
    /// Byte offset of the `<`.
    pub(crate) start: usize,
    /// The tag's content between `<` and `>` (name and attributes).
    pub(super) content: &'a str,
}

impl<'a> Tag<'a> {
    /// The attributes (namespace declarations included).
    pub(crate) fn attributes(&self) -> Attributes<'a> {
        Attributes::new(self.content, self.qname.len())
    }

    /// The value of the attribute named `name` (unescaped), if present and well-formed.
    pub(crate) fn attr(&self, name: &str) -> Option<Cow<'a, str>> {
        self.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
    }

    /// The first attribute that is not a namespace declaration.
    pub(crate) fn foreign_attribute(&self) -> Option<String> {
        if self.content.len() == self.qname.len() {
            return None;
        }
        self.attributes().flatten().find_map(|a| {
            let key = a.key.as_ref();
            let is_ns = key == "xmlns" || key.starts_with("xmlns:");
            (!is_ns).then(|| key.to_owned())
        })
    }
}
