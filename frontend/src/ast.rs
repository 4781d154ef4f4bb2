//! The abstract syntax tree of core Ruby, as produced by `prism::parse`.
//!
//! The tree is close to the source but already free of the purely syntactic variants that
//! mean the same thing:
//!
//! - `elsif` is a nested `If` in the else branch; `unless` is an `If` with the branches
//!   swapped; a ternary `c ? a : b` and the modifiers `x if c` / `x unless c` are `If`s.
//! - `until c` is `While` on `Not(c)`; `begin ... end while c` is `While { do_while: true }`.
//! - Operators are method calls, as in Ruby: `a + b` is `Call { recv: a, name: "+",
//!   args: [b] }`, `-x` is a call of `-@`, `~x` of `~`, `+x` of `+@`, `a != b` of `!=`,
//!   `a[i]` of `[]`. Only the operators that are not method calls in Ruby have their own
//!   kinds: `And`, `Or`, `Not` (`&&`/`and`, `||`/`or`, `!`/`not`), `Defined`, the ranges and
//!   the assignments.
//! - A negative numeric literal (`-1`, `-2.5`) is the literal itself, except that
//!   `-2 ** 2` is `-(2 ** 2)` as in Ruby.
//! - Assignments to a setter (`obj.x = v`, `a[i] = v`) are `AttrAsgn`: a call of `x=` or
//!   `[]=` whose last argument is the value, and whose value as an expression is the
//!   assigned value (not what the setter returns).
//!
//! Statement lists: wherever the grammar has a list of statements (a method body, a branch,
//! a loop body, the inside of parentheses), the tree has ONE `Node`: the statement itself
//! when there is exactly one, else a `Seq` (an empty `Seq` for no statements, whose value
//! is `nil`). `Option<Node>` is used only where absence differs from an empty body (the
//! `else` and `ensure` clauses of `Begin`).
//!
//! Names are plain `String`s, spelled as in the source: locals `x`, instance variables
//! `@x`, class variables `@@x`, globals `$x`, constants `Foo`, methods `foo`, `foo?`,
//! `foo=`, `+`, `-@`, `[]=`.
//!
//! `Node::to_sexp` (and `Display`) prints a compact s-expression of a tree, used by the
//! tests and handy in debugging; its format is documented on `Node::to_sexp`.

use std::fmt;

/// A position in the source: 1-based line and column (the column counts characters, a tab
/// counts as one).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub line: u32,
    pub col: u32,
}

impl Span {
    pub fn new(line: u32, col: u32) -> Span {
        Span { line, col }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// A whole source file: its top-level statements, in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    pub body: Vec<Node>,
}

/// One node of the tree. `span` is the start of the construct (for a call with a receiver,
/// the start of the receiver; `Call::name_span` has the position of the method name).
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub span: Span,
}

