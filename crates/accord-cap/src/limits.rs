//! Resource limits applied while reading untrusted XML: every one has a safe default.

/// Bounds on what a document may contain before the reader gives up with
/// [`ParseError::LimitExceeded`](crate::ParseError::LimitExceeded) or
/// [`ParseError::TooLarge`](crate::ParseError::TooLarge).
///
/// Every limit is checked while reading, before the memory for the thing it bounds is
/// allocated, so a hostile document costs at most time and memory proportional to its
/// (bounded) size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted input, in bytes (default 5 MiB).
    pub max_input_bytes: usize,
    /// Deepest element nesting (default 32; a CAP alert with an XML signature needs about 8).
    pub max_depth: usize,
    /// Most `<info>` blocks in one alert (default 100).
    pub max_info_blocks: usize,
    /// Most `<area>` blocks in one alert, all `<info>` blocks together (default 1,000).
    pub max_areas: usize,
    /// Most points in one `<polygon>` (default 100,000).
    pub max_polygon_points: usize,
    /// Most entries in one Atom or RSS feed (default 10,000).
    pub max_feed_entries: usize,
    /// Most namespace declarations in scope at once (default 64; real alerts use a few).
    pub max_namespace_declarations: usize,
    /// Most problems reported for one document before reading stops (default 1,000), so
    /// a hostile document cannot make the report much larger than itself.
    pub max_diagnostics: usize,
}

impl Limits {
    /// The default limits, usable in constant context.
    pub const DEFAULT: Limits = Limits {
        max_input_bytes: 5 * 1024 * 1024,
        max_depth: 32,
        max_info_blocks: 100,
        max_areas: 1_000,
        max_polygon_points: 100_000,
        max_feed_entries: 10_000,
        max_namespace_declarations: 64,
        max_diagnostics: 1_000,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}
