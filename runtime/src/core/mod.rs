//! The core classes' native methods, installed into a fresh VM by [`install`].
//!
//! Leaf primitives live here; block-taking methods are in the Ruby prelude.

pub mod array;
pub mod conv;
pub mod kernel;
pub mod numbers;
pub mod string;

use crate::value::Value;
use crate::vm::Vm;
use crate::Host;

/// Installs every native method.
pub fn install(vm: &mut Vm) {
    kernel::install(vm);
    numbers::install(vm);
    string::install(vm);
    array::install(vm);
    vm.seal_builtins();
}

/// Checks the argument count of a native method with a fixed or ranged arity.
pub fn check_arity(
    h: &mut dyn Host,
    args: &[Value],
    min: usize,
    max: usize,
) -> Result<(), Box<crate::Unwind>> {
    if args.len() < min || args.len() > max {
        let expected = if min == max {
            format!("{min}")
        } else {
            format!("{min}..{max}")
        };
        return Err(h.vm().arity_error(args.len(), &expected));
    }
    Ok(())
}

/// Calls `to_s` on a value and returns the Rust string (core values without a call).
pub fn to_s(h: &mut dyn Host, v: Value) -> Result<String, Box<crate::Unwind>> {
    kernel::to_s(h, v)
}

/// `inspect` of a value as a Rust string.
pub fn inspect(h: &mut dyn Host, v: Value) -> Result<String, Box<crate::Unwind>> {
    kernel::inspect(h, v)
}

/// `a == b` with Ruby semantics (calls `==` for non-core values).
pub fn equal(h: &mut dyn Host, a: Value, b: Value) -> Result<bool, Box<crate::Unwind>> {
    kernel::equal(h, a, b)
}
