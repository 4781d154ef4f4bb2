//! Array methods that are leaf primitives. The block-taking ones (`each`, `map`, ...)
//! are in the prelude, except `Array.new(n) { }`, which calls its block from here.

use super::{check_arity, kernel, string::implicit_name};
use crate::heap::ObjData;
use crate::value::Value;
use crate::vm::Vm;
use crate::{Host, RResult, Unwind};

pub fn install(vm: &mut Vm) {
    let a = vm.c.array;
    vm.define_singleton_native(a, "new", -1, a_new);
    vm.define_native(a, "[]", -1, a_index);
    vm.define_native(a, "slice", -1, a_index);
    vm.define_native(a, "[]=", -1, a_index_set);
    vm.define_native(a, "at", 1, a_index);
    vm.define_native(a, "size", 0, a_size);
    vm.define_native(a, "length", 0, a_size);
    vm.define_native(a, "<<", 1, a_append);
    vm.define_native(a, "push", -1, a_push);
    vm.define_native(a, "append", -1, a_push);
    vm.define_native(a, "pop", -1, a_pop);
    vm.define_native(a, "shift", -1, a_shift);
    vm.define_native(a, "unshift", -1, a_unshift);
    vm.define_native(a, "prepend", -1, a_unshift);
    vm.define_native(a, "insert", -1, a_insert);
    vm.define_native(a, "delete_at", 1, a_delete_at);
    vm.define_native(a, "first", -1, a_first);
    vm.define_native(a, "last", -1, a_last);
    vm.define_native(a, "take", 1, a_take);
    vm.define_native(a, "drop", 1, a_drop);
    vm.define_native(a, "reverse", 0, a_reverse);
    vm.define_native(a, "join", -1, a_join);
    vm.define_native(a, "include?", 1, a_include_p);
    vm.define_native(a, "index", 1, a_find_index);
    vm.define_native(a, "empty?", 0, a_empty_p);
    vm.define_native(a, "clear", 0, a_clear);
    vm.define_native(a, "inspect", 0, a_inspect);
    vm.define_native(a, "to_s", 0, a_inspect);
    vm.define_native(a, "to_a", 0, a_to_a);
    vm.define_native(a, "==", 1, a_eq);
    vm.define_native(a, "!=", 1, a_ne);
    vm.define_native(a, "+", 1, a_plus);
    vm.define_native(a, "-", 1, a_minus);
    vm.define_native(a, "*", 1, a_times);
    vm.define_native(a, "concat", -1, a_concat);
    vm.define_native(a, "dup", 0, a_dup);
    vm.define_native(a, "clone", 0, a_dup);
    vm.define_native(a, "__sum", 1, a_sum_init);
    vm.define_native(a, "__count", 1, a_count_value);
    vm.define_native(a, "min", 0, a_min);
    vm.define_native(a, "max", 0, a_max);
    vm.define_native(a, "flatten", 0, a_flatten);
    vm.define_native(a, "uniq", 0, a_uniq);
    vm.define_native(a, "compact", 0, a_compact);
    vm.define_native(a, "delete", 1, a_delete);
    vm.define_native(a, "fill", 1, a_fill);
    vm.define_native(a, "hash", 0, a_hash);
}

/// The receiver's elements, borrowed from the VM (so not across a call into Ruby).
fn this(h: &mut dyn Host, v: Value) -> &mut Vec<Value> {
    h.vm().as_array_mut(v).expect("Array receiver")
}

fn int_arg(h: &mut dyn Host, v: Value) -> Result<i64, Box<Unwind>> {
    if v.is_fixnum() {
        Ok(v.as_fixnum())
    } else if let Some(f) = Vm::float_of(v) {
        Ok(f as i64)
    } else if v == Value::NIL {
        Err(h
            .vm()
            .type_error("no implicit conversion from nil to integer"))
    } else {
        let n = implicit_name(h, v);
        Err(h
            .vm()
            .type_error(format!("no implicit conversion of {n} into Integer")))
    }
}

/// FrozenError unless the receiver may be modified.
fn check_frozen(h: &mut dyn Host, recv: Value) -> Result<(), Box<Unwind>> {
    kernel::check_frozen(h, recv)
}

