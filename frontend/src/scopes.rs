//! Scope resolution before lowering: which function (script, method, class body or block)
//! owns each local variable, and which variables a nested block captures.
//!
//! Ruby declares a local at its first assignment, in textual order; a block sees the
//! locals its enclosing scopes declared before it, and declares its own otherwise. A
//! variable that any nested block reads or writes is *captured*: it lives in its owner's
//! dynscope instead of a frame slot.

use crate::ast::*;
use rustc_hash::{FxHashMap, FxHashSet};

/// The variables one function owns.
#[derive(Clone, Debug, Default)]
pub struct ScopeInfo {
    /// Own variables in declaration order (parameters first).
    pub vars: Vec<String>,
    pub captured: FxHashSet<String>,
}

/// Scope information for every function of a program, keyed by the address of the node
/// that opens the scope (the `Program`, a `Def`, a class body `Node`, a `BlockNode`).
pub type Scopes = FxHashMap<usize, ScopeInfo>;

pub fn key<T>(node: &T) -> usize {
    node as *const T as usize
}

/// Resolves the scopes of a whole program.
pub fn resolve(prog: &Program) -> Scopes {
    resolve_program(prog).0
}

/// Resolves the scopes of a whole program, and gives the names of the methods it defines
/// or aliases anywhere (both names of an `alias`): a program that defines `!` makes
/// `!x` and `not x` calls of it (see `NodeKind::Not`).
pub fn resolve_program(prog: &Program) -> (Scopes, FxHashSet<String>) {
    let mut r = Resolver {
        scopes: FxHashMap::default(),
        stack: Vec::new(),
        defines: FxHashSet::default(),
    };
    r.open(key(prog), true);
    for n in &prog.body {
        r.node(n);
    }
    r.close();
    (r.scopes, r.defines)
}

struct Frame {
    key: usize,
    /// A method, script or class body: lookups stop here.
    hard: bool,
    info: ScopeInfo,
}

struct Resolver {
    scopes: Scopes,
    stack: Vec<Frame>,
    defines: FxHashSet<String>,
}

impl Resolver {
    fn open(&mut self, key: usize, hard: bool) {
        self.stack.push(Frame {
            key,
            hard,
            info: ScopeInfo::default(),
        });
    }

    fn close(&mut self) {
        let f = self.stack.pop().expect("scope stack");
        self.scopes.insert(f.key, f.info);
    }

    fn declare_here(&mut self, name: &str) {
        let f = self.stack.last_mut().unwrap();
        if !f.info.vars.iter().any(|v| v == name) {
            f.info.vars.push(name.to_string());
        }
    }

    /// A use (read or write) of `name`: found in an enclosing scope it is captured there;
    /// not found, a write declares it in the innermost scope.
    fn use_var(&mut self, name: &str, declare: bool) {
        let n = self.stack.len();
        for i in (0..n).rev() {
            if self.stack[i].info.vars.iter().any(|v| v == name) {
                if i != n - 1 {
                    self.stack[i].info.captured.insert(name.to_string());
                }
                return;
            }
            if self.stack[i].hard {
                break;
            }
        }
        if declare {
            self.declare_here(name);
        }
    }

    fn params(&mut self, p: &Params) {
        for r in &p.required {
            self.param(r);
        }
        for (name, default) in &p.optional {
            self.declare_here(name);
            self.node(default);
        }
        if let Some(r) = &p.rest {
            self.declare_here(r);
        }
        for r in &p.post {
            self.param(r);
        }
        if let Some(b) = &p.block {
            self.declare_here(b);
        }
        for l in &p.block_locals {
            self.declare_here(l);
        }
    }

    fn param(&mut self, p: &Param) {
        match p {
            Param::Name(n) => self.declare_here(n),
            Param::Destructure(ps) => ps.iter().for_each(|p| self.param(p)),
        }
    }

    fn block(&mut self, b: &BlockNode) {
        self.open(key(b), false);
        self.params(&b.params);
        self.node(&b.body);
        self.close();
    }

    fn target(&mut self, t: &Target) {
        match t {
            Target::Local(n) => self.use_var(n, true),
            Target::Index { recv, args } => {
                self.node(recv);
                args.iter().for_each(|a| self.node(a));
            }
            Target::Attr { recv, .. } => self.node(recv),
            Target::Const {
                scope: ConstScope::Scoped(s),
                ..
            } => self.node(s),
            Target::Splat(Some(t)) => self.target(t),
            Target::Nested(ts) => ts.iter().for_each(|t| self.target(t)),
            _ => {}
        }
    }

    fn call(&mut self, c: &Call) {
        if let Some(r) = &c.recv {
            self.node(r);
        }
        c.args.iter().for_each(|a| self.node(a));
        match &c.block {
            Some(BlockArg::Literal(b)) => self.block(b),
            Some(BlockArg::Pass(n)) => self.node(n),
            None => {}
        }
    }

