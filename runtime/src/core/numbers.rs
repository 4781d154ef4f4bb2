//! Integer and Float methods. Arithmetic and comparisons go through [`binop`], which the
//! interpreter also calls when its fixnum/flonum fast path does not apply.

use super::check_arity;
use crate::format::float_to_s;
use crate::numeric::{self, Int, NumError};
use crate::value::Value;
use crate::vm::Vm;
use crate::{Host, RResult, Unwind};
use ir::BinOp;
use std::cmp::Ordering;

/// A numeric operand.
enum Num {
    I(Int),
    F(f64),
}

fn num_of(v: Value) -> Option<Num> {
    if v.is_fixnum() {
        return Some(Num::I(Int::Small(v.as_fixnum())));
    }
    if let Some(f) = Vm::float_of(v) {
        return Some(Num::F(f));
    }
    Vm::int_of(v).map(Num::I)
}

fn num_error(vm: &mut Vm, e: NumError) -> Box<Unwind> {
    match e {
        NumError::ZeroDivision => {
            let c = vm.c.zero_division_error;
            vm.error(c, "divided by 0")
        }
        NumError::FloatDomain(m) => {
            let c = vm.c.float_domain_error;
            vm.error(c, m)
        }
        NumError::Unsupported(_) => {
            let c = vm.c.not_implemented_error;
            vm.error(c, e.message())
        }
        NumError::Argument(m) => vm.arg_error(m),
        NumError::Range(m) => {
            let c = vm.c.range_error;
            vm.error(c, m)
        }
        NumError::NoMemory => vm.no_memory_error(),
    }
}

/// How CRuby names a non-numeric operand in coercion errors.
fn coerce_name(h: &mut dyn Host, v: Value) -> String {
    // CRuby names immediate values (nil, true, symbols, small floats) by their inspect,
    // and heap objects by their class.
    if !v.is_ptr() {
        super::kernel::inspect(h, v).unwrap_or_default()
    } else {
        let vm = h.vm();
        let c = vm.class_of(v);
        vm.class_name(c).to_string()
    }
}

fn op_name(op: BinOp) -> &'static str {
    op.method_name()
}

/// The Ruby method name of a binary operator.
pub fn binop_method_name(op: BinOp) -> &'static str {
    op_name(op)
}

fn ord_value(o: Option<Ordering>) -> Value {
    match o {
        Some(Ordering::Less) => Value::fixnum(-1),
        Some(Ordering::Equal) => Value::fixnum(0),
        Some(Ordering::Greater) => Value::fixnum(1),
        None => Value::NIL,
    }
}

fn compare(op: BinOp, o: Option<Ordering>) -> Option<Value> {
    let o = o?;
    Some(Value::bool(match op {
        BinOp::Lt => o == Ordering::Less,
        BinOp::Le => o != Ordering::Greater,
        BinOp::Gt => o == Ordering::Greater,
        BinOp::Ge => o != Ordering::Less,
        _ => unreachable!(),
    }))
}

/// `a op b` as Ruby does it: the numeric operation while `a` is numeric and its class's
/// operators are the core ones, else the operator method called on `a`. (The C-ABI helper
/// `rb_binop`; the interpreter's slow path is this with an inline cache in front.)
pub fn binop_generic(h: &mut dyn Host, op: BinOp, a: Value, b: Value) -> RResult {
    let vm = h.vm();
    let redefined = if Vm::is_float(a) {
        vm.float_ops_redefined
    } else {
        vm.int_ops_redefined
    };
    if !redefined {
        if let Some(r) = binop(h, op, a, b) {
            return r;
        }
    }
    let name = h.vm().intern(op_name(op));
    h.call(a, name, &[b], Value::NIL)
}

/// `a op b` for a numeric receiver `a`. `None` when `a` is not numeric or has no such
/// operator (Float has no bit operators): the caller then sends the operator as a method
/// call, which is a NoMethodError in the caller's frame for a Float, as in CRuby.
pub fn binop(h: &mut dyn Host, op: BinOp, a: Value, b: Value) -> Option<RResult> {
    let x = num_of(a)?;
    if matches!(x, Num::F(_)) && is_bit_op(op) {
        return None;
    }
    Some(binop_num(h, op, x, a, b))
}

