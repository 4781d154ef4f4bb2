//! The C-ABI helpers (`runtime::abi`) called as compiled code would call them: through
//! `extern "C"` function pointers, with a host that is not the interpreter (it runs
//! native methods only and has no blocks).

use runtime::abi::*;
use runtime::class::{AllocKind, MethodBody, MethodId};
use runtime::heap::ObjData;
use runtime::{Host, RResult, Unwind, Value, Vm};

struct NativeHost {
    vm: Vm,
    /// Methods run through `invoke`.
    invoked: u32,
    /// Class bodies run, by (body function, class).
    bodies: Vec<(u32, u32)>,
}

impl Host for NativeHost {
    fn vm(&mut self) -> &mut Vm {
        &mut self.vm
    }
    fn call(&mut self, recv: Value, name: u32, args: &[Value], block: Value) -> RResult {
        let c = self.vm.class_of(recv);
        match self.vm.find_method(c, name) {
            Some(m) => self.invoke(m, recv, args, block),
            None => {
                let n = self.vm.sym_name(name).to_string();
                let e = self.vm.c.no_method_error;
                Err(self.vm.error(e, format!("undefined method `{n}'")))
            }
        }
    }
    fn invoke(&mut self, m: MethodId, recv: Value, args: &[Value], block: Value) -> RResult {
        self.invoked += 1;
        match self.vm.method(m).body {
            MethodBody::Native { f, .. } => f(self, recv, args, block),
            _ => panic!("this host runs native methods only"),
        }
    }
    fn call_block(&mut self, _block: Value, _args: &[Value]) -> RResult {
        let c = self.vm.c.local_jump_error;
        Err(self.vm.error(c, "no block given (yield)"))
    }
    fn run_class_body(&mut self, body: ir::FuncId, class: ir::ClassId) -> RResult {
        self.bodies.push((body.0, class.0));
        Ok(Value::fixnum(body.0 as i64))
    }
}

fn host() -> NativeHost {
    let mut vm = Vm::new(Box::new(std::io::sink()));
    runtime::core::install(&mut vm);
    NativeHost {
        vm,
        invoked: 0,
        bodies: vec![],
    }
}

/// The pending exception's class name and message, taken out of the slot.
fn pending_error(h: &mut NativeHost) -> (String, String) {
    let u = take_pending(&mut h.vm).expect("an unwind is pending");
    let Unwind::Raise(e) = *u else {
        panic!("not an exception: {u:?}")
    };
    let cls = h.vm.class_name(h.vm.class_of(e)).to_string();
    let Some(ObjData::Exception(_, d)) = h.vm.data(e) else {
        panic!("not an exception object")
    };
    let msg =
        h.vm.as_string(d.message)
            .map(|s| s.to_string())
            .unwrap_or_default();
    (cls, msg)
}

#[test]
fn arithmetic_and_its_errors_cross_as_a_status_word() {
    let binop: extern "C" fn(*mut Cx, u32, Value, Value, *mut Value) -> Status = rb_binop;
    let mut h = host();
    let mut cx = Cx { host: &mut h };
    let mut out = Value::NIL;
    let add = binop_number(ir::BinOp::Add);
    let div = binop_number(ir::BinOp::Div);
    let st = binop(&mut cx, add, Value::fixnum(2), Value::fixnum(40), &mut out);
    assert_eq!((st, out), (Status::Ok, Value::fixnum(42)));
    // Ruby's floored division, from the one definition.
    let st = binop(&mut cx, div, Value::fixnum(-7), Value::fixnum(2), &mut out);
    assert_eq!((st, out), (Status::Ok, Value::fixnum(-4)));
    // Division by zero: nothing written, ZeroDivisionError pending.
    let st = binop(&mut cx, div, Value::fixnum(1), Value::fixnum(0), &mut out);
    assert_eq!((st, out), (Status::Unwind, Value::fixnum(-4)));
    assert_eq!(
        pending_error(&mut h),
        ("ZeroDivisionError".to_string(), "divided by 0".to_string())
    );
    assert!(
        h.vm.pending_unwind.is_none(),
        "taking the unwind empties the slot"
    );
    // A non-numeric receiver: the operator is a method call (`Array#+` is native).
    let a = h.vm.array(vec![Value::fixnum(1)]);
    let b = h.vm.array(vec![Value::fixnum(2)]);
    let mut cx = Cx { host: &mut h };
    assert_eq!(binop(&mut cx, add, a, b, &mut out), Status::Ok);
    assert_eq!(
        cx.host.vm().as_array(out).unwrap().as_slice(),
        [Value::fixnum(1), Value::fixnum(2)]
    );
    // An operator number the ABI does not have is an error, not a panic.
    assert_eq!(binop(&mut cx, 99, a, b, &mut out), Status::Unwind);
    assert_eq!(pending_error(&mut h).0, "ArgumentError");
}

