//! Reading the log a page at a time, as replay and export do, without a join.
//!
//! Joining each entry to its body costs the database a descent of the bodies' hash index per
//! entry at a random place, which was a quarter of replay's time. But bodies are appended in log
//! order, each in the transaction of the first entry naming it, so the bodies of a page of
//! entries lie together in the order the bodies table keeps (SQLite's rowid, PostgreSQL's `pos`).
//! Each backend therefore reads a page as two range scans, the entries from `from` and the bodies
//! from the first entry's body on, and this module matches them by hash. A body outside that
//! window (stored before, for an earlier entry with the same body) is looked up by its hash. The
//! order only makes the read fast; the result does not depend on it.

use std::collections::HashMap;

use crate::model::EntryWithBody;

/// Hashes looked up by one query when bodies fall outside the scanned window.
pub(crate) const HASHES_PER_LOOKUP: usize = 500;

/// One entry of a page as the entries' scan reads it: its index, its body's hash, its bytes.
pub(crate) type PageEntry<E> = (u64, [u8; 32], E);

/// The bodies `entries` name that `bodies` does not hold, each once, sorted.
pub(crate) fn missing<E>(
    entries: &[PageEntry<E>],
    bodies: &HashMap<[u8; 32], Vec<u8>>,
) -> Vec<[u8; 32]> {
    let mut missing: Vec<[u8; 32]> = entries
        .iter()
        .map(|e| e.1)
        .filter(|h| !bodies.contains_key(h))
        .collect();
    missing.sort_unstable();
    missing.dedup();
    missing
}

/// The page in log order, each entry with its body if one is stored under its hash.
pub(crate) fn assemble<E: Into<Vec<u8>>>(
    mut entries: Vec<PageEntry<E>>,
    mut bodies: HashMap<[u8; 32], Vec<u8>>,
) -> Vec<EntryWithBody> {
    if !entries.is_sorted_by_key(|e| e.0) {
        entries.sort_unstable_by_key(|e| e.0);
    }
    let mut uses: HashMap<[u8; 32], usize> = HashMap::new();
    for (_, hash, _) in &entries {
        *uses.entry(*hash).or_default() += 1;
    }
    entries
        .into_iter()
        .map(|(seq, hash, entry)| {
            // The last entry naming a body takes it; earlier ones get a copy.
            let left = uses.get_mut(&hash).expect("counted above");
            *left -= 1;
            let body = if *left == 0 {
                bodies.remove(&hash)
            } else {
                bodies.get(&hash).cloned()
            };
            EntryWithBody {
                seq,
                entry: entry.into(),
                body,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_and_missing_bodies_are_matched_by_hash() {
        let a = [1u8; 32];
        let b = [2u8; 32];
        let c = [3u8; 32];
        let entries = vec![
            (5, b, b"e5".to_vec()),
            (3, a, b"e3".to_vec()),
            (4, a, b"e4".to_vec()),
            (6, c, b"e6".to_vec()),
        ];
        let bodies = HashMap::from([(a, b"A".to_vec()), (b, b"B".to_vec())]);
        assert_eq!(missing(&entries, &bodies), vec![c]);
        let page = assemble(entries, bodies);
        let seen: Vec<(u64, Option<&[u8]>)> =
            page.iter().map(|e| (e.seq, e.body.as_deref())).collect();
        assert_eq!(
            seen,
            vec![
                (3, Some(&b"A"[..])),
                (4, Some(&b"A"[..])),
                (5, Some(&b"B"[..])),
                (6, None)
            ]
        );
        assert_eq!(page[0].entry, b"e3");
    }
}
