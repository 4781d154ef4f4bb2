//! The random program generator for differential testing.
//!
//! [`generate`] writes a random Slice-1 Ruby program from a seed: valid (CRuby runs it to
//! the end with exit status 0 and nothing on standard error), deterministic (no object
//! addresses, no timing), terminating (every loop has a literal bound, recursion is bounded)
//! and small (well under 0.2 s in CRuby). The programs are made to stress the optimizing
//! tier: hot loops and methods that are optimized at low thresholds, then fed other types
//! (floats, big integers, strings), polymorphic call sites whose receivers change after a
//! hot phase, integers crossing the fixnum (2**62) and 64-bit (2**63) boundaries, blocks
//! that write captured locals, `next`, `break`, non-local `return`, exceptions, and user and
//! core methods redefined or aliased mid-run (also from inside hot loops and from methods
//! called by them; `Array#[]` and `Array#[]=` only by wrappers with the same results,
//! which versions that read and write elements inline must still notice). Every program prints many intermediate values.
//!
//! How validity is kept:
//! - Expressions are typed ([`T`]); every variable has a type and, for numbers, a bound on
//!   its magnitude in bits, so that big integers stay small enough to print and floats
//!   stay finite where `to_i` needs it.
//! - Loops have literal bounds and a counter that only `+` touches; while `Integer#+` is
//!   redefined to something that does not count (`alias + -`), loops are written with
//!   `Integer#times` (which in CRuby does not call `+`), and recursion, which counts down
//!   with `-`, is not called while `Integer#-` is changed.
//! - Redefined core operators keep the type and (nearly) the size of their results; their
//!   bodies call only the originals, aliased once at the top (`__g_iadd` ...), so no two
//!   redefinitions call each other. `%`, `==` and the comparisons of integers are never
//!   changed (loop conditions and array indexes use them), only wrapped.
//! - Integer division and modulo divide by non-zero literals, except inside
//!   `begin/rescue ZeroDivisionError`.
//!
//! Every statement is on its own line, indented by two spaces per level, with `end`,
//! `else`, `rescue`... at the level of the line that opened them, so that the shrinker
//! (`crate::shrink`) can delete whole statements and keep the program well-formed.

mod rng;
pub use rng::Rng;

/// The generator's types.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum T {
    Int,
    Flt,
    /// An Integer or a Float (the parameters of numeric methods).
    Num,
    Str,
    /// An Integer or a String (parameters of methods that later see strings).
    Poly,
    Bool,
    /// Arrays of Integers, Floats, Strings, and of arrays of Integers.
    ArrI,
    ArrF,
    ArrS,
    Arr2,
    Obj,
}

#[derive(Clone, Debug)]
struct Var {
    name: String,
    t: T,
    /// Numbers: a bound on the magnitude in bits; arrays: that of their elements.
    bits: u32,
    /// A Float that may be infinite or NaN.
    inf: bool,
    /// Arrays: a lower bound on the length.
    len: usize,
    /// Obj: the class (an index into `classes`).
    class: usize,
    /// Not assignable (loop counters, block parameters).
    ro: bool,
}

impl Var {
    fn new(name: &str, t: T, bits: u32) -> Var {
        Var {
            name: name.to_string(),
            t,
            bits,
            inf: false,
            len: 0,
            class: 0,
            ro: false,
        }
    }
    fn ro(mut self) -> Var {
        self.ro = true;
        self
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum MK {
    /// `(a, b = LIT)`: Num parameters, Num result.
    Num,
    /// `(a, b)`: Integer parameters and result.
    Int,
    /// `(a, b)`: both Integers or both Strings; a String result.
    Poly,
    /// `(n, acc = 0)`: linear recursion on a small n.
    Rec,
    /// `(n)`: tree recursion, n <= 14.
    Fib,
    /// `(n)`: yields `i, i * K` n times (n small), returns n.
    Yield,
    /// `(arr)`: yields every element from inside a block given to `each`.
    YieldArr,
    /// `(x)`: `yield(x) + 1` when a block is given, else x.
    YieldOpt,
    /// `(arr, lim)`: returns from inside a block.
    NlRet,
    /// `(n)`: returns from inside a block given to a yielding user method.
    NlRetY,
    /// `(x)`: raises for some small x.
    Thrower,
    /// `(n, k)`: a `while` loop of n iterations accumulating `i * k` (n up to 500).
    Loop,
}

#[derive(Clone, Debug)]
struct Meth {
    name: String,
    kind: MK,
    /// The bound on the result's magnitude.
    ret_bits: u32,
    /// Runs a `while` loop counting with `Integer#+` (not callable while `+` is changed).
    needs_plus: bool,
    /// Counts down with `Integer#-` (not callable while `-` is changed).
    needs_minus: bool,
    /// The method it calls (NlRetY).
    callee: Option<usize>,
    /// For Thrower: the error classes it raises.
    raises: Vec<String>,
}

#[derive(Clone, Debug)]
struct Class {
    name: String,
    /// Constructor arity: required, optional.
    req: usize,
    opt: usize,
    /// Attributes with a writer.
    writers: Vec<String>,
    readers: Vec<String>,
    /// Has `def self.make(v)`.
    make: bool,
}

/// Which core operators are changed right now (not just wrapped): loops and recursion
/// depend on these.
#[derive(Clone, Copy, Default, Debug)]
struct Twists {
    plus: bool,
    minus: bool,
}

/// The budget of bits for general expressions, for arguments, and the cap of accumulators.
const EXPR_BITS: u32 = 240;
const ARG_BITS: u32 = 140;
const ACC_BITS: u32 = 340;

struct Gen {
    rng: Rng,
    out: Vec<String>,
    indent: usize,
    scopes: Vec<(bool, Vec<Var>)>,
    counter: usize,
    meths: Vec<Meth>,
    classes: Vec<Class>,
    errors: Vec<String>,
    twists: Twists,
    /// Core aliases (`__g_*`) were emitted: core redefinitions are possible.
    core: bool,
    /// `Integer#calc` exists: integers can join polymorphic arrays.
    int_calc: bool,
    /// Redefiner methods: (call expression, target description, changes termination ops).
    core_redefiners: Vec<String>,
    user_redefiners: Vec<String>,
    /// Loop iterations left (keeps CRuby's runtime small).
    budget: i64,
    /// Depth of loops and blocks in the current method or script body.
    loop_depth: usize,
    /// Inside a method body (no `class` definitions there).
    in_def: bool,
    /// Only methods below this index may be called (a redefined body must not call the
    /// method itself or a later one, which could call it back).
    call_limit: usize,
    /// Variables that expressions should use often (parameters, loop counters, the value
    /// that changes type).
    focus: Vec<String>,
    focus_marks: Vec<usize>,
    opts: Options,
    /// Constants (visible everywhere).
    consts: Vec<Var>,
}

/// Writes the program of `seed`.
pub fn generate(seed: u64) -> String {
    generate_with(seed, &Options::default())
}

/// What the generator may use (all of it by default). Turning a feature off keeps the
/// rest of a seed's program the same, so a campaign can look past a known bug.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Redefine and alias core methods (`Integer#*`, `alias + -`, `Array#size`...).
    pub core_redefinition: bool,
    /// Redefine user methods and reopen user classes mid-run.
    pub user_redefinition: bool,
    /// Blocks inside methods: a block given to `each`/`inject`/`times` inside a method
    /// (reading `self`, writing the method's locals, or yielding to the method's block).
    /// Off, those methods loop or yield directly instead.
    pub blocks_in_methods: bool,
    /// Methods that `return` from inside a block.
    pub nonlocal_return: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            core_redefinition: true,
            user_redefinition: true,
            blocks_in_methods: true,
            nonlocal_return: true,
        }
    }
}

/// Writes the program of `seed` with `opts`.
pub fn generate_with(seed: u64, opts: &Options) -> String {
    let mut g = Gen::new(seed);
    g.opts = opts.clone();
    g.program(seed);
    let mut s = g.out.join("\n");
    s.push('\n');
    s
}

const WORDS: &[&str] = &[
    "alpha", "beta", "gamma", "x", "ok", "zz", "hi there", "mid", "a-b", "end", "nil?", "42",
];

impl Gen {
    fn new(seed: u64) -> Gen {
        Gen {
            rng: Rng::new(seed),
            out: Vec::new(),
            indent: 0,
            scopes: vec![(true, Vec::new())],
            counter: 0,
            meths: Vec::new(),
            classes: Vec::new(),
            errors: Vec::new(),
            twists: Twists::default(),
            core: false,
            int_calc: false,
            core_redefiners: Vec::new(),
            user_redefiners: Vec::new(),
            budget: 9000,
            loop_depth: 0,
            in_def: false,
            call_limit: usize::MAX,
            focus: Vec::new(),
            focus_marks: Vec::new(),
            opts: Options::default(),
            consts: Vec::new(),
        }
    }

    // ----- output -----

    fn emit(&mut self, s: impl AsRef<str>) {
        let line = format!("{}{}", "  ".repeat(self.indent), s.as_ref());
        self.out.push(line);
    }
    fn open(&mut self, s: impl AsRef<str>) {
        self.emit(s);
        self.indent += 1;
    }
    fn mid(&mut self, s: impl AsRef<str>) {
        self.indent -= 1;
        self.emit(s);
        self.indent += 1;
    }
    fn close(&mut self) {
        self.indent -= 1;
        self.emit("end");
    }
    fn fresh(&mut self, prefix: &str) -> String {
        self.counter += 1;
        format!("{prefix}{}", self.counter)
    }

    // ----- scopes -----

    fn push_scope(&mut self, barrier: bool) {
        self.scopes.push((barrier, Vec::new()));
        self.focus_marks.push(self.focus.len());
    }
    fn pop_scope(&mut self) {
        self.scopes.pop();
        let m = self.focus_marks.pop().unwrap_or(0);
        self.focus.truncate(m);
    }
    /// Declares a variable that expressions of this scope should use often.
    fn declare_focus(&mut self, v: Var) {
        self.focus.push(v.name.clone());
        self.declare(v);
    }
    fn declare(&mut self, v: Var) {
        // A re-declaration replaces (a top-level variable changing type).
        for (_, s) in self.scopes.iter_mut().rev() {
            if let Some(old) = s.iter_mut().find(|x| x.name == v.name) {
                *old = v;
                return;
            }
        }
        self.scopes.last_mut().unwrap().1.push(v);
    }
    fn visible(&self) -> Vec<Var> {
        let mut out = Vec::new();
        for (barrier, s) in self.scopes.iter().rev() {
            out.extend(s.iter().cloned());
            if *barrier {
                break;
            }
        }
        out.extend(self.consts.iter().cloned());
        out
    }
    fn pick_var(&mut self, f: impl Fn(&Var) -> bool) -> Option<Var> {
        let vs: Vec<Var> = self.visible().into_iter().filter(|v| f(v)).collect();
        if !self.focus.is_empty() && self.rng.pct(60) {
            let fs: Vec<Var> = vs
                .iter()
                .filter(|v| self.focus.contains(&v.name))
                .cloned()
                .collect();
            if !fs.is_empty() {
                return Some(self.rng.pick(&fs).clone());
            }
        }
        if vs.is_empty() {
            None
        } else {
            Some(self.rng.pick(&vs).clone())
        }
    }
    /// Marks a variable's new bound after a loop or an assignment.
    fn set_bits(&mut self, name: &str, bits: u32, t: T) {
        for (_, s) in self.scopes.iter_mut().rev() {
            if let Some(v) = s.iter_mut().find(|x| x.name == name) {
                v.bits = bits;
                v.t = t;
                return;
            }
        }
    }

    // ----- literals -----

    fn int_lit(&mut self, budget: u32) -> (String, u32) {
        const BOUNDARY: &[(&str, u32)] = &[
            ("4611686018427387903", 62),
            ("4611686018427387904", 63),
            ("(2**62)", 63),
            ("(2**62 - 1)", 62),
            ("(-4611686018427387904)", 63),
            ("(-(2**62) - 1)", 63),
            ("9223372036854775807", 63),
            ("(2**63)", 64),
            ("(-9223372036854775808)", 64),
            ("(2**64 + 1)", 65),
            ("18446744073709551616", 65),
            ("0x7fff_ffff_ffff_ffff", 63),
            ("0x4000_0000_0000_0000", 63),
            ("(2**63 - 1)", 63),
            ("(2**61 + 12345)", 62),
            ("(3 * 2**60)", 62),
            ("(-(2**63))", 64),
            ("(2**100)", 101),
            ("123456789012345678901234567890", 97),
        ];
        let r = self.rng.below(100);
        if r < 45 || budget < 12 {
            let v = self.rng.range(-30, 120);
            return (lit_i(v), 7);
        }
        if r < 65 || budget < 66 {
            let v = self.rng.range(-1_000_000, 1_000_000_000);
            let s = match self.rng.below(4) {
                0 if v > 0 => format!("0x{v:x}"),
                1 if v > 1000 => with_underscores(v),
                _ => lit_i(v),
            };
            return (s, 30);
        }
        if r < 72 {
            let v = self.rng.range(0, 255);
            return (format!("0b{v:b}"), 8);
        }
        let opts: Vec<&(&str, u32)> = BOUNDARY.iter().filter(|(_, b)| *b <= budget).collect();
        let (s, b) = self.rng.pick(&opts);
        (s.to_string(), *b)
    }

    fn flt_lit(&mut self) -> (String, u32) {
        const F: &[(&str, u32)] = &[
            ("1.5", 1),
            ("0.1", 1),
            ("2.0", 1),
            ("-3.25", 2),
            ("1e10", 34),
            ("2.5e-3", 1),
            ("1.0e20", 67),
            ("123.456", 7),
            ("0.5", 1),
            ("1e-5", 1),
            ("3.0e15", 52),
            ("1e16", 54),
            ("4.611686018427388e+18", 63),
            ("9.3e18", 64),
            ("7.0", 3),
            ("0.3", 1),
            ("-12.75", 4),
        ];
        let (s, b) = self.rng.pick(F);
        let s = if s.starts_with('-') {
            format!("({s})")
        } else {
            s.to_string()
        };
        (s, *b)
    }