#[test]
fn instance_variables_by_name_and_by_slot() {
    let mut h = host();
    let object = h.vm.c.object;
    let point =
        h.vm.define_class("Point", Some(object), None, AllocKind::Object);
    let data = AllocKind::Object.empty_data().unwrap();
    let obj = h.vm.heap.alloc(point, data);
    let x = h.vm.intern("@x");
    let y = h.vm.intern("@y");
    let mut cx = Cx { host: &mut h };
    let mut out = Value::UNDEF;
    assert_eq!(rb_ivar_get(&mut cx, obj, x, &mut out), Status::Ok);
    assert_eq!(out, Value::NIL, "unset reads as nil");
    let st = rb_ivar_set(&mut cx, obj, x, Value::fixnum(5), &mut out);
    assert_eq!((st, out), (Status::Ok, Value::fixnum(5)));
    let st = rb_ivar_set(&mut cx, obj, y, Value::fixnum(6), std::ptr::null_mut());
    assert_eq!(st, Status::Ok);
    // The class's layout put @y in slot 1: a slot store is seen by name.
    let slot = h.vm.class(point).ivar_slots[&y];
    assert_eq!(slot, 1);
    let mut cx = Cx { host: &mut h };
    assert_eq!(
        rb_ivar_store(&mut cx, obj, slot, y, Value::fixnum(60)),
        Status::Ok
    );
    assert_eq!(rb_ivar_get(&mut cx, obj, y, &mut out), Status::Ok);
    assert_eq!(out, Value::fixnum(60));
    // Frozen: FrozenError, by slot and by name.
    cx.host.vm().obj_mut(obj).unwrap().set_frozen(true);
    assert_eq!(
        rb_ivar_store(&mut cx, obj, slot, y, Value::fixnum(7)),
        Status::Unwind
    );
    assert_eq!(pending_error(&mut h).0, "FrozenError");
    let mut cx = Cx { host: &mut h };
    let st = rb_ivar_set(&mut cx, obj, x, Value::fixnum(7), &mut out);
    assert_eq!(st, Status::Unwind);
    assert_eq!(pending_error(&mut h).0, "FrozenError");
}

#[test]
fn constants_sends_yields_and_raises() {
    let mut h = host();
    let object = h.vm.c.object;
    let answer = h.vm.intern("Answer");
    h.vm.class_mut(object)
        .consts
        .insert(answer, Value::fixnum(42));
    let missing = h.vm.intern("Missing");
    let to_s = h.vm.intern("to_s");
    let mut cx = Cx { host: &mut h };
    let mut out = Value::NIL;
    assert_eq!(
        rb_const_get(&mut cx, object.0, answer, &mut out),
        Status::Ok
    );
    assert_eq!(out, Value::fixnum(42));
    assert_eq!(
        rb_const_get(&mut cx, object.0, missing, &mut out),
        Status::Unwind
    );
    assert_eq!(
        pending_error(&mut h),
        (
            "NameError".to_string(),
            "uninitialized constant Missing".to_string()
        )
    );
    let mut cx = Cx { host: &mut h };
    let argv = [Value::fixnum(2)];
    let nil = Value::NIL;
    // SAFETY: argv holds argc values.
    let st = unsafe {
        rb_send(
            &mut cx,
            Value::fixnum(255),
            to_s,
            1,
            argv.as_ptr(),
            nil,
            &mut out,
        )
    };
    assert_eq!(st, Status::Ok);
    assert_eq!(cx.host.vm().as_string(out).unwrap().as_str(), "11111111");
    // SAFETY: no arguments.
    let st = unsafe { rb_yield(&mut cx, Value::NIL, 0, std::ptr::null(), &mut out) };
    assert_eq!(st, Status::Unwind);
    assert_eq!(pending_error(&mut h).0, "LocalJumpError");
    // raise: the exception itself is pending, and is a GC root while it is.
    let c = h.vm.c.runtime_error;
    let exc = h.vm.make_exception(c, "boom");
    let mut cx = Cx { host: &mut h };
    assert_eq!(rb_raise(&mut cx, exc), Status::Unwind);
    let mut roots = Vec::new();
    h.vm.for_each_root(&mut |v| roots.push(v));
    assert!(roots.contains(&exc), "the pending exception is a root");
    assert_eq!(
        pending_error(&mut h),
        ("RuntimeError".to_string(), "boom".to_string())
    );
    let mut cx = Cx { host: &mut h };
    assert_eq!(rb_raise(&mut cx, Value::fixnum(3)), Status::Unwind);
    assert_eq!(pending_error(&mut h).0, "TypeError");
}

