//! Translation of an IR function into the interpreter's flat form: one `Op` per IR
//! instruction (plus moves for block arguments), registers resolved to frame slots,
//! jump targets resolved to op indexes, and side tables for call sites, lines, handlers
//! and profiling.
//!
//! Frame layout (one contiguous slice of the value stack):
//! `[self, block, outer scope, args..., locals..., temps..., scratch]`. The temps are the
//! boxed temps the function defines, numbered densely in order of id: a version, whose
//! ids are sparse (deleted temps, unboxed ones, IR0's numbering kept), clears no more
//! registers per call than it uses.

use ir::{BinOp, Const, FuncId, Function, Inst, InstKind, Ipc, UnOp};
use runtime::class::{MethodId, SymId};
use runtime::{Value, Vm};
use std::cell::Cell;

pub type Reg = u32;

pub const REG_SELF: Reg = 0;
pub const REG_BLOCK: Reg = 1;
pub const REG_OUTER: Reg = 2;
pub const FIXED_REGS: u32 = 3;
pub const NO_REG: Reg = u32::MAX;
pub const NO_PC: u32 = u32::MAX;

/// One interpreter instruction.
#[derive(Clone, Debug)]
pub enum Op {
    Load {
        dst: Reg,
        v: Value,
    },
    /// A new String from literal `idx`.
    Str {
        dst: Reg,
        idx: u32,
    },
    Move {
        dst: Reg,
        src: Reg,
    },
    ArgGiven {
        dst: Reg,
        i: u32,
    },
    ScopeNew {
        dst: Reg,
        size: u32,
    },
    ScopeOuter {
        dst: Reg,
        depth: u32,
    },
    ScopeLoad {
        dst: Reg,
        scope: Reg,
        slot: u32,
    },
    ScopeStore {
        scope: Reg,
        slot: u32,
        src: Reg,
    },
    IvarGet {
        dst: Reg,
        obj: Reg,
        name: SymId,
        cache: u32,
    },
    IvarSet {
        obj: Reg,
        name: SymId,
        src: Reg,
        cache: u32,
    },
    /// Versions: `@name` read from `slot` of a plain object whose class a guard checked
    /// (`ir::InstKind::IvarLoad`).
    IvarLoad {
        dst: Reg,
        obj: Reg,
        name: SymId,
        slot: u32,
    },
    /// Versions: `@name = src` into `slot` (`ir::InstKind::IvarStore`).
    IvarStore {
        obj: Reg,
        name: SymId,
        slot: u32,
        src: Reg,
    },
    /// `Name` in the frame's lexical class, through `Code::const_caches[cache]`.
    ConstGet {
        dst: Reg,
        name: SymId,
        cache: u32,
    },
    ConstGetFrom {
        dst: Reg,
        scope: Reg,
        name: SymId,
    },
    ConstSet {
        name: SymId,
        src: Reg,
    },
    Add {
        dst: Reg,
        a: Reg,
        b: Reg,
        site: u32,
    },
    Sub {
        dst: Reg,
        a: Reg,
        b: Reg,
        site: u32,
    },
    Mul {
        dst: Reg,
        a: Reg,
        b: Reg,
        site: u32,
    },
    Lt {
        dst: Reg,
        a: Reg,
        b: Reg,
        site: u32,
    },
    Le {
        dst: Reg,
        a: Reg,
        b: Reg,
        site: u32,
    },
    Gt {
        dst: Reg,
        a: Reg,
        b: Reg,
        site: u32,
    },
    Ge {
        dst: Reg,
        a: Reg,
        b: Reg,
        site: u32,
    },
    Eq {
        dst: Reg,
        a: Reg,
        b: Reg,
        site: u32,
    },
    /// `a op imm` for a fixnum constant right operand (the constant needs no register).
    AddI {
        dst: Reg,
        a: Reg,
        imm: Value,
        site: u32,
    },
    SubI {
        dst: Reg,
        a: Reg,
        imm: Value,
        site: u32,
    },
    LtI {
        dst: Reg,
        a: Reg,
        imm: Value,
        site: u32,
    },
    LeI {
        dst: Reg,
        a: Reg,
        imm: Value,
        site: u32,
    },
    GtI {
        dst: Reg,
        a: Reg,
        imm: Value,
        site: u32,
    },
    GeI {
        dst: Reg,
        a: Reg,
        imm: Value,
        site: u32,
    },
    EqI {
        dst: Reg,
        a: Reg,
        imm: Value,
        site: u32,
    },
    Binary {
        dst: Reg,
        op: BinOp,
        a: Reg,
        b: Reg,
        site: u32,
    },
    Unary {
        dst: Reg,
        op: UnOp,
        src: Reg,
        site: u32,
    },
    Truthy {
        dst: Reg,
        src: Reg,
    },
    NewArray {
        dst: Reg,
        start: u32,
        len: u32,
    },
    Interp {
        dst: Reg,
        start: u32,
        len: u32,
    },
    ToArray {
        dst: Reg,
        src: Reg,
    },
    ArrayAt {
        dst: Reg,
        src: Reg,
        i: u32,
    },
    /// Versions: the core `Array#[]` of an Array and a fixnum, both guarded
    /// (`ir::InstKind::ArrayGet`).
    ArrayGet {
        dst: Reg,
        array: Reg,
        index: Reg,
    },
    /// Versions: the core `Array#[]=` (`ir::InstKind::ArraySet`); `dst` gets `src`.
    ArraySet {
        dst: Reg,
        array: Reg,
        index: Reg,
        src: Reg,
    },
    Call {
        dst: Reg,
        site: u32,
    },
    /// A call of a version with the invalidation point that follows it fused in: checked
    /// once the call returns (deopt site `deopt`), without a `GuardAssumptions` op.
    CallPoint {
        dst: Reg,
        site: u32,
        deopt: u32,
    },
    /// `Call` and `CallPoint` in inlined code: the callee's frame is as deep as the
    /// inlined calls would have made it (`Code::inline_level`). Ops of their own,
    /// so that the calls of other code pay nothing for it.
    CallIn {
        dst: Reg,
        site: u32,
    },
    CallPointIn {
        dst: Reg,
        site: u32,
        deopt: u32,
    },
    /// `Yield` in inlined code (see `CallIn`).
    YieldIn {
        dst: Reg,
        start: u32,
        len: u32,
    },
    /// The first op of a version with inlined calls, `levels` deep at most: near the
    /// depth limit the activation runs IR0 instead (`Interp::run_as_ir0`).
    DepthCheck {
        levels: u32,
    },
    Super {
        dst: Reg,
        site: u32,
    },
    Yield {
        dst: Reg,
        start: u32,
        len: u32,
    },
    BlockGiven {
        dst: Reg,
    },
    MakeBlock {
        dst: Reg,
        func: FuncId,
        scope: Reg,
    },
    DefMethod {
        name: SymId,
        func: FuncId,
        singleton: bool,
    },
    DefClass {
        dst: Reg,
        name: SymId,
        superclass: Reg,
        body: FuncId,
    },
    Alias {
        new: SymId,
        old: SymId,
    },
    CatchUnwind {
        dst: Reg,
    },
    UnwindMatches {
        dst: Reg,
        unwind: Reg,
        start: u32,
        len: u32,
    },
    UnwindException {
        dst: Reg,
        src: Reg,
    },
    Jump {
        target: u32,
    },
    /// A jump to an earlier op: a loop back-edge (safepoint, profiled).
    JumpBack {
        target: u32,
    },
    Branch {
        cond: Reg,
        then_: u32,
        else_: u32,
    },
    Return {
        src: Reg,
    },
    BlockBreak {
        src: Reg,
    },
    NonLocalReturn {
        src: Reg,
    },
    Resume {
        src: Reg,
    },
    Unreachable,

