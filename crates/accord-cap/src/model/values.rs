//! Validated leaf values: identifiers, language tags, MIME types, digests, URIs, address
//! lists and references. Each has a private field and a fallible constructor.

use std::fmt;

use super::datetime::CapDateTime;

/// Why a value was refused; the message names the value and the rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ValueError(pub(crate) String);

fn id_problem(text: &str) -> Option<&'static str> {
    if text.is_empty() {
        return Some("it is empty");
    }
    for c in text.chars() {
        match c {
            ' ' | '\t' | '\n' | '\r' => return Some("it contains a space"),
            ',' => return Some("it contains a comma"),
            '<' => return Some("it contains '<'"),
            '&' => return Some("it contains '&'"),
            _ => {}
        }
    }
    None
}

/// `<identifier>`: the sender's unique id for the message. No spaces, commas, `<` or `&`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Identifier(String);

impl Identifier {
    /// Validates an identifier.
    pub fn new(text: &str) -> Result<Self, ValueError> {
        match id_problem(text) {
            None => Ok(Self(text.to_owned())),
            Some(why) => Err(ValueError(format!(
                "identifier '{text}' is not usable: {why} (spaces, commas, '<' and '&' are not allowed)"
            ))),
        }
    }

    /// The identifier text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `<sender>`: the originator's id, often an e-mail address. No spaces, commas, `<` or `&`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Sender(String);

impl Sender {
    /// Validates a sender id.
    pub fn new(text: &str) -> Result<Self, ValueError> {
        match id_problem(text) {
            None => Ok(Self(text.to_owned())),
            Some(why) => Err(ValueError(format!(
                "sender '{text}' is not usable: {why} (spaces, commas, '<' and '&' are not allowed)"
            ))),
        }
    }

    /// The sender text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One entry of `<references>`: an earlier message, named by `sender,identifier,sent`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference {
    /// The earlier message's sender.
    pub sender: Sender,
    /// The earlier message's identifier.
    pub identifier: Identifier,
    /// When the earlier message was sent.
    pub sent: CapDateTime,
}

impl Reference {
    /// Parses one `sender,identifier,sent` triplet.
    pub fn parse(text: &str) -> Result<Self, ValueError> {
        let mut parts = text.split(',');
        let (Some(sender), Some(identifier), Some(sent), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(ValueError(format!(
                "reference '{text}' is not a sender,identifier,sent triplet"
            )));
        };
        Ok(Self {
            sender: Sender::new(sender)?,
            identifier: Identifier::new(identifier)?,
            sent: CapDateTime::parse(sent).map_err(|e| ValueError(e.to_string()))?,
        })
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{},{},{}",
            self.sender.as_str(),
            self.identifier.as_str(),
            self.sent
        )
    }
}

/// A space-separated list whose multi-word items are in double quotes (`<addresses>`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Addresses(Vec<String>);

impl Addresses {
    /// Splits the list; an unterminated quote is an error.
    pub fn parse(text: &str) -> Result<Self, ValueError> {
        let mut items = Vec::new();
        let mut rest = text.trim_start();
        while !rest.is_empty() {
            if let Some(quoted) = rest.strip_prefix('"') {
                let Some(end) = quoted.find('"') else {
                    return Err(ValueError(format!(
                        "addresses '{text}' has a quoted item without its closing '\"'"
                    )));
                };
                items.push(quoted[..end].to_owned());
                rest = quoted[end + 1..].trim_start();
            } else {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                items.push(rest[..end].to_owned());
                rest = rest[end..].trim_start();
            }
        }
        Self::new(items)
    }

    /// Builds a list from its items; items may not contain `"` or be empty.
    pub fn new(items: Vec<String>) -> Result<Self, ValueError> {
        if items.is_empty() {
            return Err(ValueError("addresses is empty".to_owned()));
        }
        if let Some(bad) = items.iter().find(|i| i.is_empty() || i.contains('"')) {
            return Err(ValueError(format!(
                "address item '{bad}' is empty or contains '\"'"
            )));
        }
        Ok(Self(items))
    }

    /// The items.
    pub fn items(&self) -> &[String] {
        &self.0
    }
}

impl fmt::Display for Addresses {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, item) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            if item.contains(char::is_whitespace) {
                write!(f, "\"{item}\"")?;
            } else {
                f.write_str(item)?;
            }
        }
        Ok(())
    }
}

/// `<language>`: an RFC 3066 tag such as `en-US` (1-8 letters, then `-` and 1-8 letters or
/// digits, repeated).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Language(String);

