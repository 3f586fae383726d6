//! Reading an element's content: the text of a simple element (entities resolved, child
//! elements reported), and skipping an element whole.

use std::borrow::Cow;

use super::lex::{Token, normalize_eols};
use super::{Cursor, Item, Tag};
use crate::diag::Code;
use crate::error::ParseError;

/// A run of text, line ends normalized.
#[inline]
fn piece(text: &str, cr: bool) -> Cow<'_, str> {
    if cr {
        Cow::Owned(normalize_eols(text))
    } else {
        Cow::Borrowed(text)
    }
}

impl<'a> Cursor<'a> {
    /// The text content of a simple element; child elements are reported as
    /// [`Code::UnknownElement`] and skipped.
    pub(crate) fn text(&mut self, tag: &Tag<'a>) -> Result<Cow<'a, str>, ParseError> {
        if tag.empty {
            return Ok(Cow::Borrowed(""));
        }
        if self.diags.len() <= self.limits.max_diagnostics
            && let Some((text, cr)) = self.lex.simple_content()
        {
            self.close();
            return Ok(piece(text, cr));
        }
        let mut out: Option<Cow<'a, str>> = None;
        let push = |out: &mut Option<Cow<'a, str>>, piece: Cow<'a, str>| match out {
            None => *out = Some(piece),
            Some(acc) => acc.to_mut().push_str(&piece),
        };
        loop {
            let token = match self.event()? {
                Item::Open(child) => {
                    self.stray_child(&child)?;
                    continue;
                }
                Item::Close => return Ok(out.unwrap_or(Cow::Borrowed(""))),
                Item::Other(token) => token,
            };
            match token {
                Token::Text(t, cr) | Token::CData(t, cr) => push(&mut out, piece(t, cr)),
                Token::Ref(c) => match &mut out {
                    None => out = Some(Cow::Owned(c.to_string())),
                    Some(acc) => acc.to_mut().push(c),
                },
                Token::Open { .. } | Token::Close | Token::Misc => {}
                Token::Eof => return Err(self.malformed("the document ends inside an element")),
                Token::Decl(_) | Token::DocType => {
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
            if let Item::Other(Token::Eof) = self.event()? {
                return Err(self.malformed("the document ends inside an element"));
            }
        }
        Ok(())
    }
}
