//! C2SP tlog-tiles paths: `tile/<L>/<N>[.p/<W>]` and `tile/entries/<N>[.p/<W>]`.
//!
//! `N` is written in groups of three digits, every group but the last prefixed with `x`:
//! 1234067 is `x001/x234/067`. A partial tile of width `W` (1 to 255) carries `.p/<W>`.

use std::fmt;
use std::str::FromStr;

use crate::tile::{TILE_WIDTH, TileId};

/// What a tile path names: a hash tile at a level, or an entry bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TileKind {
    /// A tile of hashes at this level.
    Hashes(u8),
    /// An entry bundle (`tile/entries/…`).
    Entries,
}

/// A parsed tile path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TilePath {
    /// Hash tile or entry bundle.
    pub kind: TileKind,
    /// The tile's index at its level.
    pub index: u64,
    /// How many hashes or entries it holds: 256 for a full tile.
    pub width: u16,
}

/// A path that is not a C2SP tile path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path:?} is not a tile path: {reason}")]
pub struct PathError {
    path: String,
    reason: &'static str,
}

impl TilePath {
    /// The path of a hash tile.
    pub fn hashes(id: TileId, width: usize) -> Self {
        TilePath {
            kind: TileKind::Hashes(id.level),
            index: id.index,
            width: width_u16(width),
        }
    }

    /// The path of an entry bundle.
    pub fn entries(index: u64, width: usize) -> Self {
        TilePath {
            kind: TileKind::Entries,
            index,
            width: width_u16(width),
        }
    }

    /// Whether the tile or bundle is partial.
    pub fn is_partial(&self) -> bool {
        usize::from(self.width) < TILE_WIDTH
    }
}

fn width_u16(width: usize) -> u16 {
    assert!(
        (1..=TILE_WIDTH).contains(&width),
        "a tile holds 1 to 256 hashes, not {width}"
    );
    u16::try_from(width).expect("checked above")
}

/// Writes a tile index in the `x001/x234/067` form.
pub fn encode_index(index: u64, out: &mut String) {
    use fmt::Write as _;
    let digits = index.to_string();
    let groups = digits.len().div_ceil(3);
    let padded = format!("{:0>width$}", digits, width = groups * 3);
    for (i, group) in padded.as_bytes().chunks(3).enumerate() {
        if i > 0 {
            out.push('/');
        }
        if i + 1 < groups {
            out.push('x');
        }
        let _ = write!(out, "{}", std::str::from_utf8(group).expect("ascii digits"));
    }
}

impl fmt::Display for TilePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::from("tile/");
        match self.kind {
            TileKind::Hashes(level) => s.push_str(&level.to_string()),
            TileKind::Entries => s.push_str("entries"),
        }
        s.push('/');
        encode_index(self.index, &mut s);
        if self.is_partial() {
            s.push_str(".p/");
            s.push_str(&self.width.to_string());
        }
        f.write_str(&s)
    }
}

impl FromStr for TilePath {
    type Err = PathError;

    fn from_str(path: &str) -> Result<Self, PathError> {
        let fail = |reason| PathError {
            path: path.to_owned(),
            reason,
        };
        let rest = path
            .strip_prefix("tile/")
            .ok_or_else(|| fail("it does not start with tile/"))?;
        let (kind, rest) = rest.split_once('/').ok_or_else(|| fail("no index"))?;
        let kind = if kind == "entries" {
            TileKind::Entries
        } else {
            TileKind::Hashes(parse_decimal(kind).ok_or_else(|| fail("bad level"))?)
        };
        let (index_part, width) = match rest.split_once(".p/") {
            Some((index_part, w)) => {
                let w: u16 = parse_decimal(w).ok_or_else(|| fail("bad partial width"))?;
                if w == 0 || usize::from(w) >= TILE_WIDTH {
                    return Err(fail("a partial width is 1 to 255"));
                }
                (index_part, w)
            }
            None => (rest, u16::try_from(TILE_WIDTH).expect("256 fits")),
        };
        let index = decode_index(index_part).ok_or_else(|| fail("bad index"))?;
        Ok(TilePath { kind, index, width })
    }
}

/// Parses the `x001/x234/067` form; every group is three digits, all but the last with `x`.
pub fn decode_index(text: &str) -> Option<u64> {
    let groups: Vec<&str> = text.split('/').collect();
    let mut index: u64 = 0;
    for (i, group) in groups.iter().enumerate() {
        let digits = if i + 1 < groups.len() {
            group.strip_prefix('x')?
        } else {
            group
        };
        if digits.len() != 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let value: u64 = digits.parse().ok()?;
        index = index.checked_mul(1000)?.checked_add(value)?;
    }
    Some(index)
}

/// A small decimal with no sign and no leading zeros (but "0").
fn parse_decimal<T: FromStr>(text: &str) -> Option<T> {
    let canonical = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    if canonical { text.parse().ok() } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip() {
        for (path, kind, index, width) in [
            ("tile/0/000", TileKind::Hashes(0), 0, 256),
            ("tile/0/273.p/112", TileKind::Hashes(0), 273, 112),
            ("tile/2/x001/x234/067", TileKind::Hashes(2), 1_234_067, 256),
            ("tile/entries/x001/000.p/1", TileKind::Entries, 1000, 1),
        ] {
            let parsed: TilePath = path.parse().unwrap();
            assert_eq!(parsed, TilePath { kind, index, width }, "{path}");
            assert_eq!(parsed.to_string(), path);
        }
    }

    #[test]
    fn malformed_paths_are_refused() {
        for bad in [
            "tile/0/1",
            "tile/0/001/002",
            "tile/0/x001",
            "tile/00/001",
            "tile/-1/001",
            "tile/0/001.p/0",
            "tile/0/001.p/256",
            "tile/0/001.p/07",
            "tiles/0/001",
            "tile/0/x999/x999/x999/x999/x999/x999/x999/999",
        ] {
            assert!(bad.parse::<TilePath>().is_err(), "{bad} should be refused");
        }
    }
}
