//! A small, forgiving tokenizer for the token-level mutators and the shrinker.
//!
//! It is not Ruby's lexer and need not be: it only has to cut a text into pieces that a
//! mutator can delete, duplicate or swap, such that joining the pieces gives back the text
//! exactly. It never fails: anything it does not recognise is a one-character token. It
//! works on RON dumps too (numbers, identifiers, strings and punctuation).

/// What a token is, as far as the mutators care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Spaces and tabs (not newlines).
    Space,
    Newline,
    /// A `#` comment up to the end of the line.
    Comment,
    /// Identifiers and keywords, with `@`/`$` sigils and a `?`/`!` suffix.
    Word,
    Number,
    /// A quoted string (`'...'`, `"..."`, `` `...` ``), escapes kept whole.
    Str,
    /// `:name`, `:+`.
    Symbol,
    /// Operators and punctuation, longest match first.
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub kind: Kind,
    pub text: &'a str,
}

/// Multi-character operators, longest first so that the first match is the longest.
const OPERATORS: &[&str] = &[
    "**=", "<=>", "===", "...", "&&=", "||=", "<<=", ">>=", "==", "!=", ">=", "<=", "&&", "||",
    "<<", ">>", "+=", "-=", "*=", "/=", "%=", "|=", "&=", "^=", "**", "=>", "->", "=~", "!~", "&.",
    "::", "..",
];

/// Cuts `text` into tokens; their texts concatenated are `text`.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (kind, len) = next_token(rest);
        out.push(Token {
            kind,
            text: &rest[..len],
        });
        rest = &rest[len..];
    }
    out
}

/// The kind and byte length of the token at the start of `s` (not empty).
fn next_token(s: &str) -> (Kind, usize) {
    let c = s.chars().next().unwrap();
    let run = |pred: &dyn Fn(char) -> bool| -> usize {
        s.char_indices()
            .find(|&(_, c)| !pred(c))
            .map(|(i, _)| i)
            .unwrap_or(s.len())
    };
    match c {
        '\n' => (Kind::Newline, 1),
        ' ' | '\t' | '\r' => (Kind::Space, run(&|c| c == ' ' || c == '\t' || c == '\r')),
        '#' => (Kind::Comment, s.find('\n').unwrap_or(s.len())),
        '0'..='9' => (
            Kind::Number,
            run(&|c| c.is_ascii_alphanumeric() || c == '_' || c == '.'),
        ),
        '"' | '\'' | '`' => (Kind::Str, quoted_len(s, c)),
        ':' if s[1..].starts_with(|c: char| c.is_alphabetic() || c == '_') => {
            (Kind::Symbol, 1 + word_len(&s[1..]))
        }
        c if c.is_alphabetic() || c == '_' || c == '@' || c == '$' => (Kind::Word, word_len(s)),
        _ => match OPERATORS.iter().find(|op| s.starts_with(*op)) {
            Some(op) => (Kind::Punct, op.len()),
            None => (Kind::Punct, c.len_utf8()),
        },
    }
}

/// An identifier with optional sigils (`@`, `@@`, `$`) and a `?`/`!` suffix.
fn word_len(s: &str) -> usize {
    let sigils = s.len() - s.trim_start_matches(['@', '$']).len();
    let body = &s[sigils..];
    let mut len = body
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_'))
        .map(|(i, _)| i)
        .unwrap_or(body.len());
    if body[len..].starts_with(['?', '!']) && !body[len..].starts_with("!=") {
        len += 1;
    }
    (sigils + len).max(1)
}

/// A quoted string up to its closing quote (or the end of the text), backslash escapes
/// skipped.
fn quoted_len(s: &str, quote: char) -> usize {
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == quote {
            return i + 1;
        }
    }
    s.len()
}

/// The tokens that carry meaning (no spaces, newlines or comments): the units the token
/// mutators pick from.
pub fn significant(tokens: &[Token<'_>]) -> Vec<usize> {
    tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| !matches!(t.kind, Kind::Space | Kind::Newline | Kind::Comment))
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn joins_back_to_the_text() {
        for s in [
            "def f(a, b = 2)\n  a <=> b # cmp\nend\n",
            "x = \"a \\\" #{y}\" + 'q' ; :sym? @iv ||= $g**2",
            "\u{e9}\u{1F600}[[1]]\\",
            "\"unterminated",
            "(ipc: 3, dst: Some(1), kind: Const(Int(-12)), line: 10),",
        ] {
            assert_eq!(texts(s).concat(), s);
        }
    }

    #[test]
    fn cuts_ruby_into_the_expected_pieces() {
        assert_eq!(
            texts("a.b? <=> 10_0 'x\\'y'"),
            ["a", ".", "b?", " ", "<=>", " ", "10_0", " ", "'x\\'y'"]
        );
        assert_eq!(texts("@x!=:y"), ["@x", "!=", ":y"]);
        let toks = tokenize("x = 1 # c\n");
        let sig: Vec<&str> = significant(&toks).iter().map(|&i| toks[i].text).collect();
        assert_eq!(sig, ["x", "=", "1"]);
    }
}
