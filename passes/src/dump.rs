//! IR dumps between passes (`--dump-dir DIR`): the function as RON ([`ir::serial`], which
//! loads back equal) and its text form ([`ir::print`]) beside it.
//!
//! File names are `fn{id:04}-{name}.{step:02}-{pass}.ron` and `.txt`, where step 00 is the
//! function as it came in (`build` for IR0 straight from lowering) and step N the function
//! after the N-th pass, so that `ls` lists them by function, then in pass order:
//!
//! ```text
//! fn0003-Foo_bar.00-build.ron
//! fn0003-Foo_bar.00-build.txt
//! fn0003-Foo_bar.01-simplifycfg.ron
//! ...
//! ```
//!
//! A [`DumpDir`] with a tag (`DumpDir::new(dir)?.with_tag("v1")`) puts it after the name
//! (`fn0003-Foo_bar.v1.01-inline.ron`), so that the engine can dump the IR0 pipeline and
//! each speculative pipeline of the same function into one directory without collisions.

use ir::Function;
use std::fmt;
use std::path::{Path, PathBuf};

/// Receives the function before the first pass (step 0) and after every pass.
pub trait IrDump {
    /// Records `func` as it is at `step`, labelled `pass` (`build` for step 0).
    fn dump(&self, func: &Function, step: usize, pass: &str) -> Result<(), DumpError>;
}

/// A dump that could not be written.
#[derive(Debug)]
pub struct DumpError {
    pub path: PathBuf,
    pub error: std::io::Error,
}

impl fmt::Display for DumpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot write IR dump {}: {}",
            self.path.display(),
            self.error
        )
    }
}

impl std::error::Error for DumpError {}

/// Writes dumps as files into one directory.
#[derive(Clone, Debug)]
pub struct DumpDir {
    dir: PathBuf,
    tag: Option<String>,
}

impl DumpDir {
    /// Dumps into `dir`, creating it (and its parents) if needed.
    pub fn new(dir: impl Into<PathBuf>) -> Result<DumpDir, DumpError> {
        let dir = dir.into();
        std::fs::create_dir_all(&dir).map_err(|error| DumpError {
            path: dir.clone(),
            error,
        })?;
        Ok(DumpDir { dir, tag: None })
    }

    /// The same directory, with `tag` inserted in every file name after the function name.
    pub fn with_tag(mut self, tag: &str) -> DumpDir {
        self.tag = Some(sanitize(tag));
        self
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file name (without extension) of `func` at `step`, labelled `pass`.
    pub fn stem(&self, func: &Function, step: usize, pass: &str) -> String {
        let tag = self
            .tag
            .as_ref()
            .map(|t| format!(".{t}"))
            .unwrap_or_default();
        format!(
            "fn{:04}-{}{tag}.{step:02}-{}",
            func.id.0,
            sanitize(&func.name),
            sanitize(pass)
        )
    }

    /// The path of the dump of `func` at `step` with extension `ext` (`ron` or `txt`).
    pub fn path(&self, func: &Function, step: usize, pass: &str, ext: &str) -> PathBuf {
        self.dir
            .join(format!("{}.{ext}", self.stem(func, step, pass)))
    }

    fn write(&self, path: PathBuf, text: &str) -> Result<(), DumpError> {
        std::fs::write(&path, text).map_err(|error| DumpError { path, error })
    }
}

impl IrDump for DumpDir {
    fn dump(&self, func: &Function, step: usize, pass: &str) -> Result<(), DumpError> {
        self.write(
            self.path(func, step, pass, "ron"),
            &ir::serial::to_ron(func),
        )?;
        self.write(self.path(func, step, pass, "txt"), &func.to_string())
    }
}

/// The longest sanitized name kept in a file name.
const MAX_NAME: usize = 60;

/// A function or pass name as a portable file-name part: ASCII letters, digits, `_` and
/// `-` are kept, every other character becomes `_` (so `block in Foo#bar` becomes
/// `block_in_Foo_bar` and `<class:Foo>` `_class_Foo_`); `.` never appears, since it
/// separates the parts of the name. The function id already makes names unique.
pub fn sanitize(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(MAX_NAME)
        .collect();
    if s.is_empty() {
        "_".to_string()
    } else {
        s
    }
}
