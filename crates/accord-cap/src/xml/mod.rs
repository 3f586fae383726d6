//! A bounded, namespace-aware pull reader over a checked UTF-8 document, with the path
//! bookkeeping that diagnostics need. Built on quick-xml; entities other than the five
//! predefined ones and character references are never expanded.

mod content;
mod path;
mod prescan;
mod tag;

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

pub(crate) use prescan::prescan;
pub(crate) use tag::Tag;

use crate::diag::{Code, Diagnostic, Severity};
use crate::error::ParseError;
use crate::limits::Limits;

pub(crate) const CAP_NS: &str = "urn:oasis:names:tc:emergency:cap:1.2";
const DSIG_NS: &str = "http://www.w3.org/2000/09/xmldsig#";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// The namespaces the readers care about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    Cap,
    Dsig,
    Atom,
    /// No namespace (RSS).
    None,
    Other,
}

/// What [`Cursor::event`] yields.
enum Item<'a> {
    /// A start or empty tag.
    Open(Tag<'a>),
    /// An end tag.
    Close,
    /// Anything else.
    Other(Event<'a>),
}

/// A namespace declaration in scope: its prefix (`""` for the default) and element depth.
#[derive(Debug)]
struct Binding {
    depth: usize,
    prefix: Box<str>,
    ns: Ns,
}

/// The pull reader.
pub(crate) struct Cursor<'a> {
    reader: Reader<&'a [u8]>,
    bindings: Vec<Binding>,
    input: &'a str,
    pub(crate) limits: &'a Limits,
    depth: usize,
    pub(crate) diags: Vec<Diagnostic>,
    path: Vec<path::Seg<'a>>,
}

impl std::fmt::Debug for Cursor<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cursor")
            .field("depth", &self.depth)
            .field("path", &self.path_string())
            .finish_non_exhaustive()
    }
}

/// String equality for short names, without a call to `memcmp`.
#[inline]
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

