//! iCalendar (RFC 5545) feeds: a calendar of events written as one `text/calendar` document,
//! for publishing the sessions of the organisation's bodies as a subscribable feed.
//!
//! The module is a pure writer: [`write`] turns a [`Calendar`] into text and reads nothing else.
//! What it writes:
//!
//! - The calendar: `VERSION:2.0`, `PRODID`, `CALSCALE:GREGORIAN`, `METHOD:PUBLISH`, and the
//!   calendar's name as both `NAME` (RFC 7986) and `X-WR-CALNAME` (read by clients that predate
//!   RFC 7986).
//! - One `VTIMEZONE` for each time zone identifier used by a `DTSTART` or `DTEND`, once each,
//!   sorted by identifier, before the events. Its `STANDARD` and `DAYLIGHT` observances are
//!   taken from the compiled-in IANA database (through `jiff`) and cover the span of the
//!   instants written in that zone: the last transition at or before the earliest one, then
//!   every transition up to the latest one. A zone that has not changed its offset for years
//!   (Europe/Moscow since 2014) thus gets a single observance, its last transition. A zone
//!   with no transition before its earliest instant (UTC, `Etc/GMT-3`) gets one observance
//!   starting at `19700101T000000` (or on the day of that instant, if it is earlier) with
//!   the offset in force at that instant as both `TZOFFSETFROM` and `TZOFFSETTO`.
//! - One `VEVENT` per event with `UID`, `SEQUENCE`, `DTSTAMP` (UTC), `DTSTART` and `DTEND` in
//!   local time with their own `TZID`, and `STATUS` (`CANCELLED` or `CONFIRMED`); the other
//!   properties when given.
//!
//! Times that cannot be written as local time with a `TZID` are written in UTC (`...Z`):
//!
//! - a [`Zoned`] whose time zone has no IANA name (a bare fixed offset, or a POSIX TZ rule),
//!   since a `TZID` needs a name that clients recognise or a `VTIMEZONE` cannot stand for;
//! - the second occurrence of a local time repeated when clocks go back (01:30 on the night
//!   New York leaves daylight saving time), since RFC 5545 reads such a local time as its first
//!   occurrence.
//!
//! iCalendar has no fractions of a second: they are dropped (times are truncated to the
//! second). An event whose end is not after its start is written without `DTEND`, which RFC
//! 5545 reads as an event that ends when it starts. Years must lie in 0000–9999, as the format
//! has four digits for them.
//!
//! Text follows RFC 5545's rules: lines end in CRLF and are folded after at most 75 octets,
//! never inside a UTF-8 character, each continuation starting with one space; `\`, `;`, `,`
//! and line breaks are escaped in text values; other control characters (except tab), which
//! RFC 5545 does not allow, are dropped. Parameter values (`TZID`, the conference `LABEL`)
//! are encoded as RFC 6868 says (`^^`, `^n`, `^'`) and quoted when they hold `:`, `;` or `,`.
//! URIs are written as given, except that spaces and control characters are percent-encoded.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone, TimeZoneTransition};
use jiff::{SignedDuration, Timestamp, Zoned};

/// A calendar: a name, the product that wrote it, and its events.
#[derive(Debug, Clone)]
pub struct Calendar<'a> {
    /// The calendar's name, written as `NAME` (RFC 7986) and `X-WR-CALNAME`.
    pub name: &'a str,
    /// The product identifier (`PRODID`), for example `-//Accord//Sessions//EN`.
    pub prod_id: &'a str,
    /// The events, written in this order.
    pub events: Vec<CalendarEvent<'a>>,
}

