//! Signatures: heads of delegation sign the authentic text with their delegations' keys.

use crate::common::{code, now, refused, run};
use crate::given::*;
use accord_core::secretariat::SecretariatCommand as S;
use base64::Engine as _;

#[test]
fn a_head_of_delegation_signs_the_authentic_text_with_the_delegations_key() {
    let mut state = organisation();
    let decision = adopted_decision(&mut state);
    let key = delegation_key("delegation.ru");
    let ru = head(&state, "RU");
    run(
        &mut state,
        &ru,
        cmd(S::RegisterSigningKey {
            key: key.verifier().to_string(),
        }),
    )
    .expect("key registered");
    let record = state
        .secretariat()
        .decision(decision)
        .expect("record")
        .clone();
    let message = accord_core::secretariat::signing_message(&record).expect("message");
    assert!(message.contains(&record.text_hashes[&record.authentic]));
    let signature = base64::engine::general_purpose::STANDARD.encode(key.sign(&message));
    let forged = base64::engine::general_purpose::STANDARD.encode(key.sign("something else"));
    let bad = run(
        &mut state,
        &ru,
        cmd(S::SignDecision {
            decision,
            signature: forged,
        }),
    );
    assert_eq!(refused(bad), "signature.invalid");
    run(
        &mut state,
        &ru,
        cmd(S::SignDecision {
            decision,
            signature: signature.clone(),
        }),
    )
    .expect("signed");
    let signatures = state
        .secretariat()
        .signatures(decision)
        .expect("signatures");
    assert_eq!(signatures[&code("RU")].signature, signature);
    let twice = run(
        &mut state,
        &ru,
        cmd(S::SignDecision {
            decision,
            signature,
        }),
    );
    assert_eq!(refused(twice), "signature.already_signed");
}

#[test]
fn a_decision_that_adopted_nothing_is_not_signed_and_a_key_is_needed() {
    let mut state = organisation();
    let (_, procedure) = launch_silence(&mut state, "2020-12-01T18:00:00");
    break_silence(&mut state, procedure, now()).expect("broken");
    let result = exec(
        &head(&state, "RU"),
        &mut state,
        cmd(S::SignDecision {
            decision: procedure,
            signature: "AAAA".into(),
        }),
    );
    assert_eq!(refused(result), "decision.not_adopted");
    let adopted = adopted_decision(&mut state);
    let result = exec(
        &head(&state, "BY"),
        &mut state,
        cmd(S::SignDecision {
            decision: adopted,
            signature: "AAAA".into(),
        }),
    );
    assert_eq!(refused(result), "signature.no_key");
}