fn is_ws(text: &str) -> bool {
    text.bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(input: &'a str, limits: &'a Limits) -> Self {
        let mut reader = Reader::from_str(input);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        Self {
            reader,
            bindings: Vec::new(),
            input,
            limits,
            depth: 0,
            diags: Vec::new(),
            path: Vec::new(),
        }
    }

    pub(crate) fn input(&self) -> &'a str {
        self.input
    }

    /// Byte offset just after the last event read.
    pub(crate) fn offset(&self) -> usize {
        usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }

    fn malformed(&self, message: impl Into<String>) -> ParseError {
        ParseError::Malformed {
            offset: self.reader.buffer_position(),
            message: message.into(),
        }
    }

    /// The next item. Start and empty tags come back as [`Item::Open`] with their namespace
    /// resolved and the depth counted; end tags as [`Item::Close`].
    fn event(&mut self) -> Result<Item<'a>, ParseError> {
        if self.diags.len() > self.limits.max_diagnostics {
            return Err(ParseError::LimitExceeded {
                what: "problems to report",
                limit: self.limits.max_diagnostics,
            });
        }
        let start = self.offset();
        let event = self
            .reader
            .read_event()
            .map_err(|e| ParseError::Malformed {
                offset: self.reader.error_position(),
                message: e.to_string(),
            })?;
        match event {
            Event::Start(e) => self.open(&e, start, false).map(Item::Open),
            Event::Empty(e) => self.open(&e, start, true).map(Item::Open),
            Event::End(_) => {
                while self.bindings.last().is_some_and(|b| b.depth >= self.depth) {
                    self.bindings.pop();
                }
                self.depth -= 1;
                Ok(Item::Close)
            }
            Event::DocType(_) => Err(ParseError::DtdForbidden),
            other => Ok(Item::Other(other)),
        }
    }

    /// Builds the tag of a start or empty element: records its namespace declarations,
    /// resolves its name and counts its depth.
    fn open(
        &mut self,
        e: &BytesStart<'_>,
        start: usize,
        empty: bool,
    ) -> Result<Tag<'a>, ParseError> {
        let name_len = e.name().as_ref().len();
        let content = self
            .input
            .get(start + 1..start + 1 + e.len())
            .ok_or_else(|| self.malformed("tag out of bounds"))?;
        let qname = &content[..name_len];
        let depth = self.depth + 1;
        let mark = self.bindings.len();
        if content.len() > name_len {
            for a in e.attributes() {
                let a = a.map_err(|err| self.malformed(err.to_string()))?;
                let key = a.key.as_ref();
                let prefix = if key == "xmlns" {
                    ""
                } else if let Some(p) = key.strip_prefix("xmlns:") {
                    p
                } else {
                    continue;
                };
                let ns = match a.value.as_ref() {
                    CAP_NS => Ns::Cap,
                    DSIG_NS => Ns::Dsig,
                    ATOM_NS => Ns::Atom,
                    "" => Ns::None,
                    _ => Ns::Other,
                };
                if self.bindings.len() >= self.limits.max_namespace_declarations {
                    return Err(ParseError::LimitExceeded {
                        what: "namespace declarations in scope",
                        limit: self.limits.max_namespace_declarations,
                    });
                }
                self.bindings.push(Binding {
                    depth,
                    prefix: prefix.into(),
                    ns,
                });
            }
        }
        let (prefix, local) = qname.split_once(':').unwrap_or(("", qname));
        let found = self
            .bindings
            .iter()
            .rev()
            .find(|b| same(&b.prefix, prefix))
            .map(|b| b.ns);
        let ns = match found {
            Some(ns) => ns,
            None if prefix.is_empty() => Ns::None,
            None => {
                return Err(self.malformed(format!("namespace prefix '{prefix}' is not declared")));
            }
        };
        if empty {
            self.bindings.truncate(mark);
        } else {
            self.depth = depth;
            if depth > self.limits.max_depth {
                return Err(ParseError::LimitExceeded {
                    what: "levels of element nesting",
                    limit: self.limits.max_depth,
                });
            }
        }
        Ok(Tag {
            ns,
            local,
            qname,
            empty,
            start,
            content,
        })
    }

    /// Reads up to the root element's start tag.
    pub(crate) fn root(&mut self) -> Result<Tag<'a>, ParseError> {
        loop {
            match self.event()? {
                Item::Open(tag) => return Ok(tag),
                Item::Other(Event::Decl(d)) => {
                    if let Some(Ok(enc)) = d.encoding() {
                        let enc = enc.to_ascii_lowercase();
                        if enc != "utf-8" && enc != "utf8" {
                            return Err(ParseError::Encoding(format!(
                                "the document declares encoding '{enc}'; only UTF-8 is accepted"
                            )));
                        }
                    }
                }
                Item::Other(Event::Text(t)) if is_ws(&t) => {}
                Item::Other(Event::Comment(_) | Event::PI(_)) => {}
                Item::Other(Event::Eof) => {
                    return Err(self.malformed("the document has no root element"));
                }
                _ => return Err(self.malformed("text before the root element")),
            }
        }
    }

    /// After the root's end: only comments, processing instructions and whitespace.
    pub(crate) fn finish(&mut self) -> Result<(), ParseError> {
        loop {
            match self.event()? {
                Item::Other(Event::Eof) => return Ok(()),
                Item::Other(Event::Text(t)) if is_ws(&t) => {}
                Item::Other(Event::Comment(_) | Event::PI(_)) => {}
                _ => return Err(self.malformed("content after the root element")),
            }
        }
    }

    /// The next child element of the current element, or `None` at its end tag. Text
    /// between children is reported as [`Code::UnexpectedText`].
    pub(crate) fn next_child(&mut self) -> Result<Option<Tag<'a>>, ParseError> {
        let mut reported = false;
        loop {
            let event = match self.event()? {
                Item::Open(tag) => return Ok(Some(tag)),
                Item::Close => return Ok(None),
                Item::Other(event) => event,
            };
            let stray = match event {
                Event::Start(_) | Event::Empty(_) | Event::End(_) => false,
                Event::Text(t) => !is_ws(&t),
                Event::CData(c) => !is_ws(&c),
                Event::GeneralRef(r) => {
                    self.resolve_ref(&r)?;
                    true
                }
                Event::Comment(_) | Event::PI(_) => false,
                Event::Eof => return Err(self.malformed("the document ends inside an element")),
                Event::Decl(_) | Event::DocType(_) => {
                    return Err(self.malformed("a declaration inside an element"));
                }
            };
            if stray && !reported {
                reported = true;
                let parent = self.path.last().map_or("", |s| s.name);
                self.report(
                    Code::UnexpectedText,
                    Severity::Error,
                    format!("<{parent}> may contain only elements, but it contains text"),
                );
            }
        }
    }

    fn resolve_ref(&self, r: &quick_xml::events::BytesRef<'_>) -> Result<char, ParseError> {
        if let Some(c) = r
            .resolve_char_ref()
            .map_err(|e| self.malformed(e.to_string()))?
        {
            return if is_xml_char(c) {
                Ok(c)
            } else {
                Err(self.malformed(format!(
                    "character reference &{}; is not an XML character",
                    &**r
                )))
            };
        }
        match &**r {
            "amp" => Ok('&'),
            "lt" => Ok('<'),
            "gt" => Ok('>'),
            "quot" => Ok('"'),
            "apos" => Ok('\''),
            other => Err(self.malformed(format!(
                "entity &{other}; is not defined (only the five predefined XML entities are allowed)"
            ))),
        }
    }
}
