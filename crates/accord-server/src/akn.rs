//! Akoma Ntoso 3.0 (OASIS LegalDocML) export: one XML file per language of a document, a
//! session's package, minutes or a delegation's amendment. Pure: strings in, a string out.
//!
//! Each call writes one Expression (one language); [`to_xml_all`] writes every language of a
//! Work and checks that exactly one is authentic. The output is valid against the OASIS schema
//! (`shared/conformance/akn/akomantoso30.xsd`, checked by the tests with xmllint); what the
//! schema leaves open, the IRIs and language codes, is checked here ([`check_iri`]).
//!
//! The Work IRI is `/akn/<jurisdiction>/<doctype>/<name>/<actor>/<date>/<number>`, where the
//! doctype is the document element ([`AknKind::element`]) and `<name>` is the document's
//! `@name`, also written as `FRBRsubtype`. The Expression IRI adds `/<lang3>@<date>`, the
//! Manifestation IRI `/!main.xml`. `identification/@source` and every `FRBRauthor` point to a
//! `TLCOrganization` in `references`: the organisation (the source, and author of the
//! Manifestation) and the author body, `#<actor>`.

mod body;
mod iri;
#[cfg(test)]
mod tests;
mod xml;

pub use iri::{AknIri, check_iri, language_code, parse_iri};

use body::body;
use xml::{Node, date, el, render, tlc, value};

/// The Akoma Ntoso 3.0 namespace.
pub const NAMESPACE: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

/// Which Akoma Ntoso document type a document is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AknKind {
    /// `statement`: declarations, statements and decisions.
    Statement,
    /// `doc`: plans, strategies, reports, protocols, regulations, joint statements.
    Doc,
    /// `act`: agreements.
    Act,
    /// `documentCollection`: a session's package of documents.
    DocumentCollection,
    /// `debate`: minutes.
    Debate,
    /// `amendment`: a delegation's amendment to a document.
    Amendment,
}

impl AknKind {
    /// The document element's name, which is also the IRI's `<doctype>`.
    pub fn element(self) -> &'static str {
        match self {
            AknKind::Statement => "statement",
            AknKind::Doc => "doc",
            AknKind::Act => "act",
            AknKind::DocumentCollection => "documentCollection",
            AknKind::Debate => "debate",
            AknKind::Amendment => "amendment",
        }
    }

    /// What the Work's `FRBRdate` records.
    fn work_date_name(self) -> &'static str {
        match self {
            AknKind::Statement | AknKind::Doc => "adoption",
            AknKind::Act => "signature",
            AknKind::DocumentCollection | AknKind::Debate => "session",
            AknKind::Amendment => "submission",
        }
    }
}

/// The Work: what every language of a document shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AknWork {
    /// The document type.
    pub kind: AknKind,
    /// `@name` of the document element, also `FRBRsubtype` and the IRI's `<subtype>`:
    /// `statement`, `decision`, `plan`, `agreement`, `package`, `minutes`, `amendment`, …
    /// (a-z first, then letters, digits and hyphens).
    pub name: String,
    /// The organisation's short name, lowercased (`csto`).
    pub jurisdiction: String,
    /// The author body as `<org>-<body>` (`csto-cfm`), `<org>` being the jurisdiction.
    pub actor: String,
    /// The Work's date, `YYYY-MM-DD`: adoption, signature, session or submission.
    pub date: String,
    /// The number; a draft without a final one has a [`temporary_number`].
    pub number: String,
    /// The temporary number a numbered document had as a draft, kept as an `FRBRalias`.
    pub temporary_number: Option<String>,
    /// The `FRBRcountry` value (for an organisation, its short name).
    pub country: String,
    /// The author body's ontology IRI; by default `/akn/ontology/organization/<jurisdiction>/<actor>`.
    pub author_href: Option<String>,
}