/// `&`, `|`, `^`, `<<`, `>>`: Integer's only.
fn is_bit_op(op: BinOp) -> bool {
    matches!(
        op,
        BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor | BinOp::Shl | BinOp::Shr
    )
}

fn binop_num(h: &mut dyn Host, op: BinOp, x: Num, a: Value, b: Value) -> RResult {
    let Some(y) = num_of(b) else {
        return match op {
            BinOp::Eq => Ok(Value::FALSE),
            BinOp::Ne => Ok(Value::TRUE),
            BinOp::Cmp => Ok(Value::NIL),
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                let vm = h.vm();
                let ca = vm.class_name(vm.class_of(a)).to_string();
                let nb = if b == Value::NIL || b == Value::TRUE || b == Value::FALSE {
                    super::kernel::inspect(h, b).unwrap_or_default()
                } else {
                    let vm = h.vm();
                    vm.class_name(vm.class_of(b)).to_string()
                };
                Err(h
                    .vm()
                    .arg_error(format!("comparison of {ca} with {nb} failed")))
            }
            _ => {
                let n = coerce_name(h, b);
                let vm = h.vm();
                let target = if matches!(x, Num::F(_)) {
                    "Float"
                } else {
                    "Integer"
                };
                Err(vm.type_error(format!("{n} can't be coerced into {target}")))
            }
        };
    };
    if matches!(x, Num::I(_)) && matches!(y, Num::F(_)) && is_bit_op(op) {
        let n = coerce_name(h, b);
        return Err(h
            .vm()
            .type_error(format!("{n} can't be coerced into Integer")));
    }
    let vm = h.vm();
    match (x, y) {
        (Num::I(i), Num::I(j)) => int_op(vm, op, i, j),
        (Num::I(i), Num::F(g)) => float_op(vm, op, FloatLhs::Int(i), g),
        (Num::F(f), Num::I(j)) => match op {
            // Float <op> Integer compares exactly.
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge | BinOp::Eq | BinOp::Ne | BinOp::Cmp => {
                let o = j.cmp_float(f).map(Ordering::reverse);
                Ok(cmp_result(op, o))
            }
            // An integral exponent is never Complex; CRuby squares `** 2` exactly.
            BinOp::Pow => Ok(vm.float(numeric::float_pow_int(f, &j))),
            _ => float_op(vm, op, FloatLhs::F(f), j.to_f()),
        },
        (Num::F(f), Num::F(g)) => float_op(vm, op, FloatLhs::F(f), g),
    }
}

fn cmp_result(op: BinOp, o: Option<Ordering>) -> Value {
    match op {
        BinOp::Eq => Value::bool(o == Some(Ordering::Equal)),
        BinOp::Ne => Value::bool(o != Some(Ordering::Equal)),
        BinOp::Cmp => ord_value(o),
        _ => compare(op, o).unwrap_or(Value::FALSE),
    }
}

fn int_op(vm: &mut Vm, op: BinOp, i: Int, j: Int) -> RResult {
    let r = match op {
        BinOp::Add => Ok(i.add(&j)),
        BinOp::Sub => Ok(i.sub(&j)),
        BinOp::Mul => Ok(i.mul(&j)),
        BinOp::Div => i.div(&j),
        BinOp::Mod => i.modulo(&j),
        BinOp::Pow => match i.pow(&j) {
            Ok(numeric::Number::Int(r)) => Ok(r),
            Ok(numeric::Number::Float(f)) => return Ok(vm.float(f)),
            Err(e) => Err(e),
        },
        BinOp::BitAnd => Ok(i.bitand(&j)),
        BinOp::BitOr => Ok(i.bitor(&j)),
        BinOp::BitXor => Ok(i.bitxor(&j)),
        BinOp::Shl => i.shl(&j),
        BinOp::Shr => i.shr(&j),
        BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge | BinOp::Eq | BinOp::Ne | BinOp::Cmp => {
            return Ok(cmp_result(op, Some(Ord::cmp(&i, &j))));
        }
    };
    match r {
        Ok(v) => Ok(vm.int_value(v)),
        Err(e) => Err(num_error(vm, e)),
    }
}

