//! Tests of the iCalendar writer: the text it writes, line folding and escaping, time zones,
//! and a round trip through Python's icalendar package.

use std::collections::BTreeSet;
use std::process::Command;

use jiff::tz::{self, TimeZone};
use jiff::{Timestamp, Zoned};

use super::*;

fn zoned(text: &str) -> Zoned {
    text.parse().expect("a zoned date-time")
}

fn event<'a>(uid: &str, summary: &'a str, start: Zoned, end: Zoned) -> CalendarEvent<'a> {
    CalendarEvent {
        uid: uid.to_owned(),
        sequence: 0,
        stamp: "2024-01-15T09:30:00Z".parse().expect("a timestamp"),
        last_modified: None,
        start,
        end,
        summary,
        description: None,
        location: None,
        conference: None,
        url: None,
        cancelled: false,
        categories: Vec::new(),
    }
}

fn calendar(events: Vec<CalendarEvent<'_>>) -> Calendar<'_> {
    Calendar {
        name: "Сессии — Accord",
        prod_id: "-//Accord//Sessions//EN",
        events,
    }
}

/// The document's content lines, unfolded.
fn unfolded(text: &str) -> Vec<String> {
    text.replace("\r\n ", "")
        .split("\r\n")
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The lines of the first `VTIMEZONE` with this `TZID`, without its BEGIN and END.
fn vtimezone(lines: &[String], tzid: &str) -> Vec<String> {
    let begin = lines
        .windows(2)
        .position(|pair| pair[0] == "BEGIN:VTIMEZONE" && pair[1] == format!("TZID:{tzid}"))
        .unwrap_or_else(|| panic!("no VTIMEZONE for {tzid}"));
    lines[begin + 2..]
        .iter()
        .take_while(|line| *line != "END:VTIMEZONE")
        .cloned()
        .collect()
}

fn count(lines: &[String], wanted: &str) -> usize {
    lines.iter().filter(|line| *line == wanted).count()
}

#[test]
fn a_long_russian_line_is_folded_at_exactly_75_octets_without_splitting_characters() {
    // "SUMMARY:" and "a" are 9 octets, each Cyrillic letter 2: the first line holds
    // exactly 75 octets, the next 1 + 37 * 2 = 75 again.
    let summary = format!("a{}", "Заседание".repeat(12));
    let mut out = Lines::default();
    out.property("SUMMARY", &summary);
    let physical: Vec<&[u8]> = out
        .text
        .as_bytes()
        .split(|byte| *byte == b'\n')
        .filter(|line| !line.is_empty())
        .collect();
    assert!(physical.len() > 2, "folded into {} lines", physical.len());
    assert_eq!(physical[0].len(), 75 + 1, "75 octets and the CR");
    assert_eq!(physical[1].len(), 75 + 1);
    for (i, line) in physical.iter().enumerate() {
        let line = line.strip_suffix(b"\r").expect("each line ends with CRLF");
        assert!(line.len() <= 75, "line {i} has {} octets", line.len());
        std::str::from_utf8(line).expect("no character split between lines");
        if i > 0 {
            assert!(line.starts_with(b" ") && !line.starts_with(b"  "));
        }
    }
    assert_eq!(unfolded(&out.text), [format!("SUMMARY:{summary}")]);
}

#[test]
fn a_fold_falling_inside_a_character_moves_before_it() {
    // 8 + 33 * 2 = 74 octets: the 34th letter would end at 76, so the line ends at 74.
    let summary = "Ж".repeat(40);
    let mut out = Lines::default();
    out.property("SUMMARY", &summary);
    let first = out.text.split("\r\n").next().expect("a line");
    assert_eq!(first.len(), 74);
    assert_eq!(first, format!("SUMMARY:{}", "Ж".repeat(33)));
    // A four-octet character over octets 73 to 76 moves to the next line.
    let mut out = Lines::default();
    out.property("SUMMARY", &format!("{}🗓🗓", "x".repeat(64)));
    assert_eq!(out.text, format!("SUMMARY:{}\r\n 🗓🗓\r\n", "x".repeat(64)));
}

#[test]
fn short_lines_are_not_folded() {
    let mut out = Lines::default();
    out.line(&"x".repeat(75));
    assert_eq!(out.text, format!("{}\r\n", "x".repeat(75)));
}

#[test]
fn text_escapes_backslashes_semicolons_commas_and_line_breaks() {
    assert_eq!(
        escape_text("a\\b;c,d:e\r\nf\ng\rh\ti\u{7}j"),
        "a\\\\b\\;c\\,d:e\\nf\\ng\\nh\tij"
    );
    let mut session = event(
        "s-1@accord.test",
        "Бюджет; 2021, первое чтение",
        zoned("2020-12-01T13:00[Europe/Moscow]"),
        zoned("2020-12-01T15:00[Europe/Moscow]"),
    );
    session.description = Some("Повестка:\n1. Бюджет\\смета");
    session.categories = vec!["Совет", "a,b"];
    let lines = unfolded(&write(&calendar(vec![session])));
    assert!(lines.contains(&"SUMMARY:Бюджет\\; 2021\\, первое чтение".to_owned()));
    assert!(lines.contains(&"DESCRIPTION:Повестка:\\n1. Бюджет\\\\смета".to_owned()));
    assert!(lines.contains(&"CATEGORIES:Совет,a\\,b".to_owned()));
}

#[test]
fn parameter_values_are_quoted_and_encoded_as_rfc_6868_says() {
    assert_eq!(param_value("Europe/Moscow"), "Europe/Moscow");
    assert_eq!(param_value("Zoom: room 1"), "\"Zoom: room 1\"");
    assert_eq!(param_value("a \"b\" ^c\nd"), "a ^'b^' ^^c^nd");
}

#[test]
fn the_calendar_has_its_header_and_every_line_ends_with_crlf() {
    let text = write(&calendar(vec![event(
        "s-1@accord.test",
        "Session",
        zoned("2020-12-01T13:00[Europe/Moscow]"),
        zoned("2020-12-01T15:00[Europe/Moscow]"),
    )]));
    assert!(text.starts_with(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Accord//Sessions//EN\r\n\
         CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nNAME:Сессии — Accord\r\n\
         X-WR-CALNAME:Сессии — Accord\r\n"
    ));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    let lines = unfolded(&text);
    for wanted in [
        "UID:s-1@accord.test",
        "SEQUENCE:0",
        "DTSTAMP:20240115T093000Z",
        "DTSTART;TZID=Europe/Moscow:20201201T130000",
        "DTEND;TZID=Europe/Moscow:20201201T150000",
        "STATUS:CONFIRMED",
    ] {
        assert_eq!(count(&lines, wanted), 1, "{wanted}");
    }
}

#[test]
fn each_time_zone_used_has_one_vtimezone_before_the_events() {
    let events = vec![
        event(
            "a@accord.test",
            "A",
            zoned("2020-12-01T13:00[Europe/Moscow]"),
            zoned("2020-12-01T15:00[Europe/Moscow]"),
        ),
        event(
            "b@accord.test",
            "B",
            zoned("2024-07-10T10:00[Europe/Berlin]"),
            zoned("2024-07-10T11:00[Europe/London]"),
        ),
        event(
            "c@accord.test",
            "C",
            zoned("2021-03-01T10:00[Europe/Moscow]"),
            zoned("2021-03-01T12:00[Europe/Moscow]"),
        ),
    ];
    let lines = unfolded(&write(&calendar(events)));
    let first_event = lines
        .iter()
        .position(|line| line == "BEGIN:VEVENT")
        .expect("events");
    assert_eq!(count(&lines, "BEGIN:VTIMEZONE"), 3);
    let mut defined = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line == "BEGIN:VTIMEZONE" {
            assert!(i < first_event);
            defined.push(lines[i + 1].clone());
        }
    }
    assert_eq!(
        defined,
        [
            "TZID:Europe/Berlin",
            "TZID:Europe/London",
            "TZID:Europe/Moscow"
        ]
    );
    let used: BTreeSet<&str> = lines
        .iter()
        .filter_map(|line| line.split_once(";TZID=")?.1.split_once(':'))
        .map(|(tzid, _)| tzid)
        .collect();
    assert_eq!(
        used.into_iter().collect::<Vec<_>>(),
        ["Europe/Berlin", "Europe/London", "Europe/Moscow"]
    );
    assert!(lines.contains(&"DTEND;TZID=Europe/London:20240710T110000".to_owned()));
}

#[test]
fn moscow_since_2014_has_a_single_standard_observance() {
    let lines = unfolded(&write(&calendar(vec![event(
        "a@accord.test",
        "A",
        zoned("2020-12-01T13:00[Europe/Moscow]"),
        zoned("2023-12-01T15:00[Europe/Moscow]"),
    )])));
    assert_eq!(
        vtimezone(&lines, "Europe/Moscow"),
        [
            "BEGIN:STANDARD",
            "DTSTART:20141026T020000",
            "TZOFFSETFROM:+0400",
            "TZOFFSETTO:+0300",
            "TZNAME:MSK",
            "END:STANDARD",
        ]
    );
}

#[test]
fn a_zone_with_daylight_saving_time_has_standard_and_daylight_observances() {
    let lines = unfolded(&write(&calendar(vec![
        event(
            "summer@accord.test",
            "Summer",
            zoned("2024-07-10T10:00[Europe/Berlin]"),
            zoned("2024-07-10T12:00[Europe/Berlin]"),
        ),
        event(
            "winter@accord.test",
            "Winter",
            zoned("2024-12-10T10:00[Europe/Berlin]"),
            zoned("2024-12-10T12:00[Europe/Berlin]"),
        ),
    ])));
    assert_eq!(
        vtimezone(&lines, "Europe/Berlin"),
        [
            "BEGIN:DAYLIGHT",
            "DTSTART:20240331T020000",
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0200",
            "TZNAME:CEST",
            "END:DAYLIGHT",
            "BEGIN:STANDARD",
            "DTSTART:20241027T030000",
            "TZOFFSETFROM:+0200",
            "TZOFFSETTO:+0100",
            "TZNAME:CET",
            "END:STANDARD",
        ]
    );
    assert!(lines.contains(&"DTSTART;TZID=Europe/Berlin:20240710T100000".to_owned()));
    assert!(lines.contains(&"DTSTART;TZID=Europe/Berlin:20241210T100000".to_owned()));
}

#[test]
fn utc_has_one_standard_observance_from_1970() {
    let start = zoned("2024-05-01T09:00Z[UTC]");
    let end = start
        .checked_add(SignedDuration::from_hours(1))
        .expect("an end");
    assert_eq!(start.time_zone().iana_name(), Some("UTC"));
    let lines = unfolded(&write(&calendar(vec![event(
        "u@accord.test",
        "U",
        start,
        end,
    )])));
    assert_eq!(
        vtimezone(&lines, "UTC"),
        [
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0000",
            "TZOFFSETTO:+0000",
            "TZNAME:UTC",
            "END:STANDARD",
        ]
    );
    assert!(lines.contains(&"DTSTART;TZID=UTC:20240501T090000".to_owned()));
}

#[test]
fn a_bare_fixed_offset_is_written_in_utc_without_a_vtimezone() {
    let fixed = TimeZone::fixed(tz::offset(3));
    let start = zoned("2020-12-01T13:00[Europe/Moscow]").with_time_zone(fixed.clone());
    let end = zoned("2020-12-01T15:00[Europe/Moscow]").with_time_zone(fixed);
    let lines = unfolded(&write(&calendar(vec![event(
        "f@accord.test",
        "F",
        start,
        end,
    )])));
    assert!(lines.contains(&"DTSTART:20201201T100000Z".to_owned()));
    assert!(lines.contains(&"DTEND:20201201T120000Z".to_owned()));
    assert_eq!(count(&lines, "BEGIN:VTIMEZONE"), 0);
}

#[test]
fn the_second_occurrence_of_a_repeated_local_time_is_written_in_utc() {
    let first = zoned("2024-11-03T01:30-04:00[America/New_York]");
    let second = zoned("2024-11-03T01:30-05:00[America/New_York]");
    let lines = unfolded(&write(&calendar(vec![event(
        "n@accord.test",
        "N",
        first,
        second,
    )])));
    assert!(lines.contains(&"DTSTART;TZID=America/New_York:20241103T013000".to_owned()));
    assert!(lines.contains(&"DTEND:20241103T063000Z".to_owned()));
}

#[test]
fn fractions_of_a_second_are_dropped() {
    let start = zoned("2020-12-01T13:00:05.9[Europe/Moscow]");
    let end = zoned("2020-12-01T14:00:00[Europe/Moscow]");
    let mut session = event("a@accord.test", "A", start, end);
    session.stamp = "2024-01-15T09:30:00.999Z".parse().expect("a timestamp");
    let lines = unfolded(&write(&calendar(vec![session])));
    assert!(lines.contains(&"DTSTART;TZID=Europe/Moscow:20201201T130005".to_owned()));
    assert!(lines.contains(&"DTSTAMP:20240115T093000Z".to_owned()));
    assert_eq!(
        whole_seconds(Timestamp::new(-5, -500_000_000).expect("a timestamp")),
        Timestamp::from_second(-6).expect("a timestamp")
    );
}

#[test]
fn an_end_not_after_the_start_is_left_out() {
    let start = zoned("2020-12-01T13:00[Europe/Moscow]");
    let lines = unfolded(&write(&calendar(vec![event(
        "a@accord.test",
        "A",
        start.clone(),
        start,
    )])));
    assert!(!lines.iter().any(|line| line.starts_with("DTEND")));
}

#[test]
fn offsets_are_written_with_seconds_only_when_they_have_some() {
    assert_eq!(utc_offset(tz::offset(0)), "+0000");
    assert_eq!(utc_offset(tz::offset(-5)), "-0500");
    let kolkata = Offset::from_seconds(5 * 3600 + 30 * 60).expect("an offset");
    assert_eq!(utc_offset(kolkata), "+0530");
    let moscow_mean_time = Offset::from_seconds(2 * 3600 + 30 * 60 + 17).expect("an offset");
    assert_eq!(utc_offset(moscow_mean_time), "+023017");
    assert_eq!(utc_offset(moscow_mean_time.negate()), "-023017");
}

#[test]
fn a_cancelled_event_has_status_cancelled_and_its_sequence() {
    let mut session = event(
        "session-12@accord.test",
        "Отменено",
        zoned("2020-12-01T13:00[Europe/Moscow]"),
        zoned("2020-12-01T15:00[Europe/Moscow]"),
    );
    session.cancelled = true;
    session.sequence = 3;
    session.last_modified = Some("2024-01-15T09:00:00Z".parse().expect("a timestamp"));
    let lines = unfolded(&write(&calendar(vec![session])));
    for wanted in [
        "UID:session-12@accord.test",
        "SEQUENCE:3",
        "STATUS:CANCELLED",
        "LAST-MODIFIED:20240115T090000Z",
    ] {
        assert_eq!(count(&lines, wanted), 1, "{wanted}");
    }
    assert_eq!(count(&lines, "STATUS:CONFIRMED"), 0);
}

#[test]
fn a_conference_is_written_as_rfc_7986_says() {
    let mut session = event(
        "s@accord.test",
        "S",
        zoned("2020-12-01T13:00[Europe/Moscow]"),
        zoned("2020-12-01T15:00[Europe/Moscow]"),
    );
    session.conference = Some(Conference {
        uri: "https://meet.example/council-12?pwd=a b",
        label: Some("Видеосвязь: зал 1"),
    });
    session.url = Some("https://accord.test/sessions/12");
    let lines = unfolded(&write(&calendar(vec![session])));
    assert!(
        lines.contains(
            &"CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=\"Видеосвязь: зал 1\":\
          https://meet.example/council-12?pwd=a%20b"
                .to_owned()
        )
    );
    assert!(lines.contains(&"URL:https://accord.test/sessions/12".to_owned()));
}

/// Reads the document with Python's `icalendar` and prints what it found as JSON: each
/// event's start and end in UTC, read both as `icalendar` resolves the `TZID` and through
/// the document's own `VTIMEZONE` alone (`to_tz(lookup_tzid=False)`, dateutil's `tzical`).
const READ_WITH_ICALENDAR: &str = r#"
import json, sys
from datetime import timezone
import icalendar

with open(sys.argv[1], "rb") as f:
    cal = icalendar.Calendar.from_ical(f.read())
zones = {}
for vtz in cal.walk("VTIMEZONE"):
    zones.setdefault(str(vtz["TZID"]), []).append(vtz)
own = {tzid: found[0].to_tz(lookup_tzid=False) for tzid, found in zones.items()}

def instant(prop):
    dt = prop.dt
    tzid = prop.params.get("TZID")
    read = {"utc": dt.astimezone(timezone.utc).isoformat(), "tzid": tzid}
    if tzid is not None and tzid in own:
        mine = dt.replace(tzinfo=None).replace(tzinfo=own[tzid])
        read["via_vtimezone"] = mine.astimezone(timezone.utc).isoformat()
    return read

events = []
for ev in cal.walk("VEVENT"):
    found = {
        "uid": str(ev["UID"]),
        "summary": str(ev["SUMMARY"]),
        "sequence": int(ev["SEQUENCE"]),
        "status": str(ev["STATUS"]),
        "start": instant(ev["DTSTART"]),
        "end": instant(ev["DTEND"]),
    }
    if "DESCRIPTION" in ev:
        found["description"] = str(ev["DESCRIPTION"])
    if "CONFERENCE" in ev:
        found["conference"] = str(ev["CONFERENCE"])
        found["label"] = str(ev["CONFERENCE"].params.get("LABEL"))
    events.append(found)
print(json.dumps({
    "name": str(cal["X-WR-CALNAME"]),
    "zones": {tzid: len(found) for tzid, found in zones.items()},
    "events": events,
}, ensure_ascii=False))
"#;

#[test]
fn python_icalendar_reads_the_same_instants_time_zones_and_summaries() {
    let installed = Command::new("python3")
        .args(["-c", "import icalendar"])
        .status()
        .is_ok_and(|status| status.success());
    assert!(
        installed,
        "Python's icalendar package is missing: run `pip install icalendar` \
         (the version .ci/run pins)"
    );

    let fixed = TimeZone::fixed(tz::offset(3));
    let times = [
        (
            "2020-12-01T13:00[Europe/Moscow]",
            "2020-12-01T15:30[Europe/Moscow]",
        ),
        (
            "2024-07-10T10:00[Europe/Berlin]",
            "2024-07-10T11:00[Europe/London]",
        ),
        (
            "2024-12-10T10:00[Europe/Berlin]",
            "2024-12-10T12:00[Europe/Berlin]",
        ),
        (
            "2024-11-03T01:30-04:00[America/New_York]",
            "2024-11-03T01:30-05:00[America/New_York]",
        ),
        (
            "2024-03-10T01:30[America/New_York]",
            "2024-03-10T03:30[America/New_York]",
        ),
        (
            "2024-02-01T09:00[Asia/Kolkata]",
            "2024-02-01T10:00[Asia/Kathmandu]",
        ),
        ("2024-05-01T09:00Z[UTC]", "2024-05-01T10:00Z[UTC]"),
        (
            "1900-06-01T12:00[Europe/Moscow]",
            "1900-06-01T13:00[Europe/Moscow]",
        ),
    ];
    let summaries = [
        "Заседание Совета; бюджет, второе чтение — очень длинное название, которое переносится",
        "Council, summer session",
        "Совет: зимняя сессия",
        "Fall back, first 01:30",
        "Spring forward",
        "India to Nepal",
        "UTC",
        "Московское среднее время",
        "Fixed offset",
    ];
    let mut events: Vec<CalendarEvent<'_>> = times
        .iter()
        .zip(summaries)
        .enumerate()
        .map(|(i, ((start, end), summary))| {
            event(
                &format!("session-{i}@accord.test"),
                summary,
                zoned(start),
                zoned(end),
            )
        })
        .collect();
    events.push(event(
        "session-fixed@accord.test",
        summaries[8],
        zoned("2020-12-01T13:00[Europe/Moscow]").with_time_zone(fixed.clone()),
        zoned("2020-12-01T14:00[Europe/Moscow]").with_time_zone(fixed),
    ));
    events[0].description = Some("Повестка дня:\n1. Бюджет\\смета; 2. Разное, прочее");
    events[0].conference = Some(Conference {
        uri: "https://meet.example/council-0",
        label: Some("Видеосвязь: зал 1"),
    });
    events[2].cancelled = true;
    events[2].sequence = 2;
    let cal = calendar(events);

    let file = tempfile::Builder::new()
        .suffix(".ics")
        .tempfile()
        .expect("a temporary file");
    std::fs::write(file.path(), write(&cal)).expect("the calendar written");
    let output = Command::new("python3")
        .args(["-c", READ_WITH_ICALENDAR])
        .arg(file.path())
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "icalendar could not read the calendar: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let read: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("JSON from the script");

    assert_eq!(read["name"], cal.name);
    let zones = read["zones"].as_object().expect("zones");
    let mut tzids: Vec<&str> = zones.keys().map(String::as_str).collect();
    tzids.sort_unstable();
    assert_eq!(
        tzids,
        [
            "America/New_York",
            "Asia/Kathmandu",
            "Asia/Kolkata",
            "Europe/Berlin",
            "Europe/London",
            "Europe/Moscow",
            "UTC"
        ]
    );
    assert!(
        zones.values().all(|n| n == 1),
        "one VTIMEZONE each: {zones:?}"
    );

    let found = read["events"].as_array().expect("events");
    assert_eq!(found.len(), cal.events.len());
    for (wanted, found) in cal.events.iter().zip(found) {
        let uid = &wanted.uid;
        assert_eq!(found["uid"], *uid);
        assert_eq!(found["summary"], wanted.summary, "{uid}");
        assert_eq!(found["sequence"], wanted.sequence, "{uid}");
        let status = if wanted.cancelled {
            "CANCELLED"
        } else {
            "CONFIRMED"
        };
        assert_eq!(found["status"], status, "{uid}");
        for (key, time) in [("start", &wanted.start), ("end", &wanted.end)] {
            let read = &found[key];
            let utc = |field: &str| {
                read[field]
                    .as_str()
                    .unwrap_or_else(|| panic!("{uid} {key}: no {field} in {read}"))
                    .parse::<Timestamp>()
                    .expect("an instant")
            };
            assert_eq!(utc("utc"), time.timestamp(), "{uid} {key}");
            match read["tzid"].as_str() {
                Some(tzid) => {
                    assert!(zones.contains_key(tzid), "{uid} {key}: no VTIMEZONE {tzid}");
                    assert_eq!(utc("via_vtimezone"), time.timestamp(), "{uid} {key}");
                }
                None => assert!(
                    time.time_zone().iana_name().is_none() || *uid == "session-3@accord.test",
                    "{uid} {key} was written in UTC"
                ),
            }
        }
    }
    assert_eq!(
        found[0]["description"],
        "Повестка дня:\n1. Бюджет\\смета; 2. Разное, прочее"
    );
    assert_eq!(found[0]["conference"], "https://meet.example/council-0");
    assert_eq!(found[0]["label"], "Видеосвязь: зал 1");
}