#[test]
fn a_panic_inside_a_helper_becomes_a_pending_error() {
    fn broken(_: &mut dyn Host, _: Value, _: &[Value], _: Value) -> RResult {
        panic!("a bug in a native method")
    }
    let mut h = host();
    let object = h.vm.c.object;
    h.vm.define_native(object, "broken", 0, broken);
    let name = h.vm.intern("broken");
    let main = h.vm.main_obj;
    let mut cx = Cx { host: &mut h };
    let mut out = Value::NIL;
    // SAFETY: no arguments.
    let st = unsafe {
        rb_send(
            &mut cx,
            main,
            name,
            0,
            std::ptr::null(),
            Value::NIL,
            &mut out,
        )
    };
    assert_eq!(st, Status::Unwind);
    assert_eq!(
        pending_error(&mut h),
        (
            "RuntimeError".to_string(),
            "rebound: internal error in rb_send".to_string()
        )
    );
}

#[test]
fn a_cached_call_looks_up_once_per_class_and_method_serial() {
    let mut h = host();
    let size = h.vm.intern("size");
    let a = h.vm.array(vec![Value::fixnum(1), Value::fixnum(2)]);
    let s = h.vm.str("abc");
    let mut cache = CallCache::EMPTY;
    let mut out = Value::NIL;
    let mut call = |h: &mut NativeHost, cache: &mut CallCache, recv| {
        let mut cx = Cx { host: h };
        // SAFETY: no arguments; the cache is ours.
        let st = unsafe {
            rb_call_cached(
                &mut cx,
                cache,
                recv,
                size,
                0,
                std::ptr::null(),
                Value::NIL,
                &mut out,
            )
        };
        (st, out)
    };
    assert_eq!(call(&mut h, &mut cache, a), (Status::Ok, Value::fixnum(2)));
    let filled = cache;
    assert_eq!(filled.class, h.vm.c.array.0);
    assert_ne!(filled.method, u32::MAX);
    assert_eq!(call(&mut h, &mut cache, a), (Status::Ok, Value::fixnum(2)));
    assert_eq!(cache, filled, "a hit leaves the cache alone");
    // Another class refills it; a method defined anywhere invalidates every cache.
    assert_eq!(call(&mut h, &mut cache, s), (Status::Ok, Value::fixnum(3)));
    assert_eq!(cache.class, h.vm.c.string.0);
    fn one(_: &mut dyn Host, _: Value, _: &[Value], _: Value) -> RResult {
        Ok(Value::fixnum(1))
    }
    let string = h.vm.c.string;
    h.vm.define_native(string, "size", 0, one);
    assert_eq!(call(&mut h, &mut cache, s), (Status::Ok, Value::fixnum(1)));
    assert_eq!(h.invoked, 4, "every call ran through Host::invoke");
    // No such method: NoMethodError, and the cache remembers the miss.
    let missing = h.vm.intern("nope");
    let mut cx = Cx { host: &mut h };
    let mut c2 = CallCache::EMPTY;
    // SAFETY: as above.
    let st = unsafe {
        rb_call_cached(
            &mut cx,
            &mut c2,
            a,
            missing,
            0,
            std::ptr::null(),
            Value::NIL,
            &mut out,
        )
    };
    assert_eq!((st, c2.method), (Status::Unwind, u32::MAX));
    assert_eq!(pending_error(&mut h).0, "NoMethodError");
}

