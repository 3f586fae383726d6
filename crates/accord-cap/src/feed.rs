//! Atom (RFC 4287) and RSS 2.0 feeds of CAP alerts. An entry either embeds the alert (as
//! XML, or as escaped text) or links to it; linked alerts are returned as links for the
//! caller to fetch (this crate does no I/O). A bad entry is reported with its reason and
//! skipped; the others are taken.

use crate::diag::Diagnostic;
use crate::error::ParseError;
use crate::limits::Limits;
use crate::model::Alert;
use crate::xml::{Cursor, Ns, Tag, prescan};

/// Which syndication format a feed is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedKind {
    /// Atom (`<feed xmlns="http://www.w3.org/2005/Atom">`).
    Atom,
    /// RSS 2.0 (`<rss><channel><item>`).
    Rss,
}

/// A usable entry of a feed.
#[derive(Debug, Clone, PartialEq)]
pub enum FeedEntry {
    /// The entry carries the alert itself; it is valid (warnings may remain).
    Embedded {
        /// The entry's `id` (Atom) or `guid` (RSS).
        id: Option<String>,
        /// The alert.
        alert: Box<Alert>,
        /// Warnings about the alert.
        warnings: Vec<Diagnostic>,
        /// The alert as the feed writes it: the `<alert>` element from its `<` to its end tag
        /// (its namespace may be declared further up the feed), or the escaped document's text.
        xml: String,
    },
    /// The entry links to the alert, for the caller to fetch and [`parse`](crate::parse).
    Linked {
        /// The entry's `id` (Atom) or `guid` (RSS).
        id: Option<String>,
        /// The link, as written in the feed.
        href: String,
    },
}

/// At most this many problems are kept per skipped entry (the first ones).
pub const MAX_ENTRY_DIAGNOSTICS: usize = 20;

/// An entry that was skipped, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct SkippedEntry {
    /// Position of the entry in the feed, from 1.
    pub position: usize,
    /// The entry's `id` or `guid`, if it had one.
    pub id: Option<String>,
    /// Why it was skipped.
    pub reason: String,
    /// The embedded alert's problems, when that was the reason (at most
    /// [`MAX_ENTRY_DIAGNOSTICS`], the first ones).
    pub diagnostics: Vec<Diagnostic>,
    /// The embedded alert as the feed writes it, when that was the reason (as in
    /// [`FeedEntry::Embedded`]).
    pub xml: Option<String>,
}

/// A feed: the entries taken and the entries skipped.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    /// Atom or RSS.
    pub kind: FeedKind,
    /// Entries taken, in feed order.
    pub entries: Vec<FeedEntry>,
    /// Entries skipped, with reasons.
    pub skipped: Vec<SkippedEntry>,
}

/// Reads a feed with the default [`Limits`].
pub fn parse_feed(input: &[u8]) -> Result<Feed, ParseError> {
    parse_feed_with(input, &Limits::DEFAULT)
}

/// Reads a feed within `limits` (which apply to the whole feed and to each alert in it).
/// Fails only when the feed itself cannot be read; bad entries are skipped.
pub fn parse_feed_with(input: &[u8], limits: &Limits) -> Result<Feed, ParseError> {
    let text = prescan(input, limits)?;
    let mut cur = Cursor::new(text, limits);
    let root = cur.root()?;
    let mut reader = FeedReader {
        cur,
        entries: Vec::new(),
        skipped: Vec::new(),
        position: 0,
    };
    let kind = match (root.ns, root.local) {
        (Ns::Atom, "feed") => {
            reader.children(&root, |r, tag| {
                if tag.ns == Ns::Atom && tag.local == "entry" {
                    r.entry(&tag, FeedKind::Atom)
                } else {
                    r.cur.skip(&tag)
                }
            })?;
            FeedKind::Atom
        }
        (Ns::None, "rss") => {
            reader.children(&root, |r, tag| {
                if tag.ns == Ns::None && tag.local == "channel" {
                    r.children(&tag, |r, tag| {
                        if tag.ns == Ns::None && tag.local == "item" {
                            r.entry(&tag, FeedKind::Rss)
                        } else {
                            r.cur.skip(&tag)
                        }
                    })
                } else {
                    r.cur.skip(&tag)
                }
            })?;
            FeedKind::Rss
        }
        _ => {
            return Err(ParseError::Malformed {
                offset: 0,
                message: format!(
                    "<{}> is not an Atom <feed> or an RSS <rss> root",
                    root.qname
                ),
            });
        }
    };
    reader.cur.finish()?;
    Ok(Feed {
        kind,
        entries: reader.entries,
        skipped: reader.skipped,
    })
}

struct FeedReader<'a> {
    cur: Cursor<'a>,
    entries: Vec<FeedEntry>,
    skipped: Vec<SkippedEntry>,
    position: usize,
}

/// An embedded alert as written, and the alert with its warnings or its problems.
type Embedded = (String, Result<(Alert, Vec<Diagnostic>), Vec<Diagnostic>>);

/// What an entry offers.
#[derive(Default)]
struct Offer {
    id: Option<String>,
    embedded: Option<Embedded>,
    cap_link: Option<String>,
    other_link: Option<String>,
}

fn is_cap_type(t: &str) -> bool {
    let t = t.to_ascii_lowercase();
    t.contains("cap") && t.contains("xml")
}

