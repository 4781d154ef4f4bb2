//! Dynscope elimination: a dynscope (`%s = scope_new`) that nothing captures any more
//! becomes frame locals, one per slot, so that `mem2reg` can then turn its variables into
//! temps.
//!
//! A scope is eliminated when its only uses are `scope_load %s[i]`, `scope_store %s[i], %v`
//! (with `%v` not `%s` itself) and frame states: no `make_block` captures it (every block
//! that captured it was inlined, and the inliner rewrote the inlined block's `scope_outer 1`
//! to `%s`), it is not passed, returned, stored or jumped with, and no deleted-temp entry
//! rebuilds something from it. Then:
//!
//! - each slot `i` becomes a new local (`Function::add_local`), named after the slot: from
//!   `func.scope` for a scope of the version's own function, from the callee's IR0
//!   (`Oracle::ir0`) for a `scope_new` of inlined code;
//! - `scope_new` becomes `%nil = const nil` and a `store` of it to every slot's local (a new
//!   scope's slots are nil, and a `scope_new` of an inlined block runs once per iteration:
//!   its variables must start over each time);
//! - `scope_load %s[i]` becomes `load $i'`, `scope_store %s[i], %v` becomes `store $i', %v`
//!   (same `dst`, `Ipc`, line and inline context);
//! - every frame state that names `%s` (`FrameValue::Temp(%s)`, anywhere: a frame's outer
//!   scope, a removed block's scope, another scope's parent) names instead
//!   `FrameValue::Scope { id: %s.0, parent, slots: [$0', $1', ...] }`, which deopt
//!   re-allocates once per id and fills from the slots' locals. `parent` is the scope's
//!   enclosing scope: nil for a method's (or script's, or class body's) scope;
//!   `VersionOuter` (the scope the version's own frame captured) for a block function's own
//!   scope; for the scope of inlined code, the inline site's `outer_scope` (nil for a
//!   method; for a block, rewritten in turn when it names an eliminated scope). Nothing is recorded in the deleted-temp table for `%s`: the
//!   frame states say how to rebuild it.
//!
//! Scopes that escape stay as they are. So do all scopes of a function that still has a
//! `scope_outer` in inlined code (the inliner is expected to rewrite those; one that is
//! left could read any eliminated scope), and scopes of inlined callees whose IR0 the oracle
//! does not know: their number of slots, which deopt needs to re-allocate them, is then
//! unknown.
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
use ir::{Const, FrameValue, FuncKind, Function, Inst, InstKind, LocalId, Phase, Rebuild, TempId};
use rustc_hash::FxHashMap;

/// An eliminated scope.
#[derive(Clone, Debug)]
struct Eliminated {
    /// The enclosing scope, as frame states name it.
    parent: FrameValue,
    /// The local of each slot.
    locals: Vec<LocalId>,
}

/// The `scope_new`s of `func` and their inline context, in order.
fn scope_news(func: &Function) -> Vec<(TempId, u32)> {
    func.insts()
        .filter(|(_, i)| matches!(i.kind, InstKind::ScopeNew))
        .filter_map(|(_, i)| i.dst.map(|d| (d, i.inlined)))
        .collect()
}

/// Whether `%s` is used by anything other than its own loads and stores (frame states do
/// not count) or by a deleted-temp entry.
fn escapes(func: &Function, s: TempId) -> bool {
    for (_, inst) in func.insts() {
        let own = match &inst.kind {
            InstKind::ScopeLoad { scope, .. } => *scope == s,
            InstKind::ScopeStore { scope, value, .. } => *scope == s && *value != s,
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

/// The slot names of a scope made in inline context `inlined`, if known.
fn slot_names(func: &Function, inlined: u32, oracle: &dyn Oracle) -> Option<Vec<String>> {
    if inlined == 0 {
        return Some(func.scope.clone());
    }
    let site = func.inline_sites.get(inlined as usize - 1)?;
    oracle.ir0(site.callee).map(|callee| callee.scope.clone())
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

/// Rewrites the instructions and frame states of the eliminated scopes.
fn rewrite(func: &mut Function, scopes: &FxHashMap<TempId, Eliminated>) {
    for b in 0..func.blocks.len() {
        let insts = std::mem::take(&mut func.blocks[b].insts);
        let mut out = Vec::with_capacity(insts.len());
        for mut inst in insts {
            match &inst.kind {
                InstKind::ScopeNew if inst.dst.is_some_and(|d| scopes.contains_key(&d)) => {
                    let e = &scopes[&inst.dst.unwrap()];
                    if e.locals.is_empty() {
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
    let mut plans = Vec::new();
    for (s, inlined) in scope_news(func) {
        if escapes(func, s) {
            continue;
        }
        let Some(names) = slot_names(func, inlined, oracle) else {
            continue;
        };
        if max_slot(func, s).is_some_and(|m| m as usize >= names.len()) {
            continue; // a slot past the layout: malformed, left alone
        }
        let parent = if inlined == 0 {
            match func.kind {
                FuncKind::Block { .. } => FrameValue::VersionOuter,
                _ => FrameValue::Nil,
            }
        } else {
            func.inline_sites[inlined as usize - 1].outer_scope.clone()
        };
        plans.push((s, parent, names));
    }
    if plans.is_empty() {
        return false;
    }
    let mut scopes = FxHashMap::default();
    for (s, parent, names) in plans {
        let locals = names.iter().map(|n| func.add_local(n)).collect();
        scopes.insert(s, Eliminated { parent, locals });
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
        if func.phase != Phase::Speculative {
            return Err(PassError {
                pass: "scopeelim",
                message: "dynscope elimination only runs on speculative versions".into(),
            });
        }
        Ok(eliminate_scopes(func, cx.oracle))
    }
}