    /// A non-zero literal divisor: (text, bits added to a dividend).
    fn divisor(&mut self, float_ok: bool) -> (String, u32) {
        if float_ok && self.rng.pct(30) {
            let (s, add) = *self.rng.pick(&[
                ("2.5", 0),
                ("0.5", 1),
                ("3.0", 0),
                ("(-4.0)", 0),
                ("0.25", 2),
                ("1e-3", 10),
            ]);
            return (s.to_string(), add);
        }
        let v = *self.rng.pick(&[
            1i64,
            2,
            3,
            5,
            7,
            10,
            16,
            100,
            -3,
            -7,
            1000003,
            4611686018427387904,
        ]);
        (lit_i(v), 0)
    }

    // ----- expressions -----

    /// An Integer expression whose magnitude stays below 2**budget.
    fn int_e(&mut self, d: u32, budget: u32) -> (String, u32) {
        let budget = budget.max(8);
        if d == 0 || self.rng.pct(25) {
            return self.int_leaf(budget);
        }
        match self
            .rng
            .weighted(&[20, 10, 10, 8, 8, 4, 6, 4, 4, 5, 3, 6, 3, 4])
        {
            0 => {
                let (a, ba) = self.int_e(d - 1, budget - 1);
                let (b, bb) = self.int_e(d - 1, budget - 1);
                let op = *self.rng.pick(&["+", "-"]);
                (format!("({a} {op} {b})"), ba.max(bb) + 1)
            }
            1 => {
                let half = (budget / 2).max(8);
                let (a, ba) = self.int_e(d - 1, half);
                let (b, bb) = self.int_e(d - 1, budget.saturating_sub(ba).max(8).min(half));
                if ba + bb > budget {
                    return self.int_leaf(budget);
                }
                (format!("({a} * {b})"), ba + bb)
            }
            2 => {
                let (a, ba) = self.int_e(d - 1, budget);
                let (b, bb) = self.int_e(d - 1, budget);
                let op = *self.rng.pick(&["&", "|", "^"]);
                (format!("({a} {op} {b})"), ba.max(bb) + 1)
            }
            3 => {
                let (a, ba) = self.int_e(d - 1, budget);
                let (dv, _) = self.divisor(false);
                (format!("({a} / {dv})"), ba)
            }
            4 => {
                let (a, _) = self.int_e(d - 1, budget);
                let (dv, _) = self.divisor(false);
                let bits = if dv.len() > 10 { 63 } else { 20 };
                (format!("({a} % {dv})"), bits.min(budget))
            }
            5 => {
                let k = self.rng.range(0, 3) as u32;
                let (a, ba) = self.int_leaf((budget / k.max(1)).min(70));
                (format!("({a} ** {k})"), (ba * k).max(1))
            }
            6 => {
                let (a, ba) = self.int_e(d - 1, budget.saturating_sub(8).max(8));
                let room = budget.saturating_sub(ba).min(70);
                let k = self.rng.range(0, room as i64);
                (format!("({a} << {k})"), ba + k as u32)
            }
            7 => {
                let (a, ba) = self.int_e(d - 1, budget);
                let k = self.rng.range(0, 80);
                (format!("({a} >> {k})"), ba)
            }
            8 => {
                let (a, ba) = self.int_e(d - 1, budget);
                let f = *self.rng.pick(&["-", "~"]);
                (format!("({f}{a})"), ba + 1)
            }
            9 => {
                let (a, ba) = self.int_e(d - 1, budget);
                (format!("{a}.abs"), ba)
            }
            10 => {
                let c = self.bool_e(d - 1);
                let (a, ba) = self.int_e(d - 1, budget);
                let (b, bb) = self.int_e(d - 1, budget);
                (format!("({c} ? {a} : {b})"), ba.max(bb))
            }
            11 => {
                // From other types.
                match self.rng.below(5) {
                    0 => {
                        let (f, bf) = self.flt_e(d - 1, budget.min(200), false);
                        (format!("{f}.to_i"), bf + 1)
                    }
                    1 => {
                        let s = self.str_e(d - 1);
                        (format!("{s}.size"), 16)
                    }
                    _ => self.arr_int_e(budget),
                }
            }
            12 => {
                let (a, _) = self.int_e(d - 1, budget);
                (format!("({a} <=> {})", self.int_leaf(budget).0), 2)
            }
            _ => self.call_int(budget),
        }
    }

    fn int_leaf(&mut self, budget: u32) -> (String, u32) {
        if self.rng.pct(60) {
            if let Some(v) = self.pick_var(|v| v.t == T::Int && v.bits <= budget) {
                return (v.name, v.bits);
            }
        }
        self.int_lit(budget)
    }

    /// An Integer read from an array of Integers.
    fn arr_int_e(&mut self, budget: u32) -> (String, u32) {
        let Some(a) = self.pick_var(|v| v.t == T::ArrI && v.bits + 8 <= budget && v.len > 0) else {
            return self.int_leaf(budget);
        };
        match self.rng.below(7) {
            0 => (
                format!("{}[{}]", a.name, self.rng.below(a.len as u64)),
                a.bits,
            ),
            1 => (format!("{}.first", a.name), a.bits),
            2 => (format!("{}.last", a.name), a.bits),
            3 => (format!("{}.sum", a.name), a.bits + 8),
            4 => (format!("{}.size", a.name), 16),
            5 => (format!("{}.inject {{ |s, x| s + x }}", a.name), a.bits + 8),
            _ => (format!("{}.count", a.name), 16),
        }
    }

    fn call_int(&mut self, budget: u32) -> (String, u32) {
        let cands: Vec<Meth> = self
            .meths
            .iter()
            .take(self.call_limit)
            .filter(|m| m.kind == MK::Int && m.ret_bits <= budget)
            .cloned()
            .collect();
        if cands.is_empty() {
            return self.int_leaf(budget);
        }
        let m = self.rng.pick(&cands).clone();
        let (a, _) = self.int_e(1, ARG_BITS);
        let (b, _) = self.int_e(1, ARG_BITS);
        (format!("{}({a}, {b})", m.name), m.ret_bits)
    }

    /// A Float expression below 2**budget; `inf`: it may also be Infinity or NaN.
    fn flt_e(&mut self, d: u32, budget: u32, inf: bool) -> (String, u32) {
        let budget = budget.max(8);
        if d == 0 || self.rng.pct(25) {
            return self.flt_leaf(budget, inf);
        }
        match self.rng.weighted(&[20, 10, 8, 6, 5, 5, 6, 4, 4, 3]) {
            0 => {
                let (a, ba) = self.flt_e(d - 1, budget - 1, inf);
                let (b, bb) = self.flt_e(d - 1, budget - 1, inf);
                let op = *self.rng.pick(&["+", "-"]);
                (format!("({a} {op} {b})"), ba.max(bb) + 1)
            }
            1 => {
                let half = (budget / 2).max(8);
                let (a, ba) = self.flt_e(d - 1, half, inf);
                let (b, bb) = self.flt_e(d - 1, half, inf);
                (format!("({a} * {b})"), ba + bb)
            }
            2 => {
                let (dv, add) = self.divisor(true);
                let (a, ba) = self.flt_e(d - 1, budget.saturating_sub(add).max(8), inf);
                (format!("({a} / {dv})"), ba + add)
            }
            3 if inf => {
                let (a, ba) = self.flt_e(d - 1, budget, inf);
                let b = match self.rng.below(3) {
                    0 => "0.0".to_string(),
                    1 => "0".to_string(),
                    _ => self.flt_e(d - 1, budget, inf).0,
                };
                (format!("({a} / {b})"), ba)
            }
            4 => {
                let (a, ba) = self.flt_e(d - 1, budget.saturating_sub(70).max(8), inf);
                let (b, bb) = self.int_e(d - 1, 70);
                let op = *self.rng.pick(&["+", "-", "*"]);
                let bits = if op == "*" { ba + bb } else { ba.max(bb) + 1 };
                if self.rng.pct(50) {
                    (format!("({a} {op} {b})"), bits)
                } else {
                    (format!("({b} {op} {a})"), bits)
                }
            }
            5 => {
                let (a, ba) = self.int_e(d - 1, budget.min(EXPR_BITS));
                (format!("{a}.to_f"), ba)
            }
            6 => {
                let (a, ba) = self.flt_e(d - 1, budget, inf);
                if self.rng.pct(50) {
                    (format!("{a}.abs"), ba)
                } else {
                    (format!("(-{a})"), ba)
                }
            }
            7 => {
                let (a, ba) = self.flt_e(d - 1, (budget / 2).max(8), inf);
                (format!("({a} ** 2)"), ba * 2)
            }
            8 => {
                let (a, _) = self.flt_e(d - 1, budget, inf);
                let m = *self.rng.pick(&["7.5", "3", "0.25", "100"]);
                (format!("({a} % {m})"), 7)
            }
            _ => {
                let c = self.bool_e(d - 1);
                let (a, ba) = self.flt_e(d - 1, budget, inf);
                let (b, bb) = self.flt_e(d - 1, budget, inf);
                (format!("({c} ? {a} : {b})"), ba.max(bb))
            }
        }
    }

    fn flt_leaf(&mut self, budget: u32, inf: bool) -> (String, u32) {
        if self.rng.pct(55) {
            if let Some(v) = self.pick_var(|v| v.t == T::Flt && v.bits <= budget && (inf || !v.inf))
            {
                return (v.name, v.bits);
            }
        }
        if self.rng.pct(15) {
            if let Some(a) = self.pick_var(|v| v.t == T::ArrF && v.len > 0 && v.bits <= budget) {
                let k = self.rng.below(a.len as u64);
                return (format!("{}[{k}]", a.name), a.bits);
            }
        }
        self.flt_lit()
    }

    /// An expression that is valid whether its Num variables hold Integers or Floats.
    fn num_e(&mut self, d: u32, budget: u32) -> (String, u32) {
        let budget = budget.max(8);
        if d == 0 || self.rng.pct(25) {
            return self.num_leaf(budget);
        }
        match self.rng.weighted(&[25, 12, 8, 4, 5, 4, 4, 4, 6]) {
            0 => {
                let (a, ba) = self.num_e(d - 1, budget - 1);
                let (b, bb) = self.num_e(d - 1, budget - 1);
                let op = *self.rng.pick(&["+", "-"]);
                (format!("({a} {op} {b})"), ba.max(bb) + 1)
            }
            1 => {
                let half = (budget / 2).max(8);
                let (a, ba) = self.num_e(d - 1, half);
                let (b, bb) = self.num_e(d - 1, half);
                (format!("({a} * {b})"), ba + bb)
            }
            2 => {
                let (dv, add) = self.divisor(true);
                let (a, ba) = self.num_e(d - 1, budget.saturating_sub(add).max(8));
                (format!("({a} / {dv})"), ba + add)
            }
            3 => {
                let (a, _) = self.num_e(d - 1, budget);
                let m = *self.rng.pick(&["7", "1000", "2.5", "(-3)"]);
                (format!("({a} % {m})"), 10)
            }
            4 => {
                let (a, ba) = self.num_e(d - 1, budget);
                if self.rng.pct(50) {
                    (format!("{a}.abs"), ba)
                } else {
                    (format!("(-{a})"), ba)
                }
            }
            5 => {
                let (a, ba) = self.num_leaf((budget / 2).max(8));
                (format!("({a} ** 2)"), ba * 2)
            }
            6 => {
                let c = self.bool_e(d - 1);
                let (a, ba) = self.num_e(d - 1, budget);
                let (b, bb) = self.num_e(d - 1, budget);
                (format!("({c} ? {a} : {b})"), ba.max(bb))
            }
            7 => {
                let (a, ba) = self.num_e(d - 1, budget.min(EXPR_BITS));
                (format!("{a}.to_f"), ba)
            }
            _ => self.call_num(budget),
        }
    }

    fn num_leaf(&mut self, budget: u32) -> (String, u32) {
        if self.rng.pct(65) {
            if let Some(v) = self.pick_var(|v| {
                matches!(v.t, T::Int | T::Num) && v.bits <= budget
                    || v.t == T::Flt && !v.inf && v.bits <= budget
            }) {
                return (v.name, v.bits);
            }
        }
        if self.rng.pct(25) {
            self.flt_lit()
        } else {
            self.int_lit(budget.min(66))
        }
    }

    fn call_num(&mut self, budget: u32) -> (String, u32) {
        let tw = self.twists;
        let cands: Vec<Meth> = self
            .meths
            .iter()
            .take(self.call_limit)
            .filter(|m| {
                matches!(m.kind, MK::Num | MK::Rec | MK::YieldOpt)
                    && m.ret_bits <= budget
                    && !(m.needs_plus && tw.plus)
                    && !(m.needs_minus && tw.minus)
            })
            .cloned()
            .collect();
        if cands.is_empty() {
            return self.num_leaf(budget);
        }
        let m = self.rng.pick(&cands).clone();
        match m.kind {
            MK::Rec => {
                let n = self.rng.range(0, 30);
                (format!("{}({n})", m.name), m.ret_bits)
            }
            MK::YieldOpt => {
                let (a, _) = self.num_e(0, ARG_BITS);
                if self.rng.pct(50) {
                    (format!("{}({a})", m.name), m.ret_bits)
                } else {
                    let (b, _) = self.num_e(1, 60);
                    (format!("{}({a}) {{ |z| z * {b} }}", m.name), m.ret_bits)
                }
            }
            _ => {
                let (a, _) = self.num_e(1, ARG_BITS);
                if self.rng.pct(40) {
                    (format!("{}({a})", m.name), m.ret_bits)
                } else {
                    let (b, _) = self.num_e(1, ARG_BITS);
                    (format!("{}({a}, {b})", m.name), m.ret_bits)
                }
            }
        }
    }

