//! Generic queries on instructions: the temps an instruction uses, its successors, whether
//! it terminates a block or may have side effects. Passes and analyses go through these
//! so that a new instruction kind is described in one place.

use crate::types::*;
use smallvec::SmallVec;

impl InstKind {
    /// Whether this instruction ends a basic block.
    pub fn is_terminator(&self) -> bool {
        matches!(
            self,
            InstKind::Jump(_)
                | InstKind::Branch { .. }
                | InstKind::Return(_)
                | InstKind::BlockBreak(_)
                | InstKind::NonLocalReturn(_)
                | InstKind::Resume(_)
                | InstKind::Unreachable
        )
    }

    /// Whether removing this instruction (when its result is unused) changes nothing a
    /// program can observe: no call, no store, no raise, no definition.
    pub fn is_pure(&self) -> bool {
        match self {
            InstKind::Const(_)
            | InstKind::Copy(_)
            | InstKind::SelfRef
            | InstKind::Arg(_)
            | InstKind::ArgGiven(_)
            | InstKind::LoadLocal(_)
            | InstKind::ScopeOuter(_)
            | InstKind::ScopeLoad { .. }
            | InstKind::IvarGet(_)
            | InstKind::Truthy(_)
            | InstKind::NewArray(_)
            | InstKind::ArrayAt(..)
            | InstKind::BlockGiven
            | InstKind::MakeBlock { .. }
            | InstKind::UnwindException(_) => true,
            // `!x` calls no method in rebound (BasicObject#! is not redefinable here).
            InstKind::Unary(UnOp::Not, _) => true,
            // A new dynscope is pure, but removing it is the dynscope-elimination pass's
            // business: its slots are the captured locals.
            InstKind::ScopeNew => true,
            _ => false,
        }
    }

    /// Whether this instruction can raise (or unwind), so that it is an edge to the
    /// block's handler.
    pub fn may_unwind(&self) -> bool {
        !self.is_pure()
            && !matches!(
                self,
                InstKind::StoreLocal(..)
                    | InstKind::ScopeStore { .. }
                    | InstKind::Jump(_)
                    | InstKind::Branch { .. }
                    | InstKind::Return(_)
                    | InstKind::Unreachable
                    | InstKind::CatchUnwind
                    | InstKind::UnwindMatches { .. }
                    // A failing guard deoptimizes; it never unwinds (invariant 7).
                    | InstKind::Guard { .. }
            )
    }

    /// Calls `f` on every temp this instruction reads, in operand order.
    pub fn for_each_use(&self, mut f: impl FnMut(TempId)) {
        use InstKind::*;
        match self {
            Const(_)
            | SelfRef
            | Arg(_)
            | ArgGiven(_)
            | LoadLocal(_)
            | ScopeNew
            | ScopeOuter(_)
            | IvarGet(_)
            | ConstGet(_)
            | BlockGiven
            | DefMethod { .. }
            | Alias { .. }
            | CatchUnwind
            | Unreachable => {}
            Copy(t)
            | StoreLocal(_, t)
            | IvarSet(_, t)
            | ConstGetFrom(t, _)
            | ConstSet(_, t)
            | Unary(_, t)
            | Truthy(t)
            | ToArray(t)
            | ArrayAt(t, _)
            | UnwindException(t)
            | Return(t)
            | BlockBreak(t)
            | NonLocalReturn(t)
            | Resume(t) => f(*t),
            ScopeLoad { scope, .. } => f(*scope),
            ScopeStore { scope, value, .. } => {
                f(*scope);
                f(*value)
            }
            Binary(_, a, b) => {
                f(*a);
                f(*b)
            }
            NewArray(v) | Interp(v) | Yield(v) => v.iter().copied().for_each(f),
            Call(c) => {
                if let Some(r) = c.recv {
                    f(r)
                }
                c.args.iter().copied().for_each(&mut f);
                if let Some(b) = c.block {
                    f(b)
                }
            }
            Super(s) => {
                if let Some(a) = &s.args {
                    a.iter().copied().for_each(&mut f);
                }
                if let Some(b) = s.block {
                    f(b)
                }
            }
            MakeBlock { scope, .. } => {
                if let Some(s) = scope {
                    f(*s)
                }
            }
            DefClass { superclass, .. } => {
                if let Some(s) = superclass {
                    f(*s)
                }
            }
            UnwindMatches { unwind, classes } => {
                f(*unwind);
                classes.iter().copied().for_each(f)
            }
            Jump(bc) => bc.args.iter().copied().for_each(f),
            Branch { cond, then_, else_ } => {
                f(*cond);
                then_.args.iter().copied().for_each(&mut f);
                else_.args.iter().copied().for_each(f)
            }
            Guard { check, .. } => match check {
                GuardCheck::Class(t, _)
                | GuardCheck::IsFixnum(t)
                | GuardCheck::IsFloat(t)
                | GuardCheck::True(t) => f(*t),
                GuardCheck::MethodsUnchanged => {}
            },
        }
    }

