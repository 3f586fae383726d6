//! [`ZonedTime`]: an instant written in an explicit time zone, for sessions and deadlines.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::ParseError;
use crate::time::Timestamp;

/// An instant written in an explicit time zone, to the second: `2020-12-01T13:00:00+03:00[Europe/Moscow]`
/// (RFC 9557). The offset pins the instant even if the zone's rules change later; the zone says
/// how people there read it.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ZonedTime {
    text: String,
    utc: Timestamp,
    zone_len: usize,
}

impl ZonedTime {
    /// A local wall-clock time (`2020-12-01T13:00:00`) in an IANA time zone (`Europe/Moscow`).
    /// A time the zone skips or repeats (a daylight-saving change) is refused: it names no
    /// single instant.
    pub fn from_local(local: &str, zone: &str) -> Result<Self, ParseError> {
        let tz = jiff::tz::TimeZone::get(zone).map_err(|_| {
            ParseError::new(
                "time zone",
                zone,
                "use an IANA time zone name such as Europe/Moscow",
            )
        })?;
        let civil: jiff::civil::DateTime = local.parse().map_err(|_| {
            ParseError::new(
                "local time",
                local,
                "write the local time as YYYY-MM-DDTHH:MM:SS",
            )
        })?;
        if civil.subsec_nanosecond() != 0 {
            return Err(ParseError::new(
                "local time",
                local,
                "times are kept to the second; remove the fraction",
            ));
        }
        let zoned = tz.to_ambiguous_zoned(civil).unambiguous().map_err(|_| {
            ParseError::new(
                "local time",
                local,
                "this local time is skipped or repeated by a clock change in its zone; choose another",
            )
        })?;
        Self::from_zoned(&zoned, zone)
    }

    fn from_zoned(zoned: &jiff::Zoned, zone: &str) -> Result<Self, ParseError> {
        let utc = Timestamp::from_unix_seconds(zoned.timestamp().as_second())?;
        let text = format!(
            "{}{}[{zone}]",
            zoned.datetime(),
            offset_text(zoned.offset().seconds())
        );
        Ok(Self {
            zone_len: zone.len(),
            text,
            utc,
        })
    }

    /// Parses the RFC 9557 form `2020-12-01T13:00:00+03:00[Europe/Moscow]`, as recorded. The
    /// recorded offset fixes the instant: a time recorded under older time-zone rules (a zone
    /// that has changed its offset since) still reads back as recorded. New times come from
    /// [`ZonedTime::from_local`], which checks the zone's offset.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let bad = || {
            ParseError::new(
                "zoned time",
                text,
                "write YYYY-MM-DDTHH:MM:SS±HH:MM[Zone/Name]",
            )
        };
        let open = text.find('[').ok_or_else(bad)?;
        let zone = text
            .get(open + 1..)
            .and_then(|z| z.strip_suffix(']'))
            .filter(|z| !z.is_empty() && !z.contains(['[', ']']))
            .ok_or_else(bad)?;
        let local = text.get(..19).ok_or_else(bad)?;
        let offset = text.get(19..open).ok_or_else(bad)?;
        let civil: jiff::civil::DateTime = local.parse().map_err(|_| bad())?;
        let seconds = offset_seconds(offset).ok_or_else(bad)?;
        let fixed = jiff::tz::Offset::from_seconds(seconds).map_err(|_| bad())?;
        let instant = fixed.to_timestamp(civil).map_err(|_| bad())?;
        let parsed = ZonedTime {
            utc: Timestamp::from_unix_seconds(instant.as_second())?,
            zone_len: zone.len(),
            text: text.to_owned(),
        };
        // One spelling per value: what we would write for this local time and offset.
        if format!("{civil}{}[{zone}]", offset_text(seconds)) != text {
            return Err(bad());
        }
        Ok(parsed)
    }

    /// The instant, in UTC.
    pub fn utc(&self) -> Timestamp {
        self.utc
    }

    /// The IANA zone name.
    pub fn zone(&self) -> &str {
        &self.text[self.text.len() - 1 - self.zone_len..self.text.len() - 1]
    }

    /// The local wall-clock time, `YYYY-MM-DDTHH:MM:SS`.
    pub fn local(&self) -> &str {
        &self.text[..19]
    }

    /// The UTC offset, `+03:00`.
    pub fn offset(&self) -> &str {
        &self.text[19..self.text.len() - 2 - self.zone_len]
    }

    /// The RFC 9557 text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// As a `jiff::Zoned`, for calendars and display.
    pub fn to_zoned(&self) -> Option<jiff::Zoned> {
        // The recorded offset wins over the zone's current rules, as in `parse`.
        jiff::fmt::temporal::DateTimeParser::new()
            .offset_conflict(jiff::tz::OffsetConflict::AlwaysOffset)
            .parse_zoned(&self.text)
            .ok()
    }
}

/// Seconds east of UTC from `+03:00`, `-05:30` or `+02:30:17`.
fn offset_seconds(text: &str) -> Option<i32> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let parts: Vec<&str> = rest.split(':').collect();
    if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.len() != 2) {
        return None;
    }
    let mut seconds = 0i32;
    for (part, unit) in parts.iter().zip([3600, 60, 1]) {
        let value: i32 = part.parse().ok()?;
        seconds += value * unit;
    }
    Some(sign * seconds)
}

/// `+03:00`, `-05:30`, or with seconds (`+02:30:17`) for old local mean times.
fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, rest) = (s / 3600, s / 60 % 60, s % 60);
    if rest == 0 {
        format!("{sign}{h:02}:{m:02}")
    } else {
        format!("{sign}{h:02}:{m:02}:{rest:02}")
    }
}

impl fmt::Display for ZonedTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for ZonedTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ZonedTime({})", self.text)
    }
}

crate::ids::string_form!(ZonedTime);
