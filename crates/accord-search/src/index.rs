//! The index: tantivy in memory for the words, the filters and the access keys, and the
//! records themselves beside it (the text a snippet is cut from, the access the policy is
//! asked about).

use std::collections::HashMap;
use std::ops::Bound;
use std::sync::Arc;

use accord_core::policy::can;
use accord_core::{Action, Principal, State};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, RangeQuery, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::analysis::Analyser;
use crate::hits::{self, Found};
use crate::query::Query;
use crate::record::{Record, reader_keys};
use crate::sources::{Change, changes};

/// What can go wrong inside the index (not a reader's mistake: those are `query::Problem`s).
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// tantivy failed.
    #[error("the search index failed: {0}")]
    Index(#[from] tantivy::TantivyError),
}

/// How much memory tantivy's writer may buffer before it writes a segment.
const WRITER_MEMORY: usize = 32 << 20;

/// A title word counts this many times a text word.
const TITLE_BOOST: f32 = 2.0;

#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    rid: Field,
    owner: Field,
    kind: Field,
    lang: Field,
    body: Field,
    access: Field,
    date: Field,
    /// Title and text per analyser, in [`Analyser::ALL`]'s order.
    pub(crate) title: [Field; 3],
    pub(crate) text: [Field; 3],
}

pub(crate) fn analyser_slot(analyser: Analyser) -> usize {
    match analyser {
        Analyser::Russian => 0,
        Analyser::English => 1,
        Analyser::Other => 2,
    }
}

impl Fields {
    fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let words = |analyser: Analyser| {
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(analyser.name())
                    .set_index_option(IndexRecordOption::WithFreqs),
            )
        };
        let [ru, en, other] = Analyser::ALL;
        let fields = Fields {
            rid: b.add_u64_field("rid", FAST),
            owner: b.add_text_field("owner", STRING),
            kind: b.add_text_field("kind", STRING),
            lang: b.add_text_field("lang", STRING),
            body: b.add_text_field("body", STRING),
            access: b.add_text_field("access", STRING),
            date: b.add_i64_field("date", INDEXED | FAST),
            title: [
                b.add_text_field("title_ru", words(ru)),
                b.add_text_field("title_en", words(en)),
                b.add_text_field("title_other", words(other)),
            ],
            text: [
                b.add_text_field("text_ru", words(ru)),
                b.add_text_field("text_en", words(en)),
                b.add_text_field("text_other", words(other)),
            ],
        };
        (b.build(), fields)
    }
}