    fn bool_e(&mut self, d: u32) -> String {
        let d = d.min(2);
        match self.rng.weighted(&[25, 12, 8, 6, 6, 5, 5, 4, 4]) {
            0 => {
                let op = *self.rng.pick(&["<", ">", "<=", ">=", "==", "!="]);
                let (a, _) = self.num_e(d, EXPR_BITS);
                let (b, _) = self.num_e(d, EXPR_BITS);
                format!("({a} {op} {b})")
            }
            1 => {
                let op = *self.rng.pick(&["<", ">", "==", "!="]);
                let (a, _) = self.int_e(d, EXPR_BITS);
                let (b, _) = self.int_e(d, EXPR_BITS);
                format!("({a} {op} {b})")
            }
            2 => {
                let (a, _) = self.int_e(d, EXPR_BITS);
                format!("{a}.{}", self.rng.pick(&["even?", "odd?"]))
            }
            3 if d > 0 => {
                let a = self.bool_e(d - 1);
                let b = self.bool_e(d - 1);
                let op = *self.rng.pick(&["&&", "||", "and", "or"]);
                format!("({a} {op} {b})")
            }
            4 if d > 0 => {
                let a = self.bool_e(d - 1);
                if self.rng.pct(50) {
                    format!("(!{a})")
                } else {
                    format!("(not {a})")
                }
            }
            5 => {
                if let Some(a) = self.pick_var(|v| v.t == T::ArrI) {
                    let (x, _) = self.int_e(0, 70);
                    if self.rng.pct(70) {
                        return format!("{}.include?({x})", a.name);
                    }
                    return format!("{}.empty?", a.name);
                }
                "true".to_string()
            }
            6 => {
                let s = self.str_e(d);
                let w = *self.rng.pick(WORDS);
                format!("({s} == {})", quote(w))
            }
            7 => {
                let (e, t) = self.any_e(d);
                let _ = t;
                let c = *self.rng.pick(&["Integer", "Float", "String", "Array"]);
                format!("{e}.is_a?({c})")
            }
            _ => {
                let (e, _) = self.any_e(d);
                if self.rng.pct(50) {
                    format!("{e}.nil?")
                } else {
                    (*self.rng.pick(&["true", "false"])).to_string()
                }
            }
        }
    }

    fn str_e(&mut self, d: u32) -> String {
        let d = d.min(2);
        match self.rng.weighted(&[20, 20, 8, 8, 6, 6, 8]) {
            0 => self.str_lit(),
            1 => {
                let (e, _) = self.any_e(d.saturating_sub(1));
                let w = *self.rng.pick(WORDS);
                format!("\"{}=#{{{e}}}\"", escape(w))
            }
            2 if d > 0 => {
                let a = self.str_e(d - 1);
                let b = self.str_e(d - 1);
                format!("({a} + {b})")
            }
            3 => {
                let (e, _) = self.num_e(d, EXPR_BITS);
                format!("{e}.to_s")
            }
            4 => {
                if let Some(a) = self.pick_var(|v| matches!(v.t, T::ArrI | T::ArrS | T::ArrF)) {
                    let sep = *self.rng.pick(&["\",\"", "\"-\"", "\"\"", "\" | \""]);
                    return format!("{}.join({sep})", a.name);
                }
                self.str_lit()
            }
            5 => {
                if let Some(o) = self.pick_var(|v| v.t == T::Obj) {
                    let m = *self.rng.pick(&["name", "to_s"]);
                    return format!("{}.{m}", o.name);
                }
                self.str_lit()
            }
            _ => {
                if let Some(v) = self.pick_var(|v| v.t == T::Str) {
                    return v.name;
                }
                self.str_lit()
            }
        }
    }

    fn str_lit(&mut self) -> String {
        let w = *self.rng.pick(WORDS);
        match self.rng.below(6) {
            0 => format!("'{w}'"),
            1 => "\"tab\\there\"".to_string(),
            2 => "'q#{no}'".to_string(),
            3 => "\"quote\\\"d\"".to_string(),
            _ => quote(w),
        }
    }

    /// Any printable expression, with its type.
    fn any_e(&mut self, d: u32) -> (String, T) {
        match self.rng.weighted(&[25, 15, 15, 10, 10, 8, 4, 6, 4]) {
            0 => (self.int_e(d, EXPR_BITS).0, T::Int),
            1 => (self.flt_e(d, EXPR_BITS, true).0, T::Flt),
            2 => (self.num_e(d, EXPR_BITS).0, T::Num),
            3 => (self.str_e(d), T::Str),
            4 => (self.bool_e(d), T::Bool),
            5 => {
                if let Some(v) =
                    self.pick_var(|v| matches!(v.t, T::ArrI | T::ArrF | T::ArrS | T::Arr2))
                {
                    let t = v.t;
                    return (v.name, t);
                }
                (self.arr_lit(d).0, T::ArrI)
            }
            6 => (
                (*self.rng.pick(&["nil", ":sym", ":done", "true"])).to_string(),
                T::Bool,
            ),
            7 => (self.arr_lit(d).0, T::ArrI),
            _ => {
                let (a, _) = self.int_e(d, EXPR_BITS);
                let (b, _) = self.flt_e(d, EXPR_BITS, true);
                let s = self.str_e(0);
                (format!("[{a}, {b}, {s}, nil]"), T::ArrI)
            }
        }
    }

    /// An array literal of Integers: (text, element bits, length).
    fn arr_lit(&mut self, d: u32) -> (String, u32, usize) {
        let n = self.rng.range(0, 6) as usize;
        let mut items = Vec::new();
        let mut bits = 8;
        for _ in 0..n {
            let (e, b) = if self.rng.pct(70) {
                self.int_lit(70)
            } else {
                self.int_e(d.min(1), 70)
            };
            bits = bits.max(b);
            items.push(e);
        }
        (format!("[{}]", items.join(", ")), bits, n)
    }

    // ----- printing -----

    fn print_e(&mut self, e: &str, t: T) {
        let f = self.rng.below(10);
        match f {
            0..=4 => self.emit(format!("p({e})")),
            5 | 6 if t != T::Bool => self.emit(format!("puts({e})")),
            7 => self.emit(format!("print({e}, \"\\n\")")),
            _ => {
                let w = self.fresh("v");
                self.emit(format!("puts(\"{w}: #{{{e}}}\")"));
            }
        }
    }

    fn print_any(&mut self) {
        let (e, t) = self.any_e(2);
        self.print_e(&e, t);
    }

    // ----- program -----

    fn program(&mut self, seed: u64) {
        self.emit(format!(
            "# generated by rebound's program generator (tests/src/gen), seed {seed}"
        ));
        self.core = self.rng.pct(50) && self.opts.core_redefinition;
        if self.core {
            self.core_aliases();
        }
        self.error_classes();
        for k in 0..self.rng.range(0, 2) {
            let name = ["SCALE", "LIMIT", "BIG"][k as usize + self.rng.below(2) as usize];
            if self.consts.iter().any(|c| c.name == name) {
                continue;
            }
            let (e, b) = if name == "BIG" {
                self.int_lit(70)
            } else {
                (self.rng.range(2, 40).to_string(), 6)
            };
            self.emit(format!("{name} = {e}"));
            self.consts.push(Var::new(name, T::Int, b).ro());
        }
        if self.core && self.rng.pct(50) {
            self.int_calc = true;
            self.open("class Integer");
            self.open("def calc(x)");
            self.emit("self * 2 - x");
            self.close();
            self.close();
        }
        let nclasses = self.rng.range(2, 4);
        for _ in 0..nclasses {
            self.class_def();
        }
        self.methods();
        self.redefiners();
        self.script_vars();
        let n = self.rng.range(6, 11);
        let mut counts = [0u32; 12];
        for _ in 0..n {
            if self.budget <= 0 {
                break;
            }
            let mut w: Vec<u32> = vec![
                10,
                8,
                12,
                11,
                13,
                9,
                9,
                if self.core { 12 } else { 0 },
                5,
                7,
                8,
                5,
            ];
            for (k, c) in counts.iter().enumerate() {
                if *c >= 2 {
                    w[k] = 0;
                }
            }
            let k = self.rng.weighted(&w);
            counts[k] += 1;
            self.emit(format!("# -- {}", SCENARIOS[k]));
            match k {
                0 => self.sc_arith(),
                1 => self.sc_boundary(),
                2 => self.sc_type_change(),
                3 => self.sc_poly(),
                4 => self.sc_blocks(),
                5 => self.sc_exceptions(),
                6 if self.opts.user_redefinition => self.sc_redef_user(),
                6 => self.sc_hot_loop(),
                7 => self.sc_redef_core(),
                8 => self.sc_recursion(),
                9 => self.sc_arrays(),
                10 => self.sc_hot_loop(),
                _ => self.sc_strings(),
            }
        }
        self.emit("# -- summary");
        for _ in 0..self.rng.range(1, 3) {
            self.print_any();
        }
        self.emit("puts(\"done\")");
    }

    fn core_aliases(&mut self) {
        self.open("class Integer");
        for (a, op) in INT_ALIASES {
            self.emit(format!("alias {a} {op}"));
        }
        self.close();
        self.open("class Float");
        for (a, op) in FLT_ALIASES {
            self.emit(format!("alias {a} {op}"));
        }
        self.close();
        self.open("class Array");
        for (a, op) in ARR_ALIASES {
            self.emit(format!("alias {a} {op}"));
        }
        self.close();
        self.open("class String");
        for (a, op) in STR_ALIASES {
            self.emit(format!("alias {a} {op}"));
        }
        self.close();
    }

    fn error_classes(&mut self) {
        let n = self.rng.range(1, 3);
        for k in 0..n {
            let name = format!("GenError{}", k + 1);
            let parent = if k > 0 && self.rng.pct(50) {
                self.errors[0].clone()
            } else {
                "StandardError".to_string()
            };
            self.open(format!("class {name} < {parent}"));
            self.close();
            self.errors.push(name);
        }
    }

    fn class_def(&mut self) {
        let idx = self.classes.len();
        let name = format!("K{}", idx + 1);
        let parent = if idx > 0 && self.rng.pct(55) {
            Some(self.rng.below(idx as u64) as usize)
        } else {
            None
        };
        self.in_def = true;
        match parent {
            None => self.open(format!("class {name}")),
            Some(p) => {
                let pn = self.classes[p].name.clone();
                self.open(format!("class {name} < {pn}"))
            }
        }
        let mut cls = Class {
            name: name.clone(),
            req: 2,
            opt: 0,
            writers: vec![],
            readers: vec![],
            make: false,
        };
        let own = match parent {
            None => vec!["a", "b"],
            Some(_) => vec!["c"],
        };
        if let Some(p) = parent {
            let pc = self.classes[p].clone();
            cls.writers = pc.writers.clone();
            cls.readers = pc.readers.clone();
        }
        // Attributes.
        for f in &own {
            match self.rng.below(4) {
                0 => {
                    self.emit(format!("attr_reader :{f}"));
                    cls.readers.push(f.to_string());
                }
                1 => {
                    self.emit(format!("attr_writer :{f}"));
                    cls.writers.push(f.to_string());
                }
                _ => {
                    self.emit(format!("attr_accessor :{f}"));
                    cls.readers.push(f.to_string());
                    cls.writers.push(f.to_string());
                }
            }
        }
        // initialize.
        match parent {
            None => {
                let opt = self.rng.pct(50);
                if opt {
                    let (l, _) = self.int_lit(20);
                    self.open(format!("def initialize(a, b = {l})"));
                    cls.req = 1;
                    cls.opt = 1;
                } else {
                    self.open("def initialize(a, b)");
                }
                self.emit("@a = a");
                self.emit("@b = b");
                self.close();
            }
            Some(p) => {
                let pc = self.classes[p].clone();
                cls.req = pc.req + pc.opt + 1;
                let (l, _) = self.int_lit(20);
                let pars: Vec<String> = (0..pc.req + pc.opt).map(|k| format!("p{k}")).collect();
                self.open(format!("def initialize({}, c = {l})", pars.join(", ")));
                cls.req = pars.len();
                cls.opt = 1;
                if self.rng.pct(50) {
                    self.emit(format!("super({})", pars.join(", ")));
                } else {
                    // zsuper passes every parameter, c too: only when the arity fits.
                    self.emit(format!("super({})", pars.join(", ")));
                }
                self.emit("@c = c");
                self.close();
            }
        }
        // A class method.
        if self.rng.pct(50) {
            self.open("def self.make(v)");
            let args: Vec<String> = (0..cls.req)
                .map(|k| {
                    if k == 0 {
                        "v".to_string()
                    } else {
                        format!("v * {}", k + 1)
                    }
                })
                .collect();
            self.emit(format!("new({})", args.join(", ")));
            self.close();
            cls.make = true;
        }
        // calc(x): Num in, Num out.
        self.push_scope(true);
        self.declare_focus(Var::new("x", T::Num, ARG_BITS));
        self.declare(Var::new("@a", T::Num, 70));
        self.declare(Var::new("@b", T::Num, 70));
        if parent.is_some() {
            self.declare(Var::new("@c", T::Num, 70));
        }
        self.open("def calc(x)");
        if parent.is_some() && self.rng.pct(75) {
            let sup = if self.rng.pct(50) {
                "super"
            } else {
                "super(x)"
            };
            let (e, _) = self.num_e(1, 70);
            let op = *self.rng.pick(&["+", "-"]);
            self.emit(format!("{sup} {op} {e}"));
        } else {
            self.num_body(200);
        }
        self.close();
        self.pop_scope();
        // name.
        self.open("def name");
        if parent.is_some() && self.rng.pct(60) {
            self.emit(format!("\"{name}<\" + super + \">\""));
        } else {
            self.emit(quote(&name));
        }
        self.close();
        // to_s.
        if parent.is_none() || self.rng.pct(50) {
            self.open("def to_s");
            let c = if parent.is_some() { ", #{@c}" } else { "" };
            self.emit(format!("\"{name}(#{{@a}}, #{{@b}}{c})\""));
            self.close();
        }
        // A block inside a method that reads self, and a yield from inside a block.
        if !self.opts.blocks_in_methods {
            self.open("def scaled(arr)");
            let f = *self.rng.pick(&["@a", "@b", "calc(arr.last)", "arr.last"]);
            self.emit(format!("arr.first * 2 + {f}"));
            self.close();
        } else if self.rng.pct(70) {
            self.open("def scaled(arr)");
            self.emit("t = 0");
            let f = *self.rng.pick(&["@a", "@b", "calc(x)", "x"]);
            self.emit(format!("arr.each {{ |x| t += x * 2 + {f} }}"));
            self.emit("t");
            self.close();
        } else {
            self.open("def scaled(arr)");
            self.emit(format!(
                "arr.inject(0) {{ |s, x| s + x * @{} }}",
                if parent.is_some() { "c" } else { "a" }
            ));
            self.close();
        }
        self.open("def each_scaled(arr)");
        if self.opts.blocks_in_methods {
            self.emit("arr.each { |x| yield x * @b }");
        } else {
            self.emit("yield arr.first * @b");
            self.emit("yield arr.last * @b");
        }
        self.emit("nil");
        self.close();
        self.close();
        self.in_def = false;
        self.classes.push(cls);
    }

