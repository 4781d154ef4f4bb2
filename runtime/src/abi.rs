//! The runtime's C ABI: the slow paths of IR instructions as `extern "C"` helpers that
//! compiled code can call, and that state their contract in C terms.
//!
//! # Calling convention
//!
//! - The first argument of every helper is `cx: *mut Cx`, the executor's handle (the VM,
//!   and a way back into Ruby through [`Host`]). The executor makes one per activation
//!   that runs compiled code and passes it down; compiled code never looks inside.
//! - Operands are `Value` words (`u64`, [`Value`] is `#[repr(transparent)]`), symbol ids
//!   and class ids are `u32`, argument lists are `(argc: u32, argv: *const Value)`.
//! - A helper that produces a value writes it through `out: *mut Value` and returns a
//!   [`Status`] word: `Status::Ok` (0), the result is written; `Status::Unwind` (1), the
//!   helper wrote nothing and an unwind is pending: an exception, or a `break`, `next` or
//!   non-local `return` in flight, kept in the VM's pending-unwind slot
//!   ([`Vm::pending_unwind`]). The caller takes it ([`take_pending`]) and delivers it to
//!   its own handler, or returns `Status::Unwind` to its caller with the slot still full.
//!   The slot is a GC root while it holds something.
//! - Never a Rust `Result` or a panic across the boundary: a panic inside a helper is
//!   caught and becomes a pending RuntimeError naming the helper ("rebound: internal
//!   error in rb_binop"), which is a bug in rebound, reported as such.
//! - A helper may run Ruby code (a redefined operator, `send`, a block): every value the
//!   caller needs after the call must be where the collector finds it (the executor's
//!   frame roots), as for any call.
//!
//! # Each semantic once
//!
//! The helpers are thin: each calls the one Rust function that defines the semantic
//! (`core::numbers::binop_generic`, `core::kernel::ivar_get`/`ivar_set`/`ivar_store`,
//! `Vm::const_get`, `Vm::new_scope`, `Vm::new_block`, `Vm::array`, `Vm::find_method`,
//! the functions of [`crate::ops`], [`Host::call`], [`Host::call_block`],
//! [`Host::invoke`], [`Host::run_class_body`]), which the interpreter calls too.

use crate::core::{kernel, numbers};
use crate::heap::BlockData;
use crate::ops;
use crate::{Host, MethodId, RResult, Unwind, Value, Vm};
use ir::{BinOp, ClassId, FuncId, UnOp};

/// What a helper returns.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// The result was written through `out`.
    Ok = 0,
    /// An unwind is pending in `Vm::pending_unwind`; nothing was written.
    Unwind = 1,
}

/// The executor's handle that every helper takes first.
pub struct Cx<'a> {
    pub host: &'a mut dyn Host,
}

/// The binary operators by their ABI number (`op` of [`rb_binop`]).
pub const BINOPS: [BinOp; 18] = [
    BinOp::Add,
    BinOp::Sub,
    BinOp::Mul,
    BinOp::Div,
    BinOp::Mod,
    BinOp::Pow,
    BinOp::Lt,
    BinOp::Le,
    BinOp::Gt,
    BinOp::Ge,
    BinOp::Eq,
    BinOp::Ne,
    BinOp::Cmp,
    BinOp::BitAnd,
    BinOp::BitOr,
    BinOp::BitXor,
    BinOp::Shl,
    BinOp::Shr,
];

/// The ABI number of `op`.
pub fn binop_number(op: BinOp) -> u32 {
    BINOPS
        .iter()
        .position(|&o| o == op)
        .expect("every BinOp is in BINOPS") as u32
}

/// Takes the pending unwind (after a helper returned `Status::Unwind`).
pub fn take_pending(vm: &mut Vm) -> Option<Box<Unwind>> {
    vm.pending_unwind.take()
}

