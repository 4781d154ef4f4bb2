//! The lexer of core Ruby: source text to tokens with their line and column.
//!
//! It is pulled by the parser one token at a time (`Lexer::next_token`), because Ruby's
//! tokens depend on what came before, as in CRuby's own lexer:
//!
//! - A `State` remembers what the previous token was: the start of an expression (`Beg`),
//!   the end of one (`End`), a method name that may take arguments without parentheses
//!   (`Arg`), and a few more. A plain identifier leaves `AfterIdent`, which the next call
//!   resolves to `End` if the identifier is a local variable and `Arg` if it is a method
//!   call; the parser answers that question through the `is_local` callback, so
//!   `a -1` (local `a`) is `a - 1` and `foo -1` is `foo(-1)`.
//! - The characters that are ambiguous in Ruby are resolved the way CRuby resolves them:
//!   at the start of an expression, or after a method name with a space before and none
//!   after, `-` is a unary minus (`UMinusNum` when a digit follows), `*` a splat, `**` a
//!   double splat, `&` a block argument, `[` an array literal, `::` a top-level constant,
//!   `(` a parenthesized argument, `%w[` a word list; elsewhere they are binary operators
//!   or indexing. `/` is always division and `<<` always a shift: a regular expression,
//!   heredoc or character literal where Ruby would see one is reported as unsupported.
//! - A newline is a token only where it can end a statement: it is skipped after an
//!   operator, a comma, an opening bracket, `.`, and the keywords after which an
//!   expression must follow, and when the next line starts with `.method` or `&.method`.
//! - Strings with interpolation come as `StrBeg`, then `StrContent`, `InterpVar` and
//!   `InterpBeg` ... (ordinary tokens) ... `InterpEnd` parts, then `StrEnd`; strings
//!   without it (`'...'`, `%q()`) as one `String` token. `SymBeg` starts a `:"..."`.
//!
//! Comments (`#`, `=begin`/`=end`), `\` line continuations and everything after an
//! `__END__` line are skipped. Lexical errors are `ParseError`s; the lexer never panics.

use crate::ast::Span;
use crate::parser::ParseError;

/// Ruby's reserved words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Keyword {
    Alias,
    And,
    Begin,
    /// `BEGIN`
    BeginUpper,
    Break,
    Case,
    Class,
    Def,
    /// `defined?`
    Defined,
    Do,
    Else,
    Elsif,
    End,
    /// `END`
    EndUpper,
    Ensure,
    False,
    For,
    If,
    In,
    Module,
    Next,
    Nil,
    Not,
    Or,
    Redo,
    Rescue,
    Retry,
    Return,
    SelfKw,
    Super,
    Then,
    True,
    Undef,
    Unless,
    Until,
    When,
    While,
    Yield,
    /// `__FILE__`
    File,
    /// `__LINE__`
    Line,
    /// `__ENCODING__`
    Encoding,
}

const KEYWORDS: &[(&str, Keyword)] = &[
    ("alias", Keyword::Alias),
    ("and", Keyword::And),
    ("begin", Keyword::Begin),
    ("BEGIN", Keyword::BeginUpper),
    ("break", Keyword::Break),
    ("case", Keyword::Case),
    ("class", Keyword::Class),
    ("def", Keyword::Def),
    ("defined?", Keyword::Defined),
    ("do", Keyword::Do),
    ("else", Keyword::Else),
    ("elsif", Keyword::Elsif),
    ("end", Keyword::End),
    ("END", Keyword::EndUpper),
    ("ensure", Keyword::Ensure),
    ("false", Keyword::False),
    ("for", Keyword::For),
    ("if", Keyword::If),
    ("in", Keyword::In),
    ("module", Keyword::Module),
    ("next", Keyword::Next),
    ("nil", Keyword::Nil),
    ("not", Keyword::Not),
    ("or", Keyword::Or),
    ("redo", Keyword::Redo),
    ("rescue", Keyword::Rescue),
    ("retry", Keyword::Retry),
    ("return", Keyword::Return),
    ("self", Keyword::SelfKw),
    ("super", Keyword::Super),
    ("then", Keyword::Then),
    ("true", Keyword::True),
    ("undef", Keyword::Undef),
    ("unless", Keyword::Unless),
    ("until", Keyword::Until),
    ("when", Keyword::When),
    ("while", Keyword::While),
    ("yield", Keyword::Yield),
    ("__FILE__", Keyword::File),
    ("__LINE__", Keyword::Line),
    ("__ENCODING__", Keyword::Encoding),
];

impl Keyword {
    pub fn from_word(word: &str) -> Option<Keyword> {
        KEYWORDS.iter().find(|(w, _)| *w == word).map(|(_, k)| *k)
    }

    /// The keyword as written in the source.
    pub fn as_str(self) -> &'static str {
        KEYWORDS
            .iter()
            .find(|(_, k)| *k == self)
            .map(|(w, _)| *w)
            .unwrap_or("?")
    }
}

/// The kinds of token. Operator variants are named after their role where the same
/// characters have several (`Minus` vs `UMinus`, `Star` vs `Splat`, ...).
#[derive(Clone, Debug, PartialEq)]
pub enum TokenKind {
    // ----- Literals -----
    /// An integer literal: the decimal digits of its (non-negative) value, whatever base it
    /// was written in, without leading zeros (`0x1F` is `"31"`).
    Int(String),
    Float(f64),
    /// A complete string without interpolation (`'...'`, `%q(...)`), escapes decoded.
    String(String),
    /// Start of a string with interpolation (`"`, `%Q(`, `%(`).
    StrBeg,
    /// Start of an interpolated symbol `:"`.
    SymBeg,
    /// Literal text inside a string (escapes decoded).
    StrContent(String),
    /// `#{` inside a string: code tokens follow, up to `InterpEnd`.
    InterpBeg,
    /// The `}` that closes a `#{`.
    InterpEnd,
    /// `#@ivar`, `#@@cvar`, `#$gvar` inside a string: the variable's name (with sigil).
    InterpVar(String),
    /// End of a string or interpolated symbol.
    StrEnd,
    /// `:name`, `:+`, `:[]=`, `:'quoted'` (the name without the colon).
    Symbol(String),
    /// `%w[a b]`
    Words(Vec<String>),
    /// `%i[a b]`
    SymbolWords(Vec<String>),

    // ----- Names -----
    /// A local variable or method name (`foo`, `foo?`, `foo!`; `foo=` after `def`).
    Ident(String),
    /// A name starting with an upper-case letter.
    Const(String),
    /// `@name` (with the `@`).
    Ivar(String),
    /// `@@name`
    Cvar(String),
    /// `$name`, `$0`, `$~`, ... (with the `$`).
    Gvar(String),
    /// `name:` as a hash key or keyword argument (the name without the colon).
    Label(String),
    Kw(Keyword),