    // ---- speculative versions ------------------------------------------------------
    /// `u[dst] = the fixnum in src` (a guard checked it).
    UnboxInt {
        dst: Reg,
        src: Reg,
    },
    UnboxFloat {
        dst: Reg,
        src: Reg,
    },
    BoxInt {
        dst: Reg,
        src: Reg,
    },
    BoxFloat {
        dst: Reg,
        src: Reg,
    },
    /// `u[dst] = bits`.
    ConstU {
        dst: Reg,
        bits: u64,
    },
    UMove {
        dst: Reg,
        src: Reg,
    },
    /// `u[dst] = u[a] op u[b]` on i64; deoptimizes through `deopt` on overflow.
    IntOp {
        op: ir::IntArith,
        dst: Reg,
        a: Reg,
        b: Reg,
        deopt: u32,
    },
    IntCmp {
        op: ir::CmpOp,
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    FloatOp {
        op: ir::FloatArith,
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    FloatCmp {
        op: ir::CmpOp,
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    IntToFloat {
        dst: Reg,
        src: Reg,
    },
    GuardFixnum {
        src: Reg,
        deopt: u32,
    },
    GuardFloat {
        src: Reg,
        deopt: u32,
    },
    GuardClass {
        src: Reg,
        class: u32,
        deopt: u32,
    },
    /// Class of `src` is `class` and `name` still resolves to Ruby function `func`.
    GuardMethod {
        src: Reg,
        class: u32,
        name: SymId,
        func: FuncId,
        deopt: u32,
    },
    /// An invalidation point: deoptimizes when an assumption of the version was broken
    /// (the method changes the runtime logged are taken first).
    GuardAssumptions {
        deopt: u32,
    },
    /// OSR entry: the value passed in at position `index` (`Code::osr_values`).
    OsrLoad {
        dst: Reg,
        index: u32,
    },
    /// A fixnum guard and the unboxing that follows it, in one op.
    GuardUnboxInt {
        dst: Reg,
        src: Reg,
        deopt: u32,
    },
    /// A dynscope of `size` slots whose parent is `parent` (NO_REG: nil).
    ScopeNewIn {
        dst: Reg,
        parent: Reg,
        size: u32,
    },
    GuardUnboxFloat {
        dst: Reg,
        src: Reg,
        deopt: u32,
    },
    /// `IntOp` / `IntCmp` with an i64 constant right operand.
    IntOpI {
        op: ir::IntArith,
        dst: Reg,
        a: Reg,
        imm: i64,
        deopt: u32,
    },
    IntCmpI {
        op: ir::CmpOp,
        dst: Reg,
        a: Reg,
        imm: i64,
    },
    /// `IntCmp` whose only reader is the `Branch` right after it: compare and branch in
    /// one op (the boolean is never made).
    IntCmpBranch {
        op: ir::CmpOp,
        a: Reg,
        b: Reg,
        then_: u32,
        else_: u32,
    },
    /// `IntCmpBranch` with an i32 constant right operand.
    IntCmpIBranch {
        op: ir::CmpOp,
        a: Reg,
        imm: i32,
        then_: u32,
        else_: u32,
    },
}

/// Where a temp of a function lives in its frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loc {
    /// A Value register.
    Reg(Reg),
    /// An unboxed register of the frame's unboxed area.
    I64(Reg),
    F64(Reg),
}

/// The inline cache of a `ConstGet`: what the lookup found from lexical class `cref`
/// while `Vm::const_serial` was `serial`. Any constant set anywhere bumps the serial, so
/// a hit is the lookup's answer; the value is read only on a hit, when the constant
/// table still holds it (and so keeps it alive).
pub struct ConstCache {
    pub serial: Cell<u64>,
    pub cref: Cell<u32>,
    pub value: Cell<Value>,
}

impl ConstCache {
    pub fn new() -> ConstCache {
        ConstCache {
            serial: Cell::new(u64::MAX),
            cref: Cell::new(u32::MAX),
            value: Cell::new(Value::NIL),
        }
    }
}

/// An instance-variable site: its inline cache and its profile.
pub struct IvarSite {
    pub ipc: Ipc,
    /// (class, slot) of the last receiver whose class has the variable (`u32::MAX`: none
    /// yet).
    pub cache: Cell<(u32, u32)>,
    /// Receivers of more than one class, or something that is not a plain object (an
    /// exception, an immediate), were seen: no speculation on this site.
    pub polymorphic: Cell<bool>,
}

impl IvarSite {
    pub fn new(ipc: Ipc) -> IvarSite {
        IvarSite {
            ipc,
            cache: Cell::new((u32::MAX, 0)),
            polymorphic: Cell::new(false),
        }
    }

    /// A cache miss on a receiver of `class` whose layout has the variable at `slot`:
    /// refill the cache, and keep the profile.
    #[inline]
    pub fn refill(&self, class: u32, slot: u32, plain: bool) {
        let (old, _) = self.cache.get();
        if (old != u32::MAX && old != class) || !plain {
            self.polymorphic.set(true);
        }
        self.cache.set((class, slot));
    }
}

/// A call site with its inline cache and receiver-class profile.
pub struct CallSite {
    pub name: SymId,
    /// `NO_REG`: a call on self (private methods allowed).
    pub recv: Reg,
    pub args_start: u32,
    pub args_len: u32,
    pub block: Reg,
    /// `super` sites: `true` when the arguments are implicit (zsuper).
    pub zsuper: bool,
    /// Private methods may be called (a call written without a receiver).
    pub fcall: bool,
    /// Written like a local variable (`foo`): a miss is a NameError.
    pub vcall: bool,
    /// A site of the prelude: it calls the core method of boot (`Vm::find_builtin`), and
    /// its operators keep their core meaning, whatever the program redefines.
    pub builtin: bool,
    pub ipc: Ipc,
    pub cache: Cell<CacheEntry>,
    /// The entry the first one replaced last (a second receiver class).
    pub cache2: Cell<CacheEntry>,
    /// Receiver classes seen (class id, count), most recent first to fill.
    pub profile: [Cell<(u32, u32)>; 4],
    pub megamorphic: Cell<bool>,
}

#[derive(Clone, Copy)]
pub struct CacheEntry {
    pub class: u32,
    pub serial: u64,
    pub method: Option<MethodId>,
    /// How a cache hit calls the method without looking anything up.
    pub fast: Fast,
}

/// The resolved form of a cached method, for the interpreter's call fast paths.
#[derive(Clone, Copy)]
pub enum Fast {
    /// Go through `invoke` (optional parameters, private checks, ...).
    None,
    /// A Ruby method with only required parameters: its function and lexical class (the
    /// code to run, IR0 or a version, is looked up at each call).
    Ruby(FuncId, u32, ir::ClassId),
    /// A native method and its arity (-1: any).
    Native(runtime::class::NativeFn, i32),
    /// `attr_reader` of an instance variable whose slot in the receiver class is known.
    Reader(u32),
    /// `attr_writer` of an instance variable whose slot in the receiver class is known
    /// (a frozen receiver takes the call's slow path, which raises FrozenError).
    Writer(u32),
    /// The core `nil?`, done inline.
    NilP,
    /// The core `Class#new` of a class of plain objects whose `initialize` is a Ruby
    /// method (the class, that method, its number of required parameters).
    New(ir::ClassId, runtime::class::MethodId, u32),
    /// The core `Array#[]`, `Array#size` and `Array#<<`, done inline.
    ArrayIndex,
    ArraySize,
    ArrayPush,
    ArraySet,
}

impl CacheEntry {
    pub const EMPTY: CacheEntry = CacheEntry {
        class: u32::MAX,
        serial: u64::MAX,
        method: None,
        fast: Fast::None,
    };
}

/// The translated form of one function.
pub struct Code {
    pub func: FuncId,
    pub label: String,
    /// The source file (interned for the process: error messages made while the code
    /// ran may outlive a version's code).
    pub file: &'static str,
    pub def_line: u32,
    pub ops: Vec<Op>,
    pub lines: Vec<u32>,
    pub ipcs: Vec<Ipc>,
    /// For each op, the op index of its block's handler, or `NO_PC`.
    pub handlers: Vec<u32>,
    pub operands: Vec<Reg>,
    pub sites: Vec<CallSite>,
    pub strings: Vec<String>,
    /// Heap values of constants other than a site's heap literal (those are roots of
    /// their own, `Vm::literal_sites`), GC roots under `roots`: a fallback, empty while
    /// every heap constant is a heap literal (`Const::is_heap_literal`).
    pub literals: Vec<Value>,
    pub roots: runtime::roots::CodeRootsId,
    pub nregs: u32,
    pub nargs: u32,
    pub required: u32,
    pub optional: u32,
    pub auto_splat: bool,
    pub is_block: bool,
    /// The instance-variable sites (`IvarGet`/`IvarSet`), by the op's `cache` index.
    pub ivar_caches: Vec<IvarSite>,
    /// The constant caches of the `ConstGet` ops, by the op's `cache` index.
    pub const_caches: Vec<ConstCache>,
    /// Operand types seen by arithmetic/comparison sites (indexed like `sites`), as
    /// `TypeSet` bits: `lhs | rhs << 8`.
    pub arith_profile: Vec<Cell<u16>>,
    pub calls: Cell<u64>,
    /// Activations running this code now: a retired version is freed when this is 0.
    pub active: Cell<u32>,
    pub backedges: Cell<u64>,
    /// Registers in the frame's unboxed area.
    pub nuregs: u32,
    /// A speculative version (as opposed to IR0).
    pub is_version: bool,
    /// OSR versions: the IR0 temps whose values the entry takes, in order
    /// (`ir::OsrEntry::values`); `OsrLoad` reads them by position.
    pub osr_values: Vec<ir::TempId>,
    /// Versions: the deopt metadata every executor keeps (guard sites, the deleted-temp
    /// table, the registry id, whether the version is invalidated); guard ops name their
    /// site by index.
    pub meta: deopt_runtime::VersionMeta,
    /// Per guard site: the method serial at which its `GuardMethod` last found the name
    /// still resolving to the inlined method (`u64::MAX`: never). No definition since
    /// then means the answer still holds, without a lookup.
    pub method_checked: Vec<Cell<u64>>,
    /// Versions: generic operators followed by an invalidation point, by op index, with
    /// the point's deopt site. The point is checked only when the operator took its slow
    /// path (it may have called a Ruby method then; its fast path runs no Ruby code).
    pub slow_points: rustc_hash::FxHashMap<u32, u32>,
    /// Where each temp and local lives (for deopt reads and writes, OSR transfers).
    pub temp_locs: rustc_hash::FxHashMap<ir::TempId, Loc>,
    pub local_regs: Vec<Reg>,
    /// The temps the function defines (deleted ones are rebuilt from `meta.deleted`).
    pub defined: rustc_hash::FxHashSet<ir::TempId>,
    /// The first op of each instruction of the function's own code (inline context 0).
    pub ipc_pc: rustc_hash::FxHashMap<Ipc, u32>,
    /// For call instructions: the op after the call, and the call's result register.
    pub after_call: rustc_hash::FxHashMap<Ipc, (u32, Reg)>,
    /// Each op's inline context (0: the function's own code).
    pub inline_ctx: Vec<u32>,
    /// The frames of the inlined functions, by inline context (1-based), for the place
    /// that errors raised in inlined code name.
    pub inline_frames: Vec<InlineFrame>,
    /// The deepest level of inlining in the version (0: none): near the depth limit, a
    /// version whose inlined frames could pass it is not entered (see
    /// `Interp::may_enter`).
    pub max_inline_level: u32,
}

/// The frame an inlined function would have run in, for the place an error raised in
/// its code names (`Interp::source_frames`).
#[derive(Clone, Copy, Debug)]
pub struct InlineFrame {
    pub func: FuncId,
    /// The inline context of its caller (0: the version's own function).
    pub parent: u32,
    /// The call (or `yield`) in the caller, and its line.
    pub call_site: Ipc,
    pub call_line: u32,
    /// How many levels of inlining deep its code is (1: inlined into the version's own
    /// function).
    pub level: u32,
}

impl Code {
    /// Levels of inlining op `pc` is inside (0 outside inlined code, and in IR0).
    #[inline]
    pub fn inline_level(&self, pc: usize) -> u32 {
        match self.inline_ctx.get(pc) {
            Some(&ctx) if ctx != 0 => self.inline_frames[ctx as usize - 1].level,
            _ => 0,
        }
    }

    /// The register of a boxed temp (deopt and OSR use this).
    pub fn loc(&self, t: ir::TempId) -> Option<Loc> {
        self.temp_locs.get(&t).copied()
    }
}

/// The frames of the functions inlined into `f`: each one's caller, and the line of the
/// call, which the IR0 of the caller has (the version replaced the call).
fn inline_frames<'f>(
    f: &Function,
    ir0: &dyn Fn(ir::FuncId) -> Option<&'f Function>,
) -> Vec<InlineFrame> {
    let mut levels: Vec<u32> = Vec::with_capacity(f.inline_sites.len());
    f.inline_sites
        .iter()
        .map(|s| {
            // A site's parent is an earlier site (the verifier checks inline sites).
            let level = match s.parent {
                0 => 1,
                k => levels.get(k as usize - 1).map_or(1, |l| l + 1),
            };
            levels.push(level);
            let caller = match s.parent {
                0 => f.id,
                k => f.inline_sites[k as usize - 1].callee,
            };
            let call_line = ir0(caller)
                .and_then(|g| {
                    let (b, i) = g.find_ipc(s.call_site)?;
                    Some(g.block(b).insts[i].line)
                })
                .unwrap_or(0);
            InlineFrame {
                func: s.callee,
                parent: s.parent,
                call_site: s.call_site,
                call_line,
                level,
            }
        })
        .collect()
}

/// `name`, kept for the rest of the process (one copy per distinct file).
fn intern_file(name: &str) -> &'static str {
    static FILES: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    let mut files = FILES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(f) = files.iter().find(|f| **f == name) {
        return f;
    }
    let f: &'static str = Box::leak(name.to_string().into_boxed_str());
    files.push(f);
    f
}