    /// A few statements of a numeric method body, ending with its result.
    fn num_body(&mut self, budget: u32) -> u32 {
        let n = self.rng.range(0, 2);
        let mut ret = 0;
        for _ in 0..n {
            match self.rng.below(4) {
                0 => {
                    let c = self.cmp_num();
                    let (e, b) = self.num_e(2, budget);
                    ret = ret.max(b);
                    let m = if self.rng.pct(70) { "if" } else { "unless" };
                    self.emit(format!("return {e} {m} {c}"));
                }
                1 if self.opts.blocks_in_methods => {
                    // A block writing a local of the method.
                    let v = self.fresh("l");
                    self.emit(format!("{v} = 0"));
                    let (e, _) = self.num_e(1, 60);
                    let src = self.rng.pick(&["[a, b, 3]", "[a, a]", "[b]"]).to_string();
                    let vars: Vec<String> = self.visible().iter().map(|v| v.name.clone()).collect();
                    let src = if vars.contains(&"b".to_string()) {
                        src
                    } else {
                        "[x, 2]".to_string()
                    };
                    let (src, e) =
                        if vars.contains(&"a".to_string()) || vars.contains(&"x".to_string()) {
                            (src, e)
                        } else {
                            ("[1, 2]".to_string(), "1".to_string())
                        };
                    if self.rng.pct(50) {
                        self.emit(format!("{src}.each {{ |z| {v} += z * 2 - {e} }}"));
                    } else {
                        self.emit(format!("2.times {{ |z| {v} += {e} * z }}"));
                    }
                    self.declare(Var::new(&v, T::Num, ARG_BITS + 4));
                }
                _ => {
                    let v = self.fresh("l");
                    let (e, b) = self.num_e(2, budget.min(ARG_BITS));
                    self.emit(format!("{v} = {e}"));
                    self.declare(Var::new(&v, T::Num, b));
                }
            }
        }
        let (e, b) = self.num_e(2, budget);
        self.emit(e);
        ret.max(b)
    }

    fn cmp_num(&mut self) -> String {
        let op = *self.rng.pick(&["<", ">", "<=", ">=", "=="]);
        let (a, _) = self.num_e(0, ARG_BITS);
        let (b, _) = self.num_e(0, ARG_BITS);
        format!("{a} {op} {b}")
    }

    fn methods(&mut self) {
        let kinds = [
            (MK::Num, 2),
            (MK::Int, 1),
            (MK::Poly, 1),
            (MK::Rec, 1),
            (MK::Fib, 1),
            (MK::Yield, 1),
            (MK::YieldArr, 1),
            (MK::YieldOpt, 1),
            (MK::NlRet, 1),
            (MK::NlRetY, 1),
            (MK::Thrower, 1),
            (MK::Loop, 1),
        ];
        for (k, n) in kinds {
            let n = if self.rng.pct(70) {
                n
            } else {
                n + self.rng.below(2) as usize
            };
            for _ in 0..n {
                let skip = matches!(k, MK::NlRet | MK::NlRetY) && !self.opts.nonlocal_return;
                if self.rng.pct(85) && !skip {
                    self.method(k);
                }
            }
        }
    }

    fn method(&mut self, kind: MK) {
        let name = self.fresh(match kind {
            MK::Num => "num",
            MK::Int => "int",
            MK::Poly => "poly",
            MK::Rec => "rec",
            MK::Fib => "fib",
            MK::Yield | MK::YieldArr | MK::YieldOpt => "yld",
            MK::NlRet | MK::NlRetY => "find",
            MK::Thrower => "check",
            MK::Loop => "sum",
        });
        let mut m = Meth {
            name: name.clone(),
            kind,
            ret_bits: 8,
            needs_plus: false,
            needs_minus: false,
            callee: None,
            raises: vec![],
        };
        self.in_def = true;
        self.push_scope(true);
        match kind {
            MK::Num => {
                let (l, _) = self.int_lit(20);
                self.open(format!("def {name}(a, b = {l})"));
                self.declare_focus(Var::new("a", T::Num, ARG_BITS));
                self.declare_focus(Var::new("b", T::Num, ARG_BITS));
                m.ret_bits = self.num_body(EXPR_BITS - 10) + 2;
                self.close();
            }
            MK::Int => {
                self.open(format!("def {name}(a, b)"));
                self.declare_focus(Var::new("a", T::Int, ARG_BITS));
                self.declare_focus(Var::new("b", T::Int, ARG_BITS));
                if self.rng.pct(40) {
                    let (e, _) = self.int_e(2, ARG_BITS);
                    self.emit(format!("c = {e}"));
                    self.declare(Var::new("c", T::Int, ARG_BITS));
                }
                if self.rng.pct(40) {
                    let (e, b) = self.int_e(2, EXPR_BITS - 20);
                    m.ret_bits = b;
                    self.emit(format!("return {e} if a > b"));
                }
                let (e, b) = self.int_e(2, EXPR_BITS - 20);
                m.ret_bits = m.ret_bits.max(b);
                self.emit(e);
                self.close();
            }
            MK::Poly => {
                self.open(format!("def {name}(a, b)"));
                match self.rng.below(3) {
                    0 => {
                        self.emit("c = a + b");
                        self.emit("d = b + a");
                        self.emit("\"#{c}|#{d}|#{a == b}\"");
                    }
                    1 => {
                        self.emit("c = a + b + a");
                        self.emit("return \"same #{c}\" if a == b");
                        self.emit("c.to_s + \"/\" + b.to_s");
                    }
                    _ => {
                        self.emit("s = a.to_s + b.to_s");
                        self.emit("\"#{s.size}:#{a + b}\"");
                    }
                }
                self.close();
            }
            MK::Rec => {
                self.open(format!("def {name}(n, acc = 0)"));
                self.emit("return acc if n <= 0");
                self.declare_focus(Var::new("n", T::Int, 6));
                self.declare(Var::new("acc", T::Num, 100));
                let (e, _) = self.num_e(1, 40);
                self.emit(format!("{name}(n - 1, acc + n * 3 - {e})"));
                self.close();
                m.ret_bits = 110;
                m.needs_minus = true;
            }
            MK::Fib => {
                self.open(format!("def {name}(n)"));
                self.emit("return n if n < 2");
                let k = self.rng.range(1, 3);
                if k == 1 {
                    self.emit(format!("{name}(n - 1) + {name}(n - 2)"));
                } else {
                    self.emit(format!("{name}(n - 1) + {name}(n - 2) + {k}"));
                }
                self.close();
                m.ret_bits = 20;
                m.needs_minus = true;
            }
            MK::Yield => {
                self.open(format!("def {name}(n)"));
                let k = self.rng.range(1, 9);
                if self.rng.pct(60) || !self.opts.blocks_in_methods {
                    self.emit("i = 0");
                    self.open("while i < n");
                    if self.rng.pct(50) {
                        self.emit(format!("yield i, i * {k}"));
                    } else {
                        self.emit(format!("yield(i, i * {k})"));
                    }
                    self.emit("i += 1");
                    self.close();
                    m.needs_plus = true;
                } else {
                    self.emit(format!("n.times {{ |i| yield i, i * {k} }}"));
                }
                self.emit("n");
                self.close();
                m.ret_bits = 8;
            }
            MK::YieldArr => {
                self.open(format!("def {name}(arr)"));
                let w = *self
                    .rng
                    .pick(&["yield x", "yield x * 2", "yield(x + 1)", "yield x, x"]);
                if self.opts.blocks_in_methods {
                    self.emit(format!("arr.each {{ |x| {w} }}"));
                } else {
                    self.emit(w.replace('x', "arr.first"));
                }
                self.emit(":done");
                self.close();
            }
            MK::YieldOpt => {
                self.open(format!("def {name}(x)"));
                self.emit("return x unless block_given?");
                self.emit("yield(x) + 1");
                self.close();
                m.ret_bits = 210;
            }
            MK::NlRet => {
                self.open(format!("def {name}(arr, lim)"));
                self.open("arr.each do |x|");
                let f = *self.rng.pick(&["x * 2", "x", "x - lim"]);
                self.emit(format!("return {f} if x > lim"));
                self.close();
                self.emit("-1");
                self.close();
                m.ret_bits = 80;
            }
            MK::NlRetY => {
                let Some(y) = self.meths.iter().position(|x| x.kind == MK::Yield) else {
                    self.pop_scope();
                    self.in_def = false;
                    return;
                };
                let yn = self.meths[y].name.clone();
                m.needs_plus = self.meths[y].needs_plus;
                m.callee = Some(y);
                self.open(format!("def {name}(n, lim)"));
                self.open(format!("{yn}(n) do |a, b|"));
                self.emit("return a + b if b > lim");
                self.close();
                self.emit("-2");
                self.close();
                m.ret_bits = 12;
            }
            MK::Loop => {
                self.open(format!("def {name}(n, k)"));
                self.emit("s = 0");
                self.emit("i = 0");
                self.open("while i < n");
                let body =
                    *self
                        .rng
                        .pick(&["s += i * k", "s += (i % 7) * k - i", "s = s - k + i * 2"]);
                self.emit(body);
                if self.rng.pct(40) {
                    self.emit("s += 1 if i == n / 2");
                }
                self.emit("i += 1");
                self.close();
                self.emit("s");
                self.close();
                m.needs_plus = true;
                m.ret_bits = 90;
            }
            MK::Thrower => {
                self.open(format!("def {name}(x)"));
                let k = self.rng.range(3, 9);
                let r = self.rng.range(0, k - 1);
                let e0 = self.rng.pick(&self.errors.clone()).clone();
                self.emit(format!("raise {e0}, \"bad #{{x}}\" if x % {k} == {r}"));
                m.raises.push(e0);
                if self.rng.pct(60) {
                    let lim = self.rng.range(200, 900);
                    self.emit(format!("raise ArgumentError, \"too big\" if x > {lim}"));
                    m.raises.push("ArgumentError".into());
                }
                if self.rng.pct(50) {
                    let v = self.rng.range(0, 60);
                    self.emit(format!("raise \"plain #{{x}}\" if x == {v}"));
                    m.raises.push("RuntimeError".into());
                }
                if self.rng.pct(30) {
                    let e1 = self.rng.pick(&self.errors.clone()).clone();
                    let v = self.rng.range(0, 60);
                    self.emit(format!("raise {e1}.new(\"made #{{x}}\") if x == {v}"));
                    m.raises.push(e1);
                }
                self.emit("x * 2 + 1");
                self.close();
                m.ret_bits = 24;
            }
        }
        self.pop_scope();
        self.in_def = false;
        self.meths.push(m);
    }

    /// Methods whose call redefines a method: nested `def` inside a method of the class
    /// (which defines in that class).
    fn redefiners(&mut self) {
        if self.core && self.rng.pct(70) {
            let (class, op, body) = self.core_twist_nonterm();
            let name = self.fresh("gen_redef");
            self.open(format!("class {class}"));
            self.open(format!("def {name}"));
            for l in body {
                self.emit(l);
            }
            self.close();
            self.close();
            let recv = match class {
                "Integer" => "0",
                "Float" => "0.0",
                "Array" => "[]",
                _ => "\"\"",
            };
            let _ = op;
            self.core_redefiners.push(format!("{recv}.{name}"));
        }
        if self.rng.pct(60) {
            let cands: Vec<usize> = (0..self.meths.len())
                .filter(|&i| self.meths[i].kind == MK::Num)
                .collect();
            if !cands.is_empty() {
                let t = *self.rng.pick(&cands);
                let name = self.fresh("redef");
                self.open(format!("def {name}"));
                self.in_def = true;
                self.redefine_num_method(t);
                self.in_def = false;
                self.close();
                self.user_redefiners.push(name);
            }
        }
    }

    /// `def NAME(a, b = L) ... end` again, with a new body of the same bound.
    fn redefine_num_method(&mut self, t: usize) {
        let name = self.meths[t].name.clone();
        let bits = self.meths[t].ret_bits;
        self.push_scope(true);
        let (l, _) = self.int_lit(20);
        self.open(format!("def {name}(a, b = {l})"));
        self.declare_focus(Var::new("a", T::Num, ARG_BITS));
        self.declare_focus(Var::new("b", T::Num, ARG_BITS));
        let old = (self.loop_depth, self.call_limit);
        self.loop_depth = 0;
        self.call_limit = t;
        let (e, _) = self.num_e(2, bits.saturating_sub(2).max(8));
        self.emit(e);
        (self.loop_depth, self.call_limit) = old;
        self.close();
        self.pop_scope();
    }

