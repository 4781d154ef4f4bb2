//! rebound's intermediate representation.
//!
//! - [`types`]: the definition of the IR (read it first);
//! - [`inst`]: generic queries on instructions (uses, targets, purity);
//! - [`function`]: allocating temps, blocks and `Ipc`s, and the builder;
//! - [`print`](crate::print): the text form; [`serial`]: RON dumps that load back equal;
//! - [`verify`]: the verifier of the invariants; [`cfg`](crate::cfg): CFG and liveness analyses;
//! - [`profile`]: profile data; [`pass`]: the `Pass` trait and its context.

pub mod cfg;
pub mod function;
pub mod inst;
pub mod pass;
pub mod print;
pub mod profile;
pub mod serial;
pub mod types;
pub mod verify;

pub use function::Builder;
pub use types::*;
