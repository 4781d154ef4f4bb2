//! rebound's runtime: the value encoding ([`value`]), heap objects and the collector
//! ([`heap`]), classes and method tables ([`class`]), the VM state ([`vm`]), the core
//! classes' native methods ([`core`]), Ruby numeric semantics ([`numeric`]), CRuby-exact
//! formatting ([`format`]), the root registry of heap values held by code ([`roots`]), the
//! semantics of the IR instructions that are not calls or arithmetic ([`ops`]) and the
//! Ruby prelude ([`PRELUDE`]).
//!
//! The runtime knows nothing of the IR interpreter: native methods that call back into
//! Ruby (`puts` calling `to_s`, `==` on arrays) go through the [`Host`] trait, which the
//! interpreter implements. [`abi`] is the runtime's C ABI: the slow paths of IR
//! instructions as `extern "C"` helpers with a status word and a pending-unwind slot, for
//! compiled code (the interpreter calls the same Rust functions they wrap).
//!
//! # Access discipline
//!
//! - The [`Vm`] is owned by the executor (the interpreter's `Interp::vm`) and reached
//!   through `&mut Vm` (or [`Host::vm`]); the [`heap::Heap`] is a field of it, so nothing
//!   makes a `&mut Heap` while the VM is borrowed elsewhere.
//! - A `Value` is a plain word; it never hands out a borrow of its object. Objects are
//!   borrowed through the VM that owns the heap: [`Vm::obj`] / [`Vm::obj_mut`],
//!   [`Vm::data`] / [`Vm::data_mut`], [`Vm::as_array`] / [`Vm::as_array_mut`],
//!   [`Vm::as_string`] / [`Vm::as_string_mut`], [`Vm::as_bigint`]. The borrow lives no
//!   longer than the borrow of the VM, so the compiler rejects holding it across anything
//!   that may run Ruby code or collect (a [`Host`] call, which needs the VM again) and
//!   holding two mutable borrows of objects at once (`a.concat(a)` copies its argument
//!   first). Code that needs an object's contents across a call copies them
//!   ([`Vm::array_copy`], [`Vm::string_copy`]).
//! - Type tests and reads that copy a scalar out at once need no borrow: [`Vm::float_of`],
//!   [`Vm::int_of`], [`Vm::is_array`], [`Vm::is_string`], [`Vm::is_integer`],
//!   [`Vm::is_frozen_obj`]. The collector runs only at safepoints and frees only what no
//!   root reaches, so a value in hand is a live object.
//! - Compiled code and the [`abi`] helpers reach objects by raw pointer
//!   ([`Value::obj_ptr`], `heap::inline_ivar_offset`); a helper makes its borrows through
//!   the `Vm` of its [`abi::Cx`] like any native method.
//! - Every heap value that lives outside a frame is a root: the VM's tables and
//!   `Vm::extra_roots` (values native code or the deopt rebuild holds for a while),
//!   `Vm::pending_unwind`, and code's literals in the root registry ([`roots`]).

pub mod abi;
pub mod class;
pub mod core;
pub mod format;
pub mod heap;
pub mod numeric;
pub mod ops;
pub mod roots;
pub mod value;
pub mod vm;

pub use class::{MethodBody, MethodId, SymId};
pub use value::Value;
pub use vm::Vm;

/// A non-local exit in flight.
#[derive(Debug, Clone)]
pub enum Unwind {
    /// A raised exception (the exception object).
    Raise(Value),
    /// `break` from the block `tag`: the call that was given that block returns `value`.
    Break { tag: Value, value: Value },
    /// `return` from a block: the method activation `frame` returns `value`.
    Return { frame: u64, value: Value },
}

/// The result of running Ruby code: a value, or an unwind.
pub type RResult = Result<Value, Box<Unwind>>;

/// What native methods need from the interpreter.
pub trait Host {
    fn vm(&mut self) -> &mut Vm;
    /// Calls method `name` on `recv` (private methods included, like `send`).
    fn call(&mut self, recv: Value, name: SymId, args: &[Value], block: Value) -> RResult;
    /// Calls a block closure with arguments.
    fn call_block(&mut self, block: Value, args: &[Value]) -> RResult;
    /// Runs the method entry `m` (found by a lookup the caller made, e.g. through an
    /// inline cache) on `recv`.
    fn invoke(&mut self, m: MethodId, recv: Value, args: &[Value], block: Value) -> RResult;
    /// Runs the body `body` of `class Name ... end` with `self` the class object and
    /// lexical class `class` (after [`ops::open_class`]).
    fn run_class_body(&mut self, body: ir::FuncId, class: ir::ClassId) -> RResult;
}

/// The Ruby prelude: core methods that take a block, written in Ruby so that the
/// optimizer can inline them together with their block.
pub const PRELUDE: &str = include_str!("prelude.rb");