    fn script_vars(&mut self) {
        let (a, bits, len) = self.arr_lit(1);
        let (a, bits, len) = if len < 3 {
            ("[3, 1, 4, 1, 5]".to_string(), 8, 5)
        } else {
            (a, bits, len)
        };
        self.emit(format!("arr = {a}"));
        let mut v = Var::new("arr", T::ArrI, bits);
        v.len = len;
        self.declare(v);
        let n = self.rng.range(3, 6);
        let fl: Vec<String> = (0..n).map(|_| self.flt_lit().0).collect();
        self.emit(format!("farr = [{}]", fl.join(", ")));
        let mut v = Var::new("farr", T::ArrF, 70);
        v.len = n as usize;
        self.declare(v);
        let ws: Vec<String> = (0..3)
            .map(|_| quote(self.rng.pick::<&str>(WORDS)))
            .collect();
        self.emit(format!("sarr = [{}]", ws.join(", ")));
        let mut v = Var::new("sarr", T::ArrS, 0);
        v.len = 3;
        self.declare(v);
        // Objects of every class.
        let mut objs = Vec::new();
        for k in 0..self.classes.len() {
            let c = self.classes[k].clone();
            let nargs = c.req + if self.rng.pct(50) { c.opt } else { 0 };
            let args: Vec<String> = (0..nargs).map(|_| self.int_lit(40).0).collect();
            let o = format!("o{}", k + 1);
            if c.make && self.rng.pct(60) {
                let l = self.int_lit(40).0;
                self.emit(format!("{o} = {}.make({l})", c.name));
            } else {
                self.emit(format!("{o} = {}.new({})", c.name, args.join(", ")));
            }
            let mut v = Var::new(&o, T::Obj, 0);
            v.class = k;
            self.declare(v);
            objs.push(o);
        }
        self.emit(format!("objs = [{}]", objs.join(", ")));
        let v0 = self.fresh("v");
        let (e, b) = self.int_e(2, 100);
        self.emit(format!("{v0} = {e}"));
        self.declare(Var::new(&v0, T::Int, b));
        let v1 = self.fresh("f");
        let (e, b) = self.flt_e(2, 100, false);
        self.emit(format!("{v1} = {e}"));
        self.declare(Var::new(&v1, T::Flt, b));
    }

    // ----- loops -----

    /// Opens a loop of `n` iterations: `while`, `until`, or `times`/`upto` (always `times`
    /// while `Integer#+` is changed). Returns the counter and whether `loop_close` must
    /// write the increment.
    fn hot_loop(&mut self, n: i64) -> (String, bool) {
        let i = self.fresh("i");
        self.budget -= n;
        let is_while = !(self.twists.plus || self.rng.pct(15));
        if !is_while {
            if self.rng.pct(80) || self.twists.plus {
                self.open(format!("{n}.times do |{i}|"));
            } else {
                self.open(format!("0.upto({}) do |{i}|", n - 1));
            }
        } else {
            self.emit(format!("{i} = 0"));
            if self.rng.pct(80) {
                self.open(format!("while {i} < {n}"));
            } else {
                self.open(format!("until {i} >= {n}"));
            }
        }
        self.push_scope(false);
        self.declare_focus(Var::new(&i, T::Int, 14).ro());
        self.loop_depth += 1;
        (i, is_while)
    }

    fn loop_close(&mut self, i: &str, was_while: bool) {
        if was_while {
            self.emit(format!("{i} += 1"));
        }
        self.loop_depth -= 1;
        self.pop_scope();
        self.close();
    }

    fn loop_n(&mut self) -> i64 {
        let n = *self
            .rng
            .pick(&[120i64, 300, 400, 500, 700, 900, 1200, 1500]);
        n.min(self.budget.max(60))
    }

    /// An integer accumulator `tN = 0`, capped at ACC_BITS.
    fn acc(&mut self, t: T) -> String {
        let a = self.fresh("t");
        match t {
            T::Flt => self.emit(format!("{a} = 0.0")),
            _ => self.emit(format!("{a} = 0")),
        }
        self.declare(Var::new(&a, t, ACC_BITS));
        a
    }

    /// One update of an accumulator inside a loop.
    fn acc_update(&mut self, acc: &str, t: T) {
        match t {
            T::Int => match self.rng.below(5) {
                0 | 1 => {
                    let (e, _) = self.int_e(2, ACC_BITS - 20);
                    self.emit(format!("{acc} += {e}"));
                }
                2 => {
                    let (e, _) = self.int_e(2, ACC_BITS - 20);
                    self.emit(format!("{acc} -= {e}"));
                }
                3 => {
                    let (e, _) = self.int_e(2, ACC_BITS - 20);
                    let m = *self.rng.pick(&[
                        "1000003",
                        "(2**64 + 13)",
                        "4611686018427387903",
                        "65536",
                    ]);
                    self.emit(format!("{acc} = ({acc} * 3 + {e}) % {m}"));
                }
                _ => {
                    let (e, _) = self.int_e(2, ACC_BITS - 20);
                    self.emit(format!("{acc} = {acc} ^ {e}"));
                }
            },
            T::Flt => {
                let (e, _) = self.flt_e(2, ACC_BITS - 20, false);
                if self.rng.pct(70) {
                    self.emit(format!("{acc} += {e}"));
                } else {
                    self.emit(format!("{acc} = {acc} * 0.5 + {e}"));
                }
            }
            _ => {
                let (e, _) = self.num_e(2, ACC_BITS - 20);
                let op = *self.rng.pick(&["+=", "-="]);
                self.emit(format!("{acc} {op} {e}"));
            }
        }
    }

    fn sparse_print<S: AsRef<str>>(&mut self, i: &str, what: &[S]) {
        let m = *self.rng.pick(&[50, 97, 100, 128, 250]);
        let inner: Vec<String> = what
            .iter()
            .map(|w| format!("#{{{}}}", w.as_ref()))
            .collect();
        let tag = self.fresh("at");
        self.emit(format!(
            "puts(\"{tag} #{{{i}}}: {}\") if {i} % {m} == 0",
            inner.join(" ")
        ));
    }

    /// A random statement valid inside a loop body (writes only new locals).
    fn loop_stmt(&mut self, i: &str, accs: &[(String, T)]) {
        match self.rng.weighted(&[30, 15, 10, 10, 8]) {
            0 if !accs.is_empty() => {
                let (a, t) = self.rng.pick(accs).clone();
                self.acc_update(&a, t);
            }
            1 => {
                let v = self.fresh("w");
                let (e, b) = self.int_e(2, EXPR_BITS);
                self.emit(format!("{v} = {e}"));
                self.declare(Var::new(&v, T::Int, b));
            }
            2 if !accs.is_empty() => {
                let (a, t) = self.rng.pick(accs).clone();
                let c = self.bool_e(1);
                let kw = if self.rng.pct(75) { "if" } else { "unless" };
                self.open(format!("{kw} {c}"));
                self.acc_update(&a, t);
                if self.rng.pct(50) {
                    self.mid("else");
                    self.acc_update(&a, t);
                }
                self.close();
            }
            3 if !accs.is_empty() => {
                let (a, t) = self.rng.pick(accs).clone();
                if t == T::Int {
                    if let Some(arr) = self.pick_var(|v| v.t == T::ArrI && v.bits < 200) {
                        self.emit(format!("{}.each {{ |x| {a} += x * {i} }}", arr.name));
                        return;
                    }
                }
                self.acc_update(&a, t);
            }
            _ => {
                let (e, t) = self.any_e(1);
                let _ = t;
                let m = *self.rng.pick(&[100, 128, 300]);
                self.emit(format!("p({e}) if {i} % {m} == 7"));
            }
        }
    }

    // ----- scenarios -----

    fn sc_arith(&mut self) {
        for _ in 0..self.rng.range(1, 3) {
            let v = self.fresh("v");
            if self.rng.pct(60) {
                let (e, b) = self.int_e(3, EXPR_BITS);
                self.emit(format!("{v} = {e}"));
                self.declare(Var::new(&v, T::Int, b));
            } else {
                let inf = self.rng.pct(30);
                let (e, b) = self.flt_e(3, EXPR_BITS, inf);
                self.emit(format!("{v} = {e}"));
                let mut var = Var::new(&v, T::Flt, b);
                var.inf = inf;
                self.declare(var);
            }
        }
        for _ in 0..self.rng.range(3, 7) {
            match self.rng.below(6) {
                0 => {
                    let (e, _) = self.int_e(3, EXPR_BITS);
                    self.print_e(&e, T::Int);
                }
                1 => {
                    let (e, _) = self.flt_e(3, EXPR_BITS, true);
                    self.print_e(&e, T::Flt);
                }
                2 => {
                    let e = self.bool_e(2);
                    self.print_e(&e, T::Bool);
                }
                3 => self.zero_div(),
                4 => {
                    let (e, _) = self.int_e(2, 100);
                    self.emit(format!("p({e}, {e}.class, ({e}).to_s, ({e}).to_f)"));
                }
                _ => self.print_any(),
            }
        }
        if self.rng.pct(25) {
            let v = self.fresh("v");
            let (e, b) = self.int_e(2, 100);
            self.emit(format!("{v} = nil"));
            self.emit(format!("{v} ||= {e}"));
            self.emit(format!("{v} &&= {v} * 2"));
            self.emit(format!("{v} ||= 0"));
            self.emit(format!("p({v})"));
            self.declare(Var::new(&v, T::Int, b + 2));
        }
        if self.rng.pct(30) {
            // Multiple assignment and swap.
            let a = self.fresh("v");
            let b = self.fresh("v");
            let (x, bx) = self.int_e(1, 100);
            let (y, by) = self.flt_e(1, 100, false);
            self.emit(format!("{a}, {b} = {x}, {y}"));
            self.emit(format!("{a}, {b} = {b}, {a}"));
            self.emit(format!("p({a}, {b})"));
            self.declare(Var::new(&a, T::Flt, by));
            self.declare(Var::new(&b, T::Int, bx));
        }
    }

    fn zero_div(&mut self) {
        let (a, _) = self.int_e(2, 100);
        let b = match self.rng.below(3) {
            0 => "0".to_string(),
            1 => {
                let (x, _) = self.int_e(1, 100);
                format!("({x} - {x})")
            }
            _ => self.int_e(1, 60).0,
        };
        let op = *self.rng.pick(&["/", "%"]);
        self.open("begin");
        self.emit(format!("p({a} {op} {b})"));
        self.mid("rescue ZeroDivisionError => e");
        self.emit("puts(\"rescued #{e.class}: #{e.message}\")");
        self.close();
    }

    /// Integers crossing the fixnum and 64-bit boundaries inside a hot loop.
    fn sc_boundary(&mut self) {
        let n = self.loop_n().max(100);
        let cross = self.rng.range(n / 3, n - 1);
        let v = self.fresh("b");
        let acc = self.acc(T::Int);
        let kind = self.rng.below(4);
        let (limit_exp, neg) = (*self.rng.pick(&[62u32, 62, 63, 64]), self.rng.pct(30));
        let step_exp = self.rng.range(20, (limit_exp as i64) - 12) as u32;
        match kind {
            0 | 1 => {
                // v += step crosses +-2**limit at iteration `cross`.
                let step = format!("(2**{step_exp} + {})", self.rng.range(0, 999));
                let start = if neg {
                    format!("-(2**{limit_exp}) + {cross} * {step}")
                } else {
                    format!("2**{limit_exp} - {cross} * {step}")
                };
                self.emit(format!("{v} = {start}"));
                self.declare(Var::new(&v, T::Int, limit_exp + 2));
                let (i, w) = self.hot_loop(n);
                if neg {
                    self.emit(format!("{v} -= {step}"));
                } else {
                    self.emit(format!("{v} += {step}"));
                }
                let m = *self.rng.pick(&["1000", "(2**40)", "7", "65537"]);
                match self.rng.below(3) {
                    0 => self.emit(format!("{acc} += {v} % {m}")),
                    1 => self.emit(format!("{acc} = {acc} ^ ({v} >> 3)")),
                    _ => self.emit(format!("{acc} += ({v} * 3) & 0xffff")),
                }
                self.sparse_print(&i, &[&v, &acc]);
                if self.rng.pct(50) {
                    self.loop_stmt(&i, &[(acc.clone(), T::Int)]);
                }
                self.loop_close(&i, w);
            }
            2 => {
                // i * k overflows at iteration `cross`.
                let k = format!("(2**{limit_exp} / {cross} + 1)");
                self.emit(format!("{v} = 0"));
                let (i, w) = self.hot_loop(n);
                let sign = if neg { "-" } else { "" };
                self.emit(format!("{v} = {sign}{i} * {k}"));
                self.declare(Var::new(&v, T::Int, limit_exp + 2));
                self.emit(format!("{acc} += {v} - {i}"));
                self.sparse_print(&i, &[v.clone(), format!("{v}.class")]);
                self.loop_close(&i, w);
            }
            _ => {
                // Shifts: i << s passes 2**62 and 2**63.
                let s = self.rng.range(52, 60);
                self.emit(format!("{v} = 0"));
                let (i, w) = self.hot_loop(n);
                self.emit(format!("{v} = ({i} << {s}) + {i}"));
                self.declare(Var::new(&v, T::Int, 80));
                self.emit(format!("{acc} += ({v} >> {}) + ({v} & 1023)", s - 2));
                self.sparse_print(&i, &[&v]);
                self.loop_close(&i, w);
            }
        }
        self.set_bits(&v, 80, T::Int);
        self.emit(format!("p({v}, {acc})"));
        self.emit(format!(
            "puts(\"#{{{v}.class}} #{{{v} > 2**62}} #{{{v}.to_f}}\")"
        ));
    }

