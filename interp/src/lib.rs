//! rebound's IR interpreter and profiler.
//!
//! [`Interp`] runs IR functions (IR0, and the speculative versions of tier `opt`, see
//! [`tier`]) translated into a flat register form ([`code`]). Frames live on one preallocated value stack, so that every
//! live value is a GC root; Ruby calls recurse on the Rust stack, with a depth limit that
//! raises SystemStackError. While it runs, the interpreter profiles receiver classes at
//! call sites and operand types at arithmetic and comparison instructions ([`profile`]).
//! In tier `opt` ([`tier`]) hot functions run speculative versions (with unboxed numbers
//! in a separate register area the collector never scans), entered at a call or in the
//! middle of a loop (OSR); a failing guard rebuilds the IR0 frames and IR0 carries on.

pub mod code;
mod exec;
mod origin;
pub mod profile;
pub mod tier;

use code::Code;
use ir::{ClassId, FuncId, Function};
use runtime::class::{MethodBody, MethodId, SymId};
use runtime::heap::{BlockData, ObjData};
use runtime::{Host, RResult, Unwind, Value, Vm};
use smallvec::SmallVec;

/// Maximum Ruby call depth before SystemStackError.
pub const MAX_DEPTH: usize = 10_000;
/// Size of the value stack and of the unboxed stack, in words: 10,000 frames of 1,600
/// registers each. The pages are only reserved (zeroed memory from the system, touched
/// as frames use them), so the size costs address space, not resident memory. Both
/// stacks must outlast [`MAX_DEPTH`] frames of any function of ordinary size: a version
/// keeps registers in both where IR0 has them in one, and when a stack ran out before
/// the depth limit, a deep recursion ended at another depth in each tier (a fuzzer
/// finding: 9,987 frames instead of 9,999 with a 1 MiW unboxed stack).
const STACK_WORDS: usize = 16 << 20;

/// One activation of a function.
pub(crate) struct Frame {
    pub code: &'static Code,
    pub fp: usize,
    /// The frame's unboxed area (versions only).
    pub ufp: usize,
    pub argc: u32,
    /// For blocks, the id of the method activation they were written in; else `id`.
    pub home: u64,
    /// The lexical class: where `def` defines and constant lookup starts.
    pub cref: ClassId,
    /// The method entry being run (for `super`).
    pub method: Option<MethodId>,
    /// For block frames, the block object being run (the tag of its `break`).
    pub block_obj: Value,
    /// A version frame that deoptimized: it runs none of its code any more (the rebuilt
    /// IR0 frames give its result), and no longer counts in its code's `active`.
    pub left: bool,
}

/// Everything but the arguments that the calling convention ([`Interp::enter`]) needs
/// to start an activation.
#[derive(Clone, Copy)]
pub(crate) struct Entry {
    pub recv: Value,
    /// The block passed to the activation (a block frame gets its home's).
    pub block: Value,
    /// A block's enclosing scope object; nil for methods.
    pub outer: Value,
    /// A block's home activation; `None` for a method, script or class body, which gets
    /// a fresh activation id.
    pub home: Option<u64>,
    pub cref: ClassId,
    pub method: Option<MethodId>,
    /// The block object being run (block frames), else nil.
    pub block_obj: Value,
}

impl Entry {
    /// A method (script, class body) activation.
    #[inline(always)]
    pub fn method(recv: Value, block: Value, cref: ClassId, method: Option<MethodId>) -> Entry {
        Entry {
            recv,
            block,
            outer: Value::NIL,
            home: None,
            cref,
            method,
            block_obj: Value::NIL,
        }
    }

    /// An activation of the block object `blk`, whose data is `b`.
    #[inline(always)]
    pub fn block(blk: Value, b: &BlockData) -> Entry {
        Entry {
            recv: b.self_val,
            block: b.home_block,
            outer: b.scope,
            home: Some(b.home_frame),
            cref: b.cref,
            method: b.home_method,
            block_obj: blk,
        }
    }
}

/// The interpreter: the VM, the functions it can run and the value stack.
pub struct Interp {
    pub vm: Vm,
    pub(crate) functions: Vec<Option<Function>>,
    codes: Vec<Option<&'static Code>>,
    stack: Vec<Value>,
    sp: usize,
    pub(crate) depth: usize,
    /// The unwind being delivered to a handler (read by `CatchUnwind`).
    caught: Value,
    pub max_depth: usize,
    /// Unboxed registers of version frames (never scanned by the collector).
    ustack: ZeroedWords,
    usp: usize,
    /// The optimizing tier's state: versions, the builder, deopt statistics.
    pub tier: tier::TierState,
    /// The frame roots of another executor whose frames are on the stack alongside the
    /// interpreter's (`set_foreign_roots`).
    foreign_roots: Option<ForeignRoots>,
}

