//! Reads `<area>` (description, polygons, circles, geocodes, altitude, ceiling) and
//! `<resource>`.

use super::{
    Child, Slot, each_child, free_text, many, named_value, one, opt, report, trimmed, value,
};
use crate::diag::{Code, Severity};
use crate::error::ParseError;
use crate::geo::{Circle, GeoError, Polygon, parse_decimal};
use crate::model::values::{DerefUri, MimeType, Sha1Digest};
use crate::model::{Area, Resource};
use crate::rules;
use crate::xml::{Cursor, Tag};

const AREA: &[Slot] = &[
    one("areaDesc"),
    many("polygon"),
    many("circle"),
    many("geocode"),
    opt("altitude"),
    opt("ceiling"),
];

const RESOURCE: &[Slot] = &[
    one("resourceDesc"),
    one("mimeType"),
    opt("size"),
    opt("uri"),
    opt("derefUri"),
    opt("digest"),
];

fn geo<T>(cur: &mut Cursor<'_>, parsed: Result<T, GeoError>) -> Option<T> {
    match parsed {
        Ok(v) => Some(v),
        Err(e) => {
            cur.report(e.code, Severity::Error, e.message);
            None
        }
    }
}

/// Reads one `<area>` (the path is already pushed).
pub(crate) fn read_area<'a>(
    cur: &mut Cursor<'a>,
    tag: &Tag<'a>,
) -> Result<Option<Area>, ParseError> {
    let mut area_desc = None;
    let (mut polygons, mut circles, mut geocodes) = (Vec::new(), Vec::new(), Vec::new());
    let (mut altitude, mut ceiling) = (None, None);
    let mut complete = true;
    each_child(cur, tag, AREA, false, |cur, child| {
        let Child::Cap(name, tag) = child else {
            return Ok(());
        };
        match name {
            "areaDesc" => area_desc = Some(free_text(cur, &tag)?),
            "geocode" => {
                let g = named_value(cur, &tag)?;
                complete &= g.is_some();
                geocodes.extend(g);
            }
            "polygon" => {
                let text = cur.text(&tag)?;
                let points = text.split_ascii_whitespace().count();
                if points > cur.limits.max_polygon_points {
                    return Err(ParseError::LimitExceeded {
                        what: "points in one <polygon>",
                        limit: cur.limits.max_polygon_points,
                    });
                }
                let p = geo(cur, Polygon::parse_counted(&text, points));
                complete &= p.is_some();
                polygons.extend(p);
            }
            "circle" => {
                let text = cur.text(&tag)?;
                let c = geo(cur, Circle::parse(&text));
                complete &= c.is_some();
                circles.extend(c);
            }
            _ => {
                let text = cur.text(&tag)?;
                let t = trimmed(&text);
                let n = value(
                    cur,
                    Code::InvalidNumber,
                    parse_decimal(t)
                        .ok_or_else(|| format!("<{name}> '{t}' is not a decimal number of feet")),
                );
                if name == "altitude" {
                    altitude = n;
                } else {
                    ceiling = n;
                }
                complete &= n.is_some();
            }
        }
        Ok(())
    })?;
    for f in rules::area_rules(altitude, ceiling) {
        report(cur, f);
    }
    Ok(area_desc.filter(|_| complete).map(|area_desc| Area {
        area_desc,
        polygons,
        circles,
        geocodes,
        altitude,
        ceiling,
    }))
}

/// Reads one `<resource>` (the path is already pushed).
pub(crate) fn read_resource<'a>(
    cur: &mut Cursor<'a>,
    tag: &Tag<'a>,
) -> Result<Option<Resource>, ParseError> {
    let (mut desc, mut mime, mut size, mut uri, mut deref, mut digest) =
        (None, None, None, None, None, None);
    let mut complete = true;
    each_child(cur, tag, RESOURCE, false, |cur, child| {
        let Child::Cap(name, tag) = child else {
            return Ok(());
        };
        if name == "resourceDesc" {
            desc = Some(free_text(cur, &tag)?);
            return Ok(());
        }
        let text = cur.text(&tag)?;
        let t = trimmed(&text);
        match name {
            "mimeType" => mime = value(cur, Code::InvalidMimeType, MimeType::new(t)),
            "size" => {
                size = value(
                    cur,
                    Code::InvalidNumber,
                    t.strip_prefix('+')
                        .unwrap_or(t)
                        .parse::<u64>()
                        .map_err(|_| {
                            format!("<size> '{t}' is not a whole, non-negative number of bytes")
                        }),
                );
                complete &= size.is_some();
            }
            "uri" => {
                if t.is_empty() || t.contains([' ', '\t', '\n', '\r']) {
                    cur.report(
                        Code::InvalidUri,
                        Severity::Error,
                        format!("<uri> '{t}' is not a URI"),
                    );
                    complete = false;
                } else {
                    uri = Some(t.to_owned());
                }
            }
            "derefUri" => {
                deref = value(cur, Code::InvalidDerefUri, DerefUri::new(&text));
                complete &= deref.is_some();
            }
            _ => {
                digest = value(cur, Code::InvalidDigest, Sha1Digest::new(t));
                complete &= digest.is_some();
            }
        }
        Ok(())
    })?;
    for f in rules::resource_rules(uri.as_deref(), deref.is_some()) {
        report(cur, f);
    }
    if !complete {
        return Ok(None);
    }
    Ok(desc.zip(mime).map(|(resource_desc, mime_type)| Resource {
        resource_desc,
        mime_type,
        size,
        uri,
        deref_uri: deref,
        digest,
    }))
}
