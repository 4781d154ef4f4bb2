//! The frontend's parser: Prism, Ruby's own parser, and the conversion of its tree into
//! rebound's AST (`ast.rs`), so that scope resolution and lowering stay as they are.
//!
//! Prism parses with the oldest grammar it offers (Ruby 3.3): in 3.4 `it` inside a block
//! became a block parameter, which CRuby 3.1 (the reference) reads as a method call.
//! Prism also decides what is a local variable and what a method call, and it reports
//! the syntax errors that CRuby reports at compile time (`Invalid yield`, a class
//! definition in a method body, `p 1 == 1 == true`, ...): its errors are checked before
//! its tree is used, because Prism always returns a tree, with error-recovery nodes.
//!
//! The conversion rejects every construct outside the language (docs/language.md) at its
//! own place, as `unsupported: WHAT`. It recurses over the tree, so it counts its depth
//! and stops at [`MAX_NESTING`] with `nesting too deep`: every later walk (scope
//! resolution, lowering, printing, dropping the tree) then recurses no deeper than that,
//! which the stack of the thread that runs the frontend (`rebound::with_big_stack`) holds.

use crate::ast::*;
use crate::ParseError;
use ruby_prism::{
    ArgumentsNode, BlockParametersNode, ConstantId, ElseNode, Location, Node as P, ParametersNode,
    RescueNode, StatementsNode,
};

/// How deep the conversion recurses before it gives up with `nesting too deep`. A level
/// of the source is one to three levels of conversion (`-(-x)` is a call whose receiver is
/// a call), so programs nested 10,000 levels deep convert; the walks after it hold this
/// depth on the frontend's stack.
pub const MAX_NESTING: u32 = 40_000;

type CResult<T> = Result<T, ParseError>;

/// Parses a whole file with Prism and converts it to rebound's AST.
pub fn parse(src: &str) -> CResult<Program> {
    let options = ruby_prism::Options::default()
        .version(ruby_prism::Version::CRuby3_3)
        .build();
    if let Some(e) = too_deep_prefix_run(src, &options) {
        return Err(e);
    }
    let result = ruby_prism::parse_with_options(src.as_bytes(), &options);
    let mut cx = Cx::new(src, result.line_offsets());
    if let Some(e) = cx.first_error(&result) {
        return Err(e);
    }
    let root = result.node();
    let Some(program) = root.as_program_node() else {
        return Err(cx.error_at(&root.location(), "syntax error".to_string()));
    };
    let body = cx.stmt_list(Some(program.statements()))?;
    Ok(Program { body })
}

/// How many prefix operators in a row Prism nests before it reports `nesting too deep`.
const PRISM_MAX_NESTING: usize = 10_000;

/// A run of more than [`PRISM_MAX_NESTING`] prefix operators (`-`, `!`, `~`, `+`, `not`,
/// blanks between them), as in `p ------...1`, reported from a parse of the source cut
/// right after the run's first [`PRISM_MAX_NESTING`] + 1 operators.
///
/// Why: Prism's parse time is quadratic in the length of such a run (for each operator it
/// looks down the chain below it, up to its nesting cap, and it goes on past the cap after
/// the error): a million `-` take 14 s, the cut source milliseconds. The cut parse is
/// used only when it fails with `nesting too deep` inside the run (that error is reported
/// even when Prism finds an earlier one: both are syntax errors, and finding the earlier
/// one means the quadratic parse); a run inside a string or a comment parses (the source
/// is then parsed whole, as usual).
fn too_deep_prefix_run(src: &str, options: &ruby_prism::ParseOptions) -> Option<ParseError> {
    let bytes = src.as_bytes();
    let (mut run_start, mut ops) = (0, 0);
    let mut i = 0;
    let cut = loop {
        if i >= bytes.len() {
            return None;
        }
        let op_len = match bytes[i] {
            b'-' | b'!' | b'~' | b'+' => 1,
            b'n' if bytes[i..].starts_with(b"not")
                && bytes
                    .get(i + 3)
                    .is_some_and(|c| matches!(c, b' ' | b'\t' | b'(')) =>
            {
                3
            }
            b' ' | b'\t' if ops > 0 => {
                i += 1;
                continue;
            }
            _ => 0,
        };
        if op_len == 0 {
            ops = 0;
            i += 1;
            continue;
        }
        if ops == 0 {
            run_start = i;
        }
        ops += 1;
        i += op_len;
        if ops > PRISM_MAX_NESTING {
            break i;
        }
    };
    let result = ruby_prism::parse_with_options(&bytes[..cut], options);
    let cx = Cx::new(src, result.line_offsets());
    // The run's own `nesting too deep`, even when Prism found an earlier error: the whole
    // source has that error too, and parsing it whole is what takes the time.
    let e = result
        .errors()
        .filter(|e| {
            e.location().start() as usize >= run_start && e.message() == b"nesting too deep"
        })
        .min_by_key(|e| e.location().start())?;
    Some(cx.error_at(&e.location(), "syntax error: nesting too deep".to_string()))
}

/// The conversion's context: the source (for positions) and the recursion depth.
struct Cx<'s> {
    src: &'s str,
    /// The byte offset where each line starts.
    line_starts: &'s [u32],
    /// The offsets of the UTF-8 continuation bytes of the source, to turn a byte offset
    /// into a character column without counting the line's characters each time (which
    /// is quadratic on a long line).
    continuation: Vec<u32>,
    depth: u32,
    /// Inside a `def` (and not in a `class << x` body within it): a constant assignment
    /// here is CRuby's "dynamic constant assignment". Prism reports most of them itself,
    /// but not the ones in a `rescue` clause (`rescue A = e`, `rescue => A`).
    in_def: bool,
}

impl<'s> Cx<'s> {
    fn new(src: &'s str, line_starts: &'s [u32]) -> Cx<'s> {
        let continuation = src
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b & 0xC0 == 0x80)
            .map(|(i, _)| i as u32)
            .collect();
        Cx {
            src,
            line_starts,
            continuation,
            depth: 0,
            in_def: false,
        }
    }
}

fn name_of(id: &ConstantId<'_>) -> String {
    String::from_utf8_lossy(id.as_slice()).into_owned()
}

impl<'s> Cx<'s> {
    // ----- Positions and errors -----

    /// Prism's first error in the source (not in its order of discovery), if any.
    fn first_error(&self, result: &ruby_prism::ParseResult<'_>) -> Option<ParseError> {
        let e = result.errors().min_by_key(|e| e.location().start())?;
        let message = String::from_utf8_lossy(e.message()).into_owned();
        Some(self.error_at(&e.location(), format!("syntax error: {message}")))
    }

    /// The 1-based line and character column of a byte offset.
    fn span_at(&self, offset: u32) -> Span {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let end = offset.min(self.src.len() as u32).max(start);
        let before = |o: u32| self.continuation.partition_point(|&c| c < o) as u32;
        let col = end - start - (before(end) - before(start));
        Span::new(line as u32, col + 1)
    }

    fn span(&self, loc: &Location<'_>) -> Span {
        self.span_at(loc.start())
    }

    fn error_at(&self, loc: &Location<'_>, message: String) -> ParseError {
        ParseError::new(self.span(loc), message)
    }

    /// A constant assignment at `loc`: an error inside a method body.
    fn static_const(&self, loc: &Location<'_>) -> CResult<()> {
        if self.in_def {
            return Err(self.error_at(loc, "syntax error: dynamic constant assignment".into()));
        }
        Ok(())
    }

    fn unsupported<T>(&self, loc: &Location<'_>, what: &str) -> CResult<T> {
        Err(self.error_at(loc, format!("unsupported: {what}")))
    }

    /// A string literal's bytes as a `String`: rebound's strings are UTF-8.
    fn utf8(&self, loc: &Location<'_>, bytes: &[u8]) -> CResult<String> {
        match std::str::from_utf8(bytes) {
            Ok(s) => Ok(s.to_string()),
            Err(_) => self.unsupported(loc, "string literal that is not valid UTF-8"),
        }
    }

    // ----- Statement lists -----

    fn stmt_list(&mut self, stmts: Option<StatementsNode<'_>>) -> CResult<Vec<Node>> {
        let Some(stmts) = stmts else {
            return Ok(Vec::new());
        };
        stmts.body().iter().map(|n| self.node(&n)).collect()
    }

    /// A statement list as one node (see the AST's module doc); `span` places an empty one.
    fn body(&mut self, stmts: Option<StatementsNode<'_>>, span: Span) -> CResult<Node> {
        let list = self.stmt_list(stmts)?;
        Ok(Node::body(list, span))
    }

    /// A node that stands for a statement list (a `StatementsNode`, a `BeginNode` with
    /// clauses, or a single expression).
    fn body_node(&mut self, node: Option<P<'_>>, span: Span) -> CResult<Node> {
        match node {
            None => Ok(Node::empty(span)),
            Some(n) => match n.as_statements_node() {
                Some(s) => self.body(Some(s), span),
                None => self.node(&n),
            },
        }
    }

    fn else_body(&mut self, e: Option<ElseNode<'_>>, span: Span) -> CResult<Node> {
        match e {
            None => Ok(Node::empty(span)),
            Some(e) => {
                let span = self.span(&e.else_keyword_loc());
                self.body(e.statements(), span)
            }
        }
    }

    // ----- Expressions -----

    fn boxed(&mut self, n: &P<'_>) -> CResult<Box<Node>> {
        Ok(Box::new(self.node(n)?))
    }

    fn opt_boxed(&mut self, n: Option<P<'_>>) -> CResult<Option<Box<Node>>> {
        n.map(|n| self.boxed(&n)).transpose()
    }

