//! The verifier: checks that a function is well formed and keeps rebound's invariants
//! (DESIGN.md). It never stops at the first problem: it collects every error, each naming
//! its place (`fn3 Foo#bar bb2 @17: use of undefined %t9`), sorted by block and position.
//!
//! # What [`verify`] checks
//!
//! Function:
//! - the function has blocks, its entry block exists and has no parameters (nothing passes
//!   them);
//! - block `i` has id `bbi`.
//!
//! Blocks and control flow:
//! - every block ends with a terminator and has no terminator elsewhere (an empty block
//!   is an error);
//! - every jump target exists and is passed exactly as many arguments as it has
//!   parameters;
//! - every handler exists, starts with `catch_unwind` and has no parameters (it is entered
//!   by an unwind, not a jump); `catch_unwind` appears only as the first instruction of a
//!   block that is some block's handler.
//!
//! Temps, `Ipc`s and values:
//! - every temp is defined at most once (by an instruction or as a block parameter) and
//!   its id is below `next_temp` (invariant 3);
//! - every `Ipc` is below `next_ipc`; in IR0, no two instructions share one (invariant 2);
//! - an instruction defines a value exactly when [`InstKind::defines_value`] allows it;
//! - every use is defined on every path from the entry to it: a dataflow over the CFG with
//!   its handler edges, where a handler may only use what is defined on entry to each block
//!   it protects (block parameters included), conservatively. Unreachable blocks are
//!   checked structurally, and their uses must name a temp defined somewhere;
//! - locals: `load`/`store` name a local below `locals.len()`;
//! - dynscope slots: `scope_load`/`scope_store` on a scope made by `scope_new` in this
//!   function use a slot below `scope.len()` (slots of outer scopes, `scope_outer`, cannot
//!   be checked locally);
//! - arguments: `arg i` needs `i < required + optional`, `arg_given n` needs
//!   `n <= required + optional` (there are no rest parameters, so an argument past the
//!   parameters is an error);
//! - a call marked `vcall` (a bare identifier) has no receiver, no arguments and no block.
//!
//! Phases:
//! - IR0 has no guards and an empty deleted-temp table;
//! - a speculative version's guards resume at an `Ipc` below `next_ipc` when they are not
//!   in inlined code; in inlined code the resume `Ipc` belongs to the innermost callee, so
//!   only the outermost frame's call site is checked against `next_ipc`;
//! - the deleted-temp table names temps below `next_temp` (entries and the temps they
//!   rebuild from), has at most one entry per temp, and none for a temp the version still
//!   defines.
//!
//! # What [`verify_version`] adds
//!
//! Given the IR0 of the same function (invariants 4-6): the version and IR0 have the same
//! id, IR0 is in phase IR0 and the version's `next_temp` did not go back; every guard not
//! in inlined code resumes at an instruction of IR0, and every temp live in IR0 just before
//! that instruction is either available at the guard (defined on every path to it) or has
//! a deleted-temp entry whose sources are available (or themselves rebuildable).

use crate::cfg::{BitSet, Cfg, EdgeKind};
use crate::types::*;
use rustc_hash::FxHashMap;
use std::fmt;

/// One problem found by the verifier, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyError {
    /// The function, as `fn3 Foo#bar`.
    pub func: String,
    pub block: Option<BlockId>,
    pub ipc: Option<Ipc>,
    pub message: String,
}

