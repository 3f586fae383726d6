//! How text becomes terms: words split on what is not a letter or digit, folded (lower case,
//! `ё` as `е`), then stemmed by the Snowball stemmer of the text's language (Russian, English;
//! other languages are folded only). A query's words go through the same analyser as the field
//! they are looked for in, so "заявлением" meets "Заявление" and "objections" meets "objected".

use std::mem;

use accord_core::Lang;
use tantivy::tokenizer::{
    Language, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter,
    TokenStream, Tokenizer,
};

/// Words longer than this many bytes are not indexed (base64, hashes, links).
const LONGEST_WORD: usize = 60;

/// The analysers, one per family of languages the index keeps a field for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Analyser {
    /// Russian: folded, Snowball Russian stems.
    Russian,
    /// English: folded, Snowball English (Porter 2) stems.
    English,
    /// Any other language: folded only.
    Other,
}

impl Analyser {
    /// Every analyser, in the order of the index's fields.
    pub const ALL: [Analyser; 3] = [Analyser::Russian, Analyser::English, Analyser::Other];

    /// The analyser for a language, by its primary subtag.
    pub fn for_lang(lang: Lang) -> Analyser {
        match lang.as_str().split('-').next() {
            Some("ru") => Analyser::Russian,
            Some("en") => Analyser::English,
            _ => Analyser::Other,
        }
    }

    /// The name it is registered under in the index.
    pub fn name(self) -> &'static str {
        match self {
            Analyser::Russian => "accord_ru",
            Analyser::English => "accord_en",
            Analyser::Other => "accord_folded",
        }
    }

    /// The tantivy analyser.
    pub fn build(self) -> TextAnalyzer {
        let folded = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(LONGEST_WORD))
            .filter(Fold);
        match self {
            Analyser::Russian => folded.filter(Stemmer::new(Language::Russian)).build(),
            Analyser::English => folded.filter(Stemmer::new(Language::English)).build(),
            Analyser::Other => folded.build(),
        }
    }

    /// The terms a text gives (for tests and for building queries).
    pub fn terms(self, text: &str) -> Vec<String> {
        let mut analyser = self.build();
        let mut stream = analyser.token_stream(text);
        let mut terms = Vec::new();
        while stream.advance() {
            terms.push(stream.token().text.clone());
        }
        terms
    }
}

/// Folds a word for search: lower case, and `ё` read as `е` (Russian writes the two dots
/// mostly not at all, so "объединённый" and "объединенный" are one word).
pub fn fold(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        for lower in c.to_lowercase() {
            out.push(if lower == 'ё' { 'е' } else { lower });
        }
    }
}

/// The token filter that folds each word ([`fold`]).
#[derive(Debug, Clone, Copy)]
pub struct Fold;

impl TokenFilter for Fold {
    type Tokenizer<T: Tokenizer> = FoldTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> FoldTokenizer<T> {
        FoldTokenizer {
            inner: tokenizer,
            buffer: String::new(),
        }
    }
}

/// A tokenizer whose words are folded.
#[derive(Debug, Clone)]
pub struct FoldTokenizer<T> {
    inner: T,
    buffer: String,
}

impl<T: Tokenizer> Tokenizer for FoldTokenizer<T> {
    type TokenStream<'a> = FoldStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        FoldStream {
            inner: self.inner.token_stream(text),
            buffer: &mut self.buffer,
        }
    }
}

/// The stream of folded words.
#[derive(Debug)]
pub struct FoldStream<'a, S> {
    inner: S,
    buffer: &'a mut String,
}

impl<S: TokenStream> TokenStream for FoldStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.inner.advance() {
            return false;
        }
        let token = self.inner.token_mut();
        if token.text.is_ascii() {
            token.text.make_ascii_lowercase();
        } else {
            fold(&token.text, self.buffer);
            mem::swap(&mut token.text, self.buffer);
        }
        true
    }

    fn token(&self) -> &Token {
        self.inner.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_inflections_share_a_stem() {
        let a = Analyser::Russian.terms("Заявление");
        let b = Analyser::Russian.terms("заявлением");
        assert_eq!(a, b);
    }

    #[test]
    fn yo_is_read_as_ye() {
        assert_eq!(
            Analyser::Russian.terms("Объединённый"),
            Analyser::Russian.terms("объединенный")
        );
        assert_eq!(Analyser::Other.terms("Ёлка"), vec!["елка".to_owned()]);
    }

    #[test]
    fn english_words_are_stemmed() {
        assert_eq!(
            Analyser::English.terms("Peacekeeping operations"),
            Analyser::English.terms("peacekeeping operation")
        );
    }
}
