//! A plan's implementation as CSV (RFC 4180: a header row, CRLF line ends, fields quoted when
//! they hold a comma, a quote or a line break): one row per measure, in the reader's language.

use accord_core::plans::model::{Measure, Plan};
use accord_core::plans::rules;
use accord_core::{Date, Lang, State};

use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::localized;
use crate::pages::view::{body_name, state_name};

/// The header's message ids, in column order.
const COLUMNS: [&str; 9] = [
    "plans-col-number",
    "plans-col-measure",
    "plans-col-responsible",
    "plans-col-deadline",
    "plans-col-status",
    "plans-col-overdue",
    "plans-col-last-report",
    "plans-col-reported-by",
    "plans-col-indicators",
];

/// The states and bodies responsible for a measure, by name, joined with `; `.
pub fn responsible(tr: &Tr<'_>, state: &State, measure: &Measure, lang: Lang) -> String {
    measure
        .states
        .iter()
        .map(|c| state_name(tr, state, *c, lang))
        .chain(measure.bodies.iter().map(|b| body_name(tr, state, b, lang)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A measure's indicators with their last reported values on `day`: `name: value / target unit`,
/// joined with `; ` (a dash for a value not reported).
pub fn indicators(tr: &Tr<'_>, measure: &Measure, day: Date, lang: Lang) -> String {
    let last = rules::last_report(measure, day);
    measure
        .indicators
        .iter()
        .zip(1u32..)
        .map(|(indicator, n)| {
            let value = last
                .and_then(|r| r.values.get(&n))
                .map_or_else(|| "—".to_owned(), ToString::to_string);
            format!(
                "{}: {value} / {} {}",
                localized(tr, &indicator.name, lang),
                indicator.target,
                localized(tr, &indicator.unit, lang)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The CSV of `plan` on `day`, in the language of `tr`.
///
/// # Errors
/// Only if writing to memory fails.
pub fn write(
    tr: &Tr<'_>,
    state: &State,
    plan: &Plan,
    day: Date,
    lang: Lang,
) -> Result<Vec<u8>, AppError> {
    let fail = |e: csv::Error| AppError::internal("the plan's CSV", e);
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    out.write_record(COLUMNS.iter().map(|id| tr.t(id)))
        .map_err(fail)?;
    for line in rules::dashboard(plan, day).measures {
        let measure = line.measure;
        let (reported, by) = line.last.map_or_else(
            || (String::new(), String::new()),
            |r| {
                let by = match r.state {
                    Some(code) => state_name(tr, state, code, lang),
                    None => r.by.to_string(),
                };
                (r.as_of.to_string(), by)
            },
        );
        out.write_record([
            measure.number.to_string(),
            localized(tr, &measure.text, lang),
            responsible(tr, state, measure, lang),
            measure.deadline.to_string(),
            tr.t(&format!("plans-status-{}", line.status.as_str())),
            tr.t(if line.overdue {
                "plans-yes"
            } else {
                "plans-no"
            }),
            reported,
            by,
            indicators(tr, measure, day, lang),
        ])
        .map_err(fail)?;
    }
    out.into_inner()
        .map_err(|e| AppError::internal("the plan's CSV", e.into_error()))
}