/// The kinds of node. Fields named `body` are statement lists (see the module doc).
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    // ----- Literals -----
    /// `nil`
    Nil,
    /// `true`
    True,
    /// `false`
    False,
    /// `self`
    SelfRef,
    /// An Integer literal that fits in 64 bits (the sign of `-5` included).
    Int(i64),
    /// An Integer literal that does not fit in 64 bits: its decimal digits, with a leading
    /// `-` when negative (`"-18446744073709551616"`).
    BigInt(String),
    /// A Float literal (`1.5`, `1e10`, `-2.5e-3`).
    Float(f64),
    /// A string literal without interpolation (escapes already decoded).
    Str(String),
    /// A string with interpolation: `"a#{x}b"` is `[Lit("a"), Code(x), Lit("b")]`. Each
    /// `Code` part is converted with `to_s` and concatenated.
    DStr(Vec<StrPart>),
    /// A symbol literal `:name`, `:"name"`, `:+`, `:[]=`, or a `name:` hash key. The name
    /// is without the colon.
    Sym(String),
    /// A symbol with interpolation, `:"a#{x}"`.
    DSym(Vec<StrPart>),
    /// An array literal `[a, *b, c]` (elements may be `Splat`), also `%w[]` and `%i[]`.
    Array(Vec<Node>),
    /// A hash literal `{ k => v, name: v }`, in insertion order. `braces` is false for the
    /// brace-less hash that trailing `k => v` / `name: v` arguments of a call form
    /// (`foo(a, b: 1)` passes `Hash { braces: false }` as its last argument; `[a: 1]` is
    /// an array holding such a hash).
    Hash {
        pairs: Vec<(Node, Node)>,
        braces: bool,
    },
    /// `lo..hi` (`exclusive: false`) or `lo...hi` (`exclusive: true`); `lo` is `None` for a
    /// beginless range `(..5)`, `hi` for an endless one `(1..)`.
    Range {
        lo: Option<Box<Node>>,
        hi: Option<Box<Node>>,
        exclusive: bool,
    },
    /// A lambda literal `->(x) { ... }` / `-> do ... end`. (`lambda { }` and `proc { }` are
    /// ordinary calls with a block.)
    Lambda(Box<BlockNode>),
    /// `__FILE__`: the path of the file being run (the parser does not know it).
    SourceFile,

    // ----- Variables and constants -----
    /// A read of a local variable (a name assigned earlier in the scope, or a parameter).
    /// A name that is not a local yet is a method call (`Call` without receiver and
    /// arguments), as in Ruby.
    LocalVar(String),
    /// `name = value` on a local; declares the local from this point on.
    LocalAsgn { name: String, value: Box<Node> },
    /// `@name` (the name includes the `@`).
    Ivar(String),
    /// `@name = value`.
    IvarAsgn { name: String, value: Box<Node> },
    /// `$name` (the name includes the `$`). Only plain names and `$0` are accepted; the
    /// special globals (`$~`, `$1`, `$!`, ...) are rejected by the parser. Not in the
    /// language of docs/language.md: the lowering may reject it.
    Gvar(String),
    /// `$name = value`. See `Gvar`.
    GvarAsgn { name: String, value: Box<Node> },
    /// `@@name` (the name includes `@@`). Not in the language of docs/language.md: the lowering
    /// may reject it.
    Cvar(String),
    /// `@@name = value`. See `Cvar`.
    CvarAsgn { name: String, value: Box<Node> },
    /// A constant read: `Foo` (`scope: Lexical`), `::Foo` (`Top`), `expr::Foo`
    /// (`Scoped(expr)`).
    Const { scope: ConstScope, name: String },
    /// `Foo = value`, `A::B = value`. Rejected by the parser inside a method body (Ruby's
    /// "dynamic constant assignment").
    ConstAsgn {
        scope: ConstScope,
        name: String,
        value: Box<Node>,
    },

    // ----- Compound assignment -----
    /// A setter call from an assignment: `recv.x = v` (name `x=`, args `[v]`) and
    /// `recv[i, j] = v` (name `[]=`, args `[i, j, v]`). The value of the expression is the
    /// last argument, not the setter's result. `safe_nav` is set for `recv&.x = v`. Never
    /// has a block.
    AttrAsgn(Box<Call>),
    /// `target op= value` for a binary operator `op` (`"+"`, `"-"`, `"*"`, `"/"`, `"%"`,
    /// `"**"`, `"<<"`, `">>"`, `"&"`, `"|"`, `"^"`): `target = target op value`, with the
    /// receiver and index arguments of the target evaluated once. A `Local` target is
    /// declared by it (and reads as `nil` first).
    OpAsgn {
        target: Box<Target>,
        op: String,
        value: Box<Node>,
    },
    /// `target ||= value`: assigns when the target is nil or false (or, for a local,
    /// ivar, global or constant, undefined). Value: the target's value or the assigned one.
    OrAsgn {
        target: Box<Target>,
        value: Box<Node>,
    },
    /// `target &&= value`: assigns when the target is truthy.
    AndAsgn {
        target: Box<Target>,
        value: Box<Node>,
    },
    /// Multiple assignment `a, b = rhs` / `a, *b = rhs` / `(a, b), c = rhs`. `value` is the
    /// single right-hand expression (`q, r = pair`), or an `Array` when there are several
    /// (`a, b = b, a`, `a, b = *c, 1`). Either way, the value is converted to an array
    /// (an Array stays itself, else `to_ary` if it responds to it, else `[value]`) and
    /// spread over the targets. The expression's value is the right-hand side.
    MultiAsgn {
        targets: Vec<Target>,
        value: Box<Node>,
    },

    // ----- Calls -----
    /// A method call (see `Call`). Also every operator that Ruby dispatches: binary
    /// operators, unary `-@ +@ ~`, indexing `[]`.
    Call(Box<Call>),
    /// `super` (`args: None`: "zsuper", passes the current method's arguments on; with or
    /// without a block), `super()` (`Some([])`), `super(a, b)` or `super a, b`.
    Super {
        args: Option<Vec<Node>>,
        block: Option<Box<BlockArg>>,
        has_parens: bool,
    },
    /// `yield`, `yield a, b`, `yield(a, b)`. Arguments may be `Splat`s or a trailing
    /// brace-less `Hash`.
    Yield { args: Vec<Node> },
    /// `*expr`: only as an element of `Array`, an argument of `Call`/`Super`/`Yield`, a
    /// `when` value or a `rescue` class.
    Splat(Box<Node>),

    // ----- Logic -----
    /// `a && b`, `a and b`.
    And(Box<Node>, Box<Node>),
    /// `a || b`, `a or b`.
    Or(Box<Node>, Box<Node>),
    /// `!a`, `not a` (`true`: written so, a call of the method `!`, which the lowering
    /// makes a call when the program defines `!`), or the test of an `until` (`false`).
    Not(Box<Node>, bool),
    /// `defined?(expr)`. Not in the language of docs/language.md: the lowering may reject it.
    Defined(Box<Node>),

    // ----- Control -----
    /// `if`/`elsif`/`else`, `unless`, `?:` and the `if`/`unless` modifiers. Both branches
    /// are statement lists; a missing branch is an empty `Seq`.
    If {
        cond: Box<Node>,
        then_body: Box<Node>,
        else_body: Box<Node>,
    },
    /// `while cond; body; end`, `until` (cond wrapped in `Not`), and the `while`/`until`
    /// modifiers. `do_while` is set for `begin ... end while cond`, where the body runs
    /// once before the first test. Value: nil (or the value of a `break`).
    While {
        cond: Box<Node>,
        body: Box<Node>,
        do_while: bool,
    },
    /// `for a in iter; body; end` / `for a, b in iter`: calls `iter.each` with a block that
    /// assigns the targets. The targets are locals of the enclosing scope (no new scope).
    For {
        targets: Vec<Target>,
        iter: Box<Node>,
        body: Box<Node>,
    },
    /// `case subject; when v1, v2 then body; ...; else body; end`. Each value is tested
    /// with `value === subject` in order; without a subject, each value is tested for
    /// truthiness. A missing else is an empty `Seq`.
    Case {
        subject: Option<Box<Node>>,
        whens: Vec<WhenClause>,
        else_body: Box<Node>,
    },
    /// `break` / `break value` (`break a, b` breaks with an `Array`).
    Break(Option<Box<Node>>),
    /// `next` / `next value`.
    Next(Option<Box<Node>>),
    /// `return` / `return value` (`return a, b` returns an `Array`).
    Return(Option<Box<Node>>),
    /// `begin ... end`, with or without `rescue`/`else`/`ensure` clauses, and the bodies of
    /// `def`, `class`, `module` and `do` blocks that have such clauses. Also the `rescue`
    /// modifier: `x rescue y` is a `Begin` with one clause with no classes.
    Begin(Box<Begin>),
    /// A statement list (see the module doc). Value: the last statement's, or nil.
    Seq(Vec<Node>),

    // ----- Definitions -----
    /// `def name(params) body end`, `def self.name`, `def name = expr` (see `Def`).
    Def(Box<Def>),
    /// `class Name < superclass; body; end`. `scope` is where the constant is defined:
    /// `class Foo` (`Lexical`), `class ::Foo` (`Top`), `class A::Foo` (`Scoped(A)`).
    Class {
        scope: ConstScope,
        name: String,
        superclass: Option<Box<Node>>,
        body: Box<Node>,
    },
    /// `module Name; body; end`.
    Module {
        scope: ConstScope,
        name: String,
        body: Box<Node>,
    },
    /// `class << target; body; end` (the singleton class of `target`, usually `self`).
    SClass { target: Box<Node>, body: Box<Node> },
    /// `alias new_name old_name` (names or symbols).
    Alias { new_name: String, old_name: String },
}

