//! The integer arguments of core methods (sizes, indexes, counts, digits, radixes),
//! converted and checked as CRuby does, and fallible allocation of what a size the
//! program chose makes.
//!
//! CRuby converts such an argument with `NUM2LONG` (`rb_num2long`): an Integer must fit
//! a C `long` (RangeError ``bignum too big to convert into `long'`` otherwise), a Float
//! in `long`'s range is truncated (RangeError `float 1e+308 out of range of integer`
//! otherwise), nil and other objects are TypeErrors. `NUM2INT` further checks the `int`
//! range. Sizes are then checked against CRuby's own limits (`ARY_MAX_SIZE`), and the
//! memory is asked for with `try_reserve`: a program asking for more than the system
//! gives gets NoMemoryError, as in CRuby, instead of the process aborting.

use super::string::implicit_name;
use crate::format::float_g;
use crate::value::Value;
use crate::vm::Vm;
use crate::{Host, Unwind};
use num_traits::ToPrimitive;

/// CRuby's largest array length (`ARY_MAX_SIZE`): the elements' bytes fit a `long`.
pub const ARRAY_MAX_SIZE: i64 = i64::MAX / std::mem::size_of::<Value>() as i64;

/// An Integer argument as a C `long` (`NUM2LONG`).
pub fn long_arg(h: &mut dyn Host, v: Value) -> Result<i64, Box<Unwind>> {
    if v.is_fixnum() {
        return Ok(v.as_fixnum());
    }
    if let Some(f) = Vm::float_of(v) {
        return float_to_long(h.vm(), f);
    }
    if let Some(b) = h.vm().as_bigint(v) {
        return match b.to_i64() {
            Some(i) => Ok(i),
            None => Err(range_error(h.vm(), "bignum too big to convert into `long'")),
        };
    }
    Err(no_implicit_integer(h, v))
}

/// An Integer argument as a C `int` (`NUM2INT`): digits and radixes.
pub fn int_arg(h: &mut dyn Host, v: Value) -> Result<i32, Box<Unwind>> {
    let i = long_arg(h, v)?;
    i32::try_from(i).map_err(|_| {
        let side = if i < 0 { "small" } else { "big" };
        range_error(
            h.vm(),
            format!("integer {i} too {side} to convert to `int'"),
        )
    })
}

/// A Float truncated to a `long`, as `NUM2LONG` does (RangeError outside its range).
fn float_to_long(vm: &mut Vm, f: f64) -> Result<i64, Box<Unwind>> {
    // -2**63 - 1 < f < 2**63: exactly the floats whose truncation is a `long`.
    if f > -9_223_372_036_854_775_809.0 && f < 9_223_372_036_854_775_808.0 {
        Ok(f as i64)
    } else {
        let g = float_g(f, 10);
        Err(range_error(
            vm,
            format!("float {g} out of range of integer"),
        ))
    }
}

/// `no implicit conversion from nil to integer`, `... of String into Integer`.
pub fn no_implicit_integer(h: &mut dyn Host, v: Value) -> Box<Unwind> {
    if v == Value::NIL {
        return h
            .vm()
            .type_error("no implicit conversion from nil to integer");
    }
    let n = implicit_name(h, v);
    h.vm()
        .type_error(format!("no implicit conversion of {n} into Integer"))
}

/// An Integer as a character code (`rb_num_to_uint`): RangeError `-1 out of char range`
/// for one outside `0..=u32::MAX` (`bignum out of char range` for a big one).
pub fn char_code(vm: &mut Vm, v: Value) -> Result<u32, Box<Unwind>> {
    if v.is_fixnum() {
        let i = v.as_fixnum();
        return u32::try_from(i).map_err(|_| range_error(vm, format!("{i} out of char range")));
    }
    Err(range_error(vm, "bignum out of char range"))
}

pub fn range_error(vm: &mut Vm, msg: impl AsRef<str>) -> Box<Unwind> {
    let c = vm.c.range_error;
    vm.error(c, msg)
}

