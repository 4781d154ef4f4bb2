//! RON dumps: exact round trips (floats included), a stable format, and errors with a
//! place for malformed input.

mod common;

use ir::serial::{from_ron, module_from_ron, module_to_ron, to_ron, RonError};
use ir::*;

/// Every float constant of `f` as bits, in order, so NaNs compare.
fn float_bits(f: &Function) -> Vec<u64> {
    let mut out = Vec::new();
    for (_, inst) in f.insts() {
        if let InstKind::Const(Const::Float(v)) = inst.kind {
            out.push(v.to_bits());
        }
    }
    for (_, r) in &f.deleted.entries {
        if let Rebuild::Const(Const::Float(v)) = r {
            out.push(v.to_bits());
        }
    }
    out
}

fn round_trip(f: &Function) -> Function {
    let text = to_ron(f);
    let back = from_ron(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(
        to_ron(&back),
        text,
        "dumping what was loaded gives the same text"
    );
    back
}

#[test]
fn round_trips_exactly() {
    for f in [
        common::loop_fn(),
        common::handler_fn(),
        common::kitchen_sink(),
    ] {
        assert_eq!(round_trip(&f), f);
    }
}

#[test]
fn round_trips_a_module() {
    let m = Module {
        functions: vec![
            common::loop_fn(),
            common::handler_fn(),
            common::kitchen_sink(),
        ],
        first: 0,
    };
    let text = module_to_ron(&m);
    assert_eq!(module_from_ron(&text).unwrap(), m);
    assert_eq!(
        module_from_ron(&module_to_ron(&Module::default())).unwrap(),
        Module::default()
    );
}

#[test]
fn round_trips_float_constants_bit_for_bit() {
    let values = [
        0.0,
        -0.0,
        1.0,
        0.1,
        -2.5e-300,
        1e300,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        5e-324, // the smallest subnormal
        f64::EPSILON,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        std::f64::consts::PI,
    ];
    let mut f = Function::new(FuncId(0), "main", FuncKind::Script, "m.rb", 1);
    let mut b = Builder::new(&mut f);
    let mut last = None;
    for v in values {
        last = Some(b.constant(Const::Float(v)));
    }
    b.effect(InstKind::Return(last.unwrap()));
    f.deleted
        .entries
        .push((TempId(99), Rebuild::Const(Const::Float(-0.0))));
    let back = round_trip(&f);
    let want: Vec<u64> = values
        .iter()
        .map(|v| v.to_bits())
        .chain([(-0.0f64).to_bits()])
        .collect();
    assert_eq!(float_bits(&back), want);
    // Everything but the NaN compares equal with `==` too.
    assert_eq!(back.blocks[0].insts[..13], f.blocks[0].insts[..13]);
}

/// RON (through the derived `Serialize` of `Const`) writes every NaN as `NaN`: a NaN with
/// the sign bit or a payload loads back as the canonical NaN. Documented limitation until
/// `Const::Float` uses `serial::exact_f64` (see the next test).
#[test]
fn non_canonical_nans_load_back_as_nan() {
    let neg_nan = f64::from_bits(0xfff8_0000_0000_0000);
    let payload_nan = f64::from_bits(0x7ff8_0000_0000_0001);
    let mut f = Function::new(FuncId(0), "main", FuncKind::Script, "m.rb", 1);
    let mut b = Builder::new(&mut f);
    b.constant(Const::Float(neg_nan));
    let t = b.constant(Const::Float(payload_nan));
    b.effect(InstKind::Return(t));
    let back = from_ron(&to_ron(&f)).unwrap();
    for bits in float_bits(&back) {
        assert!(f64::from_bits(bits).is_nan());
    }
}

/// The helper that makes NaN bits survive, on a field annotated the way `Const::Float`
/// would be.
#[test]
fn exact_f64_keeps_every_bit() {
    #[derive(serde::Serialize, serde::Deserialize, Debug)]
    enum C {
        Float(#[serde(with = "ir::serial::exact_f64")] f64),
    }
    #[derive(serde::Serialize, serde::Deserialize, Debug)]
    struct Holder {
        values: Vec<C>,
    }
    let bits = [
        0x7ff8_0000_0000_0000u64, // NaN
        0xfff8_0000_0000_0000,    // -NaN, what x86 computes for 0.0 / 0.0
        0x7ff0_0000_0000_0001,    // signalling NaN
        0x7ff8_dead_beef_0001,    // payload
        (-0.0f64).to_bits(),
        f64::INFINITY.to_bits(),
        f64::NEG_INFINITY.to_bits(),
        1.5f64.to_bits(),
        0.1f64.to_bits(),
        5e-324f64.to_bits(),
    ];
    let h = Holder {
        values: bits.iter().map(|b| C::Float(f64::from_bits(*b))).collect(),
    };
    let text = ron::ser::to_string_pretty(&h, ron::ser::PrettyConfig::new()).unwrap();
    assert!(text.contains("Float(NaN)"), "{text}");
    assert!(text.contains("Float(\"nan:0xfff8000000000000\")"), "{text}");
    assert!(text.contains("Float(1.5)"), "{text}");
    let back: Holder = ron::from_str(&text).unwrap();
    let got: Vec<u64> = back.values.iter().map(|C::Float(v)| v.to_bits()).collect();
    assert_eq!(got, bits);
    // Hand-written integers load as floats; a bad string is an error, not a panic.
    let back: Holder = ron::from_str("(values: [Float(2), Float(-3)])").unwrap();
    let got: Vec<f64> = back.values.iter().map(|C::Float(v)| *v).collect();
    assert_eq!(got, [2.0, -3.0]);
    assert!(ron::from_str::<Holder>("(values: [Float(\"nan:0x12\")])").is_err());
}

#[test]
fn dump_is_one_instruction_per_line() {
    let text = to_ron(&common::loop_fn());
    assert!(
        text.contains("\n                (ipc: 2, dst: Some(1), kind: Const(Int(0)), line: 2),\n"),
        "{text}"
    );
    assert!(
        text.contains("(ipc: 3, dst: None, kind: Jump((block: 1, args: [1, 1])), line: 2),"),
        "{text}"
    );
    assert!(text.ends_with(")\n"));
    assert!(!text.contains('\r'));
}

#[test]
fn malformed_ron_is_an_error_with_a_place() {
    // A truncated dump.
    let text = to_ron(&common::loop_fn());
    let cut = &text[..text.len() / 2];
    let e = from_ron(cut).unwrap_err();
    assert!(e.line > 1, "{e}");
    assert_eq!(
        e.to_string(),
        format!("{}:{}: {}", e.line, e.col, e.message)
    );

    // A misspelt instruction on a known line.
    let bad = text.replace("kind: Binary(Lt, 2, 0)", "kind: Binary(Less, 2, 0)");
    let line = bad.lines().position(|l| l.contains("Less")).unwrap() + 1;
    let e = from_ron(&bad).unwrap_err();
    assert_eq!(e.line, line, "{e}");
    assert!(e.message.contains("Less"), "{e}");

    // A missing field.
    let bad = text.replace("    next_ipc: 11,\n", "");
    let e: RonError = from_ron(&bad).unwrap_err();
    assert!(e.message.contains("next_ipc"), "{e}");

    // Not RON at all, and empty input.
    assert!(from_ron("fn1 Object#sum").is_err());
    let e = from_ron("").unwrap_err();
    assert_eq!(e.line, 1, "{e}");
    assert!(module_from_ron("(functions: [(id: 0)])").is_err());
}