/// One event of a [`Calendar`], such as a session of a council.
#[derive(Debug, Clone)]
pub struct CalendarEvent<'a> {
    /// The event's identifier (`UID`), stable across versions of the feed, for example
    /// `session-12@accord.test`.
    pub uid: String,
    /// The revision (`SEQUENCE`), starting at 0 and bumped each time the event changes
    /// (RFC 5546), including when it is cancelled.
    pub sequence: u32,
    /// When this version of the event was written (`DTSTAMP`, in UTC).
    pub stamp: Timestamp,
    /// When the event was last changed (`LAST-MODIFIED`, in UTC), if known.
    pub last_modified: Option<Timestamp>,
    /// The start (`DTSTART`), in local time with its time zone's `TZID`.
    pub start: Zoned,
    /// The end (`DTEND`), in local time with its own `TZID`, which may differ from the start's.
    pub end: Zoned,
    /// The title (`SUMMARY`).
    pub summary: &'a str,
    /// A longer description (`DESCRIPTION`); it may span several lines.
    pub description: Option<&'a str>,
    /// Where the event takes place (`LOCATION`).
    pub location: Option<&'a str>,
    /// How to join remotely (`CONFERENCE`, RFC 7986).
    pub conference: Option<Conference<'a>>,
    /// A page about the event (`URL`).
    pub url: Option<&'a str>,
    /// Whether the event is cancelled: `STATUS:CANCELLED`, else `STATUS:CONFIRMED`.
    pub cancelled: bool,
    /// Categories (`CATEGORIES`), one property listing them all; none written when empty.
    pub categories: Vec<&'a str>,
}

/// A video conference for an event, written as
/// `CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=...:uri` (RFC 7986).
#[derive(Debug, Clone, Copy)]
pub struct Conference<'a> {
    /// The address to join, for example `https://meet.example/council-12`.
    pub uri: &'a str,
    /// A short description shown with the address (the `LABEL` parameter).
    pub label: Option<&'a str>,
}

/// Writes the calendar as an iCalendar document (`text/calendar`, UTF-8, CRLF line endings).
pub fn write(calendar: &Calendar<'_>) -> String {
    let events: Vec<EventTimes> = calendar
        .events
        .iter()
        .map(|event| EventTimes {
            start: When::of(&event.start),
            end: (event.end.timestamp() > event.start.timestamp()).then(|| When::of(&event.end)),
        })
        .collect();

    let mut zones: BTreeMap<&str, ZoneSpan> = BTreeMap::new();
    for when in events
        .iter()
        .flat_map(|times| std::iter::once(&times.start).chain(times.end.as_ref()))
    {
        if let When::Local {
            tzid, tz, instant, ..
        } = when
        {
            zones
                .entry(tzid)
                .and_modify(|span| {
                    span.earliest = span.earliest.min(*instant);
                    span.latest = span.latest.max(*instant);
                })
                .or_insert_with(|| ZoneSpan {
                    tz,
                    earliest: *instant,
                    latest: *instant,
                });
        }
    }

    let mut out = Lines::default();
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.property("PRODID", &escape_text(calendar.prod_id));
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    out.property("NAME", &escape_text(calendar.name));
    out.property("X-WR-CALNAME", &escape_text(calendar.name));
    for (tzid, span) in &zones {
        write_timezone(&mut out, tzid, span);
    }
    for (event, times) in calendar.events.iter().zip(&events) {
        write_event(&mut out, event, times);
    }
    out.line("END:VCALENDAR");
    out.text
}

/// The instants written in one time zone: its `VTIMEZONE` covers them.
struct ZoneSpan<'z> {
    tz: &'z TimeZone,
    earliest: Timestamp,
    latest: Timestamp,
}

/// An event's start and end as they are written (no end when it is not after the start).
struct EventTimes<'z> {
    start: When<'z>,
    end: Option<When<'z>>,
}

/// A time as written: local time with a `TZID`, or UTC.
enum When<'z> {
    Local {
        tzid: &'z str,
        tz: &'z TimeZone,
        local: DateTime,
        instant: Timestamp,
    },
    Utc(DateTime),
}

