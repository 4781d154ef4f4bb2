//! Which code runs for a function: its current version, the versions entered at a loop
//! header (OSR), or IR0; and every version installed, by its id in the assumption
//! registry. Generic over the executor's handle of a compiled version (`C`: the
//! interpreter's translated code today), so that every executor keeps its versions the
//! same way and the deopt driver's decisions (a version dropped, a function given up)
//! mean the same thing for each.

use crate::assume::VersionId;
use crate::DeoptManager;
use ir::{FuncId, Ipc};
use rustc_hash::{FxHashMap, FxHashSet};

/// The versions of every function.
pub struct VersionTable<C: Copy> {
    /// The version new calls enter, by function.
    current: Vec<Option<C>>,
    /// OSR versions by (function, loop header); `None`: none could be built there.
    osr: FxHashMap<(FuncId, Ipc), Option<C>>,
    /// Functions that get no (further) version: the builder refused, they are not of a
    /// kind that gets versions, or they deoptimized too often.
    refused: FxHashSet<FuncId>,
    /// Every version installed, by [`VersionId`] (index); `None` once the executor freed
    /// it.
    installed: Vec<Option<C>>,
}

impl<C: Copy> Default for VersionTable<C> {
    fn default() -> Self {
        VersionTable {
            current: Vec::new(),
            osr: FxHashMap::default(),
            refused: FxHashSet::default(),
            installed: Vec::new(),
        }
    }
}

impl<C: Copy> VersionTable<C> {
    /// The version a call of `func` enters, if any.
    #[inline]
    pub fn current(&self, func: FuncId) -> Option<C> {
        self.current.get(func.index()).copied().flatten()
    }

    /// Whether `func` may get a version: it was not refused, and has not deoptimized too
    /// often.
    pub fn may_build(&self, func: FuncId, manager: &DeoptManager) -> bool {
        !self.refused.contains(&func) && !manager.given_up(func)
    }

    /// `func` gets no (further) version.
    pub fn refuse(&mut self, func: FuncId) {
        self.refused.insert(func);
    }

    /// Calls of `func` enter `code` from now on.
    pub fn set_current(&mut self, func: FuncId, code: C) {
        if self.current.len() <= func.index() {
            self.current.resize(func.index() + 1, None);
        }
        self.current[func.index()] = Some(code);
    }

    /// The OSR version of `func` at loop header `header`: `None` if none was asked for
    /// yet, `Some(None)` if none could be built.
    pub fn osr(&self, func: FuncId, header: Ipc) -> Option<Option<C>> {
        self.osr.get(&(func, header)).copied()
    }

    pub fn set_osr(&mut self, func: FuncId, header: Ipc, code: Option<C>) {
        self.osr.insert((func, header), code);
    }

    /// Records a version registered with the deopt driver under `id`.
    pub fn install(&mut self, id: VersionId, code: C) {
        debug_assert_eq!(id.0 as usize, self.installed.len());
        self.installed.push(Some(code));
    }

    /// The version registered under `id`; `None` once it was freed.
    pub fn by_id(&self, id: VersionId) -> Option<C> {
        self.installed.get(id.0 as usize).copied().flatten()
    }

    /// Forgets the version registered under `id`: the executor frees it (it is no longer
    /// entered, see [`VersionTable::drop_version`], and no activation runs it).
    pub fn uninstall(&mut self, id: VersionId) {
        if let Some(slot) = self.installed.get_mut(id.0 as usize) {
            *slot = None;
        }
    }

    /// Stops entering the version of `func` that `is_it` recognizes, as the current
    /// version or at any loop header (an OSR version is built again at its next entry).
    pub fn drop_version(&mut self, func: FuncId, is_it: &dyn Fn(C) -> bool) {
        if let Some(slot) = self.current.get_mut(func.index()) {
            if slot.is_some_and(is_it) {
                *slot = None;
            }
        }
        self.osr.retain(|_, v| !v.is_some_and(is_it));
    }
}
