//! Lowering the AST to IR0 (the "full build"): one `ir::Function` for the script body,
//! each method, each block and each class body.
//!
//! - Ruby variables become frame locals, or dynscope slots when a block captures them
//!   (see [`crate::scopes`]). Expression values are temps; values that merge after a
//!   branch (`a ? b : c`, `x || y`, loop results) are block parameters.
//! - `begin/rescue/else/ensure` becomes handler blocks: the protected blocks name the
//!   handler, which catches the unwind, tests the rescue classes, and resumes the unwind
//!   when none matches. An `ensure` body is emitted on every way out: after the normal
//!   path, in its handler (then the unwind resumes), and before each `break`, `next` and
//!   `return` that leaves it with a jump.
//! - `break` in a block unwinds to the call that was given the block (`BlockBreak`);
//!   `next` in a block returns from the block; `return` in a block unwinds to the method
//!   it was written in (`NonLocalReturn`).
//!
//! Constructs outside the language are rejected with `unsupported: ...` at their place.

use crate::ast::*;
use crate::scopes::{self, ScopeInfo, Scopes};
use ir::*;
use rustc_hash::FxHashMap;

/// A lowering error: the place and the message.
#[derive(Clone, Debug, PartialEq)]
pub struct LowerError {
    pub line: u32,
    pub col: u32,
    pub message: String,
}

impl std::fmt::Display for LowerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}

type LResult<T> = Result<T, LowerError>;

fn unsupported<T>(span: Span, what: &str) -> LResult<T> {
    Err(LowerError {
        line: span.line,
        col: span.col,
        message: format!("unsupported: {what}"),
    })
}

fn error<T>(span: Span, msg: &str) -> LResult<T> {
    Err(LowerError {
        line: span.line,
        col: span.col,
        message: msg.to_string(),
    })
}