/// A part of an interpolated string or symbol.
#[derive(Clone, Debug, PartialEq)]
pub enum StrPart {
    /// Literal text (escapes decoded).
    Lit(String),
    /// The code of a `#{...}` (a statement list; an empty `Seq` for `#{}`), or the variable
    /// of a `#@ivar` / `#@@cvar` / `#$gvar`.
    Code(Node),
}

/// Where a constant is looked up or defined.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstScope {
    /// `Foo`: the lexical scopes, then the ancestors of the innermost class, then Object.
    Lexical,
    /// `::Foo`: Object.
    Top,
    /// `expr::Foo`: the module that `expr` evaluates to.
    Scoped(Box<Node>),
}

/// A method call `recv.name(args) { block }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// `None` for a call on the implicit self (`puts x`, `foo()`, `foo`), which may call
    /// private methods.
    pub recv: Option<Node>,
    pub name: String,
    /// Position of the method name (of the operator for an operator call, of the `[` for
    /// an index).
    pub name_span: Span,
    /// Arguments, in order. May contain `Splat`s, and a last brace-less `Hash` for
    /// `k => v` / `name: v` arguments.
    pub args: Vec<Node>,
    /// A literal block or a `&blk` argument.
    pub block: Option<BlockArg>,
    /// The arguments were written in parentheses (`foo()` vs `foo`). A call with no
    /// receiver, no arguments and no parentheses (`foo`) is a "vcall": a name that could
    /// have been a local but was not assigned before.
    pub has_parens: bool,
    /// `recv&.name`: nil when `recv` is nil, without calling.
    pub safe_nav: bool,
}

