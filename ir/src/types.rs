//! The definition of rebound's IR, read top to bottom: ids, the module, functions, basic
//! blocks, instructions, guards and the deleted-temp table. This file holds declarations
//! only; the code that builds, prints, checks and analyses the IR lives beside it.
//!
//! # Values, temps and locals
//!
//! A **temp** (`%t7`) is a single-assignment value: exactly one instruction (or one block
//! parameter) defines it, and its id is never given to another value, in IR0 or in any
//! version derived from it (invariant 3). Ruby's local variables are **locals** (`$x`,
//! frame slots read with `LoadLocal` and written with `StoreLocal`), or, when a block
//! captures them, slots of a **dynscope**: a heap object made by `ScopeNew` whose reference
//! is itself a temp, and read or written with `ScopeLoad`/`ScopeStore`.
//!
//! Control flow merges pass values as block parameters (Cranelift style): `jump bb3(%t4)`
//! defines `bb3`'s first parameter. IR0 keeps Ruby variables in locals and only expression
//! values (`a ? b : c`, `x && y`) in block parameters.
//!
//! # Exceptions
//!
//! A basic block may name a `handler`: when an instruction of the block raises (or a
//! `break`/non-local `return` unwinds through it), control goes to the handler block, whose
//! first instruction is `CatchUnwind` and receives the unwind.

use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

macro_rules! entity {
    ($(#[$m:meta])* $name:ident, $prefix:literal) => {
        $(#[$m])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl $name {
            /// The id as an index into a table.
            #[inline]
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(self, f)
            }
        }
    };
}

entity!(
    /// A single-assignment value of one function (`%t7`), shared by IR0 and all its versions.
    TempId,
    "%t"
);
entity!(
    /// A basic block of one function (`bb3`).
    BlockId,
    "bb"
);
entity!(
    /// The stable id of an IR0 instruction (`@12`), unique in its function (invariant 2).
    Ipc,
    "@"
);
entity!(
    /// A function of the module: the script body, a method, a block or a class body.
    FuncId,
    "fn"
);
entity!(
    /// A frame-local variable slot of one function (`$3`).
    LocalId,
    "$"
);
entity!(
    /// A class, as the runtime numbers them; used by profiles and class guards.
    ClassId,
    "class"
);

/// Functions lowered from a program (prelude and user code), by `FuncId`: `functions[i]`
/// is function `first + i`. A module that keeps every function has `first` 0; one that
/// hands its functions on (the engine gives them to the executor, which keeps IR0) keeps
/// numbering after them by raising `first` ([`Module::take_functions`]).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Module {
    pub functions: Vec<Function>,
    /// The id of `functions[0]`.
    #[serde(default)]
    pub first: u32,
}

impl Module {
    /// The id the next function lowered into this module gets.
    pub fn next_id(&self) -> u32 {
        self.first + self.functions.len() as u32
    }

    /// Takes the functions out of the module; later functions keep their numbering after
    /// them.
    pub fn take_functions(&mut self) -> Vec<Function> {
        self.first = self.next_id();
        std::mem::take(&mut self.functions)
    }
}

/// Whether a function is IR0 or a version built from it by speculative passes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Phase {
    /// The conservative build: no guards, no unboxed values. The one deopt target.
    Ir0,
    /// A speculative version of the IR0 function of the same `FuncId`.
    Speculative,
}

/// What a function is, for the runtime and for printing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FuncKind {
    /// The top-level body of a file; `self` is `main`.
    Script,
    /// A method body (`def name`), defined at run time by `DefMethod`.
    Method,
    /// A block body (`{ |x| ... }`); `parent` is the function it is written in.
    Block { parent: FuncId },
    /// A class body (`class Foo ... end`); `self` is the class.
    ClassBody,
}

