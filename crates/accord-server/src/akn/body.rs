//! The body of each kind of document: numbered paragraphs, a collection's components, the
//! minutes' sections and speeches, an amendment with the analysis of its modification.

use super::xml::{Node, el};
use super::{
    AknAmendment, AknBody, AknComponent, AknError, AknExpression, AknKind, AknOperation, AknSpeech,
    AknWork, invalid, parse_iri, required,
};

/// The body element, and for an amendment the `analysis` describing its modification.
pub(super) fn body(
    work: &AknWork,
    expression: &AknExpression,
) -> Result<(Node, Option<Node>), AknError> {
    let kind = work.kind;
    let wrong = |body| AknError::WrongBody {
        kind: kind.element(),
        body,
    };
    match (&expression.body, kind) {
        (AknBody::Text { paragraphs, .. }, AknKind::Statement | AknKind::Doc | AknKind::Act) => {
            let name = if kind == AknKind::Act {
                "body"
            } else {
                "mainBody"
            };
            if paragraphs.is_empty() {
                return Err(invalid("the body", "has no paragraph"));
            }
            let mut node = el(name);
            for (i, text) in paragraphs.iter().enumerate() {
                let n = i + 1;
                required(&format!("paragraph {n}"), text)?;
                node = node.child(
                    el("paragraph")
                        .attr("eId", &format!("para_{n}"))
                        .child(el("num").text(&format!("{n}.")))
                        .child(el("content").child(el("p").text(text))),
                );
            }
            Ok((node, None))
        }
        (AknBody::Collection(components), AknKind::DocumentCollection) => {
            Ok((collection(components)?, None))
        }
        (
            AknBody::Debate {
                paragraphs,
                speeches,
            },
            AknKind::Debate,
        ) => Ok((debate(paragraphs, speeches)?, None)),
        (AknBody::Amendment(amendment), AknKind::Amendment) => {
            let (body, analysis) = amendment_body(amendment)?;
            Ok((body, Some(analysis)))
        }
        (AknBody::Text { .. }, _) => Err(wrong("text")),
        (AknBody::Collection(_), _) => Err(wrong("collection")),
        (AknBody::Debate { .. }, _) => Err(wrong("debate")),
        (AknBody::Amendment(_), _) => Err(wrong("amendment")),
    }
}

fn collection(components: &[AknComponent]) -> Result<Node, AknError> {
    if components.is_empty() {
        return Err(invalid("the collection", "has no component"));
    }
    let mut node = el("collectionBody");
    for (i, component) in components.iter().enumerate() {
        let n = i + 1;
        required(&format!("the title of component {n}"), &component.title)?;
        let href = parse_iri(&component.href)?;
        if href.language.is_none() || href.component.is_some() {
            return Err(invalid(
                format!("the href of component {n}"),
                format!("{:?} is not an Expression IRI", component.href),
            ));
        }
        let id = format!("cmp_{n}");
        node = node.child(
            el("component")
                .attr("eId", &id)
                .child(el("num").text(&format!("{n}.")))
                .child(
                    el("documentRef")
                        .attr("eId", &format!("{id}__dref"))
                        .attr("href", &component.href)
                        .attr("showAs", &component.title),
                ),
        );
    }
    Ok(node)
}