    /// A method or an expression that is hot with Integers, then sees Floats, big
    /// Integers or Strings.
    fn sc_type_change(&mut self) {
        let nums: Vec<Meth> = self.callable(|m| m.kind == MK::Num);
        let polys: Vec<Meth> = self.callable(|m| m.kind == MK::Poly);
        let n = self.loop_n();
        let switch = self.rng.range(n / 2, n - 1);
        let x = self.fresh("x");
        let loops: Vec<Meth> = self.callable(|m| m.kind == MK::Loop);
        if !loops.is_empty() && self.rng.pct(25) {
            // A method whose loop is entered by OSR, then called with other types.
            let m = self.rng.pick(&loops).clone();
            let k = self.rng.range(1, 9);
            self.emit(format!("p({}(500, {k}))", m.name));
            let other =
                *self
                    .rng
                    .pick(&["2.5", "2**62", "(-(2**63))", "0.125", "4611686018427387903"]);
            self.emit(format!("p({}(300, {other}))", m.name));
            let acc = self.acc(T::Num);
            let (i, w) = self.hot_loop(n.min(300));
            self.emit(format!(
                "{acc} += {}({i} % 40, {i} < {switch} ? {k} : {other})",
                m.name
            ));
            self.loop_close(&i, w);
            self.emit(format!("p({acc})"));
            return;
        }
        let use_poly = !polys.is_empty() && self.rng.pct(30);
        if use_poly {
            let m = self.rng.pick(&polys).clone();
            let acc = self.acc(T::Int);
            let (i, w) = self.hot_loop(n);
            let alt = *self.rng.pick(&["{i}.to_s", "\"s\" + {i}.to_s", "\"\""]);
            let alt = alt.replace("{i}", &i);
            self.emit(format!("{x} = {i} < {switch} ? {i} : {alt}"));
            let r = self.fresh("r");
            self.emit(format!("{r} = {}({x}, {x})", m.name));
            self.emit(format!("{acc} += {r}.size"));
            self.sparse_print(&i, &[&r]);
            self.loop_close(&i, w);
            self.emit(format!("p({acc})"));
            self.emit(format!("p({}(\"a\", \"b\"), {}(2**64, 1))", m.name, m.name));
            return;
        }
        let acc = self.acc(T::Num);
        let (i, w) = self.hot_loop(n);
        let alt = *self.rng.pick(&[
            "{i} * 0.5",
            "{i} + 2**62",
            "{i} * 2**64",
            "{i} - 2**63",
            "{i}.to_f / 3",
            "-{i} * 4611686018427387",
            "({i}.even? ? {i} + 0.25 : 2**62 + {i})",
        ]);
        let alt = alt.replace("{i}", &i);
        self.emit(format!("{x} = {i} < {switch} ? {i} : {alt}"));
        self.declare_focus(Var::new(&x, T::Num, 80));
        if !nums.is_empty() && self.rng.pct(75) {
            let m = self.rng.pick(&nums).clone();
            let (b, _) = self.num_e(1, 60);
            self.emit(format!("{acc} += {}({x}, {b})", m.name));
        } else {
            let (e, _) = self.num_e(2, ACC_BITS - 100);
            if e.contains(x.as_str()) {
                self.emit(format!("{acc} += {e}"));
            } else {
                self.emit(format!("{acc} += {x} * 3 - {e}"));
            }
        }
        self.sparse_print(&i, &[&acc, &x]);
        if self.rng.pct(40) {
            self.loop_stmt(&i, &[(acc.clone(), T::Num)]);
        }
        self.loop_close(&i, w);
        self.emit(format!("p({acc})"));
        // Direct calls with other types after the hot phase.
        if let Some(m) = nums.first() {
            let args = [
                "1.5, 2",
                "2**62, 1",
                "-(2**63), 2**62",
                "0.1, 0.2",
                "4611686018427387903, 1",
                "3, 2.5",
            ];
            for _ in 0..self.rng.range(1, 3) {
                let a = *self.rng.pick(&args);
                self.emit(format!("p({}({a}))", m.name));
            }
        }
    }

    fn callable(&self, f: impl Fn(&Meth) -> bool) -> Vec<Meth> {
        self.meths
            .iter()
            .filter(|m| {
                f(m) && !(m.needs_plus && self.twists.plus) && !(m.needs_minus && self.twists.minus)
            })
            .cloned()
            .collect()
    }

    /// A call site whose receivers go from one class to two, then more.
    fn sc_poly(&mut self) {
        let n = self.loop_n().max(200);
        let p1 = self.rng.range(n / 4, n / 2);
        let p2 = self.rng.range(p1, n - 1);
        let nc = self.classes.len();
        let mut pool: Vec<String> = (0..nc).map(|k| format!("o{}", k + 1)).collect();
        if self.int_calc {
            pool.push(self.rng.range(1, 9).to_string());
        }
        let first = self.rng.below(pool.len() as u64) as usize;
        pool.swap(0, first);
        let ps = self.fresh("ps");
        self.emit(format!("{ps} = [{}]", pool.join(", ")));
        let acc = self.acc(T::Num);
        let (i, w) = self.hot_loop(n);
        let o = self.fresh("r");
        self.emit(format!(
            "{o} = {i} < {p1} ? {ps}[0] : ({i} < {p2} ? {ps}[{i} % 2] : {ps}[{i} % {}])",
            pool.len()
        ));
        let arg = match self.rng.below(3) {
            0 => i.clone(),
            1 => format!("{i} * 3 + 1"),
            _ => format!("({i} < {p2} ? {i} : {i} * 0.5)"),
        };
        self.emit(format!("{acc} += {o}.calc({arg})"));
        if self.rng.pct(40) {
            let tag = self.fresh("pc");
            self.emit(format!(
                "puts(\"{tag} #{{{i}}} #{{{o}.class}} #{{{o}}}\") if {i} % 61 == 0"
            ));
        }
        if self.rng.pct(40) {
            // Change an attribute's type mid-loop (an ivar guard).
            let cands: Vec<usize> = (0..nc)
                .filter(|&k| self.classes[k].writers.contains(&"b".to_string()))
                .collect();
            if !cands.is_empty() {
                let k = *self.rng.pick(&cands);
                let val = *self.rng.pick(&["2.5", "2**62", "-1", "0.125", "2**64"]);
                let at = self.rng.range(p1, n - 1);
                self.emit(format!("o{}.b = {val} if {i} == {at}", k + 1));
            }
        }
        self.sparse_print(&i, &[&acc]);
        self.loop_close(&i, w);
        self.emit(format!("p({acc})"));
        for k in 0..nc {
            if self.rng.pct(40) {
                self.emit(format!("puts(o{}.name + \" \" + o{}.to_s)", k + 1, k + 1));
            }
        }
    }

    fn sc_blocks(&mut self) {
        let count = self.rng.range(2, 4);
        for _ in 0..count {
            self.block_stmt();
        }
    }

    fn block_stmt(&mut self) {
        let arr = self
            .pick_var(|v| v.t == T::ArrI && v.bits < 100 && v.len > 0)
            .map(|v| v.name)
            .unwrap_or("arr".into());
        match self.rng.below(18) {
            0 => {
                let acc = self.acc(T::Int);
                let (e, _) = self.int_e(1, 60);
                self.emit(format!("{arr}.each {{ |x| {acc} += x * {e} }}"));
                self.emit(format!("p({acc})"));
            }
            1 => {
                let r = self.fresh("m");
                let (e, _) = self.int_e(1, 60);
                self.emit(format!("{r} = {arr}.map {{ |x| x * 2 + {e} }}"));
                self.emit(format!("p({r})"));
            }
            2 => {
                let r = self.fresh("m");
                let k = self.rng.range(2, 5);
                self.emit(format!("{r} = {arr}.select {{ |x| x % {k} == 1 }}"));
                self.emit(format!("p({r}, {r}.size)"));
            }
            3 => {
                let r = self.fresh("m");
                if self.rng.pct(50) {
                    self.emit(format!("{r} = {arr}.inject(0) {{ |s, x| s + x * x }}"));
                } else {
                    self.emit(format!("{r} = {arr}.inject {{ |s, x| s * 2 + x }}"));
                }
                self.emit(format!("p({r})"));
            }
            4 => {
                let acc = self.acc(T::Int);
                self.open(format!("{arr}.each_with_index do |x, j|"));
                self.emit(format!("{acc} += x * j"));
                self.emit("puts(\"#{j}:#{x}\") if j < 2");
                self.close();
                self.emit(format!("p({acc})"));
            }
            5 => {
                // A hot block.
                let n = self.loop_n();
                self.budget -= n;
                let acc = self.acc(T::Int);
                let k = self.rng.range(3, 11);
                let f = *self.rng.pick(&[
                    "{acc} += k % {k}",
                    "{acc} += k * k - {k}",
                    "{acc} = ({acc} + k) % 1000003",
                ]);
                let f = f.replace("{acc}", &acc).replace("{k}", &k.to_string());
                self.emit(format!("{n}.times {{ |k| {f} }}"));
                self.emit(format!("p({acc})"));
            }
            6 => {
                let acc = self.acc(T::Int);
                let (a, b) = (self.rng.range(-5, 5), self.rng.range(5, 40));
                if self.rng.pct(50) {
                    self.emit(format!("{a}.upto({b}) {{ |k| {acc} += k * 3 }}"));
                } else {
                    self.emit(format!("{b}.downto({a}) {{ |k| {acc} -= k }}"));
                }
                self.emit(format!("p({acc})"));
            }
            7 => {
                // A user method that yields, a block writing captured locals.
                let ys = self.callable(|m| m.kind == MK::Yield);
                if let Some(m) = ys.first() {
                    let acc = self.acc(T::Int);
                    let n = self.rng.range(0, 12);
                    let c = self.fresh("c");
                    self.emit(format!("{c} = 0"));
                    self.open(format!("{}({n}) do |a, b|", m.name));
                    self.emit(format!("{acc} += a * b"));
                    self.emit(format!("{c} += 1"));
                    self.emit("next if a.even?");
                    self.emit(format!("{acc} -= 1"));
                    self.close();
                    self.emit(format!("p({acc}, {c})"));
                    self.declare(Var::new(&c, T::Int, 10));
                }
            }
            8 => {
                let ys = self.callable(|m| m.kind == MK::YieldArr);
                if let Some(m) = ys.first() {
                    let acc = self.acc(T::Int);
                    self.emit(format!("r = {}({arr}) {{ |x| {acc} += x }}", m.name));
                    self.emit(format!("p(r, {acc})"));
                }
            }
            9 => {
                // break with and without a value.
                let r = self.fresh("br");
                let k = self.rng.range(0, 6);
                match self.rng.below(4) {
                    0 => self.emit(format!(
                        "{r} = {arr}.each {{ |x| break x * 10 if x > {k} }}"
                    )),
                    1 => self.emit(format!("{r} = {}.times {{ |x| break if x == {k} }}", k + 2)),
                    2 => self.emit(format!(
                        "{r} = {arr}.map {{ |x| break :stopped if x == {k} ; x + 1 }}"
                    )),
                    _ => self.emit(format!(
                        "{r} = 1.upto(50) {{ |x| break x if x * x > {} }}",
                        k * 40
                    )),
                }
                self.emit(format!("p({r})"));
            }
            10 => {
                // next with and without a value.
                let r = self.fresh("nx");
                let k = self.rng.range(0, 6);
                self.open(format!("{r} = {arr}.map do |x|"));
                self.emit(format!("next 0 if x == {k}"));
                self.emit("next x * 100 if x.odd?");
                self.emit("x");
                self.close();
                self.emit(format!("p({r})"));
                let acc = self.acc(T::Int);
                self.emit(format!("{arr}.each {{ |x| next if x > {k}; {acc} += x }}"));
                self.emit(format!("p({acc})"));
            }
            11 => {
                // Non-local return, hot.
                let ns = self.callable(|m| matches!(m.kind, MK::NlRet | MK::NlRetY));
                if ns.is_empty() {
                    return;
                }
                let m = self.rng.pick(&ns).clone();
                let n = self.loop_n().min(600);
                let acc = self.acc(T::Int);
                let (i, w) = self.hot_loop(n);
                match m.kind {
                    MK::NlRet => self.emit(format!("{acc} += {}({arr}, {i} % 9 - 2)", m.name)),
                    _ => self.emit(format!("{acc} += {}({i} % 7, {i} % 13)", m.name)),
                }
                self.sparse_print(&i, &[&acc]);
                self.loop_close(&i, w);
                self.emit(format!("p({acc})"));
            }
            12 => {
                // A block that reads self inside a method, and yields inside a block.
                if self.classes.is_empty() {
                    return;
                }
                let k = self.rng.below(self.classes.len() as u64) + 1;
                let acc = self.acc(T::Num);
                let n = self.loop_n().min(500);
                let (i, w) = self.hot_loop(n);
                if self.rng.pct(50) {
                    self.emit(format!("{acc} += o{k}.scaled({arr})"));
                } else {
                    self.emit(format!(
                        "o{k}.each_scaled({arr}) {{ |y| {acc} += y - {i} }}"
                    ));
                }
                self.sparse_print(&i, &[&acc]);
                self.loop_close(&i, w);
                self.emit(format!("p({acc})"));
            }
            13 => {
                // Nested blocks writing an outer local.
                let acc = self.acc(T::Int);
                self.open(format!("{arr}.each do |x|"));
                self.emit(format!("[1, 2, 3].each {{ |y| {acc} += x * y }}"));
                self.emit(format!("{acc} -= x if x.odd?"));
                self.close();
                self.emit(format!("p({acc})"));
            }
            14 => {
                let ys = self.callable(|m| m.kind == MK::YieldOpt);
                if let Some(m) = ys.first() {
                    let n = self.loop_n().min(800);
                    let acc = self.acc(T::Num);
                    let (i, w) = self.hot_loop(n);
                    let k = self.rng.range(1, 5);
                    self.emit(format!("{acc} += {}({i}) {{ |z| z * {k} }}", m.name));
                    if self.rng.pct(50) {
                        self.emit(format!("{acc} += {}({i} * 0.5) if {i} > {}", m.name, n / 2));
                    }
                    self.loop_close(&i, w);
                    self.emit(format!("p({acc})"));
                }
            }
            15 => {
                let r = self.fresh("an");
                let n = self.rng.range(0, 8);
                let (c1, c2) = (self.rng.range(0, 9), self.rng.range(0, 9));
                self.emit(format!("{r} = Array.new({n}) {{ |k| k * k - {c1} }}"));
                self.emit(format!("p({r}, Array.new(3, {c2}), Array.new(2))"));
            }
            16 => {
                // Locals read before their assignment, in a method and a block that run
                // again in one frame once inlined into a hot loop: each run starts them
                // at nil (a block's locals are its own, a method's are its call's).
                let acc = self.acc(T::Int);
                let (f, ml, bl) = (self.fresh("fresh"), self.fresh("ml"), self.fresh("bl"));
                self.open(format!("def {f}(a)"));
                self.emit(format!("{ml} = ({ml} || 0) + a"));
                self.emit(ml.clone());
                self.close();
                let n = self.loop_n().min(600);
                let (i, w) = self.hot_loop(n);
                match self.rng.below(3) {
                    0 => self.emit(format!(
                        "{arr}.each {{ |x| {bl} = ({bl} || 0) + x % 7; {acc} += {bl} }}"
                    )),
                    1 => self.emit(format!(
                        "3.times {{ |y| {bl} = ({bl} || y) * 2 + 1; {acc} += {bl} }}"
                    )),
                    _ => {
                        self.open(format!("{arr}.each do |x|"));
                        self.emit(format!("{bl} = {bl}.nil? ? 1 : {bl} + 100"));
                        self.emit(format!("[x % 3, 1].each {{ |y| {acc} += {f}(y) + {bl} }}"));
                        self.close();
                    }
                }
                self.emit(format!("{acc} += {f}({i} % 5)"));
                self.sparse_print(&i, &[&acc]);
                self.loop_close(&i, w);
                self.emit(format!("p({acc})"));
            }
            _ => {
                // Float array blocks.
                let acc = self.acc(T::Flt);
                self.emit(format!("farr.each {{ |x| {acc} += x * 1.5 }}"));
                self.emit(format!(
                    "p({acc}, farr.map {{ |x| x / 2 }}, farr.select {{ |x| x > 1.0 }})"
                ));
            }
        }
    }