/// `Array.new`, `Array.new(n)`, `Array.new(n, v)`, `Array.new(n) { |i| ... }`; called on
/// a subclass of Array, the new array is an instance of that subclass.
fn a_new(h: &mut dyn Host, recv: Value, a: &[Value], blk: Value) -> RResult {
    check_arity(h, a, 0, 2)?;
    let n = match a.first() {
        Some(&v) => int_arg(h, v)?,
        None => 0,
    };
    if n < 0 {
        return Err(h.vm().arg_error("negative array size"));
    }
    let vm = h.vm();
    let class = vm.as_class(recv).unwrap_or(vm.c.array);
    if blk != Value::NIL {
        let arr = h
            .vm()
            .heap
            .alloc(class, ObjData::Array(Vec::with_capacity(n as usize)));
        h.vm().extra_roots.push(arr);
        for i in 0..n {
            let r = h.call_block(blk, &[Value::fixnum(i)]);
            match r {
                Ok(v) => this(h, arr).push(v),
                Err(e) => {
                    h.vm().extra_roots.pop();
                    return Err(e);
                }
            }
        }
        h.vm().extra_roots.pop();
        return Ok(arr);
    }
    let fill = a.get(1).copied().unwrap_or(Value::NIL);
    Ok(h.vm()
        .heap
        .alloc(class, ObjData::Array(vec![fill; n as usize])))
}

/// Normalizes a possibly negative index; `None` when it is before the start.
fn norm(i: i64, len: usize) -> Option<usize> {
    let i = if i < 0 { i + len as i64 } else { i };
    if i < 0 {
        None
    } else {
        Some(i as usize)
    }
}

/// `arr[i]` for the interpreter's fast path and `Array#[]` with one Integer.
#[inline]
pub fn index_fixnum(arr: &[Value], i: i64) -> Value {
    match norm(i, arr.len()) {
        Some(i) if i < arr.len() => arr[i],
        _ => Value::NIL,
    }
}

fn a_index(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_arity(h, a, 1, 2)?;
    let i = int_arg(h, a[0])?;
    if a.len() == 1 {
        return Ok(index_fixnum(this(h, recv), i));
    }
    let n = int_arg(h, a[1])?;
    let arr = this(h, recv);
    let len = arr.len();
    match norm(i, len) {
        Some(s) if s <= len && n >= 0 => {
            let e = (s + n as usize).min(len);
            let v = arr[s..e].to_vec();
            Ok(h.vm().array(v))
        }
        _ => Ok(Value::NIL),
    }
}

/// `arr[i] = v` with CRuby's growth (nil-filled) and IndexError for too-negative indexes.
pub fn index_set(h: &mut dyn Host, recv: Value, i: i64, v: Value) -> RResult {
    check_frozen(h, recv)?;
    let arr = this(h, recv);
    let len = arr.len();
    match norm(i, len) {
        Some(i) => {
            if i >= len {
                arr.resize(i + 1, Value::NIL);
            }
            arr[i] = v;
            Ok(v)
        }
        None => {
            let c = h.vm().c.index_error;
            Err(h.vm().error(
                c,
                format!("index {} too small for array; minimum: -{}", i, len),
            ))
        }
    }
}

fn a_index_set(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_arity(h, a, 2, 3)?;
    let i = int_arg(h, a[0])?;
    if a.len() == 2 {
        return index_set(h, recv, i, a[1]);
    }
    // arr[start, len] = value(s)
    check_frozen(h, recv)?;
    let n = int_arg(h, a[1])?.max(0) as usize;
    // The replacement is copied first: it may be the receiver itself.
    let repl = match h.vm().array_copy(a[2]) {
        Some(r) => r,
        None => vec![a[2]],
    };
    let arr = this(h, recv);
    let len = arr.len();
    let Some(s) = norm(i, len) else {
        let c = h.vm().c.index_error;
        return Err(h.vm().error(
            c,
            format!("index {} too small for array; minimum: -{}", i, len),
        ));
    };
    if s > len {
        arr.resize(s, Value::NIL);
    }
    let e = (s + n).min(arr.len());
    let arr = this(h, recv);
    arr.splice(s..e, repl);
    Ok(a[2])
}

fn a_size(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(Value::fixnum(this(h, recv).len() as i64))
}

fn a_append(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_frozen(h, recv)?;
    this(h, recv).push(a[0]);
    Ok(recv)
}

fn a_push(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_frozen(h, recv)?;
    this(h, recv).extend_from_slice(a);
    Ok(recv)
}

fn a_pop(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_arity(h, a, 0, 1)?;
    check_frozen(h, recv)?;
    if let Some(&n) = a.first() {
        let n = int_arg(h, n)?.max(0) as usize;
        let arr = this(h, recv);
        let k = arr.len().saturating_sub(n);
        let tail = arr.split_off(k);
        return Ok(h.vm().array(tail));
    }
    Ok(this(h, recv).pop().unwrap_or(Value::NIL))
}

