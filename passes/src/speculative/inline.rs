//! Monomorphic call inlining, with the block given to the call.
//!
//! For each call whose profile saw one receiver class, resolving to a small Ruby method,
//! the callee's IR0 is copied into the version behind a `method` guard (the receiver has
//! that class and the name still resolves to that method: a class guard and a guard
//! against redefinition in one), which resumes at the IR0 call instruction. When the
//! callee yields and the call passes a literal block, the block's IR0 is inlined at each
//! `yield`, so that `arr.each { |x| sum += x }` or `n.times { ... }` become a loop in the
//! caller with no call left; the block object itself is then removed, and a deopt makes it
//! again (`FrameValue::Block`).
//!
//! - Assumes: a speculative version with profiles (its own in the context, the callees'
//!   through the oracle); runs first in the speculative pipeline, before any guard exists
//!   (frame states are built from the `InlineSite` maps it records).
//! - Guarantees: each inlined method is recorded in `Function::assumptions` (its `method`
//!   guard checks it at each entry; the registry drops the version at once when it is
//!   redefined); temps of inlined code are fresh temps of the version (invariant 3); each
//!   inlined instruction keeps its callee's `Ipc` and names its inline context; calls in
//!   inlined code can be inlined in turn, up to a depth and size budget; sites whose
//!   speculation failed before are left alone.
//! - Refuses private methods called with an explicit receiver (a NoMethodError there),
//!   callees with `rescue`/`ensure`, `super`, definitions, or constants looked up
//!   in another lexical scope, and blocks that `yield` themselves, make a scope of their
//!   own, or `return` from an inlined method.
//! - Invalidates everything (blocks are split and added). Not idempotent: it inlines what
//!   is left inlinable.

use super::ctx_func;
use super::framestate::FrameStates;
use ir::pass::{Oracle, Pass, PassContext, PassError, ResolvedMethod};
use ir::profile::{Profile, SiteProfile};
use ir::*;
use rustc_hash::{FxHashMap, FxHashSet};

/// The largest callee (in instructions) that is inlined.
const MAX_CALLEE: usize = 120;
/// The deepest nesting of inlined code.
const MAX_DEPTH: usize = 4;
/// Stop inlining once the version has this many instructions.
const MAX_TOTAL: usize = 4000;

/// A call site chosen for inlining.
struct Candidate {
    block: BlockId,
    index: usize,
    class: ClassId,
    callee: FuncId,
    /// The callee's lexical class.
    cref: ClassId,
}

/// A literal block given to the call, to inline at each `yield`.
struct BlockInfo {
    func: FuncId,
    /// The version temp of the closure (`make_block`).
    temp: TempId,
    /// The scope it captures (a version temp), if any.
    scope: Option<TempId>,
    /// The inline context the block was made in.
    ctx: u32,
}

fn count_insts(f: &Function) -> usize {
    f.blocks.iter().map(|b| b.insts.len()).sum()
}

fn has_handlers(f: &Function) -> bool {
    f.blocks.iter().any(|b| b.handler.is_some())
}

/// Whether a block (and every block nested in it) is independent of the frame that makes
/// it: it never reads `self` (no `self`, no instance variable, no call without a
/// receiver), never uses the block or the activation of its home method (`yield`,
/// `block_given?`, a `return` from the method, `super`), and looks up no constant and
/// defines nothing (the lexical class). A block made in inlined code is made by the
/// version's frame, so it would take the version's `self`, block and activation, not those
/// of the inlined method it is written in: only such a block may be made there.
fn context_free_block(oracle: &dyn Oracle, func: FuncId, depth: u32) -> bool {
    let Some(b) = oracle.ir0(func) else {
        return false;
    };
    depth < 8
        && b.insts().all(|(_, i)| match &i.kind {
            InstKind::SelfRef
            | InstKind::IvarGet { .. }
            | InstKind::IvarSet { .. }
            | InstKind::Yield(_)
            | InstKind::BlockGiven
            | InstKind::NonLocalReturn(_)
            | InstKind::Super(_)
            | InstKind::ConstGet(_)
            | InstKind::ConstGetFrom(..)
            | InstKind::ConstSet(..)
            | InstKind::DefMethod { .. }
            | InstKind::DefClass { .. }
            | InstKind::Alias { .. } => false,
            InstKind::Call(c) => c.recv.is_some(),
            InstKind::MakeBlock { func, .. } => context_free_block(oracle, *func, depth + 1),
            _ => true,
        })
}