/// One function: its parameters, locals, dynscope layout and CFG.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Function {
    pub id: FuncId,
    /// Human-readable name: `main`, `Foo#bar`, `Foo.baz`, `block in Foo#bar`, `<class:Foo>`.
    pub name: String,
    /// The Ruby method name used in backtraces (`bar` for `Foo#bar`, `block in bar`).
    pub ruby_name: String,
    pub kind: FuncKind,
    pub phase: Phase,
    /// The file the function was written in and the line of its first token.
    pub file: String,
    pub line: u32,
    pub params: Params,
    /// Frame-local variables (not captured by any block).
    pub locals: Vec<LocalInfo>,
    /// The slots of this function's own dynscope, when it has one (captured variables).
    pub scope: Vec<String>,
    /// The lexical class nesting where the function is written, outermost first
    /// (`["Foo", "Bar"]` inside `class Foo; class Bar`), for constant lookup.
    pub lexical_path: Vec<String>,
    /// The basic blocks, indexed by `BlockId`; `entry` is where execution starts.
    pub blocks: Vec<Block>,
    pub entry: BlockId,
    /// The next unused temp id. Shared by IR0 and every version (invariant 3): a version
    /// starts from IR0's counter and only counts up.
    pub next_temp: u32,
    /// The next unused `Ipc`; only IR0 lowering and conservative passes allocate them.
    pub next_ipc: u32,
    /// For speculative versions: temps removed by passes and how to rebuild them.
    pub deleted: DeletedTemps,
    /// Speculative versions: the functions inlined into this one, in the order they were
    /// inlined; `Inst::inlined` and inline frames refer to them (1-based).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inline_sites: Vec<InlineSite>,
    /// Speculative versions: the temps that hold unboxed machine numbers (every other
    /// temp holds a Value).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub unboxed: std::collections::BTreeMap<TempId, NumKind>,
    /// A version entered in the middle of a loop (OSR): where, and the values the
    /// executor passes in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub osr: Option<OsrEntry>,
    /// `Ipc` ranges of code that CRuby runs in a frame of its own (the body of a `rescue`
    /// clause runs "in `rescue in foo'"), for the place named in error messages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub frame_regions: Vec<FrameRegion>,
    /// Written in the prelude: its operators and calls on core values are primitives that
    /// resolve to the core methods as installed at boot, whatever the program redefines
    /// (CRuby's iterators do not call a redefined `Integer#<` or `Array#size` either).
    #[serde(default, skip_serializing_if = "is_false")]
    pub builtin: bool,
    /// Speculative versions: what the version assumes without a guard checking it
    /// (invariant 8). The passes record them; the executor registers them when it installs
    /// the version (`deopt_runtime::AssumptionRegistry`), and breaking one invalidates it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assumptions: Vec<Assumption>,
}

/// Something a speculative version relies on that no guard in it checks (invariant 8).
/// Redefining, aliasing or removing the method it names invalidates the version: new calls
/// no longer enter it, and a running activation leaves it at its next `assumptions` guard.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Assumption {
    /// `class#name` is still the core method: unboxed arithmetic and comparisons compute
    /// what the core operator computes (`Integer#*`, `Float#<`).
    Builtin { class: CoreClass, name: String },
    /// `class#name` still resolves to the Ruby method `func`: an inlined method (its
    /// `method` guard checks it again at each entry; registering it lets a redefinition
    /// drop the version at once).
    Method {
        class: ClassId,
        name: String,
        func: FuncId,
    },
    /// `class#name` is still an `attr_reader` of instance variable `ivar`: a call of it
    /// was replaced by a class guard and a read of the variable's slot (`ivar_load`), with
    /// no check of the method at each read, so a redefinition makes a running activation
    /// leave (like a builtin's).
    Reader {
        class: ClassId,
        name: String,
        ivar: String,
    },
}

/// The core classes whose methods versions may treat as builtins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CoreClass {
    Integer,
    Float,
    Array,
}

/// The entry of an OSR version: the IR0 loop header it starts at, and the IR0 temps
/// whose values (as the IR0 frame holds them there) the executor hands over, in this
/// order. This is the OSR calling convention: an executor reads `values` out of the IR0
/// frame and passes them positionally; each `osr_load %t` of the entry block reads the
/// value at `%t`'s position.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OsrEntry {
    pub header: Ipc,
    pub values: Vec<TempId>,
}