fn a_shift(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_arity(h, a, 0, 1)?;
    check_frozen(h, recv)?;
    if let Some(&n) = a.first() {
        let n = int_arg(h, n)?.max(0) as usize;
        let arr = this(h, recv);
        let n = n.min(arr.len());
        let head: Vec<Value> = arr.drain(..n).collect();
        return Ok(h.vm().array(head));
    }
    let arr = this(h, recv);
    if arr.is_empty() {
        Ok(Value::NIL)
    } else {
        Ok(arr.remove(0))
    }
}

fn a_unshift(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_frozen(h, recv)?;
    let arr = this(h, recv);
    arr.splice(0..0, a.iter().copied());
    Ok(recv)
}

fn a_insert(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    if a.is_empty() {
        return Err(h.vm().arity_error(0, "1+"));
    }
    check_frozen(h, recv)?;
    let i = int_arg(h, a[0])?;
    let arr = this(h, recv);
    let len = arr.len() as i64;
    let pos = if i < 0 { i + len + 1 } else { i };
    if pos < 0 {
        let c = h.vm().c.index_error;
        return Err(h.vm().error(
            c,
            format!("index {} too small for array; minimum: -{}", i, len + 1),
        ));
    }
    let pos = pos as usize;
    if pos > arr.len() {
        arr.resize(pos, Value::NIL);
    }
    arr.splice(pos..pos, a[1..].iter().copied());
    Ok(recv)
}

fn a_delete_at(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_frozen(h, recv)?;
    let i = int_arg(h, a[0])?;
    let arr = this(h, recv);
    match norm(i, arr.len()) {
        Some(i) if i < arr.len() => Ok(arr.remove(i)),
        _ => Ok(Value::NIL),
    }
}

fn a_first(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_arity(h, a, 0, 1)?;
    match a.first() {
        None => Ok(this(h, recv).first().copied().unwrap_or(Value::NIL)),
        Some(&n) => {
            let n = int_arg(h, n)?;
            if n < 0 {
                return Err(h.vm().arg_error("negative array size"));
            }
            let arr = this(h, recv);
            let v = arr[..(n as usize).min(arr.len())].to_vec();
            Ok(h.vm().array(v))
        }
    }
}

fn a_last(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_arity(h, a, 0, 1)?;
    match a.first() {
        None => Ok(this(h, recv).last().copied().unwrap_or(Value::NIL)),
        Some(&n) => {
            let n = int_arg(h, n)?;
            if n < 0 {
                return Err(h.vm().arg_error("negative array size"));
            }
            let arr = this(h, recv);
            let k = arr.len().saturating_sub(n as usize);
            let v = arr[k..].to_vec();
            Ok(h.vm().array(v))
        }
    }
}

fn a_take(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let n = int_arg(h, a[0])?;
    if n < 0 {
        return Err(h.vm().arg_error("attempt to take negative size"));
    }
    let arr = this(h, recv);
    let v = arr[..(n as usize).min(arr.len())].to_vec();
    Ok(h.vm().array(v))
}

fn a_drop(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let n = int_arg(h, a[0])?;
    if n < 0 {
        return Err(h.vm().arg_error("attempt to drop negative size"));
    }
    let arr = this(h, recv);
    let v = arr[(n as usize).min(arr.len())..].to_vec();
    Ok(h.vm().array(v))
}

fn a_reverse(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let mut v = this(h, recv).clone();
    v.reverse();
    Ok(h.vm().array(v))
}

fn join_into(
    h: &mut dyn Host,
    arr: Value,
    sep: &str,
    out: &mut String,
    depth: usize,
) -> Result<(), Box<Unwind>> {
    if depth > 100 {
        return Err(h.vm().arg_error("recursive array join"));
    }
    let items = this(h, arr).clone();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        if Vm::is_array(*x) {
            join_into(h, *x, sep, out, depth + 1)?;
        } else {
            out.push_str(&kernel::to_s(h, *x)?);
        }
    }
    Ok(())
}

fn a_join(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_arity(h, a, 0, 1)?;
    let sep = match a.first() {
        Some(&s) if s != Value::NIL => match h.vm().string_copy(s) {
            Some(s) => s,
            None => {
                let n = implicit_name(h, s);
                return Err(h
                    .vm()
                    .type_error(format!("no implicit conversion of {n} into String")));
            }
        },
        _ => String::new(),
    };
    let mut out = String::new();
    join_into(h, recv, &sep, &mut out, 0)?;
    Ok(h.vm().str(out))
}