#[test]
fn scopes_blocks_and_arrays_are_made_as_the_interpreter_makes_them() {
    let mut h = host();
    let mut cx = Cx { host: &mut h };
    let (mut outer, mut inner, mut blk, mut arr) = (Value::NIL, Value::NIL, Value::NIL, Value::NIL);
    assert_eq!(rb_scope_new(&mut cx, 2, Value::NIL, &mut outer), Status::Ok);
    assert_eq!(rb_scope_new(&mut cx, 1, outer, &mut inner), Status::Ok);
    let main = cx.host.vm().main_obj;
    let object = cx.host.vm().c.object.0;
    let st = rb_make_block(
        &mut cx,
        7,
        main,
        inner,
        Value::NIL,
        42,
        object,
        u32::MAX,
        &mut blk,
    );
    assert_eq!(st, Status::Ok);
    let argv = [Value::fixnum(1), blk];
    // SAFETY: argv holds argc values.
    assert_eq!(
        unsafe { rb_array_new(&mut cx, 2, argv.as_ptr(), &mut arr) },
        Status::Ok
    );
    let Some(ObjData::Scope(_, s)) = h.vm.data(inner) else {
        panic!("not a scope")
    };
    assert_eq!(
        (s.slots.as_slice(), s.parent),
        ([Value::NIL].as_slice(), outer)
    );
    let Some(ObjData::Block(_, b)) = h.vm.data(blk) else {
        panic!("not a block")
    };
    assert_eq!(
        (b.func.0, b.self_val, b.scope, b.home_frame),
        (7, main, inner, 42)
    );
    assert_eq!((b.cref.0, b.home_method), (object, None));
    assert_eq!(h.vm.class_name(h.vm.class_of(blk)), "Proc");
    assert_eq!(h.vm.as_array(arr).unwrap().as_slice(), argv);
}

/// The String a value holds (panics when it is none).
fn text(h: &mut NativeHost, v: Value) -> String {
    h.vm.as_string(v).expect("a String").to_string()
}