    /// Converts one node, counting the depth.
    fn node(&mut self, n: &P<'_>) -> CResult<Node> {
        if self.depth >= MAX_NESTING {
            return Err(self.error_at(&n.location(), "nesting too deep".to_string()));
        }
        self.depth += 1;
        let r = self.node_inner(n);
        self.depth -= 1;
        r
    }

    fn node_inner(&mut self, n: &P<'_>) -> CResult<Node> {
        let loc = n.location();
        let span = self.span(&loc);
        let kind = match n {
            P::NilNode { .. } => NodeKind::Nil,
            P::TrueNode { .. } => NodeKind::True,
            P::FalseNode { .. } => NodeKind::False,
            P::SelfNode { .. } => NodeKind::SelfRef,
            P::IntegerNode { .. } => {
                let i = n.as_integer_node().unwrap();
                integer(&i.value())
            }
            P::FloatNode { .. } => NodeKind::Float(n.as_float_node().unwrap().value()),
            P::RationalNode { .. } | P::ImaginaryNode { .. } => {
                return self.unsupported(&loc, "rational and imaginary literals")
            }
            P::StringNode { .. } => {
                let s = n.as_string_node().unwrap();
                NodeKind::Str(self.utf8(&loc, s.unescaped())?)
            }
            P::InterpolatedStringNode { .. } => {
                let s = n.as_interpolated_string_node().unwrap();
                let mut parts = Vec::new();
                self.str_parts(&s.parts(), &mut parts)?;
                match parts.as_slice() {
                    [] => NodeKind::Str(String::new()),
                    [StrPart::Lit(s)] => NodeKind::Str(s.clone()),
                    _ => NodeKind::DStr(parts),
                }
            }
            P::SymbolNode { .. } => {
                let s = n.as_symbol_node().unwrap();
                NodeKind::Sym(self.utf8(&loc, s.unescaped())?)
            }
            P::InterpolatedSymbolNode { .. } => {
                let s = n.as_interpolated_symbol_node().unwrap();
                let mut parts = Vec::new();
                self.str_parts(&s.parts(), &mut parts)?;
                match parts.as_slice() {
                    [StrPart::Lit(s)] => NodeKind::Sym(s.clone()),
                    _ => NodeKind::DSym(parts),
                }
            }
            P::XStringNode { .. } | P::InterpolatedXStringNode { .. } => {
                return self.unsupported(&loc, "backtick command (`...`)")
            }
            P::RegularExpressionNode { .. }
            | P::InterpolatedRegularExpressionNode { .. }
            | P::MatchLastLineNode { .. }
            | P::InterpolatedMatchLastLineNode { .. } => {
                return self.unsupported(&loc, "regular expression literal")
            }
            P::MatchWriteNode { .. } => return self.unsupported(&loc, "regular expressions (=~)"),
            P::ArrayNode { .. } => {
                let a = n.as_array_node().unwrap();
                NodeKind::Array(self.node_list(a.elements().iter())?)
            }
            P::HashNode { .. } => {
                let h = n.as_hash_node().unwrap();
                NodeKind::Hash {
                    pairs: self.hash_pairs(h.elements().iter())?,
                    braces: true,
                }
            }
            P::KeywordHashNode { .. } => {
                let h = n.as_keyword_hash_node().unwrap();
                NodeKind::Hash {
                    pairs: self.hash_pairs(h.elements().iter())?,
                    braces: false,
                }
            }
            P::RangeNode { .. } => {
                let r = n.as_range_node().unwrap();
                NodeKind::Range {
                    lo: self.opt_boxed(r.left())?,
                    hi: self.opt_boxed(r.right())?,
                    exclusive: r.is_exclude_end(),
                }
            }
            P::FlipFlopNode { .. } => return self.unsupported(&loc, "flip-flops"),
            P::LambdaNode { .. } => {
                let l = n.as_lambda_node().unwrap();
                let params = self.block_params(l.parameters())?;
                let body = self.body_node(l.body(), span)?;
                NodeKind::Lambda(Box::new(BlockNode { params, body, span }))
            }
            P::SourceFileNode { .. } => NodeKind::SourceFile,
            P::SourceLineNode { .. } => NodeKind::Int(span.line as i64),
            P::SourceEncodingNode { .. } => return self.unsupported(&loc, "__ENCODING__"),

            // ----- Variables and constants -----
            P::LocalVariableReadNode { .. } => {
                NodeKind::LocalVar(name_of(&n.as_local_variable_read_node().unwrap().name()))
            }
            P::LocalVariableWriteNode { .. } => {
                let w = n.as_local_variable_write_node().unwrap();
                NodeKind::LocalAsgn {
                    name: name_of(&w.name()),
                    value: self.boxed(&w.value())?,
                }
            }
            P::InstanceVariableReadNode { .. } => {
                NodeKind::Ivar(name_of(&n.as_instance_variable_read_node().unwrap().name()))
            }
            P::InstanceVariableWriteNode { .. } => {
                let w = n.as_instance_variable_write_node().unwrap();
                NodeKind::IvarAsgn {
                    name: name_of(&w.name()),
                    value: self.boxed(&w.value())?,
                }
            }
            P::GlobalVariableReadNode { .. } => {
                NodeKind::Gvar(name_of(&n.as_global_variable_read_node().unwrap().name()))
            }
            P::GlobalVariableWriteNode { .. } => {
                let w = n.as_global_variable_write_node().unwrap();
                NodeKind::GvarAsgn {
                    name: name_of(&w.name()),
                    value: self.boxed(&w.value())?,
                }
            }
            P::BackReferenceReadNode { .. } | P::NumberedReferenceReadNode { .. } => {
                return self.unsupported(&loc, "special global variables")
            }
            P::ClassVariableReadNode { .. } => {
                NodeKind::Cvar(name_of(&n.as_class_variable_read_node().unwrap().name()))
            }
            P::ClassVariableWriteNode { .. } => {
                let w = n.as_class_variable_write_node().unwrap();
                NodeKind::CvarAsgn {
                    name: name_of(&w.name()),
                    value: self.boxed(&w.value())?,
                }
            }
            P::ConstantReadNode { .. } => NodeKind::Const {
                scope: ConstScope::Lexical,
                name: name_of(&n.as_constant_read_node().unwrap().name()),
            },
            P::ConstantPathNode { .. } => {
                let c = n.as_constant_path_node().unwrap();
                let (scope, name) = self.const_path(c.parent(), c.name(), &loc)?;
                NodeKind::Const { scope, name }
            }
            P::ConstantWriteNode { .. } => {
                self.static_const(&loc)?;
                let w = n.as_constant_write_node().unwrap();
                NodeKind::ConstAsgn {
                    scope: ConstScope::Lexical,
                    name: name_of(&w.name()),
                    value: self.boxed(&w.value())?,
                }
            }
            P::ConstantPathWriteNode { .. } => {
                self.static_const(&loc)?;
                let w = n.as_constant_path_write_node().unwrap();
                let t = w.target();
                let (scope, name) = self.const_path(t.parent(), t.name(), &loc)?;
                NodeKind::ConstAsgn {
                    scope,
                    name,
                    value: self.boxed(&w.value())?,
                }
            }
            P::ShareableConstantNode { .. } => {
                return self.unsupported(&loc, "shareable_constant_value")
            }

            // ----- Compound assignment -----
            P::LocalVariableOperatorWriteNode { .. } => {
                let w = n.as_local_variable_operator_write_node().unwrap();
                self.op_asgn(
                    Target::Local(name_of(&w.name())),
                    &w.binary_operator(),
                    &w.value(),
                )?
            }
            P::LocalVariableOrWriteNode { .. } => {
                let w = n.as_local_variable_or_write_node().unwrap();
                self.or_asgn(Target::Local(name_of(&w.name())), &w.value())?
            }
            P::LocalVariableAndWriteNode { .. } => {
                let w = n.as_local_variable_and_write_node().unwrap();
                self.and_asgn(Target::Local(name_of(&w.name())), &w.value())?
            }
            P::InstanceVariableOperatorWriteNode { .. } => {
                let w = n.as_instance_variable_operator_write_node().unwrap();
                self.op_asgn(
                    Target::Ivar(name_of(&w.name())),
                    &w.binary_operator(),
                    &w.value(),
                )?
            }
            P::InstanceVariableOrWriteNode { .. } => {
                let w = n.as_instance_variable_or_write_node().unwrap();
                self.or_asgn(Target::Ivar(name_of(&w.name())), &w.value())?
            }
            P::InstanceVariableAndWriteNode { .. } => {
                let w = n.as_instance_variable_and_write_node().unwrap();
                self.and_asgn(Target::Ivar(name_of(&w.name())), &w.value())?
            }
            P::GlobalVariableOperatorWriteNode { .. } => {
                let w = n.as_global_variable_operator_write_node().unwrap();
                self.op_asgn(
                    Target::Gvar(name_of(&w.name())),
                    &w.binary_operator(),
                    &w.value(),
                )?
            }
            P::GlobalVariableOrWriteNode { .. } => {
                let w = n.as_global_variable_or_write_node().unwrap();
                self.or_asgn(Target::Gvar(name_of(&w.name())), &w.value())?
            }
            P::GlobalVariableAndWriteNode { .. } => {
                let w = n.as_global_variable_and_write_node().unwrap();
                self.and_asgn(Target::Gvar(name_of(&w.name())), &w.value())?
            }
            P::ClassVariableOperatorWriteNode { .. } => {
                let w = n.as_class_variable_operator_write_node().unwrap();
                self.op_asgn(
                    Target::Cvar(name_of(&w.name())),
                    &w.binary_operator(),
                    &w.value(),
                )?
            }
            P::ClassVariableOrWriteNode { .. } => {
                let w = n.as_class_variable_or_write_node().unwrap();
                self.or_asgn(Target::Cvar(name_of(&w.name())), &w.value())?
            }
            P::ClassVariableAndWriteNode { .. } => {
                let w = n.as_class_variable_and_write_node().unwrap();
                self.and_asgn(Target::Cvar(name_of(&w.name())), &w.value())?
            }
            P::ConstantOperatorWriteNode { .. } => {
                let w = n.as_constant_operator_write_node().unwrap();
                let t = Target::Const {
                    scope: ConstScope::Lexical,
                    name: name_of(&w.name()),
                };
                self.op_asgn(t, &w.binary_operator(), &w.value())?
            }
            P::ConstantOrWriteNode { .. } => {
                let w = n.as_constant_or_write_node().unwrap();
                let t = Target::Const {
                    scope: ConstScope::Lexical,
                    name: name_of(&w.name()),
                };
                self.or_asgn(t, &w.value())?
            }
            P::ConstantAndWriteNode { .. } => {
                let w = n.as_constant_and_write_node().unwrap();
                let t = Target::Const {
                    scope: ConstScope::Lexical,
                    name: name_of(&w.name()),
                };
                self.and_asgn(t, &w.value())?
            }
            P::ConstantPathOperatorWriteNode { .. } => {
                let w = n.as_constant_path_operator_write_node().unwrap();
                let t = w.target();
                let (scope, name) = self.const_path(t.parent(), t.name(), &loc)?;
                self.op_asgn(
                    Target::Const { scope, name },
                    &w.binary_operator(),
                    &w.value(),
                )?
            }
            P::ConstantPathOrWriteNode { .. } => {
                let w = n.as_constant_path_or_write_node().unwrap();
                let t = w.target();
                let (scope, name) = self.const_path(t.parent(), t.name(), &loc)?;
                self.or_asgn(Target::Const { scope, name }, &w.value())?
            }
            P::ConstantPathAndWriteNode { .. } => {
                let w = n.as_constant_path_and_write_node().unwrap();
                let t = w.target();
                let (scope, name) = self.const_path(t.parent(), t.name(), &loc)?;
                self.and_asgn(Target::Const { scope, name }, &w.value())?
            }
            P::CallOperatorWriteNode { .. } => {
                let w = n.as_call_operator_write_node().unwrap();
                let t =
                    self.attr_target(w.receiver(), &w.read_name(), w.is_safe_navigation(), &loc)?;
                self.op_asgn(t, &w.binary_operator(), &w.value())?
            }
            P::CallOrWriteNode { .. } => {
                let w = n.as_call_or_write_node().unwrap();
                let t =
                    self.attr_target(w.receiver(), &w.read_name(), w.is_safe_navigation(), &loc)?;
                self.or_asgn(t, &w.value())?
            }
            P::CallAndWriteNode { .. } => {
                let w = n.as_call_and_write_node().unwrap();
                let t =
                    self.attr_target(w.receiver(), &w.read_name(), w.is_safe_navigation(), &loc)?;
                self.and_asgn(t, &w.value())?
            }
            P::IndexOperatorWriteNode { .. } => {
                let w = n.as_index_operator_write_node().unwrap();
                self.statement_before(w.receiver(), &w.opening_loc())?;
                if w.block().is_some() {
                    return self.unsupported(&loc, "a block argument in an index");
                }
                let t =
                    self.index_target(w.receiver(), w.arguments(), w.is_safe_navigation(), &loc)?;
                self.op_asgn(t, &w.binary_operator(), &w.value())?
            }
            P::IndexOrWriteNode { .. } => {
                let w = n.as_index_or_write_node().unwrap();
                self.statement_before(w.receiver(), &w.opening_loc())?;
                if w.block().is_some() {
                    return self.unsupported(&loc, "a block argument in an index");
                }
                let t =
                    self.index_target(w.receiver(), w.arguments(), w.is_safe_navigation(), &loc)?;
                self.or_asgn(t, &w.value())?
            }
            P::IndexAndWriteNode { .. } => {
                let w = n.as_index_and_write_node().unwrap();
                self.statement_before(w.receiver(), &w.opening_loc())?;
                if w.block().is_some() {
                    return self.unsupported(&loc, "a block argument in an index");
                }
                let t =
                    self.index_target(w.receiver(), w.arguments(), w.is_safe_navigation(), &loc)?;
                self.and_asgn(t, &w.value())?
            }
            P::MultiWriteNode { .. } => {
                let w = n.as_multi_write_node().unwrap();
                let targets = self.targets(w.lefts().iter(), w.rest(), w.rights().iter())?;
                NodeKind::MultiAsgn {
                    targets,
                    value: self.boxed(&w.value())?,
                }
            }

            // ----- Calls -----
            P::CallNode { .. } => return self.call(n),
            P::SuperNode { .. } => {
                let s = n.as_super_node().unwrap();
                if let Some(open) = self.super_brace_arg(&s) {
                    // Not the sole argument of a command call (which takes the block,
                    // see `call`): CRuby 3.1 has no rule for it.
                    return Err(self.error_at(&open, "syntax error: unexpected { arg".to_string()));
                }
                if s.lparen_loc().is_none() {
                    self.do_after_brace_command(s.arguments(), s.block())?;
                }
                return self.super_call(&s, span, true);
            }
            P::ForwardingSuperNode { .. } => {
                let s = n.as_forwarding_super_node().unwrap();
                let block = match s.block() {
                    Some(b) => Some(Box::new(self.block_arg(Some(b.as_node()))?.unwrap())),
                    None => None,
                };
                NodeKind::Super {
                    args: None,
                    block,
                    has_parens: false,
                }
            }
            P::YieldNode { .. } => {
                let y = n.as_yield_node().unwrap();
                if y.lparen_loc().is_none() {
                    let first = y.arguments().and_then(|a| a.arguments().iter().next());
                    self.spaced_paren_arg(y.keyword_loc().end() as usize, first)?;
                }
                NodeKind::Yield {
                    args: self.args(y.arguments())?,
                }
            }
            P::SplatNode { .. } => {
                let s = n.as_splat_node().unwrap();
                match s.expression() {
                    Some(e) => NodeKind::Splat(self.boxed(&e)?),
                    None => return self.unsupported(&loc, "anonymous splat forwarding"),
                }
            }
            P::ForwardingArgumentsNode { .. } => {
                return self.unsupported(&loc, "argument forwarding (...)")
            }

            // ----- Logic -----
            P::AndNode { .. } => {
                let a = n.as_and_node().unwrap();
                if a.operator_loc().as_slice() == b"&&" {
                    self.statement_before(Some(a.left()), &a.operator_loc())?;
                }
                if a.operator_loc().as_slice() == b"and" {
                    self.command_op_assign(&a.left())?;
                    self.command_op_assign(&a.right())?;
                }
                NodeKind::And(self.boxed(&a.left())?, self.boxed(&a.right())?)
            }
            P::OrNode { .. } => {
                let o = n.as_or_node().unwrap();
                if o.operator_loc().as_slice() == b"||" {
                    self.statement_before(Some(o.left()), &o.operator_loc())?;
                }
                if o.operator_loc().as_slice() == b"or" {
                    self.command_op_assign(&o.left())?;
                    self.command_op_assign(&o.right())?;
                }
                NodeKind::Or(self.boxed(&o.left())?, self.boxed(&o.right())?)
            }
            P::DefinedNode { .. } => {
                return self.unsupported(&loc, "defined?");
            }

            // ----- Control -----
            P::IfNode { .. } => {
                let i = n.as_if_node().unwrap();
                if let (None, Some(q)) = (i.if_keyword_loc(), i.then_keyword_loc()) {
                    // A ternary: `c ? a : b`.
                    self.statement_before(Some(i.predicate()), &q)?;
                }
                self.command_op_assign(&i.predicate())?;
                let cond = self.boxed(&i.predicate())?;
                let then_body = self.body(i.statements(), span)?;
                let else_body = match i.subsequent() {
                    None => Node::empty(span),
                    Some(s) => match s.as_else_node() {
                        Some(e) => self.else_body(Some(e), span)?,
                        None => self.node(&s)?,
                    },
                };
                NodeKind::If {
                    cond,
                    then_body: Box::new(then_body),
                    else_body: Box::new(else_body),
                }
            }
            P::UnlessNode { .. } => {
                let u = n.as_unless_node().unwrap();
                self.command_op_assign(&u.predicate())?;
                let cond = self.boxed(&u.predicate())?;
                let body = self.body(u.statements(), span)?;
                let else_body = self.else_body(u.else_clause(), span)?;
                NodeKind::If {
                    cond,
                    then_body: Box::new(else_body),
                    else_body: Box::new(body),
                }
            }
            P::WhileNode { .. } => {
                let w = n.as_while_node().unwrap();
                self.command_op_assign(&w.predicate())?;
                NodeKind::While {
                    cond: self.boxed(&w.predicate())?,
                    body: Box::new(self.body(w.statements(), span)?),
                    do_while: w.is_begin_modifier(),
                }
            }
            P::UntilNode { .. } => {
                let u = n.as_until_node().unwrap();
                let pred = u.predicate();
                self.command_op_assign(&pred)?;
                let cond = self.node(&pred)?;
                let cond_span = cond.span;
                NodeKind::While {
                    cond: Box::new(Node::new(NodeKind::Not(Box::new(cond), false), cond_span)),
                    body: Box::new(self.body(u.statements(), span)?),
                    do_while: u.is_begin_modifier(),
                }
            }
            P::ForNode { .. } => {
                let f = n.as_for_node().unwrap();
                let index = f.index();
                let targets = match index.as_multi_target_node() {
                    Some(m) => self.targets(m.lefts().iter(), m.rest(), m.rights().iter())?,
                    None => vec![self.target(&index)?],
                };
                NodeKind::For {
                    targets,
                    iter: self.boxed(&f.collection())?,
                    body: Box::new(self.body(f.statements(), span)?),
                }
            }
            P::CaseNode { .. } => {
                let c = n.as_case_node().unwrap();
                let subject = self.opt_boxed(c.predicate())?;
                let mut whens = Vec::new();
                for w in c.conditions().iter() {
                    let Some(w) = w.as_when_node() else {
                        return self.unsupported(&w.location(), "pattern matching (case/in)");
                    };
                    let wspan = self.span(&w.when_keyword_loc());
                    if c.predicate().is_some() {
                        self.infinite_when(&w)?;
                    }
                    whens.push(WhenClause {
                        values: self.node_list(w.conditions().iter())?,
                        body: self.body(w.statements(), wspan)?,
                        span: wspan,
                    });
                }
                NodeKind::Case {
                    subject,
                    whens,
                    else_body: Box::new(self.else_body(c.else_clause(), span)?),
                }
            }
            P::CaseMatchNode { .. }
            | P::MatchPredicateNode { .. }
            | P::MatchRequiredNode { .. } => {
                return self.unsupported(&loc, "pattern matching (case/in)")
            }
            P::BreakNode { .. } => {
                NodeKind::Break(self.jump_value(n.as_break_node().unwrap().arguments(), span)?)
            }
            P::NextNode { .. } => {
                NodeKind::Next(self.jump_value(n.as_next_node().unwrap().arguments(), span)?)
            }
            P::ReturnNode { .. } => {
                NodeKind::Return(self.jump_value(n.as_return_node().unwrap().arguments(), span)?)
            }
            P::RedoNode { .. } => return self.unsupported(&loc, "redo"),
            P::RetryNode { .. } => return self.unsupported(&loc, "retry"),
            P::BeginNode { .. } => {
                let b = n.as_begin_node().unwrap();
                NodeKind::Begin(Box::new(self.begin(&b, span)?))
            }
            P::RescueModifierNode { .. } => {
                let r = n.as_rescue_modifier_node().unwrap();
                let body = self.node(&r.expression())?;
                let rescue = r.rescue_expression();
                let rspan = self.span(&r.keyword_loc());
                NodeKind::Begin(Box::new(Begin {
                    body,
                    rescues: vec![RescueClause {
                        classes: Vec::new(),
                        var: None,
                        body: self.node(&rescue)?,
                        span: rspan,
                    }],
                    else_body: None,
                    ensure_body: None,
                }))
            }
            P::ParenthesesNode { .. } => {
                let p = n.as_parentheses_node().unwrap();
                return self.body_node(p.body(), span);
            }
            P::StatementsNode { .. } => {
                let s = n.as_statements_node().unwrap();
                return self.body(Some(s), span);
            }

            // ----- Definitions -----
            P::DefNode { .. } => {
                let d = n.as_def_node().unwrap();
                if d.equal_loc().is_some() {
                    self.endless_not(d.body())?;
                }
                let singleton = d.receiver().map(|r| self.node(&r)).transpose()?;
                let outer = std::mem::replace(&mut self.in_def, true);
                let params = self.params(d.parameters(), false);
                let body = self.body_node(d.body(), span);
                self.in_def = outer;
                let (params, body) = (params?, body?);
                NodeKind::Def(Box::new(Def {
                    singleton,
                    name: name_of(&d.name()),
                    name_span: self.span(&d.name_loc()),
                    params,
                    body,
                }))
            }
            P::ClassNode { .. } => {
                let c = n.as_class_node().unwrap();
                if c.superclass().is_none() {
                    self.spaced_paren_body(&c.constant_path(), c.body())?;
                }
                let (scope, name) = self.defined_const(&c.constant_path())?;
                NodeKind::Class {
                    scope,
                    name,
                    superclass: self.opt_boxed(c.superclass())?,
                    body: Box::new(self.body_node(c.body(), span)?),
                }
            }
            P::ModuleNode { .. } => {
                let m = n.as_module_node().unwrap();
                self.spaced_paren_body(&m.constant_path(), m.body())?;
                let (scope, name) = self.defined_const(&m.constant_path())?;
                NodeKind::Module {
                    scope,
                    name,
                    body: Box::new(self.body_node(m.body(), span)?),
                }
            }
            P::SingletonClassNode { .. } => {
                let s = n.as_singleton_class_node().unwrap();
                let target = self.boxed(&s.expression())?;
                let outer = std::mem::replace(&mut self.in_def, false);
                let body = self.body_node(s.body(), span);
                self.in_def = outer;
                NodeKind::SClass {
                    target,
                    body: Box::new(body?),
                }
            }
            P::AliasMethodNode { .. } => {
                let a = n.as_alias_method_node().unwrap();
                NodeKind::Alias {
                    new_name: self.method_name(&a.new_name())?,
                    old_name: self.method_name(&a.old_name())?,
                }
            }
            P::AliasGlobalVariableNode { .. } => {
                return self.unsupported(&loc, "alias of global variables")
            }
            P::UndefNode { .. } => return self.unsupported(&loc, "undef"),
            P::PreExecutionNode { .. } => return self.unsupported(&loc, "BEGIN"),
            P::PostExecutionNode { .. } => return self.unsupported(&loc, "END"),
            P::ItLocalVariableReadNode { .. } => {
                return self.unsupported(&loc, "the block parameter `it'")
            }
            _ => return Err(self.error_at(&loc, "syntax error".to_string())),
        };
        Ok(Node::new(kind, span))
    }

