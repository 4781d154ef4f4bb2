//! String methods (leaf primitives; strings are UTF-8 in rebound).

use super::conv::{self, long_arg};
use super::{check_arity, kernel};
use crate::heap::RStr;
use crate::value::Value;
use crate::vm::Vm;
use crate::{Host, RResult, Unwind};

pub fn install(vm: &mut Vm) {
    let s = vm.c.string;
    vm.define_native(s, "+", 1, s_plus);
    vm.define_native(s, "==", 1, s_eq);
    vm.define_native(s, "eql?", 1, s_eq);
    vm.define_native(s, "===", 1, s_eq);
    vm.define_native(s, "!=", 1, s_ne);
    vm.define_native(s, "<=>", 1, s_cmp);
    vm.define_native(s, "<", 1, s_lt);
    vm.define_native(s, ">", 1, s_gt);
    vm.define_native(s, "<=", 1, s_le);
    vm.define_native(s, ">=", 1, s_ge);
    vm.define_native(s, "size", 0, s_size);
    vm.define_native(s, "length", 0, s_size);
    vm.define_native(s, "to_s", 0, s_to_s);
    vm.define_native(s, "to_str", 0, s_to_s);
    vm.define_native(s, "inspect", 0, s_inspect);
    vm.define_native(s, "to_sym", 0, s_to_sym);
    vm.define_native(s, "to_i", 0, s_to_i);
    vm.define_native(s, "to_f", 0, s_to_f);
    vm.define_native(s, "empty?", 0, s_empty_p);
    vm.define_native(s, "upcase", 0, s_upcase);
    vm.define_native(s, "downcase", 0, s_downcase);
    vm.define_native(s, "reverse", 0, s_reverse);
    vm.define_native(s, "strip", 0, s_strip);
    vm.define_native(s, "include?", 1, s_include_p);
    vm.define_native(s, "start_with?", 1, s_start_with_p);
    vm.define_native(s, "end_with?", 1, s_end_with_p);
    vm.define_native(s, "*", 1, s_times);
    vm.define_native(s, "<<", 1, s_append);
    vm.define_native(s, "concat", 1, s_append);
    vm.define_native(s, "hash", 0, s_hash);
    vm.define_native(s, "dup", 0, s_dup);
    vm.define_native(s, "chars", 0, s_chars);
    vm.define_native(s, "ord", 0, s_ord);
    vm.define_native(s, "[]", -1, s_index);
}

/// The receiver's text, borrowed from the VM (so not across a call into Ruby).
fn this(h: &mut dyn Host, v: Value) -> &mut crate::heap::RStr {
    h.vm().as_string_mut(v).expect("String receiver")
}

/// A copy of a String argument; TypeError for anything else.
fn str_arg(h: &mut dyn Host, v: Value) -> Result<String, Box<Unwind>> {
    match h.vm().string_copy(v) {
        Some(s) => Ok(s),
        None => {
            let n = implicit_name(h, v);
            Err(h
                .vm()
                .type_error(format!("no implicit conversion of {n} into String")))
        }
    }
}

/// A copy of a String argument as a String's text (a short one copied inline, with no
/// allocation); TypeError for anything else.
fn rstr_arg(h: &mut dyn Host, v: Value) -> Result<RStr, Box<Unwind>> {
    match h.vm().as_string(v) {
        Some(s) => Ok(s.clone()),
        None => {
            let n = implicit_name(h, v);
            Err(h
                .vm()
                .type_error(format!("no implicit conversion of {n} into String")))
        }
    }
}

/// How CRuby names a value in "no implicit conversion of X into Y" messages.
pub fn implicit_name(h: &mut dyn Host, v: Value) -> String {
    if v == Value::NIL || v == Value::TRUE || v == Value::FALSE {
        kernel::inspect(h, v).unwrap_or_default()
    } else {
        let vm = h.vm();
        let c = vm.class_of(v);
        vm.class_name(c).to_string()
    }
}

fn s_plus(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let other = rstr_arg(h, a[0])?;
    // The result is built as a String's text (inline when short: no buffer at all).
    let mut s = RStr::default();
    let n = this(h, recv).len() + other.len();
    if s.try_reserve(n).is_err() {
        return Err(h.vm().no_memory_error());
    }
    s.push_str(this(h, recv));
    s.push_str(&other);
    Ok(h.vm().str(s))
}

fn s_eq(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let vm = h.vm();
    Ok(Value::bool(
        match (vm.as_string(recv), vm.as_string(a[0])) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        },
    ))
}

fn s_ne(h: &mut dyn Host, recv: Value, a: &[Value], b: Value) -> RResult {
    Ok(Value::bool(!s_eq(h, recv, a, b)?.truthy()))
}

