//! Frame states for guards: what each IR0 frame needs to resume at a given instruction of
//! a speculative version (invariant 6). Used by every pass that makes a guard.
//!
//! A guard in inline context `k` rebuilds one frame per level: the version's own function
//! (context 0), then each inlined callee down to `k`. For each frame it lists every IR0
//! local and every IR0 temp live at the resume point (an outer frame resumes after its
//! inlined call: the temps live after the call, the call's own result excepted), and where
//! the version keeps them: context 0 uses the same temp and local ids (a temp means the same
//! value in every version); an inlined context uses the maps its `InlineSite` recorded.

use ir::cfg::{liveness, Liveness};
use ir::function::IpcIndex;
use ir::pass::Oracle;
use ir::*;
use rustc_hash::FxHashMap;

/// The most values (locals and temps, over all frames) that the resume points of a
/// version may hold together. A frame state lists every IR0 temp live at its
/// resume point, so a function that nests calls deeply (`f(1, f(2, f(3, ...)))`, or a
/// chain of `**`, which binds to the right: every left operand waits for the call inside
/// it) keeps a growing number of temps live at each of a growing number of calls, and its
/// invalidation points would hold a number of values quadratic in the depth: 4,600 nested
/// `**` made 10 million (a gigabyte and seconds per pass). A pass that would take the
/// version past this budget declines it and the function runs in IR0, as one larger than
/// `--max-version-size` does. Ordinary functions stay far below it (a guard holds the
/// function's locals and the few temps an expression keeps live).
pub const MAX_FRAME_VALUES: usize = 1_000_000;

/// Builds resume points, caching IR0 liveness per function.
pub struct FrameStates<'a> {
    oracle: &'a dyn Oracle,
    /// How many values the version's resume points hold, those it had and those built
    /// since (see [`MAX_FRAME_VALUES`]); `None` until the first resume point is asked for.
    values: Option<usize>,
    live: FxHashMap<FuncId, Liveness>,
    /// Where each IR0 instruction is, per IR0 consulted (a version asks for one resume
    /// point per guard and call: a scan each would be quadratic).
    ipcs: FxHashMap<FuncId, IpcIndex>,
}

impl<'a> FrameStates<'a> {
    pub fn new(oracle: &'a dyn Oracle) -> FrameStates<'a> {
        FrameStates {
            oracle,
            values: None,
            live: FxHashMap::default(),
            ipcs: FxHashMap::default(),
        }
    }

    /// The block and index of instruction `ipc` in `func`'s IR0.
    pub fn locate(
        &mut self,
        func: FuncId,
        ipc: Ipc,
    ) -> Result<(&'a Function, BlockId, usize), String> {
        let ir0 = self.ir0(func)?;
        let (b, i) = self
            .ipcs
            .entry(func)
            .or_insert_with(|| ir0.ipc_index())
            .get(ipc)
            .ok_or_else(|| format!("{func} has no {ipc}"))?;
        Ok((ir0, b, i))
    }

    fn ir0(&self, f: FuncId) -> Result<&'a Function, String> {
        self.oracle.ir0(f).ok_or_else(|| format!("no IR0 for {f}"))
    }

    fn live_temps(
        &mut self,
        ir0: &Function,
        ipc: Ipc,
        after_call: bool,
    ) -> Result<Vec<TempId>, String> {
        let (_, b, idx) = self.locate(ir0.id, ipc)?;
        let lv = self.live.entry(ir0.id).or_insert_with(|| liveness(ir0));
        let set = if after_call {
            let block = ir0.block(b);
            let mut s = if idx + 1 < block.insts.len() {
                lv.live_before(ir0, b, idx + 1)
            } else {
                lv.live_out(b).clone()
            };
            if let Some(d) = block.insts[idx].dst {
                s.remove(d.index());
            }
            s
        } else {
            lv.live_before(ir0, b, idx)
        };
        Ok(set.temps().collect())
    }

    /// The inline contexts from the version's own function (0) down to `ctx`.
    pub fn chain(v: &Function, ctx: u32) -> Vec<u32> {
        let mut chain = vec![ctx];
        let mut c = ctx;
        while c != 0 {
            c = v.inline_sites[(c - 1) as usize].parent;
            chain.push(c);
        }
        chain.reverse();
        chain
    }