/// The block given to a call, `super` or lambda.
#[derive(Clone, Debug, PartialEq)]
pub enum BlockArg {
    /// `{ |params| body }` or `do |params| body end`.
    Literal(BlockNode),
    /// `&expr`: `expr` converted with `to_proc` (`&blk`, `&:name`).
    Pass(Node),
}

/// A block literal or lambda body. It opens a new scope for its parameters and the locals
/// first assigned inside it, and reads and writes the enclosing scope's locals.
#[derive(Clone, Debug, PartialEq)]
pub struct BlockNode {
    pub params: Params,
    /// The body (a `Begin` when a `do ... end` block has rescue/ensure clauses).
    pub body: Node,
    pub span: Span,
}

/// Parameters of a method, block or lambda, in the order Ruby binds them:
/// `required, optional, *rest, post, &block`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Params {
    /// Leading required parameters (`a` in `def f(a, b = 1)`).
    pub required: Vec<Param>,
    /// Optional parameters with their default expressions, evaluated left to right in the
    /// method's scope when the argument is missing.
    pub optional: Vec<(String, Node)>,
    /// `*name`. An anonymous `*` is given the name `"*"`.
    pub rest: Option<String>,
    /// Required parameters after the optional ones or the rest (`c` in `def f(a, *b, c)`).
    pub post: Vec<Param>,
    /// `&name`.
    pub block: Option<String>,
    /// Block-local variables, `|a; x, y|` (blocks only).
    pub block_locals: Vec<String>,
    /// Blocks only: the list ends with a comma, `|a, |`, so that one array argument is
    /// spread even though only one parameter is named.
    pub trailing_comma: bool,
}

impl Params {
    /// True when there are no parameters at all.
    pub fn is_empty(&self) -> bool {
        self.required.is_empty()
            && self.optional.is_empty()
            && self.rest.is_none()
            && self.post.is_empty()
            && self.block.is_none()
            && self.block_locals.is_empty()
            && !self.trailing_comma
    }

    /// Number of required parameters (leading and post).
    pub fn required_count(&self) -> usize {
        self.required.len() + self.post.len()
    }
}

/// A required parameter: a name, or a destructured array `|(a, b), c|`.
#[derive(Clone, Debug, PartialEq)]
pub enum Param {
    Name(String),
    /// `(a, (b, c))`: the argument is converted to an array and spread.
    Destructure(Vec<Param>),
}

/// A `def`.
#[derive(Clone, Debug, PartialEq)]
pub struct Def {
    /// `Some(SelfRef)` for `def self.name`; `Some(expr)` for `def Foo.name`.
    pub singleton: Option<Node>,
    /// The method name (`foo`, `foo?`, `foo=`, `+`, `-@`, `[]`, `[]=`, `<=>`, ...).
    pub name: String,
    pub name_span: Span,
    pub params: Params,
    /// The body; a `Begin` when the def has rescue/else/ensure clauses.
    pub body: Node,
}

/// `begin body rescue ... else ... ensure ... end`.
#[derive(Clone, Debug, PartialEq)]
pub struct Begin {
    pub body: Node,
    /// Tried in order when `body` raises.
    pub rescues: Vec<RescueClause>,
    /// Runs when `body` raised nothing; its value is then the value of the `Begin`.
    pub else_body: Option<Node>,
    /// Always runs last; its value is discarded.
    pub ensure_body: Option<Node>,
}

/// `rescue Class1, Class2 => var; body`.
#[derive(Clone, Debug, PartialEq)]
pub struct RescueClause {
    /// The exception classes (expressions, possibly `Splat`); empty means StandardError.
    pub classes: Vec<Node>,
    /// Where the exception is stored (`=> e`, usually a `Local`).
    pub var: Option<Target>,
    pub body: Node,
    pub span: Span,
}

/// `when v1, v2 then body`.
#[derive(Clone, Debug, PartialEq)]
pub struct WhenClause {
    /// The values (possibly `Splat`s, whose elements are each tested).
    pub values: Vec<Node>,
    pub body: Node,
    pub span: Span,
}