impl<'a> FeedReader<'a> {
    fn children(
        &mut self,
        parent: &Tag<'a>,
        mut f: impl FnMut(&mut Self, Tag<'a>) -> Result<(), ParseError>,
    ) -> Result<(), ParseError> {
        if parent.empty {
            return Ok(());
        }
        while let Some(tag) = self.cur.next_child()? {
            f(self, tag)?;
        }
        self.cur.diags.clear();
        Ok(())
    }

    fn entry(&mut self, tag: &Tag<'a>, kind: FeedKind) -> Result<(), ParseError> {
        self.position += 1;
        if self.position > self.cur.limits.max_feed_entries {
            return Err(ParseError::LimitExceeded {
                what: "feed entries",
                limit: self.cur.limits.max_feed_entries,
            });
        }
        let mut offer = Offer::default();
        self.children(tag, |r, child| r.entry_child(&child, kind, &mut offer))?;
        let Offer {
            id,
            embedded,
            cap_link,
            other_link,
        } = offer;
        let position = self.position;
        match (embedded, cap_link.or(other_link)) {
            (Some((xml, Ok((alert, warnings)))), _) => {
                self.entries.push(FeedEntry::Embedded {
                    id,
                    alert: Box::new(alert),
                    warnings,
                    xml,
                });
            }
            (Some((xml, Err(mut diagnostics))), _) => {
                let first = diagnostics
                    .iter()
                    .find(|d| d.is_error())
                    .map(ToString::to_string);
                let reason = format!(
                    "the embedded alert is not valid CAP 1.2: {}",
                    first.unwrap_or_else(|| "unknown problem".to_owned())
                );
                diagnostics.truncate(MAX_ENTRY_DIAGNOSTICS);
                self.skipped.push(SkippedEntry {
                    position,
                    id,
                    reason,
                    diagnostics,
                    xml: Some(xml),
                });
            }
            (None, Some(href)) if !href.trim().is_empty() => {
                self.entries.push(FeedEntry::Linked {
                    id,
                    href: href.trim().to_owned(),
                });
            }
            (None, _) => self.skipped.push(SkippedEntry {
                position,
                id,
                reason: "the entry neither embeds a CAP alert nor links to one".to_owned(),
                diagnostics: Vec::new(),
                xml: None,
            }),
        }
        Ok(())
    }

    fn entry_child(
        &mut self,
        tag: &Tag<'a>,
        kind: FeedKind,
        offer: &mut Offer,
    ) -> Result<(), ParseError> {
        let atom = kind == FeedKind::Atom;
        match (tag.ns, tag.local) {
            (Ns::Cap, "alert") => offer.embedded = Some(self.embedded_alert(tag)?),
            (Ns::Atom, "id") | (Ns::None, "guid") if offer.id.is_none() => {
                offer.id = Some(self.cur.text(tag)?.trim().to_owned());
            }
            (Ns::Atom, "link") => {
                let href = tag.attr("href").map(|h| h.into_owned());
                let rel = tag.attr("rel");
                if tag.attr("type").is_some_and(|t| is_cap_type(&t)) {
                    offer.cap_link = offer.cap_link.take().or(href);
                } else if rel.is_none_or(|r| r == "alternate") {
                    offer.other_link = offer.other_link.take().or(href);
                }
                self.cur.skip(tag)?;
            }
            (Ns::Atom, "content") => {
                if let Some(src) = tag.attr("src") {
                    offer.cap_link = Some(src.into_owned());
                    self.cur.skip(tag)?;
                } else if tag
                    .attr("type")
                    .is_some_and(|t| t == "xml" || t.ends_with("xml"))
                {
                    self.children(tag, |r, child| {
                        if child.ns == Ns::Cap && child.local == "alert" {
                            offer.embedded = Some(r.embedded_alert(&child)?);
                            Ok(())
                        } else {
                            r.cur.skip(&child)
                        }
                    })?;
                } else {
                    self.escaped_alert(tag, offer)?;
                }
            }
            (Ns::None, "link") if !atom => {
                offer.other_link = Some(self.cur.text(tag)?.trim().to_owned());
            }
            (Ns::None, "enclosure") if !atom => {
                if tag.attr("type").is_some_and(|t| is_cap_type(&t)) {
                    offer.cap_link = tag.attr("url").map(|u| u.into_owned());
                }
                self.cur.skip(tag)?;
            }
            (Ns::None, "description") if !atom => self.escaped_alert(tag, offer)?,
            _ => self.cur.skip(tag)?,
        }
        Ok(())
    }

    /// An alert element inside the feed, read in place.
    fn embedded_alert(&mut self, tag: &Tag<'a>) -> Result<Embedded, ParseError> {
        self.cur.diags.clear();
        let alert = crate::read::read_alert(&mut self.cur, tag)?;
        let diagnostics = std::mem::take(&mut self.cur.diags);
        let xml = self
            .cur
            .input()
            .get(tag.start..self.cur.offset())
            .unwrap_or_default()
            .to_owned();
        Ok((
            xml,
            match alert {
                Some(a) if !diagnostics.iter().any(Diagnostic::is_error) => Ok((a, diagnostics)),
                _ => Err(diagnostics),
            },
        ))
    }

    /// Text content that may be an escaped CAP document.
    fn escaped_alert(&mut self, tag: &Tag<'a>, offer: &mut Offer) -> Result<(), ParseError> {
        let text = self.cur.text(tag)?;
        let trimmed = text.trim_start();
        if trimmed.starts_with('<') && trimmed.contains(crate::xml::CAP_NS) {
            let v = crate::validate_with(trimmed.as_bytes(), self.cur.limits);
            offer.embedded = Some((
                trimmed.to_owned(),
                match v.alert {
                    Some(a) => Ok((a, v.diagnostics)),
                    None => Err(v.diagnostics),
                },
            ));
        }
        Ok(())
    }
}