impl OsrEntry {
    /// The position of IR0 temp `t` among the values passed in.
    pub fn position(&self, t: TempId) -> Option<usize> {
        self.values.iter().position(|&v| v == t)
    }
}

/// A function inlined into a speculative version, and how its IR0 temps and locals map
/// to the version's (so that deopt can rebuild its frame).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InlineSite {
    pub callee: FuncId,
    /// The inline context of the call site (0: the version's own function).
    pub parent: u32,
    /// The call (or `yield`) instruction, an `Ipc` of the parent's function.
    pub call_site: Ipc,
    /// The callee's IR0 temps and locals, and the version's temps and locals that the
    /// inliner gave them. (They describe the version as the inliner left it: guards made
    /// afterwards build their frame states from them; later passes keep the guards' frame
    /// states up to date, not these maps.)
    pub temps: std::collections::BTreeMap<TempId, TempId>,
    pub locals: std::collections::BTreeMap<LocalId, LocalId>,
    /// The frame's `self`, block, captured scope and running block object.
    pub self_val: FrameValue,
    pub block: FrameValue,
    pub outer_scope: FrameValue,
    pub block_obj: FrameValue,
    /// Block frames: the inline context of the method the block was written in.
    pub home: u32,
    pub argc: u32,
    /// The frame's lexical class, known when the inliner resolved the method (for a block,
    /// its home method's); `None`: the version frame's own (a block written in it).
    #[serde(default)]
    pub cref: Option<ClassId>,
}

/// The representation of an unboxed temp.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NumKind {
    /// A machine integer (an Integer in the i64 range).
    I64,
    /// A machine float.
    F64,
}

/// Unboxed integer arithmetic, with Ruby's semantics (floored division and modulo). It
/// deoptimizes where the machine result is not Ruby's: i64 overflow, a zero divisor, a
/// negative shift.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IntArith {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    And,
    Or,
    Xor,
    Shr,
}

/// Unboxed float arithmetic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FloatArith {
    Add,
    Sub,
    Mul,
    Div,
}

/// Unboxed comparisons (the result is a boxed true/false).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CmpOp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

/// A range of `Ipc`s, `start..end`, lowered from a `rescue` clause body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameRegion {
    pub start: Ipc,
    pub end: Ipc,
    /// The prefix of the frame label (`rescue in`).
    pub label: String,
}

/// The formal parameters of a method or block. Parameters are locals (or dynscope slots
/// when captured) that the prologue fills from `Arg` instructions.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Params {
    /// Number of required parameters.
    pub required: u32,
    /// Number of optional parameters (with defaults), after the required ones.
    pub optional: u32,
    /// Blocks: destructure a single Array argument over the parameters (`|a, b|`).
    pub auto_splat: bool,
}

/// A frame-local variable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalInfo {
    pub name: String,
}

/// A basic block: instructions, the last of which is the only terminator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub id: BlockId,
    /// Temps defined on entry, one per argument of every jump here.
    pub params: Vec<TempId>,
    pub insts: Vec<Inst>,
    /// Where an unwind (exception, `break`, non-local `return`) raised in this block goes.
    pub handler: Option<BlockId>,
}

/// One instruction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Inst {
    /// In IR0, this instruction's own id; in a version, the IR0 instruction it derives from
    /// or serves (invariant 2).
    pub ipc: Ipc,
    /// The temp this instruction defines, if it produces a value.
    pub dst: Option<TempId>,
    pub kind: InstKind,
    /// The source line, for backtraces and error messages.
    pub line: u32,
    /// Which function the instruction comes from: 0 for the function itself, `k` for
    /// `Function::inline_sites[k - 1]` (its `ipc` is then an `Ipc` of that callee).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub inlined: u32,
}