#[test]
fn unary_operators_interpolation_and_boxing() {
    let mut h = host();
    let mut cx = Cx { host: &mut h };
    let mut out = Value::NIL;
    let num = |op| UNOPS.iter().position(|&o| o == op).unwrap() as u32;
    let (neg, not, bitnot) = (
        num(ir::UnOp::Neg),
        num(ir::UnOp::Not),
        num(ir::UnOp::BitNot),
    );
    assert_eq!(
        rb_unop(&mut cx, neg, Value::fixnum(5), &mut out),
        Status::Ok
    );
    assert_eq!(out, Value::fixnum(-5));
    assert_eq!(
        rb_unop(&mut cx, bitnot, Value::fixnum(5), &mut out),
        Status::Ok
    );
    assert_eq!(out, Value::fixnum(-6));
    assert_eq!(rb_unop(&mut cx, not, Value::NIL, &mut out), Status::Ok);
    assert_eq!(out, Value::TRUE);
    // A Float is negated by calling Float#-@ (a native method, run through `invoke`).
    let f = cx.host.vm().float(2.5);
    assert_eq!(rb_unop(&mut cx, neg, f, &mut out), Status::Ok);
    assert_eq!(Vm::float_of(out), Some(-2.5));
    // `~` on a Float: Float has no `~`, so NoMethodError.
    assert_eq!(rb_unop(&mut cx, bitnot, f, &mut out), Status::Unwind);
    assert_eq!(pending_error(&mut h).0, "NoMethodError");
    assert!(h.invoked >= 1, "Float#-@ ran as a method");

    let mut cx = Cx { host: &mut h };
    let a = cx.host.vm().str("a".to_string());
    let sym = cx.host.vm().symbol("sym");
    let parts = [a, Value::fixnum(1), Value::NIL, f, sym];
    // SAFETY: parts holds argc values.
    let st = unsafe { rb_interpolate(&mut cx, 5, parts.as_ptr(), &mut out) };
    assert_eq!(st, Status::Ok);
    assert_eq!(text(&mut h, out), "a12.5sym");

    let mut cx = Cx { host: &mut h };
    let lit = "héllo";
    // SAFETY: lit is len bytes of UTF-8.
    let st = unsafe { rb_str_new(&mut cx, lit.as_ptr(), lit.len(), &mut out) };
    assert_eq!(st, Status::Ok);
    assert_eq!(text(&mut h, out), "héllo");

    let mut cx = Cx { host: &mut h };
    assert_eq!(rb_to_array(&mut cx, Value::fixnum(3), &mut out), Status::Ok);
    let wrapped = out;
    assert_eq!(
        cx.host.vm().as_array(wrapped).unwrap().as_slice(),
        [Value::fixnum(3)]
    );
    assert_eq!(rb_to_array(&mut cx, wrapped, &mut out), Status::Ok);
    assert_eq!(out, wrapped, "an Array is its own array");

    // Boxing: past the fixnum range an Integer is a heap integer, and a Float that is no
    // flonum is a heap float.
    assert_eq!(rb_int_new(&mut cx, i64::MAX, &mut out), Status::Ok);
    assert!(!out.is_fixnum());
    assert_eq!(runtime::core::kernel::int_to_s(out), i64::MAX.to_string());
    assert_eq!(rb_int_new(&mut cx, -3, &mut out), Status::Ok);
    assert_eq!(out, Value::fixnum(-3));
    assert_eq!(
        rb_float_new(&mut cx, 1e300f64.to_bits(), &mut out),
        Status::Ok
    );
    assert_eq!(Vm::float_of(out), Some(1e300));
    // -(-2**62) does not fit a fixnum either.
    let min = Value::fixnum(-(1i64 << 62));
    assert_eq!(rb_unop(&mut cx, neg, min, &mut out), Status::Ok);
    assert_eq!(
        runtime::core::kernel::int_to_s(out),
        (1i64 << 62).to_string()
    );
}

