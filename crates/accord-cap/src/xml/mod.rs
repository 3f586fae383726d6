//! A bounded, namespace-aware pull reader over a checked UTF-8 document, with the path
//! bookkeeping that diagnostics need. Built on its own tokenizer (`lex`); entities other than
//! the five predefined ones and character references are never expanded.

mod content;
mod lex;
mod path;
mod prescan;
mod tag;

use lex::{Lexer, Token};
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
    /// Anything else (never a start or end tag, nor a DOCTYPE).
    Other(Token<'a>),
}

/// A namespace declaration in scope: its prefix (`""` for the default) and element depth.
#[derive(Debug)]
struct Binding<'a> {
    depth: usize,
    prefix: &'a str,
    ns: Ns,
}

/// The pull reader.
pub(crate) struct Cursor<'a> {
    lex: Lexer<'a>,
    bindings: Vec<Binding<'a>>,
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
    text.bytes().all(lex::is_ws_byte)
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(input: &'a str, limits: &'a Limits) -> Self {
        Self {
            lex: Lexer::new(input),
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
        self.lex.pos()
    }

    fn malformed(&self, message: impl Into<String>) -> ParseError {
        ParseError::Malformed {
            offset: u64::try_from(self.lex.pos()).unwrap_or(u64::MAX),
            message: message.into(),
        }
    }

    /// The next item. Start and empty tags come back as [`Item::Open`] with their namespace
    /// resolved and the depth counted; end tags as [`Item::Close`].
    #[inline]
    fn event(&mut self) -> Result<Item<'a>, ParseError> {
        if self.diags.len() > self.limits.max_diagnostics {
            return Err(ParseError::LimitExceeded {
                what: "problems to report",
                limit: self.limits.max_diagnostics,
            });
        }
        match self.lex.next_token()? {
            Token::Open {
                start,
                content,
                name_len,
                empty,
                declares,
            } => self
                .open(start, content, name_len, empty, declares)
                .map(Item::Open),
            Token::Close => {
                self.close();
                Ok(Item::Close)
            }
            Token::DocType => Err(ParseError::DtdForbidden),
            other => Ok(Item::Other(other)),
        }
    }

    /// Leaves the current element: its namespace declarations go out of scope.
    #[inline]
    fn close(&mut self) {
        while self.bindings.last().is_some_and(|b| b.depth >= self.depth) {
            self.bindings.pop();
        }
        self.depth -= 1;
    }

    /// Builds the tag of a start or empty element: records its namespace declarations,
    /// resolves its name and counts its depth.
    fn open(
        &mut self,
        start: usize,
        content: &'a str,
        name_len: usize,
        empty: bool,
        declares: bool,
    ) -> Result<Tag<'a>, ParseError> {
        let qname = content.get(..name_len).unwrap_or("");
        let depth = self.depth + 1;
        let mark = self.bindings.len();
        if declares {
            for a in lex::Attrs::new(content, name_len) {
                let prefix = if a.key == "xmlns" {
                    ""
                } else if let Some(p) = a.key.strip_prefix("xmlns:") {
                    p
                } else {
                    continue;
                };
                let ns = match a.value {
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
                self.bindings.push(Binding { depth, prefix, ns });
            }
        }
        let colon = qname.bytes().position(|b| b == b':');
        let (prefix, local) = match colon {
            Some(i) => (
                qname.get(..i).unwrap_or(""),
                qname.get(i + 1..).unwrap_or(""),
            ),
            None => ("", qname),
        };
        let found = self
            .bindings
            .iter()
            .rev()
            .find(|b| same(b.prefix, prefix))
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
                Item::Other(Token::Decl(d)) => {
                    let encoding = lex::Attrs::new(d, 0).find(|a| a.key == "encoding");
                    if let Some(enc) = encoding {
                        let enc = enc.value.to_ascii_lowercase();
                        if enc != "utf-8" && enc != "utf8" {
                            return Err(ParseError::Encoding(format!(
                                "the document declares encoding '{enc}'; only UTF-8 is accepted"
                            )));
                        }
                    }
                }
                Item::Other(Token::Text(t, _)) if is_ws(t) => {}
                Item::Other(Token::Misc) => {}
                Item::Other(Token::Eof) => {
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
                Item::Other(Token::Eof) => return Ok(()),
                Item::Other(Token::Text(t, _)) if is_ws(t) => {}
                Item::Other(Token::Misc) => {}
                _ => return Err(self.malformed("content after the root element")),
            }
        }
    }

    /// The next child element of the current element, or `None` at its end tag. Text
    /// between children is reported as [`Code::UnexpectedText`].
    pub(crate) fn next_child(&mut self) -> Result<Option<Tag<'a>>, ParseError> {
        let mut reported = false;
        loop {
            // Whitespace between elements is no text to report: skip it in one step.
            self.lex.skip_ws();
            let event = match self.event()? {
                Item::Open(tag) => return Ok(Some(tag)),
                Item::Close => return Ok(None),
                Item::Other(event) => event,
            };
            let stray = match event {
                Token::Text(t, _) | Token::CData(t, _) => !is_ws(t),
                Token::Ref(_) => true,
                Token::Open { .. } | Token::Close | Token::Misc => false,
                Token::Eof => return Err(self.malformed("the document ends inside an element")),
                Token::Decl(_) | Token::DocType => {
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
}
