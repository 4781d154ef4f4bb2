//! Dynscope elimination: a dynscope (`%s = scope_new`, or `scope_new_in` for the scope of
//! inlined code) that nothing captures any more becomes frame locals, one per slot, so that
//! `mem2reg` can then turn its variables into temps.
//!
//! A scope is eliminated when its only uses are `scope_load %s[i]`, `scope_store %s[i], %v`
//! (with `%v` not `%s` itself), frame states, and being the parent of a scope that is
//! eliminated too: no `make_block` captures it (every block that captured it was inlined,
//! and the inliner rewrote the inlined block's `scope_outer 1` to `%s`), it is not passed,
//! returned, stored or jumped with, no deleted-temp entry rebuilds something from it, and no
//! scope that stays has it as its parent (a fixed point). Then:
//!
//! - each slot `i` becomes a new local (`Function::add_local`), named after the slot: from
//!   `func.scope` for the version's own scope, from the callee's IR0 (`Oracle::ir0`) for a
//!   scope of inlined code (`scope_slot_i` when the oracle does not know the callee: the
//!   size `scope_new_in` gives is what deopt needs);
//! - `scope_new` goes. A `scope_new` of inlined code becomes `%nil = const nil` and a
//!   `store` of it to every slot's local: a new scope's slots are nil, and an inlined
//!   block's `scope_new` may run once per iteration of a loop, whose variables must start
//!   over each time. The version's own `scope_new`, in the entry block (which nothing jumps
//!   to), needs no stores: it runs once, before anything else writes the new locals, and
//!   a frame's locals start nil;
//! - `scope_load %s[i]` becomes `load $i'`, `scope_store %s[i], %v` becomes `store $i', %v`
//!   (same `dst`, `Ipc`, line and inline context);
//! - every frame state that names `%s` (`FrameValue::Temp(%s)`, anywhere: a frame's outer
//!   scope, a removed block's scope, another scope's parent) names instead
//!   `FrameValue::Scope { id: %s.0, parent, slots: [$0', $1', ...] }`, which deopt
//!   re-allocates once per id and fills from the slots' locals. `parent` is the scope's
//!   enclosing scope: nil for a method's (or script's, or class body's) scope;
//!   `VersionOuter` (the scope the version's own frame captured) for a block function's own
//!   scope; for `scope_new_in`, its parent operand (nil when it has none); for a
//!   `scope_new` of inlined code, the inline site's `outer_scope`. A parent that is an
//!   eliminated scope is rebuilt the same way, inside. Nothing is recorded in the deleted-temp table for `%s`: the
//!   frame states say how to rebuild it.
//!
//! Scopes that escape stay as they are. So do all scopes of a function that still has a
//! `scope_outer` in inlined code (the inliner is expected to rewrite those; one that is
//! left could read any eliminated scope), and a plain `scope_new` of inlined code whose
//! callee the oracle does not know (its number of slots, which deopt needs to re-allocate
//! it, is then unknown).
//!
//! **Assumes** a speculative version whose frame states are up to date (built before this
//! pass: `Function::inline_sites` is not updated, so a pass that builds frame states from
//! it afterwards would name the deleted scope); `func.scope` is the layout of the version's
//! own function's scope.
//!
//! **Guarantees** the same behaviour: the slots' values live in frame locals instead of a
//! heap object no one else can see, and every frame state can rebuild the scope (invariants
//! 5 and 6). New temps come from `Function::new_temp` (invariant 3); no block is added or
//! removed.
//!
//! **Invalidates** liveness (the scope temp and its uses go; loads and stores of locals
//! appear); the CFG is unchanged.
//!
//! **Idempotent**: yes. An eliminated scope is gone; the ones left still escape.

use ir::pass::{Oracle, Pass, PassContext, PassError};
use ir::{
    BlockId, Const, FrameValue, FuncKind, Function, Inst, InstKind, LocalId, Rebuild, TempId,
};
use rustc_hash::{FxHashMap, FxHashSet};

/// An eliminated scope.
#[derive(Clone, Debug)]
struct Eliminated {
    /// The enclosing scope, as frame states name it.
    parent: FrameValue,
    /// The local of each slot.
    locals: Vec<LocalId>,
}

/// A scope the version makes: its temp, inline context and what the instruction says of
/// its layout and parent.
#[derive(Clone, Copy, Debug)]
struct Made {
    scope: TempId,
    inlined: u32,
    /// `scope_new_in`: its parent (`Some(None)`: none) and number of slots.
    explicit: Option<(Option<TempId>, u32)>,
}