/// What another executor marks at a collection: the values its frames hold.
pub type ForeignRoots = Box<dyn FnMut(&mut dyn FnMut(Value))>;

impl Interp {
    pub fn new(mut vm: Vm) -> Interp {
        runtime::core::install(&mut vm);
        Interp {
            vm,
            functions: Vec::new(),
            codes: Vec::new(),
            stack: zeroed_stack(STACK_WORDS),
            sp: 0,
            depth: 0,
            caught: Value::NIL,
            max_depth: MAX_DEPTH,
            ustack: ZeroedWords::new(STACK_WORDS),
            usp: 0,
            tier: tier::TierState::default(),
            foreign_roots: None,
        }
    }

    /// Lets another executor (compiled code whose frames interleave with the
    /// interpreter's) report its frames' values at every collection: `roots` is called
    /// with the collector's mark function, together with the interpreter's own roots.
    pub fn set_foreign_roots(&mut self, roots: ForeignRoots) {
        self.foreign_roots = Some(roots);
    }

    /// Makes `f` runnable (its IR0, after the conservative pipeline).
    pub fn add_function(&mut self, f: Function) {
        let i = f.id.index();
        if self.functions.len() <= i {
            self.functions.resize_with(i + 1, || None);
            self.codes.resize(i + 1, None);
        }
        self.functions[i] = Some(f);
        self.codes[i] = None;
    }

    pub fn function(&self, id: FuncId) -> Option<&Function> {
        self.functions.get(id.index()).and_then(|f| f.as_ref())
    }