enum FloatLhs {
    Int(Int),
    F(f64),
}

fn float_op(vm: &mut Vm, op: BinOp, x: FloatLhs, g: f64) -> RResult {
    let f = match &x {
        FloatLhs::Int(i) => {
            if matches!(
                op,
                BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge | BinOp::Eq | BinOp::Ne | BinOp::Cmp
            ) {
                return Ok(cmp_result(op, i.cmp_float(g)));
            }
            if op == BinOp::Pow {
                return match numeric::int_pow_float(i, g) {
                    Ok(r) => Ok(vm.float(r)),
                    Err(e) => Err(num_error(vm, e)),
                };
            }
            i.to_f()
        }
        FloatLhs::F(f) => *f,
    };
    let r = match op {
        BinOp::Add => f + g,
        BinOp::Sub => f - g,
        BinOp::Mul => f * g,
        BinOp::Div => f / g,
        BinOp::Mod => match numeric::float_mod(f, g) {
            Ok(r) => r,
            Err(e) => return Err(num_error(vm, e)),
        },
        BinOp::Pow => match numeric::float_pow(f, g) {
            Ok(r) => r,
            Err(e) => return Err(num_error(vm, e)),
        },
        BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge | BinOp::Eq | BinOp::Ne | BinOp::Cmp => {
            return Ok(cmp_result(op, f.partial_cmp(&g)));
        }
        BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor | BinOp::Shl | BinOp::Shr => {
            unreachable!("`binop` sends Float's bit operators as method calls")
        }
    };
    Ok(vm.float(r))
}

// ---- native methods --------------------------------------------------------------

macro_rules! binop_natives {
    ($($fn_name:ident => $op:expr),* $(,)?) => {
        $(
            fn $fn_name(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
                binop(h, $op, recv, a[0]).expect("numeric receiver")
            }
        )*
    };
}

binop_natives! {
    n_add => BinOp::Add, n_sub => BinOp::Sub, n_mul => BinOp::Mul, n_div => BinOp::Div,
    n_mod => BinOp::Mod, n_pow => BinOp::Pow, n_lt => BinOp::Lt, n_le => BinOp::Le,
    n_gt => BinOp::Gt, n_ge => BinOp::Ge, n_eq => BinOp::Eq, n_ne => BinOp::Ne,
    n_cmp => BinOp::Cmp, n_and => BinOp::BitAnd, n_or => BinOp::BitOr, n_xor => BinOp::BitXor,
    n_shl => BinOp::Shl, n_shr => BinOp::Shr,
}

