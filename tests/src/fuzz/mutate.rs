//! The mutators, and the input of a seed.
//!
//! An input is a pure function of its seed number and the seed set ([`Seeds`]): the same
//! seed always gives the same input, so a campaign can be resumed and a finding
//! reproduced with `fuzz show SEED`. A Ruby input starts from a corpus program, a program
//! of the fragment grammar or a deep-nesting generator, and gets one to four mutations; a
//! RON input starts from an IR dump and gets mutations that respect its tokens (numbers
//! and variant names swapped, lines dropped or repeated) as well as blind ones.

use super::grammar;
use super::tokens::{self, Kind};
use crate::gen::Rng;

/// What an input is fed to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// A Ruby program: `parse`, `run --tier interp`, `run --tier opt`.
    Ruby,
    /// A RON function dump: `rebound ir` without and with passes.
    Ron,
}

impl Lang {
    pub fn name(self) -> &'static str {
        match self {
            Lang::Ruby => "ruby",
            Lang::Ron => "ron",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "ruby" | "rb" => Some(Lang::Ruby),
            "ron" => Some(Lang::Ron),
            _ => None,
        }
    }
}

/// One fuzz input and the knobs its checks use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub lang: Lang,
    pub text: String,
    /// `--jit-threshold` of the opt run (Ruby).
    pub threshold: u64,
    /// The pass spec of the second `rebound ir` run (RON).
    pub passes: String,
    /// How the input was made: the seed program and the mutations, for the report.
    pub how: String,
    /// Run the `parse` stage only (the parent's second try after a run stage ended the
    /// worker before `parse` ran).
    pub parse_only: bool,
}

impl Input {
    /// A Ruby input with the default knobs (for files given on the command line).
    pub fn ruby(text: String, threshold: u64) -> Input {
        Input {
            lang: Lang::Ruby,
            text,
            threshold,
            passes: String::new(),
            how: "given".into(),
            parse_only: false,
        }
    }

    /// The same input with another text (a shrinking candidate).
    pub fn with_text(&self, text: String) -> Input {
        Input {
            text,
            ..self.clone()
        }
    }
}

/// The programs and dumps mutants start from.
#[derive(Clone, Debug, Default)]
pub struct Seeds {
    /// (name, text) of Ruby programs.
    pub ruby: Vec<(String, String)>,
    /// (name, text) of RON function dumps.
    pub ron: Vec<(String, String)>,
}

/// A mutation whose result is longer than this is dropped (the text stays as it was):
/// repeating a line of a 100k-deep nest 50 times makes 25 MB inputs, which cost much
/// and find nothing a 2 MB one does not.
pub const MAX_LEN: usize = 2 << 20;

/// Thresholds for the opt run: versions from the first call, and the default.
const THRESHOLDS: &[u64] = &[1, 2, 5, 20, 1000];

/// The input of `seed`.
pub fn input(seed: u64, seeds: &Seeds) -> Input {
    let mut rng = Rng::new(seed.wrapping_mul(0x2545_f491_4f6c_dd1d) ^ 0xf022);
    if !seeds.ron.is_empty() && rng.pct(12) {
        return ron_input(&mut rng, seeds);
    }
    ruby_input(&mut rng, seeds)
}

fn mutation_count(rng: &mut Rng) -> usize {
    *rng.pick(&[1, 1, 1, 2, 2, 3, 4])
}

fn ruby_input(rng: &mut Rng, seeds: &Seeds) -> Input {
    let (mut how, mut text) = match rng.below(100) {
        n if n < 72 && !seeds.ruby.is_empty() => {
            let (name, text) = rng.pick(&seeds.ruby);
            (name.clone(), text.clone())
        }
        n if n < 92 => ("grammar".to_string(), grammar::program(rng)),
        _ => {
            let d = grammar::depth(rng);
            (format!("nested({d})"), grammar::nested(rng, d))
        }
    };
    for _ in 0..mutation_count(rng) {
        let m = mutate_ruby(rng, &text, seeds);
        apply(&mut how, &mut text, m);
    }
    Input {
        lang: Lang::Ruby,
        text,
        threshold: *rng.pick(THRESHOLDS),
        passes: String::new(),
        how,
        parse_only: false,
    }
}

/// Makes `mutated` (a mutation's name and result) the text, and notes it in `how`;
/// unless it is longer than [`MAX_LEN`], when the text stays as it was.
fn apply(how: &mut String, text: &mut String, (name, mutated): (&str, String)) {
    if mutated.len() <= MAX_LEN {
        how.push_str(" + ");
        how.push_str(name);
        *text = mutated;
    }
}