fn s_cmp(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let vm = h.vm();
    Ok(match (vm.as_string(recv), vm.as_string(a[0])) {
        (Some(x), Some(o)) => Value::fixnum(x.as_bytes().cmp(o.as_bytes()) as i64),
        _ => Value::NIL,
    })
}

fn s_compare(
    h: &mut dyn Host,
    recv: Value,
    other: Value,
) -> Result<std::cmp::Ordering, Box<Unwind>> {
    let vm = h.vm();
    match (vm.as_string(recv), vm.as_string(other)) {
        (Some(x), Some(o)) => Ok(x.as_bytes().cmp(o.as_bytes())),
        _ => {
            let n = implicit_name(h, other);
            Err(h
                .vm()
                .arg_error(format!("comparison of String with {n} failed")))
        }
    }
}

fn s_lt(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    Ok(Value::bool(s_compare(h, recv, a[0])?.is_lt()))
}

fn s_gt(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    Ok(Value::bool(s_compare(h, recv, a[0])?.is_gt()))
}

fn s_le(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    Ok(Value::bool(s_compare(h, recv, a[0])?.is_le()))
}

fn s_ge(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    Ok(Value::bool(s_compare(h, recv, a[0])?.is_ge()))
}

fn s_size(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(Value::fixnum(this(h, recv).chars().count() as i64))
}

fn s_to_s(_h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(recv)
}

fn s_inspect(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let s = crate::format::inspect_str(this(h, recv));
    Ok(h.vm().str(s))
}

fn s_to_sym(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let s = this(h, recv).clone();
    Ok(h.vm().symbol(&s))
}

/// String#to_i: leading whitespace, sign, digits and underscores; 0 when none.
fn s_to_i(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let s = this(h, recv).trim_start();
    let mut digits = String::new();
    let mut chars = s.chars().peekable();
    if let Some(&c) = chars.peek() {
        if c == '-' || c == '+' {
            digits.push(c);
            chars.next();
        }
    }
    let mut last_us = false;
    for c in chars {
        if c.is_ascii_digit() {
            digits.push(c);
            last_us = false;
        } else if c == '_' && !last_us && digits.chars().any(|d| d.is_ascii_digit()) {
            last_us = true;
        } else {
            break;
        }
    }
    match digits.parse::<num_bigint::BigInt>() {
        Ok(b) => Ok(h.vm().bigint(b)),
        Err(_) => Ok(Value::fixnum(0)),
    }
}

fn s_to_f(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let s = this(h, recv).trim_start();
    let mut end = 0;
    let bytes = s.as_bytes();
    let mut seen_digit = false;
    let mut seen_dot = false;
    let mut seen_e = false;
    while end < bytes.len() {
        let c = bytes[end] as char;
        let ok = c.is_ascii_digit()
            || ((c == '-' || c == '+') && (end == 0 || matches!(bytes[end - 1], b'e' | b'E')))
            || (c == '.'
                && !seen_dot
                && !seen_e
                && end + 1 < bytes.len()
                && bytes[end + 1].is_ascii_digit())
            || ((c == 'e' || c == 'E') && seen_digit && !seen_e);
        if !ok {
            break;
        }
        seen_digit |= c.is_ascii_digit();
        seen_dot |= c == '.';
        seen_e |= c == 'e' || c == 'E';
        end += 1;
    }
    let f = s[..end]
        .trim_end_matches(['e', 'E', '+', '-'])
        .parse::<f64>()
        .unwrap_or(0.0);
    Ok(h.vm().float(f))
}

fn s_empty_p(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    Ok(Value::bool(this(h, recv).is_empty()))
}

/// A new String made by `f` from the receiver's text into room for as many bytes, or
/// NoMemoryError when that room cannot be had (a copy, a case change, a reversal).
fn derived(h: &mut dyn Host, recv: Value, f: impl FnOnce(&str, &mut String)) -> RResult {
    let mut out = String::new();
    if out.try_reserve_exact(this(h, recv).len()).is_err() {
        return Err(h.vm().no_memory_error());
    }
    f(this(h, recv), &mut out);
    Ok(h.vm().str(out))
}

fn s_upcase(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    derived(h, recv, |s, out| {
        out.extend(s.chars().flat_map(char::to_uppercase))
    })
}

fn s_downcase(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    derived(h, recv, |s, out| out.push_str(&s.to_lowercase()))
}

fn s_reverse(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    derived(h, recv, |s, out| out.extend(s.chars().rev()))
}

fn s_strip(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let s = this(h, recv)
        .trim_matches(|c: char| c.is_ascii_whitespace() || c == '\0')
        .to_string();
    Ok(h.vm().str(s))
}