/// Translates `f` into interpreter code. `ir0` finds the IR0 of the functions inlined
/// into it: which are the prelude's (their operators and calls resolve to the core
/// methods of boot), and the lines of the calls they were inlined at.
pub fn translate<'f>(
    vm: &mut Vm,
    f: &Function,
    ir0: &dyn Fn(ir::FuncId) -> Option<&'f Function>,
) -> Code {
    let builtin_ctx: Vec<bool> = std::iter::once(f.builtin)
        .chain(
            f.inline_sites
                .iter()
                .map(|s| ir0(s.callee).is_some_and(|g| g.builtin)),
        )
        .collect();
    let nargs = f.params.required + f.params.optional;
    let local_base = FIXED_REGS + nargs;
    let temp_base = local_base + f.locals.len() as u32;
    let mut defined: Vec<ir::TempId> = f
        .blocks
        .iter()
        .flat_map(|b| {
            b.params
                .iter()
                .copied()
                .chain(b.insts.iter().filter_map(|i| i.dst))
        })
        .filter(|t| !f.unboxed.contains_key(t))
        .collect();
    defined.sort();
    defined.dedup();
    let temp_regs: rustc_hash::FxHashMap<ir::TempId, Reg> = defined
        .iter()
        .enumerate()
        .map(|(i, t)| (*t, temp_base + i as u32))
        .collect();
    let scratch = temp_base + defined.len() as u32;
    let frames = inline_frames(f, ir0);
    let max_inline_level = frames.iter().map(|fr| fr.level).max().unwrap_or(0);
    let mut t = Translator {
        vm,
        code: Code {
            func: f.id,
            label: f.ruby_name.clone(),
            file: intern_file(&f.file),
            def_line: f.line,
            ops: Vec::new(),
            lines: Vec::new(),
            ipcs: Vec::new(),
            handlers: Vec::new(),
            operands: Vec::new(),
            sites: Vec::new(),
            strings: Vec::new(),
            literals: Vec::new(),
            roots: runtime::roots::CodeRootsId(u32::MAX),
            nregs: scratch + 1,
            nargs,
            required: f.params.required,
            optional: f.params.optional,
            auto_splat: f.params.auto_splat,
            is_block: matches!(f.kind, ir::FuncKind::Block { .. }),
            ivar_caches: Vec::new(),
            const_caches: Vec::new(),
            arith_profile: Vec::new(),
            calls: Cell::new(0),
            active: Cell::new(0),
            backedges: Cell::new(0),
            nuregs: 0,
            is_version: f.phase == ir::Phase::Speculative,
            osr_values: f.osr.as_ref().map(|o| o.values.clone()).unwrap_or_default(),
            meta: deopt_runtime::VersionMeta::new(f.id, f.deleted.clone()),
            method_checked: Vec::new(),
            slow_points: Default::default(),
            temp_locs: Default::default(),
            local_regs: Vec::new(),
            defined: Default::default(),
            ipc_pc: Default::default(),
            after_call: Default::default(),
            inline_ctx: Vec::new(),
            inline_frames: frames,
            max_inline_level,
        },
        local_base,
        scratch,
        temp_regs,
        block_pc: vec![NO_PC; f.blocks.len()],
        fixups: Vec::new(),
        temp_alias: Default::default(),
        local_alias: Default::default(),
        fixnum_consts: Default::default(),
        skip_consts: Default::default(),
        uregs: Default::default(),
        i64_consts: Default::default(),
        skip_uconsts: Default::default(),
        single_use: Default::default(),
        cur_ctx: 0,
        builtin_ctx,
        ctx_func: std::iter::once(f.id)
            .chain(f.inline_sites.iter().map(|s| s.callee))
            .collect(),
    };
    for (i, (tmp, _)) in f.unboxed.iter().enumerate() {
        t.uregs.insert(*tmp, i as Reg);
    }
    t.code.nuregs = f.unboxed.len() as u32;
    t.analyze(f);
    // Temps that live in another register (the aliases `analyze` chose) need none of
    // their own: a smaller frame to fill at each call.
    let mut kept: Vec<(Reg, ir::TempId)> = t
        .temp_regs
        .iter()
        .filter(|(tmp, _)| !t.temp_alias.contains_key(tmp))
        .map(|(tmp, r)| (*r, *tmp))
        .collect();
    kept.sort();
    t.temp_regs = kept
        .iter()
        .enumerate()
        .map(|(i, (_, tmp))| (*tmp, temp_base + i as u32))
        .collect();
    t.scratch = temp_base + kept.len() as u32;
    t.code.nregs = t.scratch + 1;
    t.run(f);
    let mut code = t.code;
    code.roots = vm.code_roots.register(code.literals.iter().copied());
    code.method_checked = (0..code.meta.sites.len())
        .map(|_| Cell::new(u64::MAX))
        .collect();
    code
}

/// A branch edge with arguments: (branch op, which target, IR block, arguments, line,
/// Ipc), emitted after the blocks as moves and a jump.
type Trampoline = (usize, u8, ir::BlockId, Vec<ir::TempId>, u32, Ipc);

