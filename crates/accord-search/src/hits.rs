//! What a search answers: items, best first, each with its texts per language, and snippets
//! cut around the words found.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use accord_core::{BodyId, Lang, Timestamp};
use tantivy::Searcher;
use tantivy::query::BooleanQuery;
use tantivy::snippet::{Snippet as TantivySnippet, SnippetGenerator};

use crate::analysis::Analyser;
use crate::index::{SearchError, SearchIndex};
use crate::query::Query;
use crate::record::{Kind, Part, Record};

/// The characters of text a snippet shows.
const SNIPPET_CHARS: usize = 200;

/// The answer to a search.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    /// The items found, best first.
    pub hits: Vec<Hit>,
}

/// An item found.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Its kind.
    pub kind: Kind,
    /// Its key (`document:3`).
    pub item: String,
    /// Its page (of the best matching text).
    pub url: String,
    /// Its date (of the best matching text).
    pub date: Timestamp,
    /// Its body, for documents and decisions.
    pub body: Option<BodyId>,
    /// Its texts: those that matched first (best first), then, without a language filter, its
    /// current text in each other language the reader may read.
    pub versions: Vec<HitVersion>,
}

/// One language's text of an item found.
#[derive(Debug, Clone, PartialEq)]
pub struct HitVersion {
    /// The language.
    pub lang: Lang,
    /// The part: a document's current text, or an earlier version.
    pub part: Part,
    /// Whether the query's words were found in it.
    pub matched: bool,
    /// Its page.
    pub url: String,
    /// The title, the words found marked.
    pub title: Snippet,
    /// A passage of the text, the words found marked.
    pub snippet: Snippet,
}

/// A passage with the words found marked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    /// The passage.
    pub text: String,
    /// The byte ranges of the words found in it.
    pub highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// The passage as pieces, each marked when it is a word found.
    pub fn segments(&self) -> Vec<(&str, bool)> {
        let mut out = Vec::new();
        let mut at = 0;
        for range in &self.highlights {
            let (Some(before), Some(word)) =
                (self.text.get(at..range.start), self.text.get(range.clone()))
            else {
                continue;
            };
            if !before.is_empty() {
                out.push((before, false));
            }
            out.push((word, true));
            at = range.end;
        }
        if let Some(rest) = self.text.get(at..)
            && !rest.is_empty()
        {
            out.push((rest, false));
        }
        out
    }

    fn plain(text: &str, chars: usize) -> Snippet {
        let end = text
            .char_indices()
            .nth(chars)
            .map_or(text.len(), |(i, _)| i);
        let mut cut = text[..end].to_owned();
        if end < text.len() {
            cut.push('…');
        }
        Snippet {
            text: cut,
            highlights: Vec::new(),
        }
    }
}

/// The best records of an item, one per language.
#[derive(Debug)]
pub(crate) struct Group {
    best: Vec<Arc<Record>>,
}

/// Groups ranked records by item, in rank order, keeping the best readable record per
/// language, until `limit` items.
pub(crate) fn group(
    ranked: Vec<(f32, Arc<Record>)>,
    limit: usize,
    readable: &impl Fn(&Record) -> bool,
) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (_, record) in ranked {
        if !readable(&record) {
            continue;
        }
        if let Some(&i) = at.get(&record.item) {
            let group = &mut groups[i];
            if group.best.iter().all(|r| r.lang != record.lang) {
                group.best.push(record);
            }
        } else if groups.len() < limit {
            at.insert(record.item.clone(), groups.len());
            groups.push(Group { best: vec![record] });
        }
    }
    groups
}

