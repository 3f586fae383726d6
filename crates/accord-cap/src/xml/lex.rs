//! The tokenizer: XML 1.0 markup over a document that [`prescan`](super::prescan) has already
//! checked (UTF-8, no DTD, no forbidden characters), so no token is decoded or validated twice.
//!
//! It yields borrowed tokens and checks well-formedness as it goes: start tags (names,
//! attributes `name="value"` or `name='value'` separated by whitespace, no duplicates, no `<`
//! in values, only defined references), end tags matching their start tag, comments, CDATA
//! sections, processing instructions and the XML declaration. Only character references and
//! the five predefined entities are resolved; any other reference is an error. Every
//! delimiter it slices at is ASCII, so every slice falls on a character boundary; slicing
//! goes through `str::get` all the same, so a mistake would be an error, never a panic.

use std::borrow::Cow;

use crate::error::ParseError;

/// Byte classes, one table lookup per byte in the hot loops.
const TEXT_STOP: u8 = 1; // `<`, `&`: the end of a run of text
const CR: u8 = 2; // `\r`: the text needs line-end normalization
const WS: u8 = 4; // the four XML whitespace characters
const NAME_END: u8 = 8; // ends a tag name: whitespace, `/`, `>`
const NOT_NAME: u8 = 16; // cannot appear in a name: markup delimiters and quotes

const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'<' as usize] = TEXT_STOP | NOT_NAME;
    t[b'&' as usize] = TEXT_STOP | NOT_NAME;
    t[b'\r' as usize] = CR | WS | NAME_END;
    t[b'\n' as usize] = WS | NAME_END;
    t[b'\t' as usize] = WS | NAME_END;
    t[b' ' as usize] = WS | NAME_END;
    t[b'/' as usize] = NAME_END | NOT_NAME;
    t[b'>' as usize] = NAME_END | NOT_NAME;
    t[b'=' as usize] = NOT_NAME;
    t[b'"' as usize] = NOT_NAME;
    t[b'\'' as usize] = NOT_NAME;
    t
};

#[inline]
fn class(b: u8) -> u8 {
    CLASS[usize::from(b)]
}

/// Whether `b` is one of the four XML whitespace characters.
#[inline]
pub(super) fn is_ws_byte(b: u8) -> bool {
    class(b) & WS != 0
}