struct Translator<'a> {
    vm: &'a mut Vm,
    code: Code,
    local_base: u32,
    scratch: u32,
    /// The register of each boxed temp the function defines.
    temp_regs: rustc_hash::FxHashMap<ir::TempId, Reg>,
    block_pc: Vec<u32>,
    /// (op index, which target, IR block) for targets resolved after layout.
    fixups: Vec<(usize, u8, ir::BlockId)>,
    /// Temps that live in another register than their own (parameters read straight from
    /// the argument area).
    temp_alias: rustc_hash::FxHashMap<ir::TempId, Reg>,
    /// Locals that live in the argument area (a parameter stored once from its argument).
    local_alias: rustc_hash::FxHashMap<ir::LocalId, Reg>,
    /// Fixnum constants by temp.
    fixnum_consts: rustc_hash::FxHashMap<ir::TempId, Value>,
    /// Constants whose every use takes them as an immediate: not emitted.
    skip_consts: rustc_hash::FxHashSet<ir::TempId>,
    /// Unboxed temps and their registers in the unboxed area.
    uregs: rustc_hash::FxHashMap<ir::TempId, Reg>,
    /// i64 constants, and those whose every use takes them as an immediate.
    i64_consts: rustc_hash::FxHashMap<ir::TempId, i64>,
    skip_uconsts: rustc_hash::FxHashSet<ir::TempId>,
    /// Temps read exactly once (resume points and the deleted-temp table count as reads).
    single_use: rustc_hash::FxHashSet<ir::TempId>,
    /// The inline context of the instruction being translated.
    cur_ctx: u32,
    /// Per inline context: whether its function is the prelude's.
    builtin_ctx: Vec<bool>,
    /// Per inline context: its function, whose IR0 instructions name literal sites.
    ctx_func: Vec<ir::FuncId>,
}

/// Whether `insts` hold all `total` uses of `t` by the first store to `l` (that store's
/// own uses counted), so that a register shared by `t` and `l` still holds `t` at each.
/// With `skip_first_store`, a first `store l, t` does not end the scan.
fn uses_end_before_store(
    insts: &[ir::Inst],
    t: ir::TempId,
    l: ir::LocalId,
    total: usize,
    mut skip_first_store: bool,
) -> bool {
    let mut seen = 0;
    for inst in insts {
        if seen == total {
            break;
        }
        inst.kind.for_each_use(|u| seen += usize::from(u == t));
        if let InstKind::StoreLocal(l2, s) = inst.kind {
            if l2 == l {
                if std::mem::take(&mut skip_first_store) && s == t {
                    continue;
                }
                break;
            }
        }
    }
    seen == total
}

impl<'a> Translator<'a> {
    fn t(&self, t: ir::TempId) -> Reg {
        match self.temp_alias.get(&t) {
            Some(&r) => r,
            // A temp the function does not define is never read (the verifier checks
            // it): the scratch register stands in.
            None => self.temp_regs.get(&t).copied().unwrap_or(self.scratch),
        }
    }

    fn local(&self, l: ir::LocalId) -> Reg {
        match self.local_alias.get(&l) {
            Some(&r) => r,
            None => self.local_base + l.0,
        }
    }

    /// Register assignment decisions made before emitting: parameters that stay in the
    /// argument area, and fixnum constants that become immediate operands.
    fn analyze(&mut self, f: &Function) {
        let mut uses: rustc_hash::FxHashMap<ir::TempId, Vec<&InstKind>> = Default::default();
        for (_, inst) in f.insts() {
            inst.kind
                .for_each_use(|t| uses.entry(t).or_default().push(&inst.kind));
        }
        for b in &f.blocks {
            for p in &b.params {
                uses.entry(*p).or_default();
            }
        }
        // A deopt may rebuild a deleted temp from another: that one must exist.
        let mut rebuilt_from = rustc_hash::FxHashSet::default();
        for (_, r) in &f.deleted.entries {
            if let ir::Rebuild::Temp(t) | ir::Rebuild::BoxInt(t) | ir::Rebuild::BoxFloat(t) = r {
                rebuilt_from.insert(*t);
            }
        }
        self.single_use = uses
            .iter()
            .filter(|(t, us)| us.len() == 1 && !rebuilt_from.contains(*t))
            .map(|(t, _)| *t)
            .collect();
        // A parameter: `%t = arg i; store $x, %t` where every other use of %t comes later
        // in the same block, before any other `store $x`. $x then lives in argument
        // register i (written only by the prologue and later stores to $x), and so does
        // %t while it is used. Only in IR0, whose prologue reads every argument before any
        // store (versions may store to a local before an argument is read). Any other
        // `%t = arg i` of IR0 reads register i wherever %t is read: nothing writes it
        // after the prologue.
        let mut arg_taken = rustc_hash::FxHashSet::default();
        let mut plain_args = Vec::new();
        for b in f.blocks.iter().filter(|_| f.phase == ir::Phase::Ir0) {
            for (k, inst) in b.insts.iter().enumerate() {
                let (InstKind::Arg(i), Some(t)) = (&inst.kind, inst.dst) else {
                    continue;
                };
                let u = uses.get(&t).map(|v| v.as_slice()).unwrap_or(&[]);
                let mut stores = u.iter().filter_map(|k| match k {
                    InstKind::StoreLocal(l, _) => Some(*l),
                    _ => None,
                });
                let (Some(l), None) = (stores.next(), stores.next()) else {
                    plain_args.push((*i, t));
                    continue;
                };
                if uses_end_before_store(&b.insts[k + 1..], t, l, u.len(), true)
                    && !self.local_alias.contains_key(&l)
                    && arg_taken.insert(*i)
                {
                    let reg = FIXED_REGS + i;
                    self.local_alias.insert(l, reg);
                    self.temp_alias.insert(t, reg);
                } else {
                    plain_args.push((*i, t));
                }
            }
        }
        for (i, t) in plain_args {
            if !arg_taken.contains(&i) {
                self.temp_alias.insert(t, FIXED_REGS + i);
            }
        }
        // In IR0, reads of `self` and of locals need no register of their own: `%t = self`
        // reads the self register wherever %t is read (nothing writes it after the
        // prologue), and `%t = load $x` reads $x's register when every use of %t is in
        // the same block before any later `store $x` (so the register still holds the
        // value loaded). A frame rebuilt by a deopt writes %t and $x (or self) with the
        // same value there, so sharing the register changes nothing.
        for b in f.blocks.iter().filter(|_| f.phase == ir::Phase::Ir0) {
            for (k, inst) in b.insts.iter().enumerate() {
                let Some(t) = inst.dst else { continue };
                match inst.kind {
                    InstKind::SelfRef => {
                        self.temp_alias.insert(t, REG_SELF);
                    }
                    InstKind::LoadLocal(l) => {
                        let total = uses.get(&t).map_or(0, |u| u.len());
                        if uses_end_before_store(&b.insts[k + 1..], t, l, total, false) {
                            self.temp_alias.insert(t, self.local(l));
                        }
                    }
                    _ => {}
                }
            }
        }
        // In IR0, `%t = <op>; store $x, %t` where every other use of %t comes later in the
        // block, before any other `store $x`: the op writes $x's register itself and the
        // store emits nothing. Nothing runs between the two, so only a resume at the store
        // could see $x and %t differ, and a frame rebuilt there writes its locals before
        // its temps: the register ends with %t's value, as the store would have left it
        // (later resume points see the two equal). The ops below read their operands
        // before they write their result, and write nothing when they raise, so a handler
        // still sees the old $x.
        for b in f.blocks.iter().filter(|_| f.phase == ir::Phase::Ir0) {
            for (k, pair) in b.insts.windows(2).enumerate() {
                let (def, store) = (&pair[0], &pair[1]);
                let (Some(t), InstKind::StoreLocal(l, s)) = (def.dst, &store.kind) else {
                    continue;
                };
                let writes_once = matches!(
                    def.kind,
                    InstKind::Call(_)
                        | InstKind::Super(_)
                        | InstKind::Yield(_)
                        | InstKind::Binary(..)
                        | InstKind::Unary(..)
                        | InstKind::IvarGet { .. }
                        | InstKind::ConstGet(_)
                );
                let total = uses.get(&t).map_or(0, |u| u.len());
                if *s == t
                    && writes_once
                    && !rebuilt_from.contains(&t)
                    && !self.temp_alias.contains_key(&t)
                    && uses_end_before_store(&b.insts[k + 2..], t, *l, total - 1, false)
                {
                    self.temp_alias.insert(t, self.local(*l));
                }
            }
        }
        // In a version, no local lives in the argument area, so nothing but the prologue
        // writes it: `%t = arg i` reads argument register i wherever %t is read.
        // Likewise `%t = self`: what remains of it after inlining is the version's own self
        // (an inlined method's or block's self became the temp it stands for); and `%t =
        // load $x` of a local the version never stores (what `mem2reg` leaves: the value
        // $x had on entry, for resume points).
        let stored: rustc_hash::FxHashSet<ir::LocalId> = f
            .insts()
            .filter(|_| f.phase == ir::Phase::Speculative)
            .filter_map(|(_, i)| match i.kind {
                InstKind::StoreLocal(l, _) => Some(l),
                _ => None,
            })
            .collect();
        for (_, inst) in f.insts().filter(|_| f.phase == ir::Phase::Speculative) {
            match (&inst.kind, inst.dst) {
                (InstKind::LoadLocal(l), Some(t)) if !stored.contains(l) => {
                    self.temp_alias.insert(t, self.local(*l));
                }
                (InstKind::Arg(i), Some(t)) => {
                    self.temp_alias.insert(t, FIXED_REGS + i);
                }
                (InstKind::SelfRef, Some(t)) => {
                    self.temp_alias.insert(t, REG_SELF);
                }
                _ => {}
            }
        }
        // i64 constants used only as the right operand of unboxed operations.
        for (_, inst) in f.insts() {
            if let (InstKind::ConstI64(i), Some(t)) = (&inst.kind, inst.dst) {
                self.i64_consts.insert(t, *i);
                // (A compare fused with its branch takes an i32 immediate only.)
                let all_imm = uses
                    .get(&t)
                    .map(|us| !us.is_empty() && us.iter().all(|k| matches!(k, InstKind::IntOp { a, b, .. } | InstKind::IntCmp { a, b, .. } if *b == t && *a != t)))
                    .unwrap_or(false);
                if all_imm && !rebuilt_from.contains(&t) && i32::try_from(*i).is_ok() {
                    self.skip_uconsts.insert(t);
                }
            }
        }
        // Fixnum constants used only as the right operand of foldable operators.
        for (_, inst) in f.insts() {
            if let (InstKind::Const(ir::Const::Int(i)), Some(t)) = (&inst.kind, inst.dst) {
                if let Some(v) = Value::try_fixnum(*i) {
                    self.fixnum_consts.insert(t, v);
                    let all_imm = uses
                        .get(&t)
                        .map(|us| !us.is_empty() && us.iter().all(|k| imm_use(k, t)))
                        .unwrap_or(false);
                    if all_imm && !rebuilt_from.contains(&t) {
                        self.skip_consts.insert(t);
                    }
                }
            }
        }
    }

