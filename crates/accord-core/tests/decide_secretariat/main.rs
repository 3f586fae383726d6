//! Given-when-then: sessions, documents and amendments, consensus and silence procedures,
//! decision records and signatures, each rule with its edge.

#[path = "../common/mod.rs"]
mod common;

mod amendments;
mod consensus;
mod given;
mod lifecycle;
mod sessions;
mod signatures;
mod silence;
