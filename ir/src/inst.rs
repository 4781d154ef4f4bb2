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
            | InstKind::IvarGet { .. }
            | InstKind::IvarLoad { .. }
            | InstKind::Truthy(_)
            | InstKind::NewArray(_)
            | InstKind::ArrayAt(..)
            | InstKind::ArrayGet { .. }
            | InstKind::BlockGiven
            | InstKind::MakeBlock { .. }
            | InstKind::UnwindException(_)
            | InstKind::UnboxInt(_)
            | InstKind::UnboxFloat(_)
            | InstKind::BoxInt(_)
            | InstKind::BoxFloat(_)
            | InstKind::ConstI64(_)
            | InstKind::ConstF64(_)
            | InstKind::IntCmp { .. }
            | InstKind::FloatOp { .. }
            | InstKind::FloatCmp { .. }
            | InstKind::IntToFloat(_)
            | InstKind::OsrLoad(_) => true,
            // `!x` calls no method in rebound (BasicObject#! is not redefinable here).
            InstKind::Unary(UnOp::Not, _) => true,
            // A new dynscope is pure, but removing it is the dynscope-elimination pass's
            // business: its slots are the captured locals.
            InstKind::ScopeNew | InstKind::ScopeNewIn { .. } => true,
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
                    | InstKind::IntOp { .. }
            )
    }

    /// Calls `f` on every temp this instruction reads, in operand order, then on the temps
    /// its resume point (if any) refers to.
    pub fn for_each_use(&self, mut f: impl FnMut(TempId)) {
        self.for_each_operand(&mut f);
        if let Some(r) = self.resume_point() {
            r.for_each_temp(&mut f);
        }
    }

    /// Calls `f` on a mutable reference to every temp this instruction reads (resume-point
    /// temps included).
    pub fn for_each_use_mut(&mut self, mut f: impl FnMut(&mut TempId)) {
        self.for_each_operand_mut(&mut f);
        if let Some(r) = self.resume_point_mut() {
            r.for_each_temp_mut(&mut f);
        }
    }

    /// Whether the instruction may run Ruby code of the program (and so redefine a
    /// method): calls, `super`, `yield`, definitions, class bodies, operators and unary
    /// minus (the program may define them on its classes), string interpolation (`to_s`),
    /// and a handler's `CatchUnwind` (the code that raised ran before it). In a version
    /// that assumes builtins, each is followed by an `assumptions` guard (invariant 8).
    pub fn may_run_ruby(&self) -> bool {
        matches!(
            self,
            InstKind::Call(_)
                | InstKind::Super(_)
                | InstKind::Yield(_)
                | InstKind::DefMethod { .. }
                | InstKind::DefClass { .. }
                | InstKind::Alias { .. }
                | InstKind::Binary(..)
                | InstKind::Unary(UnOp::Neg | UnOp::BitNot, _)
                | InstKind::Interp(_)
                | InstKind::CatchUnwind
        )
    }

    /// Whether this is an invalidation point (`guard assumptions`).
    pub fn is_invalidation_point(&self) -> bool {
        matches!(
            self,
            InstKind::Guard {
                check: GuardCheck::Assumptions,
                ..
            }
        )
    }

    /// The resume point of a guard or an overflow-checked operation.
    pub fn resume_point(&self) -> Option<&ResumePoint> {
        match self {
            InstKind::Guard { resume, .. } | InstKind::IntOp { resume, .. } => Some(resume),
            _ => None,
        }
    }

    pub fn resume_point_mut(&mut self) -> Option<&mut ResumePoint> {
        match self {
            InstKind::Guard { resume, .. } | InstKind::IntOp { resume, .. } => Some(resume),
            _ => None,
        }
    }

    /// Calls `f` on every operand temp, not counting the temps a resume point refers to
    /// (those only matter if the guard fails, and may be rebuilt from the deleted-temp
    /// table).
    pub fn for_each_operand(&self, f: &mut dyn FnMut(TempId)) {
        use InstKind::*;
        match self {
            Const(_)
            | OsrLoad(_)
            | SelfRef
            | Arg(_)
            | ArgGiven(_)
            | LoadLocal(_)
            | ScopeNew
            | ScopeOuter(_)
            | ConstGet(_)
            | BlockGiven
            | DefMethod { .. }
            | Alias { .. }
            | CatchUnwind
            | Unreachable
            | ConstI64(_)
            | ConstF64(_) => {}
            Copy(t)
            | StoreLocal(_, t)
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
            | Resume(t)
            | UnboxInt(t)
            | UnboxFloat(t)
            | BoxInt(t)
            | BoxFloat(t)
            | IntToFloat(t) => f(*t),
            IvarGet { obj, .. } | IvarLoad { obj, .. } => f(*obj),
            ArrayGet { array, index } => {
                f(*array);
                f(*index)
            }
            ArraySet {
                array,
                index,
                value,
            } => {
                f(*array);
                f(*index);
                f(*value)
            }
            IvarSet { obj, value, .. } | IvarStore { obj, value, .. } => {
                f(*obj);
                f(*value)
            }
            ScopeNewIn { parent, .. } => {
                if let Some(p) = parent {
                    f(*p)
                }
            }
            ScopeLoad { scope, .. } => f(*scope),
            ScopeStore { scope, value, .. } => {
                f(*scope);
                f(*value)
            }
            Binary(_, a, b)
            | IntOp { a, b, .. }
            | IntCmp { a, b, .. }
            | FloatOp { a, b, .. }
            | FloatCmp { a, b, .. } => {
                f(*a);
                f(*b)
            }
            NewArray(v) | Interp(v) | Yield(v) => v.iter().for_each(|t| f(*t)),
            Call(c) => {
                if let Some(r) = c.recv {
                    f(r)
                }
                c.args.iter().for_each(|t| f(*t));
                if let Some(b) = c.block {
                    f(b)
                }
            }
            Super(s) => {
                if let Some(a) = &s.args {
                    a.iter().for_each(|t| f(*t));
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
                classes.iter().for_each(|t| f(*t))
            }
            Jump(bc) => bc.args.iter().for_each(|t| f(*t)),
            Branch { cond, then_, else_ } => {
                f(*cond);
                then_.args.iter().for_each(|t| f(*t));
                else_.args.iter().for_each(|t| f(*t))
            }
            Guard { check, .. } => match check {
                GuardCheck::Class(t, _) | GuardCheck::IsFixnum(t) | GuardCheck::IsFloat(t) => f(*t),
                GuardCheck::Method { recv, .. } => f(*recv),
                GuardCheck::Assumptions => {}
            },
        }
    }

    /// The mutable twin of [`InstKind::for_each_operand`].
    pub fn for_each_operand_mut(&mut self, f: &mut dyn FnMut(&mut TempId)) {
        use InstKind::*;
        match self {
            Const(_)
            | OsrLoad(_)
            | SelfRef
            | Arg(_)
            | ArgGiven(_)
            | LoadLocal(_)
            | ScopeNew
            | ScopeOuter(_)
            | ConstGet(_)
            | BlockGiven
            | DefMethod { .. }
            | Alias { .. }
            | CatchUnwind
            | Unreachable
            | ConstI64(_)
            | ConstF64(_) => {}
            Copy(t)
            | StoreLocal(_, t)
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
            | Resume(t)
            | UnboxInt(t)
            | UnboxFloat(t)
            | BoxInt(t)
            | BoxFloat(t)
            | IntToFloat(t) => f(t),
            IvarGet { obj, .. } | IvarLoad { obj, .. } => f(obj),
            ArrayGet { array, index } => {
                f(array);
                f(index)
            }
            ArraySet {
                array,
                index,
                value,
            } => {
                f(array);
                f(index);
                f(value)
            }
            IvarSet { obj, value, .. } | IvarStore { obj, value, .. } => {
                f(obj);
                f(value)
            }
            ScopeNewIn { parent, .. } => {
                if let Some(p) = parent {
                    f(p)
                }
            }
            ScopeLoad { scope, .. } => f(scope),
            ScopeStore { scope, value, .. } => {
                f(scope);
                f(value)
            }
            Binary(_, a, b)
            | IntOp { a, b, .. }
            | IntCmp { a, b, .. }
            | FloatOp { a, b, .. }
            | FloatCmp { a, b, .. } => {
                f(a);
                f(b)
            }
            NewArray(v) | Interp(v) | Yield(v) => v.iter_mut().for_each(f),
            Call(c) => {
                if let Some(r) = &mut c.recv {
                    f(r)
                }
                c.args.iter_mut().for_each(&mut *f);
                if let Some(b) = &mut c.block {
                    f(b)
                }
            }
            Super(s) => {
                if let Some(a) = &mut s.args {
                    a.iter_mut().for_each(&mut *f);
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
                then_.args.iter_mut().for_each(&mut *f);
                else_.args.iter_mut().for_each(f)
            }
            Guard { check, .. } => match check {
                GuardCheck::Class(t, _) | GuardCheck::IsFixnum(t) | GuardCheck::IsFloat(t) => f(t),
                GuardCheck::Method { recv, .. } => f(recv),
                GuardCheck::Assumptions => {}
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
            | IvarSet { .. }
            | IvarStore { .. }
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
            IntOp { .. } => Some(true),
            _ => Some(true),
        }
    }
}

impl UnOp {
    /// The Ruby method the operator calls (`-@`, `~`; `!` is never a call in rebound).
    pub fn method_name(self) -> &'static str {
        match self {
            UnOp::Neg => "-@",
            UnOp::BitNot => "~",
            UnOp::Not => "!",
        }
    }
}

impl BinOp {
    /// The Ruby method the operator calls (`+`, `<=>`, `<<`).
    pub fn method_name(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Cmp => "<=>",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::Shl => "<<",
            BinOp::Shr => ">>",
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

impl ResumePoint {
    /// Calls `f` on every temp the frame states refer to.
    pub fn for_each_temp(&self, f: &mut dyn FnMut(TempId)) {
        for fr in &self.frames {
            fr.for_each_value(&mut |v| v.for_each_temp(f));
        }
    }

    pub fn for_each_temp_mut(&mut self, f: &mut dyn FnMut(&mut TempId)) {
        for fr in &mut self.frames {
            fr.for_each_value_mut(&mut |v| v.for_each_temp_mut(f));
        }
    }
}

impl FrameState {
    /// Calls `f` on every value of the frame.
    pub fn for_each_value(&self, f: &mut dyn FnMut(&FrameValue)) {
        f(&self.self_val);
        f(&self.block);
        f(&self.outer_scope);
        f(&self.block_obj);
        self.locals.iter().for_each(|(_, v)| f(v));
        self.temps.iter().for_each(|(_, v)| f(v));
    }

    pub fn for_each_value_mut(&mut self, f: &mut dyn FnMut(&mut FrameValue)) {
        f(&mut self.self_val);
        f(&mut self.block);
        f(&mut self.outer_scope);
        f(&mut self.block_obj);
        self.locals.iter_mut().for_each(|(_, v)| f(v));
        self.temps.iter_mut().for_each(|(_, v)| f(v));
    }
}

impl FrameValue {
    pub fn for_each_temp(&self, f: &mut dyn FnMut(TempId)) {
        match self {
            FrameValue::Temp(t) => f(*t),
            FrameValue::Nil
            | FrameValue::Local(_)
            | FrameValue::VersionSelf
            | FrameValue::VersionBlock
            | FrameValue::VersionOuter => {}
            FrameValue::Scope { parent, slots, .. } => {
                parent.for_each_temp(f);
                slots.iter().for_each(|s| s.for_each_temp(f));
            }
            FrameValue::Block {
                self_val,
                scope,
                home_block,
                ..
            } => {
                self_val.for_each_temp(f);
                scope.for_each_temp(f);
                home_block.for_each_temp(f);
            }
        }
    }

    pub fn for_each_temp_mut(&mut self, f: &mut dyn FnMut(&mut TempId)) {
        match self {
            FrameValue::Temp(t) => f(t),
            FrameValue::Nil
            | FrameValue::Local(_)
            | FrameValue::VersionSelf
            | FrameValue::VersionBlock
            | FrameValue::VersionOuter => {}
            FrameValue::Scope { parent, slots, .. } => {
                parent.for_each_temp_mut(f);
                slots.iter_mut().for_each(|s| s.for_each_temp_mut(f));
            }
            FrameValue::Block {
                self_val,
                scope,
                home_block,
                ..
            } => {
                self_val.for_each_temp_mut(f);
                scope.for_each_temp_mut(f);
                home_block.for_each_temp_mut(f);
            }
        }
    }

    /// Rewrites every value (this one and the ones nested in it), innermost first.
    pub fn rewrite(&mut self, f: &mut dyn FnMut(&mut FrameValue)) {
        match self {
            FrameValue::Scope { parent, slots, .. } => {
                parent.rewrite(f);
                slots.iter_mut().for_each(|s| s.rewrite(f));
            }
            FrameValue::Block {
                self_val,
                scope,
                home_block,
                ..
            } => {
                self_val.rewrite(f);
                scope.rewrite(f);
                home_block.rewrite(f);
            }
            _ => {}
        }
        f(self)
    }
}

impl GuardCheck {
    /// The value the guard checks (none for an invalidation point).
    pub fn subject(&self) -> Option<TempId> {
        match self {
            GuardCheck::Class(t, _) | GuardCheck::IsFixnum(t) | GuardCheck::IsFloat(t) => Some(*t),
            GuardCheck::Method { recv, .. } => Some(*recv),
            GuardCheck::Assumptions => None,
        }
    }
}
