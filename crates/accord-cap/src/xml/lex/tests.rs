//! Tests of the tokenizer: examples, and random documents built from pieces of markup that
//! must never make it panic.

use proptest::prelude::*;

use super::*;

/// Pieces of markup, well-formed and not, for random documents.
const PIECES: &[&str] = &[
    "<",
    ">",
    "/",
    "</",
    "<a",
    "<a>",
    "</a>",
    "<b/>",
    "<p:a xmlns:p='u'>",
    "</p:a>",
    "&",
    ";",
    "&amp;",
    "&#x41;",
    "&#",
    "&#0;",
    "x",
    "'",
    "\"",
    "=",
    " ",
    "\r\n",
    "\r",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<?",
    "?>",
    "<?xml",
    "xmlns",
    ":",
    "é",
    "<!DOCTYPE",
    " a='1'",
    "<identifier>",
    "</identifier>",
    "<note>",
    "</note>",
    "<info>",
    "</info>",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Any input: no panic, and every token but the last moves forward.
    #[test]
    fn the_tokenizer_never_panics_and_always_advances(
        pieces in prop::collection::vec(prop::sample::select(PIECES), 0..40)
    ) {
        let doc = pieces.concat();
        let mut lex = Lexer::new(&doc);
        loop {
            let before = lex.pos();
            match lex.next_token() {
                Ok(Token::Eof | Token::DocType) | Err(_) => break,
                Ok(_) => prop_assert!(lex.pos() > before, "{doc:?} stuck at {before}"),
            }
            if let Some((text, _)) = lex.simple_content() {
                prop_assert!(doc.contains(text));
            }
        }
    }

    /// Inside an alert: no panic, and a valid alert round-trips.
    #[test]
    fn random_alert_content_validates_without_panic(
        pieces in prop::collection::vec(prop::sample::select(PIECES), 0..40)
    ) {
        let doc = format!(
            "<alert xmlns=\"{}\">{}</alert>",
            super::super::CAP_NS,
            pieces.concat()
        );
        let v = crate::validate(doc.as_bytes());
        prop_assert_eq!(v.is_valid(), !v.diagnostics.iter().any(|d| d.is_error()));
        if let Some(alert) = v.alert {
            prop_assert_eq!(crate::parse(crate::emit(&alert).as_bytes()).ok(), Some(alert));
        }
    }
}

fn tokens(doc: &str) -> Result<Vec<Token<'_>>, ParseError> {
    let mut lex = Lexer::new(doc);
    let mut out = Vec::new();
    loop {
        let t = lex.next_token()?;
        if t == Token::Eof {
            return Ok(out);
        }
        out.push(t);
    }
}

#[test]
fn reads_markup_text_and_references() {
    let doc = "<?xml version='1.0'?><!-- c --><a x = 'y&amp;' xmlns:p=\"u\">t&lt;&#x41;&#66;<![CDATA[<c>]]><?pi x?><b/></a>";
    let t = tokens(doc).expect("well-formed");
    assert_eq!(t[0], Token::Decl(" version='1.0'"));
    assert_eq!(t[1], Token::Misc);
    assert!(matches!(
        t[2],
        Token::Open {
            name_len: 1,
            empty: false,
            ..
        }
    ));
    assert_eq!(
        &t[3..8],
        &[
            Token::Text("t", false),
            Token::Ref('<'),
            Token::Ref('A'),
            Token::Ref('B'),
            Token::CData("<c>", false)
        ]
    );
    assert_eq!(t[8], Token::Misc);
    assert!(matches!(t[9], Token::Open { empty: true, .. }));
    assert_eq!(t[10], Token::Close);
    let Token::Open {
        content, name_len, ..
    } = t[2]
    else {
        unreachable!("checked above")
    };
    let attrs: Vec<(&str, &str)> = Attrs::new(content, name_len)
        .map(|a| (a.key, a.value))
        .collect();
    assert_eq!(attrs, [("x", "y&amp;"), ("xmlns:p", "u")]);
}

#[test]
fn refuses_malformed_markup() {
    for doc in [
        "<a>&x;</a>",
        "<a>& b</a>",
        "<a>&#0;</a>",
        "<a>&#x110000;</a>",
        "<a>&#-1;</a>",
        "<a></b>",
        "<a></ab>",
        "<ab></a>",
        "<a></a b>",
        "<a></a",
        "</a>",
        "<a x='1' x='2'/>",
        "<a x='1'y='2'/>",
        "<a x/>",
        "<a x=1/>",
        "<a x='<'/>",
        "<a x='&y;'/>",
        "<a x='1",
        "<a",
        "< a/>",
        "<1a/>",
        "<a/ >",
        "<a><!-- x</a>",
        "<a><![CDATA[x</a>",
        "<a><!ELEMENT a></a>",
        "<a><? x?></a>",
        "<a b=\"1\" c=\"2\" d=\"3\" e=\"4\" f=\"5\" g=\"6\" h=\"7\" i=\"8\" j=\"9\" b=\"0\"/>",
    ] {
        assert!(
            matches!(tokens(doc), Err(ParseError::Malformed { .. })),
            "{doc}"
        );
    }
    assert!(tokens("<p:a xmlns:p='u'>\r\n</p:a \n>").is_ok());
    let mut lex = Lexer::new("<a><!doctype a></a>");
    assert!(matches!(lex.next_token(), Ok(Token::Open { .. })));
    assert_eq!(lex.next_token(), Ok(Token::DocType));
}

#[test]
fn finds_the_end_of_text_at_any_alignment() {
    let naive = |bytes: &[u8], from: usize| {
        let end = bytes[from..]
            .iter()
            .position(|&b| b == b'<' || b == b'&')
            .map_or(bytes.len(), |p| from + p);
        (end, bytes[from..end].contains(&b'\r'))
    };
    let alphabet = b"abcdefghij\xC3\xA9 \n\tz";
    for len in 0..40usize {
        for special in [None, Some(b'<'), Some(b'&'), Some(b'\r')] {
            for at in [0, 1, len / 3, len / 2, len.saturating_sub(1), 7, 8, 9, 16] {
                let mut text: Vec<u8> = alphabet.iter().copied().cycle().take(len).collect();
                if let (Some(b), true) = (special, at < len) {
                    text[at] = b;
                }
                text.extend_from_slice(b"\r&x");
                for from in 0..3.min(len) {
                    assert_eq!(
                        scan_text(&text, from),
                        naive(&text, from),
                        "{len} {special:?} {at} {from}"
                    );
                }
            }
        }
    }
}

#[test]
fn normalizes_line_ends_and_attribute_values() {
    assert_eq!(normalize_eols("a\r\nb\rc\n"), "a\nb\nc\n");
    assert_eq!(
        normalize_attribute("a\tb\r\nc&amp;&#10;").as_deref(),
        Some("a b c&\n")
    );
    assert_eq!(normalize_attribute("a&x;b"), None);
}