    /// The immediate form of `a op b` when `b` is a fixnum constant.
    fn imm_op(&self, op: BinOp, d: Reg, a: Reg, b: ir::TempId, site: u32) -> Option<Op> {
        let imm = *self.fixnum_consts.get(&b)?;
        Some(match op {
            BinOp::Add => Op::AddI {
                dst: d,
                a,
                imm,
                site,
            },
            BinOp::Sub => Op::SubI {
                dst: d,
                a,
                imm,
                site,
            },
            BinOp::Lt => Op::LtI {
                dst: d,
                a,
                imm,
                site,
            },
            BinOp::Le => Op::LeI {
                dst: d,
                a,
                imm,
                site,
            },
            BinOp::Gt => Op::GtI {
                dst: d,
                a,
                imm,
                site,
            },
            BinOp::Ge => Op::GeI {
                dst: d,
                a,
                imm,
                site,
            },
            BinOp::Eq => Op::EqI {
                dst: d,
                a,
                imm,
                site,
            },
            _ => return None,
        })
    }

    fn dst(&self, d: Option<ir::TempId>) -> Reg {
        d.map(|t| self.t(t)).unwrap_or(self.scratch)
    }

    fn emit(&mut self, op: Op, line: u32, ipc: Ipc, handler: u32) -> usize {
        self.code.ops.push(op);
        self.code.lines.push(line);
        self.code.ipcs.push(ipc);
        self.code.handlers.push(handler);
        self.code.inline_ctx.push(self.cur_ctx);
        self.code.ops.len() - 1
    }

    /// The unboxed register of an unboxed temp.
    fn u(&self, t: ir::TempId) -> Reg {
        self.uregs[&t]
    }

    /// A deopt site for a guard serving IR0 instruction `ipc`, checking `subject` (none
    /// for an invalidation point).
    fn deopt_site(
        &mut self,
        resume: &ir::ResumePoint,
        ipc: Ipc,
        subject: Option<ir::TempId>,
    ) -> u32 {
        let site = deopt_runtime::GuardSite::new(self.code.func, ipc, resume, subject);
        self.code.meta.sites.push(site);
        self.code.meta.sites.len() as u32 - 1
    }

    /// A generic operator about to be emitted at the next op index, followed by an
    /// invalidation point `next`: the point becomes a slow-path check of the operator's op
    /// (`Code::slow_points`) and is not emitted itself.
    fn fuse_slow_point(&mut self, next: Option<&ir::Inst>, fused_next: &mut bool) {
        let Some(next) = next else { return };
        if let InstKind::Guard {
            check: ir::GuardCheck::Assumptions,
            resume,
        } = &next.kind
        {
            let deopt = self.deopt_site(resume, next.ipc, None);
            let pc = self.code.ops.len() as u32;
            self.code.slow_points.insert(pc, deopt);
            *fused_next = true;
        }
    }

    fn operands(&mut self, ts: &[ir::TempId]) -> (u32, u32) {
        let start = self.code.operands.len() as u32;
        for &t in ts {
            let r = self.t(t);
            self.code.operands.push(r);
        }
        (start, ts.len() as u32)
    }

    fn call_site(
        &mut self,
        name: &str,
        recv: Reg,
        args: &[ir::TempId],
        block: Reg,
        zsuper: bool,
        ipc: Ipc,
    ) -> u32 {
        let name = self.vm.intern(name);
        let (args_start, args_len) = self.operands(args);
        self.code.sites.push(CallSite {
            name,
            recv,
            args_start,
            args_len,
            block,
            zsuper,
            fcall: recv == NO_REG,
            vcall: false,
            builtin: self.builtin_ctx[self.cur_ctx as usize],
            ipc,
            cache: Cell::new(CacheEntry::EMPTY),
            cache2: Cell::new(CacheEntry::EMPTY),
            profile: std::array::from_fn(|_| Cell::new((u32::MAX, 0))),
            megamorphic: Cell::new(false),
        });
        self.code.sites.len() as u32 - 1
    }

    /// The load of a literal; `ipc` is its site in its inline context's IR0. A heap
    /// literal is the one object of its site ([`Vm::literal_sites`]), whichever code loads
    /// it.
    fn constant(&mut self, c: &Const, ipc: Ipc) -> Op {
        if c.is_heap_literal() {
            let site = (self.ctx_func[self.cur_ctx as usize].0, ipc.0);
            let v = match self.vm.literal_sites.get(&site) {
                Some(v) => *v,
                None => {
                    let v = match c {
                        Const::BigInt(s) => self.vm.parse_bigint(s),
                        Const::Float(f) => self.vm.float(*f),
                        Const::Int(i) => self.vm.int(*i),
                        _ => unreachable!("is_heap_literal"),
                    };
                    // A root for the rest of the run (so not one of `code.literals`).
                    let _ = self.vm.code_roots.register([v]);
                    self.vm.literal_sites.insert(site, v);
                    v
                }
            };
            return Op::Load { dst: 0, v };
        }
        let v = match c {
            Const::Nil => Value::NIL,
            Const::True => Value::TRUE,
            Const::False => Value::FALSE,
            Const::Int(i) => self.vm.int(*i),
            Const::BigInt(s) => self.vm.parse_bigint(s),
            Const::Float(f) => self.vm.float(*f),
            Const::Sym(s) => self.vm.symbol(s),
            Const::Str(s) => {
                self.code.strings.push(s.clone());
                return Op::Str {
                    dst: 0,
                    idx: self.code.strings.len() as u32 - 1,
                };
            }
        };
        if v.is_ptr() {
            self.code.literals.push(v);
        }
        Op::Load { dst: 0, v }
    }

