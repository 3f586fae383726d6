//! Given-when-then: status applications of states and organisations through the configured
//! bodies, the status granted exactly at the deciding body's decision, withdrawal and failed
//! steps, the chair's priorities and joint statements delivered in their forums, sessions open
//! to observers and partnership protocols.

#[path = "../common/mod.rs"]
mod common;

mod applications;
mod chair;
mod given;
mod observers;
mod organisations;
mod protocols;