/// A constant value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Const {
    Nil,
    True,
    False,
    Int(i64),
    /// An integer literal outside i64, in decimal.
    BigInt(String),
    /// Serialized bit-exactly (any NaN payload survives a RON round trip).
    Float(#[serde(with = "crate::serial::exact_f64")] f64),
    /// A string literal: every evaluation makes a new String.
    Str(String),
    Sym(String),
}

impl Const {
    /// Whether the literal is a heap object at run time: an Integer outside the fixnum
    /// range, or a Float outside the flonum range (the rule of
    /// `runtime::Value::try_flonum`; a test in `interp` checks they agree). As in CRuby,
    /// such a literal is one object per literal site, in every version of its function.
    pub fn is_heap_literal(&self) -> bool {
        match self {
            Const::BigInt(_) => true,
            // Outside the fixnum range (63 bits).
            Const::Int(i) => !(-(1i64 << 62)..(1i64 << 62)).contains(i),
            Const::Float(f) => {
                let bits = f.to_bits();
                let top = (bits >> 60) & 7;
                let flonum = bits == 0 || bits != 0x3000_0000_0000_0000 && (top == 3 || top == 4);
                !flonum
            }
            _ => false,
        }
    }
}

/// Operators with a fast path for core types and a method-call fallback.
/// `a op b` calls `a.op(b)` when the operands are not Integer/Float (or the method was
/// redefined); they are separate instructions so the profiler records operand types and
/// numeric unboxing can specialise them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    Cmp,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
}

/// Unary operators: `-x` (`-@`), `~x`, `!x`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum UnOp {
    Neg,
    BitNot,
    Not,
}

/// Which unwinds a handler may receive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnwindKind {
    /// A raised exception.
    Raise,
    /// `break` out of a block, unwinding to the call that was given the block.
    Break,
    /// `return` inside a block, unwinding to the method the block was written in.
    Return,
}