    fn run(&mut self, f: &Function) {
        // A version entered by a call, with inlined calls: its depth check first. (An OSR
        // entry checks before it enters: `Interp::try_osr`.)
        if self.code.max_inline_level != 0 && f.osr.is_none() {
            let levels = self.code.max_inline_level;
            self.emit(Op::DepthCheck { levels }, f.line, Ipc(0), NO_PC);
        }
        // Lay blocks out in index order; the entry block is first in lowering's output,
        // but jump to it anyway if not.
        if f.entry.index() != 0 {
            let i = self.emit(Op::Jump { target: NO_PC }, f.line, Ipc(0), NO_PC);
            self.fixups.push((i, 0, f.entry));
        }
        let mut trampolines: Vec<Trampoline> = Vec::new();
        for b in &f.blocks {
            self.block_pc[b.id.index()] = self.code.ops.len() as u32;
            let handler_block = b.handler;
            let mut fused_next = false;
            for (ii, inst) in b.insts.iter().enumerate() {
                if std::mem::replace(&mut fused_next, false) {
                    continue;
                }
                let next_inst = b.insts.get(ii + 1);
                let handler = NO_PC; // patched below once blocks are placed
                let line = inst.line;
                let ipc = inst.ipc;
                self.cur_ctx = inst.inlined;
                if inst.inlined == 0 {
                    let pc = self.code.ops.len() as u32;
                    self.code.ipc_pc.entry(ipc).or_insert(pc);
                }
                let d = match inst.dst {
                    Some(t) if self.uregs.contains_key(&t) => self.u(t),
                    other => self.dst(other),
                };
                let op = match &inst.kind {
                    InstKind::Const(_)
                        if inst
                            .dst
                            .map(|t| self.skip_consts.contains(&t))
                            .unwrap_or(false) =>
                    {
                        continue
                    }
                    InstKind::Const(c) => {
                        let mut op = self.constant(c, ipc);
                        match &mut op {
                            Op::Load { dst, .. } | Op::Str { dst, .. } => *dst = d,
                            _ => unreachable!(),
                        }
                        op
                    }
                    InstKind::Copy(s) if self.uregs.contains_key(s) => Op::UMove {
                        dst: d,
                        src: self.u(*s),
                    },
                    InstKind::Copy(s) => Op::Move {
                        dst: d,
                        src: self.t(*s),
                    },
                    InstKind::SelfRef => Op::Move {
                        dst: d,
                        src: REG_SELF,
                    },
                    InstKind::Arg(i) => Op::Move {
                        dst: d,
                        src: FIXED_REGS + i,
                    },
                    InstKind::ArgGiven(i) => Op::ArgGiven { dst: d, i: *i },
                    InstKind::LoadLocal(l) => Op::Move {
                        dst: d,
                        src: self.local(*l),
                    },
                    InstKind::StoreLocal(l, s) => Op::Move {
                        dst: self.local(*l),
                        src: self.t(*s),
                    },
                    InstKind::ScopeNew => Op::ScopeNew {
                        dst: d,
                        size: f.scope.len() as u32,
                    },
                    InstKind::ScopeOuter(depth) => Op::ScopeOuter {
                        dst: d,
                        depth: *depth,
                    },
                    InstKind::ScopeLoad { scope, slot } => Op::ScopeLoad {
                        dst: d,
                        scope: self.t(*scope),
                        slot: *slot,
                    },
                    InstKind::ScopeStore { scope, slot, value } => Op::ScopeStore {
                        scope: self.t(*scope),
                        slot: *slot,
                        src: self.t(*value),
                    },
                    InstKind::IvarGet { obj, name } => {
                        let name = self.vm.intern(name);
                        self.code.ivar_caches.push(IvarSite::new(inst.ipc));
                        Op::IvarGet {
                            dst: d,
                            obj: self.t(*obj),
                            name,
                            cache: self.code.ivar_caches.len() as u32 - 1,
                        }
                    }
                    InstKind::IvarSet { obj, name, value } => {
                        let name = self.vm.intern(name);
                        self.code.ivar_caches.push(IvarSite::new(inst.ipc));
                        Op::IvarSet {
                            obj: self.t(*obj),
                            name,
                            src: self.t(*value),
                            cache: self.code.ivar_caches.len() as u32 - 1,
                        }
                    }
                    InstKind::IvarLoad { obj, name, slot } => Op::IvarLoad {
                        dst: d,
                        obj: self.t(*obj),
                        name: self.vm.intern(name),
                        slot: *slot,
                    },
                    InstKind::IvarStore {
                        obj,
                        name,
                        slot,
                        value,
                    } => Op::IvarStore {
                        obj: self.t(*obj),
                        name: self.vm.intern(name),
                        slot: *slot,
                        src: self.t(*value),
                    },
                    InstKind::ConstGet(n) => {
                        self.code.const_caches.push(ConstCache::new());
                        Op::ConstGet {
                            dst: d,
                            name: self.vm.intern(n),
                            cache: self.code.const_caches.len() as u32 - 1,
                        }
                    }
                    InstKind::ConstGetFrom(s, n) => Op::ConstGetFrom {
                        dst: d,
                        scope: self.t(*s),
                        name: self.vm.intern(n),
                    },
                    InstKind::ConstSet(n, s) => Op::ConstSet {
                        name: self.vm.intern(n),
                        src: self.t(*s),
                    },
                    InstKind::Binary(op, a, b) => {
                        self.fuse_slow_point(next_inst, &mut fused_next);
                        let name = runtime::core::numbers::binop_method_name(*op);
                        let site = self.call_site(name, self.t(*a), &[*b], NO_REG, false, ipc);
                        let bt = *b;
                        let (a, b) = (self.t(*a), self.t(*b));
                        if let Some(op) = self.imm_op(*op, d, a, bt, site) {
                            let i = self.emit(op, line, ipc, handler);
                            self.note_handler(i, handler_block);
                            continue;
                        }
                        match op {
                            BinOp::Add => Op::Add { dst: d, a, b, site },
                            BinOp::Sub => Op::Sub { dst: d, a, b, site },
                            BinOp::Mul => Op::Mul { dst: d, a, b, site },
                            BinOp::Lt => Op::Lt { dst: d, a, b, site },
                            BinOp::Le => Op::Le { dst: d, a, b, site },
                            BinOp::Gt => Op::Gt { dst: d, a, b, site },
                            BinOp::Ge => Op::Ge { dst: d, a, b, site },
                            BinOp::Eq => Op::Eq { dst: d, a, b, site },
                            _ => Op::Binary {
                                dst: d,
                                op: *op,
                                a,
                                b,
                                site,
                            },
                        }
                    }
                    InstKind::Unary(op, s) => {
                        if *op != UnOp::Not {
                            self.fuse_slow_point(next_inst, &mut fused_next);
                        }
                        let name = op.method_name();
                        let src = self.t(*s);
                        let site = self.call_site(name, src, &[], NO_REG, false, ipc);
                        Op::Unary {
                            dst: d,
                            op: *op,
                            src,
                            site,
                        }
                    }
                    InstKind::Truthy(s) => Op::Truthy {
                        dst: d,
                        src: self.t(*s),
                    },
                    InstKind::NewArray(v) => {
                        let (start, len) = self.operands(v);
                        Op::NewArray { dst: d, start, len }
                    }
                    InstKind::Interp(v) => {
                        let (start, len) = self.operands(v);
                        Op::Interp { dst: d, start, len }
                    }
                    InstKind::ToArray(s) => Op::ToArray {
                        dst: d,
                        src: self.t(*s),
                    },
                    InstKind::ArrayAt(s, i) => Op::ArrayAt {
                        dst: d,
                        src: self.t(*s),
                        i: *i,
                    },
                    InstKind::ArrayGet { array, index } => Op::ArrayGet {
                        dst: d,
                        array: self.t(*array),
                        index: self.t(*index),
                    },
                    InstKind::ArraySet {
                        array,
                        index,
                        value,
                    } => Op::ArraySet {
                        dst: d,
                        array: self.t(*array),
                        index: self.t(*index),
                        src: self.t(*value),
                    },
                    InstKind::Call(c) => {
                        let recv = c.recv.map(|r| self.t(r)).unwrap_or(NO_REG);
                        let block = c.block.map(|r| self.t(r)).unwrap_or(NO_REG);
                        let site = self.call_site(&c.name, recv, &c.args, block, false, ipc);
                        self.code.sites[site as usize].fcall = c.fcall || c.recv.is_none();
                        self.code.sites[site as usize].vcall = c.vcall;
                        let op = match next_inst {
                            Some(ir::Inst {
                                kind:
                                    InstKind::Guard {
                                        check: ir::GuardCheck::Assumptions,
                                        resume,
                                    },
                                ipc: next_ipc,
                                ..
                            }) => {
                                fused_next = true;
                                let deopt = self.deopt_site(resume, *next_ipc, None);
                                if inst.inlined == 0 {
                                    Op::CallPoint {
                                        dst: d,
                                        site,
                                        deopt,
                                    }
                                } else {
                                    Op::CallPointIn {
                                        dst: d,
                                        site,
                                        deopt,
                                    }
                                }
                            }
                            _ if inst.inlined == 0 => Op::Call { dst: d, site },
                            _ => Op::CallIn { dst: d, site },
                        };
                        let i = self.emit(op, line, ipc, handler);
                        self.note_handler(i, handler_block);
                        if inst.inlined == 0 {
                            self.code.after_call.insert(ipc, (i as u32 + 1, d));
                        }
                        continue;
                    }
                    InstKind::Super(s) => {
                        let block = s.block.map(|r| self.t(r)).unwrap_or(NO_REG);
                        let args = s.args.clone().unwrap_or_default();
                        let site =
                            self.call_site("super", NO_REG, &args, block, s.args.is_none(), ipc);
                        let i = self.emit(Op::Super { dst: d, site }, line, ipc, handler);
                        self.note_handler(i, handler_block);
                        if inst.inlined == 0 {
                            self.code.after_call.insert(ipc, (i as u32 + 1, d));
                        }
                        continue;
                    }
                    InstKind::Yield(v) => {
                        let (start, len) = self.operands(v);
                        let op = if inst.inlined == 0 {
                            Op::Yield { dst: d, start, len }
                        } else {
                            Op::YieldIn { dst: d, start, len }
                        };
                        let i = self.emit(op, line, ipc, handler);
                        self.note_handler(i, handler_block);
                        if inst.inlined == 0 {
                            self.code.after_call.insert(ipc, (i as u32 + 1, d));
                        }
                        continue;
                    }
                    InstKind::BlockGiven => Op::BlockGiven { dst: d },
                    InstKind::MakeBlock { func, scope } => Op::MakeBlock {
                        dst: d,
                        func: *func,
                        scope: scope.map(|s| self.t(s)).unwrap_or(NO_REG),
                    },
                    InstKind::DefMethod {
                        name,
                        func,
                        singleton,
                    } => Op::DefMethod {
                        name: self.vm.intern(name),
                        func: *func,
                        singleton: *singleton,
                    },
                    InstKind::DefClass {
                        name,
                        superclass,
                        body,
                    } => Op::DefClass {
                        dst: d,
                        name: self.vm.intern(name),
                        superclass: superclass.map(|s| self.t(s)).unwrap_or(NO_REG),
                        body: *body,
                    },
                    InstKind::Alias { new, old } => Op::Alias {
                        new: self.vm.intern(new),
                        old: self.vm.intern(old),
                    },
                    InstKind::CatchUnwind => Op::CatchUnwind { dst: d },
                    InstKind::UnwindMatches { unwind, classes } => {
                        let (start, len) = self.operands(classes);
                        Op::UnwindMatches {
                            dst: d,
                            unwind: self.t(*unwind),
                            start,
                            len,
                        }
                    }
                    InstKind::UnwindException(s) => Op::UnwindException {
                        dst: d,
                        src: self.t(*s),
                    },
                    InstKind::Jump(bc) => {
                        // A jump to a block that only returns its parameter returns directly.
                        let target = f.block(bc.block);
                        if let [Inst {
                            kind: InstKind::Return(r),
                            ..
                        }] = target.insts.as_slice()
                        {
                            let src = match target.params.iter().position(|p| p == r) {
                                Some(k) => self.t(bc.args[k]),
                                None => self.t(*r),
                            };
                            let i = self.emit(Op::Return { src }, line, ipc, handler);
                            self.note_handler(i, handler_block);
                            continue;
                        }
                        self.emit_moves(f, bc, line, ipc);
                        let i = self.emit(Op::Jump { target: NO_PC }, line, ipc, handler);
                        self.fixups.push((i, 0, bc.block));
                        self.note_handler(i, handler_block);
                        continue;
                    }
                    InstKind::Branch { cond, then_, else_ } => {
                        let i = self.emit(
                            Op::Branch {
                                cond: self.t(*cond),
                                then_: NO_PC,
                                else_: NO_PC,
                            },
                            line,
                            ipc,
                            handler,
                        );
                        self.note_handler(i, handler_block);
                        self.branch_targets(i, then_, else_, line, ipc, &mut trampolines);
                        continue;
                    }
                    InstKind::Return(s) => Op::Return { src: self.t(*s) },
                    InstKind::BlockBreak(s) => Op::BlockBreak { src: self.t(*s) },
                    InstKind::NonLocalReturn(s) => Op::NonLocalReturn { src: self.t(*s) },
                    InstKind::Resume(s) => Op::Resume { src: self.t(*s) },
                    InstKind::Unreachable => Op::Unreachable,
                    InstKind::Guard { check, resume } => {
                        let deopt = self.deopt_site(resume, ipc, check.subject());
                        // A guard followed by the unboxing of the value it checked: one op.
                        let next = b.insts.get(ii + 1);
                        let fused = match (check, next.map(|n| (&n.kind, n.dst))) {
                            (
                                ir::GuardCheck::IsFixnum(t),
                                Some((InstKind::UnboxInt(s), Some(u))),
                            ) if s == t && self.uregs.contains_key(&u) => Some(Op::GuardUnboxInt {
                                dst: self.u(u),
                                src: self.t(*t),
                                deopt,
                            }),
                            (
                                ir::GuardCheck::IsFloat(t),
                                Some((InstKind::UnboxFloat(s), Some(u))),
                            ) if s == t && self.uregs.contains_key(&u) => {
                                Some(Op::GuardUnboxFloat {
                                    dst: self.u(u),
                                    src: self.t(*t),
                                    deopt,
                                })
                            }
                            _ => None,
                        };
                        if let Some(op) = fused {
                            fused_next = true;
                            let i = self.emit(op, line, ipc, handler);
                            self.note_handler(i, handler_block);
                            continue;
                        }
                        match check {
                            ir::GuardCheck::IsFixnum(t) => Op::GuardFixnum {
                                src: self.t(*t),
                                deopt,
                            },
                            ir::GuardCheck::IsFloat(t) => Op::GuardFloat {
                                src: self.t(*t),
                                deopt,
                            },
                            ir::GuardCheck::Class(t, c) => Op::GuardClass {
                                src: self.t(*t),
                                class: c.0,
                                deopt,
                            },
                            ir::GuardCheck::Method {
                                recv,
                                class,
                                name,
                                func,
                            } => Op::GuardMethod {
                                src: self.t(*recv),
                                class: class.0,
                                name: self.vm.intern(name),
                                func: *func,
                                deopt,
                            },
                            ir::GuardCheck::Assumptions => Op::GuardAssumptions { deopt },
                        }
                    }
                    InstKind::UnboxInt(t) => Op::UnboxInt {
                        dst: d,
                        src: self.t(*t),
                    },
                    InstKind::UnboxFloat(t) => Op::UnboxFloat {
                        dst: d,
                        src: self.t(*t),
                    },
                    InstKind::BoxInt(t) => Op::BoxInt {
                        dst: d,
                        src: self.u(*t),
                    },
                    InstKind::BoxFloat(t) => Op::BoxFloat {
                        dst: d,
                        src: self.u(*t),
                    },
                    InstKind::ConstI64(_)
                        if inst.dst.is_some_and(|t| self.skip_uconsts.contains(&t)) =>
                    {
                        continue
                    }
                    InstKind::ConstI64(i) => Op::ConstU {
                        dst: d,
                        bits: *i as u64,
                    },
                    InstKind::ConstF64(x) => Op::ConstU {
                        dst: d,
                        bits: x.to_bits(),
                    },
                    InstKind::IntOp { op, a, b, resume } => {
                        let deopt = self.deopt_site(resume, ipc, inst.dst);
                        match self.i64_consts.get(b) {
                            Some(&imm) if a != b => Op::IntOpI {
                                op: *op,
                                dst: d,
                                a: self.u(*a),
                                imm,
                                deopt,
                            },
                            _ => Op::IntOp {
                                op: *op,
                                dst: d,
                                a: self.u(*a),
                                b: self.u(*b),
                                deopt,
                            },
                        }
                    }
                    InstKind::IntCmp { op, a, b: rhs } => {
                        let imm = self.i64_consts.get(rhs).copied().filter(|_| a != rhs);
                        // A comparison read only by the branch after it: one op.
                        if let Some(InstKind::Branch { cond, then_, else_ }) =
                            b.insts.get(ii + 1).map(|n| &n.kind)
                        {
                            if Some(*cond) == inst.dst && self.single_use.contains(cond) {
                                let a = self.u(*a);
                                let op = match imm.and_then(|i| i32::try_from(i).ok()) {
                                    Some(imm) => Op::IntCmpIBranch {
                                        op: *op,
                                        a,
                                        imm,
                                        then_: NO_PC,
                                        else_: NO_PC,
                                    },
                                    None => Op::IntCmpBranch {
                                        op: *op,
                                        a,
                                        b: self.u(*rhs),
                                        then_: NO_PC,
                                        else_: NO_PC,
                                    },
                                };
                                fused_next = true;
                                let i = self.emit(op, line, ipc, handler);
                                self.note_handler(i, handler_block);
                                self.branch_targets(i, then_, else_, line, ipc, &mut trampolines);
                                continue;
                            }
                        }
                        match imm {
                            Some(imm) => Op::IntCmpI {
                                op: *op,
                                dst: d,
                                a: self.u(*a),
                                imm,
                            },
                            None => Op::IntCmp {
                                op: *op,
                                dst: d,
                                a: self.u(*a),
                                b: self.u(*rhs),
                            },
                        }
                    }
                    InstKind::FloatOp { op, a, b } => Op::FloatOp {
                        op: *op,
                        dst: d,
                        a: self.u(*a),
                        b: self.u(*b),
                    },
                    InstKind::FloatCmp { op, a, b } => Op::FloatCmp {
                        op: *op,
                        dst: d,
                        a: self.u(*a),
                        b: self.u(*b),
                    },
                    InstKind::IntToFloat(t) => Op::IntToFloat {
                        dst: d,
                        src: self.u(*t),
                    },
                    InstKind::OsrLoad(t) => Op::OsrLoad {
                        dst: d,
                        // The verifier checked that every osr_load reads a passed value.
                        index: f
                            .osr
                            .as_ref()
                            .and_then(|o| o.position(*t))
                            .expect("osr_load of a value the OSR entry does not pass")
                            as u32,
                    },
                    InstKind::ScopeNewIn { parent, size } => Op::ScopeNewIn {
                        dst: d,
                        parent: parent.map(|p| self.t(p)).unwrap_or(NO_REG),
                        size: *size,
                    },
                };
                if let Op::Move { dst, src } = op {
                    if dst == src {
                        continue;
                    }
                }
                let i = self.emit(op, line, ipc, handler);
                self.note_handler(i, handler_block);
            }
        }
        // Branch edges with arguments go through trampolines: moves, then a jump.
        for (i, which, target, args, line, ipc) in trampolines {
            let pc = self.code.ops.len() as u32;
            self.set_target(i, which, pc);
            // To a block that only returns its parameter: return the argument.
            if let [Inst {
                kind: InstKind::Return(r),
                ..
            }] = f.block(target).insts.as_slice()
            {
                if let Some(k) = f.block(target).params.iter().position(|p| p == r) {
                    let src = self.t(args[k]);
                    self.emit(Op::Return { src }, line, ipc, NO_PC);
                    continue;
                }
            }
            let bc = ir::BlockCall::with_args(target, &args);
            self.emit_moves(f, &bc, line, ipc);
            let j = self.emit(Op::Jump { target: NO_PC }, line, ipc, NO_PC);
            self.fixups.push((j, 0, target));
        }
        let fixups = std::mem::take(&mut self.fixups);
        for (i, which, b) in fixups {
            let pc = self.block_pc[b.index()];
            self.set_target(i, which, pc);
            // A jump to an op at or before itself is a loop back-edge.
            if let Op::Jump { target } = self.code.ops[i] {
                if target <= i as u32 {
                    self.code.ops[i] = Op::JumpBack { target };
                }
            }
        }
        self.code.arith_profile = (0..self.code.sites.len()).map(|_| Cell::new(0)).collect();
        // Where every temp and local lives, for deopt and OSR.
        for i in 0..f.next_temp {
            let t = ir::TempId(i);
            let loc = match (self.uregs.get(&t), f.unboxed.get(&t)) {
                (Some(&r), Some(ir::NumKind::I64)) => Loc::I64(r),
                (Some(&r), Some(ir::NumKind::F64)) => Loc::F64(r),
                _ if self.temp_regs.contains_key(&t) || self.temp_alias.contains_key(&t) => {
                    Loc::Reg(self.t(t))
                }
                _ => continue,
            };
            self.code.temp_locs.insert(t, loc);
        }
        self.code.local_regs = (0..f.locals.len() as u32)
            .map(|l| self.local(ir::LocalId(l)))
            .collect();
        for b in &f.blocks {
            self.code.defined.extend(b.params.iter().copied());
            self.code
                .defined
                .extend(b.insts.iter().filter_map(|i| i.dst));
        }
        // Handlers: resolve IR blocks to op indexes.
        for h in self.code.handlers.iter_mut() {
            if *h != NO_PC {
                *h = self.block_pc[(*h - HANDLER_TAG) as usize];
            }
        }
    }

