//! The parser of core Ruby: a recursive-descent parser over the pull lexer, with Ruby's
//! operator precedence (lowest first: modifiers; `and`/`or`; `not`; assignment; `?:`;
//! ranges; `||`; `&&`; equality; comparison; `|` `^`; `&`; shifts; `+` `-`; `*` `/` `%`;
//! unary minus; `**`; `!` `~` unary plus).
//!
//! The parser tracks which names are local variables (assigned earlier in the scope, or
//! parameters), as Ruby's does: the lexer asks it to tell `foo -1` (a call) from `a -1`
//! (a subtraction), and a name that is not a local is a method call.
//!
//! Errors are values with a place; the parser never panics, and deep nesting is an error.

use crate::ast::*;
use crate::lexer::{Keyword as Kw, Lexer, Token, TokenKind as T};
use std::collections::HashSet;

pub use crate::ParseError;

type PResult<T> = Result<T, ParseError>;

/// Parses a whole file.
pub fn parse(src: &str) -> PResult<Program> {
    let mut p = Parser {
        lexer: Lexer::new(src),
        tok: eof_token(),
        scopes: vec![Scope {
            vars: HashSet::new(),
            hard: true,
        }],
        depth: 0,
        no_do: 0,
    };
    p.advance()?;
    let body = p.stmts(&[])?;
    if p.tok.kind != T::Eof {
        return Err(p.unexpected("end of input"));
    }
    Ok(Program { body })
}

fn eof_token() -> Token {
    Token {
        kind: T::Eof,
        span: Span::new(1, 1),
        space_before: false,
    }
}

struct Scope {
    vars: HashSet<String>,
    /// A method, class or file scope: lookups stop here. Blocks are soft.
    hard: bool,
}

const MAX_DEPTH: u32 = 400;

struct Parser<'a> {
    lexer: Lexer<'a>,
    tok: Token,
    scopes: Vec<Scope>,
    depth: u32,
    /// While positive, `do` belongs to an enclosing construct (a command call's block,
    /// `while ... do`), not to the call being parsed.
    no_do: u32,
}

fn describe(k: &T) -> String {
    match k {
        T::Int(s) => format!("integer literal {s}"),
        T::Float(f) => format!("float literal {f}"),
        T::String(_) | T::StrBeg => "string literal".into(),
        T::Ident(s) => format!("local variable or method `{s}'"),
        T::Const(s) => format!("constant `{s}'"),
        T::Ivar(s) | T::Cvar(s) | T::Gvar(s) => format!("variable `{s}'"),
        T::Kw(k) => format!("`{}'", k.as_str()),
        T::Newline => "end-of-line".into(),
        T::Eof => "end-of-input".into(),
        T::Symbol(s) => format!("symbol :{s}"),
        T::Label(s) => format!("label {s}:"),
        other => format!("`{}'", punct(other)),
    }
}

fn punct(k: &T) -> &'static str {
    match k {
        T::Plus | T::UPlus => "+",
        T::Minus | T::UMinus | T::UMinusNum => "-",
        T::Star | T::Splat => "*",
        T::Pow | T::DSplat => "**",
        T::Slash => "/",
        T::Percent => "%",
        T::Eq => "==",
        T::Eqq => "===",
        T::Neq => "!=",
        T::Match => "=~",
        T::NMatch => "!~",
        T::Lt => "<",
        T::Le => "<=",
        T::Gt => ">",
        T::Ge => ">=",
        T::Cmp => "<=>",
        T::AndAnd => "&&",
        T::OrOr => "||",
        T::Bang => "!",
        T::Tilde => "~",
        T::Amp | T::BlockAmp => "&",
        T::Pipe => "|",
        T::Caret => "^",
        T::Shl => "<<",
        T::Shr => ">>",
        T::Assign => "=",
        T::OpAsgn(_) => "op=",
        T::Dot => ".",
        T::AndDot => "&.",
        T::Colon2 | T::Colon3 => "::",
        T::Colon => ":",
        T::Question => "?",
        T::Comma => ",",
        T::Semi => ";",
        T::Arrow => "=>",
        T::Lambda => "->",
        T::Dot2 => "..",
        T::Dot3 => "...",
        T::LParen | T::LParenCall => "(",
        T::RParen => ")",
        T::LBrack | T::LBrackIndex => "[",
        T::RBrack => "]",
        T::LBrace => "{",
        T::RBrace => "}",
        T::Aref => "[]",
        T::Aset => "[]=",
        T::InterpBeg => "#{",
        T::InterpEnd => "}",
        _ => "?",
    }
}

impl<'a> Parser<'a> {
    // ---- tokens -----------------------------------------------------------------------

    fn advance(&mut self) -> PResult<Token> {
        let scopes = &self.scopes;
        let is_local = |name: &str| is_local_in(scopes, name);
        let next = self.lexer.next_token(&is_local)?;
        Ok(std::mem::replace(&mut self.tok, next))
    }

    fn at(&self, k: &T) -> bool {
        &self.tok.kind == k
    }

    fn at_kw(&self, k: Kw) -> bool {
        self.tok.kind == T::Kw(k)
    }