/// Runs a helper's body: its result becomes the status word (and `out`, or the pending
/// unwind); a panic becomes a pending internal error.
fn run(
    cx: *mut Cx,
    helper: &str,
    out: *mut Value,
    body: impl FnOnce(&mut Cx) -> RResult,
) -> Status {
    // SAFETY: the executor passes a live `Cx` that nothing else uses during the call.
    let cx = unsafe { &mut *cx };
    let r = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| body(cx))) {
        Ok(r) => r,
        Err(_) => {
            let vm = cx.host.vm();
            let c = vm.c.runtime_error;
            Err(vm.error(c, format!("rebound: internal error in {helper}")))
        }
    };
    match r {
        Ok(v) => {
            if !out.is_null() {
                // SAFETY: the caller passes a writable `Value` slot (or null when it does
                // not want the result).
                unsafe { *out = v };
            }
            Status::Ok
        }
        Err(u) => {
            cx.host.vm().pending_unwind = Some(u);
            Status::Unwind
        }
    }
}

/// `argv[..argc]` as a slice.
///
/// # Safety
/// `argv` points to `argc` values (or `argc` is 0).
unsafe fn args<'a>(argc: u32, argv: *const Value) -> &'a [Value] {
    if argc == 0 {
        &[]
    } else {
        std::slice::from_raw_parts(argv, argc as usize)
    }
}

/// `a op b` (`op` numbered as [`BINOPS`]): the numeric operation for a numeric receiver
/// while the operator is the core one, else the operator method called on `a`.
#[no_mangle]
pub extern "C" fn rb_binop(cx: *mut Cx, op: u32, a: Value, b: Value, out: *mut Value) -> Status {
    run(cx, "rb_binop", out, |cx| match BINOPS.get(op as usize) {
        Some(&op) => numbers::binop_generic(cx.host, op, a, b),
        None => {
            let vm = cx.host.vm();
            Err(vm.arg_error(format!("rb_binop: no operator number {op}")))
        }
    })
}

/// `obj.@name` (nil when unset or when `obj` cannot have instance variables).
#[no_mangle]
pub extern "C" fn rb_ivar_get(cx: *mut Cx, obj: Value, name: u32, out: *mut Value) -> Status {
    run(cx, "rb_ivar_get", out, |cx| {
        Ok(kernel::ivar_get(cx.host.vm(), obj, name))
    })
}

/// `obj.@name = value`; `out` (may be null) gets `value`.
#[no_mangle]
pub extern "C" fn rb_ivar_set(
    cx: *mut Cx,
    obj: Value,
    name: u32,
    value: Value,
    out: *mut Value,
) -> Status {
    run(cx, "rb_ivar_set", out, |cx| {
        kernel::ivar_set(cx.host, obj, name, value).map(|()| value)
    })
}

/// The slow path of `ivar_store` (slot `slot` of `@name`): a frozen receiver raises
/// FrozenError; a receiver that is not a plain object goes by name.
#[no_mangle]
pub extern "C" fn rb_ivar_store(
    cx: *mut Cx,
    obj: Value,
    slot: u32,
    name: u32,
    value: Value,
) -> Status {
    run(cx, "rb_ivar_store", std::ptr::null_mut(), |cx| {
        kernel::ivar_store(cx.host, obj, slot, name, value).map(|()| value)
    })
}

/// The constant `name` seen from lexical class `cref` (NameError when undefined).
#[no_mangle]
pub extern "C" fn rb_const_get(cx: *mut Cx, cref: u32, name: u32, out: *mut Value) -> Status {
    run(cx, "rb_const_get", out, |cx| {
        cx.host.vm().const_get(ClassId(cref), name)
    })
}

/// `recv.name(*argv)` with `block` (nil for none), private methods included.
///
/// # Safety
/// `argv` points to `argc` values.
#[no_mangle]
pub unsafe extern "C" fn rb_send(
    cx: *mut Cx,
    recv: Value,
    name: u32,
    argc: u32,
    argv: *const Value,
    block: Value,
    out: *mut Value,
) -> Status {
    let a = args(argc, argv);
    run(cx, "rb_send", out, |cx| cx.host.call(recv, name, a, block))
}

/// `yield *argv` to `block` (LocalJumpError when it is not a block).
///
/// # Safety
/// `argv` points to `argc` values.
#[no_mangle]
pub unsafe extern "C" fn rb_yield(
    cx: *mut Cx,
    block: Value,
    argc: u32,
    argv: *const Value,
    out: *mut Value,
) -> Status {
    let a = args(argc, argv);
    run(cx, "rb_yield", out, |cx| cx.host.call_block(block, a))
}

