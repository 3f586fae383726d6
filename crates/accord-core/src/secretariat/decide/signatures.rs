//! `decide` for heads of delegation's signatures of decisions, and the signature check.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use crate::classification::Classification;
use crate::decide::allow;
use crate::error::DomainError;
use crate::event::Event;
use crate::ids::Actor;
use crate::policy::{Action, Principal, Resource};
use crate::secretariat::error::SecretariatError as E;
use crate::secretariat::events::{DecisionRecorded, DecisionSigned, SigningKeyRegistered};
use crate::secretariat::model::ProcedureId;
use crate::secretariat::rules;
use crate::state::State;
use crate::time::Timestamp;

use super::acting_member;

/// Whether `signature` (base64) is a valid Ed25519 signature of `message` by the verifier key
/// `key` (C2SP note verifier key): the check the server makes before recording a signature,
/// and `accord verify` makes again offline.
pub fn verify_signature(key: &str, message: &str, signature: &str) -> bool {
    accord_ledger::VerifierKey::parse(key.trim())
        .ok()
        .filter(|k| k.kind() == accord_ledger::KeyType::Ed25519)
        .is_some_and(|k| {
            BASE64
                .decode(signature.trim())
                .is_ok_and(|sig| k.verify(message, &sig))
        })
}

/// The message a head of delegation signs for a decision: over its authentic text's hash.
pub fn signing_message(record: &DecisionRecorded) -> Option<String> {
    let hash = record.text_hashes.get(&record.authentic)?;
    Some(rules::signing_message(
        record.decision,
        record.document,
        record.version,
        record.authentic,
        hash,
    ))
}

/// `RegisterSigningKey`.
pub(super) fn register_key(
    state: &State,
    principal: &Principal,
    key: &str,
    actor: Actor,
) -> Result<Vec<Event>, DomainError> {
    allow(
        principal,
        Action::TakePosition,
        Resource::classified(Classification::Public),
    )?;
    let member = acting_member(state, principal)?;
    let parsed =
        accord_ledger::VerifierKey::parse(key.trim()).map_err(|e| E::BadKey(e.to_string()))?;
    if parsed.kind() != accord_ledger::KeyType::Ed25519 {
        return Err(E::BadKey("a cosignature key cannot sign decisions".into()).into());
    }
    Ok(vec![Event::SigningKeyRegistered(SigningKeyRegistered {
        state: member,
        key: parsed.to_string(),
        registered_by: actor,
    })])
}

/// `SignDecision`.
pub(super) fn sign(
    state: &State,
    principal: &Principal,
    decision: ProcedureId,
    signature: &str,
    actor: Actor,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let records = state.secretariat();
    let record = records
        .decision(decision)
        .ok_or(E::UnknownDecision(decision))?;
    let resource = Resource {
        classification: record.classification,
        release: &record.release,
    };
    allow(principal, Action::TakePosition, resource)?;
    let member = acting_member(state, principal)?;
    if !record.outcome.is_adopted() {
        return Err(E::NotAdopted(decision).into());
    }
    if records
        .signatures(decision)
        .is_some_and(|s| s.contains_key(&member))
    {
        return Err(E::AlreadySigned(member).into());
    }
    let key = records.signing_key(member).ok_or(E::NoKey(member))?;
    let message = signing_message(record).ok_or(E::UnknownDecision(decision))?;
    if !verify_signature(key, &message, signature) {
        return Err(E::BadSignature(member).into());
    }
    Ok(vec![Event::DecisionSigned(DecisionSigned {
        decision,
        state: member,
        message,
        key: key.to_owned(),
        signature: signature.trim().to_owned(),
        signed_by: actor,
        signed_at: now,
        classification: record.classification,
        release: record.release.clone(),
    })])
}