pub fn install(vm: &mut Vm) {
    let ops: &[(&str, crate::class::NativeFn)] = &[
        ("+", n_add),
        ("-", n_sub),
        ("*", n_mul),
        ("/", n_div),
        ("%", n_mod),
        ("modulo", n_mod),
        ("**", n_pow),
        ("<", n_lt),
        ("<=", n_le),
        (">", n_gt),
        (">=", n_ge),
        ("==", n_eq),
        ("===", n_eq),
        ("!=", n_ne),
        ("<=>", n_cmp),
    ];
    for c in [vm.c.integer, vm.c.float] {
        for (name, f) in ops {
            vm.define_native(c, name, 1, *f);
        }
        vm.define_native(c, "-@", 0, n_neg);
        vm.define_native(c, "+@", 0, n_pos);
        vm.define_native(c, "abs", 0, n_abs);
        vm.define_native(c, "magnitude", 0, n_abs);
        vm.define_native(c, "to_s", -1, n_to_s);
        vm.define_native(c, "inspect", 0, n_inspect);
        vm.define_native(c, "to_i", 0, n_to_i);
        vm.define_native(c, "to_int", 0, n_to_i);
        vm.define_native(c, "truncate", 0, n_to_i);
        vm.define_native(c, "to_f", 0, n_to_f);
        vm.define_native(c, "zero?", 0, n_zero_p);
        vm.define_native(c, "positive?", 0, n_positive_p);
        vm.define_native(c, "negative?", 0, n_negative_p);
        vm.define_native(c, "fdiv", 1, n_fdiv);
        vm.define_native(c, "divmod", 1, n_divmod);
        vm.define_native(c, "div", 1, n_intdiv);
        vm.define_native(c, "floor", -1, n_floor);
        vm.define_native(c, "ceil", -1, n_ceil);
        vm.define_native(c, "round", -1, n_round);
        vm.define_native(c, "hash", 0, n_hash);
        vm.define_native(c, "eql?", 1, n_eql);
        vm.define_native(c, "integer?", 0, n_integer_p);
        vm.define_native(c, "coerce", 1, n_coerce);
    }
    let int = vm.c.integer;
    for (name, f) in [
        ("&", n_and as crate::class::NativeFn),
        ("|", n_or),
        ("^", n_xor),
        ("<<", n_shl),
        (">>", n_shr),
    ] {
        vm.define_native(int, name, 1, f);
    }
    vm.define_native(int, "~", 0, i_bitnot);
    vm.define_native(int, "even?", 0, i_even_p);
    vm.define_native(int, "odd?", 0, i_odd_p);
    vm.define_native(int, "succ", 0, i_succ);
    vm.define_native(int, "next", 0, i_succ);
    vm.define_native(int, "pred", 0, i_pred);
    vm.define_native(int, "chr", 0, i_chr);
    vm.define_native(int, "ord", 0, n_to_i);
    vm.define_native(int, "gcd", 1, i_gcd);
    vm.define_native(int, "lcm", 1, i_lcm);
    vm.define_native(int, "bit_length", 0, i_bit_length);
    vm.define_native(int, "[]", 1, i_bit_ref);
    let float = vm.c.float;
    vm.define_native(float, "nan?", 0, f_nan_p);
    vm.define_native(float, "infinite?", 0, f_infinite_p);
    vm.define_native(float, "finite?", 0, f_finite_p);
    let inf = vm.float(f64::INFINITY);
    let nan = vm.float(f64::NAN);
    let eps = vm.float(f64::EPSILON);
    let max = vm.float(f64::MAX);
    let min = vm.float(f64::MIN_POSITIVE);
    for (n, v) in [
        ("INFINITY", inf),
        ("NAN", nan),
        ("EPSILON", eps),
        ("MAX", max),
        ("MIN", min),
    ] {
        let s = vm.intern(n);
        vm.set_const(float, s, v);
    }
}

fn int_arg(h: &mut dyn Host, v: Value) -> Result<Int, Box<Unwind>> {
    match Vm::int_of(v) {
        Some(i) => Ok(i),
        None => {
            let n = coerce_name(h, v);
            Err(h
                .vm()
                .type_error(format!("no implicit conversion of {n} into Integer")))
        }
    }
}

fn n_neg(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let vm = h.vm();
    match num_of(recv) {
        Some(Num::I(i)) => Ok(vm.int_value(i.neg())),
        Some(Num::F(f)) => Ok(vm.float(-f)),
        None => Ok(Value::NIL),
    }
}

fn n_pos(_h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(recv)
}

fn n_abs(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let vm = h.vm();
    match num_of(recv) {
        Some(Num::I(i)) => Ok(vm.int_value(i.abs())),
        Some(Num::F(f)) => Ok(vm.float(f.abs())),
        None => Ok(Value::NIL),
    }
}