/// Raises `exc` (an exception object): always `Status::Unwind`, with the exception
/// pending; TypeError when `exc` is not an exception.
#[no_mangle]
pub extern "C" fn rb_raise(cx: *mut Cx, exc: Value) -> Status {
    run(cx, "rb_raise", std::ptr::null_mut(), |cx| {
        let vm = cx.host.vm();
        if vm.is_exception(exc) {
            Err(Box::new(Unwind::Raise(exc)))
        } else {
            let c = vm.c.type_error;
            Err(vm.error(c, "exception class/object expected"))
        }
    })
}

/// A call site's inline cache, owned by compiled code (`#[repr(C)]`: it may live in the
/// code's data). A hit is a receiver of class `class` while the VM's method serial is
/// still `serial`; `method` is then the entry to run (`u32::MAX`: the class has no such
/// method).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallCache {
    pub serial: u64,
    pub class: u32,
    pub method: u32,
}

impl CallCache {
    /// A cache that misses.
    pub const EMPTY: CallCache = CallCache {
        serial: u64::MAX,
        class: u32::MAX,
        method: u32::MAX,
    };
}

/// `recv.name(*argv)` with `block` through the inline cache `cache`: the cached method
/// on a hit, else a lookup that refills the cache; NoMethodError when there is none.
///
/// # Safety
/// `argv` points to `argc` values; `cache` is a valid, exclusively used `CallCache`.
#[no_mangle]
pub unsafe extern "C" fn rb_call_cached(
    cx: *mut Cx,
    cache: *mut CallCache,
    recv: Value,
    name: u32,
    argc: u32,
    argv: *const Value,
    block: Value,
    out: *mut Value,
) -> Status {
    let a = args(argc, argv);
    let cache = &mut *cache;
    run(cx, "rb_call_cached", out, |cx| {
        let vm = cx.host.vm();
        let class = vm.class_of(recv);
        if cache.class != class.0 || cache.serial != vm.method_serial {
            let m = vm.find_method(class, name);
            *cache = CallCache {
                serial: vm.method_serial,
                class: class.0,
                method: m.map_or(u32::MAX, |m| m.0),
            };
        }
        match cache.method {
            u32::MAX => {
                let n = vm.sym_name(name).to_string();
                Err(kernel::no_method_error(cx.host, recv, &n))
            }
            m => cx.host.invoke(MethodId(m), recv, a, block),
        }
    })
}

/// A new dynscope of `size` nil slots inside `parent` (nil for none).
#[no_mangle]
pub extern "C" fn rb_scope_new(cx: *mut Cx, size: u32, parent: Value, out: *mut Value) -> Status {
    run(cx, "rb_scope_new", out, |cx| {
        Ok(cx
            .host
            .vm()
            .new_scope(vec![Value::NIL; size as usize], parent))
    })
}

/// A new block closure of function `func`, made by an activation with `self_val`, the
/// block it was given (`home_block`), its id (`home_frame`), its lexical class (`cref`)
/// and method entry (`method`, `u32::MAX` for none), capturing `scope`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn rb_make_block(
    cx: *mut Cx,
    func: u32,
    self_val: Value,
    scope: Value,
    home_block: Value,
    home_frame: u64,
    cref: u32,
    method: u32,
    out: *mut Value,
) -> Status {
    run(cx, "rb_make_block", out, |cx| {
        Ok(cx.host.vm().new_block(BlockData {
            func: FuncId(func),
            self_val,
            scope,
            home_block,
            home_frame,
            cref: ClassId(cref),
            home_method: (method != u32::MAX).then_some(MethodId(method)),
        }))
    })
}

/// A new Array of `argv[..argc]`.
///
/// # Safety
/// `argv` points to `argc` values.
#[no_mangle]
pub unsafe extern "C" fn rb_array_new(
    cx: *mut Cx,
    argc: u32,
    argv: *const Value,
    out: *mut Value,
) -> Status {
    let a = args(argc, argv);
    run(cx, "rb_array_new", out, |cx| {
        Ok(cx.host.vm().array(a.to_vec()))
    })
}

// ---- constants, definitions, super ------------------------------------------------