/// One language of a Work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AknExpression {
    /// The BCP 47 language tag (`ru`, `en`); written as its ISO 639-2/B code.
    pub lang: String,
    /// Whether this is the authentic text (`FRBRauthoritative`).
    pub authentic: bool,
    /// The version date, `YYYY-MM-DD`.
    pub date: String,
    /// The title, written in the preface as `docTitle`.
    pub title: String,
    /// The organisation's name in this language (the source `TLCOrganization`'s `showAs`).
    pub organisation: String,
    /// The author body's name in this language (its `TLCOrganization`'s `showAs`).
    pub author: String,
    /// The content, which must fit the Work's kind.
    pub body: AknBody,
}

/// The content of an Expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AknBody {
    /// For a statement, doc or act: an optional preamble and numbered paragraphs.
    Text {
        /// Unnumbered paragraphs before the body (`preamble`); may be empty.
        preamble: Vec<String>,
        /// The numbered paragraphs, at least one.
        paragraphs: Vec<String>,
    },
    /// For a document collection: its member documents, at least one.
    Collection(Vec<AknComponent>),
    /// For a debate: the minutes' numbered paragraphs and the speeches; not both empty.
    Debate {
        /// The record of the proceedings.
        paragraphs: Vec<String>,
        /// The speeches, in order.
        speeches: Vec<AknSpeech>,
    },
    /// For an amendment.
    Amendment(AknAmendment),
}

/// A member document of a collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AknComponent {
    /// Its title in this language.
    pub title: String,
    /// The Expression IRI of the member document in this language (or the authentic one).
    pub href: String,
}

/// A speech in the minutes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AknSpeech {
    /// The speaker's id, a-z and 0-9 in hyphen-separated parts (`arm-head`); the same id in
    /// every speech of one speaker. Becomes a `TLCPerson`'s `eId`.
    pub speaker_id: String,
    /// The speaker as the minutes name them (`from`).
    pub speaker: String,
    /// What was said, at least one paragraph.
    pub paragraphs: Vec<String>,
}

/// What an amendment does to the paragraph it points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AknOperation {
    /// Insert the new text as a paragraph after it.
    Insert,
    /// Replace it with the new text.
    Replace,
    /// Delete it.
    Delete,
}

/// A delegation's amendment to one paragraph of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AknAmendment {
    /// The Expression IRI of the amended document.
    pub target: String,
    /// The amended document's title in this language.
    pub target_title: String,
    /// The number of the paragraph the amendment points at (from 1): `para_<n>` there.
    pub paragraph: u32,
    /// Insert after, replace or delete.
    pub operation: AknOperation,
    /// The instruction in this language ("Пункт 2 изложить в следующей редакции:").
    pub instruction: String,
    /// The new text; empty exactly when deleting.
    pub text: String,
    /// The justification, if the delegation gave one.
    pub rationale: Option<String>,
}

/// One language of a Work written out by [`to_xml_all`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AknFile {
    /// The ISO 639-2/B language code.
    pub language: &'static str,
    /// The Manifestation IRI (`…/<lang3>@<date>/!main.xml`).
    pub iri: String,
    /// The document.
    pub xml: String,
}

/// Why a document could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AknError {
    /// The language tag has no ISO 639-2/B code Accord knows.
    #[error(
        "unknown language {0:?}: no ISO 639-2/B code is known for it \
         (known: ar, az, be, de, en, es, fr, hy, ka, kk, ky, mn, ru, tg, tk, uk, uz, zh)"
    )]
    UnknownLanguage(String),
    /// An IRI does not have the shape Accord writes.
    #[error("bad Akoma Ntoso IRI {iri:?}: {problem}")]
    BadIri {
        /// The IRI.
        iri: String,
        /// What is wrong with it.
        problem: String,
    },
    /// A field cannot be written as it is.
    #[error("{field} {problem}")]
    Invalid {
        /// Which field.
        field: String,
        /// What is wrong with it.
        problem: String,
    },
    /// The body does not fit the Work's kind.
    #[error("a {kind} is not written from a {body} body")]
    WrongBody {
        /// The document element.
        kind: &'static str,
        /// The body given.
        body: &'static str,
    },
}