/// Whether a method body can be copied into another frame.
fn method_inlinable(
    callee: &Function,
    version: &Function,
    argc: usize,
    has_block: bool,
    oracle: &dyn Oracle,
) -> bool {
    if callee.kind != FuncKind::Method || has_handlers(callee) || count_insts(callee) > MAX_CALLEE {
        return false;
    }
    let p = &callee.params;
    if argc < p.required as usize || argc > (p.required + p.optional) as usize {
        return false;
    }
    callee.insts().all(|(_, i)| match &i.kind {
        InstKind::Super(_)
        | InstKind::DefMethod { .. }
        | InstKind::DefClass { .. }
        | InstKind::Alias { .. }
        | InstKind::ConstSet(..)
        | InstKind::CatchUnwind
        | InstKind::OsrLoad(_) => false,
        InstKind::ConstGet(_) | InstKind::ConstGetFrom(..) => {
            callee.lexical_path == version.lexical_path
        }
        InstKind::Yield(_) => has_block,
        InstKind::ScopeOuter(_) => false,
        // The block would be made by the version's frame (see `context_free_block`).
        InstKind::MakeBlock { func, .. } => context_free_block(oracle, *func, 0),
        _ => true,
    })
}

/// Whether a block body can be inlined at a `yield` (into `home_ctx`'s frame).
fn block_inlinable(
    b: &Function,
    version: &Function,
    home_ctx: u32,
    yields: &[usize],
    oracle: &dyn Oracle,
) -> bool {
    if has_handlers(b) || count_insts(b) > MAX_CALLEE || b.params.optional > 0 {
        return false;
    }
    if b.params.auto_splat && yields.contains(&1) {
        return false;
    }
    b.insts().all(|(_, i)| match &i.kind {
        InstKind::Super(_)
        | InstKind::DefMethod { .. }
        | InstKind::DefClass { .. }
        | InstKind::Alias { .. }
        | InstKind::ConstSet(..)
        | InstKind::CatchUnwind
        | InstKind::OsrLoad(_) => false,
        InstKind::ConstGet(_) | InstKind::ConstGetFrom(..) => {
            b.lexical_path == version.lexical_path
        }
        InstKind::Yield(_) => false,
        InstKind::ScopeOuter(d) => *d == 1,
        InstKind::NonLocalReturn(_) | InstKind::BlockGiven => home_ctx == 0,
        // A nested block made in the version's own method takes its frame's values, which
        // are right; made in an inlined method's block, it must not need them.
        InstKind::MakeBlock { func, .. } => home_ctx == 0 || context_free_block(oracle, *func, 0),
        _ => true,
    })
}

/// The function an instruction of inline context `ctx` belongs to.
struct Inliner<'a> {
    oracle: &'a dyn Oracle,
    profiles: FxHashMap<FuncId, Option<Profile>>,
    /// Call sites looked at and left alone.
    rejected: FxHashSet<(u32, Ipc)>,
}

impl<'a> Inliner<'a> {
    fn profile(&mut self, func: FuncId) -> Option<&Profile> {
        let oracle = self.oracle;
        self.profiles
            .entry(func)
            .or_insert_with(|| oracle.profile(func))
            .as_ref()
    }

    /// The next call to inline, if any.
    fn find(&mut self, f: &Function) -> Option<Candidate> {
        for b in &f.blocks {
            for (index, inst) in b.insts.iter().enumerate() {
                let InstKind::Call(call) = &inst.kind else {
                    continue;
                };
                if self.rejected.contains(&(inst.inlined, inst.ipc)) {
                    continue;
                }
                let ok = self.consider(f, inst, call);
                match ok {
                    Some((class, m)) => {
                        return Some(Candidate {
                            block: b.id,
                            index,
                            class,
                            callee: m.func,
                            cref: m.lexical_class,
                        })
                    }
                    None => {
                        self.rejected.insert((inst.inlined, inst.ipc));
                    }
                }
            }
        }
        None
    }

