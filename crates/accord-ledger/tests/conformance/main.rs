//! The conformance suite: every vector in `shared/conformance/ledger/`, in one test binary.
//! It fails if a vector file is missing; `-- --nocapture` prints how many of each kind passed.

mod checkpoints;
mod merkle;
mod notes;
mod vectors;