/// `Scope::Name` (NameError when `scope` has no such constant, TypeError when it is not
/// a class).
#[no_mangle]
pub extern "C" fn rb_const_get_from(
    cx: *mut Cx,
    scope: Value,
    name: u32,
    out: *mut Value,
) -> Status {
    run(cx, "rb_const_get_from", out, |cx| {
        ops::const_get_from(cx.host.vm(), scope, name)
    })
}

/// `Name = value` in lexical class `cref`.
#[no_mangle]
pub extern "C" fn rb_const_set(cx: *mut Cx, cref: u32, name: u32, value: Value) -> Status {
    run(cx, "rb_const_set", std::ptr::null_mut(), |cx| {
        ops::const_set(cx.host.vm(), ClassId(cref), name, value);
        Ok(value)
    })
}

/// `super(*argv, &block)` in an activation of method entry `method` with `self` `recv`.
///
/// # Safety
/// `argv` points to `argc` values.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn rb_super(
    cx: *mut Cx,
    method: u32,
    recv: Value,
    argc: u32,
    argv: *const Value,
    block: Value,
    out: *mut Value,
) -> Status {
    let a = args(argc, argv);
    run(cx, "rb_super", out, |cx| {
        if method == u32::MAX {
            return Err(ops::super_outside_method(cx.host.vm()));
        }
        ops::super_call(cx.host, MethodId(method), recv, a, block)
    })
}

/// `def name` (`singleton`: `def self.name`) with body function `func`, in lexical class
/// `cref` with `self` `self_val`.
#[no_mangle]
pub extern "C" fn rb_def_method(
    cx: *mut Cx,
    cref: u32,
    self_val: Value,
    name: u32,
    func: u32,
    singleton: bool,
) -> Status {
    run(cx, "rb_def_method", std::ptr::null_mut(), |cx| {
        let vm = cx.host.vm();
        ops::def_method(vm, ClassId(cref), self_val, name, FuncId(func), singleton)
            .map(|_| Value::NIL)
    })
}

/// `class Name < sup ... end` in lexical class `cref` (`sup` is `Value::UNDEF` when the
/// program names none): opens or creates the class, runs `body` in it, and writes the
/// body's value.
#[no_mangle]
pub extern "C" fn rb_def_class(
    cx: *mut Cx,
    cref: u32,
    name: u32,
    sup: Value,
    body: u32,
    out: *mut Value,
) -> Status {
    run(cx, "rb_def_class", out, |cx| {
        let c = ops::open_class(cx.host.vm(), ClassId(cref), name, sup)?;
        cx.host.run_class_body(FuncId(body), c)
    })
}

/// `alias new old` in lexical class `cref`.
#[no_mangle]
pub extern "C" fn rb_alias(cx: *mut Cx, cref: u32, new: u32, old: u32) -> Status {
    run(cx, "rb_alias", std::ptr::null_mut(), |cx| {
        ops::alias_method(cx.host.vm(), ClassId(cref), new, old).map(|()| Value::NIL)
    })
}

// ---- values -------------------------------------------------------------------------

/// `op x` (`op`: 0 `-`, 1 `~`, 2 `!`).
#[no_mangle]
pub extern "C" fn rb_unop(cx: *mut Cx, op: u32, x: Value, out: *mut Value) -> Status {
    run(cx, "rb_unop", out, |cx| match UNOPS.get(op as usize) {
        Some(&op) => ops::unary(cx.host, op, x),
        None => {
            let vm = cx.host.vm();
            Err(vm.arg_error(format!("rb_unop: no operator number {op}")))
        }
    })
}

/// The unary operators by their ABI number (`op` of [`rb_unop`]).
pub const UNOPS: [UnOp; 3] = [UnOp::Neg, UnOp::BitNot, UnOp::Not];

/// `"#{argv[0]}#{argv[1]}..."`: a new String of the parts' `to_s`.
///
/// # Safety
/// `argv` points to `argc` values.
#[no_mangle]
pub unsafe extern "C" fn rb_interpolate(
    cx: *mut Cx,
    argc: u32,
    argv: *const Value,
    out: *mut Value,
) -> Status {
    let a = args(argc, argv);
    run(cx, "rb_interpolate", out, |cx| ops::interpolate(cx.host, a))
}