impl fmt::Display for VerifyError {
    /// `fn3 Foo#bar bb2 @17: use of undefined %t9` (block and `Ipc` when known).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.func)?;
        if let Some(b) = self.block {
            write!(f, " {b}")?;
        }
        if let Some(i) = self.ipc {
            write!(f, " {i}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for VerifyError {}

/// Checks `f` (see the module doc for the list). `Ok` or every error found.
pub fn verify(f: &Function) -> Result<(), Vec<VerifyError>> {
    let mut v = Verifier::new(f);
    v.check();
    v.finish()
}

/// Checks a version built from `ir0` (normally a speculative one): everything [`verify`]
/// checks on `version`, plus the guard completeness of invariants 4-6 (module doc).
pub fn verify_version(version: &Function, ir0: &Function) -> Result<(), Vec<VerifyError>> {
    let mut v = Verifier::new(version);
    v.check();
    v.check_against_ir0(ir0);
    v.finish()
}

/// Where a temp is defined.
#[derive(Clone, Copy, Debug)]
enum DefSite {
    Param(BlockId),
    /// Block and position in the block.
    Inst(BlockId, usize),
}

/// Sort key of an error: section (0 function, 1 blocks, 2 deleted table), block, position
/// (0 for the block itself, `1 + i` for instruction `i`).
type Key = (u8, u32, u32);

struct Verifier<'f> {
    f: &'f Function,
    name: String,
    errors: Vec<(Key, VerifyError)>,
    /// The first definition of each temp, and a dense index for the dataflow sets.
    def_index: FxHashMap<TempId, u32>,
    def_sites: Vec<DefSite>,
    cfg: Cfg,
    /// Per block: the dense indices of the temps available on entry (after its params).
    /// Empty sets for unreachable blocks.
    avail_in: Vec<BitSet>,
}

impl<'f> Verifier<'f> {
    fn new(f: &'f Function) -> Verifier<'f> {
        Verifier {
            f,
            name: function_label(f),
            errors: Vec::new(),
            def_index: FxHashMap::default(),
            def_sites: Vec::new(),
            cfg: Cfg::new(f),
            avail_in: Vec::new(),
        }
    }

    fn finish(mut self) -> Result<(), Vec<VerifyError>> {
        if self.errors.is_empty() {
            return Ok(());
        }
        self.errors.sort_by_key(|(k, _)| *k);
        Err(self.errors.into_iter().map(|(_, e)| e).collect())
    }

    fn error(&mut self, key: Key, block: Option<BlockId>, ipc: Option<Ipc>, message: String) {
        let e = VerifyError {
            func: self.name.clone(),
            block,
            ipc,
            message,
        };
        self.errors.push((key, e));
    }

    fn func_error(&mut self, message: String) {
        self.error((0, 0, 0), None, None, message);
    }

    fn block_error(&mut self, b: usize, message: String) {
        self.error((1, b as u32, 0), Some(BlockId(b as u32)), None, message);
    }

    fn inst_error(&mut self, b: usize, i: usize, message: String) {
        let ipc = self.f.blocks[b].insts[i].ipc;
        self.error(
            (1, b as u32, 1 + i as u32),
            Some(BlockId(b as u32)),
            Some(ipc),
            message,
        );
    }

    fn block_exists(&self, b: BlockId) -> bool {
        b.index() < self.f.blocks.len()
    }

    fn check(&mut self) {
        self.check_function();
        self.collect_defs();
        self.check_blocks();
        self.compute_avail();
        self.check_uses();
        self.check_deleted();
    }

    fn check_function(&mut self) {
        let f = self.f;
        if f.blocks.is_empty() {
            self.func_error("function has no blocks".into());
        } else if !self.block_exists(f.entry) {
            self.func_error(format!("entry {} does not exist", f.entry));
        } else if !f.block(f.entry).params.is_empty() {
            self.block_error(f.entry.index(), "the entry block has parameters".into());
        }
        for (i, b) in f.blocks.iter().enumerate() {
            if b.id.index() != i {
                self.block_error(i, format!("block at index {i} has id {}", b.id));
            }
        }
        if f.phase == Phase::Ir0 && !f.deleted.entries.is_empty() {
            self.func_error("IR0 has a deleted-temp table".into());
        }
    }

    /// Records the first definition of every temp; reports redefinitions and ids past
    /// `next_temp`.
    fn collect_defs(&mut self) {
        let f = self.f;
        for (bi, b) in f.blocks.iter().enumerate() {
            let bid = BlockId(bi as u32);
            for &p in &b.params {
                self.define(p, DefSite::Param(bid));
            }
            for (ii, inst) in b.insts.iter().enumerate() {
                if let Some(d) = inst.dst {
                    self.define(d, DefSite::Inst(bid, ii));
                }
            }
        }
    }

    fn define(&mut self, t: TempId, site: DefSite) {
        let report = |v: &mut Self, msg: String| match site {
            DefSite::Param(b) => v.block_error(b.index(), msg),
            DefSite::Inst(b, i) => v.inst_error(b.index(), i, msg),
        };
        if t.0 >= self.f.next_temp {
            report(
                self,
                format!("{t} is not below next_temp {}", self.f.next_temp),
            );
        }
        if let Some(&first) = self.def_index.get(&t) {
            let first = match self.def_sites[first as usize] {
                DefSite::Param(b) => format!("as a parameter of {b}"),
                DefSite::Inst(b, i) => format!("at {b} {}", self.f.blocks[b.index()].insts[i].ipc),
            };
            report(
                self,
                format!("{t} is defined more than once (first {first})"),
            );
            return;
        }
        self.def_index.insert(t, self.def_sites.len() as u32);
        self.def_sites.push(site);
    }

    fn check_blocks(&mut self) {
        let f = self.f;
        let mut is_handler = vec![false; f.blocks.len()];
        for (bi, b) in f.blocks.iter().enumerate() {
            if let Some(h) = b.handler {
                if self.block_exists(h) {
                    is_handler[h.index()] = true;
                } else {
                    self.block_error(bi, format!("handler {h} does not exist"));
                }
            }
        }
        let mut first_ipc: FxHashMap<Ipc, BlockId> = FxHashMap::default();
        for (bi, b) in f.blocks.iter().enumerate() {
            if is_handler[bi] {
                if !matches!(
                    b.insts.first(),
                    Some(Inst {
                        kind: InstKind::CatchUnwind,
                        ..
                    })
                ) {
                    self.block_error(bi, "handler block does not start with catch_unwind".into());
                }
                if !b.params.is_empty() {
                    self.block_error(bi, "handler block has parameters".into());
                }
            }
            match b.insts.last() {
                None => self.block_error(bi, "empty block (no terminator)".into()),
                Some(last) if !last.kind.is_terminator() => self.inst_error(
                    bi,
                    b.insts.len() - 1,
                    "block does not end with a terminator".into(),
                ),
                _ => {}
            }
            for (ii, inst) in b.insts.iter().enumerate() {
                self.check_inst(bi, ii, inst, is_handler[bi]);
                if f.phase == Phase::Ir0 {
                    if let Some(first) = first_ipc.get(&inst.ipc) {
                        let msg = format!("{} is not unique in IR0 (first in {first})", inst.ipc);
                        self.inst_error(bi, ii, msg);
                    } else {
                        first_ipc.insert(inst.ipc, BlockId(bi as u32));
                    }
                }
            }
        }
    }

    /// Checks one instruction on its own (everything but def-before-use).
    fn check_inst(&mut self, bi: usize, ii: usize, inst: &Inst, in_handler: bool) {
        let f = self.f;
        let b = &f.blocks[bi];
        let kind = &inst.kind;
        if inst.ipc.0 >= f.next_ipc {
            self.inst_error(
                bi,
                ii,
                format!("{} is not below next_ipc {}", inst.ipc, f.next_ipc),
            );
        }
        if kind.is_terminator() && ii + 1 != b.insts.len() {
            self.inst_error(
                bi,
                ii,
                format!("terminator `{kind}` before the end of the block"),
            );
        }
        match (kind.defines_value(), inst.dst) {
            (Some(true), None) => self.inst_error(bi, ii, format!("`{kind}` must define a value")),
            (Some(false), Some(_)) => {
                self.inst_error(bi, ii, format!("`{kind}` cannot define a value"))
            }
            _ => {}
        }
        for bc in kind.targets() {
            if !self.block_exists(bc.block) {
                self.inst_error(bi, ii, format!("jump to nonexistent {}", bc.block));
                continue;
            }
            let want = f.block(bc.block).params.len();
            if bc.args.len() != want {
                let msg = format!(
                    "{} takes {want} argument(s), the jump passes {}",
                    bc.block,
                    bc.args.len()
                );
                self.inst_error(bi, ii, msg);
            }
        }
        let nparams = f.params.required + f.params.optional;
        match kind {
            InstKind::CatchUnwind if ii != 0 || !in_handler => self.inst_error(
                bi,
                ii,
                "catch_unwind is not the first instruction of a handler block".into(),
            ),
            InstKind::LoadLocal(l) | InstKind::StoreLocal(l, _) if l.index() >= f.locals.len() => {
                let msg = format!("local {l} does not exist ({} locals)", f.locals.len());
                self.inst_error(bi, ii, msg)
            }
            InstKind::Arg(i) if *i >= nparams => {
                let msg = format!("arg {i} is past the {nparams} parameter(s)");
                self.inst_error(bi, ii, msg)
            }
            InstKind::ArgGiven(n) if *n > nparams => {
                let msg = format!("arg_given {n} is past the {nparams} parameter(s)");
                self.inst_error(bi, ii, msg)
            }
            InstKind::ScopeLoad { scope, slot } | InstKind::ScopeStore { scope, slot, .. }
                if self.is_own_scope(*scope) && *slot as usize >= f.scope.len() =>
            {
                let msg = format!("scope slot {slot} does not exist ({} slots)", f.scope.len());
                self.inst_error(bi, ii, msg);
            }
            InstKind::Call(c)
                if c.vcall && (c.recv.is_some() || !c.args.is_empty() || c.block.is_some()) =>
            {
                let msg = "a vcall (bare identifier) has a receiver, arguments or a block";
                self.inst_error(bi, ii, msg.into())
            }
            InstKind::Guard { resume, .. } => match f.phase {
                Phase::Ir0 => self.inst_error(bi, ii, "guard in IR0".into()),
                Phase::Speculative => match resume.inline_chain.first() {
                    None if resume.ipc.0 >= f.next_ipc => {
                        let msg = format!(
                            "guard resumes at {}, not below next_ipc {}",
                            resume.ipc, f.next_ipc
                        );
                        self.inst_error(bi, ii, msg)
                    }
                    Some(outer) if outer.call_site.0 >= f.next_ipc => {
                        let msg = format!(
                            "guard's outermost inlined call site {} is not below next_ipc {}",
                            outer.call_site, f.next_ipc
                        );
                        self.inst_error(bi, ii, msg)
                    }
                    _ => {}
                },
            },
            _ => {}
        }
    }

    /// Whether `t` is defined by a `scope_new` of this function.
    fn is_own_scope(&self, t: TempId) -> bool {
        match self.def_index.get(&t).map(|&i| self.def_sites[i as usize]) {
            Some(DefSite::Inst(b, i)) => {
                matches!(self.f.blocks[b.index()].insts[i].kind, InstKind::ScopeNew)
            }
            _ => false,
        }
    }

    /// The must-be-defined dataflow: `avail_in[b]` = params of `b` and the intersection,
    /// over the edges into `b` from reachable blocks, of what each edge carries (all that
    /// is defined at the end of the source for a jump; what is defined on entry to the
    /// source for an unwind edge).
    fn compute_avail(&mut self) {
        let f = self.f;
        let n = f.blocks.len();
        let nd = self.def_sites.len();
        let mut params = vec![BitSet::new(nd); n];
        let mut defs = vec![BitSet::new(nd); n];
        for (bi, b) in f.blocks.iter().enumerate() {
            for p in &b.params {
                params[bi].insert(self.def_index[p] as usize);
            }
            for inst in &b.insts {
                if let Some(d) = inst.dst {
                    defs[bi].insert(self.def_index[&d] as usize);
                }
            }
        }
        let full = BitSet::full(nd);
        let mut avail_in: Vec<BitSet> = (0..n)
            .map(|bi| {
                if self.cfg.is_reachable(BlockId(bi as u32)) {
                    full.clone()
                } else {
                    BitSet::new(nd)
                }
            })
            .collect();
        if n == 0 || !self.block_exists(f.entry) {
            self.avail_in = avail_in;
            return;
        }
        let mut changed = true;
        let mut meet = BitSet::new(nd);
        let mut carried = BitSet::new(nd);
        while changed {
            changed = false;
            for &b in self.cfg.rpo() {
                let bi = b.index();
                if b == f.entry {
                    meet.clear();
                } else {
                    meet.clone_from(&full);
                    for &p in self.cfg.predecessors(b) {
                        if !self.cfg.is_reachable(p) {
                            continue;
                        }
                        let kind = self
                            .cfg
                            .edges(p)
                            .iter()
                            .find(|(s, _)| *s == b)
                            .map(|(_, k)| *k);
                        carried.clone_from(&avail_in[p.index()]);
                        if kind == Some(EdgeKind::Jump) {
                            carried.union_with(&defs[p.index()]);
                        }
                        meet.intersect_with(&carried);
                    }
                }
                meet.union_with(&params[bi]);
                if meet != avail_in[bi] {
                    avail_in[bi].clone_from(&meet);
                    changed = true;
                }
            }
        }
        self.avail_in = avail_in;
    }

    /// Calls `visit(block, index, inst, available)` for every instruction of every
    /// reachable block, with the dense set of temps available just before it.
    fn walk_available(&self, mut visit: impl FnMut(usize, usize, &'f Inst, &BitSet)) {
        let f = self.f;
        let mut avail = BitSet::new(self.def_sites.len());
        for &b in self.cfg.rpo() {
            let bi = b.index();
            avail.clone_from(&self.avail_in[bi]);
            for (ii, inst) in f.blocks[bi].insts.iter().enumerate() {
                visit(bi, ii, inst, &avail);
                if let Some(d) = inst.dst {
                    avail.insert(self.def_index[&d] as usize);
                }
            }
        }
    }

    fn check_uses(&mut self) {
        let f = self.f;
        let mut found = Vec::new();
        self.walk_available(|bi, ii, inst, avail| {
            inst.kind.for_each_use(|t| match self.def_index.get(&t) {
                None => found.push((bi, ii, format!("use of undefined {t}"))),
                Some(&d) if !avail.contains(d as usize) => found.push((
                    bi,
                    ii,
                    format!("{t} is not defined on every path to this use"),
                )),
                _ => {}
            });
        });
        for (bi, b) in f.blocks.iter().enumerate() {
            if self.cfg.is_reachable(BlockId(bi as u32)) {
                continue;
            }
            for (ii, inst) in b.insts.iter().enumerate() {
                inst.kind.for_each_use(|t| {
                    if !self.def_index.contains_key(&t) {
                        found.push((bi, ii, format!("use of undefined {t}")));
                    }
                });
            }
        }
        for (bi, ii, msg) in found {
            self.inst_error(bi, ii, msg);
        }
    }

    fn check_deleted(&mut self) {
        let f = self.f;
        if f.phase == Phase::Ir0 {
            return; // a non-empty table is already an error (`check_function`)
        }
        let mut seen: FxHashMap<TempId, ()> = FxHashMap::default();
        for (t, r) in &f.deleted.entries {
            let key = (2, 0, 0);
            let err =
                |v: &mut Self, m: String| v.error(key, None, None, format!("deleted {t}: {m}"));
            if t.0 >= f.next_temp {
                err(self, format!("{t} is not below next_temp {}", f.next_temp));
            }
            if seen.insert(*t, ()).is_some() {
                err(self, "more than one entry".into());
            }
            if let Some(&d) = self.def_index.get(t) {
                let site = match self.def_sites[d as usize] {
                    DefSite::Param(b) => format!("as a parameter of {b}"),
                    DefSite::Inst(b, i) => format!("at {b} {}", f.blocks[b.index()].insts[i].ipc),
                };
                err(self, format!("still defined in the version ({site})"));
            }
            if let Some(src) = rebuild_source(r) {
                if src.0 >= f.next_temp {
                    err(
                        self,
                        format!("source {src} is not below next_temp {}", f.next_temp),
                    );
                }
            }
        }
    }

    /// Invariants 4-6 against the IR0 of the function.
    fn check_against_ir0(&mut self, ir0: &Function) {
        let f = self.f;
        if ir0.id != f.id {
            self.func_error(format!(
                "checked against the IR0 of another function ({} {})",
                ir0.id, ir0.name
            ));
            return;
        }
        if ir0.phase != Phase::Ir0 {
            self.func_error(format!(
                "{} {} given as IR0 is in phase {}",
                ir0.id, ir0.name, ir0.phase
            ));
        }
        if f.next_temp < ir0.next_temp {
            self.func_error(format!(
                "next_temp {} went below IR0's {} (temps are never reused)",
                f.next_temp, ir0.next_temp
            ));
        }
        let ir0_live = crate::cfg::liveness(ir0);
        let deleted: FxHashMap<TempId, &Rebuild> =
            f.deleted.entries.iter().map(|(t, r)| (*t, r)).collect();
        let mut found = Vec::new();
        self.walk_available(|bi, ii, inst, avail| {
            let InstKind::Guard { resume, .. } = &inst.kind else {
                return;
            };
            if !resume.inline_chain.is_empty() {
                // TODO(inlining): the resume `Ipc` is in the innermost callee's IR0 and each
                // frame needs that callee's liveness at its call site; check them once the
                // callee IR0s are reachable from here (through the `Oracle`).
                return;
            }
            let Some((rb, ri)) = ir0.find_ipc(resume.ipc) else {
                found.push((
                    bi,
                    ii,
                    format!(
                        "guard resumes at {}, which is not an instruction of IR0",
                        resume.ipc
                    ),
                ));
                return;
            };
            // TODO(locals): IR0 also needs its locals at the resume point; a version keeps
            // them in the frame today, so only temps are checked. Once a pass promotes locals
            // to temps, check that every local IR0 may read after the resume is rebuildable.
            let available = |t: TempId| {
                self.def_index
                    .get(&t)
                    .is_some_and(|&d| avail.contains(d as usize))
            };
            for t in ir0_live.live_before(ir0, rb, ri).temps() {
                if available(t) {
                    continue;
                }
                if let Err(why) = rebuildable(t, &deleted, &available, 0) {
                    found.push((
                        bi,
                        ii,
                        format!(
                            "guard resuming at {} cannot rebuild {t}, live in IR0 there: {why}",
                            resume.ipc
                        ),
                    ));
                }
            }
        });
        for (bi, ii, msg) in found {
            self.inst_error(bi, ii, msg);
        }
    }
}

/// The temp a rebuild reads, if any.
fn rebuild_source(r: &Rebuild) -> Option<TempId> {
    match r {
        Rebuild::Const(_) => None,
        Rebuild::Temp(t) | Rebuild::BoxInt(t) | Rebuild::BoxFloat(t) => Some(*t),
    }
}

/// Whether deleted temp `t` can be rebuilt at a guard where `available` temps are live:
/// its entry's source is available, or deleted and itself rebuildable.
fn rebuildable(
    t: TempId,
    deleted: &FxHashMap<TempId, &Rebuild>,
    available: &dyn Fn(TempId) -> bool,
    depth: usize,
) -> Result<(), String> {
    let Some(r) = deleted.get(&t) else {
        return Err("not available at the guard and not in the deleted-temp table".into());
    };
    if depth > deleted.len() {
        return Err("its deleted-temp entries form a cycle".into());
    }
    match rebuild_source(r) {
        None => Ok(()),
        Some(s) if available(s) => Ok(()),
        Some(s) if deleted.contains_key(&s) => rebuildable(s, deleted, available, depth + 1),
        Some(s) => Err(format!(
            "its deleted-temp entry `{r}` needs {s}, which is not available at the guard"
        )),
    }
}

/// The name the verifier gives a function in its errors (`fn3 Foo#bar`).
pub fn function_label(f: &Function) -> String {
    format!("{} {}", f.id, f.name)
}