    /// The interpreter code of a function, translated on first use.
    #[inline]
    pub(crate) fn code(&mut self, id: FuncId) -> &'static Code {
        if let Some(Some(c)) = self.codes.get(id.index()) {
            return c;
        }
        self.translate_code(id)
    }

    #[inline(never)]
    fn translate_code(&mut self, id: FuncId) -> &'static Code {
        let f = self.functions[id.index()]
            .as_ref()
            .expect("function was added");
        let code: &'static Code =
            Box::leak(Box::new(translate_in(&mut self.vm, &self.functions, f)));
        self.codes[id.index()] = Some(code);
        code
    }

    /// The translated functions, for profiles and statistics.
    pub fn codes(&self) -> impl Iterator<Item = &'static Code> + '_ {
        self.codes.iter().filter_map(|c| *c)
    }

    /// Runs a script body (a `FuncKind::Script` function) with `self` = main.
    pub fn run_script(&mut self, id: FuncId) -> RResult {
        let main = self.vm.main_obj;
        let cref = self.vm.c.object;
        self.call_function(id, None, main, &[], Value::NIL, cref)
    }

    /// Pushes a frame for `code` with `self`, block and outer scope, and its first
    /// `min(n, code.nargs)` parameters read by `arg(i)` (the other registers are nil).
    /// Returns the frame base, or SystemStackError when the stacks or the depth limit
    /// are exhausted.
    #[inline(always)]
    fn push_frame(
        &mut self,
        code: &'static Code,
        recv: Value,
        block: Value,
        outer: Value,
        n: usize,
        arg: impl Fn(usize) -> Value,
    ) -> Result<usize, Box<Unwind>> {
        let fp = self.sp;
        let ufp = self.usp;
        let need = code.nregs as usize;
        if self.depth >= self.max_depth
            || fp + need > self.stack.len()
            || ufp + code.nuregs as usize > self.ustack.len()
        {
            return Err(self.stack_overflow(code));
        }
        // SAFETY: fp + need is within the stack (checked above), and every frame has
        // the fixed registers and its parameters' (need >= FIXED_REGS + nargs).
        unsafe {
            let regs = self.stack.as_mut_ptr().add(fp);
            *regs.add(code::REG_SELF as usize) = recv;
            *regs.add(code::REG_BLOCK as usize) = block;
            *regs.add(code::REG_OUTER as usize) = outer;
            let given = code::FIXED_REGS as usize + n.min(code.nargs as usize);
            for i in code::FIXED_REGS as usize..given {
                *regs.add(i) = arg(i - code::FIXED_REGS as usize);
            }
            for i in given..need {
                *regs.add(i) = Value::NIL;
            }
        }
        self.sp = fp + need;
        self.usp = ufp + code.nuregs as usize;
        self.depth += 1;
        Ok(fp)
    }

    #[cold]
    #[inline(never)]
    fn stack_overflow(&mut self, code: &'static Code) -> Box<Unwind> {
        let c = self.vm.c.system_stack_error;
        let e = self.vm.make_exception(c, "stack level too deep");
        self.note_entry_origin(e, code);
        Box::new(Unwind::Raise(e))
    }

    /// Pops the frame at `fp` (and the unboxed area above `ufp`).
    fn pop_frame(&mut self, fp: usize, ufp: usize) {
        self.sp = fp;
        self.usp = ufp;
        self.depth -= 1;
    }

    /// The calling convention, the one way a new activation starts (method calls from
    /// the run loop and from natives, `yield`, block calls, script and class bodies):
    /// pushes `callee`'s frame with `entry` and `n` arguments read by `arg(i)` (cut to
    /// the callee's parameters, the missing ones nil), runs it from its first op and pops
    /// it. A method activation (`entry.home == None`) gets a fresh activation id and its
    /// result is whatever a `return` aimed at it carries. The callers check arity and
    /// spread a block's array argument before.
    #[inline(always)]
    pub(crate) fn enter(
        &mut self,
        callee: &'static Code,
        entry: Entry,
        n: usize,
        arg: impl Fn(usize) -> Value,
    ) -> RResult {
        let ufp = self.usp;
        let fp = self.push_frame(callee, entry.recv, entry.block, entry.outer, n, arg)?;
        let id = match entry.home {
            Some(home) => home,
            None => self.vm.fresh_frame_id(),
        };
        callee.calls.set(callee.calls.get() + 1);
        callee.active.set(callee.active.get() + 1);
        let mut frame = Frame {
            code: callee,
            fp,
            ufp,
            argc: n.min(callee.nargs as usize) as u32,
            home: id,
            cref: entry.cref,
            method: entry.method,
            block_obj: entry.block_obj,
            left: false,
        };
        let r = self.run(&mut frame);
        if !frame.left {
            callee.active.set(callee.active.get() - 1);
        }
        self.pop_frame(fp, ufp);
        match r {
            Err(u) if entry.home.is_none() => match *u {
                Unwind::Return { frame, value } if frame == id => Ok(value),
                other => Err(Box::new(other)),
            },
            r => r,
        }
    }

    /// Calls a Ruby function as a method (or script/class body) with strict arity.
    pub(crate) fn call_function(
        &mut self,
        id: FuncId,
        method: Option<MethodId>,
        recv: Value,
        args: &[Value],
        block: Value,
        cref: ClassId,
    ) -> RResult {
        let code = self.entry_code(id);
        self.call_code(code, method, recv, args, block, cref)
    }

    /// "Enter this version", for any executor: runs an activation of `func`'s optimized
    /// version (built now when the tier has none and its policy wants one) as a method,
    /// script or class body, with strict arity. `None` when there is no version to run:
    /// the tier is off, the policy does not want one, its build failed, or `func` was
    /// given up after too many deopts. A guard that fails in it deoptimizes as in any
    /// other activation.
    pub fn enter_version(
        &mut self,
        func: FuncId,
        method: Option<MethodId>,
        recv: Value,
        args: &[Value],
        block: Value,
        cref: ClassId,
    ) -> Option<RResult> {
        if !self.tier.enabled {
            return None;
        }
        if !self.vm.method_changes.is_empty() {
            self.take_method_changes();
        }
        let code = match self.tier.table.current(func) {
            Some(v) => v,
            None => self.try_version(func)?,
        };
        Some(self.call_code(code, method, recv, args, block, cref))
    }

    /// Runs `code` (IR0 or a version) as a method activation, after the arity check.
    fn call_code(
        &mut self,
        code: &'static Code,
        method: Option<MethodId>,
        recv: Value,
        args: &[Value],
        block: Value,
        cref: ClassId,
    ) -> RResult {
        let argc = args.len() as u32;
        if argc < code.required || argc > code.required + code.optional {
            let expected = if code.optional == 0 {
                format!("{}", code.required)
            } else {
                format!("{}..{}", code.required, code.required + code.optional)
            };
            let c = self.vm.c.argument_error;
            let e = self.vm.make_exception(
                c,
                &format!("wrong number of arguments (given {argc}, expected {expected})"),
            );
            self.note_entry_origin(e, code);
            return Err(Box::new(Unwind::Raise(e)));
        }
        self.enter(
            code,
            Entry::method(recv, block, cref, method),
            args.len(),
            |i| args[i],
        )
    }

    /// Calls a block closure with proc semantics for its arguments.
    pub fn invoke_block(&mut self, blk: Value, args: &[Value]) -> RResult {
        let Some(ObjData::Block(_, b)) = self.vm.data(blk) else {
            let c = self.vm.c.local_jump_error;
            return Err(self.vm.error(c, "no block given (yield)"));
        };
        let (func, entry) = (b.func, Entry::block(blk, b));
        let code = self.entry_code(func);
        let mut spread: SmallVec<[Value; 8]> = SmallVec::new();
        let args: &[Value] = if code.auto_splat && args.len() == 1 {
            match self.vm.as_array(args[0]) {
                Some(a) => {
                    spread.extend_from_slice(a);
                    &spread
                }
                None => args,
            }
        } else {
            args
        };
        self.enter(code, entry, args.len(), |i| args[i])
    }

    /// Invokes a resolved method.
    pub(crate) fn invoke(
        &mut self,
        m: MethodId,
        recv: Value,
        args: &[Value],
        block: Value,
    ) -> RResult {
        self.invoke_as(m, recv, args, block, None)
    }

    /// Invokes a resolved method, called as `site` (the name at a call site of the
    /// program, `None` for calls made by natives and the runtime): the errors of a native
    /// method name its frame unless CRuby makes that call without one
    /// (`Interp::native_error`).
    pub(crate) fn invoke_as(
        &mut self,
        m: MethodId,
        recv: Value,
        args: &[Value],
        block: Value,
        site: Option<SymId>,
    ) -> RResult {
        let entry = *self.vm.method(m);
        match entry.body {
            MethodBody::Ruby(f) => {
                // Class methods live on the metaclass; their lexical class is the class.
                let cref = self.vm.lexical_class(entry.owner);
                self.call_function(f, Some(m), recv, args, block, cref)
            }
            MethodBody::Native { f, arity } => {
                let r = if arity >= 0 && args.len() != arity as usize {
                    Err(self.vm.arity_error(args.len(), &arity.to_string()))
                } else {
                    f(self, recv, args, block)
                };
                r.map_err(|e| self.native_error(e, entry.name, site, recv, args))
            }
            MethodBody::AttrReader(ivar) => {
                if !args.is_empty() {
                    return Err(self.vm.arity_error(args.len(), "0"));
                }
                Ok(runtime::core::kernel::ivar_get(&mut self.vm, recv, ivar))
            }
            MethodBody::AttrWriter(ivar) => {
                if args.len() != 1 {
                    return Err(self.vm.arity_error(args.len(), "1"));
                }
                runtime::core::kernel::ivar_set(self, recv, ivar, args[0])?;
                Ok(args[0])
            }
        }
    }

    /// Calls method `name` on `recv` (private methods allowed), or raises NoMethodError.
    pub fn send(&mut self, recv: Value, name: SymId, args: &[Value], block: Value) -> RResult {
        let c = self.vm.class_of(recv);
        match self.vm.find_method(c, name) {
            Some(m) => self.invoke(m, recv, args, block),
            None => {
                let n = self.vm.sym_name(name).to_string();
                Err(runtime::core::kernel::no_method_error(self, recv, &n))
            }
        }
    }

    /// Runs a collection now: roots are the value stack, the unwind being caught, the OSR
    /// values in transfer, and the VM's roots (class tables, constants, and everything
    /// code holds, through the runtime's root registry).
    pub fn collect_garbage(&mut self) {
        // A safepoint: every frame counts itself in its code's `active`, so dropped
        // versions that none runs can go (their literals with them).
        if !self.tier.retired.is_empty() {
            self.free_retired();
        }
        let stack = &self.stack[..self.sp];
        let caught = self.caught;
        let osr = &self.tier.osr_args;
        let foreign = &mut self.foreign_roots;
        self.vm.collect_garbage(&mut |mark| {
            for v in stack {
                mark(*v);
            }
            for v in osr {
                mark(*v);
            }
            mark(caught);
            if let Some(f) = foreign.as_mut() {
                f(mark);
            }
        });
    }

    /// Makes a block closure for the current frame.
    pub(crate) fn make_block(&mut self, f: &Frame, func: FuncId, scope: Value) -> Value {
        let regs = &self.stack[f.fp..];
        let data = BlockData {
            func,
            self_val: regs[code::REG_SELF as usize],
            scope,
            home_block: regs[code::REG_BLOCK as usize],
            home_frame: f.home,
            cref: f.cref,
            home_method: f.method,
        };
        self.vm.new_block(data)
    }
}