/// Cuts the snippets and adds each item's other languages.
pub(crate) fn finish(
    index: &SearchIndex,
    searcher: &Searcher,
    query: &BooleanQuery,
    asked: &Query,
    groups: Vec<Group>,
    readable: &impl Fn(&Record) -> bool,
) -> Result<Found, SearchError> {
    let mut generators: [Option<(SnippetGenerator, SnippetGenerator)>; 3] = [None, None, None];
    let mut hits = Vec::with_capacity(groups.len());
    for group in groups {
        let best = group.best[0].clone();
        let mut versions = Vec::new();
        for record in &group.best {
            let slot = crate::index::analyser_slot(Analyser::for_lang(record.lang));
            if generators[slot].is_none() {
                let mut title =
                    SnippetGenerator::create(searcher, query, index.fields.title[slot])?;
                title.set_max_num_chars(1000);
                let mut text = SnippetGenerator::create(searcher, query, index.fields.text[slot])?;
                text.set_max_num_chars(SNIPPET_CHARS);
                generators[slot] = Some((title, text));
            }
            let Some((title_gen, text_gen)) = &generators[slot] else {
                continue;
            };
            versions.push(HitVersion {
                lang: record.lang,
                part: record.part,
                matched: true,
                url: record.url.clone(),
                title: cut(title_gen, &record.title, 1000, true),
                snippet: cut(text_gen, &record.text, SNIPPET_CHARS, false),
            });
        }
        if asked.lang.is_none() {
            let seen: HashSet<Lang> = versions.iter().map(|v| v.lang).collect();
            let mut others: Vec<&Arc<Record>> = index
                .items
                .get(&best.item)
                .into_iter()
                .flatten()
                .filter_map(|rid| index.records.get(rid))
                .filter(|r| r.part == Part::Current && !seen.contains(&r.lang) && readable(r))
                .collect();
            others.sort_by_key(|a| a.lang);
            for record in others {
                versions.push(HitVersion {
                    lang: record.lang,
                    part: record.part,
                    matched: false,
                    url: record.url.clone(),
                    title: Snippet::plain(&record.title, 1000),
                    snippet: Snippet::plain(&record.text, SNIPPET_CHARS),
                });
            }
        }
        hits.push(Hit {
            kind: best.kind,
            item: best.item.clone(),
            url: best.url.clone(),
            date: best.date,
            body: best.body.clone(),
            versions,
        });
    }
    Ok(Found { hits })
}

/// The passage around the words found (marked "…" where it cuts the text), else the start of
/// the text; with `whole`, the whole text with every word found marked (titles).
fn cut(generator: &SnippetGenerator, text: &str, chars: usize, whole: bool) -> Snippet {
    if !whole {
        // Paragraph by paragraph: the first one holding a word found gives the passage, so a
        // long text is seldom analysed whole.
        let mut at = 0;
        for paragraph in text.split("\n\n") {
            let snippet = generator.snippet(paragraph);
            if !snippet.highlighted().is_empty() {
                let range = snippet.fragment_range();
                return passage(text, &snippet, at + range.start, at + range.end, false);
            }
            at += paragraph.len() + 2;
        }
        return Snippet::plain(text, chars);
    }
    let snippet = generator.snippet(text);
    if snippet.highlighted().is_empty() {
        return Snippet::plain(text, chars);
    }
    let range = snippet.fragment_range();
    passage(text, &snippet, range.start, range.end, whole)
}

/// The passage of `text` a snippet found, at bytes `start..end` of the text: the whole text with
/// `whole`, else the fragment marked "…" where it cuts the text.
fn passage(text: &str, snippet: &TantivySnippet, start: usize, end: usize, whole: bool) -> Snippet {
    let range = start..end;
    if whole {
        return Snippet {
            text: text.to_owned(),
            highlights: snippet
                .highlighted()
                .iter()
                .map(|h| h.start + range.start..h.end + range.start)
                .collect(),
        };
    }
    let (before, after) = (range.start > 0, range.end < text.len());
    let shift = if before { '…'.len_utf8() } else { 0 };
    let mut out = String::with_capacity(snippet.fragment().len() + 2 * shift);
    if before {
        out.push('…');
    }
    out.push_str(snippet.fragment());
    if after {
        out.push('…');
    }
    Snippet {
        text: out,
        highlights: snippet
            .highlighted()
            .iter()
            .map(|h| h.start + shift..h.end + shift)
            .collect(),
    }
}