/// The length of an array a program asks for (`Array.new(n)`): ArgumentError when it is
/// negative or beyond CRuby's limit.
pub fn array_size(vm: &mut Vm, n: i64) -> Result<usize, Box<Unwind>> {
    if n < 0 {
        return Err(vm.arg_error("negative array size"));
    }
    if n > ARRAY_MAX_SIZE {
        return Err(vm.arg_error("array size too big"));
    }
    Ok(n as usize)
}

/// The count of `Array#*` and `String#*`: `times` copies of something `unit` long, with
/// `max` CRuby's limit on the result's length. ArgumentError for a negative count or a
/// result over the limit.
pub fn repeat_count(vm: &mut Vm, unit: usize, times: i64, max: i64) -> Result<usize, Box<Unwind>> {
    if times < 0 {
        return Err(vm.arg_error("negative argument"));
    }
    if unit != 0 && max / (unit as i64) < times {
        return Err(vm.arg_error("argument too big"));
    }
    Ok(times as usize)
}

/// Makes room in `v` for `additional` more elements, or NoMemoryError.
pub fn reserve<T>(vm: &mut Vm, v: &mut Vec<T>, additional: usize) -> Result<(), Box<Unwind>> {
    v.try_reserve(additional).map_err(|_| vm.no_memory_error())
}

/// A copy of `items` in a vector of its own, or the allocator's refusal (which the
/// caller turns into NoMemoryError once it has let go of `items`).
pub fn try_copy<T: Clone>(items: &[T]) -> Result<Vec<T>, std::collections::TryReserveError> {
    let mut v = Vec::new();
    v.try_reserve_exact(items.len())?;
    v.extend_from_slice(items);
    Ok(v)
}

/// Appends `x` to `v`, or NoMemoryError when `v` cannot grow.
pub fn push<T>(vm: &mut Vm, v: &mut Vec<T>, x: T) -> Result<(), Box<Unwind>> {
    reserve(vm, v, 1)?;
    v.push(x);
    Ok(())
}

/// Appends `s` to `out`, or NoMemoryError when `out` cannot grow.
pub fn push_str(vm: &mut Vm, out: &mut String, s: &str) -> Result<(), Box<Unwind>> {
    out.try_reserve(s.len()).map_err(|_| vm.no_memory_error())?;
    out.push_str(s);
    Ok(())
}

/// A new vector with room for `n` elements, or NoMemoryError.
pub fn vec_with_capacity<T>(vm: &mut Vm, n: usize) -> Result<Vec<T>, Box<Unwind>> {
    let mut v = Vec::new();
    reserve(vm, &mut v, n)?;
    Ok(v)
}

/// `v` grown to `len` elements with `fill` (unchanged when it is that long already), or
/// NoMemoryError.
pub fn grow<T: Clone>(vm: &mut Vm, v: &mut Vec<T>, len: usize, fill: T) -> Result<(), Box<Unwind>> {
    if len > v.len() {
        reserve(vm, v, len - v.len())?;
        v.resize(len, fill);
    }
    Ok(())
}

/// `items` repeated `times` times into a new vector, or NoMemoryError.
pub fn repeat<T: Clone>(vm: &mut Vm, items: &[T], times: usize) -> Result<Vec<T>, Box<Unwind>> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let mut v = vec_with_capacity(vm, items.len().saturating_mul(times))?;
    for _ in 0..times {
        v.extend_from_slice(items);
    }
    Ok(v)
}

/// `s` repeated `times` times into a new String, or NoMemoryError.
pub fn repeat_str(vm: &mut Vm, s: &str, times: usize) -> Result<String, Box<Unwind>> {
    let mut out = String::new();
    if s.is_empty() {
        return Ok(out);
    }
    out.try_reserve(s.len().saturating_mul(times))
        .map_err(|_| vm.no_memory_error())?;
    for _ in 0..times {
        out.push_str(s);
    }
    Ok(out)
}