    fn consider(
        &mut self,
        f: &Function,
        inst: &Inst,
        call: &CallInfo,
    ) -> Option<(ClassId, ResolvedMethod)> {
        if FrameStates::chain(f, inst.inlined).len() > MAX_DEPTH || count_insts(f) > MAX_TOTAL {
            return None;
        }
        let owner = ctx_func(f, inst.inlined);
        // The prelude's calls are primitives: they call the core (native) method whatever
        // the program defined since, so what the name resolves to now is not what runs.
        if self.oracle.ir0(owner).is_some_and(|o| o.builtin) {
            return None;
        }
        let profile = self.profile(owner)?;
        if profile.failed.contains(&inst.ipc) {
            return None;
        }
        let Some(SiteProfile::Call {
            classes,
            megamorphic: false,
        }) = profile.sites.get(&inst.ipc)
        else {
            return None;
        };
        let [(class, _, _)] = classes.as_slice() else {
            return None;
        };
        let class = *class;
        let resolved = self.oracle.resolve_method(class, &call.name)?;
        // A private method called with a receiver raises NoMethodError: the call stays.
        if resolved.private && !call.fcall && call.recv.is_some() {
            return None;
        }
        let callee = resolved.func;
        if callee == f.id
            || FrameStates::chain(f, inst.inlined)
                .iter()
                .any(|&c| ctx_func(f, c) == callee)
        {
            return None; // no recursive inlining
        }
        let callee_ir0 = self.oracle.ir0(callee)?;
        if !method_inlinable(
            callee_ir0,
            f,
            call.args.len(),
            call.block.is_some(),
            self.oracle,
        ) {
            return None;
        }
        let yields: Vec<usize> = callee_ir0
            .insts()
            .filter_map(|(_, i)| match &i.kind {
                InstKind::Yield(a) => Some(a.len()),
                _ => None,
            })
            .collect();
        if !yields.is_empty() {
            let info = block_info(f, call.block?)?;
            let b = self.oracle.ir0(info.func)?;
            if !block_inlinable(b, f, info.ctx, &yields, self.oracle) {
                return None;
            }
        }
        Some((class, resolved))
    }
}

/// The literal block a temp holds, if a `make_block` in the version defines it.
fn block_info(f: &Function, t: TempId) -> Option<BlockInfo> {
    f.insts().find_map(|(_, i)| match &i.kind {
        InstKind::MakeBlock { func, scope } if i.dst == Some(t) => Some(BlockInfo {
            func: *func,
            temp: t,
            scope: *scope,
            ctx: i.inlined,
        }),
        _ => None,
    })
}

/// The frame value of `self` in an inline context (and a temp holding it, made if needed).
fn ctx_self(f: &Function, ctx: u32) -> FrameValue {
    if ctx == 0 {
        FrameValue::VersionSelf
    } else {
        f.inline_sites[(ctx - 1) as usize].self_val.clone()
    }
}

/// The lexical class of an inline context's frames (`None`: the version frame's own).
fn ctx_cref(f: &Function, ctx: u32) -> Option<ClassId> {
    if ctx == 0 {
        None
    } else {
        f.inline_sites[(ctx - 1) as usize].cref
    }
}

fn ctx_block(f: &Function, ctx: u32) -> FrameValue {
    if ctx == 0 {
        FrameValue::VersionBlock
    } else {
        f.inline_sites[(ctx - 1) as usize].block.clone()
    }
}

/// Copies callee code into the version.
struct Copier<'f> {
    f: &'f mut Function,
    ctx: u32,
    temps: FxHashMap<TempId, TempId>,
    locals: FxHashMap<LocalId, LocalId>,
    blocks: FxHashMap<BlockId, BlockId>,
    handler: Option<BlockId>,
}

impl<'f> Copier<'f> {
    fn temp(&mut self, t: TempId) -> TempId {
        if let Some(&n) = self.temps.get(&t) {
            return n;
        }
        let n = self.f.new_temp();
        self.temps.insert(t, n);
        n
    }

    fn local(&mut self, l: LocalId, callee: &Function) -> LocalId {
        if let Some(&n) = self.locals.get(&l) {
            return n;
        }
        let name = callee
            .locals
            .get(l.index())
            .map(|x| x.name.clone())
            .unwrap_or_default();
        let n = self.f.add_local(&format!("{name}@{}", callee.id));
        self.locals.insert(l, n);
        n
    }