    /// Resolves the targets of the branch op at `i`: directly, or through a trampoline
    /// that moves the edge's arguments.
    fn branch_targets(
        &mut self,
        i: usize,
        then_: &ir::BlockCall,
        else_: &ir::BlockCall,
        line: u32,
        ipc: Ipc,
        trampolines: &mut Vec<Trampoline>,
    ) {
        for (which, bc) in [(0u8, then_), (1u8, else_)] {
            if bc.args.is_empty() {
                self.fixups.push((i, which, bc.block));
            } else {
                trampolines.push((i, which, bc.block, bc.args.to_vec(), line, ipc));
            }
        }
    }

    fn note_handler(&mut self, i: usize, handler: Option<ir::BlockId>) {
        if let Some(h) = handler {
            self.code.handlers[i] = HANDLER_TAG + h.0;
        }
    }

    fn set_target(&mut self, i: usize, which: u8, pc: u32) {
        match &mut self.code.ops[i] {
            Op::Jump { target } | Op::JumpBack { target } => *target = pc,
            Op::Branch { then_, else_, .. }
            | Op::IntCmpBranch { then_, else_, .. }
            | Op::IntCmpIBranch { then_, else_, .. } => {
                if which == 0 {
                    *then_ = pc
                } else {
                    *else_ = pc
                }
            }
            _ => unreachable!("fixup on a non-jump"),
        }
    }