    fn sc_exceptions(&mut self) {
        let throwers = self.callable(|m| m.kind == MK::Thrower);
        if throwers.is_empty() || self.rng.pct(30) {
            self.exc_simple();
            return;
        }
        let m = self.rng.pick(&throwers).clone();
        let n = self.loop_n().min(900);
        let acc = self.acc(T::Int);
        let c = self.fresh("c");
        self.emit(format!("{c} = 0"));
        self.declare(Var::new(&c, T::Int, 14));
        let (i, w) = self.hot_loop(n);
        self.open("begin");
        let start = self.rng.range(0, n / 2);
        self.emit(format!("{acc} += {}({i} + {start})", m.name));
        let mut raises = m.raises.clone();
        raises.dedup();
        // The rescue clauses: a custom error first (so subclasses are rescued there).
        let mut clauses: Vec<String> = vec![];
        for e in self.errors.clone() {
            if self.rng.pct(60) {
                clauses.push(e);
            }
        }
        if self.rng.pct(50) {
            clauses.push("ArgumentError".into());
        }
        for cl in &clauses {
            self.mid(format!("rescue {cl} => e"));
            self.emit(format!("{c} += 1"));
            self.emit(format!(
                "puts(\"{cl} #{{e.class}} #{{e.message}}\") if {c} % 17 == 1"
            ));
        }
        self.mid("rescue => e");
        self.emit(format!("{c} += 2"));
        self.emit(format!(
            "puts(\"other #{{e.class}} #{{e.message}}\") if {c} % 13 == 2"
        ));
        if self.rng.pct(50) {
            self.mid("else");
            self.emit(format!("{acc} += 1"));
        }
        if self.rng.pct(60) {
            self.mid("ensure");
            self.emit(format!("{acc} += 3"));
        }
        self.close();
        self.loop_close(&i, w);
        self.emit(format!("p({acc}, {c})"));
        if self.rng.pct(50) {
            self.exc_simple();
        }
    }

    fn exc_simple(&mut self) {
        let e = self.rng.pick(&self.errors.clone()).clone();
        match self.rng.below(6) {
            0 => {
                self.open("begin");
                let raise = self
                    .rng
                    .pick(&[
                        "raise \"plain failure\"".to_string(),
                        format!("raise {e}, \"custom\""),
                        format!("raise {e}.new(\"built\")"),
                        "raise ArgumentError, \"arg\"".to_string(),
                        "raise ArgumentError".to_string(),
                    ])
                    .clone();
                self.emit("puts(\"before\")");
                self.emit(raise);
                self.emit("puts(\"not reached\")");
                self.mid(format!("rescue {e} => err"));
                self.emit("puts(\"custom: #{err.message} #{err.class}\")");
                self.mid("rescue StandardError => err");
                self.emit("puts(\"std: #{err.message} (#{err.class})\")");
                self.mid("ensure");
                self.emit("puts(\"ensure ran\")");
                self.close();
            }
            1 => {
                // Runtime errors with CRuby's messages.
                let bad = *self.rng.pick(&[
                    "nil + 1",
                    "1 + \"a\"",
                    "\"a\" + 1",
                    "[1, 2].first.foo_bar",
                    "undefined_thing_here",
                    "Integer.new",
                    "5.upto",
                ]);
                let bad = if bad == "5.upto" { "1 + nil" } else { bad };
                self.open("begin");
                self.emit(format!("p({bad})"));
                self.mid("rescue NoMethodError, TypeError => err");
                self.emit("puts(\"#{err.class}: #{err.message}\")");
                self.mid("rescue NameError => err");
                self.emit("puts(\"name: #{err.message}\")");
                self.close();
            }
            2 => self.zero_div(),
            3 => {
                // Wrong number of arguments.
                let cands = self.callable(|m| m.kind == MK::Int);
                let name = cands
                    .first()
                    .map(|m| m.name.clone())
                    .unwrap_or("Array.new(1).push".into());
                self.open("begin");
                self.emit(format!("p({name}(1, 2, 3))"));
                self.mid("rescue ArgumentError => err");
                self.emit("puts(err.message)");
                self.close();
            }
            4 => {
                // A begin with a value, and ensure running once.
                let v = self.fresh("bv");
                let (a, _) = self.int_e(1, 60);
                self.open(format!("{v} = begin"));
                self.emit(format!("{a} / 0"));
                self.mid("rescue ZeroDivisionError");
                self.emit("-1");
                self.mid("ensure");
                self.emit("puts(\"ensure\")");
                self.close();
                self.emit(format!("p({v})"));
            }
            _ => {
                // Propagation through methods and blocks.
                let throwers = self.callable(|m| m.kind == MK::Thrower);
                if let Some(m) = throwers.first() {
                    self.open("begin");
                    self.emit(format!(
                        "[5, 3, 1].each {{ |x| p({}(x * 100 + 1)) }}",
                        m.name
                    ));
                    self.mid("rescue => err");
                    self.emit("puts(\"propagated #{err.class} #{err.message}\")");
                    self.close();
                } else {
                    self.zero_div();
                }
            }
        }
    }

    fn sc_redef_user(&mut self) {
        let nums: Vec<usize> = (0..self.meths.len())
            .filter(|&k| self.meths[k].kind == MK::Num)
            .collect();
        let n = self.loop_n();
        let at = self.rng.range(n / 3, n - 1);
        let choice = self.rng.below(5);
        if (choice == 0 || choice == 1) && !nums.is_empty() {
            let t = *self.rng.pick(&nums);
            let mname = self.meths[t].name.clone();
            let acc = self.acc(T::Num);
            let (i, w) = self.hot_loop(n);
            self.emit(format!("{acc} += {mname}({i})"));
            self.open(format!("if {i} == {at}"));
            if choice == 0 || self.user_redefiners.is_empty() {
                self.redefine_num_method(t);
            } else {
                let r = self.rng.pick(&self.user_redefiners.clone()).clone();
                self.emit(r);
            }
            self.close();
            self.sparse_print(&i, &[&acc]);
            self.loop_close(&i, w);
            self.emit(format!("p({acc}, {mname}(3), {mname}(2.5))"));
            return;
        }
        if self.classes.is_empty() {
            return;
        }
        // Reopen a class mid-loop: redefine calc, or alias and wrap it.
        let k = self.rng.below(self.classes.len() as u64) as usize;
        let cname = self.classes[k].name.clone();
        let acc = self.acc(T::Num);
        let (i, w) = self.hot_loop(n);
        let recv = if self.rng.pct(50) {
            format!("o{}", k + 1)
        } else {
            format!("objs[{i} % {}]", self.classes.len())
        };
        self.emit(format!("{acc} += {recv}.calc({i})"));
        self.open(format!("if {i} == {at}"));
        self.open(format!("class {cname}"));
        match self.rng.below(3) {
            0 => {
                let al = self.fresh("calc_v");
                self.emit(format!("alias {al} calc"));
                self.open("def calc(x)");
                let k2 = self.rng.range(1, 100);
                self.emit(format!("{al}(x) + {k2}"));
                self.close();
            }
            1 => {
                self.open("def calc(x)");
                self.push_scope(true);
                self.declare_focus(Var::new("x", T::Num, ARG_BITS));
                self.declare(Var::new("@a", T::Num, 70));
                let (e, _) = self.num_e(2, 180);
                self.emit(e);
                self.pop_scope();
                self.close();
            }
            _ => {
                self.open("def name");
                self.emit(format!("\"renamed {cname}\""));
                self.close();
            }
        }
        self.close();
        self.close();
        self.sparse_print(&i, &[&acc]);
        self.loop_close(&i, w);
        self.emit(format!("p({acc})"));
        self.emit(format!("puts(o{}.name)", k + 1));
    }

    /// A redefinition of a core operator that does not change what loops and recursion
    /// rely on: (class, op, lines of the class body).
    fn core_twist_nonterm(&mut self) -> (&'static str, &'static str, Vec<String>) {
        let all: &[(&str, &str, &[&str])] = &[
            (
                "Integer",
                "*",
                &[
                    "alias * +",
                    "def *(o)\n  __g_imul(o) + 1\nend",
                    "def *(o)\n  o == 2 ? __g_iadd(o) : __g_imul(o)\nend",
                    "def *(o)\n  __g_imul(o)\nend",
                ],
            ),
            (
                "Integer",
                "^",
                &["alias ^ |", "def ^(o)\n  __g_ixor(o).__g_ixor(1)\nend"],
            ),
            (
                "Integer",
                "&",
                &["alias & ^", "def &(o)\n  __g_iand(o)\nend"],
            ),
            ("Integer", "|", &["alias | &"]),
            (
                "Integer",
                "/",
                &[
                    "def /(o)\n  __g_idiv(o) + 1\nend",
                    "def /(o)\n  __g_idiv(o)\nend",
                ],
            ),
            (
                "Integer",
                "<<",
                &["alias << >>", "def <<(o)\n  __g_ishl(o)\nend"],
            ),
            ("Integer", "%", &["def %(o)\n  __g_imod(o)\nend"]),
            ("Integer", "<", &["def <(o)\n  __g_ilt(o)\nend"]),
            ("Integer", "+", &["def +(o)\n  __g_iadd(o)\nend"]),
            ("Integer", "-", &["def -(o)\n  __g_isub(o)\nend"]),
            (
                "Float",
                "+",
                &[
                    "alias + -",
                    "def +(o)\n  __g_fadd(o).__g_fadd(0.5)\nend",
                    "def +(o)\n  __g_fadd(o)\nend",
                ],
            ),
            ("Float", "-", &["alias - +"]),
            (
                "Float",
                "*",
                &["alias * +", "def *(o)\n  __g_fmul(o).__g_fadd(1.0)\nend"],
            ),
            (
                "Float",
                "/",
                &["def /(o)\n  __g_fdiv(o).__g_fadd(0.25)\nend"],
            ),
            ("Float", "<", &["alias < >", "def <(o)\n  __g_flt(o)\nend"]),
            (
                "Array",
                "size",
                &[
                    "def size\n  __g_asize.__g_iadd(1)\nend",
                    "def size\n  __g_asize\nend",
                ],
            ),
            (
                "Array",
                "length",
                &["def length\n  __g_alen.__g_imul(2)\nend"],
            ),
            ("Array", "first", &["alias first last"]),
            // Same results: versions that read or write elements inline must notice.
            (
                "Array",
                "[]",
                &["def [](i, n = nil)\n  n.nil? ? __g_aref(i) : __g_aref(i, n)\nend"],
            ),
            ("Array", "[]=", &["def []=(i, v)\n  __g_aset(i, v)\nend"]),
            (
                "Array",
                "<<",
                &[
                    "def <<(x)\n  __g_apush(x)\n  __g_apush(x)\nend",
                    "def <<(x)\n  __g_apush(x)\nend",
                ],
            ),
            (
                "String",
                "+",
                &["def +(o)\n  __g_sadd(o).__g_sadd(\"~\")\nend"],
            ),
            (
                "String",
                "size",
                &["def size\n  __g_ssize.__g_iadd(10)\nend"],
            ),
        ];
        let (c, op, forms) = *self.rng.pick(all);
        let f = *self.rng.pick(forms);
        (c, op, f.lines().map(|l| l.to_string()).collect())
    }