    fn block(&mut self, b: BlockId) -> BlockId {
        if let Some(&n) = self.blocks.get(&b) {
            return n;
        }
        let n = self.f.new_block();
        self.f.block_mut(n).handler = self.handler;
        self.blocks.insert(b, n);
        n
    }

    fn push(&mut self, into: BlockId, src: &Inst, kind: InstKind, dst: Option<TempId>) {
        let inst = Inst {
            ipc: src.ipc,
            dst,
            kind,
            line: src.line,
            inlined: self.ctx,
        };
        self.f.block_mut(into).insts.push(inst);
    }
}

/// What the copy of a callee does with its special instructions.
enum Role<'b> {
    /// A method: `self` is `recv`, arguments are `args`, `yield` inlines `block`.
    Method {
        recv: TempId,
        args: &'b [TempId],
        block: Option<&'b BlockInfo>,
        oracle: &'b dyn Oracle,
        cont: BlockId,
    },
    /// A block inlined at a `yield`: `next` continues at `ycont`, `break` at `cont` (the
    /// call's continuation).
    Block {
        self_temp: Option<TempId>,
        args: &'b [TempId],
        scope: Option<TempId>,
        ycont: BlockId,
        cont: BlockId,
    },
}

/// Copies `callee` (IR0) into `f` in context `ctx`; returns its entry block.
fn copy_body(
    f: &mut Function,
    callee: &Function,
    ctx: u32,
    handler: Option<BlockId>,
    role: &Role,
    temps_out: &mut FxHashMap<TempId, TempId>,
    locals_out: &mut FxHashMap<LocalId, LocalId>,
) -> Result<BlockId, String> {
    let mut c = Copier {
        f,
        ctx,
        temps: FxHashMap::default(),
        locals: FxHashMap::default(),
        blocks: FxHashMap::default(),
        handler,
    };
    // Aliases: callee temps that are just another version temp.
    for (_, i) in callee.insts() {
        let Some(d) = i.dst else { continue };
        match (&i.kind, role) {
            (InstKind::Arg(k), Role::Method { args, .. })
            | (InstKind::Arg(k), Role::Block { args, .. }) => {
                if let Some(a) = args.get(*k as usize) {
                    c.temps.insert(d, *a);
                }
            }
            (InstKind::SelfRef, Role::Method { recv, .. }) => {
                c.temps.insert(d, *recv);
            }
            (
                InstKind::SelfRef,
                Role::Block {
                    self_temp: Some(s), ..
                },
            ) => {
                c.temps.insert(d, *s);
            }
            (InstKind::ScopeOuter(1), Role::Block { scope: Some(s), .. }) => {
                c.temps.insert(d, *s);
            }
            _ => {}
        }
    }
    for l in 0..callee.locals.len() as u32 {
        c.local(LocalId(l), callee);
    }
    let entry = c.block(callee.entry);
    for b in &callee.blocks {
        let mut cur = c.block(b.id);
        let params: Vec<TempId> = b.params.iter().map(|p| c.temp(*p)).collect();
        c.f.block_mut(cur).params = params;
        for i in &b.insts {
            let dst = i.dst.map(|d| c.temp(d));
            let mut kind = i.kind.clone();
            // Aliased definitions vanish.
            match (&kind, role) {
                (InstKind::Arg(k), Role::Method { args, .. })
                | (InstKind::Arg(k), Role::Block { args, .. })
                    if (*k as usize) < args.len() =>
                {
                    continue
                }
                (InstKind::SelfRef, Role::Method { .. })
                | (
                    InstKind::SelfRef,
                    Role::Block {
                        self_temp: Some(_), ..
                    },
                ) => continue,
                (InstKind::ScopeOuter(1), Role::Block { scope: Some(_), .. }) => continue,
                _ => {}
            }
            kind = match kind {
                InstKind::Arg(_) => InstKind::Const(Const::Nil),
                InstKind::ArgGiven(n) => {
                    let argc = match role {
                        Role::Method { args, .. } | Role::Block { args, .. } => args.len() as u32,
                    };
                    InstKind::Const(if argc >= n { Const::True } else { Const::False })
                }
                InstKind::BlockGiven => match role {
                    Role::Method { block, .. } => InstKind::Const(if block.is_some() {
                        Const::True
                    } else {
                        Const::False
                    }),
                    Role::Block { .. } => InstKind::BlockGiven,
                },
                InstKind::LoadLocal(l) => InstKind::LoadLocal(c.local(l, callee)),
                InstKind::StoreLocal(l, t) => InstKind::StoreLocal(c.local(l, callee), t),
                InstKind::Return(v) => match role {
                    Role::Method { cont, .. } => InstKind::Jump(BlockCall::with_args(*cont, &[v])),
                    Role::Block { ycont, .. } => InstKind::Jump(BlockCall::with_args(*ycont, &[v])),
                },
                InstKind::BlockBreak(v) => match role {
                    Role::Block { cont, .. } => InstKind::Jump(BlockCall::with_args(*cont, &[v])),
                    Role::Method { .. } => return Err("break in a method".into()),
                },
                // A `return` in a block whose home is the version's own frame: a method
                // version returns; a block version returns from its home method, as the
                // block itself would.
                InstKind::NonLocalReturn(v) if !matches!(c.f.kind, FuncKind::Block { .. }) => {
                    InstKind::Return(v)
                }
                // The callee's own dynscope: its parent is the frame's captured scope,
                // which in the version is a temp (or none for a method).
                InstKind::ScopeNew => match role {
                    Role::Method { .. } => InstKind::ScopeNewIn {
                        parent: None,
                        size: callee.scope.len() as u32,
                    },
                    Role::Block { scope, .. } => InstKind::ScopeNewIn {
                        parent: *scope,
                        size: callee.scope.len() as u32,
                    },
                },
                other => other,
            };
            // Operands and targets into the version's names (the aliases apply here).
            kind.for_each_use_mut(|t| {
                *t = match c.temps.get(t) {
                    Some(&n) => n,
                    None => {
                        let n = c.f.new_temp();
                        c.temps.insert(*t, n);
                        n
                    }
                }
            });
            if let InstKind::Jump(_) | InstKind::Branch { .. } = kind {
                let is_cont = |blk: BlockId| match role {
                    Role::Method { cont, .. } => blk == *cont,
                    Role::Block { ycont, cont, .. } => blk == *ycont || blk == *cont,
                };
                let mut targets: Vec<BlockId> = kind.targets().iter().map(|bc| bc.block).collect();
                // Returns and breaks were rewritten to continuation jumps above; other
                // targets are callee blocks.
                let orig_is_ret = matches!(i.kind, InstKind::Return(_) | InstKind::BlockBreak(_));
                if !orig_is_ret {
                    for t in targets.iter_mut() {
                        *t = c.block(*t);
                    }
                    for (bc, t) in kind.targets_mut().into_iter().zip(targets) {
                        bc.block = t;
                    }
                } else {
                    debug_assert!(targets.iter().all(|t| is_cont(*t)));
                }
            }
            // A block's own dynscope has the block's captured scope as its parent.
            if let (InstKind::ScopeNewIn { parent, .. }, Role::Block { scope, .. }) =
                (&mut kind, role)
            {
                *parent = *scope;
            }
            // A call on the callee's self (a version temp, so after the renaming above),
            // with its private access (a `vcall` stays one: a miss is still a NameError).
            if let InstKind::Call(ci) = &mut kind {
                if ci.recv.is_none() {
                    let own_self = match role {
                        Role::Method { recv, .. } => Some(*recv),
                        Role::Block { self_temp, .. } => *self_temp,
                    };
                    if let Some(s) = own_self {
                        ci.recv = Some(s);
                        ci.fcall = true;
                    }
                }
            }
            // `yield`: inline the block here, continuing in a new block.
            if let InstKind::Yield(args) = &kind {
                let Role::Method {
                    block: Some(info),
                    oracle,
                    cont,
                    ..
                } = role
                else {
                    return Err("yield without a block".into());
                };
                let bfun = oracle.ir0(info.func).ok_or("no IR0 for the block")?;
                let ycont = c.f.new_block();
                c.f.block_mut(ycont).handler = c.handler;
                let yparam = dst.unwrap_or_else(|| c.f.new_temp());
                c.f.block_mut(ycont).params.push(yparam);
                // The block's frame: self and block of the frame that made it.
                let self_temp = match ctx_self(c.f, info.ctx) {
                    FrameValue::Temp(t) => Some(t),
                    _ => None,
                };
                let kb = c.f.inline_sites.len() as u32 + 1;
                c.f.inline_sites.push(InlineSite {
                    callee: info.func,
                    parent: ctx,
                    call_site: i.ipc,
                    temps: Default::default(),
                    locals: Default::default(),
                    self_val: ctx_self(c.f, info.ctx),
                    block: ctx_block(c.f, info.ctx),
                    outer_scope: info.scope.map(FrameValue::Temp).unwrap_or(FrameValue::Nil),
                    block_obj: FrameValue::Temp(info.temp),
                    home: info.ctx,
                    argc: args.len() as u32,
                    cref: ctx_cref(c.f, info.ctx),
                });
                let brole = Role::Block {
                    self_temp,
                    args,
                    scope: info.scope,
                    ycont,
                    cont: *cont,
                };
                let mut bt = FxHashMap::default();
                let mut bl = FxHashMap::default();
                let bentry = copy_body(c.f, bfun, kb, c.handler, &brole, &mut bt, &mut bl)?;
                // `self` of a block made in the version's own frame is the frame's self.
                let site = &mut c.f.inline_sites[(kb - 1) as usize];
                site.temps = bt.into_iter().collect();
                site.locals = bl.into_iter().collect();
                let jump = Inst {
                    ipc: i.ipc,
                    dst: None,
                    kind: InstKind::Jump(BlockCall::new(bentry)),
                    line: i.line,
                    inlined: ctx,
                };
                c.f.block_mut(cur).insts.push(jump);
                cur = ycont;
                continue;
            }
            c.push(cur, i, kind, dst);
        }
    }
    // The callee's locals are nil at every entry, as a new frame's are: the copy may run
    // again in the same version frame (a block inlined into a loop, a method inlined in
    // one), and must not read what its last run left (seed 721352 of the third campaign:
    // `x = (x || 0) + i` in an inlined block summed across iterations).
    if let Some(first) = callee.block(callee.entry).insts.first() {
        let mut locals: Vec<LocalId> = c.locals.values().copied().collect();
        locals.sort_by_key(|l| l.index());
        if !locals.is_empty() {
            let nil = c.f.new_temp();
            let at = |dst, kind| Inst {
                ipc: first.ipc,
                dst,
                kind,
                line: first.line,
                inlined: ctx,
            };
            let mut init = vec![at(Some(nil), InstKind::Const(Const::Nil))];
            init.extend(
                locals
                    .into_iter()
                    .map(|l| at(None, InstKind::StoreLocal(l, nil))),
            );
            c.f.block_mut(entry).insts.splice(0..0, init);
        }
    }
    *temps_out = c.temps;
    *locals_out = c.locals;
    Ok(entry)
}