/// One mutation of a Ruby text: its name and the result.
fn mutate_ruby(rng: &mut Rng, text: &str, seeds: &Seeds) -> (&'static str, String) {
    let weights = [15, 15, 8, 6, 10, 8, 5, 8, 12, 4, 5];
    match rng.weighted(&weights) {
        0 => ("bytes", bytes(rng, text)),
        1 => ("token-delete", token_delete(rng, text)),
        2 => ("token-dup", token_dup(rng, text)),
        3 => ("token-swap", token_swap(rng, text)),
        4 => ("token-replace", token_replace(rng, text)),
        5 => ("lines", lines(rng, text)),
        6 => ("truncate", truncate(rng, text)),
        7 => ("splice", splice(rng, text, &seeds.ruby)),
        8 => ("fragment", fragment(rng, text)),
        9 => {
            let d = grammar::depth(rng);
            let nest = grammar::nested(rng, d);
            ("nest", insert_at_line(rng, text, &nest))
        }
        _ => ("number", number(rng, text)),
    }
}

fn ron_input(rng: &mut Rng, seeds: &Seeds) -> Input {
    let (name, base) = rng.pick(&seeds.ron);
    let mut how = name.clone();
    let mut text = base.clone();
    for _ in 0..mutation_count(rng) {
        let weights = [10, 10, 6, 6, 25, 15, 12, 4, 6];
        let (name, t) = match rng.weighted(&weights) {
            0 => ("bytes", bytes(rng, &text)),
            1 => ("token-delete", token_delete(rng, &text)),
            2 => ("token-dup", token_dup(rng, &text)),
            3 => ("token-swap", token_swap(rng, &text)),
            4 => ("number", number(rng, &text)),
            5 => ("word", word_replace(rng, &text)),
            6 => ("lines", lines(rng, &text)),
            7 => ("truncate", truncate(rng, &text)),
            _ => ("splice", splice(rng, &text, &seeds.ron)),
        };
        apply(&mut how, &mut text, (name, t));
    }
    Input {
        lang: Lang::Ron,
        text,
        threshold: 0,
        passes: pass_spec(rng),
        how,
        parse_only: false,
    }
}

/// A pass spec for the second `rebound ir` run: one to four registered passes in random
/// order, or the IR0 pipeline.
fn pass_spec(rng: &mut Rng) -> String {
    if rng.pct(25) {
        return passes::IR0_PIPELINE.join(",");
    }
    let names: Vec<&str> = passes::registry()
        .entries()
        .iter()
        .map(|e| e.name)
        .collect();
    let n = 1 + rng.below(4);
    let picked: Vec<&str> = (0..n).map(|_| *rng.pick(&names)).collect();
    picked.join(",")
}

// ---- the mutators ---------------------------------------------------------------------

/// A random position in `0..=len`.
fn pos(rng: &mut Rng, len: usize) -> usize {
    rng.below(len as u64 + 1) as usize
}

/// Bytes that mean something to a lexer.
const INTERESTING_BYTES: &[u8] =
    b"\0\t\n\r \"'`#$@%&()*+,-./:;<=>?[\\]^_{|}~0189aeEx\x7f\xc3\xa9\xff";