    /// A core redefinition episode: redefine (at top level, inside a hot loop, or by
    /// calling a redefiner method), use, maybe restore.
    fn sc_redef_core(&mut self) {
        let where_ = self.rng.below(4);
        // `Integer#+` / `Integer#-` changed: only at top level, with loops written as
        // `times` until restored.
        if where_ == 0 {
            let forms: &[(&str, &str, bool)] = &[
                ("+", "alias + -", true),
                (
                    "+",
                    "def +(o)\n  o.is_a?(Integer) ? __g_iadd(o).__g_iadd(1) : __g_iadd(o)\nend",
                    true,
                ),
                ("+", "def +(o)\n  __g_isub(o)\nend", true),
                ("-", "alias - +", false),
                (
                    "-",
                    "def -(o)\n  o.is_a?(Integer) ? __g_isub(o).__g_isub(1) : __g_isub(o)\nend",
                    false,
                ),
            ];
            let (op, body, plus) = *self.rng.pick(forms);
            self.open("class Integer");
            for l in body.lines() {
                self.emit(l);
            }
            self.close();
            if plus {
                self.twists.plus = true;
            } else {
                self.twists.minus = true;
            }
            self.emit(format!(
                "p(3 {op} 4, 2**64 {op} 1, 4611686018427387903 {op} 1)"
            ));
            let k = self.rng.range(1, 3);
            for _ in 0..k {
                match self.rng.below(3) {
                    0 => self.sc_hot_loop(),
                    1 => self.block_stmt(),
                    _ => self.sc_arith(),
                }
            }
            if self.rng.pct(75) {
                let orig = if op == "+" { "__g_iadd" } else { "__g_isub" };
                self.open("class Integer");
                self.emit(format!("alias {op} {orig}"));
                self.close();
                if plus {
                    self.twists.plus = false;
                } else {
                    self.twists.minus = false;
                }
                self.emit(format!("p(3 {op} 4)"));
            }
            return;
        }
        let n = self.loop_n();
        let at = self.rng.range(n / 3, n - 1);
        let (class, op, body) = self.core_twist_nonterm();
        let acc = match class {
            "Float" => self.acc(T::Flt),
            _ => self.acc(T::Int),
        };
        let (i, w) = self.hot_loop(n);
        // A use of the operator.
        let arr = "arr";
        match class {
            "Integer" => {
                let k = self.rng.range(1, 9);
                if op == "<" {
                    self.emit(format!("{acc} += ({i} < {k}) ? 1 : 2"));
                } else {
                    self.emit(format!("{acc} += ({i} {op} {k}) % 1000"));
                }
            }
            "Float" => {
                let (e, _) = self.flt_e(1, 60, false);
                if op == "<" {
                    self.emit(format!("{acc} += ({i}.to_f < {e}) ? 1.0 : 2.0"));
                } else if op == "/" {
                    let (dv, _) = self.divisor(true);
                    self.emit(format!("{acc} += ({i}.to_f / {dv}) / 1000.0"));
                } else {
                    self.emit(format!("{acc} += ({i}.to_f {op} {e}) / 1000.0"));
                }
            }
            "Array" => match op {
                "<<" => {
                    let lst = self.fresh("lst");
                    self.emit(format!("{lst} = [{i}]"));
                    self.emit(format!("{lst} << {i} * 2"));
                    self.emit(format!("{acc} += {lst}.sum + {lst}.count"));
                }
                "[]" => self.emit(format!(
                    "{acc} += {arr}[{i} % 3].to_s.size + {arr}[-1].to_s.size * {i}"
                )),
                "[]=" => {
                    let lst = self.fresh("lst");
                    self.emit(format!("{lst} = [{i}, 0]"));
                    self.emit(format!("{lst}[1] = {i} + 1"));
                    self.emit(format!("{acc} += {lst}[0] + {lst}[1]"));
                }
                _ => self.emit(format!(
                    "{acc} += {arr}.{op}.to_s.size + {arr}.{op}.to_s.size * {i}"
                )),
            },
            _ => {
                if op == "+" {
                    self.emit(format!("{acc} += (\"a\" + {i}.to_s).size"));
                } else {
                    self.emit(format!("{acc} += {i}.to_s.size"));
                }
            }
        }
        if where_ == 1 || self.core_redefiners.is_empty() {
            self.open(format!("if {i} == {at}"));
            self.open(format!("class {class}"));
            for l in &body {
                self.emit(l);
            }
            self.close();
            self.close();
        } else {
            let r = self.rng.pick(&self.core_redefiners.clone()).clone();
            self.emit(format!("{r} if {i} == {at}"));
        }
        self.sparse_print(&i, &[&acc]);
        self.loop_close(&i, w);
        self.emit(format!("p({acc})"));
        if self.rng.pct(50) {
            self.sc_arith();
        }
        if self.rng.pct(60) {
            // Restore the original.
            let orig = restore_alias(class, op);
            if let Some(orig) = orig {
                self.open(format!("class {class}"));
                self.emit(format!("alias {op} {orig}"));
                self.close();
            }
        }
    }

    fn sc_recursion(&mut self) {
        let recs = self.callable(|m| matches!(m.kind, MK::Rec | MK::Fib));
        if recs.is_empty() {
            self.sc_arith();
            return;
        }
        let m = self.rng.pick(&recs).clone();
        let top = if m.kind == MK::Fib {
            self.rng.range(5, 14)
        } else {
            self.rng.range(10, 200)
        };
        self.emit(format!("p({}({top}))", m.name));
        let n = self.loop_n().min(400);
        let acc = self.acc(T::Num);
        let (i, w) = self.hot_loop(n);
        let md = if m.kind == MK::Fib { 9 } else { 25 };
        self.emit(format!("{acc} += {}({i} % {md})", m.name));
        self.sparse_print(&i, &[&acc]);
        self.loop_close(&i, w);
        self.emit(format!("p({acc})"));
        if m.kind == MK::Rec && self.rng.pct(50) {
            self.emit(format!("p({}(20, 0.5), {}(10, 2**62))", m.name, m.name));
        }
    }

    fn sc_arrays(&mut self) {
        let a = self.fresh("a");
        let (lit, bits, len) = self.arr_lit(1);
        self.emit(format!("{a} = {lit}"));
        let mut v = Var::new(&a, T::ArrI, bits);
        v.len = len;
        self.declare(v.clone());
        for _ in 0..self.rng.range(2, 6) {
            match self.rng.below(8) {
                0 => {
                    let (e, _) = self.int_e(1, 70);
                    self.emit(format!("{a} << {e}"));
                    let l = self.int_lit(40).0;
                    self.emit(format!("{a}.push({l})"));
                    v.len += 2;
                    v.bits = v.bits.max(70);
                }
                1 if v.len > 0 => {
                    let k = self.rng.below(v.len as u64);
                    let (e, _) = self.int_e(1, 70);
                    let op = *self.rng.pick(&["=", "+=", "-=", "*="]);
                    self.emit(format!("{a}[{k}] {op} {e}"));
                    v.bits += 71;
                }
                2 => {
                    self.emit(format!("p({a}, {a}.size, {a}.length, {a}.empty?)"));
                }
                3 => {
                    self.emit(format!("p({a}.first, {a}.last, {a}.take(2), {a}.reverse)"));
                }
                4 => {
                    self.emit(format!("puts({a}.join(\", \"), \"#{{{a}}}\", {a}.inspect)"));
                }
                5 => {
                    let g = self.fresh("g");
                    self.emit(format!("{g} = [{a}, [1, [2.5, nil]], [], \"s\", :k]"));
                    self.emit(format!("p({g})"));
                    self.emit(format!("puts({g})"));
                    self.emit(format!("p({g}[1][1][0], {g}[0].size)"));
                }
                6 => {
                    let lim = self.rng.range(0, 3);
                    let k = self.rng.range(0, 5);
                    self.emit(format!("p({a}.pop, {a}.count, {a}.include?({k}), {a}.sum)"));
                    let _ = lim;
                    v.len = v.len.saturating_sub(1);
                }
                _ => {
                    self.emit(format!("{a}.clear if {a}.size > 100"));
                    self.emit(format!(
                        "p({a}.inject(0) {{ |s, x| s + x }}, {a}.map {{ |x| x.to_s }})"
                    ));
                }
            }
            self.declare(v.clone());
        }
        // A hot loop indexing and writing an array.
        if self.rng.pct(60) {
            let n = self.loop_n().min(800);
            let b = self.fresh("a");
            let size = self.rng.range(3, 9);
            self.emit(format!("{b} = Array.new({size}, 0)"));
            let (i, w) = self.hot_loop(n);
            let (e, _) = self.int_e(1, 60);
            self.emit(format!("{b}[{i} % {size}] += {e}"));
            if self.rng.pct(50) {
                self.emit(format!(
                    "{b}[({i} + 1) % {size}] = {b}[{i} % {size}] % 1000"
                ));
            }
            self.loop_close(&i, w);
            self.emit(format!("p({b})"));
            let mut bv = Var::new(&b, T::ArrI, 150);
            bv.len = size as usize;
            self.declare(bv);
        }
    }

    fn sc_hot_loop(&mut self) {
        let n = self.loop_n();
        let mut accs = vec![(self.acc(T::Int), T::Int)];
        if self.rng.pct(50) {
            accs.push((self.acc(T::Flt), T::Flt));
        }
        let (i, w) = self.hot_loop(n);
        for _ in 0..self.rng.range(2, 5) {
            self.loop_stmt(&i, &accs);
        }
        let names: Vec<String> = accs.iter().map(|a| a.0.clone()).collect();
        self.sparse_print(&i, &names);
        self.loop_close(&i, w);
        self.emit(format!("p({})", names.join(", ")));
    }

    fn sc_strings(&mut self) {
        let s = self.fresh("s");
        let e = self.str_e(2);
        self.emit(format!("{s} = {e}"));
        self.declare(Var::new(&s, T::Str, 0));
        for _ in 0..self.rng.range(2, 4) {
            let e = self.str_e(2);
            self.print_e(&e, T::Str);
        }
        if self.rng.pct(60) {
            let n = self.loop_n().min(500);
            let acc = self.fresh("sa");
            self.emit(format!("{acc} = \"\""));
            let (i, w) = self.hot_loop(n);
            self.emit(format!("{acc} = {acc} + {i}.to_s if {i} % 10 == 0"));
            if self.rng.pct(50) {
                self.emit(format!("{acc} = \"\" if {acc}.size > 200"));
            }
            self.loop_close(&i, w);
            self.emit(format!("p({acc}, {acc}.size, {acc} == \"\")"));
        }
        let c = self.fresh("cs");
        let (e, _) = self.any_e(1);
        self.open(format!("{c} = case {e}"));
        self.emit("when Integer then \"int\"");
        self.emit("when Float then \"float\"");
        self.emit("when String, Symbol then \"text\"");
        self.emit("when nil then \"nil\"");
        self.emit("when 1, 2 then \"small\"");
        self.emit("else \"other\"");
        self.close();
        self.emit(format!("p({c})"));
    }
}

const SCENARIOS: &[&str] = &[
    "arithmetic",
    "integer boundaries in a hot loop",
    "type change after a hot phase",
    "polymorphic call site",
    "blocks",
    "exceptions",
    "user method redefinition",
    "core method redefinition",
    "recursion",
    "arrays",
    "hot loop",
    "strings",
];

const INT_ALIASES: &[(&str, &str)] = &[
    ("__g_iadd", "+"),
    ("__g_isub", "-"),
    ("__g_imul", "*"),
    ("__g_idiv", "/"),
    ("__g_imod", "%"),
    ("__g_ixor", "^"),
    ("__g_iand", "&"),
    ("__g_ior", "|"),
    ("__g_ishl", "<<"),
    ("__g_ilt", "<"),
];
const FLT_ALIASES: &[(&str, &str)] = &[
    ("__g_fadd", "+"),
    ("__g_fsub", "-"),
    ("__g_fmul", "*"),
    ("__g_fdiv", "/"),
    ("__g_flt", "<"),
];
const ARR_ALIASES: &[(&str, &str)] = &[
    ("__g_asize", "size"),
    ("__g_alen", "length"),
    ("__g_afirst", "first"),
    ("__g_apush", "push"),
    ("__g_ashl", "<<"),
    ("__g_aref", "[]"),
    ("__g_aset", "[]="),
];
const STR_ALIASES: &[(&str, &str)] = &[("__g_sadd", "+"), ("__g_ssize", "size")];

/// The alias that holds the original of `class#op`.
fn restore_alias(class: &str, op: &str) -> Option<&'static str> {
    let table: &[(&str, &str)] = match class {
        "Integer" => INT_ALIASES,
        "Float" => FLT_ALIASES,
        "Array" => ARR_ALIASES,
        "String" => STR_ALIASES,
        _ => return None,
    };
    table.iter().find(|(_, o)| *o == op).map(|(a, _)| *a)
}

fn lit_i(v: i64) -> String {
    if v < 0 {
        format!("({v})")
    } else {
        v.to_string()
    }
}

fn with_underscores(v: i64) -> String {
    let s = v.to_string();
    let mut out = String::new();
    for (k, c) in s.chars().enumerate() {
        if k > 0 && (s.len() - k).is_multiple_of(3) {
            out.push('_');
        }
        out.push(c);
    }
    out
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('#', "\\#")
}

fn quote(s: &str) -> String {
    format!("\"{}\"", escape(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic() {
        for seed in 0..20 {
            assert_eq!(generate(seed), generate(seed));
        }
    }

    #[test]
    fn balanced() {
        for seed in 0..200 {
            let p = generate(seed);
            let opens = p
                .lines()
                .filter(|l| {
                    let t = l.trim_start();
                    [
                        "class ", "def ", "while ", "until ", "if ", "unless ", "begin",
                    ]
                    .iter()
                    .any(|k| t.starts_with(k))
                        || t.ends_with(" do")
                        || t.contains(" do |")
                        || t.ends_with("= begin")
                        || t.contains(" = case ")
                })
                .count();
            let ends = p.lines().filter(|l| l.trim() == "end").count();
            assert_eq!(opens, ends, "seed {seed}:\n{p}");
        }
    }
}