/// Inlines one call; returns an error (and leaves `f` untouched) when it cannot.
fn inline_one(f: &mut Function, cand: &Candidate, oracle: &dyn Oracle) -> Result<(), String> {
    let snapshot = f.clone();
    let r = inline_one_inner(f, cand, oracle);
    if r.is_err() {
        *f = snapshot;
    }
    r
}

fn inline_one_inner(f: &mut Function, cand: &Candidate, oracle: &dyn Oracle) -> Result<(), String> {
    let call_inst = f.block(cand.block).insts[cand.index].clone();
    let InstKind::Call(call) = &call_inst.kind else {
        return Err("not a call".into());
    };
    let ctx = call_inst.inlined;
    let callee = oracle.ir0(cand.callee).ok_or("no callee IR0")?;
    let block = match call.block {
        Some(t) => Some(block_info(f, t).ok_or("block is not a literal")?),
        None => None,
    };
    // The guard's frame state: before the call, in the call's context.
    let resume =
        FrameStates::new(oracle).resume_at(f, ctx, call_inst.ipc, DeoptReason::ClassGuard)?;
    // Split the block at the call: the rest continues in `cont`, whose parameter is the
    // call's result (the same temp).
    let handler = f.block(cand.block).handler;
    let cont = f.new_block();
    f.block_mut(cont).handler = handler;
    let rest: Vec<Inst> = f.block_mut(cand.block).insts.split_off(cand.index + 1);
    f.block_mut(cand.block).insts.pop(); // the call
    f.block_mut(cont).insts = rest;
    let result = call_inst.dst.unwrap_or_else(|| f.new_temp());
    f.block_mut(cont).params.push(result);
    // The receiver: explicit, or the caller's self.
    let recv = match call.recv {
        Some(r) => r,
        None => match ctx_self(f, ctx) {
            FrameValue::Temp(t) => t,
            _ => {
                let t = f.new_temp();
                f.block_mut(cand.block).insts.push(Inst {
                    ipc: call_inst.ipc,
                    dst: Some(t),
                    kind: InstKind::SelfRef,
                    line: call_inst.line,
                    inlined: ctx,
                });
                t
            }
        },
    };
    let guard = Inst {
        ipc: call_inst.ipc,
        dst: None,
        kind: InstKind::Guard {
            check: GuardCheck::Method {
                recv,
                class: cand.class,
                name: call.name.clone(),
                func: cand.callee,
            },
            resume: Box::new(resume),
        },
        line: call_inst.line,
        inlined: ctx,
    };
    f.block_mut(cand.block).insts.push(guard);
    // The guard checks the lookup at each entry; registering it too lets a redefinition
    // stop new calls from entering the version at once (invariant 8).
    let assumed = Assumption::Method {
        class: cand.class,
        name: call.name.clone(),
        func: cand.callee,
    };
    if !f.assumptions.contains(&assumed) {
        f.assumptions.push(assumed);
    }
    let k = f.inline_sites.len() as u32 + 1;
    f.inline_sites.push(InlineSite {
        callee: cand.callee,
        parent: ctx,
        call_site: call_inst.ipc,
        temps: Default::default(),
        locals: Default::default(),
        self_val: FrameValue::Temp(recv),
        block: call.block.map(FrameValue::Temp).unwrap_or(FrameValue::Nil),
        outer_scope: FrameValue::Nil,
        block_obj: FrameValue::Nil,
        home: k,
        argc: call.args.len() as u32,
        cref: Some(cand.cref),
    });
    let role = Role::Method {
        recv,
        args: &call.args,
        block: block.as_ref(),
        oracle,
        cont,
    };
    let mut temps = FxHashMap::default();
    let mut locals = FxHashMap::default();
    let entry = copy_body(f, callee, k, handler, &role, &mut temps, &mut locals)?;
    let site = &mut f.inline_sites[(k - 1) as usize];
    site.temps = temps.into_iter().collect();
    site.locals = locals.into_iter().collect();
    f.block_mut(cand.block).insts.push(Inst {
        ipc: call_inst.ipc,
        dst: None,
        kind: InstKind::Jump(BlockCall::new(entry)),
        line: call_inst.line,
        inlined: ctx,
    });
    Ok(())
}