fn s_include_p(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let o = str_arg(h, a[0])?;
    Ok(Value::bool(this(h, recv).contains(o.as_str())))
}

fn s_start_with_p(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let o = str_arg(h, a[0])?;
    Ok(Value::bool(this(h, recv).starts_with(o.as_str())))
}

fn s_end_with_p(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let o = str_arg(h, a[0])?;
    Ok(Value::bool(this(h, recv).ends_with(o.as_str())))
}

/// `str * n`, with CRuby's checks of the count (the result's bytes fit a `long`) and
/// NoMemoryError when the memory cannot be had.
fn s_times(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    let times = long_arg(h, a[0])?;
    let s = this(h, recv).clone();
    let n = conv::repeat_count(h.vm(), s.len(), times, i64::MAX)?;
    let out = conv::repeat_str(h.vm(), &s, n)?;
    Ok(h.vm().str(out))
}

fn s_append(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    kernel::check_frozen(h, recv)?;
    if Vm::is_integer(a[0]) {
        let c = utf8_char(h.vm(), a[0])?;
        this(h, recv).push(c);
        return Ok(recv);
    }
    let o = rstr_arg(h, a[0])?;
    if this(h, recv).try_reserve(o.len()).is_err() {
        return Err(h.vm().no_memory_error());
    }
    this(h, recv).push_str(&o);
    Ok(recv)
}

/// The character whose code an Integer is, in UTF-8 (`str << 955`): RangeError for a
/// surrogate or a code past Unicode's last, as CRuby words them.
fn utf8_char(vm: &mut Vm, v: Value) -> Result<char, Box<Unwind>> {
    let code = conv::char_code(vm, v)?;
    char::from_u32(code).ok_or_else(|| {
        let msg = if code <= 0x10ffff {
            format!("invalid codepoint 0x{code:X} in UTF-8")
        } else {
            format!("{code} out of char range")
        };
        conv::range_error(vm, msg)
    })
}

fn s_hash(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    use std::hash::{Hash, Hasher};
    let mut hs = rustc_hash::FxHasher::default();
    this(h, recv).hash(&mut hs);
    Ok(Value::fixnum((hs.finish() >> 2) as i64 >> 1))
}

fn s_dup(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    derived(h, recv, |s, out| out.push_str(s))
}

fn s_chars(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    let n = this(h, recv).chars().count();
    let mut v = super::conv::vec_with_capacity(h.vm(), n)?;
    // One character at a time (a one-character String is kept inline in its object): no
    // list of them all on the side. Nothing collects while the new Strings are only here.
    let mut at = 0;
    while let Some(c) = this(h, recv)[at..].chars().next() {
        at += c.len_utf8();
        let mut buf = [0u8; 4];
        let one = RStr::from(&*c.encode_utf8(&mut buf));
        v.push(h.vm().str(one));
    }
    Ok(h.vm().array(v))
}

fn s_ord(h: &mut dyn Host, recv: Value, _a: &[Value], _b: Value) -> RResult {
    match this(h, recv).chars().next() {
        Some(c) => Ok(Value::fixnum(c as i64)),
        None => Err(h.vm().arg_error("empty string")),
    }
}

/// `str[i]` and `str[start, len]`, by character.
fn s_index(h: &mut dyn Host, recv: Value, a: &[Value], _b: Value) -> RResult {
    check_arity(h, a, 1, 2)?;
    let i = long_arg(h, a[0])?;
    let n = match a.get(1) {
        Some(&n) => Some(long_arg(h, n)?),
        None => None,
    };
    let s = this(h, recv);
    let ascii = s.is_ascii();
    let len = if ascii { s.len() } else { s.chars().count() };
    let range = match n {
        Some(n) => super::array::subseq(i, n, len),
        // One character: nil at the end, where `str[len, 1]` is "".
        None => super::array::subseq(i, 1, len).filter(|r| !r.is_empty()),
    };
    let Some(r) = range else {
        return Ok(Value::NIL);
    };
    // The characters' bytes (no copy of the whole text as characters).
    let bytes = if ascii {
        r
    } else {
        let at = |k: usize| s.char_indices().nth(k).map_or(s.len(), |(b, _)| b);
        let start = at(r.start);
        start
            ..start
                + s[start..]
                    .char_indices()
                    .nth(r.len())
                    .map_or(s.len() - start, |(b, _)| b)
    };
    let mut out = String::new();
    if out.try_reserve_exact(bytes.len()).is_err() {
        return Err(h.vm().no_memory_error());
    }
    out.push_str(&s[bytes]);
    Ok(h.vm().str(out))
}
