//! The assumption registry (invariant 8): what each version assumes without a guard
//! checking it, and which versions a method definition invalidates.
//!
//! A version's [`ir::Assumption`]s name methods by class and name: `Integer#*` is still
//! the builtin (its unboxed arithmetic computes what the core operator computes),
//! `Point#x` is still the `attr_reader` whose slot it reads, `Square#area` is still the
//! Ruby method it inlined. The registry indexes them by method
//! name. The runtime logs every definition, alias or redefinition made after boot in
//! [`runtime::Vm::method_changes`]; [`AssumptionRegistry::take_changes`] drains that log
//! and invalidates every version with an assumption on that name in a class that inherits
//! from (or is) the class that changed, since only such a class can resolve the name
//! differently now. An executor calls it before it enters a version (a call, an OSR entry)
//! and at every invalidation point of a running version (`guard assumptions`), so that a
//! broken assumption is noticed before one more instruction relies on it.
//!
//! Invalidation is conservative: redefining `Numeric#*` invalidates a version assuming
//! `Integer#*` although Integer's own method still wins. Validity never comes back: a
//! later version of the function is built, and checked by the oracle, afresh.

use ir::{Assumption, ClassId, CoreClass};
use runtime::class::SymId;
use runtime::Vm;
use rustc_hash::FxHashMap;

/// A version known to the registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VersionId(pub u32);

/// One version invalidated by a method change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalidation {
    pub version: VersionId,
    /// The assumption that broke, as `--trace-deopt` prints it (`Integer#*`).
    pub what: String,
    /// An assumption that no guard checks at its uses broke (a builtin's, a reader's): an
    /// activation running the version must leave at its
    /// next invalidation point. (When only an inlined method changed, the version is just
    /// not entered again: its `method` guard protects a running activation.)
    pub leave: bool,
    /// The version was valid until this change (not dropped by an earlier one).
    pub first: bool,
}

/// Where a version stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Valid,
    /// An inlined method was redefined: no new entries.
    Dropped,
    /// A builtin or reader it assumed was redefined: no new entries, and running
    /// activations leave.
    Broken,
    /// The executor freed it (no activation runs it, nothing can enter it): later changes
    /// concern it no more.
    Freed,
}

/// Assumptions of every registered version, by method name.
#[derive(Default)]
pub struct AssumptionRegistry {
    /// Method name -> (class assumed about, version, whether the assumption is a
    /// builtin's).
    watchers: FxHashMap<SymId, Vec<(ClassId, VersionId, bool)>>,
    /// Per version: where it stands, and the builtin assumption that broke.
    state: Vec<State>,
    broken: Vec<Option<String>>,
    /// How many versions were invalidated.
    pub invalidations: u64,
}

/// The runtime's class for a core class of the IR.
pub fn core_class(vm: &Vm, c: CoreClass) -> ClassId {
    match c {
        CoreClass::Integer => vm.c.integer,
        CoreClass::Float => vm.c.float,
        CoreClass::Array => vm.c.array,
    }
}

impl AssumptionRegistry {
    /// Registers a new version and what it assumes; it starts valid.
    pub fn register(&mut self, vm: &mut Vm, assumptions: &[Assumption]) -> VersionId {
        let id = VersionId(self.state.len() as u32);
        self.state.push(State::Valid);
        self.broken.push(None);
        for a in assumptions {
            let (class, name, builtin) = match a {
                Assumption::Builtin { class, name } => (core_class(vm, *class), name, true),
                Assumption::Method { class, name, .. } => (*class, name, false),
                Assumption::Reader { class, name, .. } => (*class, name, true),
            };
            let sym = vm.intern(name);
            let list = self.watchers.entry(sym).or_default();
            if !list.contains(&(class, id, builtin)) {
                list.push((class, id, builtin));
            }
        }
        id
    }

    /// The assumption that invalidated `v`, if one did.
    pub fn broken(&self, v: VersionId) -> Option<&str> {
        self.broken[v.0 as usize].as_deref()
    }

    /// Forgets version `v`, which its executor freed: no change invalidates it any more
    /// (its watchers go at the next change of their names).
    pub fn forget(&mut self, v: VersionId) {
        self.state[v.0 as usize] = State::Freed;
    }

    /// Drains the runtime's log of method changes and invalidates the versions that
    /// assumed something about a changed method. Returns each change of a version's
    /// standing (dropped, then perhaps broken later), once.
    pub fn take_changes(&mut self, vm: &mut Vm) -> Vec<Invalidation> {
        let changes = std::mem::take(&mut vm.method_changes);
        let mut out = Vec::new();
        for (changed, name) in changes {
            let Some(list) = self.watchers.get_mut(&name) else {
                continue;
            };
            list.retain(|&(class, v, builtin)| {
                let state = self.state[v.0 as usize];
                if state == State::Broken || state == State::Freed {
                    return false;
                }
                if !vm.is_subclass(class, changed) {
                    return true;
                }
                let what = format!("{}#{}", vm.class_name(class), vm.sym_name(name));
                if builtin {
                    self.state[v.0 as usize] = State::Broken;
                    self.broken[v.0 as usize] = Some(what.clone());
                } else if state == State::Valid {
                    self.state[v.0 as usize] = State::Dropped;
                } else {
                    return true;
                }
                if state == State::Valid {
                    self.invalidations += 1;
                }
                out.push(Invalidation {
                    version: v,
                    what,
                    leave: builtin,
                    first: state == State::Valid,
                });
                !builtin
            });
        }
        out
    }
}