/// The left-hand side of a compound, multiple or `for` assignment, or of `rescue => var`.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A local variable (declared by the assignment).
    Local(String),
    /// `@name`.
    Ivar(String),
    /// `$name`.
    Gvar(String),
    /// `@@name`.
    Cvar(String),
    /// `Foo`, `A::Foo`, `::Foo`.
    Const { scope: ConstScope, name: String },
    /// `recv[args]`: read with `[]`, written with `[]=` (value appended to `args`).
    Index { recv: Node, args: Vec<Node> },
    /// `recv.name`: read with `name`, written with `name=` (`name` has no `=`).
    Attr {
        recv: Node,
        name: String,
        safe_nav: bool,
    },
    /// `*target` / bare `*` in a multiple assignment: takes the remaining elements.
    Splat(Option<Box<Target>>),
    /// `(a, b)` in a multiple assignment: the element is spread again.
    Nested(Vec<Target>),
}

impl Node {
    pub fn new(kind: NodeKind, span: Span) -> Node {
        Node { kind, span }
    }

    /// An empty statement list (value nil).
    pub fn empty(span: Span) -> Node {
        Node {
            kind: NodeKind::Seq(Vec::new()),
            span,
        }
    }

    /// Builds the node of a statement list (see the module doc): the single statement, or
    /// a `Seq` at `span` for zero or several.
    pub fn body(mut stmts: Vec<Node>, span: Span) -> Node {
        if stmts.len() == 1 {
            stmts.pop().unwrap_or_else(|| Node::empty(span))
        } else {
            let span = stmts.first().map(|n| n.span).unwrap_or(span);
            Node {
                kind: NodeKind::Seq(stmts),
                span,
            }
        }
    }

    /// True for an empty `Seq`.
    pub fn is_empty_body(&self) -> bool {
        matches!(&self.kind, NodeKind::Seq(v) if v.is_empty())
    }

    /// The statements of a statement-list node: the items of a `Seq`, else the node alone.
    pub fn stmts(&self) -> &[Node] {
        match &self.kind {
            NodeKind::Seq(v) => v,
            _ => std::slice::from_ref(self),
        }
    }

    /// The compact s-expression of the tree, e.g. `(call nil puts (int 1))`.
    ///
    /// Format: `nil true false self (int 1) (bigint 123...) (float 1.5) (str "a")
    /// (dstr "a" (lvar x)) (sym a) (dsym ..) (array ..) (hash (pair k v) ..)` (`hash*` when
    /// brace-less), `(irange lo hi)`/`(erange lo hi)` (`nil` for a missing end),
    /// `(lambda PARAMS BODY)`, `(file)`, `(lvar x) (lasgn x v) (ivar @x) (iasgn @x v)
    /// (gvar $x) (gasgn ..) (cvar @@x) (cvasgn ..)`, constants `(const Foo)`
    /// `(const ::Foo)` `(const (const A) B)`, `(casgn SCOPE-AND-NAME v)`,
    /// `(call RECV NAME ARG.. [BLOCK])` (RECV is `nil` when absent; `csend` for `&.`),
    /// `(attrasgn RECV NAME ARG..)`, `(op-asgn TARGET OP v) (or-asgn TARGET v)
    /// (and-asgn TARGET v) (masgn (TARGET..) v)`, blocks `(block PARAMS BODY)` and
    /// `(block-pass x)`, `(super ARG..)` / `(zsuper)`, `(yield ARG..)`, `(splat x)`,
    /// `(and a b) (or a b) (not a) (defined x)`, `(if c t e)`, `(while c b)` /
    /// `(do-while c b)`, `(for (TARGET..) iter body)`,
    /// `(case SUBJ (when (V..) body).. ELSE)`, `(break [v]) (next [v]) (return [v])`,
    /// `(begin BODY (rescue (C..) VAR BODY).. [(else B)] [(ensure B)])`, `(seq ..)`,
    /// `(def NAME PARAMS BODY)` / `(defs SINGLETON NAME PARAMS BODY)`,
    /// `(class NAME SUPER BODY) (module NAME BODY) (sclass TARGET BODY)
    /// (alias NEW OLD)`. PARAMS is `(params a (mlhs b c) (opt d v) (rest e) (post f)
    /// (block g) (locals h) ,)`. Targets print as `(lvar x) (ivar @x) (index RECV ARG..)
    /// (attr RECV NAME) (splat [T]) (mlhs T..)` and constants as above.
    pub fn to_sexp(&self) -> String {
        let mut s = String::new();
        write_node(&mut s, self);
        s
    }
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_sexp())
    }
}

