//! The speculative passes: they build optimized versions from IR0 and a profile, and only
//! run on functions in phase `Speculative` (the pass manager refuses them on IR0).

pub mod assumeguard;
pub mod edge;
pub mod framestate;
pub mod guardelim;
pub mod inline;
pub mod intrinsics;
pub mod ivarslot;
pub mod licm;
pub mod mem2reg;
pub mod osr;
pub mod scopeelim;
pub mod typeguard;
pub mod unbox;

use ir::pass::{PassContext, PassError};
use ir::profile::{Profile, SiteProfile};
use ir::{FuncId, Function, Inst, Phase};
use rustc_hash::FxHashMap;

/// The profiles of the functions a version's instructions come from (the version's own,
/// or an inlined callee's, from the oracle), fetched once each.
pub(crate) struct SiteProfiles<'a> {
    cx: &'a PassContext<'a>,
    by_func: FxHashMap<FuncId, Option<Profile>>,
}

impl<'a> SiteProfiles<'a> {
    pub fn new(f: &Function, cx: &'a PassContext<'a>) -> SiteProfiles<'a> {
        let mut by_func = FxHashMap::default();
        by_func.insert(
            f.id,
            cx.profile.cloned().or_else(|| cx.oracle.profile(f.id)),
        );
        SiteProfiles { cx, by_func }
    }

    /// What the profile of the function `inst` (an instruction of `f`) comes from saw
    /// there; nothing when a speculation failed there before (the profile's `failed`).
    pub fn at(&mut self, f: &Function, inst: &Inst) -> Option<&SiteProfile> {
        let func = ctx_func(f, inst.inlined);
        let oracle = self.cx.oracle;
        let profile = self
            .by_func
            .entry(func)
            .or_insert_with(|| oracle.profile(func))
            .as_ref()?;
        if profile.failed.contains(&inst.ipc) {
            return None;
        }
        profile.sites.get(&inst.ipc)
    }
}

/// The function whose code inline context `ctx` of `f` comes from (0: `f` itself).
pub(crate) fn ctx_func(f: &Function, ctx: u32) -> FuncId {
    if ctx == 0 {
        f.id
    } else {
        f.inline_sites[(ctx - 1) as usize].callee
    }
}

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
