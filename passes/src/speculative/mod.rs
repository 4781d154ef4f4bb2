//! The speculative passes: they build optimized versions from IR0 and a profile, and only
//! run on functions in phase `Speculative` (the pass manager refuses them on IR0).

pub mod edge;
pub mod framestate;
pub mod guardelim;
pub mod inline;
pub mod licm;
pub mod mem2reg;
pub mod osr;
pub mod scopeelim;
pub mod typeguard;
pub mod unbox;