fn n_to_s(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_arity(h, a, 0, 1)?;
    let s = match num_of(recv) {
        Some(Num::I(crate::numeric::Int::Small(i))) if a.is_empty() => {
            // The common case, written straight into the String's text (inline).
            use std::fmt::Write;
            let mut s = crate::heap::RStr::default();
            let _ = write!(s, "{i}");
            return Ok(h.vm().str(s));
        }
        Some(Num::I(i)) => {
            let radix = match a.first() {
                Some(&r) => super::conv::int_arg(h, r)?,
                None => 10,
            };
            if !(2..=36).contains(&radix) {
                return Err(h.vm().arg_error(format!("invalid radix {radix}")));
            }
            match i.to_s_radix(radix as u32) {
                Ok(s) => s,
                Err(e) => return Err(num_error(h.vm(), e)),
            }
        }
        Some(Num::F(f)) => float_to_s(f),
        None => String::new(),
    };
    Ok(h.vm().str(s))
}

fn n_inspect(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    n_to_s(h, recv, &[], Value::NIL)
}

fn n_to_i(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    match num_of(recv) {
        Some(Num::F(f)) => match numeric::float_to_int(f) {
            Ok(i) => Ok(h.vm().int_value(i)),
            Err(e) => Err(num_error(h.vm(), e)),
        },
        _ => Ok(recv),
    }
}

fn n_to_f(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    match num_of(recv) {
        Some(Num::I(i)) => Ok(h.vm().float(i.to_f())),
        _ => Ok(recv),
    }
}

fn n_zero_p(_h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(Value::bool(match num_of(recv) {
        Some(Num::I(i)) => i.is_zero(),
        Some(Num::F(f)) => f == 0.0,
        None => false,
    }))
}

fn n_positive_p(_h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(Value::bool(match num_of(recv) {
        Some(Num::I(i)) => !i.is_zero() && !i.is_negative(),
        Some(Num::F(f)) => f > 0.0,
        None => false,
    }))
}

fn n_negative_p(_h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(Value::bool(match num_of(recv) {
        Some(Num::I(i)) => i.is_negative(),
        Some(Num::F(f)) => f < 0.0,
        None => false,
    }))
}

fn to_f64(h: &mut dyn Host, v: Value) -> Result<f64, Box<Unwind>> {
    match num_of(v) {
        Some(Num::I(i)) => Ok(i.to_f()),
        Some(Num::F(f)) => Ok(f),
        None => {
            let n = coerce_name(h, v);
            Err(h
                .vm()
                .type_error(format!("{n} can't be coerced into Float")))
        }
    }
}

fn n_fdiv(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let x = to_f64(h, recv)?;
    let y = to_f64(h, a[0])?;
    Ok(h.vm().float(x / y))
}

fn n_intdiv(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let q = binop(h, BinOp::Div, recv, a[0]).unwrap()?;
    n_floor(h, q, &[], Value::NIL)
}

fn n_divmod(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let q = binop(h, BinOp::Div, recv, a[0]).unwrap()?;
    let q = n_floor(h, q, &[], Value::NIL)?;
    let m = binop(h, BinOp::Mod, recv, a[0]).unwrap()?;
    let q = if Vm::is_float(recv) || Vm::is_float(a[0]) {
        n_to_f(h, q, &[], Value::NIL)?
    } else {
        q
    };
    Ok(h.vm().array(vec![q, m]))
}

/// The optional digits of `round`, `floor` and `ceil` (a C `int`, as in CRuby).
fn digits_arg(h: &mut dyn Host, a: &[Value]) -> Result<Option<i32>, Box<Unwind>> {
    check_arity(h, a, 0, 1)?;
    a.first().map(|&v| super::conv::int_arg(h, v)).transpose()
}

#[derive(Clone, Copy)]
enum Rounding {
    Floor,
    Ceil,
    Round,
}