/// The instruction set. Operands are temps; `dst` is in `Inst`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum InstKind {
    // ---- values -------------------------------------------------------------------
    /// `dst = constant`.
    Const(Const),
    /// `dst = src`.
    Copy(TempId),
    /// `dst = self`.
    SelfRef,
    /// `dst = i-th actual argument`; only meaningful in the prologue.
    Arg(u32),
    /// `dst = true` when at least `n` arguments were passed (for default parameters).
    ArgGiven(u32),

    // ---- variables ----------------------------------------------------------------
    LoadLocal(LocalId),
    StoreLocal(LocalId, TempId),
    /// `dst = a new dynscope` for this function's captured variables. In a block, its
    /// parent is the block's captured scope.
    ScopeNew,
    /// `dst = a new dynscope of `size` slots with the given parent`: the scope of a function
    /// inlined into a version (whose frame's own scope layout is the version's).
    ScopeNewIn {
        parent: Option<TempId>,
        size: u32,
    },
    /// `dst = the dynscope captured by this block, `depth` levels out (1 = the scope the
    /// block was created in).
    ScopeOuter(u32),
    ScopeLoad {
        scope: TempId,
        slot: u32,
    },
    ScopeStore {
        scope: TempId,
        slot: u32,
        value: TempId,
    },
    /// `dst = obj.@name` (nil when unset).
    IvarGet {
        obj: TempId,
        name: String,
    },
    /// `obj.@name = value`.
    IvarSet {
        obj: TempId,
        name: String,
        value: TempId,
    },
    /// Constant lookup: lexical scopes, then ancestors of the innermost, then Object.
    ConstGet(String),
    /// `scope::Name`.
    ConstGetFrom(TempId, String),
    /// Defines a constant in the innermost lexical class (or Object).
    ConstSet(String, TempId),

    // ---- operators ----------------------------------------------------------------
    Binary(BinOp, TempId, TempId),
    Unary(UnOp, TempId),
    /// `dst = truthiness of v` as true/false.
    Truthy(TempId),

    // ---- objects ------------------------------------------------------------------
    NewArray(Vec<TempId>),
    /// String interpolation: concatenates `to_s` of each part into a new String.
    Interp(Vec<TempId>),
    /// Multiple assignment helper: `dst = v` if v is an Array, else `[v]` (to_ary-lite).
    ToArray(TempId),
    /// `dst = arr[i]` for a known Array (no method call), nil when out of range.
    ArrayAt(TempId, u32),
    /// `dst = array[index]` as the core `Array#[]` computes it for a fixnum index
    /// (counted from the end when negative, nil out of range), without a call. Versions
    /// only: after a `class` guard that `array` is an Array (the verifier checks that one
    /// dominates it) and an `is_fixnum` guard on `index`
    /// (`passes::speculative::intrinsics`). `unbox` drops that guard where it proves the
    /// index an Integer, so an executor checks the index itself and calls `Array#[]` (the
    /// core method, by the version's assumption) when it is not a fixnum.
    ArrayGet {
        array: TempId,
        index: TempId,
    },
    /// `array[index] = value` as the core `Array#[]=` does it (growing the array with
    /// nils past its end; IndexError before its start, FrozenError when frozen); `dst` is
    /// `value`. Versions only, under the same guards as `ArrayGet`, and an executor
    /// likewise calls `Array#[]=` for an index that is not a fixnum.
    ArraySet {
        array: TempId,
        index: TempId,
        value: TempId,
    },

    // ---- calls --------------------------------------------------------------------
    /// A method call. `recv == None` is a call on `self` that may reach private methods.
    Call(Box<CallInfo>),
    /// `super` (explicit args, or `zsuper` passing the current method's arguments).
    Super(Box<SuperInfo>),
    Yield(Vec<TempId>),
    /// `dst = true if a block was given to the current method`.
    BlockGiven,
    /// `dst = a block closure of `func` over `scope` (the creating function's dynscope,
    /// or none) and the current `self`.
    MakeBlock {
        func: FuncId,
        scope: Option<TempId>,
    },

    // ---- definitions --------------------------------------------------------------
    /// Defines method `name` as `func` on the lexical class (`def name`), or on the
    /// singleton class of `self` (`def self.name`).
    DefMethod {
        name: String,
        func: FuncId,
        singleton: bool,
    },
    /// Opens (or creates) class `name` in the lexical class and runs `body` with it as self.
    DefClass {
        name: String,
        superclass: Option<TempId>,
        body: FuncId,
    },
    /// `alias new old` in the lexical class.
    Alias {
        new: String,
        old: String,
    },

    // ---- exceptions ---------------------------------------------------------------
    /// The first instruction of a handler block: `dst` = the unwind in flight.
    CatchUnwind,
    /// `dst = true` if the unwind is a raised exception that `is_a?` one of `classes`
    /// (no classes: StandardError).
    UnwindMatches {
        unwind: TempId,
        classes: Vec<TempId>,
    },
    /// `dst = the exception object carried by an unwind.
    UnwindException(TempId),

    // ---- terminators --------------------------------------------------------------
    Jump(BlockCall),
    /// Truthiness test: nil and false go to `else_`.
    Branch {
        cond: TempId,
        then_: BlockCall,
        else_: BlockCall,
    },
    Return(TempId),
    /// `break v` inside a block: unwinds to the call the block was given to.
    BlockBreak(TempId),
    /// `return v` inside a block: unwinds to the method the block was written in.
    NonLocalReturn(TempId),
    /// Continues an unwind caught by a handler.
    Resume(TempId),
    Unreachable,

    // ---- unboxed numbers (speculative versions only) ---------------------------------
    /// `dst:i64 = v`, a fixnum (a guard has checked it).
    UnboxInt(TempId),
    /// `dst:f64 = v`, a Float (a guard has checked it).
    UnboxFloat(TempId),
    /// `dst = the Integer of an i64`.
    BoxInt(TempId),
    /// `dst = the Float of an f64`.
    BoxFloat(TempId),
    ConstI64(i64),
    ConstF64(#[serde(with = "crate::serial::exact_f64")] f64),
    /// `dst:i64 = a op b`; on i64 overflow, deoptimizes to `resume` (reason Overflow).
    IntOp {
        op: IntArith,
        a: TempId,
        b: TempId,
        resume: Box<ResumePoint>,
    },
    /// `dst = a op b` on i64s, as true/false.
    IntCmp {
        op: CmpOp,
        a: TempId,
        b: TempId,
    },
    /// `dst:f64 = a op b`.
    FloatOp {
        op: FloatArith,
        a: TempId,
        b: TempId,
    },
    /// `dst = a op b` on f64s, as true/false.
    FloatCmp {
        op: CmpOp,
        a: TempId,
        b: TempId,
    },
    /// `dst:f64 = the i64 as a float`.
    IntToFloat(TempId),

    // ---- speculation (never in IR0) ------------------------------------------------
    /// OSR entry: `dst = the value IR0 temp `.0` had in the IR0 frame that this version
    /// replaces in the middle of a loop`, passed in at its position in
    /// [`Function::osr`]'s values. The operand names an IR0 temp, not a use; only the
    /// entry block of a version with an OSR entry has these.
    OsrLoad(TempId),
    /// `dst = obj.@name`, read from slot `slot` of a plain object's instance variables
    /// (nil when unset), without looking the name up. Only after a class guard on `obj`
    /// whose class's layout has `name` at `slot` (`passes::speculative::ivarslot`; a
    /// class's slots never move, so the guard is the only check).
    IvarLoad {
        obj: TempId,
        name: String,
        slot: u32,
    },
    /// `obj.@name = value` into slot `slot` (FrozenError when `obj` is frozen), under
    /// the same kind of guard as `IvarLoad`.
    IvarStore {
        obj: TempId,
        name: String,
        slot: u32,
        value: TempId,
    },
    /// Checks a speculated fact; when it does not hold, deoptimizes to `resume`.
    Guard {
        check: GuardCheck,
        resume: Box<ResumePoint>,
    },
}