/// A value stack of `n` words, all `false` (the all-zero word). Allocated zeroed, so the
/// system hands out its pages only as frames first touch them: starting the interpreter
/// does not write 128 MB.
fn zeroed_stack(n: usize) -> Vec<Value> {
    const _: () = assert!(Value::FALSE.0 == 0);
    let words = std::mem::ManuallyDrop::new(vec![0u64; n]);
    // SAFETY: `Value` is a `#[repr(transparent)]` u64, so the buffer, its length and its
    // capacity are those of a `Vec<Value>` of the same words (all `false`).
    unsafe { Vec::from_raw_parts(words.as_ptr() as *mut Value, words.len(), words.capacity()) }
}

/// A fixed buffer of `u64` words, all zero at first, whose pages become resident only
/// when first touched: the unboxed register area (128 MB of address space, of which a
/// program touches a few KB). It comes from the system allocator's `calloc`, which maps a buffer this big
/// fresh from the kernel and does not write it; `vec![0; n]` went through the global
/// allocator (mimalloc), whose arena memory is not known zero, so it filled the buffer and
/// made it resident in every run (at 8 MB, more than half of the memory of `puts 1`).
struct ZeroedWords {
    ptr: std::ptr::NonNull<u64>,
    len: usize,
}

impl ZeroedWords {
    fn layout(len: usize) -> std::alloc::Layout {
        std::alloc::Layout::array::<u64>(len).expect("word buffer size")
    }

