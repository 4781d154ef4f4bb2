//! rebound's runtime: the value encoding ([`value`]), heap objects and the collector
//! ([`heap`]), classes and method tables ([`class`]), the VM state ([`vm`]), the core
//! classes' native methods ([`core`]), Ruby numeric semantics ([`numeric`]), CRuby-exact
//! formatting ([`format`]), the root registry of heap values held by code ([`roots`]) and the
//! Ruby prelude ([`PRELUDE`]).
//!
//! The runtime knows nothing of the IR interpreter: native methods that call back into
//! Ruby (`puts` calling `to_s`, `==` on arrays) go through the [`Host`] trait, which the
//! interpreter implements.

pub mod class;
pub mod core;
pub mod format;
pub mod heap;
pub mod numeric;
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
}

/// The Ruby prelude: core methods that take a block, written in Ruby so that the
/// optimizer can inline them together with their block.
pub const PRELUDE: &str = include_str!("prelude.rb");