/// A jump target with the values of the target's parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BlockCall {
    pub block: BlockId,
    pub args: SmallVec<[TempId; 2]>,
}

/// A method call site.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CallInfo {
    pub recv: Option<TempId>,
    pub name: String,
    pub args: Vec<TempId>,
    /// A block closure (from `MakeBlock`) passed to the call.
    pub block: Option<TempId>,
    /// A bare identifier (`foo`, no receiver, no arguments, no parentheses): a missing
    /// method is a NameError ("undefined local variable or method"), not a NoMethodError.
    #[serde(default, skip_serializing_if = "is_false")]
    pub vcall: bool,
    /// A call on `self` written without a receiver: private methods may be called. (After
    /// inlining, such a call may have an explicit receiver, the inlined method's `self`.)
    #[serde(default, skip_serializing_if = "is_false")]
    pub fcall: bool,
}

/// A `super` call site.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SuperInfo {
    /// `None`: implicit-argument `super` (the method's current parameters).
    pub args: Option<Vec<TempId>>,
    pub block: Option<TempId>,
}

/// What a guard checks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum GuardCheck {
    /// The value's class is exactly `class`.
    Class(TempId, ClassId),
    /// The value is a fixnum (an Integer in the immediate range).
    IsFixnum(TempId),
    /// The value is a Float.
    IsFloat(TempId),
    /// `recv`'s class is `class`, and `name` still resolves to the Ruby method `func`
    /// there: the check before an inlined call (class guard, and the guard against
    /// redefinition).
    Method {
        recv: TempId,
        class: ClassId,
        name: String,
        func: FuncId,
    },
    /// None of the version's `assumptions` was broken. It follows every instruction that
    /// may run Ruby code (a call, `yield`, `super`, a definition, an operator that may call
    /// a method), resuming at the IR0 instruction after it: a redefinition made during
    /// that instruction makes the version leave before it runs on the broken assumption.
    Assumptions,
}