/// A new String of the UTF-8 bytes `ptr[..len]` (a string literal).
///
/// # Safety
/// `ptr` points to `len` bytes of valid UTF-8.
#[no_mangle]
pub unsafe extern "C" fn rb_str_new(
    cx: *mut Cx,
    ptr: *const u8,
    len: usize,
    out: *mut Value,
) -> Status {
    let bytes: &[u8] = if len == 0 {
        &[]
    } else {
        std::slice::from_raw_parts(ptr, len)
    };
    run(cx, "rb_str_new", out, |cx| {
        let s = String::from_utf8_lossy(bytes).into_owned();
        Ok(cx.host.vm().str(s))
    })
}

/// `v` when it is an Array, else `[v]` (multiple assignment, block parameters).
#[no_mangle]
pub extern "C" fn rb_to_array(cx: *mut Cx, v: Value, out: *mut Value) -> Status {
    run(cx, "rb_to_array", out, |cx| {
        Ok(ops::to_array(cx.host.vm(), v))
    })
}

/// The Integer `i` (a heap integer when it does not fit a fixnum): `box_int`.
#[no_mangle]
pub extern "C" fn rb_int_new(cx: *mut Cx, i: i64, out: *mut Value) -> Status {
    run(cx, "rb_int_new", out, |cx| Ok(cx.host.vm().int(i)))
}

/// The Float of the bits `bits` (a heap float when it is no flonum): `box_float`.
#[no_mangle]
pub extern "C" fn rb_float_new(cx: *mut Cx, bits: u64, out: *mut Value) -> Status {
    run(cx, "rb_float_new", out, |cx| {
        Ok(cx.host.vm().float(f64::from_bits(bits)))
    })
}

// ---- unwinds ------------------------------------------------------------------------
//
// A handler's code holds the unwind it caught as a value (`catch_unwind`); these take
// and give back that value.

/// Takes the pending unwind (a helper returned `Status::Unwind` into a region that has a
/// handler) and writes it as the value the handler holds.
#[no_mangle]
pub extern "C" fn rb_catch_unwind(cx: *mut Cx, out: *mut Value) -> Status {
    run(cx, "rb_catch_unwind", out, |cx| {
        let vm = cx.host.vm();
        match take_pending(vm) {
            Some(u) => Ok(ops::catch_unwind(vm, u)),
            None => Err(vm.arg_error("rb_catch_unwind: no unwind is pending")),
        }
    })
}

/// Whether a `rescue` clause naming the classes `argv[..argc]` (StandardError when none)
/// takes the caught unwind `caught`: writes true or false.
///
/// # Safety
/// `argv` points to `argc` values.
#[no_mangle]
pub unsafe extern "C" fn rb_unwind_matches(
    cx: *mut Cx,
    caught: Value,
    argc: u32,
    argv: *const Value,
    out: *mut Value,
) -> Status {
    let a = args(argc, argv);
    run(cx, "rb_unwind_matches", out, |cx| {
        ops::unwind_matches(cx.host.vm(), caught, a).map(Value::bool)
    })
}

/// The exception of the caught unwind `caught` (nil for a `break` or `return`).
#[no_mangle]
pub extern "C" fn rb_unwind_exception(cx: *mut Cx, caught: Value, out: *mut Value) -> Status {
    run(cx, "rb_unwind_exception", out, |cx| {
        Ok(ops::unwind_exception(cx.host.vm(), caught))
    })
}

/// Sends the caught unwind `caught` on (`resume`): always `Status::Unwind`.
#[no_mangle]
pub extern "C" fn rb_resume(cx: *mut Cx, caught: Value) -> Status {
    run(cx, "rb_resume", std::ptr::null_mut(), |cx| {
        Err(ops::resume(cx.host.vm(), caught))
    })
}

/// `break value` from the block `tag`: always `Status::Unwind`.
#[no_mangle]
pub extern "C" fn rb_block_break(cx: *mut Cx, tag: Value, value: Value) -> Status {
    run(cx, "rb_block_break", std::ptr::null_mut(), |_| {
        Err(ops::block_break(tag, value))
    })
}

/// `return value` from a block whose home activation is `frame`: always
/// `Status::Unwind`.
#[no_mangle]
pub extern "C" fn rb_non_local_return(cx: *mut Cx, frame: u64, value: Value) -> Status {
    run(cx, "rb_non_local_return", std::ptr::null_mut(), |_| {
        Err(ops::non_local_return(frame, value))
    })
}
