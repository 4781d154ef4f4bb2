//! The speculative passes: they build optimized versions from IR0 and a profile, and only
//! run on functions in phase `Speculative` (the pass manager refuses them on IR0).

pub mod assumeguard;
pub mod edge;
pub mod framestate;
pub mod guardelim;
pub mod inline;
pub mod ivarslot;
pub mod licm;
pub mod mem2reg;
pub mod osr;
pub mod scopeelim;
pub mod typeguard;
pub mod unbox;

use ir::pass::PassError;
use ir::{Function, Phase};

/// Refuses to run pass `pass` (which `what`s) on anything but a speculative version: IR0
/// is the deoptimization target and never speculates (invariant 1).
pub(crate) fn versions_only(
    func: &Function,
    pass: &'static str,
    what: &str,
) -> Result<(), PassError> {
    if func.phase == Phase::Speculative {
        Ok(())
    } else {
        Err(PassError {
            pass,
            message: format!("{what} only runs on speculative versions"),
        })
    }
}