/// The search index over a state: caught up by [`SearchIndex::catch_up`], read by
/// [`SearchIndex::search`].
pub struct SearchIndex {
    writer: IndexWriter<TantivyDocument>,
    reader: IndexReader,
    pub(crate) fields: Fields,
    /// Every record filed, by its number.
    pub(crate) records: HashMap<u64, Arc<Record>>,
    /// The records of each owner (what one change replaces).
    owners: HashMap<String, Vec<u64>>,
    /// The records of each item (its versions in other languages).
    pub(crate) items: HashMap<String, Vec<u64>>,
    next_rid: u64,
    /// The state last caught up with, and the log size it was read at.
    state: State,
    size: u64,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("records", &self.records.len())
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// An empty index, its writer on `threads` threads (1 in a server sharing its cores).
    pub fn new(threads: usize) -> Result<SearchIndex, SearchError> {
        let (schema, fields) = Fields::schema();
        let index = Index::create_in_ram(schema);
        for analyser in Analyser::ALL {
            index
                .tokenizers()
                .register(analyser.name(), analyser.build());
        }
        let threads = threads.max(1);
        let writer =
            index.writer_with_num_threads(threads, WRITER_MEMORY.max(threads * (16 << 20)))?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            writer,
            reader,
            fields,
            records: HashMap::new(),
            owners: HashMap::new(),
            items: HashMap::new(),
            next_rid: 0,
            state: State::default(),
            size: 0,
        })
    }

    /// The log size the index has caught up with.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// How many records are filed.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether nothing is filed.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The bytes tantivy's segments take (the records beside them are not counted).
    pub fn index_bytes(&self) -> u64 {
        self.reader
            .searcher()
            .space_usage()
            .map(|u| u.total().get_bytes())
            .unwrap_or(0)
    }

    /// Brings the index to `state`, read at log size `size`: the items that changed since the
    /// last catch-up are filed again (all of them the first time). Returns how many changed.
    pub fn catch_up(&mut self, state: &State, size: u64) -> Result<usize, SearchError> {
        let changed = changes(&self.state, state);
        let count = changed.len();
        self.apply(changed)?;
        self.state = state.clone();
        self.size = size;
        Ok(count)
    }

    /// Files changes: each owner's records are replaced, then the index is committed and the
    /// reader sees the result.
    pub fn apply(&mut self, changed: Vec<Change>) -> Result<(), SearchError> {
        if changed.is_empty() {
            return Ok(());
        }
        for change in changed {
            if let Some(old) = self.owners.remove(&change.owner) {
                self.writer
                    .delete_term(Term::from_field_text(self.fields.owner, &change.owner));
                for rid in old {
                    if let Some(record) = self.records.remove(&rid)
                        && let Some(list) = self.items.get_mut(&record.item)
                    {
                        list.retain(|r| *r != rid);
                        if list.is_empty() {
                            self.items.remove(&record.item);
                        }
                    }
                }
            }
            if change.records.is_empty() {
                continue;
            }
            let mut rids = Vec::with_capacity(change.records.len());
            for record in change.records {
                let rid = self.next_rid;
                self.next_rid += 1;
                self.writer
                    .add_document(self.document(rid, &change.owner, &record))?;
                self.items.entry(record.item.clone()).or_default().push(rid);
                self.records.insert(rid, Arc::new(record));
                rids.push(rid);
            }
            self.owners.insert(change.owner, rids);
        }
        self.writer.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    fn document(&self, rid: u64, owner: &str, record: &Record) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::new();
        doc.add_u64(f.rid, rid);
        doc.add_text(f.owner, owner);
        doc.add_text(f.kind, record.kind.as_str());
        doc.add_text(f.lang, record.lang.as_str());
        if let Some(body) = &record.body {
            doc.add_text(f.body, body.as_str());
        }
        for key in record.access.keys() {
            doc.add_text(f.access, &key);
        }
        doc.add_i64(f.date, record.date.unix_seconds());
        let slot = analyser_slot(Analyser::for_lang(record.lang));
        doc.add_text(f.title[slot], &record.title);
        if !record.text.is_empty() {
            doc.add_text(f.text[slot], &record.text);
        }
        doc
    }

    /// The tantivy query for a search as `principal`: every word in some form (title or text,
    /// any language), the filters, and the reader's access keys.
    fn tantivy_query(&self, query: &Query, principal: &Principal) -> BooleanQuery {
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn tantivy::query::Query>)> = Vec::new();
        for word in &query.words {
            let mut forms: Vec<(Occur, Box<dyn tantivy::query::Query>)> = Vec::new();
            for analyser in Analyser::ALL {
                let slot = analyser_slot(analyser);
                for term in analyser.terms(word) {
                    let title = TermQuery::new(
                        Term::from_field_text(f.title[slot], &term),
                        IndexRecordOption::WithFreqs,
                    );
                    forms.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(Box::new(title), TITLE_BOOST)),
                    ));
                    forms.push((
                        Occur::Should,
                        Box::new(TermQuery::new(
                            Term::from_field_text(f.text[slot], &term),
                            IndexRecordOption::WithFreqs,
                        )),
                    ));
                }
            }
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(forms))));
        }
        let mut filter = |field: Field, value: &str| {
            let term = TermQuery::new(
                Term::from_field_text(field, value),
                IndexRecordOption::Basic,
            );
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(term), 0.0)),
            ));
        };
        if let Some(kind) = query.kind {
            filter(f.kind, kind.as_str());
        }
        if let Some(body) = &query.body {
            filter(f.body, body.as_str());
        }
        if let Some(lang) = query.lang {
            filter(f.lang, lang.as_str());
        }
        if query.from.is_some() || query.to.is_some() {
            let lower = query.from.map_or(Bound::Unbounded, |d| {
                Bound::Included(Term::from_field_i64(f.date, d.start().unix_seconds()))
            });
            let upper = query.to.map_or(Bound::Unbounded, |d| {
                Bound::Excluded(Term::from_field_i64(
                    f.date,
                    d.start().unix_seconds() + 86_400,
                ))
            });
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(
                    Box::new(RangeQuery::new(lower, upper)),
                    0.0,
                )),
            ));
        }
        if let Some(keys) = reader_keys(principal) {
            let any: Vec<(Occur, Box<dyn tantivy::query::Query>)> = keys
                .iter()
                .map(|key| {
                    let q: Box<dyn tantivy::query::Query> = Box::new(TermQuery::new(
                        Term::from_field_text(f.access, key),
                        IndexRecordOption::Basic,
                    ));
                    (Occur::Should, q)
                })
                .collect();
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(BooleanQuery::new(any)), 0.0)),
            ));
        }
        BooleanQuery::new(clauses)
    }

    /// Searches as `principal`: up to `query.limit` items, best first, each with its matching
    /// texts per language (and, without a language filter, its other languages). The index
    /// narrows the search by the reader's access keys; then the policy is asked about every
    /// record, so nothing the reader may not read is answered, and the search reaches further
    /// down the ranking until the page is full or nothing is left.
    pub fn search(&self, query: &Query, principal: &Principal) -> Result<Found, SearchError> {
        if query.words.is_empty() {
            return Ok(Found::default());
        }
        let tantivy_query = self.tantivy_query(query, principal);
        let searcher = self.reader.searcher();
        let readable =
            |record: &Record| can(principal, Action::Read, &record.access.resource()).is_allowed();
        let mut fetch = (query.limit * 4).max(64);
        loop {
            let top =
                searcher.search(&tantivy_query, &TopDocs::with_limit(fetch).order_by_score())?;
            let mut ranked = Vec::with_capacity(top.len());
            for (score, address) in &top {
                let column = searcher
                    .segment_reader(address.segment_ord)
                    .fast_fields()
                    .u64("rid")?;
                let Some(rid) = column.first(address.doc_id) else {
                    continue;
                };
                if let Some(record) = self.records.get(&rid) {
                    ranked.push((*score, record.clone()));
                }
            }
            let exhausted = top.len() < fetch;
            let groups = hits::group(ranked, query.limit, &readable);
            if groups.len() >= query.limit || exhausted {
                return hits::finish(self, &searcher, &tantivy_query, query, groups, &readable);
            }
            fetch *= 4;
        }
    }
}
