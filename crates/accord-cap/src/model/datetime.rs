//! CAP date-times: `YYYY-MM-DDThh:mm:ss±hh:mm`, with the offset kept as written.

use std::cmp::Ordering;
use std::fmt;

/// A CAP 1.2 date-time. The offset is kept exactly as written, including the `-00:00`
/// convention for UTC, so emitting gives back the same text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CapDateTime {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    /// Offset from UTC in minutes, east positive.
    offset_minutes: i16,
    /// The offset was written `-00:00` (rather than `+00:00`).
    minus_zero: bool,
}

/// Why a text is not a CAP date-time; the message says what the format is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{text}' is not a CAP date-time ({reason}); write YYYY-MM-DDThh:mm:ss±hh:mm with an explicit offset (UTC is -00:00), without 'Z' or fractions of a second"
)]
pub struct DateTimeError {
    text: String,
    reason: &'static str,
}

impl CapDateTime {
    /// Parses the exact CAP form. Surrounding whitespace is not accepted here; the reader
    /// trims it as XML Schema does for date-times.
    pub fn parse(text: &str) -> Result<Self, DateTimeError> {
        let fail = |reason| DateTimeError {
            text: text.to_owned(),
            reason,
        };
        let b = text.as_bytes();
        if b.last() == Some(&b'Z') {
            return Err(fail("'Z' is not allowed"));
        }
        if b.len() > 19 && b[19] == b'.' {
            return Err(fail("fractions of a second are not allowed"));
        }
        if b.len() == 19 {
            return Err(fail("the offset from UTC is missing"));
        }
        if b.len() != 25 {
            return Err(fail("wrong length"));
        }
        let shape_ok = b[4] == b'-'
            && b[7] == b'-'
            && b[10] == b'T'
            && b[13] == b':'
            && b[16] == b':'
            && (b[19] == b'+' || b[19] == b'-')
            && b[22] == b':';
        if !shape_ok {
            return Err(fail("wrong separators"));
        }
        let num = |from: usize, to: usize| -> Result<u16, DateTimeError> {
            let mut value = 0u16;
            for &c in &b[from..to] {
                if !c.is_ascii_digit() {
                    return Err(fail("a field is not a number"));
                }
                value = value * 10 + u16::from(c - b'0');
            }
            Ok(value)
        };
        let year = num(0, 4)?;
        let [month, day, hour, minute, second, off_h, off_m] = [
            (5, 7),
            (8, 10),
            (11, 13),
            (14, 16),
            (17, 19),
            (20, 22),
            (23, 25),
        ]
        .map(|(from, to)| num(from, to).map(|v| u8::try_from(v).unwrap_or(u8::MAX)));
        let (month, day, hour, minute, second) = (month?, day?, hour?, minute?, second?);
        let (off_h, off_m) = (off_h?, off_m?);
        if year == 0 {
            return Err(fail("year 0000 does not exist"));
        }
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(fail("no such date"));
        }
        if hour > 23 || minute > 59 || second > 59 {
            return Err(fail("no such time of day"));
        }
        if off_h > 14 || off_m > 59 || (off_h == 14 && off_m != 0) {
            return Err(fail("the offset is out of range"));
        }
        let magnitude = i16::from(off_h) * 60 + i16::from(off_m);
        let negative = b[19] == b'-';
        Ok(Self {
            year,
            month,
            day,
            hour,
            minute,
            second,
            offset_minutes: if negative { -magnitude } else { magnitude },
            minus_zero: negative && magnitude == 0,
        })
    }

    /// Offset from UTC in minutes, east positive.
    pub fn offset_minutes(&self) -> i16 {
        self.offset_minutes
    }

    /// Seconds since 1970-01-01T00:00:00 UTC.
    pub fn unix_seconds(&self) -> i64 {
        let days = days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        days * 86_400
            + i64::from(self.hour) * 3_600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
            - i64::from(self.offset_minutes) * 60
    }

    /// Compares the instants denoted, whatever their offsets.
    pub fn cmp_instant(&self, other: &Self) -> Ordering {
        self.unix_seconds().cmp(&other.unix_seconds())
    }
}

impl fmt::Display for CapDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.offset_minutes < 0 || self.minus_zero {
            '-'
        } else {
            '+'
        };
        let off = self.offset_minutes.unsigned_abs();
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
            self.year,
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second,
            off / 60,
            off % 60
        )
    }
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_offset_as_written() {
        for text in [
            "2003-04-02T14:39:01-05:00",
            "2025-09-23T21:17:00-00:00",
            "2010-08-31T00:09:25+00:00",
            "2014-11-03T14:57:33+08:00",
        ] {
            assert_eq!(CapDateTime::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn refuses_z_fractions_and_impossible_dates() {
        for text in [
            "2003-04-02T14:39:01Z",
            "2003-04-02T14:39:01.5-05:00",
            "2003-04-02T14:39:01",
            "2003-02-29T14:39:01-05:00",
            "2003-04-02T24:00:00-05:00",
            "2003-04-02 14:39:01-05:00",
            "2003-04-02T14:39:01+15:00",
            "２003-04-02T14:39:01-05:00",
        ] {
            assert!(CapDateTime::parse(text).is_err(), "{text}");
        }
        assert!(CapDateTime::parse("2004-02-29T00:00:00+01:00").is_ok());
    }

    #[test]
    fn compares_instants_across_offsets() {
        let a = CapDateTime::parse("2024-01-01T12:00:00+02:00").unwrap();
        let b = CapDateTime::parse("2024-01-01T10:00:00-00:00").unwrap();
        assert_eq!(a.cmp_instant(&b), Ordering::Equal);
        assert_eq!(b.unix_seconds(), 1_704_103_200);
    }
}