impl Program {
    /// The s-expressions of the top-level statements, one per line.
    pub fn to_sexp(&self) -> String {
        let parts: Vec<String> = self.body.iter().map(Node::to_sexp).collect();
        parts.join("\n")
    }
}

impl fmt::Display for Program {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_sexp())
    }
}

// ----- The s-expression printer -----

fn write_list(out: &mut String, head: &str, items: &[Node]) {
    out.push('(');
    out.push_str(head);
    for item in items {
        out.push(' ');
        write_node(out, item);
    }
    out.push(')');
}

/// `(a b c)`: the nodes in parentheses, without a head.
fn write_bare_list(out: &mut String, items: &[Node]) {
    out.push('(');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        write_node(out, item);
    }
    out.push(')');
}

fn write_opt(out: &mut String, node: &Option<Box<Node>>) {
    match node {
        Some(n) => write_node(out, n),
        None => out.push_str("nil"),
    }
}

fn write_const(out: &mut String, scope: &ConstScope, name: &str) {
    match scope {
        ConstScope::Lexical => out.push_str(name),
        ConstScope::Top => {
            out.push_str("::");
            out.push_str(name);
        }
        ConstScope::Scoped(base) => {
            write_node(out, base);
            out.push(' ');
            out.push_str(name);
        }
    }
}

fn write_parts(out: &mut String, head: &str, parts: &[StrPart]) {
    out.push('(');
    out.push_str(head);
    for part in parts {
        out.push(' ');
        match part {
            StrPart::Lit(s) => out.push_str(&format!("{:?}", s)),
            StrPart::Code(n) => write_node(out, n),
        }
    }
    out.push(')');
}

fn write_param(out: &mut String, p: &Param) {
    match p {
        Param::Name(n) => out.push_str(n),
        Param::Destructure(ps) => {
            out.push_str("(mlhs");
            for p in ps {
                out.push(' ');
                write_param(out, p);
            }
            out.push(')');
        }
    }
}

fn write_params(out: &mut String, params: &Params) {
    out.push_str("(params");
    for p in &params.required {
        out.push(' ');
        write_param(out, p);
    }
    for (name, default) in &params.optional {
        out.push_str(&format!(" (opt {} ", name));
        write_node(out, default);
        out.push(')');
    }
    if let Some(rest) = &params.rest {
        out.push_str(&format!(" (rest {})", rest));
    }
    for p in &params.post {
        out.push_str(" (post ");
        write_param(out, p);
        out.push(')');
    }
    if let Some(b) = &params.block {
        out.push_str(&format!(" (block {})", b));
    }
    if !params.block_locals.is_empty() {
        out.push_str(&format!(" (locals {})", params.block_locals.join(" ")));
    }
    if params.trailing_comma {
        out.push_str(" ,");
    }
    out.push(')');
}

fn write_block_node(out: &mut String, head: &str, b: &BlockNode) {
    out.push('(');
    out.push_str(head);
    out.push(' ');
    write_params(out, &b.params);
    out.push(' ');
    write_node(out, &b.body);
    out.push(')');
}

fn write_block_arg(out: &mut String, b: &BlockArg) {
    match b {
        BlockArg::Literal(b) => write_block_node(out, "block", b),
        BlockArg::Pass(n) => {
            out.push_str("(block-pass ");
            write_node(out, n);
            out.push(')');
        }
    }
}

fn write_call(out: &mut String, head: &str, call: &Call) {
    out.push('(');
    out.push_str(head);
    out.push(' ');
    match &call.recv {
        Some(r) => write_node(out, r),
        None => out.push_str("nil"),
    }
    out.push(' ');
    out.push_str(&call.name);
    for a in &call.args {
        out.push(' ');
        write_node(out, a);
    }
    if let Some(b) = &call.block {
        out.push(' ');
        write_block_arg(out, b);
    }
    out.push(')');
}