#[test]
fn constants_classes_methods_aliases_and_super() {
    let mut h = host();
    let object = h.vm.c.object;
    let main = h.vm.main_obj;
    let name = h.vm.intern("Limit");
    let point_sym = h.vm.intern("Point");
    let inspect = h.vm.intern("inspect");
    let show = h.vm.intern("show");
    let missing = h.vm.intern("missing");
    let object_v = h.vm.class(object).value;
    let mut cx = Cx { host: &mut h };
    let mut out = Value::NIL;

    assert_eq!(
        rb_const_set(&mut cx, object.0, name, Value::fixnum(10)),
        Status::Ok
    );
    assert_eq!(
        rb_const_get_from(&mut cx, object_v, name, &mut out),
        Status::Ok
    );
    assert_eq!(out, Value::fixnum(10));
    assert_eq!(
        rb_const_get_from(&mut cx, object_v, missing, &mut out),
        Status::Unwind
    );
    assert_eq!(
        pending_error(&mut h),
        ("NameError".into(), "uninitialized constant missing".into())
    );
    let mut cx = Cx { host: &mut h };
    assert_eq!(
        rb_const_get_from(&mut cx, Value::fixnum(1), name, &mut out),
        Status::Unwind
    );
    assert_eq!(pending_error(&mut h).0, "TypeError");

    // class Point ... end: the class is made, its body runs in it, its value is written.
    let mut cx = Cx { host: &mut h };
    let st = rb_def_class(&mut cx, object.0, point_sym, Value::UNDEF, 77, &mut out);
    assert_eq!((st, out), (Status::Ok, Value::fixnum(77)));
    let point =
        h.vm.as_class(h.vm.class(object).consts[&point_sym])
            .expect("Point is a class");
    assert_eq!(h.bodies, vec![(77, point.0)]);
    assert_eq!(h.vm.class(point).superclass, Some(object));
    // Reopening with another superclass is a TypeError, and the body does not run.
    let integer_v = h.vm.class(h.vm.c.integer).value;
    let mut cx = Cx { host: &mut h };
    let st = rb_def_class(&mut cx, object.0, point_sym, integer_v, 78, &mut out);
    assert_eq!(st, Status::Unwind);
    assert_eq!(
        pending_error(&mut h),
        (
            "TypeError".into(),
            "superclass mismatch for class Point".into()
        )
    );
    assert_eq!(h.bodies.len(), 1);

    // def show (in Point), def self.show, and a top-level def (private in Object).
    let point_v = h.vm.class(point).value;
    let mut cx = Cx { host: &mut h };
    assert_eq!(
        rb_def_method(&mut cx, point.0, point_v, show, 5, false),
        Status::Ok
    );
    assert_eq!(
        rb_def_method(&mut cx, point.0, point_v, show, 6, true),
        Status::Ok
    );
    assert_eq!(
        rb_def_method(&mut cx, object.0, main, missing, 8, false),
        Status::Ok
    );
    assert_eq!(
        rb_def_method(&mut cx, object.0, main, show, 9, true),
        Status::Unwind
    );
    assert_eq!(pending_error(&mut h).0, "TypeError");
    let meta = h.vm.class(point).meta.unwrap();
    let body = |h: &mut NativeHost, c, n| {
        let m = h.vm.find_method(c, n).expect("defined");
        (h.vm.method(m).body, h.vm.method(m).private)
    };
    assert!(matches!(
        body(&mut h, point, show),
        (MethodBody::Ruby(ir::FuncId(5)), false)
    ));
    assert!(matches!(
        body(&mut h, meta, show),
        (MethodBody::Ruby(ir::FuncId(6)), false)
    ));
    assert!(matches!(
        body(&mut h, object, missing),
        (MethodBody::Ruby(ir::FuncId(8)), true)
    ));

    // alias display show: the same body under the new name; an unknown name is a
    // NameError.
    let display = h.vm.intern("display");
    let nothing = h.vm.intern("nothing");
    let mut cx = Cx { host: &mut h };
    assert_eq!(rb_alias(&mut cx, point.0, display, show), Status::Ok);
    assert!(matches!(
        body(&mut h, point, display),
        (MethodBody::Ruby(ir::FuncId(5)), false)
    ));
    let mut cx = Cx { host: &mut h };
    assert_eq!(rb_alias(&mut cx, point.0, display, nothing), Status::Unwind);
    assert_eq!(
        pending_error(&mut h),
        (
            "NameError".into(),
            "undefined method `nothing' for class `Point'".into()
        )
    );

    // super in Point#show finds nothing above Point; super in Point#inspect runs
    // Object#inspect (native) on the receiver.
    let own_show = h.vm.find_method(point, show).unwrap();
    let p = h.vm.heap.alloc(
        point,
        ObjData::Object(runtime::heap::Hdr::NEW, runtime::heap::Ivars::new()),
    );
    let mut cx = Cx { host: &mut h };
    // SAFETY: no arguments.
    let st = unsafe {
        rb_super(
            &mut cx,
            own_show.0,
            p,
            0,
            std::ptr::null(),
            Value::NIL,
            &mut out,
        )
    };
    assert_eq!(st, Status::Unwind);
    let (cls, msg) = pending_error(&mut h);
    assert_eq!(cls, "NoMethodError");
    assert!(
        msg.starts_with("super: no superclass method `show' for #<Point"),
        "{msg}"
    );
    let own_inspect =
        h.vm.define_method(point, inspect, MethodBody::Ruby(ir::FuncId(4)));
    let mut cx = Cx { host: &mut h };
    // SAFETY: no arguments.
    let st = unsafe {
        rb_super(
            &mut cx,
            own_inspect.0,
            p,
            0,
            std::ptr::null(),
            Value::NIL,
            &mut out,
        )
    };
    assert_eq!(st, Status::Ok);
    let shown = text(&mut h, out);
    assert!(
        shown.starts_with("#<Point:0x"),
        "Object#inspect ran: {shown}"
    );
    let mut cx = Cx { host: &mut h };
    // SAFETY: no arguments.
    let st = unsafe {
        rb_super(
            &mut cx,
            u32::MAX,
            p,
            0,
            std::ptr::null(),
            Value::NIL,
            &mut out,
        )
    };
    assert_eq!(st, Status::Unwind);
    assert_eq!(
        pending_error(&mut h),
        (
            "NoMethodError".into(),
            "super called outside of method".into()
        )
    );
}