/// The `scope_new`s and `scope_new_in`s of `func`, in order.
fn scopes_made(func: &Function) -> Vec<Made> {
    func.insts()
        .filter_map(|(_, i)| {
            let explicit = match i.kind {
                InstKind::ScopeNew => None,
                InstKind::ScopeNewIn { parent, size } => Some((parent, size)),
                _ => return None,
            };
            Some(Made {
                scope: i.dst?,
                inlined: i.inlined,
                explicit,
            })
        })
        .collect()
}

/// Whether `%s` is used by anything that eliminating it would not remove: anything but
/// its own loads and stores, frame states, and being the parent of a scope that is
/// eliminated too (`candidates`); or by a deleted-temp entry.
fn escapes(func: &Function, s: TempId, candidates: &FxHashSet<TempId>) -> bool {
    for (_, inst) in func.insts() {
        let own = match &inst.kind {
            InstKind::ScopeLoad { scope, .. } => *scope == s,
            InstKind::ScopeStore { scope, value, .. } => *scope == s && *value != s,
            InstKind::ScopeNewIn { .. } => inst.dst.is_some_and(|d| candidates.contains(&d)),
            _ => false,
        };
        if own {
            continue;
        }
        let mut used = false;
        inst.kind.for_each_operand(&mut |t| used |= t == s);
        if used {
            return true;
        }
    }
    func.deleted.entries.iter().any(|(_, r)| match r {
        Rebuild::Temp(t) | Rebuild::BoxInt(t) | Rebuild::BoxFloat(t) => *t == s,
        Rebuild::Const(_) => false,
    })
}

/// The slot names of a scope the version makes, when its layout is known: the version's
/// own scope's, an inlined callee's (from its IR0; `scope_slot_N` when the oracle does not
/// know it but `scope_new_in` gives the size).
fn slot_names(func: &Function, made: &Made, oracle: &dyn Oracle) -> Option<Vec<String>> {
    let callee_names = || {
        let site = func
            .inline_sites
            .get((made.inlined as usize).checked_sub(1)?)?;
        oracle.ir0(site.callee).map(|callee| callee.scope.clone())
    };
    match made.explicit {
        None if made.inlined == 0 => Some(func.scope.clone()),
        None => callee_names(),
        Some((_, size)) => match callee_names() {
            Some(names) if names.len() == size as usize => Some(names),
            _ => Some((0..size).map(|i| format!("scope_slot_{i}")).collect()),
        },
    }
}

/// The enclosing scope of a scope the version makes, as frame states name it.
fn parent_of(func: &Function, made: &Made) -> FrameValue {
    match made.explicit {
        Some((Some(p), _)) => FrameValue::Temp(p),
        Some((None, _)) => FrameValue::Nil,
        None if made.inlined == 0 => match func.kind {
            FuncKind::Block { .. } => FrameValue::VersionOuter,
            _ => FrameValue::Nil,
        },
        None => func
            .inline_sites
            .get(made.inlined as usize - 1)
            .map(|site| site.outer_scope.clone())
            .unwrap_or(FrameValue::Nil),
    }
}

/// The highest slot index used on `%s`, if any.
fn max_slot(func: &Function, s: TempId) -> Option<u32> {
    func.insts()
        .filter_map(|(_, i)| match &i.kind {
            InstKind::ScopeLoad { scope, slot } | InstKind::ScopeStore { scope, slot, .. }
                if *scope == s =>
            {
                Some(*slot)
            }
            _ => None,
        })
        .max()
}

/// The frame value that rebuilds eliminated scope `s`; parents that are eliminated scopes
/// are rebuilt too (`depth` bounds a malformed cycle).
fn scope_value(s: TempId, scopes: &FxHashMap<TempId, Eliminated>, depth: usize) -> FrameValue {
    let e = &scopes[&s];
    let mut parent = e.parent.clone();
    if depth <= scopes.len() {
        parent.rewrite(&mut |x| {
            if let FrameValue::Temp(t) = x {
                if scopes.contains_key(t) {
                    *x = scope_value(*t, scopes, depth + 1);
                }
            }
        });
    } else {
        parent = FrameValue::Nil;
    }
    FrameValue::Scope {
        id: s.0,
        parent: Box::new(parent),
        slots: e.locals.iter().map(|l| FrameValue::Local(*l)).collect(),
    }
}

/// Whether nothing jumps to the entry block.
fn entry_runs_once(func: &Function) -> bool {
    !func
        .blocks
        .iter()
        .any(|b| b.successors().contains(&func.entry))
}

