//! Reading an element's content: the text of a simple element (entities resolved, child
//! elements reported), and skipping an element whole.

use std::borrow::Cow;

use quick_xml::events::Event;

use super::{Cursor, Item, Tag};
use crate::diag::Code;
use crate::error::ParseError;

impl<'a> Cursor<'a> {
    /// The text content of a simple element; child elements are reported as
    /// [`Code::UnknownElement`] and skipped.
    pub(crate) fn text(&mut self, tag: &Tag<'a>) -> Result<Cow<'a, str>, ParseError> {
        if tag.empty {
            return Ok(Cow::Borrowed(""));
        }
        let mut out: Option<Cow<'a, str>> = None;
        let push = |out: &mut Option<Cow<'a, str>>, piece: Cow<'a, str>| match out {
            None => *out = Some(piece),
            Some(acc) => acc.to_mut().push_str(&piece),
        };
        loop {
            let event = match self.event()? {
                Item::Open(child) => {
                    self.stray_child(&child)?;
                    continue;
                }
                Item::Close => return Ok(out.unwrap_or(Cow::Borrowed(""))),
                Item::Other(event) => event,
            };
            match event {
                Event::Text(t) => push(&mut out, t.xml10_content()),
                Event::CData(c) => push(&mut out, c.xml10_content()),
                Event::GeneralRef(r) => {
                    let c = self.resolve_ref(&r)?;
                    push(&mut out, Cow::Owned(c.to_string()));
                }
                Event::Start(_) | Event::Empty(_) | Event::End(_) => {}
                Event::Comment(_) | Event::PI(_) => {}
                Event::Eof => return Err(self.malformed("the document ends inside an element")),
                Event::Decl(_) | Event::DocType(_) => {
                    return Err(self.malformed("a declaration inside an element"));
                }
            }
        }
    }

    fn stray_child(&mut self, child: &Tag<'a>) -> Result<(), ParseError> {
        let parent = self.path.last().map_or("", |s| s.name);
        self.report_at_child(
            child.local,
            Code::UnknownElement,
            format!(
                "<{parent}> holds text only, but it contains an element <{}>",
                child.qname
            ),
        );
        self.skip(child)
    }

    /// Skips the rest of `tag`'s element.
    pub(crate) fn skip(&mut self, tag: &Tag<'a>) -> Result<(), ParseError> {
        if tag.empty {
            return Ok(());
        }
        let target = self.depth - 1;
        while self.depth > target {
            match self.event()? {
                Item::Other(Event::Eof) => {
                    return Err(self.malformed("the document ends inside an element"));
                }
                Item::Other(Event::GeneralRef(r)) => {
                    self.resolve_ref(&r)?;
                }
                _ => {}
            }
        }
        Ok(())
    }
}