/// Removes `make_block`s that only resume points still use: a deopt makes the closure
/// again (`FrameValue::Block`).
fn remove_dead_blocks(f: &mut Function) -> bool {
    let mut used: FxHashSet<TempId> = FxHashSet::default();
    for (_, i) in f.insts() {
        i.kind.for_each_operand(&mut |t| {
            used.insert(t);
        });
    }
    let mut dead: Vec<(TempId, FuncId, Option<TempId>, u32)> = Vec::new();
    for (_, i) in f.insts() {
        if let (InstKind::MakeBlock { func, scope }, Some(d)) = (&i.kind, i.dst) {
            if !used.contains(&d) {
                dead.push((d, *func, *scope, i.inlined));
            }
        }
    }
    if dead.is_empty() {
        return false;
    }
    let values: FxHashMap<TempId, (FuncId, Option<TempId>, u32)> = dead
        .iter()
        .map(|(d, fu, s, c)| (*d, (*fu, *s, *c)))
        .collect();
    let make = |f: &Function, t: TempId, home_of: &dyn Fn(u32) -> u32| -> Option<FrameValue> {
        dead_block(f, &values, t, home_of, 0)
    };
    // Resume points: `home` is a frame index of the guard's chain.
    let snapshot = f.clone();
    for b in &mut f.blocks {
        for i in &mut b.insts {
            let ctx = i.inlined;
            let Some(r) = i.kind.resume_point_mut() else {
                continue;
            };
            let chain = FrameStates::chain(&snapshot, ctx);
            for fr in &mut r.frames {
                fr.for_each_value_mut(&mut |v| {
                    v.rewrite(&mut |x| {
                        if let FrameValue::Temp(t) = x {
                            let home_of =
                                |c: u32| chain.iter().position(|y| *y == c).unwrap_or(0) as u32;
                            if let Some(nv) = make(&snapshot, *t, &home_of) {
                                *x = nv;
                            }
                        }
                    })
                });
            }
        }
    }
    // Inline sites (used to build later frame states): `home` is a context there.
    for s in 0..f.inline_sites.len() {
        let mut site = f.inline_sites[s].clone();
        for v in [
            &mut site.self_val,
            &mut site.block,
            &mut site.outer_scope,
            &mut site.block_obj,
        ] {
            v.rewrite(&mut |x| {
                if let FrameValue::Temp(t) = x {
                    if let Some(nv) = make(&snapshot, *t, &|c| c) {
                        *x = nv;
                    }
                }
            });
        }
        f.inline_sites[s] = site;
    }
    for b in &mut f.blocks {
        b.insts.retain(|i| {
            !(matches!(i.kind, InstKind::MakeBlock { .. })
                && i.dst.map(|d| values.contains_key(&d)).unwrap_or(false))
        });
    }
    true
}