impl<'z> When<'z> {
    fn of(time: &'z Zoned) -> When<'z> {
        let instant = whole_seconds(time.timestamp());
        let tz = time.time_zone();
        if let Some(tzid) = tz.iana_name() {
            let local = tz.to_datetime(instant);
            // A repeated local time means its first occurrence (RFC 5545, 3.3.5).
            if tz.to_ambiguous_timestamp(local).earlier().ok() == Some(instant) {
                return When::Local {
                    tzid,
                    tz,
                    local,
                    instant,
                };
            }
        }
        When::Utc(Offset::UTC.to_datetime(instant))
    }

    fn write(&self, out: &mut Lines, name: &str) {
        match self {
            When::Local { tzid, local, .. } => out.property(
                &format!("{name};TZID={}", param_value(tzid)),
                &date_time(*local),
            ),
            When::Utc(utc) => out.property(name, &format!("{}Z", date_time(*utc))),
        }
    }
}

fn write_timezone(out: &mut Lines, tzid: &str, span: &ZoneSpan<'_>) {
    let tz = span.tz;
    // The last transition at or before the earliest instant (`preceding` is strict).
    let anchor = span
        .earliest
        .checked_add(SignedDuration::from_nanos(1))
        .unwrap_or(span.earliest);
    let (first, after) = match tz.preceding(anchor).next() {
        Some(transition) => (
            Observance::of_transition(tz, &transition),
            transition.timestamp(),
        ),
        None => (Observance::before_any(tz, span.earliest), Timestamp::MIN),
    };
    out.line("BEGIN:VTIMEZONE");
    out.property("TZID", tzid);
    first.write(out);
    for transition in tz
        .following(after)
        .take_while(|transition| transition.timestamp() <= span.latest)
    {
        Observance::of_transition(tz, &transition).write(out);
    }
    out.line("END:VTIMEZONE");
}

/// A `STANDARD` or `DAYLIGHT` sub-component of a `VTIMEZONE`.
struct Observance {
    daylight: bool,
    /// The onset, in local time before the change (as RFC 5545 reads it).
    start: DateTime,
    from: Offset,
    to: Offset,
    name: String,
}

impl Observance {
    fn of_transition(tz: &TimeZone, transition: &TimeZoneTransition<'_>) -> Observance {
        let at = transition.timestamp();
        let from = at
            .checked_sub(SignedDuration::from_nanos(1))
            .map_or(transition.offset(), |before| tz.to_offset(before));
        Observance {
            daylight: transition.dst().is_dst(),
            start: from.to_datetime(at),
            from,
            to: transition.offset(),
            name: transition.abbreviation().to_owned(),
        }
    }

    /// The observance in force at `instant` in a zone with no transition at or before it.
    fn before_any(tz: &TimeZone, instant: Timestamp) -> Observance {
        let info = tz.to_offset_info(instant);
        let offset = info.offset();
        let epoch = jiff::civil::date(1970, 1, 1).at(0, 0, 0, 0);
        let local = offset.to_datetime(instant);
        Observance {
            daylight: info.dst().is_dst(),
            start: if local < epoch {
                local.date().at(0, 0, 0, 0)
            } else {
                epoch
            },
            from: offset,
            to: offset,
            name: info.abbreviation().to_owned(),
        }
    }

