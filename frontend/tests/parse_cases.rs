//! Parser cases, each checked against how CRuby reads it: command calls vs indexing,
//! `do` vs `{}` block binding, multiple assignment, modifiers, operator precedence.

const CASES: &[(&str, &str)] = &[
    ("foo [1]", "(call nil foo (array (int 1)))"),
    (
        "a = [1]; a [0]",
        "(lasgn a (array (int 1))) (call (lvar a) [] (int 0))",
    ),
    (
        "puts [1].map do |x| x end",
        "(call nil puts (call (array (int 1)) map) (block (params x) (lvar x)))",
    ),
    (
        "puts [1].map { |x| x }",
        "(call nil puts (call (array (int 1)) map (block (params x) (lvar x))))",
    ),
    ("x = y = 0", "(lasgn x (lasgn y (int 0)))"),
    (
        "a, b = b, a",
        "(masgn ((lvar a) (lvar b)) (array (lvar b) (lvar a)))",
    ),
    ("q, r = pair", "(masgn ((lvar q) (lvar r)) (call nil pair))"),
    ("return 1, 2", "(return (array (int 1) (int 2)))"),
    (
        "x += 1 while x < 10",
        "(while (call (lvar x) < (int 10)) (op-asgn (lvar x) + (int 1)))",
    ),
    (
        "begin; x; end while false",
        "(do-while false (begin (call nil x)))",
    ),
    ("p -x", "(call nil p (call (call nil x) -@))"),
    ("not x", "(not (call nil x))"),
    (
        "a && b || c",
        "(or (and (call nil a) (call nil b)) (call nil c))",
    ),
    ("1 ? 2 : 3", "(if (int 1) (int 2) (int 3))"),
    (
        "def f(a, b = 1) a end",
        "(def f (params a (opt b (int 1))) (lvar a))",
    ),
    ("def self.z; end", "(defs self z (params) (seq))"),
    ("def ==(o); end", "(def == (params o) (seq))"),
    ("def x=(v); end", "(def x= (params v) (seq))"),
    ("obj.x = 3", "(attrasgn (call nil obj) x= (int 3))"),
    (
        "a[1] += 2",
        "(op-asgn (index (call nil a) (int 1)) + (int 2))",
    ),
    ("@a ||= []", "(or-asgn (ivar @a) (array))"),
    ("\"a#{b}c\"", "(dstr \"a\" (call nil b) \"c\")"),
    // At the top level `yield` is a syntax error ("Invalid yield"), as in CRuby.
    (
        "def f; yield a, b; end",
        "(def f (params) (yield (call nil a) (call nil b)))",
    ),
    ("super", "(zsuper)"),
    ("super()", "(super)"),
    (
        "case x; when 1, 2 then :a; else :b; end",
        "(case (call nil x) (when ((int 1) (int 2)) (sym a)) (sym b))",
    ),
    ("-2 ** 2", "(call (call (int 2) ** (int 2)) -@)"),
    ("2 ** -1", "(call (int 2) ** (int -1))"),
    ("foo.bar 1, 2", "(call (call nil foo) bar (int 1) (int 2))"),
];

#[test]
fn parses_like_ruby() {
    let mut failures = Vec::new();
    for (src, want) in CASES {
        let got = match frontend::prism::parse(src) {
            Ok(p) => p.to_sexp().replace('\n', " "),
            Err(e) => format!("error: {e}"),
        };
        if got != *want {
            failures.push(format!("{src:?}\n  want {want}\n   got {got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn errors_name_the_place() {
    use frontend::prism::parse;
    // Prism reports the unclosed parenthesis where the line ends.
    let e = parse("x = 1\nif x\n  y = (2 +\nend\n").unwrap_err();
    assert_eq!((e.line, e.col), (3, 11), "{e}");
    let e = parse("puts 1 2\n").unwrap_err();
    assert_eq!((e.line, e.col), (1, 8), "{e}");
    assert!(e.message.starts_with("syntax error"), "{e}");
    // Valid Ruby outside the language: rejected at its place.
    let e = parse("begin\n  1\nrescue\n  retry\nend\n").unwrap_err();
    assert_eq!((e.line, e.col), (4, 3), "{e}");
    assert!(e.message.contains("unsupported: retry"), "{e}");
    // Outside a rescue it is a syntax error, as in CRuby.
    let e = parse("retry\n").unwrap_err();
    assert!(e.message.contains("Invalid retry"), "{e}");
}