fn write_target(out: &mut String, t: &Target) {
    match t {
        Target::Local(n) => out.push_str(&format!("(lvar {})", n)),
        Target::Ivar(n) => out.push_str(&format!("(ivar {})", n)),
        Target::Gvar(n) => out.push_str(&format!("(gvar {})", n)),
        Target::Cvar(n) => out.push_str(&format!("(cvar {})", n)),
        Target::Const { scope, name } => {
            out.push_str("(const ");
            write_const(out, scope, name);
            out.push(')');
        }
        Target::Index { recv, args } => {
            out.push_str("(index ");
            write_node(out, recv);
            for a in args {
                out.push(' ');
                write_node(out, a);
            }
            out.push(')');
        }
        Target::Attr {
            recv,
            name,
            safe_nav,
        } => {
            out.push_str(if *safe_nav { "(safe-attr " } else { "(attr " });
            write_node(out, recv);
            out.push(' ');
            out.push_str(name);
            out.push(')');
        }
        Target::Splat(inner) => {
            out.push_str("(splat");
            if let Some(t) = inner {
                out.push(' ');
                write_target(out, t);
            }
            out.push(')');
        }
        Target::Nested(ts) => write_targets(out, "mlhs", ts),
    }
}

/// `(HEAD T1 T2)`, or `(T1 T2)` when `head` is empty.
fn write_targets(out: &mut String, head: &str, ts: &[Target]) {
    out.push('(');
    out.push_str(head);
    for (i, t) in ts.iter().enumerate() {
        if i > 0 || !head.is_empty() {
            out.push(' ');
        }
        write_target(out, t);
    }
    out.push(')');
}

fn write_named(out: &mut String, head: &str, name: &str, value: &Node) {
    out.push_str(&format!("({} {} ", head, name));
    write_node(out, value);
    out.push(')');
}

fn write_jump(out: &mut String, head: &str, value: &Option<Box<Node>>) {
    out.push('(');
    out.push_str(head);
    if let Some(v) = value {
        out.push(' ');
        write_node(out, v);
    }
    out.push(')');
}