    fn write(&self, out: &mut Lines) {
        let kind = if self.daylight {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        out.line(&format!("BEGIN:{kind}"));
        out.property("DTSTART", &date_time(self.start));
        out.property("TZOFFSETFROM", &utc_offset(self.from));
        out.property("TZOFFSETTO", &utc_offset(self.to));
        if !self.name.is_empty() {
            out.property("TZNAME", &escape_text(&self.name));
        }
        out.line(&format!("END:{kind}"));
    }
}

fn write_event(out: &mut Lines, event: &CalendarEvent<'_>, times: &EventTimes<'_>) {
    out.line("BEGIN:VEVENT");
    out.property("UID", &escape_text(&event.uid));
    out.property("SEQUENCE", &event.sequence.to_string());
    out.property("DTSTAMP", &utc(event.stamp));
    if let Some(modified) = event.last_modified {
        out.property("LAST-MODIFIED", &utc(modified));
    }
    times.start.write(out, "DTSTART");
    if let Some(end) = &times.end {
        end.write(out, "DTEND");
    }
    out.property("SUMMARY", &escape_text(event.summary));
    if let Some(description) = event.description {
        out.property("DESCRIPTION", &escape_text(description));
    }
    if let Some(location) = event.location {
        out.property("LOCATION", &escape_text(location));
    }
    if let Some(conference) = &event.conference {
        let mut name = String::from("CONFERENCE;VALUE=URI;FEATURE=VIDEO");
        if let Some(label) = conference.label {
            let _ = write!(name, ";LABEL={}", param_value(label));
        }
        out.property(&name, &uri(conference.uri));
    }
    if let Some(url) = event.url {
        out.property("URL", &uri(url));
    }
    if !event.categories.is_empty() {
        let list: Vec<String> = event.categories.iter().map(|c| escape_text(c)).collect();
        out.property("CATEGORIES", &list.join(","));
    }
    out.property(
        "STATUS",
        if event.cancelled {
            "CANCELLED"
        } else {
            "CONFIRMED"
        },
    );
    out.line("END:VEVENT");
}

/// The document being written, one folded content line at a time.
#[derive(Default)]
struct Lines {
    text: String,
}

impl Lines {
    /// A property: its name (with any parameters) and its value, already escaped.
    fn property(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{value}"));
    }

    /// Appends a content line, folded after at most 75 octets (a continuation's leading space
    /// included) without splitting a UTF-8 character, and ended with CRLF.
    fn line(&mut self, content: &str) {
        const MAX: usize = 75;
        let mut used = 0;
        for ch in content.chars() {
            if used + ch.len_utf8() > MAX {
                self.text.push_str("\r\n ");
                used = 1;
            }
            self.text.push(ch);
            used += ch.len_utf8();
        }
        self.text.push_str("\r\n");
    }
}

/// Escapes a TEXT value (RFC 5545, 3.3.11): `\`, `;`, `,` and line breaks (CRLF, LF or CR,
/// each written `\n`); other control characters except tab are dropped.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Encodes a parameter value (RFC 6868) and quotes it when it holds `:`, `;` or `,`
/// (RFC 5545, 3.2).
fn param_value(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '^' => encoded.push_str("^^"),
            '"' => encoded.push_str("^'"),
            '\n' => encoded.push_str("^n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                encoded.push_str("^n");
            }
            '\t' => encoded.push('\t'),
            c if c.is_control() => {}
            c => encoded.push(c),
        }
    }
    if encoded.contains([':', ';', ',']) {
        format!("\"{encoded}\"")
    } else {
        encoded
    }
}

/// A URI as written: spaces and control characters percent-encoded, the rest as given.
fn uri(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for ch in value.chars() {
        if ch.is_control() || ch.is_whitespace() {
            let mut buf = [0; 4];
            for byte in ch.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{byte:02X}");
            }
        } else {
            out.push(ch);
        }
    }
    out
}

/// A local date and time, `YYYYMMDDTHHMMSS`.
fn date_time(dt: DateTime) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second()
    )
}

/// An instant in UTC, `YYYYMMDDTHHMMSSZ`.
fn utc(instant: Timestamp) -> String {
    format!(
        "{}Z",
        date_time(Offset::UTC.to_datetime(whole_seconds(instant)))
    )
}

/// An offset from UTC, `±hhmm`, or `±hhmmss` when it has seconds; zero is `+0000`.
fn utc_offset(offset: Offset) -> String {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let seconds = seconds.unsigned_abs();
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if seconds == 0 {
        format!("{sign}{hours:02}{minutes:02}")
    } else {
        format!("{sign}{hours:02}{minutes:02}{seconds:02}")
    }
}

/// The instant without its fraction of a second (toward the earlier second).
fn whole_seconds(instant: Timestamp) -> Timestamp {
    let nanos = instant.subsec_nanosecond();
    if nanos == 0 {
        return instant;
    }
    let mut second = instant.as_second();
    if nanos < 0 {
        second -= 1;
    }
    Timestamp::from_second(second).unwrap_or(instant)
}

#[cfg(test)]
mod tests;