    /// Calls `f` on a mutable reference to every temp this instruction reads.
    pub fn for_each_use_mut(&mut self, mut f: impl FnMut(&mut TempId)) {
        use InstKind::*;
        match self {
            Const(_)
            | SelfRef
            | Arg(_)
            | ArgGiven(_)
            | LoadLocal(_)
            | ScopeNew
            | ScopeOuter(_)
            | IvarGet(_)
            | ConstGet(_)
            | BlockGiven
            | DefMethod { .. }
            | Alias { .. }
            | CatchUnwind
            | Unreachable => {}
            Copy(t)
            | StoreLocal(_, t)
            | IvarSet(_, t)
            | ConstGetFrom(t, _)
            | ConstSet(_, t)
            | Unary(_, t)
            | Truthy(t)
            | ToArray(t)
            | ArrayAt(t, _)
            | UnwindException(t)
            | Return(t)
            | BlockBreak(t)
            | NonLocalReturn(t)
            | Resume(t) => f(t),
            ScopeLoad { scope, .. } => f(scope),
            ScopeStore { scope, value, .. } => {
                f(scope);
                f(value)
            }
            Binary(_, a, b) => {
                f(a);
                f(b)
            }
            NewArray(v) | Interp(v) | Yield(v) => v.iter_mut().for_each(f),
            Call(c) => {
                if let Some(r) = &mut c.recv {
                    f(r)
                }
                c.args.iter_mut().for_each(&mut f);
                if let Some(b) = &mut c.block {
                    f(b)
                }
            }
            Super(s) => {
                if let Some(a) = &mut s.args {
                    a.iter_mut().for_each(&mut f);
                }
                if let Some(b) = &mut s.block {
                    f(b)
                }
            }
            MakeBlock { scope, .. } => {
                if let Some(s) = scope {
                    f(s)
                }
            }
            DefClass { superclass, .. } => {
                if let Some(s) = superclass {
                    f(s)
                }
            }
            UnwindMatches { unwind, classes } => {
                f(unwind);
                classes.iter_mut().for_each(f)
            }
            Jump(bc) => bc.args.iter_mut().for_each(f),
            Branch { cond, then_, else_ } => {
                f(cond);
                then_.args.iter_mut().for_each(&mut f);
                else_.args.iter_mut().for_each(f)
            }
            Guard { check, .. } => match check {
                GuardCheck::Class(t, _)
                | GuardCheck::IsFixnum(t)
                | GuardCheck::IsFloat(t)
                | GuardCheck::True(t) => f(t),
                GuardCheck::MethodsUnchanged => {}
            },
        }
    }

    /// The temps this instruction reads.
    pub fn uses(&self) -> SmallVec<[TempId; 4]> {
        let mut v = SmallVec::new();
        self.for_each_use(|t| v.push(t));
        v
    }

    /// The jump targets of a terminator (empty for other instructions).
    pub fn targets(&self) -> SmallVec<[&BlockCall; 2]> {
        match self {
            InstKind::Jump(bc) => smallvec::smallvec![bc],
            InstKind::Branch { then_, else_, .. } => smallvec::smallvec![then_, else_],
            _ => SmallVec::new(),
        }
    }

    /// Mutable access to the jump targets of a terminator.
    pub fn targets_mut(&mut self) -> SmallVec<[&mut BlockCall; 2]> {
        match self {
            InstKind::Jump(bc) => smallvec::smallvec![bc],
            InstKind::Branch { then_, else_, .. } => smallvec::smallvec![then_, else_],
            _ => SmallVec::new(),
        }
    }

    /// Whether the instruction must define a `dst` (`Some(true)`), must not (`Some(false)`),
    /// or may do either (`None`, e.g. calls whose result is unused).
    pub fn defines_value(&self) -> Option<bool> {
        use InstKind::*;
        match self {
            StoreLocal(..)
            | ScopeStore { .. }
            | IvarSet(..)
            | ConstSet(..)
            | DefMethod { .. }
            | Alias { .. }
            | Jump(_)
            | Branch { .. }
            | Return(_)
            | BlockBreak(_)
            | NonLocalReturn(_)
            | Resume(_)
            | Unreachable
            | Guard { .. } => Some(false),
            Call(_) | Super(_) | Yield(_) | DefClass { .. } => None,
            _ => Some(true),
        }
    }
}

impl Block {
    /// The block's terminator (its last instruction), if it has one.
    pub fn terminator(&self) -> Option<&Inst> {
        self.insts.last().filter(|i| i.kind.is_terminator())
    }

    /// The ids of the blocks this block jumps to, without the handler.
    pub fn successors(&self) -> SmallVec<[BlockId; 2]> {
        self.terminator()
            .map(|t| t.kind.targets().iter().map(|bc| bc.block).collect())
            .unwrap_or_default()
    }

    /// Whether any instruction of the block may unwind to its handler.
    pub fn may_unwind(&self) -> bool {
        self.insts.iter().any(|i| i.kind.may_unwind())
    }
}

impl BlockCall {
    pub fn new(block: BlockId) -> BlockCall {
        BlockCall {
            block,
            args: SmallVec::new(),
        }
    }

    pub fn with_args(block: BlockId, args: &[TempId]) -> BlockCall {
        BlockCall {
            block,
            args: SmallVec::from_slice(args),
        }
    }
}