fn debate(paragraphs: &[String], speeches: &[AknSpeech]) -> Result<Node, AknError> {
    if paragraphs.is_empty() && speeches.is_empty() {
        return Err(invalid(
            "the minutes",
            "have neither a paragraph nor a speech",
        ));
    }
    let mut node = el("debateBody");
    let mut sections = 0;
    if !paragraphs.is_empty() {
        sections += 1;
        let id = format!("dbsect_{sections}");
        let mut section = el("debateSection")
            .attr("name", "proceedings")
            .attr("eId", &id);
        for (i, text) in paragraphs.iter().enumerate() {
            let n = i + 1;
            required(&format!("paragraph {n} of the minutes"), text)?;
            section = section.child(
                el("blockContainer")
                    .attr("eId", &format!("{id}__blockcontainer_{n}"))
                    .child(el("num").text(&format!("{n}.")))
                    .child(el("p").text(text)),
            );
        }
        node = node.child(section);
    }
    if !speeches.is_empty() {
        sections += 1;
        let id = format!("dbsect_{sections}");
        let mut section = el("debateSection")
            .attr("name", "speeches")
            .attr("eId", &id);
        for (i, speech) in speeches.iter().enumerate() {
            let n = i + 1;
            check_speaker_id(&speech.speaker_id)?;
            required(&format!("the speaker of speech {n}"), &speech.speaker)?;
            if speech.paragraphs.is_empty() {
                return Err(invalid(format!("speech {n}"), "has no paragraph"));
            }
            let mut spoken = el("speech")
                .attr("eId", &format!("{id}__spch_{n}"))
                .attr("by", &format!("#{}", speech.speaker_id))
                .child(el("from").text(&speech.speaker));
            for (j, text) in speech.paragraphs.iter().enumerate() {
                required(&format!("paragraph {} of speech {n}", j + 1), text)?;
                spoken = spoken.child(el("p").text(text));
            }
            section = section.child(spoken);
        }
        node = node.child(section);
    }
    Ok(node)
}

fn check_speaker_id(id: &str) -> Result<(), AknError> {
    let ok = id.split('-').all(|part| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    });
    if ok {
        Ok(())
    } else {
        Err(invalid(
            format!("the speaker id {id:?}"),
            "must be a-z and 0-9 in hyphen-separated parts",
        ))
    }
}

/// `amendmentBody` (reference, content, justification) and the `analysis` recording the
/// textual modification it proposes.
fn amendment_body(amendment: &AknAmendment) -> Result<(Node, Node), AknError> {
    let target = parse_iri(&amendment.target)?;
    if target.language.is_none() || target.component.is_some() {
        return Err(invalid(
            "the amendment's target",
            format!("{:?} is not an Expression IRI", amendment.target),
        ));
    }
    required("the amended document's title", &amendment.target_title)?;
    required("the amendment's instruction", &amendment.instruction)?;
    if amendment.paragraph == 0 {
        return Err(invalid(
            "the amended paragraph",
            "is numbered from 1, not 0",
        ));
    }
    let deleting = amendment.operation == AknOperation::Delete;
    if deleting && !amendment.text.is_empty() {
        return Err(invalid(
            "the amendment's text",
            "must be empty when deleting",
        ));
    }
    if !deleting {
        required("the amendment's text", &amendment.text)?;
    }
    let mut modification = el("mod").attr("eId", "mod_1").text(&amendment.instruction);
    if !deleting {
        modification = modification.text(" ").child(
            el("quotedText")
                .attr("eId", "mod_1__qtext_1")
                .text(&amendment.text),
        );
    }
    let mut body = el("amendmentBody")
        .child(
            el("amendmentReference").child(
                el("p").child(
                    el("affectedDocument")
                        .attr("href", &amendment.target)
                        .text(&amendment.target_title),
                ),
            ),
        )
        .child(el("amendmentContent").child(el("p").child(modification)));
    if let Some(rationale) = &amendment.rationale {
        required("the amendment's rationale", rationale)?;
        body = body.child(el("amendmentJustification").child(el("p").text(rationale)));
    }
    let (kind, pos) = match amendment.operation {
        AknOperation::Insert => ("insertion", Some("after")),
        AknOperation::Replace => ("substitution", None),
        AknOperation::Delete => ("repeal", None),
    };
    let mut destination = el("destination").attr(
        "href",
        &format!("{}/~para_{}", amendment.target, amendment.paragraph),
    );
    if let Some(pos) = pos {
        destination = destination.attr("pos", pos);
    }
    let mut textual = el("textualMod")
        .attr("eId", "amod_1")
        .attr("type", kind)
        .child(el("source").attr("href", "#mod_1"))
        .child(destination);
    if !deleting {
        textual = textual.child(el("new").attr("href", "#mod_1__qtext_1"));
    }
    let analysis = el("analysis").child(el("activeModifications").child(textual));
    Ok((body, analysis))
}
