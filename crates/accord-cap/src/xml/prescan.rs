//! Checks made before the XML parser sees a byte: size, encoding, forbidden characters, and
//! refusal of any DTD or entity declaration (XXE and entity-expansion attacks).

use crate::error::ParseError;
use crate::limits::Limits;

/// Checks `input` and returns it as text without a byte-order mark.
pub(crate) fn prescan<'a>(input: &'a [u8], limits: &Limits) -> Result<&'a str, ParseError> {
    if input.len() > limits.max_input_bytes {
        return Err(ParseError::TooLarge {
            size: input.len(),
            limit: limits.max_input_bytes,
        });
    }
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    refuse_dtd(input)?;
    let text = std::str::from_utf8(input)
        .map_err(|e| ParseError::Encoding(format!("invalid UTF-8 at byte {}", e.valid_up_to())))?;
    // One branch-free pass flags bytes that may start a forbidden character: control
    // characters other than tab and line breaks, and 0xEF (U+FFFE and U+FFFF are EF BF BE/BF).
    let suspicious = text.as_bytes().iter().fold(false, |acc, &b| {
        acc | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0xEF)
    });
    if suspicious {
        forbidden_characters(text)?;
    }
    Ok(text)
}

/// The precise (slower) search, run only when the fast pass saw a suspicious byte.
fn forbidden_characters(text: &str) -> Result<(), ParseError> {
    let bytes = text.as_bytes();
    if let Some(at) = bytes
        .iter()
        .position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
    {
        return Err(ParseError::Malformed {
            offset: at as u64,
            message: "a control character that XML does not allow".to_owned(),
        });
    }
    let nonchar = bytes
        .windows(3)
        .position(|w| w[0] == 0xEF && w[1] == 0xBF && (w[2] == 0xBE || w[2] == 0xBF));
    if let Some(at) = nonchar {
        return Err(ParseError::Malformed {
            offset: at as u64,
            message: "a non-character (U+FFFE or U+FFFF) that XML does not allow".to_owned(),
        });
    }
    Ok(())
}

/// Walks the prolog (declaration, comments, processing instructions, whitespace) up to the
/// root element; any `<!` other than a comment there is a DTD and is refused. A DOCTYPE
/// anywhere else is refused by the reader.
fn refuse_dtd(input: &[u8]) -> Result<(), ParseError> {
    let mut rest = input;
    loop {
        rest = rest.trim_ascii_start();
        if rest.starts_with(b"<?") {
            match find(rest, b"?>") {
                Some(end) => rest = &rest[end + 2..],
                None => return Ok(()),
            }
        } else if rest.starts_with(b"<!--") {
            match find(&rest[4..], b"-->") {
                Some(end) => rest = &rest[4 + end + 3..],
                None => return Ok(()),
            }
        } else if rest.starts_with(b"<!") {
            return Err(ParseError::DtdForbidden);
        } else {
            return Ok(());
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_doctype_and_entities_before_the_root() {
        let limits = Limits::default();
        for doc in [
            "<!DOCTYPE alert [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><alert>&x;</alert>",
            "<?xml version=\"1.0\"?>\n<!-- c --><!doctype alert><alert/>",
            "\u{FEFF}<!ENTITY a \"b\"><alert/>",
        ] {
            assert_eq!(
                prescan(doc.as_bytes(), &limits),
                Err(ParseError::DtdForbidden),
                "{doc}"
            );
        }
        assert!(
            prescan(
                b"<?xml version=\"1.0\"?><!-- <!DOCTYPE --><alert/>",
                &limits
            )
            .is_ok()
        );
    }

    #[test]
    fn refuses_oversized_non_utf8_and_control_characters() {
        let small = Limits {
            max_input_bytes: 4,
            ..Limits::default()
        };
        assert!(matches!(
            prescan(b"<alert/>", &small),
            Err(ParseError::TooLarge { .. })
        ));
        let limits = Limits::default();
        assert!(matches!(
            prescan(b"<a>\xff</a>", &limits),
            Err(ParseError::Encoding(_))
        ));
        assert!(matches!(
            prescan(b"<a>\x01</a>", &limits),
            Err(ParseError::Malformed { .. })
        ));
    }
}