    fn node_list<'p>(&mut self, nodes: impl Iterator<Item = P<'p>>) -> CResult<Vec<Node>> {
        nodes.map(|n| self.node(&n)).collect()
    }

    /// The parts of an interpolated string or symbol, adjacent literals merged (Prism
    /// splits `"a" "b#{c}"` and heredoc lines into several).
    fn str_parts(
        &mut self,
        parts: &ruby_prism::NodeList<'_>,
        out: &mut Vec<StrPart>,
    ) -> CResult<()> {
        for p in parts.iter() {
            let loc = p.location();
            match &p {
                P::StringNode { .. } => {
                    let s = self.utf8(&loc, p.as_string_node().unwrap().unescaped())?;
                    match out.last_mut() {
                        Some(StrPart::Lit(prev)) => prev.push_str(&s),
                        _ => out.push(StrPart::Lit(s)),
                    }
                }
                P::InterpolatedStringNode { .. } => {
                    self.str_parts(&p.as_interpolated_string_node().unwrap().parts(), out)?
                }
                P::EmbeddedStatementsNode { .. } => {
                    let e = p.as_embedded_statements_node().unwrap();
                    let span = self.span(&loc);
                    out.push(StrPart::Code(self.body(e.statements(), span)?));
                }
                P::EmbeddedVariableNode { .. } => {
                    let e = p.as_embedded_variable_node().unwrap();
                    out.push(StrPart::Code(self.node(&e.variable())?));
                }
                _ => return Err(self.error_at(&loc, "syntax error".to_string())),
            }
        }
        Ok(())
    }

    fn hash_pairs<'p>(&mut self, elems: impl Iterator<Item = P<'p>>) -> CResult<Vec<(Node, Node)>> {
        let mut pairs = Vec::new();
        for e in elems {
            let Some(a) = e.as_assoc_node() else {
                return self.unsupported(&e.location(), "double splat (**)");
            };
            let key = self.node(&a.key())?;
            let value = a.value();
            let value = match value.as_implicit_node() {
                Some(i) => self.node(&i.value())?,
                None => self.node(&value)?,
            };
            pairs.push((key, value));
        }
        Ok(pairs)
    }

    /// `(scope, name)` of a constant path `A::B` / `::B`.
    fn const_path(
        &mut self,
        parent: Option<P<'_>>,
        name: Option<ConstantId<'_>>,
        loc: &Location<'_>,
    ) -> CResult<(ConstScope, String)> {
        let Some(name) = name else {
            return Err(self.error_at(loc, "syntax error".to_string()));
        };
        let scope = match parent {
            None => ConstScope::Top,
            Some(p) => ConstScope::Scoped(self.boxed(&p)?),
        };
        Ok((scope, name_of(&name)))
    }

    /// The constant a `class` or `module` defines.
    fn defined_const(&mut self, path: &P<'_>) -> CResult<(ConstScope, String)> {
        if let Some(c) = path.as_constant_read_node() {
            return Ok((ConstScope::Lexical, name_of(&c.name())));
        }
        match path.as_constant_path_node() {
            Some(c) => self.const_path(c.parent(), c.name(), &path.location()),
            None => self.unsupported(&path.location(), "this class name"),
        }
    }

    /// The name in `alias new old` (a bare name or a plain symbol).
    fn method_name(&mut self, n: &P<'_>) -> CResult<String> {
        match n.as_symbol_node() {
            Some(s) => self.utf8(&n.location(), s.unescaped()),
            None => self.unsupported(&n.location(), "interpolated symbols"),
        }
    }

    // ----- Assignments -----

    fn op_asgn(&mut self, target: Target, op: &ConstantId<'_>, value: &P<'_>) -> CResult<NodeKind> {
        Ok(NodeKind::OpAsgn {
            target: Box::new(target),
            op: name_of(op),
            value: self.boxed(value)?,
        })
    }

    fn or_asgn(&mut self, target: Target, value: &P<'_>) -> CResult<NodeKind> {
        Ok(NodeKind::OrAsgn {
            target: Box::new(target),
            value: self.boxed(value)?,
        })
    }

    fn and_asgn(&mut self, target: Target, value: &P<'_>) -> CResult<NodeKind> {
        Ok(NodeKind::AndAsgn {
            target: Box::new(target),
            value: self.boxed(value)?,
        })
    }

    /// `recv.name` as the target of a compound assignment.
    fn attr_target(
        &mut self,
        recv: Option<P<'_>>,
        read_name: &ConstantId<'_>,
        safe_nav: bool,
        loc: &Location<'_>,
    ) -> CResult<Target> {
        let Some(recv) = recv else {
            return Err(self.error_at(loc, "syntax error".to_string()));
        };
        Ok(Target::Attr {
            recv: self.node(&recv)?,
            name: name_of(read_name),
            safe_nav,
        })
    }

    /// `recv[args]` as the target of a compound assignment.
    fn index_target(
        &mut self,
        recv: Option<P<'_>>,
        args: Option<ArgumentsNode<'_>>,
        safe_nav: bool,
        loc: &Location<'_>,
    ) -> CResult<Target> {
        if safe_nav {
            return self.unsupported(loc, "safe navigation (&.)");
        }
        let Some(recv) = recv else {
            return Err(self.error_at(loc, "syntax error".to_string()));
        };
        Ok(Target::Index {
            recv: self.node(&recv)?,
            args: self.args(args)?,
        })
    }

    /// The targets of a multiple assignment or a `for`: `lefts, *rest, rights`.
    fn targets<'p>(
        &mut self,
        lefts: impl Iterator<Item = P<'p>>,
        rest: Option<P<'p>>,
        rights: impl Iterator<Item = P<'p>>,
    ) -> CResult<Vec<Target>> {
        let mut out = Vec::new();
        for l in lefts {
            out.push(self.target(&l)?);
        }
        if let Some(r) = rest {
            // `a, = x` (an implicit rest) spreads like `a = x` over one target.
            if r.as_implicit_rest_node().is_none() {
                out.push(self.target(&r)?);
            }
        }
        for r in rights {
            out.push(self.target(&r)?);
        }
        Ok(out)
    }

    /// One target of a multiple assignment, a `for` or `rescue => var`.
    fn target(&mut self, n: &P<'_>) -> CResult<Target> {
        if self.depth >= MAX_NESTING {
            return Err(self.error_at(&n.location(), "nesting too deep".to_string()));
        }
        self.depth += 1;
        let r = self.target_inner(n);
        self.depth -= 1;
        r
    }

    fn target_inner(&mut self, n: &P<'_>) -> CResult<Target> {
        let loc = n.location();
        Ok(match n {
            P::LocalVariableTargetNode { .. } => {
                Target::Local(name_of(&n.as_local_variable_target_node().unwrap().name()))
            }
            P::InstanceVariableTargetNode { .. } => Target::Ivar(name_of(
                &n.as_instance_variable_target_node().unwrap().name(),
            )),
            P::GlobalVariableTargetNode { .. } => {
                Target::Gvar(name_of(&n.as_global_variable_target_node().unwrap().name()))
            }
            P::ClassVariableTargetNode { .. } => {
                Target::Cvar(name_of(&n.as_class_variable_target_node().unwrap().name()))
            }
            P::ConstantTargetNode { .. } => {
                self.static_const(&loc)?;
                Target::Const {
                    scope: ConstScope::Lexical,
                    name: name_of(&n.as_constant_target_node().unwrap().name()),
                }
            }
            P::ConstantPathTargetNode { .. } => {
                self.static_const(&loc)?;
                let c = n.as_constant_path_target_node().unwrap();
                let (scope, name) = self.const_path(c.parent(), c.name(), &loc)?;
                Target::Const { scope, name }
            }
            P::IndexTargetNode { .. } => {
                let i = n.as_index_target_node().unwrap();
                if i.block().is_some() {
                    return self.unsupported(&loc, "a block argument in an index");
                }
                self.index_target(
                    Some(i.receiver()),
                    i.arguments(),
                    i.is_safe_navigation(),
                    &loc,
                )?
            }
            P::CallTargetNode { .. } => {
                let c = n.as_call_target_node().unwrap();
                let name = name_of(&c.name());
                Target::Attr {
                    recv: self.node(&c.receiver())?,
                    name: name.strip_suffix('=').unwrap_or(&name).to_string(),
                    safe_nav: c.is_safe_navigation(),
                }
            }
            P::SplatNode { .. } => {
                let s = n.as_splat_node().unwrap();
                Target::Splat(
                    s.expression()
                        .map(|e| self.target(&e))
                        .transpose()?
                        .map(Box::new),
                )
            }
            P::MultiTargetNode { .. } => {
                let m = n.as_multi_target_node().unwrap();
                Target::Nested(self.targets(m.lefts().iter(), m.rest(), m.rights().iter())?)
            }
            _ => return self.unsupported(&loc, "this assignment target"),
        })
    }

    // ----- Calls -----

    fn call(&mut self, n: &P<'_>) -> CResult<Node> {
        let c = n.as_call_node().unwrap();
        let loc = n.location();
        let span = self.span(&loc);
        let name = name_of(&c.name());
        let Some(message) = c.message_loc() else {
            return self.unsupported(&loc, ".() call syntax");
        };
        if name == "=~" || name == "!~" {
            return self.unsupported(&message, "regular expressions (=~)");
        }
        self.older_grammar(&c, &message)?;
        // `foo super (1) {}`: CRuby 3.1 gives the block to `foo` (see `super_brace_arg`).
        let lent = self.lent_super(&c);
        if let (Some(_), Some(b)) = (&lent, c.block()) {
            let open = match b.as_block_node() {
                Some(b) => b.opening_loc(),
                None => b.location(),
            };
            let token = String::from_utf8_lossy(open.as_slice()).into_owned();
            return Err(self.error_at(&open, format!("syntax error: unexpected '{token}'")));
        }
        let recv = c.receiver().map(|r| self.node(&r)).transpose()?;
        // `!x` and `not x`: rebound's `Not` (see the AST's doc).
        if name == "!" && c.arguments().is_none() && c.block().is_none() {
            if let Some(recv) = recv {
                return Ok(Node::new(NodeKind::Not(Box::new(recv), true), span));
            }
        }
        let (args, block) = match &lent {
            Some(sup) => {
                let arg = self.super_call(sup, self.span(&sup.location()), false)?;
                (vec![arg], self.block_arg(sup.block())?)
            }
            None => (self.args(c.arguments())?, self.block_arg(c.block())?),
        };
        let has_parens = c.opening_loc().is_some_and(|o| o.as_slice() == b"(");
        let call = Box::new(Call {
            recv,
            name,
            name_span: self.span(&message),
            args,
            block,
            has_parens,
            safe_nav: c.is_safe_navigation(),
        });
        let kind = if c.is_attribute_write() {
            NodeKind::AttrAsgn(call)
        } else {
            NodeKind::Call(call)
        };
        Ok(Node::new(kind, span))
    }

    /// CRuby's compiler keys a `case` with a subject by its `when` literals, an integral
    /// Float literal by its Integer value, and that conversion raises FloatDomainError
    /// for an infinite one (`when 1e309`): before the program runs, whatever it would
    /// have printed. rebound ends such a program the same way.
    fn infinite_when(&self, w: &ruby_prism::WhenNode<'_>) -> CResult<()> {
        for v in w.conditions().iter() {
            let Some(x) = v.as_float_node().map(|f| f.value()) else {
                continue;
            };
            if x.is_infinite() {
                let mut e = self.error_at(
                    &v.location(),
                    format!("{}Infinity", if x < 0.0 { "-" } else { "" }),
                );
                e.raises = Some("FloatDomainError");
                return Err(e);
            }
        }
        Ok(())
    }

    /// The body of an endless method (`def m() = not x`): CRuby 3.1 wants `not` there
    /// with parentheses (`not(x)`), which Prism's 3.3 grammar does not.
    fn endless_not(&self, body: Option<P<'_>>) -> CResult<()> {
        let first = match body.as_ref().and_then(|b| b.as_statements_node()) {
            Some(list) => list.body().iter().next(),
            None => body,
        };
        let Some(call) = first.as_ref().and_then(|n| n.as_call_node()) else {
            return Ok(());
        };
        let not = call.message_loc().filter(|m| m.as_slice() == b"not");
        if let (Some(not), None) = (not, call.opening_loc()) {
            let after = call.receiver().map_or(not.end(), |r| r.location().start());
            let span = self.span_at(after as u32);
            return Err(ParseError::new(
                span,
                "syntax error: expecting '(' after `not` in an endless method".to_string(),
            ));
        }
        Ok(())
    }

    /// Calls that Prism's Ruby 3.3 grammar (the oldest it has) accepts and CRuby
    /// 3.1, whose behaviour rebound follows, rejects as syntax errors:
    /// - a constant-like method name after `::` with a block and no arguments or
    ///   parentheses (`y::A {}`, `y::A do end`): 3.1 reads `y::A` as a constant, and a
    ///   block cannot follow one;
    /// - a first argument in parentheses written after a space (`d (a; b)`, `d (;)`,
    ///   `d (a\nb)`): 3.1's grammar takes exactly one statement there, with no `;`
    ///   around it and at most one line break after it;
    /// - a method call on a command call with such an argument and a brace block
    ///   (`p (1) {}.o`): 3.1 reads `p (1) {}` as a whole statement;
    /// - a binary operator after a command call with a `do` block, or after a modifier
    ///   statement (`x if v 1 do end == 2`, which Prism reads as `(x if v 1 do end) == 2`).
    fn older_grammar(&self, c: &ruby_prism::CallNode<'_>, message: &Location<'_>) -> CResult<()> {
        const BINARY: &[&[u8]] = &[
            b"==", b"!=", b"<", b">", b"<=", b">=", b"+", b"-", b"*", b"/", b"%", b"**", b"<<",
            b">>", b"&", b"|", b"^", b"<=>", b"===", b"=~", b"!~",
        ];
        if c.call_operator_loc().is_none()
            && c.opening_loc().is_none()
            && BINARY.contains(&message.as_slice())
        {
            // Prism reads `x if v 1 do end == 2` as `(x if v 1 do end) == 2`.
            let modifier = c.receiver().is_some_and(|r| self.statement_operand(&r));
            let command_with_do = c
                .receiver()
                .and_then(|r| r.as_call_node())
                .is_some_and(|r| command_with_block(&r, b"do"));
            if modifier || command_with_do {
                let token = String::from_utf8_lossy(message.as_slice()).into_owned();
                return Err(self.error_at(message, format!("syntax error: unexpected '{token}'")));
            }
        }
        if c.opening_loc().is_none() {
            self.do_after_brace_command(c.arguments(), c.block())?;
        }
        // `x if v 1 do end[0]`, `x if v 1 do end[0] = 1`: an index of a statement.
        if c.call_operator_loc().is_none()
            && matches!(message.as_slice().first(), Some(b'['))
            && c.receiver().is_some_and(|r| self.statement_operand(&r))
        {
            let open = c.opening_loc();
            let at = open.as_ref().unwrap_or(message);
            return Err(self.error_at(at, "syntax error: unexpected '['".into()));
        }
        if let (Some(op), Some(recv)) = (c.call_operator_loc(), c.receiver()) {
            let command_with_braces = recv.as_call_node().is_some_and(|r| {
                command_with_block(&r, b"{")
                    || r.opening_loc().is_none()
                        && r.arguments().is_some()
                        && self.lent_super(&r).is_some()
            });
            if command_with_braces {
                let token = String::from_utf8_lossy(op.as_slice()).into_owned();
                return Err(self.error_at(&op, format!("syntax error: unexpected '{token}'")));
            }
        }
        if c.call_operator_loc().is_some_and(|o| o.as_slice() == b"::")
            && c.opening_loc().is_none()
            && c.arguments().is_none()
            && message
                .as_slice()
                .first()
                .is_some_and(u8::is_ascii_uppercase)
        {
            if let Some(b) = c.block().and_then(|b| b.as_block_node()) {
                let open = b.opening_loc();
                let token = if open.as_slice() == b"{" {
                    "'{'"
                } else {
                    "`do'"
                };
                return Err(self.error_at(&open, format!("syntax error: unexpected {token}")));
            }
        }
        if message.as_slice() == b"not" {
            // `not x` and `not(x)` (`not (x)` is a parenthesized statement).
            if let Some(r) = c.receiver() {
                self.command_op_assign(&r)?;
            }
        }
        if c.opening_loc().is_some() {
            return Ok(());
        }
        // `not (a; b)`: the operand is the receiver.
        let first = if message.as_slice() == b"not" {
            c.receiver()
        } else {
            c.arguments().and_then(|a| a.arguments().iter().next())
        };
        self.spaced_paren_arg(message.end() as usize, first)
    }

    /// `while s += i 3`: a command assignment (an op-assign whose value is a command call,
    /// or an assignment of one) where 3.1's grammar wants an expression: the condition of
    /// `if`, `unless`, `while`, `until`, the operand of `not` and of `and`/`or`. 3.1 takes
    /// `command_asgn` as a whole statement only and reads the command call's first
    /// argument as unexpected; Prism accepts it there (it rejects the other expression
    /// positions itself). The error is at that argument.
    fn command_op_assign(&self, n: &P<'_>) -> CResult<()> {
        match self.command_asgn_arg(n) {
            Some(first) => Err(self.error_at(
                &first.location(),
                "syntax error: unexpected argument".into(),
            )),
            None => Ok(()),
        }
    }

    /// If `n` is an op-assign whose right-hand side is a command (3.1's `command_rhs`),
    /// the command's first argument.
    fn command_asgn_arg<'p>(&self, n: &P<'p>) -> Option<P<'p>> {
        let value = if let Some(w) = n.as_local_variable_operator_write_node() {
            w.value()
        } else if let Some(w) = n.as_local_variable_or_write_node() {
            w.value()
        } else if let Some(w) = n.as_local_variable_and_write_node() {
            w.value()
        } else if let Some(w) = n.as_instance_variable_operator_write_node() {
            w.value()
        } else if let Some(w) = n.as_instance_variable_or_write_node() {
            w.value()
        } else if let Some(w) = n.as_instance_variable_and_write_node() {
            w.value()
        } else if let Some(w) = n.as_global_variable_operator_write_node() {
            w.value()
        } else if let Some(w) = n.as_global_variable_or_write_node() {
            w.value()
        } else if let Some(w) = n.as_global_variable_and_write_node() {
            w.value()
        } else if let Some(w) = n.as_constant_operator_write_node() {
            w.value()
        } else if let Some(w) = n.as_constant_or_write_node() {
            w.value()
        } else if let Some(w) = n.as_constant_and_write_node() {
            w.value()
        } else if let Some(w) = n.as_call_operator_write_node() {
            w.value()
        } else if let Some(w) = n.as_call_or_write_node() {
            w.value()
        } else if let Some(w) = n.as_call_and_write_node() {
            w.value()
        } else if let Some(w) = n.as_index_operator_write_node() {
            w.value()
        } else if let Some(w) = n.as_index_or_write_node() {
            w.value()
        } else if let Some(w) = n.as_index_and_write_node() {
            w.value()
        } else {
            return None;
        };
        self.command_rhs_arg(&value)
    }

    /// If `value`, the right-hand side of an assignment, is a command (3.1's
    /// `command_rhs`: a command call, one with a `rescue` modifier, or another command
    /// assignment), the command's first argument.
    fn command_rhs_arg<'p>(&self, value: &P<'p>) -> Option<P<'p>> {
        let first_arg = |args: Option<ruby_prism::ArgumentsNode<'p>>| {
            args.and_then(|a| a.arguments().iter().next())
        };
        if let Some(c) = value.as_call_node() {
            if c.is_attribute_write() {
                // `o.b = i 3`, `a[0] = i 3`: the value is the last argument.
                return c
                    .arguments()
                    .and_then(|a| a.arguments().iter().last())
                    .and_then(|v| self.command_rhs_arg(&v));
            }
            let named = c.message_loc().is_some_and(|m| {
                m.as_slice()
                    .first()
                    .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_' || *b >= 0x80)
            });
            return if named && c.opening_loc().is_none() {
                first_arg(c.arguments())
            } else {
                None
            };
        }
        if let Some(s) = value.as_super_node() {
            return first_arg(s.arguments()).filter(|_| s.lparen_loc().is_none());
        }
        if let Some(y) = value.as_yield_node() {
            return first_arg(y.arguments()).filter(|_| y.lparen_loc().is_none());
        }
        if let Some(r) = value.as_rescue_modifier_node() {
            return self.command_rhs_arg(&r.expression());
        }
        let plain = if let Some(w) = value.as_local_variable_write_node() {
            w.value()
        } else if let Some(w) = value.as_instance_variable_write_node() {
            w.value()
        } else if let Some(w) = value.as_global_variable_write_node() {
            w.value()
        } else if let Some(w) = value.as_constant_write_node() {
            w.value()
        } else if let Some(w) = value.as_constant_path_write_node() {
            w.value()
        } else {
            return self.command_asgn_arg(value);
        };
        self.command_rhs_arg(&plain)
    }

    /// `super (1) {}`: a `super` without parentheses whose only argument is in
    /// parentheses after a space, followed by a brace block. CRuby 3.1 lexes that `{` as
    /// the brace block of an enclosing command call (`foo super (1) {}` passes the block
    /// to `foo`), and has no rule for it anywhere else; Prism gives it to `super`. The
    /// location of the `{`, if it is one.
    fn super_brace_arg<'p>(&self, s: &ruby_prism::SuperNode<'p>) -> Option<Location<'p>> {
        if s.lparen_loc().is_some() {
            return None;
        }
        let mut args = s.arguments()?.arguments().iter();
        let paren = args.next()?.as_parentheses_node()?;
        if args.next().is_some() {
            return None;
        }
        let open = s.block()?.as_block_node()?.opening_loc();
        let blank = |from: u32, to: u32| {
            from <= to
                && self.src.as_bytes()[from as usize..to as usize]
                    .iter()
                    .all(|b| *b == b' ' || *b == b'\t')
        };
        let spaced = blank(s.keyword_loc().end(), paren.opening_loc().start())
            && paren.opening_loc().start() > s.keyword_loc().end();
        (open.as_slice() == b"{" && spaced && blank(paren.closing_loc().end(), open.start()))
            .then_some(open)
    }

    /// The `super (1) {}` that is the only argument of the command call `c`, whose block
    /// CRuby 3.1 gives to `c` (see [`Cx::super_brace_arg`]).
    fn lent_super<'p>(&self, c: &ruby_prism::CallNode<'p>) -> Option<ruby_prism::SuperNode<'p>> {
        if c.opening_loc().is_some() {
            return None;
        }
        let mut args = c.arguments()?.arguments().iter();
        let sup = args.next()?.as_super_node()?;
        (args.next().is_none() && self.super_brace_arg(&sup).is_some()).then_some(sup)
    }

    /// A `super` with arguments; its block only if `with_block` (see [`Cx::call`]).
    fn super_call(
        &mut self,
        s: &ruby_prism::SuperNode<'_>,
        span: Span,
        with_block: bool,
    ) -> CResult<Node> {
        if s.lparen_loc().is_none() {
            let first = s.arguments().and_then(|a| a.arguments().iter().next());
            self.spaced_paren_arg(s.keyword_loc().end() as usize, first)?;
        }
        let args = self.args(s.arguments())?;
        let block = if with_block {
            self.block_arg(s.block())?.map(Box::new)
        } else {
            None
        };
        let kind = NodeKind::Super {
            args: Some(args),
            block,
            has_parens: s.lparen_loc().is_some(),
        };
        Ok(Node::new(kind, span))
    }

    /// `w p (1) {} do end`: a command call (or `super`) whose only argument is a command
    /// call with a brace block (Prism builds one only behind a spaced parenthesized
    /// argument, `p (1) {}`), and which has a `do` block itself. CRuby 3.1 gives the brace
    /// block to `p` and then has no rule for the `do`; Prism gives it to `w`. The error is
    /// at the `do`.
    fn do_after_brace_command(
        &self,
        args: Option<ruby_prism::ArgumentsNode<'_>>,
        block: Option<P<'_>>,
    ) -> CResult<()> {
        let Some(block) = block.as_ref().and_then(|b| b.as_block_node()) else {
            return Ok(());
        };
        let open = block.opening_loc();
        if open.as_slice() != b"do" {
            return Ok(());
        }
        let mut list = args.iter().flat_map(|a| a.arguments().iter());
        let (Some(only), None) = (list.next(), list.next()) else {
            return Ok(());
        };
        if only
            .as_call_node()
            .is_some_and(|c| command_with_block(&c, b"{"))
        {
            return Err(self.error_at(&open, "syntax error: unexpected `do'".into()));
        }
        Ok(())
    }

    /// Whether `n`, found as the operand of an operator, is a statement that 3.1's grammar
    /// takes only whole: a modifier statement (`x if c`, its keyword after its start) or
    /// a `not` without parentheses. Prism builds such operands after a command call with
    /// a `do` block (`x if v 1 do end == 2` is `(x if v 1 do end) == 2` to Prism, a
    /// syntax error at `==` to CRuby 3.1); written in parentheses they are another node.
    fn statement_operand(&self, n: &P<'_>) -> bool {
        let start = n.location().start();
        let keyword = if let Some(i) = n.as_if_node() {
            i.if_keyword_loc().map(|k| k.start())
        } else if let Some(u) = n.as_unless_node() {
            Some(u.unless_keyword_loc().start())
        } else if let Some(w) = n.as_while_node() {
            Some(w.while_keyword_loc().start())
        } else if let Some(u) = n.as_until_node() {
            Some(u.until_keyword_loc().start())
        } else if let Some(c) = n.as_call_node() {
            let not = c.message_loc().is_some_and(|m| m.as_slice() == b"not");
            return not && c.opening_loc().is_none();
        } else {
            None
        };
        keyword.is_some_and(|k| k > start)
    }

    /// `x if v 1 do end[0] += 1`, `x if v 1 do end && y`, `x if v 1 do end ? a : b`: an
    /// index target, a `&&`/`||` operand or a ternary's condition that is a statement
    /// (see [`Cx::statement_operand`]), an error at the operator.
    fn statement_before(&self, operand: Option<P<'_>>, op: &Location<'_>) -> CResult<()> {
        if operand.is_some_and(|o| self.statement_operand(&o)) {
            let token = String::from_utf8_lossy(op.as_slice()).into_owned();
            return Err(self.error_at(op, format!("syntax error: unexpected '{token}'")));
        }
        Ok(())
    }

    /// `class P (a; b) end`: CRuby 3.1 reads parentheses right after a class or module
    /// name, after a space, as it reads a spaced first argument (one statement only).
    fn spaced_paren_body(&self, name: &P<'_>, body: Option<P<'_>>) -> CResult<()> {
        let first = match body.as_ref().and_then(|b| b.as_statements_node()) {
            Some(list) => list.body().iter().next(),
            None => None,
        };
        self.spaced_paren_arg(name.location().end() as usize, first)
    }

    /// A first argument in parentheses written after a space, right after the name that
    /// ends at `name_end` (a method's, `super`'s, `yield`'s or `not`'s): CRuby 3.1 takes
    /// exactly one statement there (see [`Cx::older_grammar`]).
    fn spaced_paren_arg(&self, name_end: usize, first: Option<P<'_>>) -> CResult<()> {
        let src = self.src.as_bytes();
        let Some(first) = first else {
            return Ok(());
        };
        // The argument's leftmost operand: `d (a; b)[0]`, `d (a; b) + 1`, `d (a; b) ? x : y`
        // have the same parentheses.
        let mut left = first;
        loop {
            let next = if let Some(c) = left.as_call_node() {
                c.receiver()
            } else if let Some(i) = left.as_if_node() {
                Some(i.predicate())
            } else if let Some(a) = left.as_and_node() {
                Some(a.left())
            } else if let Some(o) = left.as_or_node() {
                Some(o.left())
            } else if let Some(p) = left.as_constant_path_node() {
                p.parent()
            } else if let Some(w) = left.as_call_operator_write_node() {
                w.receiver()
            } else if let Some(w) = left.as_call_or_write_node() {
                w.receiver()
            } else if let Some(w) = left.as_call_and_write_node() {
                w.receiver()
            } else if let Some(w) = left.as_index_operator_write_node() {
                w.receiver()
            } else if let Some(w) = left.as_index_or_write_node() {
                w.receiver()
            } else if let Some(w) = left.as_index_and_write_node() {
                w.receiver()
            } else {
                None
            };
            match next {
                Some(n) if n.location().start() == left.location().start() => left = n,
                _ => break,
            }
        }
        let Some(paren) = left.as_parentheses_node() else {
            return Ok(());
        };
        let open = paren.opening_loc();
        let (after_name, open_at) = (name_end, open.start() as usize);
        let spaced = open_at > after_name
            && src[after_name..open_at]
                .iter()
                .all(|b| *b == b' ' || *b == b'\t');
        if !spaced {
            return Ok(());
        }
        let inner = (open.end() as usize, paren.closing_loc().start() as usize);
        let expecting = |at: usize, what: &str| {
            let span = self.span_at(at as u32);
            Err(ParseError::new(
                span,
                format!("syntax error: unexpected {what}, expecting ')'"),
            ))
        };
        // The one statement's extent (none for `()`).
        let stmt = match paren.body() {
            None => None,
            Some(body) => match body.as_statements_node() {
                Some(list) => {
                    let mut it = list.body().iter();
                    let one = it.next();
                    if let Some(second) = it.next() {
                        let at = second.location().start() as usize;
                        let gap = &src[one.map_or(inner.0, |f| f.location().end() as usize)..at];
                        return match gap.iter().position(|b| *b == b';') {
                            Some(i) => expecting(at - gap.len() + i, "';'"),
                            None => expecting(at, "expression"),
                        };
                    }
                    one.map(|n| (n.location().start() as usize, n.location().end() as usize))
                }
                None => Some((
                    body.location().start() as usize,
                    body.location().end() as usize,
                )),
            },
        };
        let (before, after) = match stmt {
            Some((a, b)) => ((inner.0, a), (b, inner.1)),
            None => ((inner.0, inner.1), (inner.1, inner.1)),
        };
        // A `;` outside a comment, before or after the statement.
        for (from, to) in [before, after] {
            let mut in_comment = false;
            for (i, b) in src[from..to].iter().enumerate() {
                match b {
                    b'#' => in_comment = true,
                    b'\n' => in_comment = false,
                    b';' if !in_comment => return expecting(from + i, "';'"),
                    _ => {}
                }
            }
        }
        if stmt.is_some() {
            let breaks: Vec<usize> = (after.0..after.1).filter(|&i| src[i] == b'\n').collect();
            if breaks.len() > 1 {
                return expecting(breaks[1], "'\\n'");
            }
        }
        Ok(())
    }

    fn args(&mut self, args: Option<ArgumentsNode<'_>>) -> CResult<Vec<Node>> {
        match args {
            None => Ok(Vec::new()),
            Some(a) => self.node_list(a.arguments().iter()),
        }
    }

    /// The value of `break`/`next`/`return`: none, the one argument, or an array of them.
    fn jump_value(
        &mut self,
        args: Option<ArgumentsNode<'_>>,
        span: Span,
    ) -> CResult<Option<Box<Node>>> {
        let mut values = self.args(args)?;
        Ok(match values.len() {
            0 => None,
            1 if !matches!(values[0].kind, NodeKind::Splat(_)) => {
                Some(Box::new(values.pop().unwrap()))
            }
            _ => {
                let span = values.first().map_or(span, |v| v.span);
                Some(Box::new(Node::new(NodeKind::Array(values), span)))
            }
        })
    }

    /// A call's literal block or `&expr` argument.
    fn block_arg(&mut self, block: Option<P<'_>>) -> CResult<Option<BlockArg>> {
        let Some(b) = block else {
            return Ok(None);
        };
        let loc = b.location();
        if let Some(pass) = b.as_block_argument_node() {
            return match pass.expression() {
                Some(e) => Ok(Some(BlockArg::Pass(self.node(&e)?))),
                None => self.unsupported(&loc, "anonymous block forwarding (&)"),
            };
        }
        let Some(blk) = b.as_block_node() else {
            return Err(self.error_at(&loc, "syntax error".to_string()));
        };
        let span = self.span(&loc);
        let params = self.block_params(blk.parameters())?;
        let body = self.body_node(blk.body(), span)?;
        Ok(Some(BlockArg::Literal(BlockNode { params, body, span })))
    }

    // ----- Parameters -----

    /// The parameters of a block or lambda (`|a, b; c|`).
    fn block_params(&mut self, params: Option<P<'_>>) -> CResult<Params> {
        let Some(p) = params else {
            return Ok(Params::default());
        };
        let loc = p.location();
        let Some(bp): Option<BlockParametersNode<'_>> = p.as_block_parameters_node() else {
            return self.unsupported(&loc, "numbered block parameters (_1)");
        };
        let mut params = self.params(bp.parameters(), true)?;
        for l in bp.locals().iter() {
            match l.as_block_local_variable_node() {
                Some(v) => params.block_locals.push(name_of(&v.name())),
                None => return Err(self.error_at(&l.location(), "syntax error".to_string())),
            }
        }
        Ok(params)
    }

    fn params(&mut self, params: Option<ParametersNode<'_>>, in_block: bool) -> CResult<Params> {
        let mut out = Params::default();
        let Some(p) = params else {
            return Ok(out);
        };
        for r in p.requireds().iter() {
            out.required.push(self.param(&r)?);
        }
        for o in p.optionals().iter() {
            let Some(o) = o.as_optional_parameter_node() else {
                return Err(self.error_at(&o.location(), "syntax error".to_string()));
            };
            let default = self.node(&o.value())?;
            out.optional.push((name_of(&o.name()), default));
        }
        if let Some(rest) = p.rest() {
            if let Some(r) = rest.as_rest_parameter_node() {
                out.rest = Some(r.name().map_or_else(|| "*".to_string(), |n| name_of(&n)));
            } else if in_block && rest.as_implicit_rest_node().is_some() {
                out.trailing_comma = true;
            } else {
                return Err(self.error_at(&rest.location(), "syntax error".to_string()));
            }
        }
        for r in p.posts().iter() {
            out.post.push(self.param(&r)?);
        }
        if let Some(k) = p.keywords().iter().next() {
            let name = k
                .as_required_keyword_parameter_node()
                .map(|k| name_of(&k.name()))
                .or_else(|| {
                    k.as_optional_keyword_parameter_node()
                        .map(|k| name_of(&k.name()))
                })
                .unwrap_or_default();
            return self.unsupported(&k.location(), &format!("keyword parameter {name}:"));
        }
        if let Some(k) = p.keyword_rest() {
            return match k {
                P::ForwardingParameterNode { .. } => {
                    self.unsupported(&k.location(), "argument forwarding (...)")
                }
                _ => self.unsupported(&k.location(), "**keyword parameters"),
            };
        }
        if let Some(b) = p.block() {
            match b.as_block_parameter_node().and_then(|b| b.name()) {
                Some(name) => out.block = Some(name_of(&name)),
                None => return self.unsupported(&b.location(), "anonymous block parameter (&)"),
            }
        }
        Ok(out)
    }

    /// A required parameter: a name, or `(a, b)` destructuring.
    fn param(&mut self, n: &P<'_>) -> CResult<Param> {
        if let Some(r) = n.as_required_parameter_node() {
            return Ok(Param::Name(name_of(&r.name())));
        }
        let Some(m) = n.as_multi_target_node() else {
            return Err(self.error_at(&n.location(), "syntax error".to_string()));
        };
        if let Some(rest) = m.rest() {
            return self.unsupported(&rest.location(), "splat in a destructuring parameter");
        }
        let mut inner = Vec::new();
        for p in m.lefts().iter().chain(m.rights().iter()) {
            if self.depth >= MAX_NESTING {
                return Err(self.error_at(&p.location(), "nesting too deep".to_string()));
            }
            self.depth += 1;
            let r = self.param(&p);
            self.depth -= 1;
            inner.push(r?);
        }
        Ok(Param::Destructure(inner))
    }

    // ----- begin/rescue -----

    fn begin(&mut self, b: &ruby_prism::BeginNode<'_>, span: Span) -> CResult<Begin> {
        let body = self.body(b.statements(), span)?;
        let mut rescues = Vec::new();
        let mut next: Option<RescueNode<'_>> = b.rescue_clause();
        while let Some(r) = next {
            let rspan = self.span(&r.keyword_loc());
            let classes = self.node_list(r.exceptions().iter())?;
            let var = r.reference().map(|v| self.target(&v)).transpose()?;
            rescues.push(RescueClause {
                classes,
                var,
                body: self.body(r.statements(), rspan)?,
                span: rspan,
            });
            next = r.subsequent();
        }
        let else_body = match b.else_clause() {
            Some(e) => Some(self.else_body(Some(e), span)?),
            None => None,
        };
        let ensure_body = match b.ensure_clause() {
            Some(e) => {
                let espan = self.span(&e.ensure_keyword_loc());
                Some(self.body(e.statements(), espan)?)
            }
            None => None,
        };
        Ok(Begin {
            body,
            rescues,
            else_body,
            ensure_body,
        })
    }
}