    /// Moves for a jump's block arguments, safe when an argument is itself one of the
    /// target's parameters (a parallel move: see [`sequence_moves`]).
    fn emit_moves(&mut self, f: &Function, bc: &ir::BlockCall, line: u32, ipc: Ipc) {
        let params = &f.block(bc.block).params;
        // Unboxed parameters: moves in the unboxed area.
        let upairs: Vec<(Reg, Reg)> = params
            .iter()
            .zip(bc.args.iter())
            .filter(|(p, _)| self.uregs.contains_key(p))
            .map(|(p, a)| (self.u(*p), self.u(*a)))
            .collect();
        let base = self.code.nuregs;
        let (moves, spare) = sequence_moves(upairs, base);
        self.code.nuregs += spare;
        for (dst, src) in moves {
            self.emit(Op::UMove { dst, src }, line, ipc, NO_PC);
        }
        let pairs: Vec<(Reg, Reg)> = params
            .iter()
            .zip(bc.args.iter())
            .filter(|(p, _)| !self.uregs.contains_key(p))
            .map(|(p, a)| (self.t(*p), self.t(*a)))
            .collect();
        let (moves, spare) = sequence_moves(pairs, self.scratch + 1);
        self.code.nregs = self.code.nregs.max(self.scratch + 1 + spare);
        for (dst, src) in moves {
            self.emit(Op::Move { dst, src }, line, ipc, NO_PC);
        }
    }
}

/// The parallel move `pairs` ((dst, src), every dst distinct) as a sequence of moves:
/// moves that change nothing are dropped, a move is emitted once no pending move still
/// reads its destination, and a cycle is broken by saving one source in a spare register
/// (`first_spare`, `first_spare + 1`, ...). Returns the moves and the number of spare
/// registers used. (Loop variables that a back-edge passes unchanged cost nothing; before,
/// every unboxed one went through a scratch register and back, two moves per iteration.)
fn sequence_moves(pairs: Vec<(Reg, Reg)>, first_spare: Reg) -> (Vec<(Reg, Reg)>, u32) {
    let mut pending: Vec<(Reg, Reg)> = pairs.into_iter().filter(|(d, s)| d != s).collect();
    let mut out = Vec::with_capacity(pending.len());
    let mut spare = 0;
    while !pending.is_empty() {
        let free = pending
            .iter()
            .position(|(d, _)| !pending.iter().any(|(_, s)| s == d));
        match free {
            Some(i) => out.push(pending.remove(i)),
            None => {
                // Every destination is still read: a cycle. Save the first move's
                // destination, and let its readers read the copy.
                let (d, _) = pending[0];
                let tmp = first_spare + spare;
                spare += 1;
                out.push((tmp, d));
                for p in pending.iter_mut() {
                    if p.1 == d {
                        p.1 = tmp;
                    }
                }
            }
        }
    }
    (out, spare)
}

const HANDLER_TAG: u32 = 0x8000_0000;

/// Whether `k` can take temp `t` as an immediate right operand.
fn imm_use(k: &InstKind, t: ir::TempId) -> bool {
    match k {
        InstKind::Binary(op, a, b) => {
            *b == t
                && *a != t
                && matches!(
                    op,
                    BinOp::Add
                        | BinOp::Sub
                        | BinOp::Lt
                        | BinOp::Le
                        | BinOp::Gt
                        | BinOp::Ge
                        | BinOp::Eq
                )
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Const::is_heap_literal` (which decides which literals are one object per site)
    /// agrees with what the runtime allocates on the heap.
    #[test]
    fn heap_literals_are_what_the_runtime_allocates() {
        let mut vm = Vm::new(Box::new(std::io::sink()));
        let floats = [
            0.0,
            -0.0,
            1.0,
            0.1,
            1e70,
            1e77,
            1e78,
            1e-77,
            1e-78,
            1e100,
            1e300,
            -1e300,
            5e-324,
            f64::INFINITY,
            f64::NAN,
            f64::MAX,
            f64::MIN_POSITIVE,
        ];
        for f in floats {
            let heap = vm.float(f).is_ptr();
            assert_eq!(Const::Float(f).is_heap_literal(), heap, "{f:e}");
        }
        let ints = [
            0,
            1,
            -1,
            (1 << 62) - 1,
            1 << 62,
            -(1 << 62),
            -(1 << 62) - 1,
            i64::MAX,
            i64::MIN,
        ];
        for i in ints {
            let heap = vm.int(i).is_ptr();
            assert_eq!(Const::Int(i).is_heap_literal(), heap, "{i}");
        }
        assert!(Const::BigInt("18446744073709551616".into()).is_heap_literal());
        assert!(!Const::Str("s".into()).is_heap_literal());
    }

    /// Runs `moves` one after another on registers that start as their own numbers.
    fn run(moves: &[(Reg, Reg)], n: usize) -> Vec<Reg> {
        let mut regs: Vec<Reg> = (0..n as Reg).collect();
        for &(d, s) in moves {
            regs[d as usize] = regs[s as usize];
        }
        regs
    }

    /// What the parallel move means: every destination gets its source's old value.
    fn parallel(pairs: &[(Reg, Reg)], n: usize) -> Vec<Reg> {
        let mut regs: Vec<Reg> = (0..n as Reg).collect();
        for &(d, s) in pairs {
            regs[d as usize] = s;
        }
        regs
    }

    #[test]
    fn parallel_moves_are_sequenced_without_clobbering() {
        let cases: Vec<Vec<(Reg, Reg)>> = vec![
            vec![(0, 0), (1, 1)],                 // unchanged loop variables: nothing
            vec![(0, 1), (1, 0)],                 // a swap: one spare
            vec![(0, 1), (1, 2), (2, 0), (3, 3)], // a rotation and a self-move
            vec![(0, 1), (1, 2), (2, 3)],         // a chain: no spare
            vec![(0, 4), (1, 4), (4, 0)],         // one source read twice, in a cycle
            vec![(0, 1), (1, 0), (2, 3), (3, 2)], // two cycles
        ];
        let spare_base = 16;
        for pairs in cases {
            let (moves, spare) = sequence_moves(pairs.clone(), spare_base);
            let n = (spare_base + spare) as usize;
            let got = run(&moves, n);
            let want = parallel(&pairs, n);
            assert_eq!(&got[..8], &want[..8], "{pairs:?} as {moves:?}");
            assert!(moves.iter().all(|(d, s)| d != s), "{moves:?}");
        }
        assert!(sequence_moves(vec![(0, 0), (1, 1)], 16).0.is_empty());
        assert_eq!(sequence_moves(vec![(0, 1), (1, 0)], 16).1, 1);
        assert_eq!(sequence_moves(vec![(0, 1), (1, 2), (2, 3)], 16).1, 0);
    }
}
