//! Calendar dates and UTC timestamps with seconds precision (RFC 3339, `YYYY-MM-DDTHH:MM:SSZ`).
//!
//! Accord records time to the second, in UTC, always written with a `Z`: silence procedures and
//! deadlines are exact to the second, and one spelling per instant keeps the log canonical.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::ParseError;

const SECONDS_PER_DAY: i64 = 86_400;
/// Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar.
const EPOCH_SHIFT: i64 = 719_468;

/// A calendar date, `YYYY-MM-DD`, years 1 to 9999.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    /// Days since 1970-01-01.
    days: i64,
}

/// An instant in UTC to the second, written `2020-12-01T13:00:00Z`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z.
    seconds: i64,
}

fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - EPOCH_SHIFT
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + EPOCH_SHIFT;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parses a run of ASCII digits of exactly the slice's length.
fn digits(bytes: &[u8]) -> Option<i64> {
    bytes.iter().try_fold(0i64, |acc, b| {
        b.is_ascii_digit().then(|| acc * 10 + i64::from(b - b'0'))
    })
}

fn parse_date(bytes: &[u8]) -> Option<i64> {
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let (year, month, day) = (
        digits(&bytes[0..4])?,
        digits(&bytes[5..7])?,
        digits(&bytes[8..10])?,
    );
    let valid =
        year >= 1 && (1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day);
    valid.then(|| days_from_civil(year, month, day))
}

impl Date {
    /// Parses `2020-12-01`.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        parse_date(text.as_bytes())
            .map(|days| Self { days })
            .ok_or_else(|| {
                ParseError::new("date", text, "write a real calendar date as YYYY-MM-DD")
            })
    }

    /// The date from its year, month and day.
    pub fn from_ymd(year: i64, month: i64, day: i64) -> Result<Self, ParseError> {
        Self::parse(&format!("{year:04}-{month:02}-{day:02}"))
    }

    /// (year, month, day).
    pub fn ymd(&self) -> (i64, i64, i64) {
        civil_from_days(self.days)
    }

    /// The start of this day, 00:00:00Z.
    pub fn start(&self) -> Timestamp {
        Timestamp {
            seconds: self.days * SECONDS_PER_DAY,
        }
    }
}

impl Timestamp {
    /// Parses `2020-12-01T13:00:00Z`: seconds precision, UTC, upper-case `T` and `Z`.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let bytes = text.as_bytes();
        let parsed = (|| {
            if bytes.len() != 20 || bytes[10] != b'T' || bytes[13] != b':' || bytes[16] != b':' {
                return None;
            }
            if bytes[19] != b'Z' {
                return None;
            }
            let days = parse_date(&bytes[..10])?;
            let (h, m, s) = (
                digits(&bytes[11..13])?,
                digits(&bytes[14..16])?,
                digits(&bytes[17..19])?,
            );
            (h < 24 && m < 60 && s < 60).then(|| days * SECONDS_PER_DAY + h * 3600 + m * 60 + s)
        })();
        parsed.map(|seconds| Self { seconds }).ok_or_else(|| {
            ParseError::new(
                "timestamp",
                text,
                "write UTC to the second as YYYY-MM-DDTHH:MM:SSZ (no fraction, no offset)",
            )
        })
    }

    /// The instant `seconds` after 1970-01-01T00:00:00Z, if it falls in years 1 to 9999.
    pub fn from_unix_seconds(seconds: i64) -> Result<Self, ParseError> {
        let min = days_from_civil(1, 1, 1) * SECONDS_PER_DAY;
        let max = days_from_civil(10_000, 1, 1) * SECONDS_PER_DAY;
        if (min..max).contains(&seconds) {
            Ok(Self { seconds })
        } else {
            Err(ParseError::new(
                "timestamp",
                &seconds.to_string(),
                "the instant must fall in years 1 to 9999",
            ))
        }
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn unix_seconds(&self) -> i64 {
        self.seconds
    }

    /// The UTC calendar date of this instant.
    pub fn date(&self) -> Date {
        Date {
            days: self.seconds.div_euclid(SECONDS_PER_DAY),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.seconds.rem_euclid(SECONDS_PER_DAY);
        let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
        write!(f, "{}T{h:02}:{m:02}:{s:02}Z", self.date())
    }
}

macro_rules! time_impls {
    ($($ty:ident),*) => {$(
        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({self})", stringify!($ty))
            }
        }
        crate::ids::string_form!($ty);
    )*};
}

time_impls!(Date, Timestamp);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_round_trip_and_know_the_epoch() {
        let t = Timestamp::parse("2020-12-01T13:22:05Z").expect("valid");
        assert_eq!(t.to_string(), "2020-12-01T13:22:05Z");
        assert_eq!(t.unix_seconds(), 1_606_828_925);
        assert_eq!(t.date().to_string(), "2020-12-01");
        assert_eq!(
            Timestamp::parse("1970-01-01T00:00:00Z").map(|t| t.unix_seconds()),
            Ok(0)
        );
        let leap = Timestamp::parse("2000-02-29T23:59:59Z").expect("valid");
        assert_eq!(Timestamp::from_unix_seconds(leap.unix_seconds()), Ok(leap));
    }

    #[test]
    fn timestamps_refuse_other_spellings() {
        for bad in [
            "2020-12-01T13:22:05",
            "2020-12-01T13:22:05.000Z",
            "2020-12-01T13:22:05+00:00",
            "2020-12-01t13:22:05z",
            "2020-13-01T00:00:00Z",
            "2021-02-29T00:00:00Z",
            "2020-12-01T24:00:00Z",
            "2020-12-01T23:60:00Z",
            "0000-01-01T00:00:00Z",
            "+020-12-01T00:00:00Z",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_are_real_calendar_dates() {
        assert!(Date::parse("2020-02-29").is_ok());
        assert!(Date::parse("1900-02-29").is_err());
        assert!(Date::parse("2020-4-01").is_err());
        assert_eq!(
            Date::from_ymd(2002, 10, 7).map(|d| d.ymd()),
            Ok((2002, 10, 7))
        );
        assert!(Date::parse("2020-12-01").ok() < Date::parse("2021-01-01").ok());
    }

    #[test]
    fn out_of_range_instants_are_refused() {
        assert!(Timestamp::from_unix_seconds(i64::MAX).is_err());
        assert!(Timestamp::from_unix_seconds(i64::MIN).is_err());
    }
}