    // ----- Operators -----
    Plus,
    Minus,
    /// Unary `+` (also `+@` as a method name).
    UPlus,
    /// Unary `-` (also `-@` as a method name).
    UMinus,
    /// Unary `-` directly followed by a numeric literal.
    UMinusNum,
    Star,
    /// `*` before an argument, element or parameter.
    Splat,
    Pow,
    /// `**` before an argument or parameter.
    DSplat,
    Slash,
    Percent,
    /// `==`
    Eq,
    /// `===`
    Eqq,
    /// `!=`
    Neq,
    /// `=~`
    Match,
    /// `!~`
    NMatch,
    Lt,
    Le,
    Gt,
    Ge,
    /// `<=>`
    Cmp,
    AndAnd,
    OrOr,
    Bang,
    Tilde,
    Amp,
    /// `&` before a block argument or parameter.
    BlockAmp,
    Pipe,
    Caret,
    Shl,
    Shr,
    /// `=`
    Assign,
    /// `op=`: the operator (`"+"`, `"||"`, `"<<"`, ...).
    OpAsgn(String),
    Dot,
    /// `&.`
    AndDot,
    /// `::` after an expression (`A::B`).
    Colon2,
    /// `::` at the start of an expression (`::Foo`).
    Colon3,
    /// `:` of a ternary.
    Colon,
    Question,
    Comma,
    Semi,
    /// `=>`
    Arrow,
    /// `->`
    Lambda,
    /// `..`
    Dot2,
    /// `...`
    Dot3,
    /// `(` that groups an expression (or, after a method name and a space, starts the
    /// first argument: `puts (1..3).to_a`).
    LParen,
    /// `(` right after a method name: the call's argument list.
    LParenCall,
    RParen,
    /// `[` of an array literal.
    LBrack,
    /// `[` of an index (`a[1]`).
    LBrackIndex,
    RBrack,
    /// `{` of a hash literal or a block (the parser decides).
    LBrace,
    RBrace,
    /// `[]` as a method name (after `def`, `.` or `:`).
    Aref,
    /// `[]=` as a method name.
    Aset,

    Newline,
    Eof,
}

/// One token. `space_before` is set when whitespace (or a comment, or a skipped newline)
/// separates it from the previous token.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
    pub space_before: bool,
}

/// What the previous token leaves the lexer expecting (see the module doc).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// An expression may start here; a newline does not end the statement.
    Beg,
    /// After `return`, `break`, `next`, `rescue`: a value may follow, a newline ends it.
    Mid,
    /// After a method name: arguments without parentheses may follow.
    Arg,
    /// After a complete expression: operators are binary.
    End,
    /// After `.`, `&.` or `::`: a method or constant name follows.
    Dot,
    /// After `def`, `alias`, or `def recv.`: a method name follows; operators are names.
    Fname,
    /// After the name of a `def`, or after `->`: parameters may follow.
    EndFn,
    /// After `class`: `<<` is `class << self`.
    Class,
    /// After a plain identifier: `End` if it is a local variable, else `Arg`.
    AfterIdent,
}

/// What the lexer is inside of.
#[derive(Clone, Debug)]
enum Mode {
    /// Code: the file itself, or the inside of a `#{...}` (`braces` counts the `{` opened
    /// inside it, so that its own `}` is recognized).
    Code { braces: u32 },
    /// The text of an interpolating string or symbol.
    Str(StrMode),
}

#[derive(Clone, Debug)]
struct StrMode {
    /// The closing delimiter.
    term: u8,
    /// The opening delimiter when it nests (`%Q(`), else 0.
    open: u8,
    /// How many nested `open`s are pending.
    nest: u32,
    /// Where the string starts (for the unterminated-string error).
    start: Span,
}

/// The lexer. Create it with `Lexer::new` and pull tokens with `next_token`.
pub struct Lexer<'a> {
    src: &'a [u8],
    pos: usize,
    line: u32,
    col: u32,
    state: State,
    /// The state the previous token was lexed in.
    prev_lexed_in: State,
    /// The identifier that left `State::AfterIdent`.
    prev_ident: String,
    /// A `name:` label may come next.
    label_ok: bool,
    /// A `(` right after the previous token (no space) is a call's argument list.
    paren_call_ok: bool,
    /// Names still expected after `alias`.
    alias_names: u8,
    modes: Vec<Mode>,
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n' | 0x0b | 0x0c)
}