fn rounding(h: &mut dyn Host, recv: Value, a: &[Value], how: Rounding) -> RResult {
    let digits = digits_arg(h, a)?.unwrap_or(0);
    match num_of(recv) {
        Some(Num::F(f)) => {
            let r = match how {
                Rounding::Floor => numeric::float_floor(f, digits),
                Rounding::Ceil => numeric::float_ceil(f, digits),
                Rounding::Round => numeric::float_round(f, digits, numeric::RoundMode::HalfUp),
            };
            match r {
                Ok(numeric::Number::Int(i)) => Ok(h.vm().int_value(i)),
                Ok(numeric::Number::Float(g)) => Ok(h.vm().float(g)),
                Err(e) => Err(num_error(h.vm(), e)),
            }
        }
        Some(Num::I(i)) if digits < 0 => {
            let r = match how {
                Rounding::Floor => i.floor_digits(digits),
                Rounding::Ceil => i.ceil_digits(digits),
                Rounding::Round => i.round_digits(digits, numeric::RoundMode::HalfUp),
            };
            Ok(h.vm().int_value(r))
        }
        _ => Ok(recv),
    }
}

fn n_floor(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    rounding(h, recv, a, Rounding::Floor)
}

fn n_ceil(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    rounding(h, recv, a, Rounding::Ceil)
}

fn n_round(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    rounding(h, recv, a, Rounding::Round)
}

fn n_hash(_h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(Value::fixnum(
        (recv.0.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 2) as i64 >> 1,
    ))
}

fn n_eql(_h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    Ok(Value::bool(match (num_of(recv), num_of(a[0])) {
        (Some(Num::I(i)), Some(Num::I(j))) => i == j,
        (Some(Num::F(f)), Some(Num::F(g))) => f == g,
        _ => false,
    }))
}

fn n_integer_p(_h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(Value::bool(!Vm::is_float(recv)))
}

fn n_coerce(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let x = to_f64(h, recv)?;
    let y = to_f64(h, a[0])?;
    let vm = h.vm();
    let (x, y) = (vm.float(x), vm.float(y));
    Ok(vm.array(vec![y, x]))
}

fn i_bitnot(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let i = int_arg(h, recv)?;
    Ok(h.vm().int_value(i.bitnot()))
}

fn i_even_p(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let i = int_arg(h, recv)?;
    Ok(Value::bool(i.is_even()))
}

fn i_odd_p(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let i = int_arg(h, recv)?;
    Ok(Value::bool(!i.is_even()))
}

fn i_succ(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    binop(h, BinOp::Add, recv, Value::fixnum(1)).unwrap()
}

fn i_pred(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    binop(h, BinOp::Sub, recv, Value::fixnum(1)).unwrap()
}

/// `Integer#chr`: an ASCII character (CRuby makes a binary string of one byte for 128 to
/// 255, which rebound's UTF-8 strings cannot hold: RangeError there too).
fn i_chr(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let code = super::conv::char_code(h.vm(), recv)?;
    match u8::try_from(code) {
        Ok(b) if b < 128 => Ok(h.vm().str((b as char).to_string())),
        _ => Err(super::conv::range_error(
            h.vm(),
            format!("{code} out of char range"),
        )),
    }
}

fn i_gcd(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let i = int_arg(h, recv)?;
    let j = int_arg(h, a[0])?;
    Ok(h.vm().int_value(i.gcd(&j)))
}

fn i_lcm(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let i = int_arg(h, recv)?;
    let j = int_arg(h, a[0])?;
    Ok(h.vm().int_value(i.lcm(&j)))
}

fn i_bit_length(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let i = int_arg(h, recv)?;
    Ok(Value::fixnum(i.bit_length() as i64))
}

fn i_bit_ref(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let i = int_arg(h, recv)?;
    let j = int_arg(h, a[0])?;
    match i.shr(&j) {
        Ok(shifted) => Ok(Value::fixnum(if shifted.is_even() { 0 } else { 1 })),
        Err(e) => Err(num_error(h.vm(), e)),
    }
}

fn f_nan_p(_h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(Value::bool(
        Vm::float_of(recv).map(f64::is_nan).unwrap_or(false),
    ))
}

fn f_infinite_p(_h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let f = Vm::float_of(recv).unwrap_or(0.0);
    Ok(if f.is_infinite() {
        Value::fixnum(if f > 0.0 { 1 } else { -1 })
    } else {
        Value::NIL
    })
}

fn f_finite_p(_h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(Value::bool(
        Vm::float_of(recv).map(f64::is_finite).unwrap_or(false),
    ))
}