#[test]
fn unwinds_are_caught_matched_and_sent_on_as_values() {
    let mut h = host();
    let runtime_error = h.vm.c.runtime_error;
    let exc = h.vm.make_exception(runtime_error, "boom");
    let std_error_v = h.vm.class(h.vm.c.standard_error).value;
    let integer_v = h.vm.class(h.vm.c.integer).value;
    let mut cx = Cx { host: &mut h };
    let mut caught = Value::NIL;
    let mut out = Value::NIL;

    // Nothing pending: catching is an error, not a panic.
    assert_eq!(rb_catch_unwind(&mut cx, &mut caught), Status::Unwind);
    assert_eq!(pending_error(&mut h).0, "ArgumentError");

    // raise, then the handler catches it and tries its rescue clauses.
    let mut cx = Cx { host: &mut h };
    assert_eq!(rb_raise(&mut cx, exc), Status::Unwind);
    assert_eq!(rb_catch_unwind(&mut cx, &mut caught), Status::Ok);
    assert!(cx.host.vm().pending_unwind.is_none());
    let matches = |cx: &mut Cx, caught: Value, classes: &[Value]| {
        let mut out = Value::NIL;
        // SAFETY: classes holds argc values.
        let st = unsafe {
            rb_unwind_matches(cx, caught, classes.len() as u32, classes.as_ptr(), &mut out)
        };
        (st, out)
    };
    assert_eq!(
        matches(&mut cx, caught, &[]),
        (Status::Ok, Value::TRUE),
        "bare rescue"
    );
    assert_eq!(
        matches(&mut cx, caught, &[integer_v]),
        (Status::Ok, Value::FALSE)
    );
    assert_eq!(
        matches(&mut cx, caught, &[integer_v, std_error_v]),
        (Status::Ok, Value::TRUE)
    );
    assert_eq!(
        matches(&mut cx, caught, &[Value::fixnum(3)]).0,
        Status::Unwind
    );
    assert_eq!(
        pending_error(&mut h),
        (
            "TypeError".into(),
            "class or module required for rescue clause".into()
        )
    );
    let mut cx = Cx { host: &mut h };
    assert_eq!(rb_unwind_exception(&mut cx, caught, &mut out), Status::Ok);
    assert_eq!(out, exc);
    // No clause took it: resume sends the same exception on.
    assert_eq!(rb_resume(&mut cx, caught), Status::Unwind);
    let u = take_pending(cx.host.vm()).unwrap();
    assert!(matches!(*u, Unwind::Raise(e) if e == exc));

    // break and non-local return are unwinds too; no rescue clause takes them.
    let tag = cx.host.vm().array(vec![]);
    assert_eq!(
        rb_block_break(&mut cx, tag, Value::fixnum(4)),
        Status::Unwind
    );
    assert_eq!(rb_catch_unwind(&mut cx, &mut caught), Status::Ok);
    assert_eq!(matches(&mut cx, caught, &[]), (Status::Ok, Value::FALSE));
    assert_eq!(rb_unwind_exception(&mut cx, caught, &mut out), Status::Ok);
    assert_eq!(out, Value::NIL);
    assert_eq!(rb_resume(&mut cx, caught), Status::Unwind);
    let u = take_pending(cx.host.vm()).unwrap();
    assert!(matches!(*u, Unwind::Break { tag: t, value } if t == tag && value == Value::fixnum(4)));
    assert_eq!(
        rb_non_local_return(&mut cx, 31, Value::TRUE),
        Status::Unwind
    );
    let u = take_pending(cx.host.vm()).unwrap();
    assert!(matches!(
        *u,
        Unwind::Return {
            frame: 31,
            value: Value::TRUE
        }
    ));
}