/// One token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Token<'a> {
    /// A start tag (`<x …>`) or an empty-element tag (`<x …/>`).
    Open {
        /// Byte offset of the `<`.
        start: usize,
        /// Between `<` and `>` (or `/>`): the name, then the attributes.
        content: &'a str,
        /// Length of the name at the start of `content`.
        name_len: usize,
        /// `<x/>`.
        empty: bool,
        /// Whether an attribute's name starts with `xmlns` (a namespace declaration).
        declares: bool,
    },
    /// An end tag, already matched against its start tag.
    Close,
    /// A run of character data without references; `true` if it holds a `\r`.
    Text(&'a str, bool),
    /// The content of a CDATA section; `true` if it holds a `\r`.
    CData(&'a str, bool),
    /// A resolved character reference or predefined entity.
    Ref(char),
    /// A comment or a processing instruction.
    Misc,
    /// An XML declaration; what follows `<?xml`.
    Decl(&'a str),
    /// A `<!DOCTYPE`.
    DocType,
    /// The end of the input.
    Eof,
}

/// The tokenizer's state: the input, the position, and the names of the open elements.
#[derive(Debug)]
pub(super) struct Lexer<'a> {
    input: &'a str,
    pos: usize,
    /// Qualified names of the open elements; the reader bounds the depth, hence this.
    open: Vec<&'a str>,
    /// Attribute names of the tag being read, for the duplicate check.
    keys: Vec<&'a str>,
    /// Whether the tag being read has an attribute whose name starts with `xmlns`.
    declares: bool,
}

fn malformed(at: usize, message: impl Into<String>) -> ParseError {
    ParseError::Malformed {
        offset: u64::try_from(at).unwrap_or(u64::MAX),
        message: message.into(),
    }
}

/// The position of `needle` in `hay` at or after `from`.
fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut i = from;
    while i < hay.len() {
        let at = i + hay.get(i..)?.iter().position(|&b| b == first)?;
        if hay.get(at + 1..at + needle.len()) == Some(rest) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// The end of the run of text at `from` (the next `<` or `&`, or the end of the input), and
/// whether the run holds a `\r`. Eight bytes at a time: a byte equal to `n` is a zero byte of
/// `word ^ (n × 0x0101…)`, and the lowest zero byte of a word is found exactly by the classic
/// `(x - 0x0101…) & !x & 0x8080…` test (a borrow only ever spreads upwards, past a true zero).
fn scan_text(bytes: &[u8], from: usize) -> (usize, bool) {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    #[inline]
    fn zero_bytes(x: u64) -> u64 {
        x.wrapping_sub(LO) & !x & HI
    }
    let mut i = from;
    let mut cr = false;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let w = u64::from_le_bytes(word);
        let stop = zero_bytes(w ^ (LO * u64::from(b'<'))) | zero_bytes(w ^ (LO * u64::from(b'&')));
        let returns = zero_bytes(w ^ (LO * u64::from(b'\r')));
        if stop != 0 {
            let bit = stop.trailing_zeros();
            // The `\r`s below the stop byte: a set bit there is a true `\r` or above one.
            cr |= returns & ((1u64 << bit) - 1) != 0;
            return (i + usize::try_from(bit / 8).unwrap_or(0), cr);
        }
        cr |= returns != 0;
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        let k = class(b);
        if k & TEXT_STOP != 0 {
            break;
        }
        cr |= k & CR != 0;
        i += 1;
    }
    (i, cr)
}

/// Byte-string equality for short names, without a call to `memcmp`.
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// Whether `c` may appear in an XML 1.0 document.
pub(super) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The character a reference names (`name` is what lies between `&` and `;`).
pub(super) fn resolve(name: &str) -> Result<char, String> {
    if let Some(num) = name.strip_prefix('#') {
        let (digits, radix) = match num.strip_prefix('x') {
            Some(hex) => (hex, 16),
            None => (num, 10),
        };
        let valid = !digits.is_empty() && digits.bytes().all(|b| char::from(b).is_digit(radix));
        let c = valid
            .then(|| u32::from_str_radix(digits, radix).ok())
            .flatten()
            .and_then(char::from_u32)
            .filter(|&c| is_xml_char(c));
        return c.ok_or_else(|| format!("character reference &{name}; is not an XML character"));
    }
    match name {
        "amp" => Ok('&'),
        "lt" => Ok('<'),
        "gt" => Ok('>'),
        "quot" => Ok('"'),
        "apos" => Ok('\''),
        other => Err(format!(
            "entity &{other}; is not defined (only the five predefined XML entities are allowed)"
        )),
    }
}

/// XML 1.0 line-end normalization: `\r\n` and `\r` become `\n`.
pub(super) fn normalize_eols(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('\r') {
        out.push_str(rest.get(..i).unwrap_or(""));
        out.push('\n');
        let skip = if rest.as_bytes().get(i + 1) == Some(&b'\n') {
            2
        } else {
            1
        };
        rest = rest.get(i + skip..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// An attribute value as XML 1.0 normalizes it: references resolved, each whitespace
/// character (and each `\r\n`) a space. `None` if a reference is not defined.
pub(super) fn normalize_attribute(raw: &str) -> Option<Cow<'_, str>> {
    if !raw
        .bytes()
        .any(|b| b == b'&' || (class(b) & WS != 0 && b != b' '))
    {
        return Some(Cow::Borrowed(raw));
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '&' => {
                let end = raw.get(i..)?.find(';')? + i;
                out.push(resolve(raw.get(i + 1..end)?).ok()?);
                while chars.next_if(|&(j, _)| j <= end).is_some() {}
            }
            '\r' => {
                chars.next_if(|&(_, n)| n == '\n');
                out.push(' ');
            }
            '\t' | '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    Some(Cow::Owned(out))
}

/// An attribute of a start tag, its value raw (as written, between the quotes).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Attr<'a> {
    pub(crate) key: &'a str,
    pub(crate) value: &'a str,
}

/// The attributes of a start tag the tokenizer has accepted (so they are well-formed).
#[derive(Debug, Clone)]
pub(crate) struct Attrs<'a> {
    rest: &'a str,
}

impl<'a> Attrs<'a> {
    /// The attributes in `content` after the name (`name_len` bytes).
    pub(super) fn new(content: &'a str, name_len: usize) -> Self {
        Self {
            rest: content.get(name_len..).unwrap_or(""),
        }
    }
}

impl<'a> Iterator for Attrs<'a> {
    type Item = Attr<'a>;

    fn next(&mut self) -> Option<Attr<'a>> {
        let rest = self.rest.trim_start_matches([' ', '\t', '\n', '\r']);
        let eq = rest.find('=')?;
        let key = rest.get(..eq)?.trim_end_matches([' ', '\t', '\n', '\r']);
        let after = rest
            .get(eq + 1..)?
            .trim_start_matches([' ', '\t', '\n', '\r']);
        let quote = after.chars().next()?;
        let body = after.get(1..)?;
        let close = body.find(quote)?;
        self.rest = body.get(close + 1..)?;
        Some(Attr {
            key,
            value: body.get(..close)?,
        })
    }
}

impl<'a> Lexer<'a> {
    pub(super) fn new(input: &'a str) -> Self {
        Self {
            input,
            pos: 0,
            open: Vec::new(),
            keys: Vec::new(),
            declares: false,
        }
    }

    /// Byte offset just after the last token.
    #[inline]
    pub(super) fn pos(&self) -> usize {
        self.pos
    }

    #[inline]
    fn slice(&self, from: usize, to: usize) -> Result<&'a str, ParseError> {
        self.input
            .get(from..to)
            .ok_or_else(|| malformed(from, "a token out of bounds"))
    }

    /// The next token.
    pub(super) fn next_token(&mut self) -> Result<Token<'a>, ParseError> {
        let bytes = self.input.as_bytes();
        let start = self.pos;
        match bytes.get(start) {
            None => Ok(Token::Eof),
            Some(b'<') => self.markup(start),
            Some(b'&') => self.reference(start),
            Some(_) => {
                let (end, cr) = scan_text(bytes, start);
                self.pos = end;
                Ok(Token::Text(self.slice(start, end)?, cr))
            }
        }
    }

    /// Skips whitespace (which, between elements, is no token of interest).
    #[inline]
    pub(super) fn skip_ws(&mut self) {
        let bytes = self.input.as_bytes();
        while bytes.get(self.pos).copied().is_some_and(is_ws_byte) {
            self.pos += 1;
        }
    }

    /// The whole content of the innermost open element when it is a single run of text
    /// (possibly empty) followed by its end tag, consumed together with the end tag; `None`
    /// (nothing consumed) otherwise. The common case of simple elements, in one step.
    #[inline]
    pub(super) fn simple_content(&mut self) -> Option<(&'a str, bool)> {
        let bytes = self.input.as_bytes();
        let start = self.pos;
        let (end, cr) = scan_text(bytes, start);
        let open = *self.open.last()?;
        let name_end = end + 2 + open.len();
        if bytes.get(end..end + 2) != Some(b"</")
            || !same_bytes(bytes.get(end + 2..name_end)?, open.as_bytes())
        {
            return None;
        }
        let mut i = name_end;
        while bytes.get(i).copied().is_some_and(is_ws_byte) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'>') {
            return None;
        }
        let text = self.input.get(start..end)?;
        self.open.pop();
        self.pos = i + 1;
        Some((text, cr))
    }

    /// `&name;` at `start`.
    fn reference(&mut self, start: usize) -> Result<Token<'a>, ParseError> {
        let (name, end) = self.reference_at(start)?;
        self.pos = end;
        resolve(name)
            .map(Token::Ref)
            .map_err(|m| malformed(start, m))
    }

    /// The name of the reference at `start` (between `&` and `;`) and the offset after it.
    fn reference_at(&self, start: usize) -> Result<(&'a str, usize), ParseError> {
        let bytes = self.input.as_bytes();
        let mut i = start + 1;
        loop {
            match bytes.get(i) {
                Some(b';') => return Ok((self.slice(start + 1, i)?, i + 1)),
                Some(b'<' | b'&' | b'"' | b'\'') | None => {
                    return Err(malformed(
                        start,
                        "a '&' that does not start a reference (write &amp;)",
                    ));
                }
                Some(_) => i += 1,
            }
        }
    }

    /// Markup at `start` (a `<`).
    fn markup(&mut self, start: usize) -> Result<Token<'a>, ParseError> {
        let bytes = self.input.as_bytes();
        match bytes.get(start + 1) {
            Some(b'/') => self.end_tag(start),
            Some(b'!') => {
                let rest = bytes.get(start..).unwrap_or_default();
                if rest.starts_with(b"<!--") {
                    let end = find(bytes, start + 4, b"-->")
                        .ok_or_else(|| malformed(start, "a comment without its end '-->'"))?;
                    self.pos = end + 3;
                    Ok(Token::Misc)
                } else if rest.starts_with(b"<![CDATA[") {
                    let end = find(bytes, start + 9, b"]]>")
                        .ok_or_else(|| malformed(start, "a CDATA section without its end ']]>'"))?;
                    self.pos = end + 3;
                    let text = self.slice(start + 9, end)?;
                    Ok(Token::CData(text, text.contains('\r')))
                } else if rest
                    .get(2..9)
                    .is_some_and(|d| d.eq_ignore_ascii_case(b"DOCTYPE"))
                {
                    Ok(Token::DocType)
                } else {
                    Err(malformed(
                        start,
                        "'<!' that starts neither a comment nor a CDATA section",
                    ))
                }
            }
            Some(b'?') => {
                let end = find(bytes, start + 2, b"?>").ok_or_else(|| {
                    malformed(start, "a processing instruction without its end '?>'")
                })?;
                self.pos = end + 2;
                let body = self.slice(start + 2, end)?;
                match body.strip_prefix("xml") {
                    Some(decl) if decl.bytes().next().is_none_or(is_ws_byte) => {
                        Ok(Token::Decl(decl))
                    }
                    _ if body.is_empty() || body.bytes().next().is_some_and(is_ws_byte) => Err(
                        malformed(start, "a processing instruction without a target"),
                    ),
                    _ => Ok(Token::Misc),
                }
            }
            _ => self.start_tag(start),
        }
    }

    /// `</name>` at `start`.
    fn end_tag(&mut self, start: usize) -> Result<Token<'a>, ParseError> {
        let bytes = self.input.as_bytes();
        let Some(open) = self.open.pop() else {
            return Err(self.bad_end_tag(start, None));
        };
        let name_end = start + 2 + open.len();
        if bytes
            .get(start + 2..name_end)
            .is_some_and(|n| same_bytes(n, open.as_bytes()))
        {
            let mut i = name_end;
            while bytes.get(i).copied().is_some_and(is_ws_byte) {
                i += 1;
            }
            if bytes.get(i) == Some(&b'>') {
                self.pos = i + 1;
                return Ok(Token::Close);
            }
        }
        Err(self.bad_end_tag(start, Some(open)))
    }

    /// Why the end tag at `start` is wrong, given the start tag it had to match.
    fn bad_end_tag(&self, start: usize, open: Option<&str>) -> ParseError {
        let bytes = self.input.as_bytes();
        let Some(close) = bytes
            .get(start..)
            .and_then(|r| r.iter().position(|&b| b == b'>'))
            .map(|i| start + i)
        else {
            return malformed(start, "an end tag without its '>'");
        };
        let name = self
            .input
            .get(start + 2..close)
            .unwrap_or("")
            .trim_end_matches([' ', '\t', '\n', '\r']);
        match open {
            Some(open) => malformed(
                start,
                format!("the end tag </{name}> does not match the start tag <{open}>"),
            ),
            None => malformed(start, format!("the end tag </{name}> has no start tag")),
        }
    }

    /// `<name attr="value" …>` or `<name …/>` at `start`.
    fn start_tag(&mut self, start: usize) -> Result<Token<'a>, ParseError> {
        let bytes = self.input.as_bytes();
        let name_start = start + 1;
        let mut i = name_start;
        while let Some(&b) = bytes.get(i) {
            let k = class(b);
            if k & NAME_END != 0 {
                break;
            }
            if k & NOT_NAME != 0 {
                return Err(malformed(
                    i,
                    "a character that is not allowed in a tag name",
                ));
            }
            i += 1;
        }
        let name_len = i - name_start;
        let first = bytes.get(name_start).copied().unwrap_or(b' ');
        if name_len == 0 || first.is_ascii_digit() || matches!(first, b'-' | b'.' | b':') {
            return Err(malformed(start, "a '<' that does not start a tag"));
        }
        self.keys.clear();
        self.declares = false;
        let (end, empty) = loop {
            let before = i;
            while bytes.get(i).copied().is_some_and(is_ws_byte) {
                i += 1;
            }
            match bytes.get(i) {
                None => return Err(malformed(start, "a start tag without its '>'")),
                Some(b'>') => break (i, false),
                Some(b'/') => {
                    if bytes.get(i + 1) == Some(&b'>') {
                        break (i, true);
                    }
                    return Err(malformed(i, "a '/' in a start tag not followed by '>'"));
                }
                Some(_) if i == before => {
                    return Err(malformed(i, "attributes must be separated by whitespace"));
                }
                Some(_) => i = self.attribute(i)?,
            }
        };
        if self.keys.len() > 8 {
            let mut keys = std::mem::take(&mut self.keys);
            keys.sort_unstable();
            let dup = keys.windows(2).find(|w| w[0] == w[1]).map(|w| w[0]);
            self.keys = keys;
            if let Some(key) = dup {
                return Err(malformed(start, format!("attribute '{key}' appears twice")));
            }
        }
        let content = self.slice(name_start, end)?;
        let name = content.get(..name_len).unwrap_or("");
        self.pos = end + if empty { 2 } else { 1 };
        if !empty {
            self.open.push(name);
        }
        Ok(Token::Open {
            start,
            content,
            name_len,
            empty,
            declares: self.declares,
        })
    }

    /// One `key = "value"` at `at`; returns the offset after it.
    fn attribute(&mut self, at: usize) -> Result<usize, ParseError> {
        let bytes = self.input.as_bytes();
        let mut i = at;
        while let Some(&b) = bytes.get(i) {
            let k = class(b);
            if k & (WS | NOT_NAME) != 0 {
                break;
            }
            i += 1;
        }
        let key = self.slice(at, i)?;
        if key.is_empty() {
            return Err(malformed(at, "a character that cannot start an attribute"));
        }
        while bytes.get(i).copied().is_some_and(is_ws_byte) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            return Err(malformed(at, format!("attribute '{key}' has no value")));
        }
        i += 1;
        while bytes.get(i).copied().is_some_and(is_ws_byte) {
            i += 1;
        }
        let quote = match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => {
                return Err(malformed(
                    i,
                    format!("attribute '{key}' has an unquoted value"),
                ));
            }
        };
        let value_start = i + 1;
        let mut j = value_start;
        loop {
            match bytes.get(j) {
                None => return Err(malformed(at, format!("attribute '{key}' is not closed"))),
                Some(&b) if b == quote => break,
                Some(b'<') => {
                    return Err(malformed(
                        j,
                        format!("a '<' in the value of attribute '{key}'"),
                    ));
                }
                Some(b'&') => {
                    let (name, after) = self.reference_at(j)?;
                    resolve(name).map_err(|m| malformed(j, m))?;
                    j = after;
                }
                Some(_) => j += 1,
            }
        }
        if self.keys.len() <= 8 && self.keys.contains(&key) {
            return Err(malformed(at, format!("attribute '{key}' appears twice")));
        }
        self.keys.push(key);
        self.declares |= key.starts_with("xmlns");
        Ok(j + 1)
    }
}

#[cfg(test)]
mod tests;
