//! A small grammar of Ruby fragments, and generators of deeply nested code.
//!
//! Unlike the program generator (`crate::gen`), nothing here tries to be valid or
//! terminating: fragments mix the constructs the language has with the ones it rejects
//! (hashes, ranges, lambdas, `retry`, `BEGIN`, globals ...), so that a fragment spliced
//! into a corpus program probes the parser's edges. Names are drawn from a small pool so
//! that fragments refer to each other's variables and methods.

use crate::gen::Rng;

const VARS: &[&str] = &["a", "b", "x", "y", "@i", "@s", "_", "it", "foo", "A", "C"];
const METHODS: &[&str] = &[
    "m", "f", "each", "map", "times", "upto", "inject", "p", "puts", "size", "new", "to_s",
    "inspect", "first", "call", "send", "yield", "dup", "freeze", "class", "[]", "succ", "+",
];
const BINOPS: &[&str] = &[
    "+", "-", "*", "/", "%", "**", "==", "!=", "<", ">", "<=", ">=", "<=>", "===", "&", "|", "^",
    "<<", ">>", "&&", "||", "and", "or", "=~", "..", "...",
];
const UNOPS: &[&str] = &["-", "!", "~", "not ", "+", "defined? ", "*", "&", "::"];
const KEYWORDS: &[&str] = &[
    "if",
    "unless",
    "while",
    "until",
    "case",
    "when",
    "in",
    "else",
    "elsif",
    "end",
    "begin",
    "rescue",
    "ensure",
    "def",
    "class",
    "module",
    "do",
    "then",
    "return",
    "break",
    "next",
    "redo",
    "retry",
    "yield",
    "super",
    "self",
    "nil",
    "true",
    "false",
    "alias",
    "undef",
    "BEGIN",
    "END",
    "__FILE__",
    "__LINE__",
    "__END__",
    "__method__",
    "defined?",
    "not",
    "and",
    "or",
    "for",
    "lambda",
    "proc",
    "loop",
    "raise",
    "then",
];

/// Interesting literals: boundaries of fixnums and 64-bit integers, floats at the edges,
/// strings with every kind of escape, the literal forms the language rejects.
const LITERALS: &[&str] = &[
    "0",
    "1",
    "-1",
    "42",
    "1_000",
    "0x1f",
    "0b101",
    "0o17",
    "017",
    "0d10",
    "4611686018427387903",
    "4611686018427387904",
    "-4611686018427387905",
    "9223372036854775808",
    "18446744073709551616",
    "10**20",
    "2**62",
    "2**64",
    "1.5",
    "1e308",
    "1e309",
    "-0.0",
    "2.5e-3",
    "0.1",
    "1.0/0",
    "0.0/0.0",
    "nil",
    "true",
    "false",
    "self",
    "__FILE__",
    "__LINE__",
    "\"\"",
    "\"a\\nb\"",
    "\"\\x41\\u00e9\\u{1F600}\\0\\e\\s\"",
    "\"#{1 + 2}\"",
    "\"#{}\"",
    "\"#{\"#{x}\"}\"",
    "'it''s'",
    "%q(a b)",
    "%Q(#{x})",
    "%(x)",
    "%w[a b]",
    "%i[a b]",
    ":sym",
    ":+",
    ":[]=",
    ":\"a b\"",
    ":a?",
    "[]",
    "[1, [2, [3]]]",
    "[1, 'a', :b]",
    "{a: 1}",
    "{}",
    "(1..3)",
    "1...",
    "->(x) { x }",
    "?a",
    "/re/",
    "`ls`",
    "%x(ls)",
    "$stdout",
    "@@c",
    "1r",
    "2i",
    "\"\\C-a\"",
    "\"\\xff\"",
    "<<~E\nE\n",
    "nil.to_a",
];

/// A random literal.
pub fn literal(rng: &mut Rng) -> String {
    rng.pick(LITERALS).to_string()
}

fn var(rng: &mut Rng) -> &'static str {
    *rng.pick(VARS)
}