    fn new(len: usize) -> ZeroedWords {
        use std::alloc::GlobalAlloc;
        let layout = ZeroedWords::layout(len);
        // SAFETY: the layout has a non-zero size (callers ask for at least one word).
        let p = unsafe { std::alloc::System.alloc_zeroed(layout) } as *mut u64;
        let ptr =
            std::ptr::NonNull::new(p).unwrap_or_else(|| std::alloc::handle_alloc_error(layout));
        ZeroedWords { ptr, len }
    }

    #[inline(always)]
    fn as_mut_ptr(&mut self) -> *mut u64 {
        self.ptr.as_ptr()
    }

    #[inline(always)]
    fn len(&self) -> usize {
        self.len
    }
}

// SAFETY: the buffer is owned by the value alone (like a `Vec<u64>`'s).
unsafe impl Send for ZeroedWords {}

impl Drop for ZeroedWords {
    fn drop(&mut self) {
        use std::alloc::GlobalAlloc;
        // SAFETY: made by `System.alloc_zeroed` with this layout in `new`.
        unsafe {
            std::alloc::System.dealloc(self.ptr.as_ptr() as *mut u8, ZeroedWords::layout(self.len))
        }
    }
}

/// Translates `f`, with the IR0 of the functions inlined into it at hand.
pub(crate) fn translate_in(vm: &mut Vm, functions: &[Option<Function>], f: &Function) -> Code {
    let ir0 = |g: FuncId| functions.get(g.index()).and_then(|x| x.as_ref());
    code::translate(vm, f, &ir0)
}

impl Host for Interp {
    fn vm(&mut self) -> &mut Vm {
        &mut self.vm
    }

    // A native method's own frame is not counted against the depth limit (a cycle
    // through Ruby code meets the limit in its Ruby frames). Native methods that walk
    // nested values without Ruby code (`==`, `hash`, `inspect` of arrays) bound their
    // own depth: `Vm::enter_nested`.

    fn call(&mut self, recv: Value, name: SymId, args: &[Value], block: Value) -> RResult {
        self.send(recv, name, args, block)
    }

    fn call_block(&mut self, block: Value, args: &[Value]) -> RResult {
        self.invoke_block(block, args)
    }

    // `super` and the C ABI's calls come here: a call of the method itself, with its
    // own frame, as in CRuby.
    fn invoke(&mut self, m: MethodId, recv: Value, args: &[Value], block: Value) -> RResult {
        Interp::invoke(self, m, recv, args, block)
    }

    fn run_class_body(&mut self, body: FuncId, class: ClassId) -> RResult {
        let cv = self.vm.class(class).value;
        self.call_function(body, None, cv, &[], Value::NIL, class)
    }
}
