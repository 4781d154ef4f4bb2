//! The mutation fuzzer (see tests/fuzz/README.md).
//!
//! From the corpus, IR dumps and a grammar of Ruby fragments it writes mutants
//! ([`mutate`]: byte flips, token deletion, duplication and swaps, truncation, splicing,
//! fragment insertion, deep nesting) and runs them as `rebound parse`, `run --tier interp`
//! and `run --tier opt` would, and RON mutants as `rebound ir` would without and with
//! passes ([`exec`]). Inputs run in child processes ([`worker`]) so that a signal or a
//! hang is caught and pinned to its input and stage. An input fails ([`symptom`]) on a
//! panic, a signal, a hang, a version the verifier rejects, the two tiers disagreeing, or
//! a program CRuby rejects that rebound runs ([`cruby`]). Failing inputs are shrunk
//! ([`minimize`]) and saved by the campaign driver ([`campaign`]).

pub mod campaign;
pub mod cruby;
pub mod exec;
pub mod grammar;
pub mod minimize;
pub mod mutate;
pub mod seeds;
pub mod symptom;
pub mod tokens;
pub mod worker;

pub use mutate::{input, Input, Lang, Seeds};