/// Why a guard exists, as reported by `--trace-deopt` and the statistics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DeoptReason {
    TypeGuard,
    ClassGuard,
    Overflow,
    MethodRedefined,
    /// An assumption of the version was broken (a core method redefined).
    Invalidated,
}

/// Where a failing guard resumes: an IR0 instruction, through the inlined frames.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResumePoint {
    /// The IR0 instruction to resume at, in the innermost (callee-most) frame.
    pub ipc: Ipc,
    pub reason: DeoptReason,
    /// The inlined frames around the guard, outermost first: for each, the callee function
    /// and the call-site `Ipc` in its caller. Empty when the guard is not in inlined code.
    pub inline_chain: Vec<InlineFrame>,
    /// What each IR0 frame to rebuild holds, outermost first: one frame for the version's
    /// own function, then one per inlined level.
    pub frames: Vec<FrameState>,
}

/// The state of one IR0 frame that a deopt rebuilds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FrameState {
    pub func: FuncId,
    /// Where it continues: the innermost frame at the resume instruction; an outer frame
    /// at the inlined call instruction, which takes the inner frame's result as its own.
    pub ipc: Ipc,
    pub self_val: FrameValue,
    /// The block given to the frame (`Nil` when none).
    pub block: FrameValue,
    /// Block frames: the scope the block captured.
    pub outer_scope: FrameValue,
    /// Block frames: the frame (index in `frames`) of the method the block was written in.
    pub home: u32,
    /// Block frames: the block object being run.
    pub block_obj: FrameValue,
    pub argc: FrameArgc,
    /// The lexical class (from [`InlineSite::cref`]); `None`: the version frame's own.
    #[serde(default)]
    pub cref: Option<ClassId>,
    /// The IR0 locals of the frame and where their values are.
    pub locals: Vec<(LocalId, FrameValue)>,
    /// The IR0 temps live at `ipc` (for an outer frame: live after the call) and where
    /// their values are.
    pub temps: Vec<(TempId, FrameValue)>,
}

/// The argument count of a rebuilt frame (what `ArgGiven` reads in IR0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FrameArgc {
    /// The version frame's own: the frame the version runs in was called with it.
    Version,
    /// An inlined call's, known when the version was built.
    Known(u32),
}

/// Where a rebuilt frame finds a value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FrameValue {
    Nil,
    /// The version frame's own `self`, block and captured scope.
    VersionSelf,
    VersionBlock,
    VersionOuter,
    /// A temp of the version (a deleted one is rebuilt from the deleted-temp table).
    Temp(TempId),
    /// A local (frame slot) of the version.
    Local(LocalId),
    /// A dynscope that dynscope elimination removed: re-allocated once per deopt (per
    /// `id`) and filled with its slots' values.
    Scope {
        id: u32,
        parent: Box<FrameValue>,
        slots: Vec<FrameValue>,
    },
    /// A block closure whose creation inlining removed: made once per deopt (per `id`).
    Block {
        id: u32,
        func: FuncId,
        self_val: Box<FrameValue>,
        scope: Box<FrameValue>,
        home_block: Box<FrameValue>,
        /// The frame (index in `frames`) of the method the block was written in.
        home: u32,
    },
}

/// One level of inlining.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InlineFrame {
    pub callee: FuncId,
    /// The call instruction in the caller's IR0 that this frame was inlined at.
    pub call_site: Ipc,
}

/// How to rebuild temps that a speculative version deleted (invariant 5).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct DeletedTemps {
    pub entries: Vec<(TempId, Rebuild)>,
}

/// How to rebuild a deleted temp's value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Rebuild {
    Const(Const),
    /// The same value as another temp.
    Temp(TempId),
    /// Box an unboxed i64 temp as an Integer.
    BoxInt(TempId),
    /// Box an unboxed f64 temp as a Float.
    BoxFloat(TempId),
}

fn is_zero(x: &u32) -> bool {
    *x == 0
}

fn is_false(x: &bool) -> bool {
    !*x
}
