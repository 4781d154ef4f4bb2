//! rebound's frontend: the lexer and parser for core Ruby (docs/language.md), the AST they
//! produce, scope resolution, and the lowering of the AST to IR0 (the "full build").
//!
//! Errors are values naming the place (`file:line:col`); the frontend never panics on bad
//! input. [`compile`] runs the whole frontend on one source file.

pub mod ast;
pub mod lexer;
pub mod lower;
pub mod parser;
pub mod scopes;

/// A frontend error with its place, rendered like a compiler diagnostic.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub file: String,
    pub line: u32,
    pub col: u32,
    pub message: String,
    /// The source line the error is on (for the caret display).
    pub source_line: String,
}

impl std::fmt::Display for Diagnostic {
    /// `FILE:LINE:COL: message`, then the source line and a caret under the column.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )?;
        writeln!(f, "{}", self.source_line)?;
        let pad: String = self
            .source_line
            .chars()
            .take(self.col.saturating_sub(1) as usize)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        write!(f, "{pad}^")
    }
}

fn diagnostic(src: &str, file: &str, line: u32, col: u32, message: String) -> Diagnostic {
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
    }
}

/// Parses and lowers one file, appending its functions to `module`; returns the id of the
/// script body.
pub fn compile(src: &str, file: &str, module: &mut ir::Module) -> Result<ir::FuncId, Diagnostic> {
    let prog =
        parser::parse(src).map_err(|e| diagnostic(src, file, e.line, e.col, e.message.clone()))?;
    lower::lower_program(&prog, file, module)
        .map_err(|e| diagnostic(src, file, e.line, e.col, e.message))
}
