//! Full-text search in the server: the index (`accord-search`) built from the state after
//! replay and kept current as entries are applied. A task follows the journal's broadcast of
//! applied entries and catches the index up after each (several at once when they come
//! quickly); a search that finds the index behind the committed log catches it up first, so a
//! reader always finds what it has just written. The access policy is asked about every hit in
//! `accord_search::SearchIndex::search`.

use std::sync::RwLock;

use accord_core::Principal;
use accord_search::{Found, Query, SearchError, SearchIndex};
use accord_store::{AnyStore, Journal};
use tokio::sync::{broadcast, watch};

use crate::app::AppState;
use crate::error::AppError;

/// The server's search index.
#[derive(Debug)]
pub struct SearchState {
    index: RwLock<SearchIndex>,
}

impl SearchState {
    /// An empty index (filled by [`follow`] or the first search).
    pub fn new() -> Result<SearchState, SearchError> {
        Ok(SearchState {
            // One indexing thread: the server shares its cores with the requests.
            index: RwLock::new(SearchIndex::new(1)?),
        })
    }

    /// Brings the index up to the journal's committed log, if it is behind.
    pub fn catch_up(&self, journal: &Journal<AnyStore>) -> Result<(), SearchError> {
        // The journal publishes the state before the size: a state read after the size is at
        // least as new as the size.
        let size = journal.committed();
        if self.index.read().expect("not poisoned").size() >= size {
            return Ok(());
        }
        let mut index = self.index.write().expect("not poisoned");
        if index.size() < size {
            let changed = index.catch_up(&journal.state(), size)?;
            tracing::debug!(
                search.changed = changed,
                log.size = size,
                "search index caught up"
            );
        }
        Ok(())
    }

    /// Searches as `principal`, the index caught up first.
    pub fn answer(
        &self,
        journal: &Journal<AnyStore>,
        principal: &Principal,
        query: &Query,
    ) -> Result<Found, AppError> {
        self.catch_up(journal)
            .map_err(|e| AppError::internal("the search index could not catch up", e))?;
        self.index
            .read()
            .expect("not poisoned")
            .search(query, principal)
            .map_err(|e| AppError::internal("a search failed", e))
    }
}

/// Follows the journal until the server stops: builds the index from the state at start-up,
/// then catches it up after each applied entry (on the blocking pool: filing is CPU work).
pub async fn follow(app: AppState, mut stopping: watch::Receiver<bool>) {
    let mut applied = app.journal.subscribe();
    loop {
        let worker = app.clone();
        let caught =
            tokio::task::spawn_blocking(move || worker.search.catch_up(&worker.journal)).await;
        match caught {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tracing::error!(error = %e, "the search index could not catch up"),
            Err(e) => tracing::error!(error = %e, "the search index's task failed"),
        }
        tokio::select! {
            received = applied.recv() => match received {
                Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => {
                    // Whatever else arrived meanwhile is caught up with at once.
                    while applied.try_recv().is_ok() {}
                }
                Err(broadcast::error::RecvError::Closed) => return,
            },
            _ = stopping.changed() => return,
        }
    }
}

/// The query of `GET /search` and `GET /api/v1/search`; empty values are no filter.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// The words (at most 200 characters, 12 words); every word must be found, in any of its
    /// forms (Russian and English stemming; `ё` is read as `е`).
    pub q: Option<String>,
    /// Only items of this kind: `document`, `decision`, `incident` or `sitrep`.
    pub kind: Option<String>,
    /// Only documents and decisions of this body (its id: `cfm`, `csc`, ...).
    pub body: Option<String>,
    /// Only items dated on or after this day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Only items dated on or before this day, `YYYY-MM-DD`.
    pub to: Option<String>,
    /// Only texts in this language (`ru`, `en`); otherwise an item's other languages are listed
    /// beside the text that matched.
    pub lang: Option<String>,
    /// The most items answered, 1 to 100 (20 by default).
    pub limit: Option<String>,
}

/// Hits a page shows.
pub const PAGE_SIZE: usize = 20;

impl SearchParams {
    /// The search asked for, or every bad parameter named (a body must be the organisation's).
    pub fn query(&self, state: &accord_core::State) -> Result<Query, AppError> {
        let mut errors = Vec::new();
        let limit = match self
            .limit
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            None => None,
            Some(l) => match l.parse::<usize>() {
                Ok(n) => Some(n),
                Err(_) => {
                    errors.push(crate::error::FieldError {
                        field: "limit".into(),
                        message: format!("not a number: {l}"),
                    });
                    None
                }
            },
        };
        let params = accord_search::Params {
            q: self.q.as_deref(),
            kind: self.kind.as_deref(),
            body: self.body.as_deref(),
            from: self.from.as_deref(),
            to: self.to.as_deref(),
            lang: self.lang.as_deref(),
            limit,
        };
        let known =
            |body: &accord_core::BodyId| state.config().is_some_and(|c| c.body(body).is_some());
        let parsed = Query::parse(params, PAGE_SIZE, known);
        match parsed {
            Ok(query) if errors.is_empty() => Ok(query),
            Ok(_) => Err(AppError::Invalid(errors)),
            Err(problems) => {
                errors.extend(problems.into_iter().map(|p| crate::error::FieldError {
                    field: p.field.to_owned(),
                    message: p.message,
                }));
                Err(AppError::Invalid(errors))
            }
        }
    }
}
