//! Canonical JSON per RFC 8785 (JCS), restricted to integers: the bytes that are hashed and logged.
//!
//! Objects have their keys sorted by UTF-16 code units, there is no whitespace, strings are
//! escaped as ECMAScript's `JSON.stringify` does, and numbers must be integers no larger in
//! magnitude than 2^53 - 1 (so every implementation reads them exactly). Floats are refused.

use serde::Serialize;
use serde_json::Value;

/// Why a value has no canonical form, or bytes are not canonical.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CanonicalError {
    /// A number with a fraction or an exponent.
    #[error("canonical JSON here has integers only, not {0}")]
    Float(String),
    /// An integer beyond ±(2^53 - 1).
    #[error("the integer {0} is beyond 2^53 - 1, which not every reader keeps exactly")]
    IntegerTooLarge(String),
    /// The value could not be turned into JSON.
    #[error("not representable as JSON: {0}")]
    Serialize(String),
    /// The bytes are not JSON.
    #[error("not JSON: {0}")]
    Syntax(String),
    /// The bytes are JSON but not in canonical form.
    #[error("the JSON is not in canonical form (RFC 8785)")]
    NotCanonical,
}

/// The largest integer every JSON reader keeps exactly.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// The canonical bytes of a JSON value.
///
/// # Errors
/// [`CanonicalError::Float`] or [`CanonicalError::IntegerTooLarge`] for a number that is not a
/// safe integer.
pub fn to_vec(value: &Value) -> Result<Vec<u8>, CanonicalError> {
    let mut out = Vec::new();
    write_value(value, &mut out)?;
    Ok(out)
}

/// The canonical bytes of any serializable value.
///
/// # Errors
/// As [`to_vec`], or [`CanonicalError::Serialize`] when serde cannot represent it.
pub fn to_canonical<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, CanonicalError> {
    let value =
        serde_json::to_value(value).map_err(|e| CanonicalError::Serialize(e.to_string()))?;
    to_vec(&value)
}

/// Parses bytes that must already be canonical JSON.
///
/// # Errors
/// [`CanonicalError::Syntax`] for invalid JSON, [`CanonicalError::NotCanonical`] for JSON in any
/// other form (whitespace, key order, escapes, duplicate keys), or a number error.
pub fn parse(bytes: &[u8]) -> Result<Value, CanonicalError> {
    let value: Value =
        serde_json::from_slice(bytes).map_err(|e| CanonicalError::Syntax(e.to_string()))?;
    if to_vec(&value)? == bytes {
        Ok(value)
    } else {
        Err(CanonicalError::NotCanonical)
    }
}

fn write_value(value: &Value, out: &mut Vec<u8>) -> Result<(), CanonicalError> {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(number) => {
            let safe = number.as_u64().map(|n| n <= MAX_SAFE_INTEGER).or_else(|| {
                number
                    .as_i64()
                    .map(|n| n.unsigned_abs() <= MAX_SAFE_INTEGER)
            });
            match safe {
                Some(true) => out.extend_from_slice(number.to_string().as_bytes()),
                Some(false) => return Err(CanonicalError::IntegerTooLarge(number.to_string())),
                None => return Err(CanonicalError::Float(number.to_string())),
            }
        }
        Value::String(text) => write_string(text, out),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_value(item, out)?;
            }
            out.push(b']');
        }
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
            out.push(b'{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_string(key, out);
                out.push(b':');
                write_value(item, out)?;
            }
            out.push(b'}');
        }
    }
    Ok(())
}

fn write_string(text: &str, out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    for ch in text.chars() {
        match ch {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\u{08}' => out.extend_from_slice(b"\\b"),
            '\u{0c}' => out.extend_from_slice(b"\\f"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            '\t' => out.extend_from_slice(b"\\t"),
            c if u32::from(c) < 0x20 => {
                let code = u8::try_from(u32::from(c)).unwrap_or(0);
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(code >> 4)]);
                out.push(HEX[usize::from(code & 0x0f)]);
            }
            c => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(json: &str) -> Result<String, CanonicalError> {
        let value: Value =
            serde_json::from_str(json).map_err(|e| CanonicalError::Syntax(e.to_string()))?;
        to_vec(&value).map(|b| String::from_utf8_lossy(&b).into_owned())
    }

    #[test]
    fn rfc8785_section_3_2_2_string_and_literals() {
        // The example of RFC 8785 section 3.2.2 without its numbers (which are floats here).
        let input = r#"{
            "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
            "literals": [null, true, false]
        }"#;
        assert_eq!(
            canonical(input).as_deref(),
            Ok(r#"{"literals":[null,true,false],"string":"€$\u000f\nA'B\"\\\\\"/"}"#)
        );
    }

    #[test]
    fn rfc8785_section_3_2_3_sorts_keys_by_utf16_code_units() {
        let input = r#"{
            "\u20ac": "Euro Sign",
            "\r": "Carriage Return",
            "\ufb33": "Hebrew Letter Dalet With Dagesh",
            "1": "One",
            "\ud83d\ude00": "Emoji: Grinning Face",
            "\u0080": "Control",
            "\u00f6": "Latin Small Letter O With Diaeresis"
        }"#;
        let expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\",\
            \"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\",\
            \"😀\":\"Emoji: Grinning Face\",\"\u{fb33}\":\"Hebrew Letter Dalet With Dagesh\"}";
        assert_eq!(canonical(input).as_deref(), Ok(expected));
    }

    #[test]
    fn nested_values_have_no_whitespace_and_controls_are_escaped() {
        assert_eq!(
            canonical("{ \"b\" : [ 1 , -2 , {\"d\":\"\\u0001\\b\\f\\t\",\"c\":0} ], \"a\" : {} }")
                .as_deref(),
            Ok(r#"{"a":{},"b":[1,-2,{"c":0,"d":"\u0001\b\f\t"}]}"#)
        );
    }

    #[test]
    fn floats_and_unsafe_integers_are_refused() {
        assert!(matches!(canonical("[4.5]"), Err(CanonicalError::Float(_))));
        assert!(matches!(canonical("[1.0]"), Err(CanonicalError::Float(_))));
        assert!(matches!(canonical("[1e3]"), Err(CanonicalError::Float(_))));
        assert!(matches!(
            canonical("[9007199254740992]"),
            Err(CanonicalError::IntegerTooLarge(_))
        ));
        assert!(matches!(
            canonical("[-9007199254740992]"),
            Err(CanonicalError::IntegerTooLarge(_))
        ));
        assert_eq!(
            canonical("[9007199254740991]").as_deref(),
            Ok("[9007199254740991]")
        );
    }

    #[test]
    fn parse_accepts_only_canonical_bytes() {
        assert!(parse(br#"{"a":1,"b":[true]}"#).is_ok());
        for bad in [
            &br#"{"b":1,"a":2}"#[..],
            br#"{"a": 1}"#,
            br#"{"a":1,"a":1}"#,
            br#"["\u0041"]"#,
            b"[1]\n",
        ] {
            assert_eq!(
                parse(bad),
                Err(CanonicalError::NotCanonical),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
        assert!(matches!(parse(b"{"), Err(CanonicalError::Syntax(_))));
    }
}