/// Converts digits (already validated for `radix`) to the decimal digits of their value.
fn digits_to_decimal(digits: &[u8], radix: u32) -> String {
    // Little-endian limbs in base 10^9.
    const BASE: u64 = 1_000_000_000;
    let mut limbs: Vec<u64> = vec![0];
    for &d in digits {
        let mut carry = (d as char).to_digit(radix).unwrap_or(0) as u64;
        for limb in limbs.iter_mut() {
            let v = *limb * radix as u64 + carry;
            *limb = v % BASE;
            carry = v / BASE;
        }
        if carry > 0 {
            limbs.push(carry);
        }
    }
    let mut out = String::new();
    for (i, limb) in limbs.iter().rev().enumerate() {
        if i == 0 {
            out.push_str(&limb.to_string());
        } else {
            out.push_str(&format!("{:09}", limb));
        }
    }
    out
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a str) -> Lexer<'a> {
        Lexer {
            src: src.as_bytes(),
            pos: 0,
            line: 1,
            col: 1,
            state: State::Beg,
            prev_lexed_in: State::Beg,
            prev_ident: String::new(),
            label_ok: false,
            paren_call_ok: false,
            alias_names: 0,
            modes: vec![Mode::Code { braces: 0 }],
        }
    }

    // ----- Reading bytes -----

    fn peek(&self) -> u8 {
        self.peek_at(0)
    }

    fn peek_at(&self, n: usize) -> u8 {
        self.src.get(self.pos + n).copied().unwrap_or(0)
    }

    fn at_eof(&self) -> bool {
        self.pos >= self.src.len()
    }

    /// True when the byte `n` ahead is whitespace or the end of input.
    fn space_at(&self, n: usize) -> bool {
        match self.src.get(self.pos + n) {
            Some(&c) => is_space(c),
            None => true,
        }
    }

    fn bump(&mut self) {
        if let Some(&c) = self.src.get(self.pos) {
            self.pos += 1;
            if c == b'\n' {
                self.line += 1;
                self.col = 1;
            } else if c & 0xC0 != 0x80 {
                self.col += 1;
            }
        }
    }

    fn bump_n(&mut self, n: usize) {
        for _ in 0..n {
            self.bump();
        }
    }

    fn span(&self) -> Span {
        Span::new(self.line, self.col)
    }

    fn starts_with(&self, s: &str) -> bool {
        self.src[self.pos.min(self.src.len())..].starts_with(s.as_bytes())
    }

    fn error<T>(&self, span: Span, message: impl Into<String>) -> Result<T, ParseError> {
        Err(ParseError::new(span, message))
    }

    // ----- The token stream -----

    /// The next token. `is_local` tells whether a name is a local variable at this point
    /// of the parse.
    pub fn next_token(&mut self, is_local: &dyn Fn(&str) -> bool) -> Result<Token, ParseError> {
        if let Some(Mode::Str(_)) = self.modes.last() {
            return self.lex_string_part();
        }
        let state = match self.state {
            State::AfterIdent => {
                if is_local(&self.prev_ident) {
                    State::End
                } else {
                    State::Arg
                }
            }
            s => s,
        };
        let label_ok = self.label_ok || matches!(state, State::Arg | State::EndFn);
        let space = self.skip_space(state)?;
        let span = self.span();
        if self.at_eof() {
            if let Some(start) = self.open_string_start() {
                return self.error(start, "unterminated string meets end of file");
            }
            return Ok(Token {
                kind: TokenKind::Eof,
                span,
                space_before: space,
            });
        }
        if self.peek() == b'\n' {
            // skip_space stopped at a newline that ends a statement.
            self.bump();
            return Ok(self.finish(TokenKind::Newline, span, space, state, State::Beg));
        }
        let (kind, after) = self.lex_token(state, space, label_ok, span)?;
        Ok(self.finish(kind, span, space, state, after))
    }

    /// The start of the innermost string whose `#{...}` we are in, if any.
    fn open_string_start(&self) -> Option<Span> {
        self.modes.iter().rev().find_map(|m| match m {
            Mode::Str(s) => Some(s.start),
            Mode::Code { .. } => None,
        })
    }

    /// Records the state after a token and builds it.
    fn finish(
        &mut self,
        kind: TokenKind,
        span: Span,
        space: bool,
        lexed_in: State,
        mut after: State,
    ) -> Token {
        if lexed_in == State::Fname && self.alias_names > 0 {
            self.alias_names -= 1;
            if self.alias_names > 0 {
                after = State::Fname;
            }
        }
        if let TokenKind::Ident(name) = &kind {
            if after == State::AfterIdent {
                self.prev_ident.clear();
                self.prev_ident.push_str(name);
            }
        }
        self.label_ok = matches!(
            kind,
            TokenKind::LParen
                | TokenKind::LParenCall
                | TokenKind::LBrack
                | TokenKind::LBrackIndex
                | TokenKind::LBrace
                | TokenKind::Comma
                | TokenKind::Pipe
        );
        self.paren_call_ok = matches!(kind, TokenKind::Ident(_) | TokenKind::Const(_))
            || matches!(
                kind,
                TokenKind::Kw(Keyword::Yield | Keyword::Super | Keyword::Defined)
            )
            || matches!(lexed_in, State::Fname | State::Dot);
        self.prev_lexed_in = lexed_in;
        self.state = after;
        Token {
            kind,
            span,
            space_before: space,
        }
    }

    /// Skips whitespace, comments, continuation lines and the newlines that do not end a
    /// statement. Stops at a significant newline (not consumed) or a token. Returns
    /// whether anything was skipped.
    fn skip_space(&mut self, state: State) -> Result<bool, ParseError> {
        let mut skipped = false;
        loop {
            if self.col == 1 && !self.at_eof() {
                if self.starts_with("=begin") && self.space_at(6) {
                    self.skip_embedded_doc()?;
                    skipped = true;
                    continue;
                }
                if self.starts_with("__END__")
                    && (self.peek_at(7) == b'\n'
                        || self.peek_at(7) == 0
                        || (self.peek_at(7) == b'\r' && self.peek_at(8) == b'\n'))
                {
                    self.pos = self.src.len();
                    return Ok(skipped);
                }
            }
            match self.peek() {
                b' ' | b'\t' | b'\r' | 0x0b | 0x0c if !self.at_eof() => {
                    self.bump();
                    skipped = true;
                }
                b'\\' if self.peek_at(1) == b'\n' => {
                    self.bump_n(2);
                    skipped = true;
                }
                b'\\' if self.peek_at(1) == b'\r' && self.peek_at(2) == b'\n' => {
                    self.bump_n(3);
                    skipped = true;
                }
                b'#' => {
                    while !self.at_eof() && self.peek() != b'\n' {
                        self.bump();
                    }
                    skipped = true;
                }
                b'\n' => {
                    let ignored = matches!(state, State::Beg | State::Dot | State::Fname);
                    if ignored || self.leading_dot_follows() {
                        self.bump();
                        skipped = true;
                    } else {
                        return Ok(skipped);
                    }
                }
                _ => return Ok(skipped),
            }
        }
    }

    /// At a newline: true when the next line that is not blank or a comment starts with
    /// `.name` or `&.name` (a method chain continued on the next line).
    fn leading_dot_follows(&self) -> bool {
        let mut i = self.pos;
        let src = self.src;
        loop {
            match src.get(i) {
                Some(b' ' | b'\t' | b'\r' | b'\n' | 0x0b | 0x0c) => i += 1,
                Some(b'#') => {
                    while i < src.len() && src[i] != b'\n' {
                        i += 1;
                    }
                }
                Some(b'.') => return src.get(i + 1) != Some(&b'.'),
                Some(b'&') => return src.get(i + 1) == Some(&b'.'),
                _ => return false,
            }
        }
    }

    /// Skips `=begin ... =end` (at the start of a line), up to the end of the `=end` line.
    fn skip_embedded_doc(&mut self) -> Result<(), ParseError> {
        let start = self.span();
        loop {
            // Skip the rest of the current line.
            while !self.at_eof() && self.peek() != b'\n' {
                self.bump();
            }
            if self.at_eof() {
                return self.error(start, "embedded document meets end of file");
            }
            self.bump();
            if self.starts_with("=end") && self.space_at(4) {
                while !self.at_eof() && self.peek() != b'\n' {
                    self.bump();
                }
                return Ok(());
            }
        }
    }

    /// Lexes one token in code; returns it with the state it leaves.
    fn lex_token(
        &mut self,
        state: State,
        space: bool,
        label_ok: bool,
        span: Span,
    ) -> Result<(TokenKind, State), ParseError> {
        use TokenKind as T;
        let c = self.peek();
        let value_start = matches!(state, State::Beg | State::Mid | State::Class);
        // A method name with a space before and none after the operator: `foo -1`.
        let spcarg = |lx: &Lexer, len: usize| state == State::Arg && space && !lx.space_at(len);
        let op_name = matches!(state, State::Fname | State::Dot);
        // The state after an operator that is a method name.
        let after_op_name = if state == State::Fname {
            State::EndFn
        } else {
            State::Arg
        };

        if is_ident_start(c) {
            return self.lex_word(state, label_ok);
        }
        if c.is_ascii_digit() {
            return Ok((self.lex_number(span)?, State::End));
        }
        macro_rules! op {
            ($len:expr, $kind:expr) => {{
                self.bump_n($len);
                if op_name {
                    return Ok(($kind, after_op_name));
                }
                return Ok(($kind, State::Beg));
            }};
        }
        match c {
            b'"' => {
                self.bump();
                self.modes.push(Mode::Str(StrMode {
                    term: b'"',
                    open: 0,
                    nest: 0,
                    start: span,
                }));
                Ok((T::StrBeg, State::End))
            }
            b'\'' => {
                self.bump();
                let s = self.lex_single_quoted(b'\'', 0, span)?;
                Ok((T::String(s), State::End))
            }
            b'`' => self.error(span, "unsupported: backtick command (`...`)"),
            b'@' => self.lex_ivar(span),
            b'$' => self.lex_gvar(span),
            b':' => self.lex_colon(state, space, span),
            b'(' => {
                self.bump();
                let kind = if self.paren_call_ok && !space {
                    T::LParenCall
                } else {
                    T::LParen
                };
                Ok((kind, State::Beg))
            }
            b')' => {
                self.bump();
                Ok((T::RParen, State::End))
            }
            b'[' => {
                if op_name && self.starts_with("[]=") {
                    self.bump_n(3);
                    return Ok((T::Aset, after_op_name));
                }
                if op_name && self.starts_with("[]") {
                    self.bump_n(2);
                    return Ok((T::Aref, after_op_name));
                }
                self.bump();
                let kind = if value_start || (state == State::Arg && space) {
                    T::LBrack
                } else {
                    T::LBrackIndex
                };
                Ok((kind, State::Beg))
            }
            b']' => {
                self.bump();
                Ok((T::RBrack, State::End))
            }
            b'{' => {
                self.bump();
                if let Some(Mode::Code { braces }) = self.modes.last_mut() {
                    *braces += 1;
                }
                Ok((T::LBrace, State::Beg))
            }
            b'}' => {
                self.bump();
                let in_interp = self.modes.len() > 1;
                if let Some(Mode::Code { braces }) = self.modes.last_mut() {
                    if *braces > 0 {
                        *braces -= 1;
                    } else if in_interp {
                        self.modes.pop();
                        return Ok((T::InterpEnd, State::End));
                    }
                }
                Ok((T::RBrace, State::End))
            }
            b',' => op!(1, T::Comma),
            b';' => {
                self.bump();
                Ok((T::Semi, State::Beg))
            }
            b'.' => {
                if self.starts_with("...") {
                    op!(3, T::Dot3)
                }
                if self.starts_with("..") {
                    op!(2, T::Dot2)
                }
                self.bump();
                let after = if self.prev_lexed_in == State::Fname {
                    State::Fname
                } else {
                    State::Dot
                };
                Ok((T::Dot, after))
            }
            b'&' => {
                if self.starts_with("&&=") {
                    op!(3, T::OpAsgn("&&".into()))
                }
                if self.starts_with("&&") {
                    op!(2, T::AndAnd)
                }
                if self.starts_with("&=") {
                    op!(2, T::OpAsgn("&".into()))
                }
                if self.starts_with("&.") && !op_name && !self.peek_at(2).is_ascii_digit() {
                    self.bump_n(2);
                    return Ok((T::AndDot, State::Dot));
                }
                let kind = if !op_name && (value_start || spcarg(self, 1)) {
                    T::BlockAmp
                } else {
                    T::Amp
                };
                op!(1, kind)
            }
            b'|' => {
                if self.starts_with("||=") {
                    op!(3, T::OpAsgn("||".into()))
                }
                if self.starts_with("||") && !op_name {
                    op!(2, T::OrOr)
                }
                if self.starts_with("|=") {
                    op!(2, T::OpAsgn("|".into()))
                }
                op!(1, T::Pipe)
            }
            b'*' => {
                if self.starts_with("**=") {
                    op!(3, T::OpAsgn("**".into()))
                }
                if self.starts_with("**") {
                    let kind = if !op_name && (value_start || spcarg(self, 2)) {
                        T::DSplat
                    } else {
                        T::Pow
                    };
                    op!(2, kind)
                }
                if self.starts_with("*=") {
                    op!(2, T::OpAsgn("*".into()))
                }
                let kind = if !op_name && (value_start || spcarg(self, 1)) {
                    T::Splat
                } else {
                    T::Star
                };
                op!(1, kind)
            }
            b'+' => {
                if op_name {
                    if self.starts_with("+@") {
                        op!(2, T::UPlus)
                    }
                    op!(1, T::Plus)
                }
                if self.starts_with("+=") {
                    op!(2, T::OpAsgn("+".into()))
                }
                let kind = if value_start || spcarg(self, 1) {
                    T::UPlus
                } else {
                    T::Plus
                };
                op!(1, kind)
            }
            b'-' => {
                if op_name {
                    if self.starts_with("-@") {
                        op!(2, T::UMinus)
                    }
                    op!(1, T::Minus)
                }
                if self.starts_with("->") {
                    self.bump_n(2);
                    return Ok((T::Lambda, State::EndFn));
                }
                if self.starts_with("-=") {
                    op!(2, T::OpAsgn("-".into()))
                }
                let kind = if value_start || spcarg(self, 1) {
                    if self.peek_at(1).is_ascii_digit() {
                        T::UMinusNum
                    } else {
                        T::UMinus
                    }
                } else {
                    T::Minus
                };
                op!(1, kind)
            }
            b'!' => {
                if self.starts_with("!=") {
                    op!(2, T::Neq)
                }
                if self.starts_with("!~") {
                    op!(2, T::NMatch)
                }
                if op_name && self.starts_with("!@") {
                    op!(2, T::Bang)
                }
                op!(1, T::Bang)
            }
            b'=' => {
                if self.starts_with("===") {
                    op!(3, T::Eqq)
                }
                if self.starts_with("==") {
                    op!(2, T::Eq)
                }
                if self.starts_with("=~") {
                    op!(2, T::Match)
                }
                if self.starts_with("=>") {
                    op!(2, T::Arrow)
                }
                op!(1, T::Assign)
            }
            b'<' => {
                if self.starts_with("<=>") {
                    op!(3, T::Cmp)
                }
                if self.starts_with("<=") {
                    op!(2, T::Le)
                }
                if self.starts_with("<<=") {
                    op!(3, T::OpAsgn("<<".into()))
                }
                if self.starts_with("<<") {
                    let maybe_heredoc = !op_name
                        && state != State::Class
                        && state != State::End
                        && (state != State::Arg || space);
                    if maybe_heredoc && self.heredoc_follows() {
                        return self.error(span, "unsupported: heredoc");
                    }
                    op!(2, T::Shl)
                }
                op!(1, T::Lt)
            }
            b'>' => {
                if self.starts_with(">=") {
                    op!(2, T::Ge)
                }
                if self.starts_with(">>=") {
                    op!(3, T::OpAsgn(">>".into()))
                }
                if self.starts_with(">>") {
                    op!(2, T::Shr)
                }
                op!(1, T::Gt)
            }
            b'/' => {
                if !op_name && (value_start || spcarg(self, 1)) {
                    return self.error(span, "unsupported: regular expression literal");
                }
                if self.starts_with("/=") && !op_name {
                    op!(2, T::OpAsgn("/".into()))
                }
                op!(1, T::Slash)
            }
            b'%' => {
                if !op_name && (value_start || (spcarg(self, 1) && self.percent_literal_follows()))
                {
                    return self.lex_percent(span);
                }
                if self.starts_with("%=") && !op_name {
                    op!(2, T::OpAsgn("%".into()))
                }
                op!(1, T::Percent)
            }
            b'^' => {
                if self.starts_with("^=") {
                    op!(2, T::OpAsgn("^".into()))
                }
                op!(1, T::Caret)
            }
            b'~' => {
                if op_name && self.starts_with("~@") {
                    op!(2, T::Tilde)
                }
                op!(1, T::Tilde)
            }
            b'?' => {
                if value_start && !self.space_at(1) {
                    return self.error(span, "unsupported: character literal (?x)");
                }
                op!(1, T::Question)
            }
            b'\\' => self.error(span, "syntax error, unexpected backslash"),
            _ => {
                let shown = if c.is_ascii_graphic() {
                    format!("'{}'", c as char)
                } else {
                    format!("\\x{:02X}", c)
                };
                self.error(span, format!("invalid character {} in the source", shown))
            }
        }
    }

    /// After `<<`: an identifier or quote, possibly after `~` or `-`.
    fn heredoc_follows(&self) -> bool {
        let mut i = 2;
        if matches!(self.peek_at(i), b'~' | b'-') {
            i += 1;
        }
        let c = self.peek_at(i);
        matches!(c, b'"' | b'\'' | b'`') || c.is_ascii_alphabetic() || c == b'_'
    }

    /// After `%` with a space before: a %-literal (`%w[`, `%(`, ...) follows.
    fn percent_literal_follows(&self) -> bool {
        let c = self.peek_at(1);
        if matches!(
            c,
            b'w' | b'W' | b'i' | b'I' | b'q' | b'Q' | b'r' | b'x' | b's'
        ) {
            let d = self.peek_at(2);
            return d.is_ascii_punctuation();
        }
        matches!(c, b'(' | b'[' | b'{' | b'<' | b'|' | b'!' | b'/')
    }

    // ----- Words: identifiers, constants, keywords, labels -----

    fn lex_word(&mut self, state: State, label_ok: bool) -> Result<(TokenKind, State), ParseError> {
        use TokenKind as T;
        let start = self.pos;
        while is_ident_char(self.peek()) && !self.at_eof() {
            self.bump();
        }
        let mut suffix = false;
        if matches!(self.peek(), b'?' | b'!') && self.peek_at(1) != b'=' {
            self.bump();
            suffix = true;
        } else if matches!(self.peek(), b'?' | b'!')
            && self.peek_at(1) == b'='
            && self.peek_at(2) == b'='
        {
            // `foo?==x`: the `?` belongs to the name.
            self.bump();
            suffix = true;
        }
        let mut setter = false;
        if !suffix
            && state == State::Fname
            && self.peek() == b'='
            && !matches!(self.peek_at(1), b'=' | b'~' | b'>')
        {
            self.bump();
            setter = true;
        }
        let word = String::from_utf8_lossy(&self.src[start..self.pos]).into_owned();

        if label_ok
            && !setter
            && self.peek() == b':'
            && self.peek_at(1) != b':'
            && state != State::Dot
            && state != State::Fname
        {
            self.bump();
            return Ok((T::Label(word), State::Beg));
        }
        if state != State::Dot && !setter {
            if let Some(kw) = Keyword::from_word(&word) {
                if state == State::Fname {
                    return Ok((T::Kw(kw), State::EndFn));
                }
                let after = match kw {
                    Keyword::End
                    | Keyword::SelfKw
                    | Keyword::Nil
                    | Keyword::True
                    | Keyword::False
                    | Keyword::File
                    | Keyword::Line
                    | Keyword::Encoding
                    | Keyword::Redo
                    | Keyword::Retry => State::End,
                    Keyword::Return | Keyword::Break | Keyword::Next | Keyword::Rescue => {
                        State::Mid
                    }
                    Keyword::Yield | Keyword::Super | Keyword::Defined => State::Arg,
                    Keyword::Def | Keyword::Undef => State::Fname,
                    Keyword::Alias => {
                        self.alias_names = 2;
                        State::Fname
                    }
                    Keyword::Class => State::Class,
                    _ => State::Beg,
                };
                return Ok((T::Kw(kw), after));
            }
        }
        let first = word.as_bytes().first().copied().unwrap_or(b'a');
        let kind = if first.is_ascii_uppercase() && !suffix {
            T::Const(word)
        } else {
            T::Ident(word)
        };
        let after = match state {
            State::Fname => State::EndFn,
            State::Dot => State::Arg,
            _ if suffix || setter || matches!(kind, T::Const(_)) => State::Arg,
            _ => State::AfterIdent,
        };
        Ok((kind, after))
    }

    fn lex_ivar(&mut self, span: Span) -> Result<(TokenKind, State), ParseError> {
        let start = self.pos;
        let cvar = self.peek_at(1) == b'@';
        self.bump_n(if cvar { 2 } else { 1 });
        if !is_ident_start(self.peek()) || self.at_eof() {
            let message = if cvar {
                "'@@' without identifiers is not allowed as a class variable name"
            } else {
                "'@' without identifiers is not allowed as an instance variable name"
            };
            return self.error(span, message);
        }
        while is_ident_char(self.peek()) && !self.at_eof() {
            self.bump();
        }
        let name = String::from_utf8_lossy(&self.src[start..self.pos]).into_owned();
        let kind = if cvar {
            TokenKind::Cvar(name)
        } else {
            TokenKind::Ivar(name)
        };
        Ok((kind, State::End))
    }

    fn lex_gvar(&mut self, span: Span) -> Result<(TokenKind, State), ParseError> {
        let start = self.pos;
        self.bump();
        let c = self.peek();
        if is_ident_start(c) && !self.at_eof() {
            while is_ident_char(self.peek()) && !self.at_eof() {
                self.bump();
            }
        } else if c.is_ascii_digit() {
            while self.peek().is_ascii_digit() {
                self.bump();
            }
        } else if c == b'-' && is_ident_char(self.peek_at(1)) {
            self.bump_n(2);
        } else if matches!(
            c,
            b'~' | b'*'
                | b'$'
                | b'?'
                | b'!'
                | b'@'
                | b'/'
                | b'\\'
                | b';'
                | b','
                | b'.'
                | b'='
                | b':'
                | b'<'
                | b'>'
                | b'"'
                | b'&'
                | b'`'
                | b'\''
                | b'+'
        ) {
            self.bump();
        } else {
            return self.error(
                span,
                "'$' without identifiers is not allowed as a global variable name",
            );
        }
        let name = String::from_utf8_lossy(&self.src[start..self.pos]).into_owned();
        Ok((TokenKind::Gvar(name), State::End))
    }

    /// `:` — a symbol, `::`, or the colon of a ternary.
    fn lex_colon(
        &mut self,
        state: State,
        space: bool,
        span: Span,
    ) -> Result<(TokenKind, State), ParseError> {
        use TokenKind as T;
        if self.peek_at(1) == b':' {
            let top = matches!(state, State::Beg | State::Mid | State::Class)
                || (state == State::Arg && space && !self.space_at(2));
            self.bump_n(2);
            return Ok(if top {
                (T::Colon3, State::Beg)
            } else {
                (T::Colon2, State::Dot)
            });
        }
        if state == State::End || self.space_at(1) || self.peek_at(1) == b'#' {
            self.bump();
            return Ok((T::Colon, State::Beg));
        }
        match self.peek_at(1) {
            b'"' => {
                self.bump_n(2);
                self.modes.push(Mode::Str(StrMode {
                    term: b'"',
                    open: 0,
                    nest: 0,
                    start: span,
                }));
                return Ok((T::SymBeg, State::End));
            }
            b'\'' => {
                self.bump_n(2);
                let s = self.lex_single_quoted(b'\'', 0, span)?;
                return Ok((T::Symbol(s), State::End));
            }
            _ => {}
        }
        match self.symbol_name_len() {
            Some(len) => {
                self.bump();
                let start = self.pos;
                self.bump_n(len);
                let name = String::from_utf8_lossy(&self.src[start..self.pos]).into_owned();
                Ok((T::Symbol(name), State::End))
            }
            None => {
                self.bump();
                Ok((T::Colon, State::Beg))
            }
        }
    }

    /// The length of the symbol name after the `:` at the current position, if there is one.
    fn symbol_name_len(&self) -> Option<usize> {
        let at = |n: usize| self.peek_at(1 + n);
        let c = at(0);
        if is_ident_start(c) {
            let mut n = 0;
            while is_ident_char(at(n)) && self.pos + 1 + n < self.src.len() {
                n += 1;
            }
            if matches!(at(n), b'?' | b'!') && at(n + 1) != b'=' {
                n += 1;
            } else if at(n) == b'=' && !matches!(at(n + 1), b'=' | b'~' | b'>') {
                n += 1;
            }
            return Some(n);
        }
        if c == b'@' {
            let sigil = if at(1) == b'@' { 2 } else { 1 };
            if !is_ident_start(at(sigil)) {
                return None;
            }
            let mut n = sigil;
            while is_ident_char(at(n)) && self.pos + 1 + n < self.src.len() {
                n += 1;
            }
            return Some(n);
        }
        if c == b'$' && is_ident_start(at(1)) {
            let mut n = 1;
            while is_ident_char(at(n)) && self.pos + 1 + n < self.src.len() {
                n += 1;
            }
            return Some(n);
        }
        const OPS: &[&str] = &[
            "[]=", "[]", "**", "*", "+@", "+", "-@", "-", "/", "%", "===", "==", "=~", "!=", "!~",
            "!", "<=>", "<=", "<<", "<", ">=", ">>", ">", "&", "|", "^", "~",
        ];
        let rest = &self.src[(self.pos + 1).min(self.src.len())..];
        OPS.iter()
            .find(|op| rest.starts_with(op.as_bytes()))
            .map(|op| op.len())
    }

    // ----- Numbers -----

    fn lex_number(&mut self, span: Span) -> Result<TokenKind, ParseError> {
        let c1 = self.peek_at(1);
        if self.peek() == b'0'
            && matches!(c1, b'x' | b'X' | b'b' | b'B' | b'o' | b'O' | b'd' | b'D')
        {
            let (radix, name) = match c1 {
                b'x' | b'X' => (16, "hexadecimal"),
                b'b' | b'B' => (2, "binary"),
                b'o' | b'O' => (8, "octal"),
                _ => (10, "decimal"),
            };
            self.bump_n(2);
            let digits = self.lex_digits(radix, name, span)?;
            if digits.is_empty() {
                return self.error(span, "numeric literal without digits");
            }
            self.check_number_suffix(span)?;
            return Ok(TokenKind::Int(digits_to_decimal(&digits, radix)));
        }
        if self.peek() == b'0' && (c1.is_ascii_digit() || c1 == b'_') {
            // A leading 0: octal (the 0 is a digit of it, so `0_7` is fine).
            let digits = self.lex_digits(8, "octal", span)?;
            self.check_number_suffix(span)?;
            return Ok(TokenKind::Int(digits_to_decimal(&digits, 8)));
        }
        let mut text = self.lex_digits(10, "decimal", span)?;
        let mut float = false;
        if self.peek() == b'.' && self.peek_at(1).is_ascii_digit() {
            self.bump();
            text.push(b'.');
            text.extend(self.lex_digits(10, "decimal", span)?);
            float = true;
        }
        if matches!(self.peek(), b'e' | b'E') {
            let sign = matches!(self.peek_at(1), b'+' | b'-');
            let digit_at = if sign { 2 } else { 1 };
            if self.peek_at(digit_at).is_ascii_digit() {
                text.push(b'e');
                if sign {
                    text.push(self.peek_at(1));
                }
                self.bump_n(digit_at);
                text.extend(self.lex_digits(10, "decimal", span)?);
                float = true;
            }
        }
        self.check_number_suffix(span)?;
        if float {
            let s = String::from_utf8_lossy(&text).into_owned();
            match s.parse::<f64>() {
                Ok(f) => Ok(TokenKind::Float(f)),
                Err(_) => self.error(span, format!("invalid float literal {}", s)),
            }
        } else {
            Ok(TokenKind::Int(digits_to_decimal(&text, 10)))
        }
    }

    /// Digits of `radix` with single `_` separators between them (not returned).
    fn lex_digits(&mut self, radix: u32, name: &str, span: Span) -> Result<Vec<u8>, ParseError> {
        let mut out = Vec::new();
        let mut last_underscore = false;
        loop {
            let c = self.peek();
            if c == b'_' {
                if out.is_empty() || last_underscore {
                    return self.error(self.span(), "syntax error, misplaced '_' in number");
                }
                last_underscore = true;
                self.bump();
            } else if c.is_ascii_alphanumeric() && (c as char).is_digit(radix) {
                out.push(c);
                last_underscore = false;
                self.bump();
            } else if c.is_ascii_digit() {
                return self.error(self.span(), format!("Invalid {} digit", name));
            } else {
                break;
            }
        }
        if last_underscore {
            return self.error(span, "trailing '_' in number");
        }
        Ok(out)
    }

    /// Rejects the rational and imaginary suffixes (`3r`, `2i`).
    fn check_number_suffix(&self, span: Span) -> Result<(), ParseError> {
        let c = self.peek();
        let n = if c == b'r' && self.peek_at(1) == b'i' {
            2
        } else {
            1
        };
        if matches!(c, b'r' | b'i') && !is_ident_char(self.peek_at(n)) {
            return self.error(span, "unsupported: rational and imaginary literals");
        }
        Ok(())
    }

    // ----- Strings -----

    /// The body of a non-interpolating string up to `term` (the opening delimiter is
    /// consumed): only `\\` and `\<term>` (and `\<open>`) are escapes.
    fn lex_single_quoted(&mut self, term: u8, open: u8, start: Span) -> Result<String, ParseError> {
        let mut buf = Vec::new();
        let mut nest = 0u32;
        loop {
            if self.at_eof() {
                return self.error(start, "unterminated string meets end of file");
            }
            let c = self.peek();
            if c == b'\\'
                && (self.peek_at(1) == b'\\'
                    || self.peek_at(1) == term
                    || (open != 0 && self.peek_at(1) == open))
            {
                buf.push(self.peek_at(1));
                self.bump_n(2);
                continue;
            }
            if c == term && nest == 0 {
                self.bump();
                break;
            }
            if open != 0 && c == open {
                nest += 1;
            } else if open != 0 && c == term {
                nest -= 1;
            }
            buf.push(c);
            self.bump();
        }
        self.utf8(buf, start)
    }

    fn utf8(&self, buf: Vec<u8>, start: Span) -> Result<String, ParseError> {
        String::from_utf8(buf)
            .or_else(|_| self.error(start, "unsupported: string literal that is not valid UTF-8"))
    }

    /// Inside an interpolating string: the next piece (text, `#{`, `#@var`, or the end).
    fn lex_string_part(&mut self) -> Result<Token, ParseError> {
        use TokenKind as T;
        let mode = match self.modes.last() {
            Some(Mode::Str(m)) => m.clone(),
            _ => return self.error(self.span(), "internal lexer error: not in a string"),
        };
        let span = self.span();
        let token = |kind| Token {
            kind,
            span,
            space_before: false,
        };
        if self.at_eof() {
            return self.error(mode.start, "unterminated string meets end of file");
        }
        let c = self.peek();
        if c == mode.term && mode.nest == 0 {
            self.bump();
            self.modes.pop();
            self.state = State::End;
            self.prev_lexed_in = State::End;
            self.label_ok = false;
            self.paren_call_ok = false;
            return Ok(token(T::StrEnd));
        }
        if c == b'#' && self.peek_at(1) == b'{' {
            self.bump_n(2);
            self.modes.push(Mode::Code { braces: 0 });
            self.state = State::Beg;
            self.label_ok = false;
            self.paren_call_ok = false;
            return Ok(token(T::InterpBeg));
        }
        if let Some(len) = self.interp_var_len() {
            self.bump();
            let start = self.pos;
            self.bump_n(len);
            let name = String::from_utf8_lossy(&self.src[start..self.pos]).into_owned();
            return Ok(token(T::InterpVar(name)));
        }
        let mut buf = Vec::new();
        let mut nest = mode.nest;
        loop {
            if self.at_eof() {
                break;
            }
            let c = self.peek();
            if c == mode.term && nest == 0 {
                break;
            }
            if c == b'#' && (self.peek_at(1) == b'{' || self.interp_var_len().is_some()) {
                break;
            }
            if c == b'\\' {
                self.lex_escape(&mut buf, mode.term)?;
                continue;
            }
            if mode.open != 0 && c == mode.open {
                nest += 1;
            } else if mode.open != 0 && c == mode.term {
                nest -= 1;
            }
            buf.push(c);
            self.bump();
        }
        if let Some(Mode::Str(m)) = self.modes.last_mut() {
            m.nest = nest;
        }
        let s = self.utf8(buf, span)?;
        Ok(token(T::StrContent(s)))
    }

    /// At `#`: the length of `@ivar`, `@@cvar` or `$gvar` after it, for `"#@x"`.
    fn interp_var_len(&self) -> Option<usize> {
        if self.peek() != b'#' {
            return None;
        }
        let at = |n: usize| self.peek_at(1 + n);
        let sigil = match (at(0), at(1)) {
            (b'@', b'@') => 2,
            (b'@', _) | (b'$', _) => 1,
            _ => return None,
        };
        if !is_ident_start(at(sigil)) || self.pos + 1 + sigil >= self.src.len() {
            return None;
        }
        let mut n = sigil;
        while is_ident_char(at(n)) && self.pos + 1 + n < self.src.len() {
            n += 1;
        }
        Some(n)
    }

    /// At a `\` in a double-quoted string: decodes the escape into `buf`.
    fn lex_escape(&mut self, buf: &mut Vec<u8>, term: u8) -> Result<(), ParseError> {
        let span = self.span();
        self.bump();
        if self.at_eof() {
            return Ok(());
        }
        let c = self.peek();
        let simple = match c {
            b'n' => Some(b'\n'),
            b't' => Some(b'\t'),
            b's' => Some(b' '),
            b'r' => Some(b'\r'),
            b'a' => Some(0x07),
            b'b' => Some(0x08),
            b'e' => Some(0x1b),
            b'f' => Some(0x0c),
            b'v' => Some(0x0b),
            _ => None,
        };
        if let Some(b) = simple {
            buf.push(b);
            self.bump();
            return Ok(());
        }
        match c {
            b'\n' => {
                self.bump();
            }
            b'0'..=b'7' => {
                let mut v: u32 = 0;
                for _ in 0..3 {
                    let d = self.peek();
                    if !(b'0'..=b'7').contains(&d) {
                        break;
                    }
                    v = v * 8 + (d - b'0') as u32;
                    self.bump();
                }
                buf.push((v & 0xFF) as u8);
            }
            b'x' => {
                self.bump();
                let mut v: u32 = 0;
                let mut n = 0;
                while n < 2 && self.peek().is_ascii_hexdigit() {
                    v = v * 16 + (self.peek() as char).to_digit(16).unwrap_or(0);
                    self.bump();
                    n += 1;
                }
                if n == 0 {
                    return self.error(span, "invalid hex escape");
                }
                buf.push(v as u8);
            }
            b'u' => {
                self.bump();
                if self.peek() == b'{' {
                    self.bump();
                    loop {
                        while matches!(self.peek(), b' ' | b'\t') {
                            self.bump();
                        }
                        if self.peek() == b'}' {
                            self.bump();
                            break;
                        }
                        let cp = self.lex_hex_codepoint(6, span)?;
                        push_char(buf, cp, span)?;
                    }
                } else {
                    let mut v: u32 = 0;
                    for _ in 0..4 {
                        if !self.peek().is_ascii_hexdigit() {
                            return self.error(span, "invalid Unicode escape");
                        }
                        v = v * 16 + (self.peek() as char).to_digit(16).unwrap_or(0);
                        self.bump();
                    }
                    push_char(buf, v, span)?;
                }
            }
            b'M' | b'C' | b'c' if c != term => {
                return self.error(
                    span,
                    "unsupported: control and meta escapes (\\C-x, \\M-x, \\cx)",
                );
            }
            _ => {
                // Any other character stands for itself (`\"`, `\\`, `\#`, ...). Only its
                // first byte is taken here; the rest of a multi-byte character follows.
                buf.push(c);
                self.bump();
            }
        }
        Ok(())
    }

    /// 1 to `max` hex digits of a `\u{...}` code point.
    fn lex_hex_codepoint(&mut self, max: usize, span: Span) -> Result<u32, ParseError> {
        let mut v: u32 = 0;
        let mut n = 0;
        while n < max && self.peek().is_ascii_hexdigit() {
            v = v * 16 + (self.peek() as char).to_digit(16).unwrap_or(0);
            self.bump();
            n += 1;
        }
        if n == 0 || !matches!(self.peek(), b'}' | b' ' | b'\t') {
            return self.error(span, "invalid Unicode escape");
        }
        Ok(v)
    }

    /// `%w[...]`, `%i[...]`, `%q(...)`, `%Q(...)`, `%(...)`, `%s(...)`.
    fn lex_percent(&mut self, span: Span) -> Result<(TokenKind, State), ParseError> {
        use TokenKind as T;
        self.bump(); // '%'
        let mut kind = b'Q';
        if self.peek().is_ascii_alphanumeric() {
            kind = self.peek();
            self.bump();
        }
        let open = self.peek();
        if self.at_eof() || !open.is_ascii_punctuation() {
            return self.error(span, "unknown type of %string");
        }
        self.bump();
        let (term, nest_open) = match open {
            b'(' => (b')', b'('),
            b'[' => (b']', b'['),
            b'{' => (b'}', b'{'),
            b'<' => (b'>', b'<'),
            c => (c, 0),
        };
        match kind {
            b'w' | b'i' => {
                let words = self.lex_words(term, nest_open, span)?;
                Ok((
                    if kind == b'w' {
                        T::Words(words)
                    } else {
                        T::SymbolWords(words)
                    },
                    State::End,
                ))
            }
            b'q' => Ok((
                T::String(self.lex_single_quoted(term, nest_open, span)?),
                State::End,
            )),
            b's' => Ok((
                T::Symbol(self.lex_single_quoted(term, nest_open, span)?),
                State::End,
            )),
            b'Q' => {
                self.modes.push(Mode::Str(StrMode {
                    term,
                    open: nest_open,
                    nest: 0,
                    start: span,
                }));
                Ok((T::StrBeg, State::End))
            }
            b'W' | b'I' => self.error(
                span,
                format!("unsupported: %{} literal (use %w or %i)", kind as char),
            ),
            b'r' => self.error(span, "unsupported: regular expression literal"),
            b'x' => self.error(span, "unsupported: command literal (%x)"),
            _ => self.error(span, "unknown type of %string"),
        }
    }

    /// The words of a `%w[...]` after its opening delimiter.
    fn lex_words(&mut self, term: u8, open: u8, start: Span) -> Result<Vec<String>, ParseError> {
        let mut words = Vec::new();
        let mut cur: Vec<u8> = Vec::new();
        let mut in_word = false;
        let mut nest = 0u32;
        loop {
            if self.at_eof() {
                return self.error(start, "unterminated list meets end of file");
            }
            let c = self.peek();
            if c == term && nest == 0 {
                self.bump();
                break;
            }
            if is_space(c) {
                if in_word {
                    words.push(self.utf8(std::mem::take(&mut cur), start)?);
                    in_word = false;
                }
                self.bump();
                continue;
            }
            in_word = true;
            if c == b'\\' {
                let n = self.peek_at(1);
                if is_space(n) || n == b'\\' || n == term || (open != 0 && n == open) {
                    cur.push(n);
                    self.bump_n(2);
                    continue;
                }
            }
            if open != 0 && c == open {
                nest += 1;
            } else if open != 0 && c == term {
                nest -= 1;
            }
            cur.push(c);
            self.bump();
        }
        if in_word {
            words.push(self.utf8(cur, start)?);
        }
        Ok(words)
    }
}

fn push_char(buf: &mut Vec<u8>, cp: u32, span: Span) -> Result<(), ParseError> {
    match char::from_u32(cp) {
        Some(ch) => {
            let mut tmp = [0u8; 4];
            buf.extend_from_slice(ch.encode_utf8(&mut tmp).as_bytes());
            Ok(())
        }
        None => Err(ParseError::new(span, "invalid Unicode codepoint")),
    }
}

/// All the tokens of `src`, up to and including `Eof`, taking every identifier for a method
/// name (no local variables): for tests and debugging. The parser uses `Lexer` directly.
pub fn tokenize(src: &str) -> Result<Vec<Token>, ParseError> {
    let mut lexer = Lexer::new(src);
    let mut out = Vec::new();
    loop {
        let tok = lexer.next_token(&|_| false)?;
        let eof = tok.kind == TokenKind::Eof;
        out.push(tok);
        if eof || out.len() > src.len() + 2 {
            return Ok(out);
        }
    }
}