/// A random expression, at most `depth` levels deep.
pub fn expr(rng: &mut Rng, depth: u32) -> String {
    if depth == 0 {
        return match rng.below(3) {
            0 => var(rng).to_string(),
            _ => literal(rng),
        };
    }
    let d = depth - 1;
    match rng.below(14) {
        0 => format!("{} {} {}", expr(rng, d), rng.pick(BINOPS), expr(rng, d)),
        1 => format!("{}{}", rng.pick(UNOPS), expr(rng, d)),
        2 => format!("({})", expr(rng, d)),
        3 => format!("{} ? {} : {}", expr(rng, d), expr(rng, d), expr(rng, d)),
        4 => format!("{}.{}({})", expr(rng, d), rng.pick(METHODS), args(rng, d)),
        5 => format!("{} {}", rng.pick(METHODS), args(rng, d)),
        6 => format!("{}.{} {}", expr(rng, d), rng.pick(METHODS), block(rng, d)),
        7 => format!("{}[{}]", expr(rng, d), args(rng, d)),
        8 => format!("[{}]", args(rng, d)),
        9 => format!("\"#{{{}}}\"", expr(rng, d)),
        10 => format!("{}::{}", var(rng), var(rng)),
        11 => format!("({}; {})", stmt(rng, d), expr(rng, d)),
        12 => format!("{}.{}", expr(rng, d), rng.pick(METHODS)),
        _ => literal(rng),
    }
}

fn args(rng: &mut Rng, depth: u32) -> String {
    let n = rng.below(4);
    let v: Vec<String> = (0..n).map(|_| expr(rng, depth)).collect();
    v.join(", ")
}

/// A block: `{ |params| body }` or `do |params| body end`.
fn block(rng: &mut Rng, depth: u32) -> String {
    let params = match rng.below(6) {
        0 => String::new(),
        1 => "|a| ".to_string(),
        2 => "|a, b| ".to_string(),
        3 => "|a, | ".to_string(),
        4 => "|a, b = 1| ".to_string(),
        _ => "|(a, b), *c, &d| ".to_string(),
    };
    if rng.pct(50) {
        format!("{{ {params}{} }}", expr(rng, depth))
    } else {
        format!("do {params}\n{}\nend", body(rng, depth))
    }
}

fn body(rng: &mut Rng, depth: u32) -> String {
    let n = 1 + rng.below(3);
    let v: Vec<String> = (0..n).map(|_| stmt(rng, depth)).collect();
    v.join("\n")
}

/// A random statement, at most `depth` levels deep.
pub fn stmt(rng: &mut Rng, depth: u32) -> String {
    if depth == 0 {
        return expr(rng, 0);
    }
    let d = depth - 1;
    let e = |rng: &mut Rng| expr(rng, d);
    match rng.below(26) {
        0 => format!("{} = {}", var(rng), e(rng)),
        1 => format!("{} += {}", var(rng), e(rng)),
        2 => format!("{} ||= {}", var(rng), e(rng)),
        3 => format!("{}, {} = {}, {}", var(rng), var(rng), e(rng), e(rng)),
        4 => format!(
            "if {}\n{}\nelsif {}\n{}\nelse\n{}\nend",
            e(rng),
            body(rng, d),
            e(rng),
            body(rng, d),
            body(rng, d)
        ),
        5 => format!("unless {} then {} end", e(rng), e(rng)),
        6 => format!("while {}\n{}\nend", e(rng), body(rng, d)),
        7 => format!("until {} do {} end", e(rng), e(rng)),
        8 => format!(
            "case {}\nwhen {}, {} then {}\nelse {}\nend",
            e(rng),
            e(rng),
            e(rng),
            e(rng),
            e(rng)
        ),
        9 => format!(
            "begin\n{}\nrescue {} => e\n{}\nelse\n{}\nensure\n{}\nend",
            body(rng, d),
            var(rng),
            body(rng, d),
            e(rng),
            e(rng)
        ),
        10 => format!(
            "def {}({})\n{}\nend",
            rng.pick(METHODS),
            params(rng),
            body(rng, d)
        ),
        11 => format!("def self.{}; {}; end", rng.pick(METHODS), e(rng)),
        12 => format!("class {} < {}\n{}\nend", var(rng), var(rng), body(rng, d)),
        13 => format!(
            "{} {}",
            rng.pick(&["return", "break", "next", "redo", "retry", "yield", "super", "raise"]),
            e(rng)
        ),
        14 => format!("{} if {}", e(rng), e(rng)),
        15 => format!("{} while {}", e(rng), e(rng)),
        16 => format!("begin {} end until {}", e(rng), e(rng)),
        17 => format!("{}.{} {}", e(rng), rng.pick(METHODS), block(rng, d)),
        18 => format!("alias {} {}", rng.pick(METHODS), rng.pick(METHODS)),
        19 => format!("{}[{}] = {}", var(rng), e(rng), e(rng)),
        20 => format!("{}.{} = {}", var(rng), var(rng), e(rng)),
        21 => format!("{} rescue {}", e(rng), e(rng)),
        22 => format!("p({})", args(rng, d)),
        23 => rng.pick(KEYWORDS).to_string(),
        24 => format!(
            "class {}; def {}(o) = {}; end",
            rng.pick(&["Integer", "Array", "String", "Float", "NilClass"]),
            rng.pick(METHODS),
            e(rng)
        ),
        _ => e(rng),
    }
}