/// Flips a bit, overwrites, inserts or deletes one to three bytes; a result that is not
/// UTF-8 gets replacement characters (the CLI refuses such files before parsing).
pub fn bytes(rng: &mut Rng, text: &str) -> String {
    let mut b = text.as_bytes().to_vec();
    for _ in 0..1 + rng.below(3) {
        let i = pos(rng, b.len());
        let byte = if rng.pct(50) {
            *rng.pick(INTERESTING_BYTES)
        } else {
            rng.below(256) as u8
        };
        match rng.below(4) {
            0 if i < b.len() => b[i] ^= 1 << rng.below(8),
            1 if i < b.len() => b[i] = byte,
            2 if i < b.len() => {
                b.remove(i);
            }
            _ => b.insert(i, byte),
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

/// The token strings of `text`, and the indexes of the significant ones.
fn cut(text: &str) -> (Vec<&str>, Vec<usize>) {
    let toks = tokens::tokenize(text);
    let sig = tokens::significant(&toks);
    (toks.iter().map(|t| t.text).collect(), sig)
}

/// Deletes one to three adjacent significant tokens.
pub fn token_delete(rng: &mut Rng, text: &str) -> String {
    let (mut toks, sig) = cut(text);
    if sig.is_empty() {
        return text.to_string();
    }
    let start = rng.below(sig.len() as u64) as usize;
    let n = 1 + rng.below(3) as usize;
    for &i in sig[start..(start + n).min(sig.len())].iter() {
        toks[i] = "";
    }
    toks.concat()
}

/// Repeats a significant token, once or many times.
pub fn token_dup(rng: &mut Rng, text: &str) -> String {
    let (toks, sig) = cut(text);
    if sig.is_empty() {
        return text.to_string();
    }
    let i = *rng.pick(&sig);
    let times = *rng.pick(&[1, 1, 2, 10, 500]);
    let mut out = String::with_capacity(text.len() + toks[i].len() * times);
    for (j, t) in toks.iter().enumerate() {
        out.push_str(t);
        if j == i {
            for _ in 0..times {
                out.push(' ');
                out.push_str(t);
            }
        }
    }
    out
}

/// Swaps two significant tokens.
pub fn token_swap(rng: &mut Rng, text: &str) -> String {
    let (mut toks, sig) = cut(text);
    if sig.len() < 2 {
        return text.to_string();
    }
    let a = *rng.pick(&sig);
    let b = *rng.pick(&sig);
    toks.swap(a, b);
    toks.concat()
}

/// Replaces a significant token by a keyword, an operator, a literal or another token of
/// the same text.
pub fn token_replace(rng: &mut Rng, text: &str) -> String {
    let (mut toks, sig) = cut(text);
    if sig.is_empty() {
        return text.to_string();
    }
    let i = *rng.pick(&sig);
    let other = toks[*rng.pick(&sig)].to_string();
    let with = match rng.below(4) {
        0 => grammar::stmt(rng, 0),
        1 => grammar::literal(rng),
        2 => rng
            .pick(&[
                "end", "do", "{", "}", "(", ")", "|", ",", ";", "=", ".", "::", "&.", "*", "**",
                "&", "->", "?", ":", "then", "\\", "=begin", "__END__", "%w", "<<~X",
            ])
            .to_string(),
        _ => other,
    };
    let with = format!(" {with} ");
    toks[i] = &with;
    toks.concat()
}

/// Deletes, repeats or swaps whole lines.
pub fn lines(rng: &mut Rng, text: &str) -> String {
    let mut ls: Vec<&str> = text.split_inclusive('\n').collect();
    if ls.is_empty() {
        return text.to_string();
    }
    let i = rng.below(ls.len() as u64) as usize;
    match rng.below(3) {
        0 => {
            ls.remove(i);
        }
        1 => {
            let l = ls[i];
            for _ in 0..*rng.pick(&[1, 1, 3, 50]) {
                ls.insert(i, l);
            }
        }
        _ => {
            let j = rng.below(ls.len() as u64) as usize;
            ls.swap(i, j);
        }
    }
    let mut out = ls.concat();
    if !out.ends_with('\n') && text.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Cuts the text at a random character.
pub fn truncate(rng: &mut Rng, text: &str) -> String {
    let mut at = pos(rng, text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    text[..at].to_string()
}

/// A prefix of `text` (up to a line) followed by a suffix of another seed (from a line).
pub fn splice(rng: &mut Rng, text: &str, others: &[(String, String)]) -> String {
    if others.is_empty() {
        return text.to_string();
    }
    let (_, other) = rng.pick(others);
    let a: Vec<&str> = text.split_inclusive('\n').collect();
    let b: Vec<&str> = other.split_inclusive('\n').collect();
    let i = pos(rng, a.len());
    let j = pos(rng, b.len());
    let mut out = a[..i].concat();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&b[j..].concat());
    out
}

/// Inserts a grammar fragment: a statement at a line boundary, or an expression after
/// a token.
pub fn fragment(rng: &mut Rng, text: &str) -> String {
    if rng.pct(60) {
        let depth = 1 + rng.below(3) as u32;
        let s = grammar::stmt(rng, depth) + "\n";
        return insert_at_line(rng, text, &s);
    }
    let (toks, _) = cut(text);
    let i = pos(rng, toks.len());
    let e = format!(" {} ", grammar::expr(rng, 2));
    let mut out = toks[..i].concat();
    out.push_str(&e);
    out.push_str(&toks[i..].concat());
    out
}

/// Inserts `piece` (whole lines) before a random line of `text`.
fn insert_at_line(rng: &mut Rng, text: &str, piece: &str) -> String {
    let ls: Vec<&str> = text.split_inclusive('\n').collect();
    let i = pos(rng, ls.len());
    let mut out = ls[..i].concat();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(piece);
    if !piece.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&ls[i..].concat());
    out
}

/// Numbers at the edges: zero, one, minus one, the fixnum and 64-bit boundaries, huge.
const NUMBERS: &[&str] = &[
    "0",
    "1",
    "2",
    "-1",
    "7",
    "63",
    "64",
    "255",
    "256",
    "65535",
    "4294967295",
    "4294967296",
    "2147483648",
    "4611686018427387903",
    "4611686018427387904",
    "9223372036854775807",
    "9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
    "340282366920938463463374607431768211456",
    "1e308",
    "1.5",
    "0x7f",
    "99999",
];

/// Replaces a number by a boundary value, or by a neighbour of itself.
pub fn number(rng: &mut Rng, text: &str) -> String {
    let toks = tokens::tokenize(text);
    let nums: Vec<usize> = (0..toks.len())
        .filter(|&i| toks[i].kind == Kind::Number)
        .collect();
    if nums.is_empty() {
        return token_replace(rng, text);
    }
    let i = *rng.pick(&nums);
    let with = match toks[i].text.parse::<i64>() {
        // Wrapping, so that i64::MAX + 1 is a number too (and the same in every profile).
        Ok(n) if rng.pct(40) => n.wrapping_add(rng.range(-2, 2)).to_string(),
        _ => rng.pick(NUMBERS).to_string(),
    };
    let mut out: Vec<&str> = toks.iter().map(|t| t.text).collect();
    out[i] = &with;
    out.concat()
}

/// Replaces a word (a RON variant or field name, a Ruby identifier) by another word of
/// the same text.
pub fn word_replace(rng: &mut Rng, text: &str) -> String {
    let toks = tokens::tokenize(text);
    let words: Vec<usize> = (0..toks.len())
        .filter(|&i| toks[i].kind == Kind::Word)
        .collect();
    if words.len() < 2 {
        return text.to_string();
    }
    let i = *rng.pick(&words);
    let j = *rng.pick(&words);
    let mut out: Vec<&str> = toks.iter().map(|t| t.text).collect();
    out[i] = toks[j].text;
    out.concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> Seeds {
        Seeds {
            ruby: vec![
                (
                    "a.rb".into(),
                    "x = 1\nwhile x < 10\n  x += 1\nend\np x\n".into(),
                ),
                ("b.rb".into(), "def f(a)\n  a * 2\nend\nputs f(3)\n".into()),
            ],
            ron: vec![("f.ron".into(), "(\n  id: 3,\n  kind: Script,\n)\n".into())],
        }
    }

    #[test]
    fn an_input_is_a_function_of_its_seed() {
        let s = seeds();
        for seed in 0..50 {
            assert_eq!(input(seed, &s), input(seed, &s));
        }
        let distinct: std::collections::HashSet<String> =
            (0..200).map(|seed| input(seed, &s).text).collect();
        assert!(
            distinct.len() > 150,
            "only {} distinct inputs",
            distinct.len()
        );
        assert!((0..200).any(|seed| input(seed, &s).lang == Lang::Ron));
    }

    #[test]
    fn every_mutator_changes_something_sometimes() {
        let s = seeds();
        let text = &s.ruby[0].1;
        let muts: Vec<fn(&mut Rng, &str) -> String> = vec![
            bytes,
            token_delete,
            token_dup,
            token_swap,
            token_replace,
            lines,
            truncate,
            fragment,
            number,
            word_replace,
        ];
        for (k, m) in muts.iter().enumerate() {
            let mut rng = Rng::new(k as u64);
            assert!(
                (0..20).any(|_| m(&mut rng, text) != *text),
                "mutator {k} never changed the text"
            );
        }
        let mut rng = Rng::new(9);
        assert!((0..20).any(|_| splice(&mut rng, text, &s.ruby) != *text));
    }

    #[test]
    fn numbers_at_the_edge_of_i64_do_not_overflow() {
        for seed in 0..200 {
            let mut rng = Rng::new(seed);
            number(&mut rng, "p 9223372036854775807 + -9223372036854775808");
        }
    }

    #[test]
    fn token_delete_removes_a_token_and_keeps_the_rest() {
        let mut rng = Rng::new(3);
        let out = token_delete(&mut rng, "a");
        assert_eq!(out, "");
        let out = token_delete(&mut rng, "# only a comment\n");
        assert_eq!(out, "# only a comment\n");
    }
}
