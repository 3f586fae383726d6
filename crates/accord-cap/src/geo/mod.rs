//! Geometry of CAP areas: points, polygons (closed, simple rings) and circles.

mod simple;
mod treap;

#[cfg(test)]
mod tests;

use std::fmt;

use crate::diag::Code;

/// A WGS 84 point, in decimal degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Latitude, -90 to 90.
    pub lat: f64,
    /// Longitude, -180 to 180.
    pub lon: f64,
}

impl Point {
    fn in_range(self) -> bool {
        (-90.0..=90.0).contains(&self.lat) && (-180.0..=180.0).contains(&self.lon)
    }

    /// Parses `lat,lon`; both numbers must be plain decimals.
    fn parse(text: &str) -> Option<Point> {
        let (lat, lon) = text.split_once(',')?;
        Some(Point {
            lat: parse_decimal(lat)?,
            lon: parse_decimal(lon)?,
        })
    }

    /// Nano-degree grid coordinates `(lon, lat)`: exact integers for the geometry.
    fn grid(self) -> simple::P {
        (to_nano(self.lon), to_nano(self.lat))
    }
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "the value is a checked coordinate, at most 180e9 in magnitude"
)]
fn to_nano(degrees: f64) -> i64 {
    (degrees * 1e9).round() as i64
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{},{}", self.lat, self.lon)
    }
}

/// Parses an `xs:decimal`: optional sign, digits, optional fraction; no exponent, no
/// infinity, no NaN.
///
/// One pass checks the syntax and gathers the digits; when they fit the fast path of
/// Clinger's algorithm (at most 2^53 as an integer, at most 22 fraction digits), one
/// correctly rounded division by an exact power of ten gives the same `f64` as the standard
/// parser, which is used otherwise.
pub(crate) fn parse_decimal(text: &str) -> Option<f64> {
    /// The powers of ten that `f64` holds exactly.
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..).unwrap_or("")),
        Some(b'+') => (false, text.get(1..).unwrap_or("")),
        _ => (false, text),
    };
    let mut mantissa: u64 = 0;
    let (mut count, mut frac, mut dot) = (0usize, 0usize, false);
    for b in digits.bytes() {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
                count += 1;
                frac += usize::from(dot);
            }
            b'.' if !dot => dot = true,
            _ => return None,
        }
    }
    if count == 0 {
        return None;
    }
    if count <= 15 && frac < POW10.len() {
        // At most 15 digits: below 2^53, so exact as an f64.
        #[expect(
            clippy::cast_precision_loss,
            reason = "a mantissa of at most 15 decimal digits is exact in an f64"
        )]
        let m = mantissa as f64;
        let v = m / POW10[frac];
        return Some(if negative { -v } else { v });
    }
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Why a polygon or circle was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct GeoError {
    /// [`Code::InvalidPolygon`], [`Code::PolygonSelfIntersection`] or [`Code::InvalidCircle`].
    pub code: Code,
    /// What is wrong, naming the offending points.
    pub message: String,
}

fn polygon_error(message: String) -> GeoError {
    GeoError {
        code: Code::InvalidPolygon,
        message,
    }
}

/// A `<polygon>`: a closed ring of at least 4 points (first equal to last) whose edges do
/// not cross or touch each other, except adjacent edges at their common point.
#[derive(Debug, Clone, PartialEq)]
pub struct Polygon(Vec<Point>);

impl Polygon {
    /// Parses `lat,lon lat,lon ...` and checks it.
    pub fn parse(text: &str) -> Result<Polygon, GeoError> {
        Self::parse_counted(text, 0)
    }

    /// [`Polygon::parse`], with room made for `count` points (the reader has counted them
    /// within its limit).
    pub(crate) fn parse_counted(text: &str, count: usize) -> Result<Polygon, GeoError> {
        let mut points = Vec::with_capacity(count);
        for pair in text.split_ascii_whitespace() {
            match Point::parse(pair) {
                Some(p) => points.push(p),
                None => {
                    return Err(polygon_error(format!(
                        "'{pair}' is not a lat,lon pair of decimal numbers"
                    )));
                }
            }
        }
        Polygon::new(points)
    }