impl Language {
    /// Validates a language tag.
    pub fn new(text: &str) -> Result<Self, ValueError> {
        let mut parts = text.split('-');
        let primary = parts.next().unwrap_or("");
        let primary_ok =
            (1..=8).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic());
        let rest_ok = parts
            .all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
        if primary_ok && rest_ok {
            Ok(Self(text.to_owned()))
        } else {
            Err(ValueError(format!(
                "language '{text}' is not an RFC 3066 tag such as en-US or fr"
            )))
        }
    }

    /// The tag.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`{|}~".contains(&b))
}

/// `<mimeType>`: an RFC 2046 media type, `type/subtype` with optional `; name=value` parameters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MimeType(String);

impl MimeType {
    /// Validates a media type.
    pub fn new(text: &str) -> Result<Self, ValueError> {
        let mut params = text.split(';');
        let essence = params.next().unwrap_or("");
        let essence_ok = essence
            .split_once('/')
            .is_some_and(|(t, s)| is_token(t) && is_token(s));
        let params_ok = params.all(|p| {
            p.trim()
                .split_once('=')
                .is_some_and(|(n, v)| is_token(n) && !v.is_empty())
        });
        if essence_ok && params_ok {
            Ok(Self(text.to_owned()))
        } else {
            Err(ValueError(format!(
                "mimeType '{text}' is not a media type such as image/png (RFC 2046)"
            )))
        }
    }

    /// The media type.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `<digest>`: the SHA-1 of the resource, 40 hexadecimal digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Sha1Digest(String);

impl Sha1Digest {
    /// Validates a SHA-1 hex digest.
    pub fn new(text: &str) -> Result<Self, ValueError> {
        if text.len() == 40 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
            Ok(Self(text.to_owned()))
        } else {
            Err(ValueError(format!(
                "digest '{text}' is not a SHA-1 digest (40 hexadecimal digits)"
            )))
        }
    }

    /// The hex digest.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `<derefUri>`: the resource itself, base64-encoded (line breaks allowed).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DerefUri(String);

impl DerefUri {
    /// Validates base64 content without decoding it.
    pub fn new(text: &str) -> Result<Self, ValueError> {
        let fail = || ValueError("derefUri is not valid base64 data".to_owned());
        let mut count = 0usize;
        let mut padding = 0usize;
        for b in text.bytes() {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => continue,
                b'=' => padding += 1,
                _ if padding > 0 => return Err(fail()),
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'+' | b'/' => {}
                _ => return Err(fail()),
            }
            count += 1;
        }
        if count == 0 || !count.is_multiple_of(4) || padding > 2 {
            return Err(fail());
        }
        Ok(Self(text.to_owned()))
    }

    /// The base64 text as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether `text` starts with a URI scheme (`letter *(letter / digit / + - .) :`).
pub(crate) fn has_scheme(text: &str) -> bool {
    let Some((scheme, _)) = text.split_once(':') else {
        return false;
    };
    let mut bytes = scheme.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
}

/// `<web>`: an absolute URI (with a scheme, no spaces).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AbsoluteUri(String);

impl AbsoluteUri {
    /// Validates an absolute URI.
    pub fn new(text: &str) -> Result<Self, ValueError> {
        if has_scheme(text) && !text.contains(char::is_whitespace) {
            Ok(Self(text.to_owned()))
        } else {
            Err(ValueError(format!(
                "'{text}' is not an absolute URI such as https://example.org/alert"
            )))
        }
    }

    /// The URI.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_refuse_spaces_commas_lt_and_amp() {
        assert!(Identifier::new("urn:oid:2.49.0.1").is_ok());
        for bad in ["", "a b", "a,b", "a<b", "a&b"] {
            assert!(Identifier::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn addresses_split_on_spaces_and_keep_quoted_items() {
        let a = Addresses::parse(r#"CA1 "Fire Dept" x"#).unwrap();
        assert_eq!(a.items(), ["CA1", "Fire Dept", "x"]);
        assert_eq!(a.to_string(), r#"CA1 "Fire Dept" x"#);
        assert!(Addresses::parse(r#"a "b c"#).is_err());
    }

    #[test]
    fn values_check_their_syntax() {
        assert!(Language::new("en-US").is_ok());
        assert!(Language::new("zh-CN").is_ok());
        assert!(Language::new("en_US").is_err());
        assert!(MimeType::new("image/gif").is_ok());
        assert!(MimeType::new("text/plain; charset=utf-8").is_ok());
        assert!(MimeType::new("gif").is_err());
        assert!(Sha1Digest::new("da39a3ee5e6b4b0d3255bfef95601890afd80709").is_ok());
        assert!(Sha1Digest::new("da39a3").is_err());
        assert!(DerefUri::new("aGVsbG8=\n").is_ok());
        assert!(DerefUri::new("aGVsbG8").is_err());
        assert!(DerefUri::new("aG=Vs").is_err());
        assert!(AbsoluteUri::new("https://x.example/a?b").is_ok());
        assert!(AbsoluteUri::new("www.example.org").is_err());
    }
}
