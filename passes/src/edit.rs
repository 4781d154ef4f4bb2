//! Small editing helpers the passes share: a substitution of temps applied to every use,
//! predecessor edges of blocks, which blocks are handlers, and whether a pass may delete
//! temps outright or must keep them for resume points (invariant 5).
//!
//! None of these allocate or renumber temps (invariant 3): a substitution only rewrites
//! the operands that read a temp, never the instruction or parameter that defines one.

use ir::{BlockId, Function, Phase, Rebuild, TempId};
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

/// A map `temp -> replacement` applied to every use of the function: instruction operands
/// and jump arguments. Chains (`a -> b`, `b -> c`) resolve to their end.
#[derive(Clone, Debug, Default)]
pub struct Substitution {
    map: FxHashMap<TempId, TempId>,
}

impl Substitution {
    pub fn new() -> Substitution {
        Substitution::default()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Records that every use of `from` should read `to` instead. A mapping that would
    /// close a cycle (only possible in IR that is not single-assignment) is ignored.
    pub fn insert(&mut self, from: TempId, to: TempId) {
        let to = self.resolve(to);
        if to != from {
            self.map.insert(from, to);
        }
    }

    /// Whether `t` is replaced.
    pub fn contains(&self, t: TempId) -> bool {
        self.map.contains_key(&t)
    }

    /// What a use of `t` reads after the substitution.
    pub fn resolve(&self, mut t: TempId) -> TempId {
        // Bounded so that a malformed (cyclic) map cannot hang a pass.
        for _ in 0..=self.map.len() {
            match self.map.get(&t) {
                Some(&next) => t = next,
                None => return t,
            }
        }
        t
    }

    /// Rewrites every use in `func`. Returns whether any operand changed.
    pub fn apply(&self, func: &mut Function) -> bool {
        if self.map.is_empty() {
            return false;
        }
        let mut changed = false;
        for block in &mut func.blocks {
            for inst in &mut block.insts {
                inst.kind.for_each_use_mut(|t| {
                    let r = self.resolve(*t);
                    if r != *t {
                        *t = r;
                        changed = true;
                    }
                });
            }
        }
        changed
    }
}

/// One control-flow edge into a block from a terminator: the predecessor block and which
/// of its terminator's targets (0 = `Jump` or `then_`, 1 = `else_`) it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    pub from: BlockId,
    pub slot: usize,
}

/// For every block, the jump and branch edges into it (a branch whose two targets are the
/// same block gives two edges). Handler edges are not included: see [`handler_blocks`].
pub fn predecessor_edges(func: &Function) -> Vec<SmallVec<[Edge; 2]>> {
    let mut preds = vec![SmallVec::new(); func.blocks.len()];
    for block in &func.blocks {
        if let Some(term) = block.terminator() {
            for (slot, bc) in term.kind.targets().iter().enumerate() {
                if let Some(p) = preds.get_mut(bc.block.index()) {
                    p.push(Edge {
                        from: block.id,
                        slot,
                    });
                }
            }
        }
    }
    preds
}

/// Which blocks are the handler of some block (entered by an unwind, not by a jump).
pub fn handler_blocks(func: &Function) -> Vec<bool> {
    let mut is_handler = vec![false; func.blocks.len()];
    for block in &func.blocks {
        if let Some(h) = block.handler {
            if let Some(slot) = is_handler.get_mut(h.index()) {
                *slot = true;
            }
        }
    }
    is_handler
}

/// How many times each temp is read, by id: by instructions (resume points included) and,
/// in a speculative version, by the deleted-temp table (a deopt rebuilds a deleted temp
/// from it).
pub fn use_counts(func: &Function) -> FxHashMap<TempId, u32> {
    let mut counts = FxHashMap::default();
    for block in &func.blocks {
        for inst in &block.insts {
            inst.kind
                .for_each_use(|t| *counts.entry(t).or_insert(0) += 1);
        }
    }
    for (_, r) in &func.deleted.entries {
        if let Rebuild::Temp(t) | Rebuild::BoxInt(t) | Rebuild::BoxFloat(t) = r {
            *counts.entry(*t).or_insert(0) += 1;
        }
    }
    counts
}

/// Whether a pass may delete the definition of a temp without recording it. True for
/// IR0, which is the deopt target and has no deleted-temp table; false for speculative
/// versions, where IR0 may still need the temp at some guard's resume point (invariants 5
/// and 6): there, passes keep the temp, or record how to rebuild it.
pub fn may_delete_temps(func: &Function) -> bool {
    func.phase == Phase::Ir0
}