    /// Checks a ring of points: at least 4, in range, closed, not degenerate, simple.
    pub fn new(points: Vec<Point>) -> Result<Polygon, GeoError> {
        if points.len() < 4 {
            return Err(polygon_error(format!(
                "a polygon needs at least 4 points (the first repeated at the end); this one has {}",
                points.len()
            )));
        }
        if let Some(p) = points.iter().find(|p| !p.in_range()) {
            return Err(polygon_error(format!(
                "point {p} is outside WGS 84 ranges (latitude -90 to 90, longitude -180 to 180)"
            )));
        }
        let (first, last) = (points[0], points[points.len() - 1]);
        if first != last {
            return Err(polygon_error(format!(
                "the polygon is not closed: it starts at {first} but ends at {last}"
            )));
        }
        // The ring's corners: drop the closing point and repeated consecutive points.
        let mut ring: Vec<simple::P> = Vec::with_capacity(points.len());
        let mut origin: Vec<usize> = Vec::with_capacity(points.len());
        for (i, p) in points[..points.len() - 1].iter().enumerate() {
            let g = p.grid();
            if ring.last() != Some(&g) {
                ring.push(g);
                origin.push(i);
            }
        }
        while ring.len() > 1 && ring.first() == ring.last() {
            ring.pop();
            origin.pop();
        }
        if ring.len() < 3 {
            return Err(polygon_error(
                "the polygon has fewer than 3 distinct corners: it encloses no area".to_owned(),
            ));
        }
        if let Some((i, j)) = simple::find_conflict(&ring) {
            let corner = |k: usize| points[origin[k % ring.len()]];
            let edge = |k: usize| format!("{} to {}", corner(k), corner(k + 1));
            return Err(GeoError {
                code: Code::PolygonSelfIntersection,
                message: format!(
                    "the polygon's edges cross or touch: the edge from {} meets the edge from {}",
                    edge(i),
                    edge(j)
                ),
            });
        }
        Ok(Polygon(points))
    }

    /// The points, the first repeated at the end.
    pub fn points(&self) -> &[Point] {
        &self.0
    }
}

impl fmt::Display for Polygon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

/// A `<circle>`: a centre point and a radius in kilometres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Circle {
    center: Point,
    radius_km: f64,
}

impl Circle {
    /// Checks a circle: centre in range, radius a non-negative number.
    pub fn new(center: Point, radius_km: f64) -> Result<Circle, GeoError> {
        let fail = |message| GeoError {
            code: Code::InvalidCircle,
            message,
        };
        if !center.in_range() {
            return Err(fail(format!(
                "the circle's centre {center} is outside WGS 84 ranges"
            )));
        }
        if !(radius_km.is_finite() && radius_km >= 0.0) {
            return Err(fail(format!(
                "the circle's radius {radius_km} is not a non-negative number of kilometres"
            )));
        }
        Ok(Circle { center, radius_km })
    }

    /// Parses `lat,lon radius`.
    pub fn parse(text: &str) -> Result<Circle, GeoError> {
        let mut parts = text.split_ascii_whitespace();
        let parsed = match (parts.next(), parts.next(), parts.next()) {
            (Some(c), Some(r), None) => Point::parse(c).zip(parse_decimal(r)),
            _ => None,
        };
        match parsed {
            Some((center, radius)) => Circle::new(center, radius),
            None => Err(GeoError {
                code: Code::InvalidCircle,
                message: format!("'{text}' is not a circle written as 'lat,lon radius'"),
            }),
        }
    }

    /// The centre.
    pub fn center(&self) -> Point {
        self.center
    }

    /// The radius in kilometres.
    pub fn radius_km(&self) -> f64 {
        self.radius_km
    }
}

impl fmt::Display for Circle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.center, self.radius_km)
    }
}