    fn node(&mut self, n: &Node) {
        use NodeKind as K;
        match &n.kind {
            K::LocalVar(name) => self.use_var(name, false),
            K::LocalAsgn { name, value } => {
                // `x = x` reads the new (nil) x: declare first, as Ruby's parser does.
                self.use_var(name, true);
                self.node(value);
            }
            K::DStr(parts) | K::DSym(parts) => {
                for p in parts {
                    if let StrPart::Code(c) = p {
                        self.node(c);
                    }
                }
            }
            K::Array(items) | K::Seq(items) | K::Yield { args: items } => {
                items.iter().for_each(|i| self.node(i))
            }
            K::Hash { pairs, .. } => {
                for (k, v) in pairs {
                    self.node(k);
                    self.node(v);
                }
            }
            K::Range { lo, hi, .. } => {
                if let Some(l) = lo {
                    self.node(l);
                }
                if let Some(h) = hi {
                    self.node(h);
                }
            }
            K::Lambda(b) => self.block(b),
            K::IvarAsgn { value, .. } | K::GvarAsgn { value, .. } | K::CvarAsgn { value, .. } => {
                self.node(value)
            }
            K::Const {
                scope: ConstScope::Scoped(s),
                ..
            } => self.node(s),
            K::ConstAsgn { scope, value, .. } => {
                if let ConstScope::Scoped(s) = scope {
                    self.node(s);
                }
                self.node(value);
            }
            K::AttrAsgn(c) | K::Call(c) => self.call(c),
            K::OpAsgn { target, value, .. }
            | K::OrAsgn { target, value }
            | K::AndAsgn { target, value } => {
                self.target(target);
                self.node(value);
            }
            K::MultiAsgn { targets, value } => {
                self.node(value);
                targets.iter().for_each(|t| self.target(t));
            }
            K::Super { args, block, .. } => {
                if let Some(a) = args {
                    a.iter().for_each(|x| self.node(x));
                }
                match block.as_deref() {
                    Some(BlockArg::Literal(b)) => self.block(b),
                    Some(BlockArg::Pass(n)) => self.node(n),
                    None => {}
                }
            }
            K::Splat(x) | K::Not(x, _) | K::Defined(x) => self.node(x),
            K::And(a, b) | K::Or(a, b) => {
                self.node(a);
                self.node(b);
            }
            K::If {
                cond,
                then_body,
                else_body,
            } => {
                self.node(cond);
                self.node(then_body);
                self.node(else_body);
            }
            K::While {
                cond,
                body,
                do_while,
            } => {
                if *do_while {
                    self.node(body);
                    self.node(cond);
                } else {
                    self.node(cond);
                    self.node(body);
                }
            }
            K::For {
                targets,
                iter,
                body,
            } => {
                self.node(iter);
                targets.iter().for_each(|t| self.target(t));
                self.node(body);
            }
            K::Case {
                subject,
                whens,
                else_body,
            } => {
                if let Some(s) = subject {
                    self.node(s);
                }
                for w in whens {
                    w.values.iter().for_each(|v| self.node(v));
                    self.node(&w.body);
                }
                self.node(else_body);
            }
            K::Break(v) | K::Next(v) | K::Return(v) => {
                if let Some(v) = v {
                    self.node(v);
                }
            }
            K::Begin(b) => {
                self.node(&b.body);
                for r in &b.rescues {
                    r.classes.iter().for_each(|c| self.node(c));
                    if let Some(t) = &r.var {
                        self.target(t);
                    }
                    self.node(&r.body);
                }
                if let Some(e) = &b.else_body {
                    self.node(e);
                }
                if let Some(e) = &b.ensure_body {
                    self.node(e);
                }
            }
            K::Def(d) => {
                self.defines.insert(d.name.clone());
                if let Some(s) = &d.singleton {
                    self.node(s);
                }
                self.open(key(&**d), true);
                self.params(&d.params);
                self.node(&d.body);
                self.close();
            }
            K::Class {
                scope,
                superclass,
                body,
                ..
            } => {
                if let ConstScope::Scoped(s) = scope {
                    self.node(s);
                }
                if let Some(s) = superclass {
                    self.node(s);
                }
                self.open(key(&**body), true);
                self.node(body);
                self.close();
            }
            K::Module { body, .. } | K::SClass { body, .. } => {
                self.open(key(&**body), true);
                self.node(body);
                self.close();
            }
            K::Alias { new_name, old_name } => {
                self.defines.insert(new_name.clone());
                self.defines.insert(old_name.clone());
            }
            _ => {}
        }
    }
}