fn params(rng: &mut Rng) -> String {
    rng.pick(&[
        "", "a", "a, b", "a, b = 1", "a = 1, b", "*a", "&b", "a:, b: 2", "(a, b)", "a, a",
    ])
    .to_string()
}

/// A small random program: a few statements.
pub fn program(rng: &mut Rng) -> String {
    let n = 1 + rng.below(6);
    let v: Vec<String> = (0..n)
        .map(|_| {
            let depth = 1 + rng.below(3) as u32;
            stmt(rng, depth)
        })
        .collect();
    v.join("\n") + "\n"
}

/// Depths for the nesting generators: small, around the hand-written parser's old limit
/// (400), on either side of the frontend's limits (Prism's 10,000 levels of parentheses
/// and prefix operators, the conversion's 40,000), and far beyond any limit.
const DEPTHS: &[usize] = &[2, 10, 100, 399, 400, 401, 1_000, 5_000, 20_000, 100_000];

/// A random nesting depth.
pub fn depth(rng: &mut Rng) -> usize {
    *rng.pick(DEPTHS)
}

/// `open` repeated `n` times, `middle`, then `close` repeated `n` times.
fn wrap(open: &str, middle: &str, close: &str, n: usize) -> String {
    let mut s = String::with_capacity((open.len() + close.len()) * n + middle.len());
    for _ in 0..n {
        s.push_str(open);
    }
    s.push_str(middle);
    for _ in 0..n {
        s.push_str(close);
    }
    s
}

/// Deeply nested (or very long) code of depth `n`: long operator chains, prefix
/// operators, brackets, method chains, nested blocks and statements, and programs that
/// build deep structures at run time.
pub fn nested(rng: &mut Rng, n: usize) -> String {
    let rep = |s: &str| s.repeat(n);
    match rng.below(24) {
        0 => format!("p 1{}\n", rep(" + 1")),
        1 => format!("p {}1\n", rep("-")),
        2 => format!("x = 1\np {}x\n", rep("!")),
        3 => format!("p {}\n", wrap("[", "1", "]", n)),
        4 => format!("p {}\n", wrap("(", "1", ")", n)),
        5 => format!("x = 1\np x{}\n", rep(".succ")),
        6 => wrap("if true\n", "p 1\n", "end\n", n),
        7 => wrap("[1].each do |x|\n", "p x\n", "end\n", n),
        8 => wrap("1.times { ", "p 1", " }", n),
        9 => wrap("begin\n", "p 1\n", "rescue\nend\n", n),
        10 => wrap("def f\n", "1\n", "end\n", n),
        11 => wrap("class A\n", "p 1\n", "end\n", n),
        12 => format!("x = {}1\np x\n", rep("y = ")),
        13 => format!("p {}\n", wrap("\"#{", "1", "}\"", n)),
        14 => format!("p {}\n", wrap("true ? ", "1", " : 2", n)),
        15 => format!("{}\n", wrap("p(", "1", ")", n)),
        16 => format!("p 2{}\n", rep(" ** 1")),
        17 => format!("a = [0]\np {}\n", wrap("a[", "0", "]", n)),
        18 => format!("p 1{}\n", rep(";")),
        19 => wrap("while true\n", "break\n", "end\n", n),
        20 => format!("a = []\n{n}.times {{ a = [a] }}\n{}\n", rng.pick(&["p a", "puts a.inspect", "p a.flatten.size", "p a == a.dup", "p a.hash.class", "puts a.to_s.size", "p a.size"])),
        21 => format!("def f(n)\n  n == 0 ? 0 : 1 + f(n - 1)\nend\np f({n})\n"),
        22 => format!("def g(n)\n  return 0 if n == 0\n  [1].map {{ |x| g(n - 1) + x }}.first\nend\np g({n})\n"),
        _ => format!("p {}\n", rep("not ") + "true"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_reaches_the_requested_depth() {
        let mut rng = Rng::new(1);
        for _ in 0..200 {
            let s = nested(&mut rng, 1000);
            // Either the text is that deep, or it builds that depth at run time.
            assert!(
                s.len() >= 1000 || s.contains("1000"),
                "{}",
                &s[..s.len().min(60)]
            );
        }
        assert_eq!(wrap("(", "1", ")", 3), "(((1)))");
    }

    #[test]
    fn programs_differ_from_seed_to_seed() {
        let a = program(&mut Rng::new(1));
        let b = program(&mut Rng::new(2));
        assert_ne!(a, b);
        assert_eq!(a, program(&mut Rng::new(1)), "deterministic");
    }
}