/// The closure that the removed `make_block` of `t` made, as a frame value (`None` when
/// `t` is not one of `dead`), its `home` given by `home_of` from its inline context.
/// What it holds may be a removed closure too: a block passed on to an inlined method
/// that makes a block of its own holds the first block as its `home_block`; those are
/// made the same way, with the same ids, so that a deopt makes each closure once.
fn dead_block(
    f: &Function,
    dead: &FxHashMap<TempId, (FuncId, Option<TempId>, u32)>,
    t: TempId,
    home_of: &dyn Fn(u32) -> u32,
    depth: u32,
) -> Option<FrameValue> {
    let (func, scope, ctx) = dead.get(&t)?;
    let mut parts = [
        ctx_self(f, *ctx),
        scope.map(FrameValue::Temp).unwrap_or(FrameValue::Nil),
        ctx_block(f, *ctx),
    ];
    // A closure cannot hold itself; the bound only guards against a malformed chain.
    if depth < 64 {
        for p in &mut parts {
            p.rewrite(&mut |x| {
                if let FrameValue::Temp(u) = x {
                    if let Some(nv) = dead_block(f, dead, *u, home_of, depth + 1) {
                        *x = nv;
                    }
                }
            });
        }
    }
    let [self_val, scope, home_block] = parts;
    Some(FrameValue::Block {
        id: t.0,
        func: *func,
        self_val: Box::new(self_val),
        scope: Box::new(scope),
        home_block: Box::new(home_block),
        home: home_of(*ctx),
    })
}