    fn eat(&mut self, k: &T) -> PResult<bool> {
        if self.at(k) {
            self.advance()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn eat_kw(&mut self, k: Kw) -> PResult<bool> {
        self.eat(&T::Kw(k))
    }

    fn expect(&mut self, k: &T, what: &str) -> PResult<Token> {
        if self.at(k) {
            self.advance()
        } else {
            Err(self.unexpected(what))
        }
    }

    fn expect_kw(&mut self, k: Kw) -> PResult<Token> {
        if self.at_kw(k) {
            self.advance()
        } else {
            Err(self.unexpected(&format!("`{}'", k.as_str())))
        }
    }

    fn unexpected(&self, expecting: &str) -> ParseError {
        ParseError::new(
            self.tok.span,
            format!(
                "syntax error, unexpected {}, expecting {}",
                describe(&self.tok.kind),
                expecting
            ),
        )
    }

    fn skip_newlines(&mut self) -> PResult<()> {
        while matches!(self.tok.kind, T::Newline | T::Semi) {
            self.advance()?;
        }
        Ok(())
    }

    /// Skips a statement terminator: newlines, `;`, or `then` where allowed.

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError::new(self.tok.span, "nesting too deep"));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    // ---- scopes -----------------------------------------------------------------------

    fn declare(&mut self, name: &str) {
        self.scopes
            .last_mut()
            .unwrap()
            .vars
            .insert(name.to_string());
    }

    fn is_local(&self, name: &str) -> bool {
        is_local_in(&self.scopes, name)
    }

    fn push_scope(&mut self, hard: bool) {
        self.scopes.push(Scope {
            vars: HashSet::new(),
            hard,
        });
    }

    fn pop_scope(&mut self) {
        self.scopes.pop();
    }

    // ---- statements -------------------------------------------------------------------

    /// Statements until one of the `until` keywords, `}` , `)` or EOF.
    fn stmts(&mut self, until: &[Kw]) -> PResult<Vec<Node>> {
        let mut out = Vec::new();
        loop {
            self.skip_newlines()?;
            match &self.tok.kind {
                T::Eof | T::RBrace | T::RParen | T::InterpEnd => break,
                T::Kw(k) if until.contains(k) => break,
                T::Kw(
                    Kw::End
                    | Kw::Else
                    | Kw::Elsif
                    | Kw::When
                    | Kw::Ensure
                    | Kw::Rescue
                    | Kw::Then
                    | Kw::In,
                ) => break,
                _ => {}
            }
            out.push(self.stmt()?);
            match &self.tok.kind {
                T::Newline | T::Semi | T::Eof | T::RBrace | T::RParen | T::InterpEnd => {}
                T::Kw(
                    Kw::End | Kw::Else | Kw::Elsif | Kw::When | Kw::Ensure | Kw::Rescue | Kw::Then,
                ) => {}
                _ => return Err(self.unexpected("end-of-line")),
            }
        }
        Ok(out)
    }

    fn body(&mut self, until: &[Kw], span: Span) -> PResult<Node> {
        let s = self.stmts(until)?;
        Ok(Node::body(s, span))
    }

    fn stmt(&mut self) -> PResult<Node> {
        self.enter()?;
        let r = self.stmt_inner();
        self.leave();
        r
    }

    fn stmt_inner(&mut self) -> PResult<Node> {
        let start = self.tok.span;
        let mut e = if matches!(self.tok.kind, T::Splat) {
            // `*a, b = ...`
            self.mlhs_stmt(None, start)?
        } else {
            let e = self.expr_stmt()?;
            if self.at(&T::Comma) && is_mlhs_item(&e) {
                self.mlhs_stmt(Some(e), start)?
            } else {
                e
            }
        };
        // Modifiers.
        loop {
            let span = self.tok.span;
            match self.tok.kind {
                T::Kw(Kw::If) => {
                    self.advance()?;
                    let c = self.expr_stmt()?;
                    e = Node::new(
                        NodeKind::If {
                            cond: Box::new(c),
                            then_body: Box::new(e),
                            else_body: Box::new(Node::empty(span)),
                        },
                        start,
                    );
                }
                T::Kw(Kw::Unless) => {
                    self.advance()?;
                    let c = self.expr_stmt()?;
                    e = Node::new(
                        NodeKind::If {
                            cond: Box::new(c),
                            then_body: Box::new(Node::empty(span)),
                            else_body: Box::new(e),
                        },
                        start,
                    );
                }
                T::Kw(Kw::While) | T::Kw(Kw::Until) => {
                    let until = self.at_kw(Kw::Until);
                    self.advance()?;
                    let mut c = self.expr_stmt()?;
                    if until {
                        let cs = c.span;
                        c = Node::new(NodeKind::Not(Box::new(c)), cs);
                    }
                    let do_while = matches!(&e.kind, NodeKind::Begin(b) if b.rescues.is_empty() && b.ensure_body.is_none() && b.else_body.is_none());
                    e = Node::new(
                        NodeKind::While {
                            cond: Box::new(c),
                            body: Box::new(e),
                            do_while,
                        },
                        start,
                    );
                }
                T::Kw(Kw::Rescue) => {
                    self.advance()?;
                    let r = self.expr_stmt()?;
                    e = Node::new(
                        NodeKind::Begin(Box::new(Begin {
                            body: e,
                            rescues: vec![RescueClause {
                                classes: vec![],
                                var: None,
                                body: r,
                                span,
                            }],
                            else_body: None,
                            ensure_body: None,
                        })),
                        start,
                    );
                }
                _ => break,
            }
        }
        Ok(e)
    }

    /// A multiple assignment statement, `a, b = rhs`.
    fn mlhs_stmt(&mut self, first: Option<Node>, start: Span) -> PResult<Node> {
        let mut targets = Vec::new();
        if let Some(f) = first {
            targets.push(self.to_target(f)?);
        }
        loop {
            if !targets.is_empty() && !self.eat(&T::Comma)? {
                break;
            }
            if self.at(&T::Assign) {
                break; // trailing comma: `a, = x`
            }
            targets.push(self.mlhs_item()?);
        }
        if !self.at(&T::Assign) {
            return Err(self.unexpected("`='"));
        }
        self.declare_targets(&targets);
        self.advance()?;
        let rspan = self.tok.span;
        let first = self.arg_or_command()?;
        let value = if self.at(&T::Comma) {
            let mut items = vec![first];
            while self.eat(&T::Comma)? {
                items.push(self.call_arg()?);
            }
            Node::new(NodeKind::Array(items), rspan)
        } else {
            first
        };
        Ok(Node::new(
            NodeKind::MultiAsgn {
                targets,
                value: Box::new(value),
            },
            start,
        ))
    }

    fn mlhs_item(&mut self) -> PResult<Target> {
        if self.at(&T::Splat) || self.at(&T::Star) {
            self.advance()?;
            if matches!(self.tok.kind, T::Comma | T::Assign | T::RParen) {
                return Ok(Target::Splat(None));
            }
            let t = self.mlhs_item()?;
            return Ok(Target::Splat(Some(Box::new(t))));
        }
        if self.at(&T::LParen) {
            self.advance()?;
            let mut ts = vec![self.mlhs_item()?];
            while self.eat(&T::Comma)? {
                ts.push(self.mlhs_item()?);
            }
            self.expect(&T::RParen, "`)'")?;
            return Ok(Target::Nested(ts));
        }
        let e = self.primary_postfix()?;
        self.to_target(e)
    }

    fn declare_targets(&mut self, ts: &[Target]) {
        for t in ts {
            match t {
                Target::Local(n) => self.declare(n),
                Target::Splat(Some(t)) => self.declare_targets(std::slice::from_ref(t)),
                Target::Nested(v) => self.declare_targets(v),
                _ => {}
            }
        }
    }

    fn to_target(&mut self, e: Node) -> PResult<Target> {
        let span = e.span;
        Ok(match e.kind {
            NodeKind::LocalVar(n) => Target::Local(n),
            NodeKind::Ivar(n) => Target::Ivar(n),
            NodeKind::Gvar(n) => Target::Gvar(n),
            NodeKind::Cvar(n) => Target::Cvar(n),
            NodeKind::Const { scope, name } => Target::Const { scope, name },
            NodeKind::Call(c)
                if c.recv.is_none()
                    && c.args.is_empty()
                    && !c.has_parens
                    && c.block.is_none()
                    && is_lvar_name(&c.name) =>
            {
                Target::Local(c.name)
            }
            NodeKind::Call(c) if c.name == "[]" && c.recv.is_some() && c.block.is_none() => {
                Target::Index {
                    recv: c.recv.unwrap(),
                    args: c.args,
                }
            }
            NodeKind::Call(c)
                if c.recv.is_some()
                    && c.args.is_empty()
                    && !c.has_parens
                    && c.block.is_none()
                    && is_lvar_name(&c.name) =>
            {
                Target::Attr {
                    recv: c.recv.unwrap(),
                    name: c.name,
                    safe_nav: c.safe_nav,
                }
            }
            NodeKind::Call(c)
                if c.recv.is_some()
                    && c.args.is_empty()
                    && c.block.is_none()
                    && c.name
                        .chars()
                        .next()
                        .map(|ch| ch.is_ascii_uppercase())
                        .unwrap_or(false) =>
            {
                Target::Attr {
                    recv: c.recv.unwrap(),
                    name: c.name,
                    safe_nav: c.safe_nav,
                }
            }
            NodeKind::SelfRef | NodeKind::Nil | NodeKind::True | NodeKind::False => {
                return Err(ParseError::new(span, "Can't assign to a keyword"));
            }
            _ => {
                return Err(ParseError::new(
                    span,
                    "syntax error, unexpected `=', the left-hand side is not assignable",
                ))
            }
        })
    }

    /// `and` / `or` level, with `not`.
    fn expr_stmt(&mut self) -> PResult<Node> {
        let mut left = self.not_expr()?;
        loop {
            let span = left.span;
            if self.at_kw(Kw::And) {
                self.advance()?;
                self.skip_newlines()?;
                let r = self.not_expr()?;
                left = Node::new(NodeKind::And(Box::new(left), Box::new(r)), span);
            } else if self.at_kw(Kw::Or) {
                self.advance()?;
                self.skip_newlines()?;
                let r = self.not_expr()?;
                left = Node::new(NodeKind::Or(Box::new(left), Box::new(r)), span);
            } else {
                return Ok(left);
            }
        }
    }

    fn not_expr(&mut self) -> PResult<Node> {
        if self.at_kw(Kw::Not) {
            let span = self.advance()?.span;
            let e = self.not_expr()?;
            return Ok(Node::new(NodeKind::Not(Box::new(e)), span));
        }
        self.arg_or_command()
    }

    /// An expression that may be a command call without parentheses (`puts x, y`).
    fn arg_or_command(&mut self) -> PResult<Node> {
        self.arg()
    }

    // ---- expressions ------------------------------------------------------------------

    /// Assignment level (right associative).
    fn arg(&mut self) -> PResult<Node> {
        self.enter()?;
        let r = self.arg_inner();
        self.leave();
        r
    }

    fn arg_inner(&mut self) -> PResult<Node> {
        let start = self.tok.span;
        let left = self.ternary()?;
        match self.tok.kind.clone() {
            T::Assign if is_assignable(&left) => {
                let target = self.to_target(left)?;
                if let Target::Local(n) = &target {
                    self.declare(n);
                }
                self.advance()?;
                self.skip_newlines()?;
                let value = self.assign_rhs()?;
                Ok(assign_node(target, value, start))
            }
            T::OpAsgn(op) if is_assignable(&left) => {
                let target = self.to_target(left)?;
                if let Target::Local(n) = &target {
                    self.declare(n);
                }
                self.advance()?;
                self.skip_newlines()?;
                let value = Box::new(self.assign_rhs()?);
                let target = Box::new(target);
                Ok(Node::new(
                    match op.as_str() {
                        "||" => NodeKind::OrAsgn { target, value },
                        "&&" => NodeKind::AndAsgn { target, value },
                        _ => NodeKind::OpAsgn { target, op, value },
                    },
                    start,
                ))
            }
            _ => Ok(left),
        }
    }

    /// The right side of `=`: an expression, a command call, or `a, b` (an array).
    fn assign_rhs(&mut self) -> PResult<Node> {
        let span = self.tok.span;
        if self.at(&T::Splat) {
            return Err(ParseError::new(
                span,
                "unsupported: splat on the right of an assignment",
            ));
        }
        let v = self.arg()?;
        if self.at_kw(Kw::Rescue) {
            // `x = expr rescue y` binds the rescue to the value.
            let rspan = self.tok.span;
            self.advance()?;
            let r = self.arg()?;
            return Ok(Node::new(
                NodeKind::Begin(Box::new(Begin {
                    body: v,
                    rescues: vec![RescueClause {
                        classes: vec![],
                        var: None,
                        body: r,
                        span: rspan,
                    }],
                    else_body: None,
                    ensure_body: None,
                })),
                span,
            ));
        }
        Ok(v)
    }

    fn ternary(&mut self) -> PResult<Node> {
        let c = self.range()?;
        if self.at(&T::Question) {
            let span = c.span;
            self.advance()?;
            self.skip_newlines()?;
            let a = self.ternary_branch()?;
            self.skip_newlines()?;
            // The lexer may see `b :c` as a label `b:`; accept either form.
            if !self.eat(&T::Colon)? {
                return Err(self.unexpected("`:'"));
            }
            self.skip_newlines()?;
            let b = self.ternary_branch()?;
            return Ok(Node::new(
                NodeKind::If {
                    cond: Box::new(c),
                    then_body: Box::new(a),
                    else_body: Box::new(b),
                },
                span,
            ));
        }
        Ok(c)
    }

    fn ternary_branch(&mut self) -> PResult<Node> {
        // A branch may itself be an assignment or another ternary.
        if let T::Label(name) = self.tok.kind.clone() {
            // `c ? x : y` lexed as `x:` then `y`: the label is the whole then-branch.
            let span = self.tok.span;
            self.advance()?;
            let n = self.name_to_node(&name, span);
            // Put a Colon back by pretending we saw it.
            self.tok = Token {
                kind: T::Colon,
                span,
                space_before: true,
            };
            return Ok(n);
        }
        self.arg()
    }

    fn name_to_node(&self, name: &str, span: Span) -> Node {
        if self.is_local(name) {
            Node::new(NodeKind::LocalVar(name.into()), span)
        } else {
            Node::new(
                NodeKind::Call(Box::new(Call {
                    recv: None,
                    name: name.into(),
                    name_span: span,
                    args: vec![],
                    block: None,
                    has_parens: false,
                    safe_nav: false,
                })),
                span,
            )
        }
    }

    fn range(&mut self) -> PResult<Node> {
        let lo = self.oror()?;
        if self.at(&T::Dot2) || self.at(&T::Dot3) {
            let exclusive = self.at(&T::Dot3);
            let span = lo.span;
            self.advance()?;
            let hi = if self.starts_expr() {
                Some(Box::new(self.oror()?))
            } else {
                None
            };
            return Ok(Node::new(
                NodeKind::Range {
                    lo: Some(Box::new(lo)),
                    hi,
                    exclusive,
                },
                span,
            ));
        }
        Ok(lo)
    }

    fn oror(&mut self) -> PResult<Node> {
        let mut l = self.andand()?;
        while self.at(&T::OrOr) {
            self.advance()?;
            self.skip_newlines()?;
            let r = self.andand()?;
            let s = l.span;
            l = Node::new(NodeKind::Or(Box::new(l), Box::new(r)), s);
        }
        Ok(l)
    }

    fn andand(&mut self) -> PResult<Node> {
        let mut l = self.not_op()?;
        while self.at(&T::AndAnd) {
            self.advance()?;
            self.skip_newlines()?;
            let r = self.not_op()?;
            let s = l.span;
            l = Node::new(NodeKind::And(Box::new(l), Box::new(r)), s);
        }
        Ok(l)
    }

    fn not_op(&mut self) -> PResult<Node> {
        self.equality()
    }

    fn binop(&mut self, l: Node, name: &str, r: Node, op_span: Span) -> Node {
        let span = l.span;
        Node::new(
            NodeKind::Call(Box::new(Call {
                recv: Some(l),
                name: name.into(),
                name_span: op_span,
                args: vec![r],
                block: None,
                has_parens: false,
                safe_nav: false,
            })),
            span,
        )
    }

    fn equality(&mut self) -> PResult<Node> {
        let l = self.comparison()?;
        let name = match self.tok.kind {
            T::Eq => "==",
            T::Neq => "!=",
            T::Eqq => "===",
            T::Cmp => "<=>",
            T::Match | T::NMatch => {
                return Err(ParseError::new(
                    self.tok.span,
                    "unsupported: regular expressions (=~)",
                ))
            }
            _ => return Ok(l),
        };
        let op = self.advance()?.span;
        self.skip_newlines()?;
        let r = self.comparison()?;
        Ok(self.binop(l, name, r, op))
    }

    fn comparison(&mut self) -> PResult<Node> {
        let mut l = self.bitor()?;
        loop {
            let name = match self.tok.kind {
                T::Lt => "<",
                T::Le => "<=",
                T::Gt => ">",
                T::Ge => ">=",
                _ => return Ok(l),
            };
            let op = self.advance()?.span;
            self.skip_newlines()?;
            let r = self.bitor()?;
            l = self.binop(l, name, r, op);
        }
    }

    fn bitor(&mut self) -> PResult<Node> {
        let mut l = self.bitand()?;
        loop {
            let name = match self.tok.kind {
                T::Pipe => "|",
                T::Caret => "^",
                _ => return Ok(l),
            };
            let op = self.advance()?.span;
            self.skip_newlines()?;
            let r = self.bitand()?;
            l = self.binop(l, name, r, op);
        }
    }

    fn bitand(&mut self) -> PResult<Node> {
        let mut l = self.shift()?;
        while self.at(&T::Amp) {
            let op = self.advance()?.span;
            self.skip_newlines()?;
            let r = self.shift()?;
            l = self.binop(l, "&", r, op);
        }
        Ok(l)
    }

    fn shift(&mut self) -> PResult<Node> {
        let mut l = self.additive()?;
        loop {
            let name = match self.tok.kind {
                T::Shl => "<<",
                T::Shr => ">>",
                _ => return Ok(l),
            };
            let op = self.advance()?.span;
            self.skip_newlines()?;
            let r = self.additive()?;
            l = self.binop(l, name, r, op);
        }
    }

    fn additive(&mut self) -> PResult<Node> {
        let mut l = self.multiplicative()?;
        loop {
            let name = match self.tok.kind {
                T::Plus => "+",
                T::Minus => "-",
                _ => return Ok(l),
            };
            let op = self.advance()?.span;
            self.skip_newlines()?;
            let r = self.multiplicative()?;
            l = self.binop(l, name, r, op);
        }
    }

    fn multiplicative(&mut self) -> PResult<Node> {
        let mut l = self.unary_minus()?;
        loop {
            let name = match self.tok.kind {
                T::Star => "*",
                T::Slash => "/",
                T::Percent => "%",
                _ => return Ok(l),
            };
            let op = self.advance()?.span;
            self.skip_newlines()?;
            let r = self.unary_minus()?;
            l = self.binop(l, name, r, op);
        }
    }

    fn unary_minus(&mut self) -> PResult<Node> {
        if self.at(&T::UMinus) {
            let span = self.advance()?.span;
            let e = self.unary_minus()?;
            return Ok(Node::new(
                NodeKind::Call(Box::new(Call {
                    recv: Some(e),
                    name: "-@".into(),
                    name_span: span,
                    args: vec![],
                    block: None,
                    has_parens: false,
                    safe_nav: false,
                })),
                span,
            ));
        }
        if self.at(&T::UMinusNum) {
            // `-2 ** 2` is `-(2 ** 2)`; otherwise `-2` is the literal.
            let span = self.advance()?.span;
            let lit = self.numeric_literal(true)?;
            let lit = self.postfix(lit)?;
            if self.at(&T::Pow) {
                let pos = negate_literal(lit);
                let op = self.advance()?.span;
                self.skip_newlines()?;
                let r = self.unary_minus()?;
                let p = self.binop(pos, "**", r, op);
                return Ok(Node::new(
                    NodeKind::Call(Box::new(Call {
                        recv: Some(p),
                        name: "-@".into(),
                        name_span: span,
                        args: vec![],
                        block: None,
                        has_parens: false,
                        safe_nav: false,
                    })),
                    span,
                ));
            }
            return Ok(lit);
        }
        self.pow()
    }

    fn pow(&mut self) -> PResult<Node> {
        let base = self.unary()?;
        if self.at(&T::Pow) {
            let op = self.advance()?.span;
            self.skip_newlines()?;
            let r = self.unary_minus()?;
            return Ok(self.binop(base, "**", r, op));
        }
        Ok(base)
    }

    fn unary(&mut self) -> PResult<Node> {
        let span = self.tok.span;
        match self.tok.kind {
            T::Bang => {
                self.advance()?;
                let e = self.unary()?;
                Ok(Node::new(NodeKind::Not(Box::new(e)), span))
            }
            T::Tilde => {
                self.advance()?;
                let e = self.unary()?;
                Ok(Node::new(
                    NodeKind::Call(Box::new(Call {
                        recv: Some(e),
                        name: "~".into(),
                        name_span: span,
                        args: vec![],
                        block: None,
                        has_parens: false,
                        safe_nav: false,
                    })),
                    span,
                ))
            }
            T::UPlus => {
                self.advance()?;
                let e = self.unary()?;
                Ok(Node::new(
                    NodeKind::Call(Box::new(Call {
                        recv: Some(e),
                        name: "+@".into(),
                        name_span: span,
                        args: vec![],
                        block: None,
                        has_parens: false,
                        safe_nav: false,
                    })),
                    span,
                ))
            }
            T::UMinus | T::UMinusNum => self.unary_minus(),
            T::Kw(Kw::Defined) => Err(ParseError::new(span, "unsupported: defined?")),
            _ => self.primary_postfix(),
        }
    }

    fn primary_postfix(&mut self) -> PResult<Node> {
        self.enter()?;
        let p = self.primary();
        let r = match p {
            Ok(p) => self.postfix(p),
            Err(e) => Err(e),
        };
        self.leave();
        r
    }

    /// Method calls, indexing and `::` after a primary.
    fn postfix(&mut self, mut e: Node) -> PResult<Node> {
        loop {
            match self.tok.kind {
                T::Dot | T::AndDot => {
                    let safe_nav = self.at(&T::AndDot);
                    self.advance()?;
                    self.skip_newlines()?;
                    let name_span = self.tok.span;
                    let name = match self.advance()?.kind {
                        T::Ident(n) | T::Const(n) => n,
                        T::Kw(k) => k.as_str().to_string(),
                        T::LParenCall | T::LParen => {
                            return Err(ParseError::new(name_span, "unsupported: .() call syntax"));
                        }
                        other => {
                            let p = punct(&other);
                            if p == "?" {
                                return Err(ParseError::new(
                                    name_span,
                                    format!(
                                        "syntax error, unexpected {}, expecting method name",
                                        describe(&other)
                                    ),
                                ));
                            }
                            match other {
                                T::UMinus => "-@".into(),
                                T::UPlus => "+@".into(),
                                _ => p.to_string(),
                            }
                        }
                    };
                    // `recv.name = v` is an attribute assignment, handled by `arg`.
                    let call = Call {
                        recv: Some(e),
                        name,
                        name_span,
                        args: vec![],
                        block: None,
                        has_parens: false,
                        safe_nav,
                    };
                    e = self.call_rest(call)?;
                }
                T::Colon2 => {
                    self.advance()?;
                    let span = self.tok.span;
                    match self.advance()?.kind {
                        T::Const(n) => {
                            if self.at(&T::LParenCall) {
                                let call = Call {
                                    recv: Some(e),
                                    name: n,
                                    name_span: span,
                                    args: vec![],
                                    block: None,
                                    has_parens: false,
                                    safe_nav: false,
                                };
                                e = self.call_rest(call)?;
                            } else {
                                let s = e.span;
                                e = Node::new(
                                    NodeKind::Const {
                                        scope: ConstScope::Scoped(Box::new(e)),
                                        name: n,
                                    },
                                    s,
                                );
                            }
                        }
                        T::Ident(n) => {
                            let call = Call {
                                recv: Some(e),
                                name: n,
                                name_span: span,
                                args: vec![],
                                block: None,
                                has_parens: false,
                                safe_nav: false,
                            };
                            e = self.call_rest(call)?;
                        }
                        _ => {
                            return Err(ParseError::new(
                                span,
                                "syntax error, expecting constant or method name after `::'",
                            ))
                        }
                    }
                }
                T::LBrackIndex => {
                    let span = self.advance()?.span;
                    self.skip_newlines()?;
                    let args = self.args_until(&T::RBrack)?;
                    self.expect(&T::RBrack, "`]'")?;
                    let s = e.span;
                    e = Node::new(
                        NodeKind::Call(Box::new(Call {
                            recv: Some(e),
                            name: "[]".into(),
                            name_span: span,
                            args,
                            block: None,
                            has_parens: true,
                            safe_nav: false,
                        })),
                        s,
                    );
                }
                _ => return Ok(e),
            }
        }
    }

    /// After a method name: arguments (parenthesized or command style) and a block.
    fn call_rest(&mut self, mut call: Call) -> PResult<Node> {
        let span = call.recv.as_ref().map(|r| r.span).unwrap_or(call.name_span);
        if self.at(&T::LParenCall) {
            self.advance()?;
            self.skip_newlines()?;
            call.args = self.args_until(&T::RParen)?;
            self.skip_newlines()?;
            self.expect(&T::RParen, "`)'")?;
            call.has_parens = true;
        } else if self.can_start_command_arg() {
            // Command call: arguments without parentheses; a `do` block belongs to it.
            self.no_do += 1;
            let args = self.command_args();
            self.no_do -= 1;
            call.args = args?;
        }
        if let Some(b) = self.block_arg(&mut call.args)? {
            call.block = Some(b);
        }
        if self.at(&T::LBrace) {
            call.block = Some(BlockArg::Literal(self.brace_block()?));
        } else if self.at_kw(Kw::Do) && self.no_do == 0 {
            call.block = Some(BlockArg::Literal(self.do_block()?));
        }
        Ok(Node::new(NodeKind::Call(Box::new(call)), span))
    }

    /// A trailing `&blk` argument moves to the block.
    fn block_arg(&mut self, args: &mut Vec<Node>) -> PResult<Option<BlockArg>> {
        if let Some(last) = args.last() {
            if let NodeKind::Splat(_) = last.kind {
                return Ok(None);
            }
        }
        if let Some(pos) = args
            .iter()
            .position(|a| matches!(&a.kind, NodeKind::Call(c) if c.name == "&block-pass"))
        {
            let n = args.remove(pos);
            if let NodeKind::Call(c) = n.kind {
                return Ok(c.recv.map(BlockArg::Pass));
            }
        }
        Ok(None)
    }

    /// Whether the current token starts an argument of a call without parentheses.
    fn can_start_command_arg(&self) -> bool {
        if !self.tok.space_before {
            return false;
        }
        matches!(
            self.tok.kind,
            T::Int(_)
                | T::Float(_)
                | T::String(_)
                | T::StrBeg
                | T::SymBeg
                | T::Symbol(_)
                | T::Words(_)
                | T::SymbolWords(_)
                | T::Ident(_)
                | T::Const(_)
                | T::Ivar(_)
                | T::Cvar(_)
                | T::Gvar(_)
                | T::Label(_)
                | T::UMinus
                | T::UMinusNum
                | T::UPlus
                | T::Splat
                | T::DSplat
                | T::BlockAmp
                | T::Bang
                | T::Tilde
                | T::LBrack
                | T::LParen
                | T::Colon3
                | T::Lambda
                | T::Kw(
                    Kw::Nil
                        | Kw::True
                        | Kw::False
                        | Kw::SelfKw
                        | Kw::Not
                        | Kw::Defined
                        | Kw::Super
                        | Kw::Yield
                        | Kw::File
                        | Kw::Line
                        | Kw::Case
                        | Kw::Begin
                )
        )
    }

    fn starts_expr(&self) -> bool {
        !matches!(
            self.tok.kind,
            T::Newline
                | T::Semi
                | T::Eof
                | T::RParen
                | T::RBrack
                | T::RBrace
                | T::Comma
                | T::Kw(
                    Kw::Then
                        | Kw::Do
                        | Kw::End
                        | Kw::If
                        | Kw::Unless
                        | Kw::While
                        | Kw::Until
                        | Kw::And
                        | Kw::Or
                        | Kw::Rescue
                )
        )
    }

    fn command_args(&mut self) -> PResult<Vec<Node>> {
        let mut args = vec![self.call_arg()?];
        while self.at(&T::Comma) {
            self.advance()?;
            self.skip_newlines()?;
            args.push(self.call_arg()?);
        }
        Ok(self.collect_labels(args))
    }

    /// Arguments up to a closing token (not consumed); trailing commas allowed.
    fn args_until(&mut self, close: &T) -> PResult<Vec<Node>> {
        let saved = self.no_do;
        self.no_do = 0;
        let mut args = Vec::new();
        loop {
            self.skip_newlines()?;
            if self.at(close) {
                break;
            }
            args.push(self.call_arg()?);
            self.skip_newlines()?;
            if !self.eat(&T::Comma)? {
                break;
            }
        }
        self.skip_newlines()?;
        self.no_do = saved;
        Ok(self.collect_labels(args))
    }

    /// One argument: an expression, `*x`, `&blk`, `k => v` or `name: v`.
    fn call_arg(&mut self) -> PResult<Node> {
        let span = self.tok.span;
        match self.tok.kind.clone() {
            T::Splat | T::Star => {
                self.advance()?;
                let e = self.arg()?;
                Ok(Node::new(NodeKind::Splat(Box::new(e)), span))
            }
            T::BlockAmp | T::Amp => {
                self.advance()?;
                let e = self.arg()?;
                // Marked for `block_arg` to pick up.
                Ok(Node::new(
                    NodeKind::Call(Box::new(Call {
                        recv: Some(e),
                        name: "&block-pass".into(),
                        name_span: span,
                        args: vec![],
                        block: None,
                        has_parens: false,
                        safe_nav: false,
                    })),
                    span,
                ))
            }
            T::Label(name) => {
                self.advance()?;
                self.skip_newlines()?;
                let v = self.arg()?;
                Ok(Node::new(
                    NodeKind::Hash {
                        pairs: vec![(Node::new(NodeKind::Sym(name), span), v)],
                        braces: false,
                    },
                    span,
                ))
            }
            _ => {
                let e = self.arg_no_modifier()?;
                if self.at(&T::Arrow) {
                    self.advance()?;
                    self.skip_newlines()?;
                    let v = self.arg()?;
                    return Ok(Node::new(
                        NodeKind::Hash {
                            pairs: vec![(e, v)],
                            braces: false,
                        },
                        span,
                    ));
                }
                Ok(e)
            }
        }
    }

    fn arg_no_modifier(&mut self) -> PResult<Node> {
        if self.at_kw(Kw::Not) {
            return self.not_expr();
        }
        self.arg()
    }

    /// Merges consecutive brace-less hash arguments into one.
    fn collect_labels(&self, args: Vec<Node>) -> Vec<Node> {
        let mut out: Vec<Node> = Vec::new();
        for a in args {
            if let NodeKind::Hash {
                pairs,
                braces: false,
            } = &a.kind
            {
                if let Some(Node {
                    kind:
                        NodeKind::Hash {
                            pairs: prev,
                            braces: false,
                        },
                    ..
                }) = out.last_mut()
                {
                    prev.extend(pairs.iter().cloned());
                    continue;
                }
            }
            out.push(a);
        }
        out
    }

    // ---- blocks -----------------------------------------------------------------------

    fn brace_block(&mut self) -> PResult<BlockNode> {
        let span = self.expect(&T::LBrace, "`{'")?.span;
        self.push_scope(false);
        let saved = self.no_do;
        self.no_do = 0;
        let r = (|| {
            let params = self.block_params()?;
            let body = self.body(&[], span)?;
            self.expect(&T::RBrace, "`}'")?;
            Ok(BlockNode { params, body, span })
        })();
        self.no_do = saved;
        self.pop_scope();
        r
    }

    fn do_block(&mut self) -> PResult<BlockNode> {
        let span = self.expect_kw(Kw::Do)?.span;
        self.push_scope(false);
        let saved = self.no_do;
        self.no_do = 0;
        let r = (|| {
            let params = self.block_params()?;
            let body = self.body_with_rescue(span)?;
            self.expect_kw(Kw::End)?;
            Ok(BlockNode { params, body, span })
        })();
        self.no_do = saved;
        self.pop_scope();
        r
    }

    fn block_params(&mut self) -> PResult<Params> {
        self.skip_newlines()?;
        if self.at(&T::OrOr) {
            self.advance()?;
            return Ok(Params::default());
        }
        if !self.at(&T::Pipe) {
            return Ok(Params::default());
        }
        self.advance()?;
        let p = self.param_list(&T::Pipe, true)?;
        self.expect(&T::Pipe, "`|'")?;
        Ok(p)
    }

    /// Parameters up to `close` (not consumed). Each name is declared as it is read.
    fn param_list(&mut self, close: &T, is_block: bool) -> PResult<Params> {
        let mut p = Params::default();
        let mut seen_optional = false;
        loop {
            self.skip_newlines_if(!is_block)?;
            if self.at(close) {
                break;
            }
            if is_block && self.at(&T::Semi) {
                // Block-local variables.
                self.advance()?;
                while let T::Ident(n) = self.tok.kind.clone() {
                    self.declare(&n);
                    p.block_locals.push(n);
                    self.advance()?;
                    if !self.eat(&T::Comma)? {
                        break;
                    }
                }
                break;
            }
            let span = self.tok.span;
            match self.tok.kind.clone() {
                T::Ident(n) => {
                    self.declare(&n);
                    self.advance()?;
                    if self.at(&T::Assign) {
                        self.advance()?;
                        let d = self.ternary()?;
                        p.optional.push((n, d));
                        seen_optional = true;
                    } else if seen_optional || p.rest.is_some() {
                        p.post.push(Param::Name(n));
                    } else {
                        p.required.push(Param::Name(n));
                    }
                }
                T::Label(n) => {
                    return Err(ParseError::new(
                        span,
                        format!("unsupported: keyword parameter {n}:"),
                    ))
                }
                T::Splat | T::Star => {
                    self.advance()?;
                    let n = match self.tok.kind.clone() {
                        T::Ident(n) => {
                            self.advance()?;
                            n
                        }
                        _ => "*".to_string(),
                    };
                    self.declare(&n);
                    p.rest = Some(n);
                }
                T::BlockAmp | T::Amp => {
                    self.advance()?;
                    match self.tok.kind.clone() {
                        T::Ident(n) => {
                            self.advance()?;
                            self.declare(&n);
                            p.block = Some(n);
                        }
                        _ => return Err(self.unexpected("block parameter name")),
                    }
                }
                T::DSplat | T::Pow => {
                    return Err(ParseError::new(span, "unsupported: **keyword parameters"))
                }
                T::LParen | T::LParenCall if is_block => {
                    self.advance()?;
                    let d = self.destructure()?;
                    if seen_optional {
                        p.post.push(d);
                    } else {
                        p.required.push(d);
                    }
                }
                _ => return Err(self.unexpected("parameter name")),
            }
            self.skip_newlines_if(!is_block)?;
            if !self.eat(&T::Comma)? {
                break;
            }
            if is_block && self.at(close) {
                p.trailing_comma = true;
            }
        }
        Ok(p)
    }

    fn skip_newlines_if(&mut self, yes: bool) -> PResult<()> {
        if yes {
            while self.at(&T::Newline) {
                self.advance()?;
            }
        }
        Ok(())
    }

    fn destructure(&mut self) -> PResult<Param> {
        let mut items = Vec::new();
        loop {
            match self.tok.kind.clone() {
                T::Ident(n) => {
                    self.declare(&n);
                    self.advance()?;
                    items.push(Param::Name(n));
                }
                T::LParen | T::LParenCall => {
                    self.advance()?;
                    items.push(self.destructure()?);
                }
                _ => return Err(self.unexpected("parameter name")),
            }
            if !self.eat(&T::Comma)? {
                break;
            }
        }
        self.expect(&T::RParen, "`)'")?;
        Ok(Param::Destructure(items))
    }

    // ---- primaries --------------------------------------------------------------------

    fn numeric_literal(&mut self, negative: bool) -> PResult<Node> {
        let tok = self.advance()?;
        let span = tok.span;
        Ok(match tok.kind {
            T::Int(digits) => {
                let text = if negative {
                    format!("-{digits}")
                } else {
                    digits
                };
                match text.parse::<i64>() {
                    Ok(i) => Node::new(NodeKind::Int(i), span),
                    Err(_) => Node::new(NodeKind::BigInt(text), span),
                }
            }
            T::Float(f) => Node::new(NodeKind::Float(if negative { -f } else { f }), span),
            other => {
                return Err(ParseError::new(
                    span,
                    format!(
                        "syntax error, unexpected {}, expecting a number",
                        describe(&other)
                    ),
                ))
            }
        })
    }

    fn primary(&mut self) -> PResult<Node> {
        let span = self.tok.span;
        match self.tok.kind.clone() {
            T::Int(_) | T::Float(_) => self.numeric_literal(false),
            T::String(s) => {
                self.advance()?;
                self.string_continuation(Node::new(NodeKind::Str(s), span))
            }
            T::StrBeg => {
                let n = self.dstring(false)?;
                self.string_continuation(n)
            }
            T::SymBeg => self.dstring(true),
            T::Symbol(s) => {
                self.advance()?;
                Ok(Node::new(NodeKind::Sym(s), span))
            }
            T::Words(ws) => {
                self.advance()?;
                Ok(Node::new(
                    NodeKind::Array(
                        ws.into_iter()
                            .map(|w| Node::new(NodeKind::Str(w), span))
                            .collect(),
                    ),
                    span,
                ))
            }
            T::SymbolWords(ws) => {
                self.advance()?;
                Ok(Node::new(
                    NodeKind::Array(
                        ws.into_iter()
                            .map(|w| Node::new(NodeKind::Sym(w), span))
                            .collect(),
                    ),
                    span,
                ))
            }
            T::Ident(name) => {
                self.advance()?;
                if self.is_local(&name) && !self.at(&T::LParenCall) {
                    return Ok(Node::new(NodeKind::LocalVar(name), span));
                }
                let call = Call {
                    recv: None,
                    name,
                    name_span: span,
                    args: vec![],
                    block: None,
                    has_parens: false,
                    safe_nav: false,
                };
                self.call_rest(call)
            }
            T::Const(name) => {
                self.advance()?;
                if self.at(&T::LParenCall) {
                    let call = Call {
                        recv: None,
                        name,
                        name_span: span,
                        args: vec![],
                        block: None,
                        has_parens: false,
                        safe_nav: false,
                    };
                    return self.call_rest(call);
                }
                Ok(Node::new(
                    NodeKind::Const {
                        scope: ConstScope::Lexical,
                        name,
                    },
                    span,
                ))
            }
            T::Colon3 => {
                self.advance()?;
                match self.advance()?.kind {
                    T::Const(name) => Ok(Node::new(
                        NodeKind::Const {
                            scope: ConstScope::Top,
                            name,
                        },
                        span,
                    )),
                    _ => Err(ParseError::new(
                        span,
                        "syntax error, expecting a constant after `::'",
                    )),
                }
            }
            T::Ivar(n) => {
                self.advance()?;
                Ok(Node::new(NodeKind::Ivar(n), span))
            }
            T::Cvar(n) => {
                self.advance()?;
                Ok(Node::new(NodeKind::Cvar(n), span))
            }
            T::Gvar(n) => {
                self.advance()?;
                Ok(Node::new(NodeKind::Gvar(n), span))
            }
            T::LParen | T::LParenCall => {
                self.advance()?;
                let saved = self.no_do;
                self.no_do = 0;
                let stmts = self.stmts(&[]);
                self.no_do = saved;
                let stmts = stmts?;
                self.skip_newlines()?;
                self.expect(&T::RParen, "`)'")?;
                Ok(Node::body(stmts, span))
            }
            T::LBrack => {
                self.advance()?;
                let items = self.args_until(&T::RBrack)?;
                self.expect(&T::RBrack, "`]'")?;
                Ok(Node::new(NodeKind::Array(items), span))
            }
            T::Aref => {
                // `[]` as an empty array literal where the lexer saw a method name.
                self.advance()?;
                Ok(Node::new(NodeKind::Array(vec![]), span))
            }
            T::LBrace => self.hash_literal(),
            T::Lambda => self.lambda(),
            T::Kw(k) => self.keyword(k, span),
            T::Label(n) => Err(ParseError::new(
                span,
                format!("syntax error, unexpected label {n}:"),
            )),
            _ => Err(self.unexpected("expression")),
        }
    }

    /// Adjacent string literals concatenate (`"a" "b"`).
    fn string_continuation(&mut self, first: Node) -> PResult<Node> {
        Ok(first)
    }

    fn dstring(&mut self, symbol: bool) -> PResult<Node> {
        let span = self.advance()?.span;
        let mut parts: Vec<StrPart> = Vec::new();
        loop {
            match self.tok.kind.clone() {
                T::StrContent(s) => {
                    self.advance()?;
                    match parts.last_mut() {
                        Some(StrPart::Lit(prev)) => prev.push_str(&s),
                        _ => parts.push(StrPart::Lit(s)),
                    }
                }
                T::InterpBeg => {
                    let ispan = self.advance()?.span;
                    let saved = self.no_do;
                    self.no_do = 0;
                    let stmts = self.stmts(&[]);
                    self.no_do = saved;
                    let stmts = stmts?;
                    self.skip_newlines()?;
                    self.expect(&T::InterpEnd, "`}'")?;
                    parts.push(StrPart::Code(Node::body(stmts, ispan)));
                }
                T::InterpVar(name) => {
                    let vspan = self.advance()?.span;
                    let kind = if name.starts_with("@@") {
                        NodeKind::Cvar(name)
                    } else if name.starts_with('@') {
                        NodeKind::Ivar(name)
                    } else {
                        NodeKind::Gvar(name)
                    };
                    parts.push(StrPart::Code(Node::new(kind, vspan)));
                }
                T::StrEnd => {
                    self.advance()?;
                    break;
                }
                _ => return Err(self.unexpected("end of string")),
            }
        }
        let all_lit = parts.iter().all(|p| matches!(p, StrPart::Lit(_)));
        if all_lit {
            let s: String = parts
                .into_iter()
                .map(|p| {
                    if let StrPart::Lit(s) = p {
                        s
                    } else {
                        String::new()
                    }
                })
                .collect();
            return Ok(Node::new(
                if symbol {
                    NodeKind::Sym(s)
                } else {
                    NodeKind::Str(s)
                },
                span,
            ));
        }
        Ok(Node::new(
            if symbol {
                NodeKind::DSym(parts)
            } else {
                NodeKind::DStr(parts)
            },
            span,
        ))
    }

    fn hash_literal(&mut self) -> PResult<Node> {
        let span = self.expect(&T::LBrace, "`{'")?.span;
        let mut pairs = Vec::new();
        let saved = self.no_do;
        self.no_do = 0;
        loop {
            self.skip_newlines()?;
            if self.at(&T::RBrace) {
                break;
            }
            let kspan = self.tok.span;
            if let T::Label(n) = self.tok.kind.clone() {
                self.advance()?;
                self.skip_newlines()?;
                let v = self.arg()?;
                pairs.push((Node::new(NodeKind::Sym(n), kspan), v));
            } else {
                let k = self.arg()?;
                self.skip_newlines()?;
                self.expect(&T::Arrow, "`=>'")?;
                self.skip_newlines()?;
                let v = self.arg()?;
                pairs.push((k, v));
            }
            self.skip_newlines()?;
            if !self.eat(&T::Comma)? {
                break;
            }
        }
        self.skip_newlines()?;
        self.no_do = saved;
        self.expect(&T::RBrace, "`}'")?;
        Ok(Node::new(
            NodeKind::Hash {
                pairs,
                braces: true,
            },
            span,
        ))
    }

    fn lambda(&mut self) -> PResult<Node> {
        let span = self.advance()?.span;
        self.push_scope(false);
        let r = (|| {
            let params = if self.at(&T::LParen) || self.at(&T::LParenCall) {
                self.advance()?;
                let p = self.param_list(&T::RParen, true)?;
                self.expect(&T::RParen, "`)'")?;
                p
            } else {
                Params::default()
            };
            let body = if self.at(&T::LBrace) {
                self.advance()?;
                let b = self.body(&[], span)?;
                self.expect(&T::RBrace, "`}'")?;
                b
            } else {
                self.expect_kw(Kw::Do)?;
                let b = self.body_with_rescue(span)?;
                self.expect_kw(Kw::End)?;
                b
            };
            Ok(Node::new(
                NodeKind::Lambda(Box::new(BlockNode { params, body, span })),
                span,
            ))
        })();
        self.pop_scope();
        r
    }

    fn keyword(&mut self, k: Kw, span: Span) -> PResult<Node> {
        match k {
            Kw::Nil => {
                self.advance()?;
                Ok(Node::new(NodeKind::Nil, span))
            }
            Kw::True => {
                self.advance()?;
                Ok(Node::new(NodeKind::True, span))
            }
            Kw::False => {
                self.advance()?;
                Ok(Node::new(NodeKind::False, span))
            }
            Kw::SelfKw => {
                self.advance()?;
                Ok(Node::new(NodeKind::SelfRef, span))
            }
            Kw::File => {
                self.advance()?;
                Ok(Node::new(NodeKind::SourceFile, span))
            }
            Kw::Line => {
                self.advance()?;
                Ok(Node::new(NodeKind::Int(span.line as i64), span))
            }
            Kw::If | Kw::Unless => self.if_expr(k == Kw::Unless),
            Kw::While | Kw::Until => self.while_expr(k == Kw::Until),
            Kw::Case => self.case_expr(),
            Kw::Begin => {
                self.advance()?;
                let body = self.body_with_rescue(span)?;
                self.expect_kw(Kw::End)?;
                // Keep a Begin node so that `begin ... end while c` is a do-while.
                Ok(match body.kind {
                    NodeKind::Begin(_) => body,
                    _ => Node::new(
                        NodeKind::Begin(Box::new(Begin {
                            body,
                            rescues: vec![],
                            else_body: None,
                            ensure_body: None,
                        })),
                        span,
                    ),
                })
            }
            Kw::Def => self.def(),
            Kw::Class => self.class_def(),
            Kw::Module => {
                self.advance()?;
                let name = match self.advance()?.kind {
                    T::Const(n) => n,
                    _ => {
                        return Err(ParseError::new(
                            span,
                            "syntax error, expecting a module name",
                        ))
                    }
                };
                self.push_scope(true);
                let body = self.body_with_rescue(span);
                self.pop_scope();
                let body = body?;
                self.expect_kw(Kw::End)?;
                Ok(Node::new(
                    NodeKind::Module {
                        scope: ConstScope::Lexical,
                        name,
                        body: Box::new(body),
                    },
                    span,
                ))
            }
            Kw::Yield => {
                self.advance()?;
                let args = self.optional_call_args()?;
                Ok(Node::new(NodeKind::Yield { args }, span))
            }
            Kw::Super => {
                self.advance()?;
                let (args, has_parens) = if self.at(&T::LParenCall) {
                    self.advance()?;
                    let a = self.args_until(&T::RParen)?;
                    self.expect(&T::RParen, "`)'")?;
                    (Some(a), true)
                } else if self.can_start_command_arg() && !matches!(self.tok.kind, T::LBrack) {
                    self.no_do += 1;
                    let a = self.command_args();
                    self.no_do -= 1;
                    (Some(a?), false)
                } else {
                    (None, false)
                };
                let block = if self.at(&T::LBrace) {
                    Some(Box::new(BlockArg::Literal(self.brace_block()?)))
                } else if self.at_kw(Kw::Do) && self.no_do == 0 {
                    Some(Box::new(BlockArg::Literal(self.do_block()?)))
                } else {
                    None
                };
                Ok(Node::new(
                    NodeKind::Super {
                        args,
                        block,
                        has_parens,
                    },
                    span,
                ))
            }
            Kw::Return | Kw::Break | Kw::Next => {
                self.advance()?;
                let value = if self.starts_expr() && !self.at_kw(Kw::End) {
                    let first = self.call_arg()?;
                    if self.at(&T::Comma) {
                        let mut items = vec![first];
                        while self.eat(&T::Comma)? {
                            self.skip_newlines()?;
                            items.push(self.call_arg()?);
                        }
                        Some(Box::new(Node::new(NodeKind::Array(items), span)))
                    } else {
                        Some(Box::new(first))
                    }
                } else {
                    None
                };
                Ok(Node::new(
                    match k {
                        Kw::Return => NodeKind::Return(value),
                        Kw::Break => NodeKind::Break(value),
                        _ => NodeKind::Next(value),
                    },
                    span,
                ))
            }
            Kw::Alias => {
                self.advance()?;
                let new_name = self.method_name_token()?;
                let old_name = self.method_name_token()?;
                Ok(Node::new(NodeKind::Alias { new_name, old_name }, span))
            }
            Kw::Not => {
                self.advance()?;
                let e = self.arg()?;
                Ok(Node::new(NodeKind::Not(Box::new(e)), span))
            }
            Kw::Defined => Err(ParseError::new(span, "unsupported: defined?")),
            Kw::Redo => Err(ParseError::new(span, "unsupported: redo")),
            Kw::Retry => Err(ParseError::new(span, "unsupported: retry")),
            Kw::For => self.for_expr(),
            Kw::BeginUpper => Err(ParseError::new(span, "unsupported: BEGIN")),
            Kw::EndUpper => Err(ParseError::new(span, "unsupported: END")),
            Kw::Undef => Err(ParseError::new(span, "unsupported: undef")),
            Kw::Encoding => Err(ParseError::new(span, "unsupported: __ENCODING__")),
            _ => Err(self.unexpected("expression")),
        }
    }

    /// A method name after `alias` (identifier, constant, operator or symbol).
    fn method_name_token(&mut self) -> PResult<String> {
        let span = self.tok.span;
        Ok(match self.advance()?.kind {
            T::Ident(n) | T::Const(n) | T::Symbol(n) => n,
            T::Kw(k) => k.as_str().to_string(),
            T::Aref => "[]".into(),
            T::Aset => "[]=".into(),
            other => {
                let p = punct(&other);
                if p == "?" {
                    return Err(ParseError::new(
                        span,
                        "syntax error, expecting a method name",
                    ));
                }
                p.to_string()
            }
        })
    }

    /// `yield`'s arguments: parenthesized, command style, or none.
    fn optional_call_args(&mut self) -> PResult<Vec<Node>> {
        if self.at(&T::LParenCall) {
            self.advance()?;
            let a = self.args_until(&T::RParen)?;
            self.expect(&T::RParen, "`)'")?;
            Ok(a)
        } else if self.can_start_command_arg() {
            self.command_args()
        } else {
            Ok(vec![])
        }
    }

    fn then(&mut self) -> PResult<()> {
        self.skip_newlines()?;
        self.eat_kw(Kw::Then)?;
        Ok(())
    }

    fn if_expr(&mut self, unless: bool) -> PResult<Node> {
        let span = self.advance()?.span;
        let cond = self.expr_stmt()?;
        self.then()?;
        let then_body = self.body(&[], span)?;
        let else_body = if self.at_kw(Kw::Elsif) {
            if unless {
                return Err(self.unexpected("`end'"));
            }
            self.if_expr(false)?
        } else {
            let e = if self.eat_kw(Kw::Else)? {
                self.body(&[], span)?
            } else {
                Node::empty(span)
            };
            self.expect_kw(Kw::End)?;
            e
        };
        Ok(if unless {
            Node::new(
                NodeKind::If {
                    cond: Box::new(cond),
                    then_body: Box::new(else_body),
                    else_body: Box::new(then_body),
                },
                span,
            )
        } else {
            Node::new(
                NodeKind::If {
                    cond: Box::new(cond),
                    then_body: Box::new(then_body),
                    else_body: Box::new(else_body),
                },
                span,
            )
        })
    }

    fn while_expr(&mut self, until: bool) -> PResult<Node> {
        let span = self.advance()?.span;
        self.no_do += 1;
        let cond = self.expr_stmt();
        self.no_do -= 1;
        let mut cond = cond?;
        self.skip_newlines()?;
        self.eat_kw(Kw::Do)?;
        let body = self.body(&[], span)?;
        self.expect_kw(Kw::End)?;
        if until {
            let cs = cond.span;
            cond = Node::new(NodeKind::Not(Box::new(cond)), cs);
        }
        Ok(Node::new(
            NodeKind::While {
                cond: Box::new(cond),
                body: Box::new(body),
                do_while: false,
            },
            span,
        ))
    }

    fn for_expr(&mut self) -> PResult<Node> {
        let span = self.advance()?.span;
        let mut targets = vec![self.mlhs_item()?];
        while self.eat(&T::Comma)? {
            targets.push(self.mlhs_item()?);
        }
        self.declare_targets(&targets);
        self.expect_kw(Kw::In)?;
        self.no_do += 1;
        let iter = self.expr_stmt();
        self.no_do -= 1;
        let iter = iter?;
        self.skip_newlines()?;
        self.eat_kw(Kw::Do)?;
        let body = self.body(&[], span)?;
        self.expect_kw(Kw::End)?;
        Ok(Node::new(
            NodeKind::For {
                targets,
                iter: Box::new(iter),
                body: Box::new(body),
            },
            span,
        ))
    }

    fn case_expr(&mut self) -> PResult<Node> {
        let span = self.advance()?.span;
        let subject = if matches!(self.tok.kind, T::Newline | T::Semi) {
            None
        } else {
            Some(Box::new(self.expr_stmt()?))
        };
        self.skip_newlines()?;
        let mut whens = Vec::new();
        while self.at_kw(Kw::When) {
            let wspan = self.advance()?.span;
            let mut values = vec![self.call_arg()?];
            while self.eat(&T::Comma)? {
                self.skip_newlines()?;
                values.push(self.call_arg()?);
            }
            self.then()?;
            let body = self.body(&[], wspan)?;
            whens.push(WhenClause {
                values,
                body,
                span: wspan,
            });
        }
        if self.at_kw(Kw::In) {
            return Err(ParseError::new(
                self.tok.span,
                "unsupported: pattern matching (case/in)",
            ));
        }
        if whens.is_empty() {
            return Err(self.unexpected("`when'"));
        }
        let else_body = if self.eat_kw(Kw::Else)? {
            self.body(&[], span)?
        } else {
            Node::empty(span)
        };
        self.expect_kw(Kw::End)?;
        Ok(Node::new(
            NodeKind::Case {
                subject,
                whens,
                else_body: Box::new(else_body),
            },
            span,
        ))
    }

    /// A body that may have `rescue`, `else` and `ensure` clauses (begin, def, do-block).
    fn body_with_rescue(&mut self, span: Span) -> PResult<Node> {
        let body = self.body(&[], span)?;
        let mut rescues = Vec::new();
        while self.at_kw(Kw::Rescue) {
            let rspan = self.advance()?.span;
            let mut classes = Vec::new();
            let mut var = None;
            if !matches!(
                self.tok.kind,
                T::Newline | T::Semi | T::Arrow | T::Kw(Kw::Then)
            ) {
                classes.push(self.rescue_class()?);
                while self.eat(&T::Comma)? {
                    self.skip_newlines()?;
                    classes.push(self.rescue_class()?);
                }
            }
            if self.eat(&T::Arrow)? {
                let t = self.mlhs_item()?;
                self.declare_targets(std::slice::from_ref(&t));
                var = Some(t);
            }
            self.then()?;
            let rbody = self.body(&[], rspan)?;
            rescues.push(RescueClause {
                classes,
                var,
                body: rbody,
                span: rspan,
            });
        }
        let else_body = if self.at_kw(Kw::Else) {
            let espan = self.advance()?.span;
            if rescues.is_empty() {
                return Err(ParseError::new(espan, "else without rescue is useless"));
            }
            Some(self.body(&[], espan)?)
        } else {
            None
        };
        let ensure_body = if self.at_kw(Kw::Ensure) {
            let espan = self.advance()?.span;
            Some(self.body(&[], espan)?)
        } else {
            None
        };
        if rescues.is_empty() && else_body.is_none() && ensure_body.is_none() {
            return Ok(body);
        }
        Ok(Node::new(
            NodeKind::Begin(Box::new(Begin {
                body,
                rescues,
                else_body,
                ensure_body,
            })),
            span,
        ))
    }

    /// A class in a `rescue` clause (`=>` after it names the variable, not a hash pair).
    fn rescue_class(&mut self) -> PResult<Node> {
        if self.at(&T::Splat) || self.at(&T::Star) {
            let span = self.advance()?.span;
            let e = self.ternary()?;
            return Ok(Node::new(NodeKind::Splat(Box::new(e)), span));
        }
        self.ternary()
    }

    fn def(&mut self) -> PResult<Node> {
        let span = self.advance()?.span;
        let mut singleton = None;
        let mut name_span = self.tok.span;
        let mut name = self.method_name_token()?;
        if self.at(&T::Dot)
            && (name == "self"
                || name
                    .chars()
                    .next()
                    .map(|c| c.is_ascii_uppercase())
                    .unwrap_or(false))
        {
            singleton = Some(if name == "self" {
                Node::new(NodeKind::SelfRef, name_span)
            } else {
                Node::new(
                    NodeKind::Const {
                        scope: ConstScope::Lexical,
                        name: name.clone(),
                    },
                    name_span,
                )
            });
            self.advance()?;
            name_span = self.tok.span;
            name = self.method_name_token()?;
        }
        // `def x=(v)`: the lexer gives `x` then `=` when there is a space; join them.
        if self.at(&T::Assign) && !self.tok.space_before && is_lvar_name(&name) {
            self.advance()?;
            name.push('=');
        }
        self.push_scope(true);
        let r = (|| {
            let params = if self.at(&T::LParenCall) || self.at(&T::LParen) {
                self.advance()?;
                let p = self.param_list(&T::RParen, false)?;
                self.skip_newlines()?;
                self.expect(&T::RParen, "`)'")?;
                p
            } else if matches!(self.tok.kind, T::Newline | T::Semi) {
                Params::default()
            } else if self.at(&T::Assign) {
                return Err(ParseError::new(
                    self.tok.span,
                    "unsupported: endless method definition",
                ));
            } else {
                self.param_list(&T::Newline, false)?
            };
            let body = self.body_with_rescue(span)?;
            self.expect_kw(Kw::End)?;
            Ok(Node::new(
                NodeKind::Def(Box::new(Def {
                    singleton,
                    name,
                    name_span,
                    params,
                    body,
                })),
                span,
            ))
        })();
        self.pop_scope();
        r
    }

    fn class_def(&mut self) -> PResult<Node> {
        let span = self.advance()?.span;
        if self.at(&T::Shl) {
            self.advance()?;
            let target = self.arg()?;
            self.push_scope(true);
            let body = self.body(&[], span);
            self.pop_scope();
            let body = body?;
            self.expect_kw(Kw::End)?;
            return Ok(Node::new(
                NodeKind::SClass {
                    target: Box::new(target),
                    body: Box::new(body),
                },
                span,
            ));
        }
        let (scope, name) = match self.advance()?.kind {
            T::Const(n) => {
                if self.at(&T::Colon2) {
                    self.advance()?;
                    match self.advance()?.kind {
                        T::Const(m) => (
                            ConstScope::Scoped(Box::new(Node::new(
                                NodeKind::Const {
                                    scope: ConstScope::Lexical,
                                    name: n,
                                },
                                span,
                            ))),
                            m,
                        ),
                        _ => {
                            return Err(ParseError::new(
                                span,
                                "syntax error, expecting a class name",
                            ))
                        }
                    }
                } else {
                    (ConstScope::Lexical, n)
                }
            }
            _ => {
                return Err(ParseError::new(
                    span,
                    "syntax error, expecting a class name",
                ))
            }
        };
        let superclass = if self.at(&T::Lt) {
            self.advance()?;
            Some(Box::new(self.arg()?))
        } else {
            None
        };
        self.push_scope(true);
        let body = self.body_with_rescue(span);
        self.pop_scope();
        let body = body?;
        self.expect_kw(Kw::End)?;
        Ok(Node::new(
            NodeKind::Class {
                scope,
                name,
                superclass,
                body: Box::new(body),
            },
            span,
        ))
    }
}

fn is_local_in(scopes: &[Scope], name: &str) -> bool {
    for s in scopes.iter().rev() {
        if s.vars.contains(name) {
            return true;
        }
        if s.hard {
            return false;
        }
    }
    false
}

fn is_lvar_name(n: &str) -> bool {
    n.chars()
        .next()
        .map(|c| c.is_ascii_lowercase() || c == '_' || !c.is_ascii())
        .unwrap_or(false)
        && !n.ends_with('?')
        && !n.ends_with('!')
        && !n.ends_with('=')
}

fn is_assignable(e: &Node) -> bool {
    match &e.kind {
        NodeKind::LocalVar(_)
        | NodeKind::Ivar(_)
        | NodeKind::Gvar(_)
        | NodeKind::Cvar(_)
        | NodeKind::Const { .. } => true,
        NodeKind::Call(c) => {
            (c.recv.is_none()
                && c.args.is_empty()
                && !c.has_parens
                && c.block.is_none()
                && is_lvar_name(&c.name))
                || (c.name == "[]" && c.recv.is_some() && c.block.is_none())
                || (c.recv.is_some() && c.args.is_empty() && !c.has_parens && c.block.is_none())
        }
        _ => false,
    }
}

fn is_mlhs_item(e: &Node) -> bool {
    is_assignable(e)
}

/// The node of `target = value`.
fn assign_node(target: Target, value: Node, span: Span) -> Node {
    let value = Box::new(value);
    match target {
        Target::Local(name) => Node::new(NodeKind::LocalAsgn { name, value }, span),
        Target::Ivar(name) => Node::new(NodeKind::IvarAsgn { name, value }, span),
        Target::Gvar(name) => Node::new(NodeKind::GvarAsgn { name, value }, span),
        Target::Cvar(name) => Node::new(NodeKind::CvarAsgn { name, value }, span),
        Target::Const { scope, name } => {
            Node::new(NodeKind::ConstAsgn { scope, name, value }, span)
        }
        Target::Index { recv, mut args } => {
            args.push(*value);
            Node::new(
                NodeKind::AttrAsgn(Box::new(Call {
                    recv: Some(recv),
                    name: "[]=".into(),
                    name_span: span,
                    args,
                    block: None,
                    has_parens: false,
                    safe_nav: false,
                })),
                span,
            )
        }
        Target::Attr {
            recv,
            name,
            safe_nav,
        } => Node::new(
            NodeKind::AttrAsgn(Box::new(Call {
                recv: Some(recv),
                name: format!("{name}="),
                name_span: span,
                args: vec![*value],
                block: None,
                has_parens: false,
                safe_nav,
            })),
            span,
        ),
        Target::Splat(_) | Target::Nested(_) => Node::new(
            NodeKind::MultiAsgn {
                targets: vec![target],
                value,
            },
            span,
        ),
    }
}

/// `-lit` back to `lit` (for `-2 ** 2`).
fn negate_literal(n: Node) -> Node {
    let span = n.span;
    match n.kind {
        NodeKind::Int(i) => Node::new(NodeKind::Int(i.wrapping_neg()), span),
        NodeKind::Float(f) => Node::new(NodeKind::Float(-f), span),
        NodeKind::BigInt(s) => Node::new(
            NodeKind::BigInt(s.trim_start_matches('-').to_string()),
            span,
        ),
        other => Node::new(other, span),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sexp(src: &str) -> String {
        parse(src)
            .unwrap_or_else(|e| panic!("{src:?}: {e}"))
            .to_sexp()
    }

    #[test]
    fn precedence_and_calls() {
        assert_eq!(
            sexp("1 + 2 * 3"),
            "(call (int 1) + (call (int 2) * (int 3)))"
        );
        assert_eq!(sexp("-2 ** 2"), "(call (call (int 2) ** (int 2)) -@)");
        assert_eq!(sexp("puts 1, 2"), "(call nil puts (int 1) (int 2))");
        assert_eq!(
            sexp("a = 1\na -1"),
            "(lasgn a (int 1))\n(call (lvar a) - (int 1))"
        );
        assert_eq!(sexp("foo -1"), "(call nil foo (int -1))");
    }

    #[test]
    fn never_panics_on_garbage() {
        let samples = [
            "def",
            "class",
            "((((",
            "\"abc",
            "x = ",
            "if x then",
            "a.b.c(",
            "[1, 2",
            "{ |x| ",
            "end end",
            "1 +",
            "case\nwhen",
            "begin rescue => end",
        ];
        for s in samples {
            let _ = parse(s);
        }
        let deep = "(".repeat(5000);
        assert!(parse(&deep).is_err());
        let prog = "class A\n  def f(x, y = 2)\n    [1, 2].each { |z| puts z + x }\n  end\nend\nA.new.f(1)\n";
        for i in 0..prog.len() {
            if prog.is_char_boundary(i) {
                let _ = parse(&prog[..i]);
            }
        }
        let mut seed: u64 = 12345;
        for _ in 0..2000 {
            let mut s = Vec::new();
            for _ in 0..(seed % 40) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let alphabet: &[u8] = b"ab1 =+-*/()[]{}|&.,:;\"'#\nifdoend@?!<>";
                s.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            let _ = parse(&String::from_utf8_lossy(&s));
        }
    }
}
