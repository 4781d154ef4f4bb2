//! rebound's frontend: Ruby's own parser, Prism, and the conversion of its tree into
//! rebound's AST (`prism`, `ast`), scope resolution, and the lowering of the AST to IR0
//! (the "full build"), for the Ruby subset of docs/language.md.
//!
//! Errors are values naming the place (`file:line:col`); the frontend never panics on bad
//! input. [`compile`] runs the whole frontend on one source file.

pub mod ast;
pub mod lower;
pub mod prism;
pub mod scopes;

/// A syntax error, or a construct outside the language, at a place.
#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    pub line: u32,
    pub col: u32,
    pub message: String,
    /// Not a syntax error: CRuby's compiler raises this exception class (with `message`)
    /// before the program runs, as for `when 1e309` (see [`Diagnostic::raises`]).
    pub raises: Option<&'static str>,
}

impl ParseError {
    pub fn new(span: ast::Span, message: impl Into<String>) -> ParseError {
        ParseError {
            line: span.line,
            col: span.col,
            message: message.into(),
            raises: None,
        }
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}

/// A frontend error with its place, rendered like a compiler diagnostic.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub file: String,
    pub line: u32,
    pub col: u32,
    pub message: String,
    /// The source line the error is on (for the caret display).
    pub source_line: String,
    /// The exception class CRuby's compiler raises for this program before running it
    /// (`None`: a syntax error or an unsupported construct). Such a program ends as
    /// CRuby ends it: `FILE: MESSAGE (CLASS)` and exit status 1.
    pub raises: Option<&'static str>,
}

impl Diagnostic {
    /// The exit status of a program that fails to compile: 1 when CRuby raises at
    /// compile time, 2 for errors of the program's text.
    pub fn exit_status(&self) -> u8 {
        if self.raises.is_some() {
            1
        } else {
            2
        }
    }
}

impl std::fmt::Display for Diagnostic {
    /// `FILE:LINE:COL: message`, then the source line and a caret under the column (or
    /// CRuby's `FILE: message (Class)` for an exception of its compiler).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(class) = self.raises {
            return write!(f, "{}: {} ({class})", self.file, self.message);
        }
        writeln!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )?;
        // A long line (a generated program, a deep expression on one line) is shown as a
        // window around the column, its cut ends marked `...`, as CRuby does.
        let chars: Vec<char> = self.source_line.chars().collect();
        let col = (self.col.saturating_sub(1) as usize).min(chars.len());
        let (from, to) = if chars.len() <= MAX_SHOWN {
            (0, chars.len())
        } else {
            let from = col.saturating_sub(MAX_SHOWN / 2);
            (from, (from + MAX_SHOWN).min(chars.len()))
        };
        let (lead, tail) = (
            if from > 0 { "..." } else { "" },
            if to < chars.len() { "..." } else { "" },
        );
        let shown: String = chars[from..to].iter().collect();
        writeln!(f, "{lead}{shown}{tail}")?;
        let pad: String = lead
            .chars()
            .map(|_| ' ')
            .chain(
                chars[from..col]
                    .iter()
                    .map(|&c| if c == '\t' { '\t' } else { ' ' }),
            )
            .collect();
        write!(f, "{pad}^")
    }
}

/// The most characters of a source line a diagnostic shows.
const MAX_SHOWN: usize = 120;

fn diagnostic(src: &str, file: &str, e: ParseError) -> Diagnostic {
    let ParseError {
        line,
        col,
        message,
        raises,
    } = e;
    let source_line = src
        .lines()
        .nth(line.saturating_sub(1) as usize)
        .unwrap_or("")
        .to_string();
    Diagnostic {
        file: file.to_string(),
        line,
        col,
        message,
        source_line,
        raises,
    }
}

/// Parses and lowers one file, appending its functions to `module`; returns the id of the
/// script body.
pub fn compile(src: &str, file: &str, module: &mut ir::Module) -> Result<ir::FuncId, Diagnostic> {
    let prog = prism::parse(src).map_err(|e| diagnostic(src, file, e))?;
    lower::lower_program(&prog, file, module).map_err(|e| {
        let e = ParseError {
            line: e.line,
            col: e.col,
            message: e.message,
            raises: None,
        };
        diagnostic(src, file, e)
    })
}