fn a_include_p(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let items = this(h, recv).clone();
    for x in items {
        if kernel::equal(h, x, a[0])? {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}

fn a_find_index(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let items = this(h, recv).clone();
    for (i, x) in items.into_iter().enumerate() {
        if kernel::equal(h, x, a[0])? {
            return Ok(Value::fixnum(i as i64));
        }
    }
    Ok(Value::NIL)
}

fn a_empty_p(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(Value::bool(this(h, recv).is_empty()))
}

fn a_clear(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    check_frozen(h, recv)?;
    this(h, recv).clear();
    Ok(recv)
}

fn a_inspect(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let s = kernel::inspect(h, recv)?;
    Ok(h.vm().str(s))
}

fn a_to_a(_h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(recv)
}

fn a_eq(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let Some(y) = h.vm().array_copy(a[0]) else {
        return Ok(Value::FALSE);
    };
    let x = this(h, recv).clone();
    if x.len() != y.len() {
        return Ok(Value::FALSE);
    }
    for (p, q) in x.into_iter().zip(y) {
        if !kernel::equal(h, p, q)? {
            return Ok(Value::FALSE);
        }
    }
    Ok(Value::TRUE)
}

fn a_ne(h: &mut dyn Host, recv: Value, a: &[Value], b: Value) -> RResult {
    Ok(Value::bool(!a_eq(h, recv, a, b)?.truthy()))
}

/// A copy of the elements of an Array argument; TypeError for anything else.
fn array_arg(h: &mut dyn Host, v: Value) -> Result<Vec<Value>, Box<Unwind>> {
    match h.vm().array_copy(v) {
        Some(a) => Ok(a),
        None => {
            let n = implicit_name(h, v);
            Err(h
                .vm()
                .type_error(format!("no implicit conversion of {n} into Array")))
        }
    }
}

fn a_plus(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let o = array_arg(h, a[0])?;
    let mut v = this(h, recv).clone();
    v.extend_from_slice(&o);
    Ok(h.vm().array(v))
}

fn a_minus(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let o = array_arg(h, a[0])?;
    let mut out = vec![];
    for x in this(h, recv).clone() {
        let mut found = false;
        for y in &o {
            if kernel::equal(h, x, *y)? {
                found = true;
                break;
            }
        }
        if !found {
            out.push(x);
        }
    }
    Ok(h.vm().array(out))
}

fn a_times(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    if let Some(sep) = h.vm().string_copy(a[0]) {
        let s = h.vm().str(sep);
        return a_join(h, recv, &[s], Value::NIL);
    }
    let n = int_arg(h, a[0])?;
    if n < 0 {
        return Err(h.vm().arg_error("negative argument"));
    }
    let v = this(h, recv).repeat(n as usize);
    Ok(h.vm().array(v))
}

fn a_concat(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_frozen(h, recv)?;
    let mut add = vec![];
    for &x in a {
        add.extend_from_slice(&array_arg(h, x)?);
    }
    this(h, recv).extend(add);
    Ok(recv)
}

fn a_dup(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let v = this(h, recv).clone();
    Ok(h.vm().array(v))
}

/// `sum(init)` without a block: exact for Integers, Kahan-Babuska compensated for Floats
/// (as CRuby does), `+` for anything else.
fn a_sum_init(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let items = this(h, recv).clone();
    sum_values(h, a[0], &items)
}

/// Sums values onto `init` with CRuby's Array#sum algorithm.
pub fn sum_values(h: &mut dyn Host, init: Value, items: &[Value]) -> RResult {
    let mut acc = init;
    let mut i = 0;
    // Integer phase.
    while i < items.len() && (Vm::is_integer(acc)) {
        let x = items[i];
        if Vm::is_integer(x) {
            acc = super::numbers::binop(h, ir::BinOp::Add, acc, x).unwrap()?;
            i += 1;
        } else {
            break;
        }
    }
    // Float phase, with compensation.
    let acc_is_num = Vm::is_integer(acc) || Vm::is_float(acc);
    if i < items.len() && acc_is_num && Vm::is_float(items[i]) {
        let to_f = |v: Value| -> Option<f64> {
            if v.is_fixnum() {
                Some(v.as_fixnum() as f64)
            } else if let Some(f) = Vm::float_of(v) {
                Some(f)
            } else {
                Vm::int_of(v).map(|b| b.to_f())
            }
        };
        let mut f = to_f(acc).unwrap();
        let mut c = 0.0f64;
        while i < items.len() {
            let Some(x) = to_f(items[i]) else { break };
            if !(Vm::is_float(items[i]) || items[i].is_fixnum() || Vm::is_integer(items[i])) {
                break;
            }
            let t = f + x;
            if f.is_finite() && x.is_finite() && t.is_finite() {
                if f.abs() >= x.abs() {
                    c += (f - t) + x;
                } else {
                    c += (x - t) + f;
                }
            }
            f = t;
            i += 1;
        }
        acc = h.vm().float(f + c);
    }
    // Generic phase: `+` called as a method, as CRuby does (an error names its frame).
    let plus = h.vm().intern("+");
    for &x in &items[i..] {
        acc = h.call(acc, plus, &[x], Value::NIL)?;
    }
    Ok(acc)
}

fn a_count_value(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let items = this(h, recv).clone();
    let mut n = 0;
    for x in items {
        if kernel::equal(h, x, a[0])? {
            n += 1;
        }
    }
    Ok(Value::fixnum(n))
}

fn minmax(h: &mut dyn Host, recv: Value, want_less: bool) -> RResult {
    let items = this(h, recv).clone();
    let mut best: Option<Value> = None;
    let cmp = h.vm().s.cmp;
    for x in items {
        best = Some(match best {
            None => x,
            Some(b) => {
                let r = match super::numbers::binop(h, ir::BinOp::Cmp, x, b) {
                    Some(r) => r?,
                    None => h.call(x, cmp, &[b], Value::NIL)?,
                };
                if !r.is_fixnum() {
                    let (cx, cb) = {
                        let vm = h.vm();
                        (
                            vm.class_name(vm.class_of(x)).to_string(),
                            vm.class_name(vm.class_of(b)).to_string(),
                        )
                    };
                    return Err(h
                        .vm()
                        .arg_error(format!("comparison of {cx} with {cb} failed")));
                }
                let c = r.as_fixnum();
                if (want_less && c < 0) || (!want_less && c > 0) {
                    x
                } else {
                    b
                }
            }
        });
    }
    Ok(best.unwrap_or(Value::NIL))
}

fn a_min(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    minmax(h, recv, true)
}

fn a_max(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    minmax(h, recv, false)
}

/// The elements of `root`, nested arrays spread at any depth, with an explicit stack (a
/// deeply nested array must not overflow the native stack). `Err` for an array that
/// contains itself, as CRuby refuses to flatten it.
fn flatten(vm: &Vm, root: Value) -> Result<Vec<Value>, ()> {
    let mut out = vec![];
    // The arrays being walked, outermost first, with the next index in each.
    let mut path: Vec<(Value, usize)> = vec![(root, 0)];
    while let Some((arr, i)) = path.pop() {
        let elems = vm.as_array(arr).expect("Array on the flatten path");
        let Some(&x) = elems.get(i) else {
            continue;
        };
        path.push((arr, i + 1));
        if vm.as_array(x).is_some() {
            if path.iter().any(|&(a, _)| a == x) {
                return Err(());
            }
            path.push((x, 0));
        } else {
            out.push(x);
        }
    }
    Ok(out)
}

fn a_flatten(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    match flatten(h.vm(), recv) {
        Ok(out) => Ok(h.vm().array(out)),
        Err(()) => Err(h.vm().arg_error("tried to flatten recursive array")),
    }
}

fn a_uniq(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let mut out: Vec<Value> = vec![];
    for x in this(h, recv).clone() {
        let mut dup = false;
        for y in &out {
            if kernel::equal(h, x, *y)? {
                dup = true;
                break;
            }
        }
        if !dup {
            out.push(x);
        }
    }
    Ok(h.vm().array(out))
}

fn a_compact(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let v: Vec<Value> = this(h, recv)
        .iter()
        .copied()
        .filter(|v| *v != Value::NIL)
        .collect();
    Ok(h.vm().array(v))
}

fn a_delete(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_frozen(h, recv)?;
    let items = this(h, recv).clone();
    let mut keep = vec![];
    let mut found = Value::NIL;
    for x in items {
        if kernel::equal(h, x, a[0])? {
            found = x;
        } else {
            keep.push(x);
        }
    }
    *this(h, recv) = keep;
    Ok(found)
}

fn a_fill(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_frozen(h, recv)?;
    for x in this(h, recv).iter_mut() {
        *x = a[0];
    }
    Ok(recv)
}

fn a_hash(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let mut acc: i64 = this(h, recv).len() as i64;
    let hash = h.vm().intern("hash");
    for x in this(h, recv).clone() {
        let hv = h.call(x, hash, &[], Value::NIL)?;
        acc = acc
            .wrapping_mul(31)
            .wrapping_add(if hv.is_fixnum() { hv.as_fixnum() } else { 0 });
    }
    Ok(Value::fixnum(acc >> 2))
}
