//! C2SP tlog-tiles entry bundles: up to 256 entries, each behind a 16-bit big-endian length.
//!
//! The bundle at index `N` holds entries `256·N ..`; it is served at `tile/entries/N` (full)
//! or `tile/entries/N.p/W` (partial). The 16-bit prefix caps an entry at 65,535 bytes, so
//! large payloads stay apart from the log and only their hashes are logged.

use crate::tile::TILE_WIDTH;
use crate::tree::MAX_ENTRY_SIZE;

/// An entry bundle that cannot be written or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    /// An entry is longer than a 16-bit length can say.
    #[error("entry {position} has {size} bytes; a bundled entry is at most {MAX_ENTRY_SIZE} bytes")]
    EntryTooLarge {
        /// Its position in the bundle.
        position: usize,
        /// Its size.
        size: usize,
    },
    /// More than 256 entries, or none.
    #[error("a bundle holds 1 to 256 entries, not {0}")]
    BadCount(usize),
    /// The bytes end inside a length prefix or an entry.
    #[error("the bundle is cut short in entry {position}")]
    Truncated {
        /// The entry being read.
        position: usize,
    },
}

/// Writes entries as a bundle.
pub fn encode_bundle<E: AsRef<[u8]>>(entries: &[E]) -> Result<Vec<u8>, BundleError> {
    if entries.is_empty() || entries.len() > TILE_WIDTH {
        return Err(BundleError::BadCount(entries.len()));
    }
    let mut out = Vec::with_capacity(entries.iter().map(|e| 2 + e.as_ref().len()).sum());
    for (position, e) in entries.iter().enumerate() {
        let e = e.as_ref();
        let len = u16::try_from(e.len()).map_err(|_| BundleError::EntryTooLarge {
            position,
            size: e.len(),
        })?;
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(e);
    }
    Ok(out)
}

/// Reads a bundle into its entries (borrowed from the input).
pub fn decode_bundle(mut bytes: &[u8]) -> Result<Vec<&[u8]>, BundleError> {
    let mut entries = Vec::new();
    while !bytes.is_empty() {
        let position = entries.len();
        if position == TILE_WIDTH {
            return Err(BundleError::BadCount(position + 1));
        }
        let [hi, lo, rest @ ..] = bytes else {
            return Err(BundleError::Truncated { position });
        };
        let len = usize::from(u16::from_be_bytes([*hi, *lo]));
        if rest.len() < len {
            return Err(BundleError::Truncated { position });
        }
        let (entry, rest) = rest.split_at(len);
        entries.push(entry);
        bytes = rest;
    }
    if entries.is_empty() {
        return Err(BundleError::BadCount(0));
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundles_round_trip_including_empty_and_maximal_entries() {
        let big = vec![7u8; MAX_ENTRY_SIZE];
        let entries: Vec<&[u8]> = vec![b"", b"one", &big];
        let bytes = encode_bundle(&entries).unwrap();
        assert_eq!(&bytes[..2], &[0, 0]);
        assert_eq!(&bytes[2..7], b"\x00\x03one");
        assert_eq!(decode_bundle(&bytes).unwrap(), entries);
    }

    #[test]
    fn an_entry_over_64_kib_is_refused() {
        let too_big = vec![0u8; MAX_ENTRY_SIZE + 1];
        assert_eq!(
            encode_bundle(&[&b"ok"[..], &too_big]),
            Err(BundleError::EntryTooLarge {
                position: 1,
                size: 65_536
            })
        );
    }

    #[test]
    fn malformed_bundles_are_refused() {
        assert_eq!(decode_bundle(b""), Err(BundleError::BadCount(0)));
        assert_eq!(
            decode_bundle(b"\x00"),
            Err(BundleError::Truncated { position: 0 })
        );
        assert_eq!(
            decode_bundle(b"\x00\x01a\x00\x05abc"),
            Err(BundleError::Truncated { position: 1 })
        );
        let too_many = vec![0u8; 2 * 257];
        assert_eq!(decode_bundle(&too_many), Err(BundleError::BadCount(257)));
        let none: [&[u8]; 0] = [];
        assert_eq!(encode_bundle(&none), Err(BundleError::BadCount(0)));
    }
}