/// Rewrites the instructions and frame states of the eliminated scopes.
fn rewrite(func: &mut Function, scopes: &FxHashMap<TempId, Eliminated>) {
    let entry_once = entry_runs_once(func);
    for b in 0..func.blocks.len() {
        let in_entry = entry_once && BlockId(b as u32) == func.entry;
        let insts = std::mem::take(&mut func.blocks[b].insts);
        let mut out = Vec::with_capacity(insts.len());
        for mut inst in insts {
            match &inst.kind {
                InstKind::ScopeNew | InstKind::ScopeNewIn { .. }
                    if inst.dst.is_some_and(|d| scopes.contains_key(&d)) =>
                {
                    let e = &scopes[&inst.dst.unwrap()];
                    let own_prologue =
                        in_entry && inst.inlined == 0 && matches!(inst.kind, InstKind::ScopeNew);
                    if e.locals.is_empty() || own_prologue {
                        continue;
                    }
                    let nil = func.new_temp();
                    let at = |dst, kind| Inst {
                        ipc: inst.ipc,
                        dst,
                        kind,
                        line: inst.line,
                        inlined: inst.inlined,
                    };
                    out.push(at(Some(nil), InstKind::Const(Const::Nil)));
                    for l in &e.locals {
                        out.push(at(None, InstKind::StoreLocal(*l, nil)));
                    }
                    continue;
                }
                InstKind::ScopeLoad { scope, slot } if scopes.contains_key(scope) => {
                    inst.kind = InstKind::LoadLocal(scopes[scope].locals[*slot as usize]);
                }
                InstKind::ScopeStore { scope, slot, value } if scopes.contains_key(scope) => {
                    let l = scopes[scope].locals[*slot as usize];
                    inst.kind = InstKind::StoreLocal(l, *value);
                }
                _ => {}
            }
            if let Some(resume) = inst.kind.resume_point_mut() {
                for fr in &mut resume.frames {
                    fr.for_each_value_mut(&mut |v| {
                        v.rewrite(&mut |x| {
                            if let FrameValue::Temp(t) = x {
                                if scopes.contains_key(t) {
                                    *x = scope_value(*t, scopes, 0);
                                }
                            }
                        })
                    });
                }
            }
            out.push(inst);
        }
        func.blocks[b].insts = out;
    }
}

/// Eliminates every dynscope of `func` that does not escape. Returns whether any went.
pub fn eliminate_scopes(func: &mut Function, oracle: &dyn Oracle) -> bool {
    let leftover_outer = func
        .insts()
        .any(|(_, i)| i.inlined != 0 && matches!(i.kind, InstKind::ScopeOuter(_)));
    if leftover_outer {
        return false;
    }
    let mut layouts = FxHashMap::default();
    for made in scopes_made(func) {
        let Some(names) = slot_names(func, &made, oracle) else {
            continue;
        };
        if max_slot(func, made.scope).is_some_and(|m| m as usize >= names.len()) {
            continue; // a slot past the layout: malformed, left alone
        }
        layouts.insert(made.scope, (made, names));
    }
    // A scope that is the parent of an escaping scope escapes too: to a fixed point.
    let mut candidates: FxHashSet<TempId> = layouts.keys().copied().collect();
    loop {
        let escaping: Vec<TempId> = candidates
            .iter()
            .copied()
            .filter(|s| escapes(func, *s, &candidates))
            .collect();
        if escaping.is_empty() {
            break;
        }
        for s in escaping {
            candidates.remove(&s);
        }
    }
    if candidates.is_empty() {
        return false;
    }
    let mut scopes = FxHashMap::default();
    for made in scopes_made(func) {
        if !candidates.contains(&made.scope) {
            continue;
        }
        let parent = parent_of(func, &made);
        let names = &layouts[&made.scope].1;
        let locals = names.iter().map(|n| func.add_local(n)).collect();
        scopes.insert(made.scope, Eliminated { parent, locals });
    }
    rewrite(func, &scopes);
    true
}

/// The `scopeelim` pass.
pub struct ScopeElim;

impl Pass for ScopeElim {
    fn name(&self) -> &'static str {
        "scopeelim"
    }

    fn speculative(&self) -> bool {
        true
    }

    fn run(&self, func: &mut Function, cx: &PassContext) -> Result<bool, PassError> {
        super::versions_only(func, "scopeelim", "dynscope elimination")?;
        Ok(eliminate_scopes(func, cx.oracle))
    }
}