/// Lowers a parsed program, appending its functions to `module`. Returns the id of the
/// script body.
pub fn lower_program(prog: &Program, file: &str, module: &mut Module) -> LResult<FuncId> {
    let (scopes, defined) = scopes::resolve_program(prog);
    let mut l = Lowerer {
        scopes,
        not_is_call: defined.contains("!"),
        defined,
        file: file.to_string(),
        done: FxHashMap::default(),
        next_id: module.next_id(),
    };
    let id = l.alloc_id();
    let info = l.scope(scopes::key(prog));
    let mut cx = FnCx::new(
        id,
        "<main>",
        "main",
        FuncKind::Script,
        file,
        1,
        info,
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    cx.prologue(&l)?;
    // Lower the statements in place: scope information is keyed by node address.
    let mut v = None;
    for stmt in &prog.body {
        v = Some(l.expr(&mut cx, stmt)?);
    }
    let v = match v {
        Some(v) => v,
        None => cx.nil(),
    };
    cx.emit_ret(v);
    l.finish(cx);
    let mut ids: Vec<u32> = l.done.keys().copied().collect();
    ids.sort();
    for i in ids {
        let f = l.done.remove(&i).unwrap();
        debug_assert_eq!(f.id.0, module.next_id());
        module.functions.push(f);
    }
    Ok(id)
}

struct Lowerer {
    scopes: Scopes,
    /// The program defines a method `!`: `!x` is a call of it, not a truth test.
    not_is_call: bool,
    /// The names of the methods the program defines or aliases (a program that defines
    /// `raise` or `__method__` gets calls of them, not their built-in meaning).
    defined: rustc_hash::FxHashSet<String>,
    file: String,
    done: FxHashMap<u32, Function>,
    next_id: u32,
}

/// Where a variable lives, seen from the function being lowered.
#[derive(Clone, Copy)]
enum VarLoc {
    Local(LocalId),
    /// A slot of this function's own dynscope.
    OwnScope(u32),
    /// A slot of an enclosing function's dynscope, `depth` scopes out.
    Outer {
        depth: u32,
        slot: u32,
    },
}

/// An enclosing function's variables, for blocks.
#[derive(Clone)]
struct OuterScope {
    info: ScopeInfo,
    /// Whether that function has a dynscope at run time.
    has_scope: bool,
}

struct LoopCx {
    break_to: BlockId,
    next_to: BlockId,
    /// The ensure depth when the loop was entered.
    ensure_depth: usize,
}

/// An `ensure` body that jumps out of its region must run first.
struct EnsureCx {
    /// The ensure body in the AST (not a copy: scope information is keyed by address).
    body: *const Node,
    /// The handler around the `begin` (where the inlined ensure body runs).
    outer_handler: Option<BlockId>,
}

/// The state of one function being lowered.
struct FnCx {
    f: Function,
    cur: BlockId,
    handler: Option<BlockId>,
    line: u32,
    info: ScopeInfo,
    locals: FxHashMap<String, VarLoc>,
    /// The enclosing functions, innermost first (blocks only).
    outer: Vec<OuterScope>,
    own_scope: Option<TempId>,
    outer_scope_temps: FxHashMap<u32, TempId>,
    loops: Vec<LoopCx>,
    ensures: Vec<EnsureCx>,
    /// The lexical class path, for naming methods and constant lookup.
    class_path: Vec<String>,
    /// Method parameters in order (for implicit-argument `super`).
    param_names: Vec<String>,
    /// The method label blocks are named after (`block in foo`), and the nesting level.
    method_label: String,
    block_level: u32,
    /// The exceptions of the `rescue` clauses being lowered, innermost last: what a bare
    /// `raise` in one re-raises (CRuby's `$!`).
    rescuing: Vec<TempId>,
}

impl FnCx {
    #[allow(clippy::too_many_arguments)]
    fn new(
        id: FuncId,
        ruby_name: &str,
        name: &str,
        kind: FuncKind,
        file: &str,
        line: u32,
        info: ScopeInfo,
        outer: Vec<OuterScope>,
        class_path: Vec<String>,
        param_names: Vec<String>,
    ) -> FnCx {
        let mut f = Function::new(id, name, kind, file, line);
        f.ruby_name = ruby_name.to_string();
        f.lexical_path = class_path.clone();
        let entry = f.entry;
        FnCx {
            f,
            cur: entry,
            handler: None,
            line,
            info,
            locals: FxHashMap::default(),
            outer,
            own_scope: None,
            outer_scope_temps: FxHashMap::default(),
            loops: Vec::new(),
            ensures: Vec::new(),
            class_path,
            param_names,
            method_label: ruby_name.to_string(),
            rescuing: Vec::new(),
            block_level: 0,
        }
    }

    /// Lays out the function's variables: captured ones in its dynscope, the rest as
    /// frame locals; and makes the dynscope.
    fn prologue(&mut self, _l: &Lowerer) -> LResult<()> {
        let vars = self.info.vars.clone();
        for v in &vars {
            let loc = if self.info.captured.contains(v) {
                self.f.scope.push(v.clone());
                VarLoc::OwnScope(self.f.scope.len() as u32 - 1)
            } else {
                VarLoc::Local(self.f.add_local(v))
            };
            self.locals.insert(v.clone(), loc);
        }
        if !self.f.scope.is_empty() {
            self.own_scope = Some(self.value(InstKind::ScopeNew));
        }
        Ok(())
    }

    fn is_block(&self) -> bool {
        matches!(self.f.kind, FuncKind::Block { .. })
    }

    fn terminated(&self) -> bool {
        self.f.block(self.cur).terminator().is_some()
    }

    fn emit(&mut self, dst: Option<TempId>, kind: InstKind) {
        if self.terminated() {
            // Code after a jump is unreachable; keep emitting into a fresh dead block.
            let b = self.new_block();
            self.cur = b;
        }
        let ipc = self.f.new_ipc();
        let line = self.line;
        self.f.block_mut(self.cur).insts.push(Inst {
            ipc,
            dst,
            kind,
            line,
            inlined: 0,
        });
    }

    fn value(&mut self, kind: InstKind) -> TempId {
        let t = self.f.new_temp();
        self.emit(Some(t), kind);
        t
    }

    fn effect(&mut self, kind: InstKind) {
        self.emit(None, kind);
    }

    fn nil(&mut self) -> TempId {
        self.value(InstKind::Const(Const::Nil))
    }

    fn new_block(&mut self) -> BlockId {
        let b = self.f.new_block();
        self.f.block_mut(b).handler = self.handler;
        b
    }

    fn param(&mut self, b: BlockId) -> TempId {
        let t = self.f.new_temp();
        self.f.block_mut(b).params.push(t);
        t
    }

    fn jump(&mut self, target: BlockId, args: &[TempId]) {
        self.effect(InstKind::Jump(BlockCall::with_args(target, args)));
    }

    fn branch(&mut self, cond: TempId, then_: BlockId, else_: BlockId) {
        self.effect(InstKind::Branch {
            cond,
            then_: BlockCall::new(then_),
            else_: BlockCall::new(else_),
        });
    }

    fn switch(&mut self, b: BlockId) {
        self.cur = b;
    }

    fn emit_ret(&mut self, v: TempId) {
        if !self.terminated() {
            self.effect(InstKind::Return(v));
        }
    }

    /// The dynscope `depth` levels out (1 = the block's captured scope).
    fn outer_scope(&mut self, depth: u32) -> TempId {
        if let Some(&t) = self.outer_scope_temps.get(&depth) {
            return t;
        }
        // Materialize in the entry block so that every use is dominated by it.
        let t = self.f.new_temp();
        let ipc = self.f.new_ipc();
        let entry = self.f.entry;
        let inst = Inst {
            ipc,
            dst: Some(t),
            kind: InstKind::ScopeOuter(depth),
            line: self.f.line,
            inlined: 0,
        };
        self.f.block_mut(entry).insts.insert(0, inst);
        self.outer_scope_temps.insert(depth, t);
        t
    }

    /// The scope a block created here captures: this function's own dynscope, or the one
    /// this function itself captured, or none.
    fn scope_for_blocks(&mut self) -> Option<TempId> {
        if let Some(s) = self.own_scope {
            return Some(s);
        }
        if self.outer.iter().any(|o| o.has_scope) {
            return Some(self.outer_scope(1));
        }
        None
    }

    fn lookup(&self, name: &str) -> Option<VarLoc> {
        if let Some(&l) = self.locals.get(name) {
            return Some(l);
        }
        let mut depth = 0;
        for o in &self.outer {
            if o.has_scope {
                depth += 1;
            }
            if let Some(slot) = o
                .info
                .vars
                .iter()
                .filter(|v| o.info.captured.contains(*v))
                .position(|v| v == name)
            {
                if o.info.vars.iter().any(|v| v == name) {
                    return Some(VarLoc::Outer {
                        depth,
                        slot: slot as u32,
                    });
                }
            }
        }
        None
    }

    fn read_var(&mut self, name: &str, span: Span) -> LResult<TempId> {
        match self.lookup(name) {
            Some(VarLoc::Local(l)) => Ok(self.value(InstKind::LoadLocal(l))),
            Some(VarLoc::OwnScope(slot)) => {
                let scope = self.own_scope.unwrap();
                Ok(self.value(InstKind::ScopeLoad { scope, slot }))
            }
            Some(VarLoc::Outer { depth, slot }) => {
                let scope = self.outer_scope(depth);
                Ok(self.value(InstKind::ScopeLoad { scope, slot }))
            }
            None => error(
                span,
                &format!("rebound: unresolved local variable `{name}'"),
            ),
        }
    }

    fn write_var(&mut self, name: &str, v: TempId, span: Span) -> LResult<()> {
        match self.lookup(name) {
            Some(VarLoc::Local(l)) => self.effect(InstKind::StoreLocal(l, v)),
            Some(VarLoc::OwnScope(slot)) => {
                let scope = self.own_scope.unwrap();
                self.effect(InstKind::ScopeStore {
                    scope,
                    slot,
                    value: v,
                });
            }
            Some(VarLoc::Outer { depth, slot }) => {
                let scope = self.outer_scope(depth);
                self.effect(InstKind::ScopeStore {
                    scope,
                    slot,
                    value: v,
                });
            }
            None => {
                return error(
                    span,
                    &format!("rebound: unresolved local variable `{name}'"),
                )
            }
        }
        Ok(())
    }

    /// Runs the bodies of the ensures between here and `depth` (innermost first), each
    /// outside its own protected region.
    fn run_ensures(&mut self, l: &mut Lowerer, depth: usize) -> LResult<()> {
        let saved_handler = self.handler;
        let saved: Vec<EnsureCx> = self.ensures.drain(depth..).collect();
        for e in saved.iter().rev() {
            self.handler = e.outer_handler;
            if self.terminated() {
                break;
            }
            // Each inlined ensure runs in a fresh block with the outer handler.
            let b = self.new_block();
            self.jump(b, &[]);
            self.switch(b);
            // SAFETY: the AST outlives the lowering of the program.
            l.expr(self, unsafe { &*e.body })?;
        }
        self.ensures.extend(saved);
        self.handler = saved_handler;
        // Continue in a block with the current handler again.
        if !self.terminated() {
            let b = self.new_block();
            self.jump(b, &[]);
            self.switch(b);
        }
        Ok(())
    }
}

/// Binary operators that have their own instruction.
fn binop_of(name: &str) -> Option<BinOp> {
    Some(match name {
        "+" => BinOp::Add,
        "-" => BinOp::Sub,
        "*" => BinOp::Mul,
        "/" => BinOp::Div,
        "%" => BinOp::Mod,
        "**" => BinOp::Pow,
        "<" => BinOp::Lt,
        "<=" => BinOp::Le,
        ">" => BinOp::Gt,
        ">=" => BinOp::Ge,
        "==" => BinOp::Eq,
        "!=" => BinOp::Ne,
        "<=>" => BinOp::Cmp,
        "&" => BinOp::BitAnd,
        "|" => BinOp::BitOr,
        "^" => BinOp::BitXor,
        "<<" => BinOp::Shl,
        ">>" => BinOp::Shr,
        _ => return None,
    })
}

impl Lowerer {
    fn alloc_id(&mut self) -> FuncId {
        let id = FuncId(self.next_id);
        self.next_id += 1;
        id
    }

    fn scope(&self, key: usize) -> ScopeInfo {
        self.scopes.get(&key).cloned().unwrap_or_default()
    }

    fn finish(&mut self, cx: FnCx) {
        self.done.insert(cx.f.id.0, cx.f);
    }

    fn exprs(&mut self, cx: &mut FnCx, nodes: &[Node]) -> LResult<Vec<TempId>> {
        let mut out = Vec::with_capacity(nodes.len());
        for n in nodes {
            if let NodeKind::Splat(_) = n.kind {
                return unsupported(n.span, "splat arguments");
            }
            if let NodeKind::Hash { braces: false, .. } = n.kind {
                return unsupported(n.span, "keyword arguments");
            }
            out.push(self.expr(cx, n)?);
        }
        Ok(out)
    }

    fn expr(&mut self, cx: &mut FnCx, n: &Node) -> LResult<TempId> {
        cx.line = n.span.line.max(1);
        self.expr_inner(cx, n)
    }

    fn expr_inner(&mut self, cx: &mut FnCx, n: &Node) -> LResult<TempId> {
        use NodeKind as K;
        let span = n.span;
        Ok(match &n.kind {
            K::Nil => cx.nil(),
            K::True => cx.value(InstKind::Const(Const::True)),
            K::False => cx.value(InstKind::Const(Const::False)),
            K::SelfRef => cx.value(InstKind::SelfRef),
            K::Int(i) => cx.value(InstKind::Const(Const::Int(*i))),
            K::BigInt(s) => cx.value(InstKind::Const(Const::BigInt(s.clone()))),
            K::Float(f) => cx.value(InstKind::Const(Const::Float(*f))),
            K::Str(s) => cx.value(InstKind::Const(Const::Str(s.clone()))),
            K::Sym(s) => cx.value(InstKind::Const(Const::Sym(s.clone()))),
            K::SourceFile => cx.value(InstKind::Const(Const::Str(self.file.clone()))),
            K::DStr(parts) => {
                let mut ts = Vec::new();
                for p in parts {
                    match p {
                        StrPart::Lit(s) => {
                            ts.push(cx.value(InstKind::Const(Const::Str(s.clone()))))
                        }
                        StrPart::Code(c) => ts.push(self.expr(cx, c)?),
                    }
                }
                cx.value(InstKind::Interp(ts))
            }
            K::Array(items) => {
                let ts = self.exprs(cx, items)?;
                cx.value(InstKind::NewArray(ts))
            }
            K::LocalVar(name) => cx.read_var(name, span)?,
            K::LocalAsgn { name, value } => {
                let v = self.expr(cx, value)?;
                cx.write_var(name, v, span)?;
                v
            }
            K::Ivar(name) => {
                let obj = cx.value(InstKind::SelfRef);
                cx.value(InstKind::IvarGet {
                    obj,
                    name: name.clone(),
                })
            }
            K::IvarAsgn { name, value } => {
                let v = self.expr(cx, value)?;
                let obj = cx.value(InstKind::SelfRef);
                cx.effect(InstKind::IvarSet {
                    obj,
                    name: name.clone(),
                    value: v,
                });
                v
            }
            K::Const { scope, name } => self.const_read(cx, scope, name, span)?,
            K::ConstAsgn { scope, name, value } => {
                if !matches!(scope, ConstScope::Lexical) {
                    return unsupported(span, "scoped constant assignment");
                }
                let v = self.expr(cx, value)?;
                cx.effect(InstKind::ConstSet(name.clone(), v));
                v
            }
            K::Call(c) => self.call(cx, c, span)?,
            K::AttrAsgn(c) => {
                if c.safe_nav {
                    return unsupported(span, "safe navigation (&.)");
                }
                let recv = match &c.recv {
                    Some(r) => Some(self.expr(cx, r)?),
                    None => None,
                };
                let args = self.exprs(cx, &c.args)?;
                let v = *args.last().expect("setter has a value");
                cx.line = c.name_span.line.max(1);
                cx.value(InstKind::Call(Box::new(CallInfo {
                    recv,
                    name: c.name.clone(),
                    args,
                    block: None,
                    vcall: false,
                    fcall: false,
                })));
                v
            }
            K::OpAsgn { target, op, value } => self.op_asgn(cx, target, op, value, span)?,
            K::OrAsgn { target, value } => self.cond_asgn(cx, target, value, true, span)?,
            K::AndAsgn { target, value } => self.cond_asgn(cx, target, value, false, span)?,
            K::MultiAsgn { targets, value } => self.multi_asgn(cx, targets, value, span)?,
            K::Super { args, block, .. } => {
                self.super_call(cx, args.as_ref(), block.as_deref(), span)?
            }
            K::Yield { args } => {
                let ts = self.exprs(cx, args)?;
                cx.value(InstKind::Yield(ts))
            }
            K::And(a, b) | K::Or(a, b) => {
                let is_and = matches!(n.kind, K::And(..));
                let x = self.expr(cx, a)?;
                let rhs = cx.new_block();
                let join = cx.new_block();
                let out = cx.param(join);
                let short = BlockCall::with_args(join, &[x]);
                let (then_, else_) = if is_and {
                    (BlockCall::new(rhs), short)
                } else {
                    (short, BlockCall::new(rhs))
                };
                cx.effect(InstKind::Branch {
                    cond: x,
                    then_,
                    else_,
                });
                cx.switch(rhs);
                let y = self.expr(cx, b)?;
                cx.jump(join, &[y]);
                cx.switch(join);
                out
            }
            K::Not(x, true) if self.not_is_call => {
                let v = self.expr(cx, x)?;
                cx.value(InstKind::Call(Box::new(CallInfo {
                    recv: Some(v),
                    name: "!".into(),
                    args: vec![],
                    block: None,
                    vcall: false,
                    fcall: false,
                })))
            }
            K::Not(x, _) => {
                let v = self.expr(cx, x)?;
                cx.value(InstKind::Unary(UnOp::Not, v))
            }
            K::If {
                cond,
                then_body,
                else_body,
            } => {
                let c = self.expr(cx, cond)?;
                let (tb, eb, join) = (cx.new_block(), cx.new_block(), cx.new_block());
                let out = cx.param(join);
                cx.branch(c, tb, eb);
                cx.switch(tb);
                let tv = self.expr(cx, then_body)?;
                cx.jump(join, &[tv]);
                cx.switch(eb);
                let ev = self.expr(cx, else_body)?;
                cx.jump(join, &[ev]);
                cx.switch(join);
                out
            }
            K::While {
                cond,
                body,
                do_while,
            } => self.while_loop(cx, cond, body, *do_while)?,
            K::Case {
                subject,
                whens,
                else_body,
            } => self.case(cx, subject.as_deref(), whens, else_body)?,
            K::Break(v) => {
                let val = match v {
                    Some(v) => self.expr(cx, v)?,
                    None => cx.nil(),
                };
                if let Some(lp) = cx.loops.last() {
                    let (target, depth) = (lp.break_to, lp.ensure_depth);
                    cx.run_ensures(self, depth)?;
                    cx.jump(target, &[val]);
                } else if cx.is_block() {
                    cx.effect(InstKind::BlockBreak(val));
                } else {
                    return error(span, "Invalid break");
                }
                cx.nil()
            }
            K::Next(v) => {
                let val = match v {
                    Some(v) => self.expr(cx, v)?,
                    None => cx.nil(),
                };
                if let Some(lp) = cx.loops.last() {
                    let (target, depth) = (lp.next_to, lp.ensure_depth);
                    cx.run_ensures(self, depth)?;
                    cx.jump(target, &[]);
                } else if cx.is_block() {
                    cx.run_ensures(self, 0)?;
                    cx.emit_ret(val);
                } else {
                    return error(span, "Invalid next");
                }
                cx.nil()
            }
            K::Return(v) => {
                let val = match v {
                    Some(v) => self.expr(cx, v)?,
                    None => cx.nil(),
                };
                match cx.f.kind {
                    FuncKind::Block { .. } => cx.effect(InstKind::NonLocalReturn(val)),
                    FuncKind::ClassBody => {
                        return error(span, "Invalid return in class/module body")
                    }
                    _ => {
                        cx.run_ensures(self, 0)?;
                        cx.emit_ret(val);
                    }
                }
                cx.nil()
            }
            K::Begin(b) => self.begin(cx, b)?,
            K::Seq(stmts) => {
                let mut last = None;
                for s in stmts {
                    last = Some(self.expr(cx, s)?);
                }
                match last {
                    Some(t) => t,
                    None => cx.nil(),
                }
            }
            K::Def(d) => self.def(cx, d, span)?,
            K::Class {
                scope,
                name,
                superclass,
                body,
            } => {
                if !matches!(scope, ConstScope::Lexical) {
                    return unsupported(span, "scoped class names (class A::B)");
                }
                let sup = match superclass {
                    Some(s) => Some(self.expr(cx, s)?),
                    None => None,
                };
                let id = self.alloc_id();
                let mut path = cx.class_path.clone();
                path.push(name.clone());
                let info = self.scope(scopes::key(&**body));
                let label = format!("<class:{name}>");
                let mut bcx = FnCx::new(
                    id,
                    &label,
                    &label,
                    FuncKind::ClassBody,
                    &self.file,
                    span.line,
                    info,
                    Vec::new(),
                    path,
                    Vec::new(),
                );
                bcx.prologue(self)?;
                let v = self.expr(&mut bcx, body)?;
                bcx.emit_ret(v);
                self.finish(bcx);
                cx.line = span.line.max(1);
                cx.value(InstKind::DefClass {
                    name: name.clone(),
                    superclass: sup,
                    body: id,
                })
            }
            K::Alias { new_name, old_name } => {
                cx.effect(InstKind::Alias {
                    new: new_name.clone(),
                    old: old_name.clone(),
                });
                cx.nil()
            }
            K::Hash { .. } => return unsupported(span, "hash literals"),
            K::Range { .. } => return unsupported(span, "ranges"),
            K::Lambda(_) => return unsupported(span, "lambdas"),
            K::DSym(_) => return unsupported(span, "interpolated symbols"),
            K::Gvar(_) | K::GvarAsgn { .. } => return unsupported(span, "global variables"),
            K::Cvar(_) | K::CvarAsgn { .. } => return unsupported(span, "class variables"),
            K::Defined(_) => return unsupported(span, "defined?"),
            K::For { .. } => return unsupported(span, "for loops"),
            K::Module { .. } => return unsupported(span, "modules"),
            K::SClass { .. } => return unsupported(span, "class << self"),
            K::Splat(_) => return unsupported(span, "splat"),
        })
    }

    fn const_read(
        &mut self,
        cx: &mut FnCx,
        scope: &ConstScope,
        name: &str,
        _span: Span,
    ) -> LResult<TempId> {
        Ok(match scope {
            ConstScope::Lexical => cx.value(InstKind::ConstGet(name.to_string())),
            ConstScope::Top => {
                let obj = cx.value(InstKind::ConstGet("Object".into()));
                cx.value(InstKind::ConstGetFrom(obj, name.to_string()))
            }
            ConstScope::Scoped(s) => {
                let s = self.expr(cx, s)?;
                cx.value(InstKind::ConstGetFrom(s, name.to_string()))
            }
        })
    }

    fn call(&mut self, cx: &mut FnCx, c: &Call, span: Span) -> LResult<TempId> {
        if c.safe_nav {
            return unsupported(span, "safe navigation (&.)");
        }
        let recv = match &c.recv {
            Some(r) => Some(self.expr(cx, r)?),
            None => None,
        };
        // Operators with their own instruction.
        if let (Some(r), None) = (recv, &c.block) {
            if c.args.len() == 1 {
                if let Some(op) = binop_of(&c.name) {
                    let a = self.exprs(cx, &c.args)?;
                    cx.line = c.name_span.line.max(1);
                    return Ok(cx.value(InstKind::Binary(op, r, a[0])));
                }
            }
            if c.args.is_empty() {
                let un = match c.name.as_str() {
                    "-@" => Some(UnOp::Neg),
                    "~" => Some(UnOp::BitNot),
                    "!" if !self.not_is_call => Some(UnOp::Not),
                    _ => None,
                };
                if let Some(op) = un {
                    cx.line = c.name_span.line.max(1);
                    return Ok(cx.value(InstKind::Unary(op, r)));
                }
            }
        }
        if recv.is_none() && c.args.is_empty() && c.block.is_none() && c.name == "block_given?" {
            return Ok(cx.value(InstKind::BlockGiven));
        }
        if recv.is_none() && matches!(c.name.as_str(), "lambda" | "proc") && c.block.is_some() {
            return unsupported(span, &c.name);
        }
        // `__method__`: the name of the method the code is written in (blocks included),
        // nil outside one. Known from the text, unless the program defines its own.
        if recv.is_none() && c.args.is_empty() && c.block.is_none() && c.name == "__method__" {
            if !self.defined.contains("__method__") {
                let label = &cx.method_label;
                return Ok(if label.starts_with('<') {
                    cx.nil()
                } else {
                    let name = label.clone();
                    cx.value(InstKind::Const(Const::Sym(name)))
                });
            }
        }
        let mut args = self.exprs(cx, &c.args)?;
        // A bare `raise` in a rescue clause re-raises the exception it handles (unless the
        // program defines a `raise` of its own).
        if recv.is_none() && args.is_empty() && c.block.is_none() && c.name == "raise" {
            if let (Some(&e), false) = (cx.rescuing.last(), self.defined.contains("raise")) {
                args.push(e);
            }
        }
        let block = match &c.block {
            None => None,
            Some(BlockArg::Pass(p)) => return unsupported(p.span, "block arguments (&blk)"),
            Some(BlockArg::Literal(b)) => Some(self.block_literal(cx, b)?),
        };
        let vcall = recv.is_none() && args.is_empty() && !c.has_parens && c.block.is_none();
        // `self.foo` may call private methods, like `foo`.
        let recv = match (&c.recv, recv) {
            (
                Some(Node {
                    kind: NodeKind::SelfRef,
                    ..
                }),
                Some(_),
            ) => None,
            (_, r) => r,
        };
        cx.line = c.name_span.line.max(1);
        Ok(cx.value(InstKind::Call(Box::new(CallInfo {
            recv,
            name: c.name.clone(),
            args,
            block,
            vcall,
            fcall: recv.is_none(),
        }))))
    }

    fn block_literal(&mut self, cx: &mut FnCx, b: &BlockNode) -> LResult<TempId> {
        let id = self.alloc_id();
        let info = self.scope(scopes::key(b));
        let mut outer = vec![OuterScope {
            info: cx.info.clone(),
            has_scope: cx.own_scope.is_some(),
        }];
        outer.extend(cx.outer.iter().cloned());
        let level = cx.block_level + 1;
        let label = if level == 1 {
            format!("block in {}", cx.method_label)
        } else {
            format!("block ({level} levels) in {}", cx.method_label)
        };
        let mut bcx = FnCx::new(
            id,
            &label,
            &label,
            FuncKind::Block { parent: cx.f.id },
            &self.file,
            b.span.line,
            info,
            outer,
            cx.class_path.clone(),
            cx.param_names.clone(),
        );
        bcx.method_label = cx.method_label.clone();
        bcx.block_level = level;
        self.params(&mut bcx, &b.params, b.span, true)?;
        let v = self.expr(&mut bcx, &b.body)?;
        bcx.emit_ret(v);
        self.finish(bcx);
        let scope = cx.scope_for_blocks();
        Ok(cx.value(InstKind::MakeBlock { func: id, scope }))
    }

    /// Declares parameters and emits the prologue that moves arguments into them.
    fn params(
        &mut self,
        cx: &mut FnCx,
        p: &crate::ast::Params,
        span: Span,
        is_block: bool,
    ) -> LResult<()> {
        if p.rest.is_some() {
            return unsupported(span, "*rest parameters");
        }
        if !p.post.is_empty() {
            return unsupported(span, "parameters after optional ones");
        }
        if p.block.is_some() {
            return unsupported(span, "&block parameters");
        }
        let mut names = Vec::new();
        for r in &p.required {
            match r {
                Param::Name(n) => names.push(n.clone()),
                Param::Destructure(_) => return unsupported(span, "destructuring parameters"),
            }
        }
        cx.f.params = ir::Params {
            required: p.required.len() as u32,
            optional: p.optional.len() as u32,
            auto_splat: is_block && (p.required.len() + p.optional.len() > 1 || p.trailing_comma),
        };
        cx.prologue(self)?;
        for (i, n) in names.iter().enumerate() {
            let a = cx.value(InstKind::Arg(i as u32));
            cx.write_var(n, a, span)?;
        }
        let base = names.len() as u32;
        for (j, (name, default)) in p.optional.iter().enumerate() {
            let i = base + j as u32;
            let given = cx.value(InstKind::ArgGiven(i + 1));
            let (yes, no, join) = (cx.new_block(), cx.new_block(), cx.new_block());
            cx.branch(given, yes, no);
            cx.switch(yes);
            let a = cx.value(InstKind::Arg(i));
            cx.write_var(name, a, span)?;
            cx.jump(join, &[]);
            cx.switch(no);
            let d = self.expr(cx, default)?;
            cx.write_var(name, d, span)?;
            cx.jump(join, &[]);
            cx.switch(join);
        }
        Ok(())
    }

    fn def(&mut self, cx: &mut FnCx, d: &Def, span: Span) -> LResult<TempId> {
        let singleton = match &d.singleton {
            None => false,
            Some(Node {
                kind: NodeKind::SelfRef,
                ..
            }) => true,
            Some(s) => return unsupported(s.span, "singleton methods on objects other than self"),
        };
        // At the top level (and in its blocks) `self` is main, which is not a class.
        if singleton && cx.method_label == "<main>" {
            return unsupported(
                span,
                "`def self.x` at the top level (a singleton method of main)",
            );
        }
        let id = self.alloc_id();
        let info = self.scope(scopes::key(d));
        let owner = if cx.class_path.is_empty() {
            "Object".to_string()
        } else {
            cx.class_path.join("::")
        };
        let name = if singleton {
            format!("{owner}.{}", d.name)
        } else {
            format!("{owner}#{}", d.name)
        };
        let mut param_names: Vec<String> = Vec::new();
        for r in &d.params.required {
            if let Param::Name(n) = r {
                param_names.push(n.clone());
            }
        }
        param_names.extend(d.params.optional.iter().map(|(n, _)| n.clone()));
        let mut mcx = FnCx::new(
            id,
            &d.name,
            &name,
            FuncKind::Method,
            &self.file,
            span.line,
            info,
            Vec::new(),
            cx.class_path.clone(),
            param_names,
        );
        self.params(&mut mcx, &d.params, d.name_span, false)?;
        let v = self.expr(&mut mcx, &d.body)?;
        mcx.emit_ret(v);
        self.finish(mcx);
        cx.line = span.line.max(1);
        cx.effect(InstKind::DefMethod {
            name: d.name.clone(),
            func: id,
            singleton,
        });
        Ok(cx.value(InstKind::Const(Const::Sym(d.name.clone()))))
    }

    fn super_call(
        &mut self,
        cx: &mut FnCx,
        args: Option<&Vec<Node>>,
        block: Option<&BlockArg>,
        span: Span,
    ) -> LResult<TempId> {
        let args = match args {
            Some(a) => self.exprs(cx, a)?,
            None => {
                // Implicit arguments: the current values of the method's parameters.
                let names = cx.param_names.clone();
                let mut ts = Vec::new();
                for n in &names {
                    ts.push(cx.read_var(n, span)?);
                }
                ts
            }
        };
        let block = match block {
            None => None,
            Some(BlockArg::Pass(p)) => return unsupported(p.span, "block arguments (&blk)"),
            Some(BlockArg::Literal(b)) => Some(self.block_literal(cx, b)?),
        };
        Ok(cx.value(InstKind::Super(Box::new(SuperInfo {
            args: Some(args),
            block,
        }))))
    }

    fn while_loop(
        &mut self,
        cx: &mut FnCx,
        cond: &Node,
        body: &Node,
        do_while: bool,
    ) -> LResult<TempId> {
        let (head, body_b, exit) = (cx.new_block(), cx.new_block(), cx.new_block());
        let out = cx.param(exit);
        cx.jump(if do_while { body_b } else { head }, &[]);
        cx.switch(head);
        let c = self.expr(cx, cond)?;
        let nil = cx.nil();
        cx.effect(InstKind::Branch {
            cond: c,
            then_: BlockCall::new(body_b),
            else_: BlockCall::with_args(exit, &[nil]),
        });
        cx.switch(body_b);
        cx.loops.push(LoopCx {
            break_to: exit,
            next_to: head,
            ensure_depth: cx.ensures.len(),
        });
        let r = self.expr(cx, body);
        cx.loops.pop();
        r?;
        cx.jump(head, &[]);
        cx.switch(exit);
        Ok(out)
    }

    fn case(
        &mut self,
        cx: &mut FnCx,
        subject: Option<&Node>,
        whens: &[WhenClause],
        else_body: &Node,
    ) -> LResult<TempId> {
        let subj = match subject {
            Some(s) => Some(self.expr(cx, s)?),
            None => None,
        };
        let join = cx.new_block();
        let out = cx.param(join);
        for w in whens {
            let body_b = cx.new_block();
            for v in &w.values {
                if let NodeKind::Splat(_) = v.kind {
                    return unsupported(v.span, "splat in when");
                }
                let t = self.expr(cx, v)?;
                let test = match subj {
                    Some(s) => cx.value(InstKind::Call(Box::new(CallInfo {
                        recv: Some(t),
                        name: "===".into(),
                        args: vec![s],
                        block: None,
                        vcall: false,
                        fcall: false,
                    }))),
                    None => t,
                };
                let next = cx.new_block();
                cx.branch(test, body_b, next);
                cx.switch(next);
            }
            let after = cx.cur;
            cx.switch(body_b);
            let v = self.expr(cx, &w.body)?;
            cx.jump(join, &[v]);
            cx.switch(after);
        }
        let v = self.expr(cx, else_body)?;
        cx.jump(join, &[v]);
        cx.switch(join);
        Ok(out)
    }

    fn begin(&mut self, cx: &mut FnCx, b: &Begin) -> LResult<TempId> {
        if b.rescues.is_empty() && b.ensure_body.is_none() {
            let v = self.expr(cx, &b.body)?;
            return match &b.else_body {
                Some(e) => self.expr(cx, e),
                None => Ok(v),
            };
        }
        let outer_handler = cx.handler;
        let exit = cx.new_block();
        let result = cx.param(exit);
        // The ensure region: everything up to the normal exit.
        let ensure_handler = match &b.ensure_body {
            Some(body) => {
                let h = cx.f.new_block();
                cx.f.block_mut(h).handler = outer_handler;
                cx.handler = Some(h);
                cx.ensures.push(EnsureCx {
                    body: body as *const Node,
                    outer_handler,
                });
                Some(h)
            }
            None => None,
        };
        // The rescue region: the body only.
        let rescue_handler = if b.rescues.is_empty() {
            None
        } else {
            let h = cx.f.new_block();
            cx.f.block_mut(h).handler = cx.handler;
            Some(h)
        };
        let body_b = cx.new_block();
        cx.jump(body_b, &[]);
        if let Some(h) = rescue_handler {
            cx.f.block_mut(body_b).handler = Some(h);
        }
        let saved = cx.handler;
        if rescue_handler.is_some() {
            cx.handler = rescue_handler;
        }
        cx.switch(body_b);
        let v = self.expr(cx, &b.body);
        cx.handler = saved;
        let mut v = v?;
        // Leave the rescue region before `else`.
        let after_body = cx.new_block();
        cx.jump(after_body, &[v]);
        let after_param = cx.param(after_body);
        cx.switch(after_body);
        v = after_param;
        if let Some(e) = &b.else_body {
            v = self.expr(cx, e)?;
        }
        let normal = cx.new_block();
        let normal_v = cx.param(normal);
        cx.jump(normal, &[v]);
        // Rescue clauses.
        if let Some(h) = rescue_handler {
            cx.switch(h);
            cx.line = b
                .rescues
                .first()
                .map(|r| r.span.line)
                .unwrap_or(cx.line)
                .max(1);
            let u = cx.value(InstKind::CatchUnwind);
            for r in &b.rescues {
                let mut classes = Vec::new();
                for c in &r.classes {
                    if let NodeKind::Splat(_) = c.kind {
                        return unsupported(c.span, "splat in rescue");
                    }
                    classes.push(self.expr(cx, c)?);
                }
                let m = cx.value(InstKind::UnwindMatches { unwind: u, classes });
                let (yes, no) = (cx.new_block(), cx.new_block());
                cx.branch(m, yes, no);
                cx.switch(yes);
                let e = cx.value(InstKind::UnwindException(u));
                if let Some(t) = &r.var {
                    self.assign(cx, t, e, r.span)?;
                }
                let start = Ipc(cx.f.next_ipc);
                cx.rescuing.push(e);
                let rv = self.expr(cx, &r.body);
                cx.rescuing.pop();
                let rv = rv?;
                cx.f.frame_regions.push(FrameRegion {
                    start,
                    end: Ipc(cx.f.next_ipc),
                    label: "rescue in".into(),
                });
                cx.jump(normal, &[rv]);
                cx.switch(no);
            }
            cx.effect(InstKind::Resume(u));
        }
        // Normal exit: leave the ensure region and run the ensure body.
        if let Some(h) = ensure_handler {
            cx.ensures.pop();
            cx.handler = outer_handler;
            let body = b.ensure_body.as_ref().unwrap();
            // The handler: catch, run the ensure body, resume.
            cx.switch(h);
            let u = cx.value(InstKind::CatchUnwind);
            self.expr(cx, body)?;
            cx.effect(InstKind::Resume(u));
            // The normal path.
            cx.f.block_mut(normal).handler = outer_handler;
            cx.switch(normal);
            self.expr(cx, body)?;
            cx.jump(exit, &[normal_v]);
        } else {
            cx.f.block_mut(normal).handler = outer_handler;
            cx.switch(normal);
            cx.jump(exit, &[normal_v]);
        }
        cx.handler = outer_handler;
        cx.f.block_mut(exit).handler = outer_handler;
        cx.switch(exit);
        Ok(result)
    }

    /// Assigns `v` to a target (multiple assignment, `rescue => e`, op-assign).
    fn assign(&mut self, cx: &mut FnCx, t: &Target, v: TempId, span: Span) -> LResult<()> {
        match t {
            Target::Local(n) => cx.write_var(n, v, span)?,
            Target::Ivar(n) => {
                let obj = cx.value(InstKind::SelfRef);
                cx.effect(InstKind::IvarSet {
                    obj,
                    name: n.clone(),
                    value: v,
                })
            }
            Target::Const {
                scope: ConstScope::Lexical,
                name,
            } => cx.effect(InstKind::ConstSet(name.clone(), v)),
            Target::Index { recv, args } => {
                let r = self.expr(cx, recv)?;
                let mut a = self.exprs(cx, args)?;
                a.push(v);
                cx.value(InstKind::Call(Box::new(CallInfo {
                    recv: Some(r),
                    name: "[]=".into(),
                    args: a,
                    block: None,
                    vcall: false,
                    fcall: false,
                })));
            }
            Target::Attr {
                recv,
                name,
                safe_nav: false,
            } => {
                let r = self.expr(cx, recv)?;
                cx.value(InstKind::Call(Box::new(CallInfo {
                    recv: Some(r),
                    name: format!("{name}="),
                    args: vec![v],
                    block: None,
                    vcall: false,
                    fcall: false,
                })));
            }
            Target::Nested(ts) => {
                let arr = cx.value(InstKind::ToArray(v));
                for (i, t) in ts.iter().enumerate() {
                    let x = cx.value(InstKind::ArrayAt(arr, i as u32));
                    self.assign(cx, t, x, span)?;
                }
            }
            Target::Splat(_) => return unsupported(span, "splat in multiple assignment"),
            Target::Gvar(_) => return unsupported(span, "global variables"),
            Target::Cvar(_) => return unsupported(span, "class variables"),
            _ => return unsupported(span, "this assignment target"),
        }
        Ok(())
    }

    fn multi_asgn(
        &mut self,
        cx: &mut FnCx,
        targets: &[Target],
        value: &Node,
        span: Span,
    ) -> LResult<TempId> {
        let v = self.expr(cx, value)?;
        let arr = cx.value(InstKind::ToArray(v));
        for (i, t) in targets.iter().enumerate() {
            let x = cx.value(InstKind::ArrayAt(arr, i as u32));
            self.assign(cx, t, x, span)?;
        }
        Ok(v)
    }

    /// Reads a compound-assignment target, evaluating its receiver and index once.
    /// Returns the value and a writer to use afterwards.
    fn read_target(&mut self, cx: &mut FnCx, t: &Target, span: Span) -> LResult<(TempId, Writer)> {
        Ok(match t {
            Target::Local(n) => (cx.read_var(n, span)?, Writer::Local(n.clone())),
            Target::Ivar(n) => {
                let obj = cx.value(InstKind::SelfRef);
                (
                    cx.value(InstKind::IvarGet {
                        obj,
                        name: n.clone(),
                    }),
                    Writer::Ivar(n.clone()),
                )
            }
            Target::Index { recv, args } => {
                let r = self.expr(cx, recv)?;
                let a = self.exprs(cx, args)?;
                let v = cx.value(InstKind::Call(Box::new(CallInfo {
                    recv: Some(r),
                    name: "[]".into(),
                    args: a.clone(),
                    block: None,
                    vcall: false,
                    fcall: false,
                })));
                (v, Writer::Index(r, a))
            }
            Target::Attr {
                recv,
                name,
                safe_nav: false,
            } => {
                let r = self.expr(cx, recv)?;
                let v = cx.value(InstKind::Call(Box::new(CallInfo {
                    recv: Some(r),
                    name: name.clone(),
                    args: vec![],
                    block: None,
                    vcall: false,
                    fcall: false,
                })));
                (v, Writer::Attr(r, name.clone()))
            }
            Target::Const {
                scope: ConstScope::Lexical,
                name,
            } => (
                cx.value(InstKind::ConstGet(name.clone())),
                Writer::Const(name.clone()),
            ),
            _ => return unsupported(span, "this compound assignment target"),
        })
    }

    fn write_target(&mut self, cx: &mut FnCx, w: &Writer, v: TempId, span: Span) -> LResult<()> {
        match w {
            Writer::Local(n) => cx.write_var(n, v, span)?,
            Writer::Ivar(n) => {
                let obj = cx.value(InstKind::SelfRef);
                cx.effect(InstKind::IvarSet {
                    obj,
                    name: n.clone(),
                    value: v,
                })
            }
            Writer::Const(n) => cx.effect(InstKind::ConstSet(n.clone(), v)),
            Writer::Index(r, a) => {
                let mut a = a.clone();
                a.push(v);
                cx.value(InstKind::Call(Box::new(CallInfo {
                    recv: Some(*r),
                    name: "[]=".into(),
                    args: a,
                    block: None,
                    vcall: false,
                    fcall: false,
                })));
            }
            Writer::Attr(r, name) => {
                cx.value(InstKind::Call(Box::new(CallInfo {
                    recv: Some(*r),
                    name: format!("{name}="),
                    args: vec![v],
                    block: None,
                    vcall: false,
                    fcall: false,
                })));
            }
        }
        Ok(())
    }

    fn op_asgn(
        &mut self,
        cx: &mut FnCx,
        t: &Target,
        op: &str,
        value: &Node,
        span: Span,
    ) -> LResult<TempId> {
        let (old, w) = self.read_target(cx, t, span)?;
        let rhs = self.expr(cx, value)?;
        cx.line = span.line.max(1);
        let new = match binop_of(op) {
            Some(b) => cx.value(InstKind::Binary(b, old, rhs)),
            None => cx.value(InstKind::Call(Box::new(CallInfo {
                recv: Some(old),
                name: op.to_string(),
                args: vec![rhs],
                block: None,
                vcall: false,
                fcall: false,
            }))),
        };
        self.write_target(cx, &w, new, span)?;
        Ok(new)
    }

    /// `t ||= v` (`or_`) and `t &&= v`.
    fn cond_asgn(
        &mut self,
        cx: &mut FnCx,
        t: &Target,
        value: &Node,
        or_: bool,
        span: Span,
    ) -> LResult<TempId> {
        let (old, w) = self.read_target(cx, t, span)?;
        let (assign_b, join) = (cx.new_block(), cx.new_block());
        let out = cx.param(join);
        let keep = BlockCall::with_args(join, &[old]);
        let (then_, else_) = if or_ {
            (keep, BlockCall::new(assign_b))
        } else {
            (BlockCall::new(assign_b), keep)
        };
        cx.effect(InstKind::Branch {
            cond: old,
            then_,
            else_,
        });
        cx.switch(assign_b);
        let v = self.expr(cx, value)?;
        self.write_target(cx, &w, v, span)?;
        cx.jump(join, &[v]);
        cx.switch(join);
        Ok(out)
    }
}

enum Writer {
    Local(String),
    Ivar(String),
    Const(String),
    Index(TempId, Vec<TempId>),
    Attr(TempId, String),
}
