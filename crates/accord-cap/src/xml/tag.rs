//! Start tags as the readers see them: namespace, names, offsets and attributes, all
//! borrowed from the input.

use std::borrow::Cow;

use super::Ns;
use super::lex::{Attrs, normalize_attribute};

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
    /// The attributes (namespace declarations included), values raw as written.
    pub(crate) fn attributes(&self) -> Attrs<'a> {
        Attrs::new(self.content, self.qname.len())
    }

    /// The value of the attribute named `name` (normalized), if present and well-formed.
    pub(crate) fn attr(&self, name: &str) -> Option<Cow<'a, str>> {
        self.attributes()
            .find(|a| a.key == name)
            .and_then(|a| normalize_attribute(a.value))
    }

    /// The first attribute that is not a namespace declaration.
    pub(crate) fn foreign_attribute(&self) -> Option<String> {
        if self.content.len() == self.qname.len() {
            return None;
        }
        self.attributes().find_map(|a| {
            let is_ns = a.key == "xmlns" || a.key.starts_with("xmlns:");
            (!is_ns).then(|| a.key.to_owned())
        })
    }
}