/// The temporary number of a draft that has no final number yet: `tmp-<seq>`, from the log
/// sequence number of the draft's first entry.
pub fn temporary_number(seq: u64) -> String {
    format!("tmp-{seq}")
}

impl AknWork {
    /// The Work IRI.
    pub fn work_iri(&self) -> String {
        self.iri_numbered(&self.number)
    }

    /// The Expression IRI in language `lang` (BCP 47) at version `date`; only the language is
    /// checked here ([`check_iri`] checks the rest, as [`to_xml`] does).
    pub fn expression_iri(&self, lang: &str, date: &str) -> Result<String, AknError> {
        Ok(format!(
            "{}/{}@{date}",
            self.work_iri(),
            language_code(lang)?
        ))
    }

    /// The Manifestation IRI (the XML file) in language `lang` at version `date`.
    pub fn manifestation_iri(&self, lang: &str, date: &str) -> Result<String, AknError> {
        Ok(format!("{}/!main.xml", self.expression_iri(lang, date)?))
    }

    fn iri_numbered(&self, number: &str) -> String {
        format!(
            "/akn/{}/{}/{}/{}/{}/{number}",
            self.jurisdiction,
            self.kind.element(),
            self.name,
            self.actor,
            self.date
        )
    }
}

/// Writes every language of a Work, checking that exactly one is authentic and that no
/// language comes twice.
pub fn to_xml_all(work: &AknWork, expressions: &[AknExpression]) -> Result<Vec<AknFile>, AknError> {
    let authentic = expressions.iter().filter(|e| e.authentic).count();
    if authentic != 1 {
        return Err(invalid(
            "the expressions",
            format!("must include exactly one authentic text, not {authentic}"),
        ));
    }
    let mut files: Vec<AknFile> = Vec::with_capacity(expressions.len());
    for expression in expressions {
        let language = language_code(&expression.lang)?;
        if files.iter().any(|f| f.language == language) {
            return Err(invalid(
                "the expressions",
                format!("include two texts in {language}"),
            ));
        }
        files.push(AknFile {
            language,
            iri: work.manifestation_iri(&expression.lang, &expression.date)?,
            xml: to_xml(work, expression)?,
        });
    }
    Ok(files)
}

/// Writes one language of a Work as an Akoma Ntoso 3.0 document (UTF-8, with an XML
/// declaration, no DTD).
pub fn to_xml(work: &AknWork, expression: &AknExpression) -> Result<String, AknError> {
    let lang3 = language_code(&expression.lang)?;
    let work_iri = work.work_iri();
    check_iri(&work_iri)?;
    let expression_iri = format!("{work_iri}/{lang3}@{}", expression.date);
    check_iri(&expression_iri)?;
    let alias = match &work.temporary_number {
        Some(number) => {
            let alias = work.iri_numbered(number);
            check_iri(&alias)?;
            Some(alias)
        }
        None => None,
    };
    for (field, value) in [
        ("the country", work.country.as_str()),
        ("the title", expression.title.as_str()),
        ("the organisation", expression.organisation.as_str()),
        ("the author", expression.author.as_str()),
    ] {
        required(field, value)?;
    }
    if let Some(href) = &work.author_href {
        required("the author's href", href)?;
    }
    let iris = Iris {
        work: work_iri,
        alias,
        expression: expression_iri,
        lang3,
    };
    let (body, analysis) = body(work, expression)?;
    let mut document = el(work.kind.element())
        .attr("name", &work.name)
        .child(meta(work, expression, &iris, analysis)?)
        .child(el("preface").child(el("p").child(el("docTitle").text(&expression.title))));
    if let AknBody::Text { preamble, .. } = &expression.body
        && !preamble.is_empty()
    {
        let mut node = el("preamble");
        for (i, text) in preamble.iter().enumerate() {
            required(&format!("preamble paragraph {}", i + 1), text)?;
            node = node.child(el("p").text(text));
        }
        document = document.child(node);
    }
    let root = el("akomaNtoso")
        .attr("xmlns", NAMESPACE)
        .child(document.child(body));
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    render(&root, 0, false, &mut out)?;
    out.push('\n');
    Ok(out)
}