fn write_node(out: &mut String, node: &Node) {
    use NodeKind as K;
    match &node.kind {
        K::Nil => out.push_str("nil"),
        K::True => out.push_str("true"),
        K::False => out.push_str("false"),
        K::SelfRef => out.push_str("self"),
        K::Int(i) => out.push_str(&format!("(int {})", i)),
        K::BigInt(s) => out.push_str(&format!("(bigint {})", s)),
        K::Float(f) => out.push_str(&format!("(float {:?})", f)),
        K::Str(s) => out.push_str(&format!("(str {:?})", s)),
        K::DStr(parts) => write_parts(out, "dstr", parts),
        K::Sym(s) => out.push_str(&format!("(sym {})", s)),
        K::DSym(parts) => write_parts(out, "dsym", parts),
        K::Array(items) => write_list(out, "array", items),
        K::Hash { pairs, braces } => {
            out.push_str(if *braces { "(hash" } else { "(hash*" });
            for (k, v) in pairs {
                out.push_str(" (pair ");
                write_node(out, k);
                out.push(' ');
                write_node(out, v);
                out.push(')');
            }
            out.push(')');
        }
        K::Range { lo, hi, exclusive } => {
            out.push_str(if *exclusive { "(erange " } else { "(irange " });
            write_opt(out, lo);
            out.push(' ');
            write_opt(out, hi);
            out.push(')');
        }
        K::Lambda(b) => write_block_node(out, "lambda", b),
        K::SourceFile => out.push_str("(file)"),
        K::LocalVar(n) => out.push_str(&format!("(lvar {})", n)),
        K::LocalAsgn { name, value } => write_named(out, "lasgn", name, value),
        K::Ivar(n) => out.push_str(&format!("(ivar {})", n)),
        K::IvarAsgn { name, value } => write_named(out, "iasgn", name, value),
        K::Gvar(n) => out.push_str(&format!("(gvar {})", n)),
        K::GvarAsgn { name, value } => write_named(out, "gasgn", name, value),
        K::Cvar(n) => out.push_str(&format!("(cvar {})", n)),
        K::CvarAsgn { name, value } => write_named(out, "cvasgn", name, value),
        K::Const { scope, name } => {
            out.push_str("(const ");
            write_const(out, scope, name);
            out.push(')');
        }
        K::ConstAsgn { scope, name, value } => {
            out.push_str("(casgn ");
            write_const(out, scope, name);
            out.push(' ');
            write_node(out, value);
            out.push(')');
        }
        K::AttrAsgn(call) => write_call(out, "attrasgn", call),
        K::OpAsgn { target, op, value } => {
            out.push_str("(op-asgn ");
            write_target(out, target);
            out.push_str(&format!(" {} ", op));
            write_node(out, value);
            out.push(')');
        }
        K::OrAsgn { target, value } | K::AndAsgn { target, value } => {
            let head = if matches!(node.kind, K::OrAsgn { .. }) {
                "(or-asgn "
            } else {
                "(and-asgn "
            };
            out.push_str(head);
            write_target(out, target);
            out.push(' ');
            write_node(out, value);
            out.push(')');
        }
        K::MultiAsgn { targets, value } => {
            out.push_str("(masgn ");
            write_targets(out, "", targets);
            out.push(' ');
            write_node(out, value);
            out.push(')');
        }
        K::Call(call) => write_call(out, if call.safe_nav { "csend" } else { "call" }, call),
        K::Super { args, block, .. } => {
            match args {
                Some(args) => {
                    out.push_str("(super");
                    for a in args {
                        out.push(' ');
                        write_node(out, a);
                    }
                }
                None => out.push_str("(zsuper"),
            }
            if let Some(b) = block {
                out.push(' ');
                write_block_arg(out, b);
            }
            out.push(')');
        }
        K::Yield { args } => write_list(out, "yield", args),
        K::Splat(x) => write_list(out, "splat", std::slice::from_ref(x)),
        K::And(a, b) => {
            out.push_str("(and ");
            write_node(out, a);
            out.push(' ');
            write_node(out, b);
            out.push(')');
        }
        K::Or(a, b) => {
            out.push_str("(or ");
            write_node(out, a);
            out.push(' ');
            write_node(out, b);
            out.push(')');
        }
        K::Not(x, _) => write_list(out, "not", std::slice::from_ref(x)),
        K::Defined(x) => write_list(out, "defined", std::slice::from_ref(x)),
        K::If {
            cond,
            then_body,
            else_body,
        } => {
            out.push_str("(if ");
            write_node(out, cond);
            out.push(' ');
            write_node(out, then_body);
            out.push(' ');
            write_node(out, else_body);
            out.push(')');
        }
        K::While {
            cond,
            body,
            do_while,
        } => {
            out.push_str(if *do_while { "(do-while " } else { "(while " });
            write_node(out, cond);
            out.push(' ');
            write_node(out, body);
            out.push(')');
        }
        K::For {
            targets,
            iter,
            body,
        } => {
            out.push_str("(for ");
            write_targets(out, "", targets);
            out.push(' ');
            write_node(out, iter);
            out.push(' ');
            write_node(out, body);
            out.push(')');
        }
        K::Case {
            subject,
            whens,
            else_body,
        } => {
            out.push_str("(case ");
            write_opt(out, subject);
            for w in whens {
                out.push_str(" (when ");
                write_bare_list(out, &w.values);
                out.push(' ');
                write_node(out, &w.body);
                out.push(')');
            }
            out.push(' ');
            write_node(out, else_body);
            out.push(')');
        }
        K::Break(v) => write_jump(out, "break", v),
        K::Next(v) => write_jump(out, "next", v),
        K::Return(v) => write_jump(out, "return", v),
        K::Begin(b) => {
            out.push_str("(begin ");
            write_node(out, &b.body);
            for r in &b.rescues {
                out.push_str(" (rescue ");
                write_bare_list(out, &r.classes);
                out.push(' ');
                match &r.var {
                    Some(t) => write_target(out, t),
                    None => out.push_str("nil"),
                }
                out.push(' ');
                write_node(out, &r.body);
                out.push(')');
            }
            if let Some(e) = &b.else_body {
                out.push(' ');
                write_list(out, "else", std::slice::from_ref(e));
            }
            if let Some(e) = &b.ensure_body {
                out.push(' ');
                write_list(out, "ensure", std::slice::from_ref(e));
            }
            out.push(')');
        }
        K::Seq(items) => write_list(out, "seq", items),
        K::Def(d) => {
            match &d.singleton {
                Some(s) => {
                    out.push_str("(defs ");
                    write_node(out, s);
                    out.push(' ');
                }
                None => out.push_str("(def "),
            }
            out.push_str(&d.name);
            out.push(' ');
            write_params(out, &d.params);
            out.push(' ');
            write_node(out, &d.body);
            out.push(')');
        }
        K::Class {
            scope,
            name,
            superclass,
            body,
        } => {
            out.push_str("(class ");
            write_const(out, scope, name);
            out.push(' ');
            write_opt(out, superclass);
            out.push(' ');
            write_node(out, body);
            out.push(')');
        }
        K::Module { scope, name, body } => {
            out.push_str("(module ");
            write_const(out, scope, name);
            out.push(' ');
            write_node(out, body);
            out.push(')');
        }
        K::SClass { target, body } => {
            out.push_str("(sclass ");
            write_node(out, target);
            out.push(' ');
            write_node(out, body);
            out.push(')');
        }
        K::Alias { new_name, old_name } => {
            out.push_str(&format!("(alias {} {})", new_name, old_name));
        }
    }
}