/// An Integer literal: 64 bits when it fits, else its decimal digits.
fn integer(i: &ruby_prism::Integer<'_>) -> NodeKind {
    let (negative, digits) = i.to_u32_digits();
    let mut magnitude: u128 = 0;
    let mut fits = digits.len() <= 3;
    if fits {
        for d in digits.iter().rev() {
            magnitude = (magnitude << 32) | u128::from(*d);
        }
        fits = if negative {
            magnitude <= 1u128 << 63
        } else {
            magnitude < 1u128 << 63
        };
    }
    if fits {
        let v = if negative {
            (magnitude as i128).wrapping_neg() as i64
        } else {
            magnitude as i64
        };
        return NodeKind::Int(v);
    }
    let big = num_bigint::BigUint::new(digits.to_vec());
    let sign = if negative { "-" } else { "" };
    NodeKind::BigInt(format!("{sign}{big}"))
}

/// A command call (arguments without parentheses) with a block opened by `open` (`{` or
/// `do`): `p (1) {}`, `v 1 do end`.
fn command_with_block(c: &ruby_prism::CallNode<'_>, open: &[u8]) -> bool {
    c.opening_loc().is_none()
        && c.arguments().is_some()
        && c.block()
            .and_then(|b| b.as_block_node())
            .is_some_and(|b| b.opening_loc().as_slice() == open)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Garbage, truncations and random text end as an AST or a located error.
    #[test]
    fn never_panics_and_errors_are_located() {
        let program = "class A\n  def f(x, y = 2)\n    [1, 2].each { |z| puts z + x }\n  end\nend\nA.new.f(1)\n";
        let mut inputs: Vec<String> = (0..program.len())
            .map(|i| program[..i].to_string())
            .collect();
        let mut seed: u64 = 7;
        let alphabet = b"ab1 =+-*/()[]{}|&.,:;\"'#\n@$?!<>%^~\\`";
        for _ in 0..3000 {
            let mut s = Vec::new();
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            for _ in 0..(seed >> 58) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            inputs.push(String::from_utf8_lossy(&s).into_owned());
        }
        let mut errors = 0;
        for src in &inputs {
            if let Err(e) = parse(src) {
                errors += 1;
                let lines = src.split('\n').count() as u32;
                assert!(e.line >= 1 && e.line <= lines, "{src:?}: {e}");
                assert!(e.col >= 1, "{src:?}: {e}");
            }
        }
        assert!(
            errors > inputs.len() / 2,
            "only {errors} of {} rejected",
            inputs.len()
        );
    }

    #[test]
    fn literals_convert_exactly() {
        let sexp = |s: &str| parse(s).unwrap().to_sexp();
        assert_eq!(sexp("9223372036854775807"), "(int 9223372036854775807)");
        assert_eq!(sexp("-9223372036854775808"), "(int -9223372036854775808)");
        assert_eq!(sexp("9223372036854775808"), "(bigint 9223372036854775808)");
        assert_eq!(
            sexp("-18446744073709551616"),
            "(bigint -18446744073709551616)"
        );
        assert_eq!(
            sexp("0x1f + 0b101 + 1_000"),
            "(call (call (int 31) + (int 5)) + (int 1000))"
        );
        assert_eq!(sexp("\"a\" 'b'"), "(str \"ab\")");
        assert_eq!(sexp("x = 1, 2"), "(lasgn x (array (int 1) (int 2)))");
    }

    #[test]
    fn the_run_guard_reports_only_runs_in_code() {
        // Prism recurses 10,000 levels deep first: the frontend runs on a big stack.
        let t = std::thread::Builder::new().stack_size(1 << 28).spawn(|| {
            let run = "-".repeat(PRISM_MAX_NESTING + 5);
            let e = parse(&format!("x = 1\np {run}1\n")).unwrap_err();
            assert_eq!(
                (e.line, e.message.as_str()),
                (2, "syntax error: nesting too deep")
            );
            // The same run in a string or a comment is text.
            assert!(parse(&format!("s = '{run}'\n# {run}\np s.size\n")).is_ok());
        });
        t.unwrap().join().unwrap();
    }
}
