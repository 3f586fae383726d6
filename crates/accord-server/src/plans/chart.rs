//! The dashboard's chart: one horizontal bar per responsible state and one for the whole plan,
//! each split into measures done, in progress and not started, with the overdue count beside
//! it. The geometry is computed here from the figures; the page's template draws it as SVG
//! (no script), with a title and a description, and the same numbers in a table.

use accord_core::plans::rules::Tally;

/// Where the bars start (after the labels) and how wide they are at most, in SVG units.
const LABEL_WIDTH: u32 = 190;
const BAR_WIDTH: u32 = 360;
const BAR_HEIGHT: u32 = 22;
const STEP: u32 = 34;
const TOP: u32 = 40;

/// One coloured part of a bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Where it starts.
    pub x: u32,
    /// How wide.
    pub width: u32,
    /// Its colour.
    pub fill: &'static str,
    /// What it counts, in words (the tooltip).
    pub title: String,
}

/// One bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// Its label (a state, or the whole plan).
    pub label: String,
    /// Its top.
    pub y: u32,
    /// The baseline of its texts.
    pub text_y: u32,
    /// Its parts.
    pub segments: Vec<Segment>,
    /// What follows it: `2/5 done, 1 overdue`.
    pub note: String,
    /// Where the note starts.
    pub note_x: u32,
    /// Whether any of its measures is overdue (the note is marked).
    pub overdue: bool,
}

/// A legend's entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// Where it starts.
    pub x: u32,
    /// Its colour.
    pub fill: &'static str,
    /// Its words.
    pub label: String,
}

/// The chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// Its width.
    pub width: u32,
    /// Its height.
    pub height: u32,
    /// The legend.
    pub keys: Vec<Key>,
    /// The bars.
    pub bars: Vec<Bar>,
}

/// Colours: done, in progress, not started (contrast ≥ 3:1 against white).
const FILLS: [&str; 3] = ["#2e7d32", "#b26a00", "#757575"];

/// Lays out `rows` (label and tally; the whole plan last) as bars.
pub fn layout(
    rows: &[(String, Tally)],
    statuses: &[String; 3],
    note: impl Fn(&Tally) -> String,
) -> Chart {
    let keys = statuses
        .iter()
        .zip(FILLS)
        .zip([0u32, 130, 260])
        .map(|((label, fill), x)| Key {
            x: LABEL_WIDTH + x,
            fill,
            label: label.clone(),
        })
        .collect();
    let bars = rows
        .iter()
        .zip(0u32..)
        .map(|((label, tally), i)| {
            let y = TOP + i * STEP;
            let total = u32::try_from(tally.total.max(1)).unwrap_or(u32::MAX);
            let counts = [tally.done, tally.in_progress, tally.not_started];
            let mut x = LABEL_WIDTH;
            let segments = counts
                .iter()
                .zip(FILLS)
                .zip(statuses)
                .filter(|((count, _), _)| **count > 0)
                .map(|((count, fill), status)| {
                    let count = u32::try_from(*count).unwrap_or(u32::MAX);
                    let width = count.saturating_mul(BAR_WIDTH) / total;
                    let segment = Segment {
                        x,
                        width,
                        fill,
                        title: format!("{status}: {count}"),
                    };
                    x += width;
                    segment
                })
                .collect();
            Bar {
                label: label.clone(),
                y,
                text_y: y + BAR_HEIGHT - 6,
                segments,
                note: note(tally),
                note_x: LABEL_WIDTH + BAR_WIDTH + 10,
                overdue: tally.overdue > 0,
            }
        })
        .collect::<Vec<_>>();
    let count = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    Chart {
        width: LABEL_WIDTH + BAR_WIDTH + 200,
        height: TOP + count.saturating_mul(STEP) + 10,
        keys,
        bars,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_as_wide_as_their_share_of_measures() {
        let tally = Tally {
            total: 4,
            done: 2,
            in_progress: 1,
            not_started: 1,
            overdue: 1,
        };
        let words = ["d".to_owned(), "p".to_owned(), "n".to_owned()];
        let chart = layout(&[("all".to_owned(), tally)], &words, |t| {
            t.overdue.to_string()
        });
        let bar = &chart.bars[0];
        let widths: Vec<u32> = bar.segments.iter().map(|s| s.width).collect();
        assert_eq!(widths, [180, 90, 90]);
        assert_eq!(bar.segments[1].x, LABEL_WIDTH + 180);
        assert!(bar.overdue);
        assert_eq!(bar.segments[0].title, "d: 2");
    }
}