/// Inlines every inlinable monomorphic call. Returns whether anything changed.
pub fn inline_calls(f: &mut Function, cx: &PassContext) -> Result<bool, String> {
    let mut inl = Inliner {
        oracle: cx.oracle,
        profiles: FxHashMap::default(),
        rejected: FxHashSet::default(),
    };
    if let Some(p) = cx.profile {
        inl.profiles.insert(f.id, Some(p.clone()));
    }
    let mut changed = false;
    while let Some(cand) = inl.find(f) {
        let key = {
            let i = &f.block(cand.block).insts[cand.index];
            (i.inlined, i.ipc)
        };
        match inline_one(f, &cand, cx.oracle) {
            Ok(()) => changed = true,
            Err(_) => {
                inl.rejected.insert(key);
            }
        }
    }
    if changed {
        remove_dead_blocks(f);
    }
    Ok(changed)
}

/// The `inline` pass.
pub struct Inline;

impl Pass for Inline {
    fn name(&self) -> &'static str {
        "inline"
    }
    fn speculative(&self) -> bool {
        true
    }
    fn run(&self, func: &mut Function, cx: &PassContext) -> Result<bool, PassError> {
        inline_calls(func, cx).map_err(|message| PassError {
            pass: "inline",
            message,
        })
    }
}