/// The IRIs a document states about itself.
struct Iris {
    work: String,
    alias: Option<String>,
    expression: String,
    lang3: &'static str,
}

fn meta(
    work: &AknWork,
    expression: &AknExpression,
    iris: &Iris,
    analysis: Option<Node>,
) -> Result<Node, AknError> {
    let source = format!("#{}", work.jurisdiction);
    let author = format!("#{}", work.actor);
    let manifestation = format!("{}/!main.xml", iris.expression);
    let mut frbr_work = el("FRBRWork")
        .child(value("FRBRthis", &format!("{}/!main", iris.work)))
        .child(value("FRBRuri", &iris.work));
    if let Some(alias) = &iris.alias {
        frbr_work = frbr_work.child(value("FRBRalias", alias).attr("name", "temporary"));
    }
    let frbr_work = frbr_work
        .child(date("FRBRdate", &work.date, work.kind.work_date_name()))
        .child(el("FRBRauthor").attr("href", &author))
        .child(value("FRBRcountry", &work.country))
        .child(value("FRBRsubtype", &work.name))
        .child(value("FRBRnumber", &work.number));
    let frbr_expression = el("FRBRExpression")
        .child(value("FRBRthis", &format!("{}/!main", iris.expression)))
        .child(value("FRBRuri", &iris.expression))
        .child(date("FRBRdate", &expression.date, "version"))
        .child(el("FRBRauthor").attr("href", &author))
        .child(value(
            "FRBRauthoritative",
            if expression.authentic {
                "true"
            } else {
                "false"
            },
        ))
        .child(el("FRBRlanguage").attr("language", iris.lang3));
    let frbr_manifestation = el("FRBRManifestation")
        .child(value("FRBRthis", &manifestation))
        .child(value("FRBRuri", &manifestation))
        .child(date("FRBRdate", &expression.date, "generation"))
        .child(el("FRBRauthor").attr("href", &source))
        .child(value("FRBRformat", "xml"));
    let mut meta = el("meta").child(
        el("identification")
            .attr("source", &source)
            .child(frbr_work)
            .child(frbr_expression)
            .child(frbr_manifestation),
    );
    if let Some(analysis) = analysis {
        meta = meta.child(analysis.attr("source", &source));
    }
    let author_href = work.author_href.clone().unwrap_or_else(|| {
        format!(
            "/akn/ontology/organization/{}/{}",
            work.jurisdiction, work.actor
        )
    });
    let mut references = el("references")
        .attr("source", &source)
        .child(tlc(
            "TLCOrganization",
            &work.jurisdiction,
            &format!("/akn/ontology/organization/{}", work.jurisdiction),
            &expression.organisation,
        ))
        .child(tlc(
            "TLCOrganization",
            &work.actor,
            &author_href,
            &expression.author,
        ));
    if let AknBody::Debate { speeches, .. } = &expression.body {
        let mut seen: Vec<&str> = Vec::new();
        for speech in speeches {
            let id = speech.speaker_id.as_str();
            if seen.contains(&id) {
                continue;
            }
            if id == work.jurisdiction || id == work.actor {
                return Err(invalid(
                    format!("the speaker id {id:?}"),
                    "is already the id of the organisation or the author",
                ));
            }
            seen.push(id);
            let href = format!("/akn/ontology/person/{}/{id}", work.jurisdiction);
            references = references.child(tlc("TLCPerson", id, &href, &speech.speaker));
        }
    }
    Ok(meta.child(references))
}

fn invalid(field: impl Into<String>, problem: impl Into<String>) -> AknError {
    AknError::Invalid {
        field: field.into(),
        problem: problem.into(),
    }
}

fn required(field: &str, value: &str) -> Result<(), AknError> {
    if value.trim().is_empty() {
        Err(invalid(field, "is empty"))
    } else {
        Ok(())
    }
}