    /// The resume point for resuming at IR0 instruction `ipc` of inline context `ctx`.
    pub fn resume_at(
        &mut self,
        v: &Function,
        ctx: u32,
        ipc: Ipc,
        reason: DeoptReason,
    ) -> Result<ResumePoint, String> {
        let chain = Self::chain(v, ctx);
        let mut frames = Vec::with_capacity(chain.len());
        let mut inline_chain = Vec::new();
        for (i, &c) in chain.iter().enumerate() {
            let innermost = i + 1 == chain.len();
            let site = if c == 0 {
                None
            } else {
                Some(&v.inline_sites[(c - 1) as usize])
            };
            let func = site.map(|s| s.callee).unwrap_or(v.id);
            let ir0 = self.ir0(func)?;
            let at = if innermost {
                ipc
            } else {
                v.inline_sites[(chain[i + 1] - 1) as usize].call_site
            };
            let temps_ir0 = self.live_temps(ir0, at, !innermost)?;
            let values = self.values.get_or_insert_with(|| frame_values(v));
            *values += temps_ir0.len() + ir0.locals.len();
            if *values > MAX_FRAME_VALUES {
                return Err(format!(
                    "the version's resume points would hold more than {MAX_FRAME_VALUES} \
                     values (calls nested so deeply that many temps are live at each): \
                     too big for a version"
                ));
            }
            let mut temps = Vec::with_capacity(temps_ir0.len());
            for t in temps_ir0 {
                let val = match site {
                    None => FrameValue::Temp(t),
                    Some(s) => FrameValue::Temp(
                        *s.temps
                            .get(&t)
                            .ok_or_else(|| format!("{func}: IR0 {t} has no version temp"))?,
                    ),
                };
                temps.push((t, val));
            }
            let mut locals = Vec::with_capacity(ir0.locals.len());
            for l in 0..ir0.locals.len() as u32 {
                let l = LocalId(l);
                let val = match site {
                    None => FrameValue::Local(l),
                    Some(s) => FrameValue::Local(
                        *s.locals
                            .get(&l)
                            .ok_or_else(|| format!("{func}: IR0 {l} has no version local"))?,
                    ),
                };
                locals.push((l, val));
            }
            let state = match site {
                None => FrameState {
                    func,
                    ipc: at,
                    self_val: FrameValue::VersionSelf,
                    block: FrameValue::VersionBlock,
                    outer_scope: FrameValue::VersionOuter,
                    home: 0,
                    block_obj: FrameValue::Nil,
                    argc: FrameArgc::Version,
                    cref: None,
                    locals,
                    temps,
                },
                Some(s) => {
                    let home = chain.iter().position(|x| *x == s.home).unwrap_or(i) as u32;
                    // Inline sites name a block's home by inline context; frame states by
                    // frame index in this chain.
                    let in_chain = |v: &FrameValue| {
                        let mut v = v.clone();
                        v.rewrite(&mut |x| {
                            if let FrameValue::Block { home, .. } = x {
                                *home = chain.iter().position(|c| *c == *home).unwrap_or(0) as u32;
                            }
                        });
                        v
                    };
                    FrameState {
                        func,
                        ipc: at,
                        self_val: in_chain(&s.self_val),
                        block: in_chain(&s.block),
                        outer_scope: in_chain(&s.outer_scope),
                        home,
                        block_obj: in_chain(&s.block_obj),
                        argc: FrameArgc::Known(s.argc),
                        cref: s.cref,
                        locals,
                        temps,
                    }
                }
            };
            if let Some(s) = site {
                inline_chain.push(InlineFrame {
                    callee: s.callee,
                    call_site: s.call_site,
                });
            }
            frames.push(state);
        }
        Ok(ResumePoint {
            ipc,
            reason,
            inline_chain,
            frames,
        })
    }
}

/// How many values the resume points of `v` hold.
fn frame_values(v: &Function) -> usize {
    v.insts()
        .filter_map(|(_, i)| i.kind.resume_point())
        .flat_map(|r| &r.frames)
        .map(|fs| fs.temps.len() + fs.locals.len())
        .sum()
}
