//! CRuby-exact formatting of floats, strings and symbols.
//!
//! What lives here:
//!
//! * [`float_to_s`]: `Float#to_s` / `Float#inspect` (shortest round-trip digits, laid
//!   out as CRuby does).
//! * [`inspect_str`] and [`inspect_bytes`]: `String#inspect` for UTF-8 strings.
//! * [`inspect_symbol`] and [`is_symbol_name`]: `Symbol#inspect`, and whether a name
//!   needs quoting.
//! * [`float_g`]: C's `%-.Ng`, as CRuby writes a float into some messages (`float 1e+308
//!   out of range of integer`).
//! * [`is_printable`]: CRuby's notion of a printable character in UTF-8 (Onigmo's
//!   `isprint`, Unicode 13 as in CRuby 3.1), which decides what `inspect` escapes.
//!
//! Integers format themselves (see [`crate::numeric::Int`]). The default external
//! encoding is assumed to be UTF-8 (CRuby escapes all non-ASCII characters otherwise).
//!
//! The unit tests compare against tables that `runtime/gen/format_tables.rb` generated
//! by running CRuby 3.1; the printable-character table comes from
//! `runtime/gen/unicode_print.rb`.

use std::fmt::Write as _;

use num_bigint::BigUint;

/// `Float#to_s` (and `Float#inspect`), exactly as CRuby 3.1 writes it.
///
/// The digits are the shortest that round-trip (ties between two candidates go to
/// the even last digit, as in CRuby's dtoa). With the value written `d.ddd * 10**e`,
/// fixed notation is used for `-4 <= e <= 14`, and for `e == 15` only when there are
/// digits after the decimal point (`123456789012345.0`, `1234567890123456.8`, but
/// `1.0e+15` and `1.234567890123456e+15`); exponent form otherwise, with at least two
/// exponent digits (`1.0e-05`, `1.2345e+20`, `5.0e-324`). Special values are `NaN`,
/// `Infinity`, `-Infinity`; negative zero is `-0.0`.
pub fn float_to_s(f: f64) -> String {
    if f.is_nan() {
        return "NaN".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    let mut out = String::new();
    if f.is_sign_negative() {
        out.push('-');
    }
    if f == 0.0 {
        out.push_str("0.0");
        return out;
    }
    let (digits, decpt) = shortest_digits(f.abs());
    let ndigits = digits.len() as i32;
    if decpt > 0 && decpt < ndigits {
        out.push_str(&digits[..decpt as usize]);
        out.push('.');
        out.push_str(&digits[decpt as usize..]);
    } else if decpt > 0 && decpt <= 15 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', (decpt - ndigits) as usize));
        out.push_str(".0");
    } else if decpt <= 0 && decpt > -4 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-decpt) as usize));
        out.push_str(&digits);
    } else {
        out.push_str(&digits[..1]);
        out.push('.');
        if ndigits > 1 {
            out.push_str(&digits[1..]);
        } else {
            out.push('0');
        }
        let e = decpt - 1;
        let _ = write!(out, "e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    }
    out
}

/// C's `printf("%.Ng", f)` for `N = precision` significant digits, as CRuby's messages
/// print a float (`rb_out_of_long`: `%-.10g`): exponent form when the exponent is below
/// -4 or at least `precision`, fixed otherwise, trailing zeros (and a trailing point)
/// dropped; CRuby's own printf writes `NaN`, `Inf` and `-Inf`.
pub fn float_g(f: f64, precision: usize) -> String {
    if f.is_nan() {
        return "NaN".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Inf" } else { "-Inf" }.to_string();
    }
    let p = precision.max(1);
    // The exponent of the value once rounded to `p` digits decides the layout.
    let sci = format!("{:.*e}", p - 1, f);
    let (mantissa, exp) = sci.split_once('e').expect("exponent form");
    let exp: i32 = exp.parse().expect("an exponent");
    let trim = |s: &str| -> String {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s.to_string()
        }
    };
    if exp < -4 || exp >= p as i32 {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{}e{sign}{:02}", trim(mantissa), exp.abs())
    } else {
        trim(&format!("{:.*}", (p as i32 - 1 - exp) as usize, f))
    }
}

/// The shortest digits that read back as `f` (finite, positive), and the decimal point
/// position `decpt` (the value is `0.DIGITS * 10**decpt`), chosen as David Gay's
/// `dtoa` mode 0 (which CRuby uses) chooses them: among the shortest strings, the one
/// nearest `f`, and on an exact tie the one whose last digit is even.
fn shortest_digits(f: f64) -> (String, i32) {
    // Rust's `{:e}` gives the shortest round-trip digits, "d.ddde<exp>", but breaks
    // exact ties differently from dtoa.
    let sci = format!("{:e}", f);
    let (mantissa, exp) = sci.split_once('e').expect("`{:e}` output has an exponent");
    let digits: String = mantissa.chars().filter(|&c| c != '.').collect();
    let exp: i32 = exp.parse().expect("`{:e}` exponent is an integer");
    let decpt = exp + 1;
    tie_to_even(f, &digits).unwrap_or((digits, decpt))
}

/// When `f` lies exactly halfway between two decimals of `digits.len()` significant
/// digits, the one with an even last digit (if it reads back as `f`), with its
/// `decpt`. A tie needs an exact decimal expansion of `digits.len() + 1` digits, which
/// only few doubles have; the rest return `None` quickly.
fn tie_to_even(f: f64, digits: &str) -> Option<(String, i32)> {
    let bits = f.to_bits();
    let be = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut m, mut e) = if be == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), be - 1075)
    };
    let tz = m.trailing_zeros();
    m >>= tz;
    e += tz as i64;
    // The exact value as significant decimal digits times 10**scale.
    let (mut exact, mut scale) = if e >= 0 {
        if e + 64 - m.leading_zeros() as i64 > 140 {
            return None;
        }
        ((BigUint::from(m) << e as usize).to_string(), 0i32)
    } else {
        if -e > 25 {
            return None;
        }
        (
            (BigUint::from(m) * BigUint::from(5u32).pow((-e) as u32)).to_string(),
            e as i32,
        )
    };
    while exact.ends_with('0') {
        exact.pop();
        scale += 1;
    }
    let n = digits.len();
    if exact.len() != n + 1 || !exact.ends_with('5') {
        return None;
    }
    let decpt = exact.len() as i32 + scale;
    let mut cand: Vec<u8> = exact.as_bytes()[..n].to_vec();
    let mut cand_decpt = decpt;
    if cand[n - 1] % 2 == 1 {
        // Round up to the even neighbour, carrying.
        let mut i = n;
        loop {
            if i == 0 {
                cand.insert(0, b'1');
                cand.pop();
                cand_decpt += 1;
                break;
            }
            i -= 1;
            if cand[i] == b'9' {
                cand[i] = b'0';
            } else {
                cand[i] += 1;
                break;
            }
        }
    }
    while cand.len() > 1 && cand.last() == Some(&b'0') {
        cand.pop();
    }
    let cand = String::from_utf8(cand).ok()?;
    let back: f64 = format!("0.{cand}e{cand_decpt}").parse().ok()?;
    (back == f).then_some((cand, cand_decpt))
}

/// `String#inspect` for a UTF-8 string, with a UTF-8 default external encoding:
/// quotes, escapes `"` `\` and `#` before `{`, `$` or `@`, writes `\n \t \r \f \v \b
/// \a \e` for those control characters, `\uXXXX` / `\u{XXXXX}` for other
/// non-printable characters (`"\u0000"`, `"\u007F"`, `"\u2028"`), and keeps printable
/// non-ASCII characters as they are.
pub fn inspect_str(s: &str) -> String {
    inspect_bytes(s.as_bytes())
}

/// `String#inspect` for a UTF-8 string that may hold invalid bytes: like
/// [`inspect_str`], with each byte that does not start a valid character written as
/// `\xHH` (`"\xFF"`).
pub fn inspect_bytes(bytes: &[u8]) -> String {
    inspect_impl(bytes, true)
}

/// The shared `rb_str_inspect`: `unicode` selects UTF-8 rules, otherwise US-ASCII
/// rules (used for ASCII-only symbols), where every non-printable byte is `\xHH`.
fn inspect_impl(bytes: &[u8], unicode: bool) -> String {
    let mut out = String::with_capacity(bytes.len() + 2);
    out.push('"');
    let mut i = 0;
    while i < bytes.len() {
        let (c, len) = match decode_char(&bytes[i..], unicode) {
            Some(cl) => cl,
            None => {
                let _ = write!(out, "\\x{:02X}", bytes[i]);
                i += 1;
                continue;
            }
        };
        let next = bytes.get(i + len).copied();
        i += len;
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '#' if matches!(next, Some(b'{') | Some(b'$') | Some(b'@')) => out.push_str("\\#"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x0c' => out.push_str("\\f"),
            '\x0b' => out.push_str("\\v"),
            '\x08' => out.push_str("\\b"),
            '\x07' => out.push_str("\\a"),
            '\x1b' => out.push_str("\\e"),
            c if is_printable(c) => out.push(c),
            c if !unicode => {
                let _ = write!(out, "\\x{:02X}", c as u32);
            }
            c if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => {
                let _ = write!(out, "\\u{{{:X}}}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// The character at the start of `bytes` and its length in bytes, or `None` when the
/// first byte does not start a valid character (in US-ASCII, any byte >= 0x80).
fn decode_char(bytes: &[u8], unicode: bool) -> Option<(char, usize)> {
    let b0 = bytes[0];
    if b0 < 0x80 {
        return Some((b0 as char, 1));
    }
    if !unicode {
        return None;
    }
    let len = match b0 {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return None,
    };
    let s = std::str::from_utf8(bytes.get(..len)?).ok()?;
    s.chars().next().map(|c| (c, len))
}

/// Whether CRuby's UTF-8 `inspect` leaves `c` as it is: ASCII `0x20..=0x7E`, and every
/// non-ASCII character except unassigned code points, noncharacters, the C1 controls
/// (but not U+0085) and the line/paragraph separators (Onigmo's print class).
pub fn is_printable(c: char) -> bool {
    let c = c as u32;
    if c < 0x80 {
        return (0x20..0x7f).contains(&c);
    }
    NON_PRINTABLE
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_err()
}

/// `Symbol#inspect` for the symbol named `name`: `:foo`, `:foo?`, `:foo=`, `:+`,
/// `:[]`, `:@iv`, `:$1`, or the quoted form `:"foo bar"` / `:"9a"` when the name is not
/// a plain symbol name (see [`is_symbol_name`]). The quoted form uses
/// `String#inspect`, with US-ASCII escapes (`\x01`) for an ASCII-only name and UTF-8
/// escapes (`\u0001`) otherwise.
pub fn inspect_symbol(name: &str) -> String {
    if is_symbol_name(name) {
        format!(":{name}")
    } else {
        format!(":{}", inspect_impl(name.as_bytes(), !name.is_ascii()))
    }
}

/// Whether `Symbol#inspect` writes `:name` without quotes (CRuby's
/// `rb_str_symname_p`): an identifier, optionally ending in `?`, `!` or `=`; a
/// constant; `@ivar`, `@@cvar`, `$gvar` (including special globals like `$1`, `$~`,
/// `$-w`); an operator method name (`+`, `[]=`, `<=>`, `!`, ...); all its characters
/// printable, with no NUL.
///
/// CRuby quirk reproduced: any name of two or more characters that ends in `=` and
/// whose start does not begin an identifier also counts (`:9=`, `:@=`, `:" ="` is
/// written `: =`), unless the part before `=` is itself a setter name.
pub fn is_symbol_name(name: &str) -> bool {
    !name.contains('\0')
        && name.chars().all(is_printable)
        && symname_type(name.as_bytes()).is_some()
}

/// The kinds of names CRuby's `rb_enc_symname_type` distinguishes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum IdType {
    Local,
    Const,
    Global,
    Instance,
    Class,
    AttrSet,
    Junk,
}

/// CRuby's `rb_enc_symname_type` with the attribute-setter set of the syntax (locals
/// and constants): the kind of name, or `None` if `name` is not a symbol name.
fn symname_type(b: &[u8]) -> Option<IdType> {
    let e = b.len();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut m;
    let ty;
    match *b.first()? {
        b'$' => {
            if is_special_global_name(&b[1..]) {
                return Some(IdType::Global);
            }
            return symname_ident(b, 1, IdType::Global);
        }
        b'@' => {
            if at(1) == b'@' {
                return symname_ident(b, 2, IdType::Class);
            }
            return symname_ident(b, 1, IdType::Instance);
        }
        b'<' => {
            m = 1;
            match at(1) {
                b'<' => m += 1,
                b'=' => {
                    m += 1;
                    if at(2) == b'>' {
                        m += 1;
                    }
                }
                _ => {}
            }
        }
        b'>' => {
            m = 1;
            if matches!(at(1), b'>' | b'=') {
                m += 1;
            }
        }
        b'=' => {
            m = 1;
            match at(1) {
                b'~' => m += 1,
                b'=' => {
                    m += 1;
                    if at(2) == b'=' {
                        m += 1;
                    }
                }
                _ => return None,
            }
        }
        b'*' => {
            m = 1;
            if at(1) == b'*' {
                m += 1;
            }
        }
        b'+' | b'-' => {
            m = 1;
            if at(1) == b'@' {
                m += 1;
            }
        }
        b'|' | b'^' | b'&' | b'/' | b'%' | b'~' | b'`' => m = 1,
        b'[' => {
            if at(1) != b']' {
                return symname_ident(b, 0, IdType::Junk);
            }
            m = 2;
            if at(2) == b'=' {
                m += 1;
            }
        }
        b'!' => {
            if e == 1 {
                return Some(IdType::Junk);
            }
            m = 1;
            match at(1) {
                b'=' | b'~' => m += 1,
                _ => return None,
            }
        }
        c => {
            ty = if c.is_ascii_uppercase() {
                IdType::Const
            } else {
                IdType::Local
            };
            return symname_ident(b, 0, ty);
        }
    }
    (m == e).then_some(IdType::Junk)
}

/// The identifier part of `rb_enc_symname_type` (its `id:` label), from byte `m`.
fn symname_ident(b: &[u8], mut m: usize, mut ty: IdType) -> Option<IdType> {
    let e = b.len();
    if m >= e || (b[m] != b'_' && !b[m].is_ascii_alphabetic() && b[m] < 0x80) {
        if e > 1 && b[e - 1] == b'=' && symname_type(&b[..e - 1]) != Some(IdType::AttrSet) {
            return Some(IdType::AttrSet);
        }
        return None;
    }
    while m < e && is_identchar(b[m]) {
        m += utf8_len(b[m]);
    }
    if m >= e {
        return Some(ty);
    }
    match b[m] {
        b'!' | b'?' => {
            if matches!(ty, IdType::Global | IdType::Class | IdType::Instance) {
                return None;
            }
            ty = IdType::Junk;
            m += 1;
        }
        b'=' => {
            if !matches!(ty, IdType::Local | IdType::Const) {
                return None;
            }
            ty = IdType::AttrSet;
            m += 1;
        }
        _ => {}
    }
    (m == e).then_some(ty)
}

/// CRuby's `is_special_global_name`: the part after `$` of `$~`, `$1`, `$-w`, ...
fn is_special_global_name(b: &[u8]) -> bool {
    let e = b.len();
    if e == 0 {
        return false;
    }
    let mut m = 0;
    if b"~*$?!@/\\;,.=:<>\"&`'+0".contains(&b[0]) {
        m = 1;
    } else if b[0] == b'-' {
        m = 1;
        if m >= e {
            return false;
        }
        if is_identchar(b[m]) {
            m += utf8_len(b[m]);
        }
    } else {
        if !b[0].is_ascii_digit() {
            return false;
        }
        while m < e && b[m].is_ascii_digit() {
            m += 1;
        }
    }
    m == e
}

/// An identifier character: ASCII alphanumeric, `_`, or any non-ASCII character
/// (judged by its first byte).
fn is_identchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// The length of the UTF-8 sequence that starts with `b` (1 for ASCII).
fn utf8_len(b: u8) -> usize {
    match b {
        0xf0..=0xff => 4,
        0xe0..=0xef => 3,
        0xc0..=0xdf => 2,
        _ => 1,
    }
}

/// Non-ASCII code points that CRuby 3.1's UTF-8 `String#inspect` escapes, as inclusive
/// ranges (surrogates are not characters and are absent).
// BEGIN GENERATED unicode_nonprint (runtime/gen/unicode_print.rb)
#[rustfmt::skip]
const NON_PRINTABLE: &[(u32, u32)] = &[
    (0x0080, 0x0084), (0x0086, 0x009F), (0x0378, 0x0379), (0x0380, 0x0383),
    (0x038B, 0x038B), (0x038D, 0x038D), (0x03A2, 0x03A2), (0x0530, 0x0530),
    (0x0557, 0x0558), (0x058B, 0x058C), (0x0590, 0x0590), (0x05C8, 0x05CF),
    (0x05EB, 0x05EE), (0x05F5, 0x05FF), (0x061D, 0x061D), (0x070E, 0x070E),
    (0x074B, 0x074C), (0x07B2, 0x07BF), (0x07FB, 0x07FC), (0x082E, 0x082F),
    (0x083F, 0x083F), (0x085C, 0x085D), (0x085F, 0x085F), (0x086B, 0x089F),
    (0x08B5, 0x08B5), (0x08C8, 0x08D2), (0x0984, 0x0984), (0x098D, 0x098E),
    (0x0991, 0x0992), (0x09A9, 0x09A9), (0x09B1, 0x09B1), (0x09B3, 0x09B5),
    (0x09BA, 0x09BB), (0x09C5, 0x09C6), (0x09C9, 0x09CA), (0x09CF, 0x09D6),
    (0x09D8, 0x09DB), (0x09DE, 0x09DE), (0x09E4, 0x09E5), (0x09FF, 0x0A00),
    (0x0A04, 0x0A04), (0x0A0B, 0x0A0E), (0x0A11, 0x0A12), (0x0A29, 0x0A29),
    (0x0A31, 0x0A31), (0x0A34, 0x0A34), (0x0A37, 0x0A37), (0x0A3A, 0x0A3B),
    (0x0A3D, 0x0A3D), (0x0A43, 0x0A46), (0x0A49, 0x0A4A), (0x0A4E, 0x0A50),
    (0x0A52, 0x0A58), (0x0A5D, 0x0A5D), (0x0A5F, 0x0A65), (0x0A77, 0x0A80),
    (0x0A84, 0x0A84), (0x0A8E, 0x0A8E), (0x0A92, 0x0A92), (0x0AA9, 0x0AA9),
    (0x0AB1, 0x0AB1), (0x0AB4, 0x0AB4), (0x0ABA, 0x0ABB), (0x0AC6, 0x0AC6),
    (0x0ACA, 0x0ACA), (0x0ACE, 0x0ACF), (0x0AD1, 0x0ADF), (0x0AE4, 0x0AE5),
    (0x0AF2, 0x0AF8), (0x0B00, 0x0B00), (0x0B04, 0x0B04), (0x0B0D, 0x0B0E),
    (0x0B11, 0x0B12), (0x0B29, 0x0B29), (0x0B31, 0x0B31), (0x0B34, 0x0B34),
    (0x0B3A, 0x0B3B), (0x0B45, 0x0B46), (0x0B49, 0x0B4A), (0x0B4E, 0x0B54),
    (0x0B58, 0x0B5B), (0x0B5E, 0x0B5E), (0x0B64, 0x0B65), (0x0B78, 0x0B81),
    (0x0B84, 0x0B84), (0x0B8B, 0x0B8D), (0x0B91, 0x0B91), (0x0B96, 0x0B98),
    (0x0B9B, 0x0B9B), (0x0B9D, 0x0B9D), (0x0BA0, 0x0BA2), (0x0BA5, 0x0BA7),
    (0x0BAB, 0x0BAD), (0x0BBA, 0x0BBD), (0x0BC3, 0x0BC5), (0x0BC9, 0x0BC9),
    (0x0BCE, 0x0BCF), (0x0BD1, 0x0BD6), (0x0BD8, 0x0BE5), (0x0BFB, 0x0BFF),
    (0x0C0D, 0x0C0D), (0x0C11, 0x0C11), (0x0C29, 0x0C29), (0x0C3A, 0x0C3C),
    (0x0C45, 0x0C45), (0x0C49, 0x0C49), (0x0C4E, 0x0C54), (0x0C57, 0x0C57),
    (0x0C5B, 0x0C5F), (0x0C64, 0x0C65), (0x0C70, 0x0C76), (0x0C8D, 0x0C8D),
    (0x0C91, 0x0C91), (0x0CA9, 0x0CA9), (0x0CB4, 0x0CB4), (0x0CBA, 0x0CBB),
    (0x0CC5, 0x0CC5), (0x0CC9, 0x0CC9), (0x0CCE, 0x0CD4), (0x0CD7, 0x0CDD),
    (0x0CDF, 0x0CDF), (0x0CE4, 0x0CE5), (0x0CF0, 0x0CF0), (0x0CF3, 0x0CFF),
    (0x0D0D, 0x0D0D), (0x0D11, 0x0D11), (0x0D45, 0x0D45), (0x0D49, 0x0D49),
    (0x0D50, 0x0D53), (0x0D64, 0x0D65), (0x0D80, 0x0D80), (0x0D84, 0x0D84),
    (0x0D97, 0x0D99), (0x0DB2, 0x0DB2), (0x0DBC, 0x0DBC), (0x0DBE, 0x0DBF),
    (0x0DC7, 0x0DC9), (0x0DCB, 0x0DCE), (0x0DD5, 0x0DD5), (0x0DD7, 0x0DD7),
    (0x0DE0, 0x0DE5), (0x0DF0, 0x0DF1), (0x0DF5, 0x0E00), (0x0E3B, 0x0E3E),
    (0x0E5C, 0x0E80), (0x0E83, 0x0E83), (0x0E85, 0x0E85), (0x0E8B, 0x0E8B),
    (0x0EA4, 0x0EA4), (0x0EA6, 0x0EA6), (0x0EBE, 0x0EBF), (0x0EC5, 0x0EC5),
    (0x0EC7, 0x0EC7), (0x0ECE, 0x0ECF), (0x0EDA, 0x0EDB), (0x0EE0, 0x0EFF),
    (0x0F48, 0x0F48), (0x0F6D, 0x0F70), (0x0F98, 0x0F98), (0x0FBD, 0x0FBD),
    (0x0FCD, 0x0FCD), (0x0FDB, 0x0FFF), (0x10C6, 0x10C6), (0x10C8, 0x10CC),
    (0x10CE, 0x10CF), (0x1249, 0x1249), (0x124E, 0x124F), (0x1257, 0x1257),
    (0x1259, 0x1259), (0x125E, 0x125F), (0x1289, 0x1289), (0x128E, 0x128F),
    (0x12B1, 0x12B1), (0x12B6, 0x12B7), (0x12BF, 0x12BF), (0x12C1, 0x12C1),
    (0x12C6, 0x12C7), (0x12D7, 0x12D7), (0x1311, 0x1311), (0x1316, 0x1317),
    (0x135B, 0x135C), (0x137D, 0x137F), (0x139A, 0x139F), (0x13F6, 0x13F7),
    (0x13FE, 0x13FF), (0x169D, 0x169F), (0x16F9, 0x16FF), (0x170D, 0x170D),
    (0x1715, 0x171F), (0x1737, 0x173F), (0x1754, 0x175F), (0x176D, 0x176D),
    (0x1771, 0x1771), (0x1774, 0x177F), (0x17DE, 0x17DF), (0x17EA, 0x17EF),
    (0x17FA, 0x17FF), (0x180F, 0x180F), (0x181A, 0x181F), (0x1879, 0x187F),
    (0x18AB, 0x18AF), (0x18F6, 0x18FF), (0x191F, 0x191F), (0x192C, 0x192F),
    (0x193C, 0x193F), (0x1941, 0x1943), (0x196E, 0x196F), (0x1975, 0x197F),
    (0x19AC, 0x19AF), (0x19CA, 0x19CF), (0x19DB, 0x19DD), (0x1A1C, 0x1A1D),
    (0x1A5F, 0x1A5F), (0x1A7D, 0x1A7E), (0x1A8A, 0x1A8F), (0x1A9A, 0x1A9F),
    (0x1AAE, 0x1AAF), (0x1AC1, 0x1AFF), (0x1B4C, 0x1B4F), (0x1B7D, 0x1B7F),
    (0x1BF4, 0x1BFB), (0x1C38, 0x1C3A), (0x1C4A, 0x1C4C), (0x1C89, 0x1C8F),
    (0x1CBB, 0x1CBC), (0x1CC8, 0x1CCF), (0x1CFB, 0x1CFF), (0x1DFA, 0x1DFA),
    (0x1F16, 0x1F17), (0x1F1E, 0x1F1F), (0x1F46, 0x1F47), (0x1F4E, 0x1F4F),
    (0x1F58, 0x1F58), (0x1F5A, 0x1F5A), (0x1F5C, 0x1F5C), (0x1F5E, 0x1F5E),
    (0x1F7E, 0x1F7F), (0x1FB5, 0x1FB5), (0x1FC5, 0x1FC5), (0x1FD4, 0x1FD5),
    (0x1FDC, 0x1FDC), (0x1FF0, 0x1FF1), (0x1FF5, 0x1FF5), (0x1FFF, 0x1FFF),
    (0x2028, 0x2029), (0x2065, 0x2065), (0x2072, 0x2073), (0x208F, 0x208F),
    (0x209D, 0x209F), (0x20C0, 0x20CF), (0x20F1, 0x20FF), (0x218C, 0x218F),
    (0x2427, 0x243F), (0x244B, 0x245F), (0x2B74, 0x2B75), (0x2B96, 0x2B96),
    (0x2C2F, 0x2C2F), (0x2C5F, 0x2C5F), (0x2CF4, 0x2CF8), (0x2D26, 0x2D26),
    (0x2D28, 0x2D2C), (0x2D2E, 0x2D2F), (0x2D68, 0x2D6E), (0x2D71, 0x2D7E),
    (0x2D97, 0x2D9F), (0x2DA7, 0x2DA7), (0x2DAF, 0x2DAF), (0x2DB7, 0x2DB7),
    (0x2DBF, 0x2DBF), (0x2DC7, 0x2DC7), (0x2DCF, 0x2DCF), (0x2DD7, 0x2DD7),
    (0x2DDF, 0x2DDF), (0x2E53, 0x2E7F), (0x2E9A, 0x2E9A), (0x2EF4, 0x2EFF),
    (0x2FD6, 0x2FEF), (0x2FFC, 0x2FFF), (0x3040, 0x3040), (0x3097, 0x3098),
    (0x3100, 0x3104), (0x3130, 0x3130), (0x318F, 0x318F), (0x31E4, 0x31EF),
    (0x321F, 0x321F), (0x9FFD, 0x9FFF), (0xA48D, 0xA48F), (0xA4C7, 0xA4CF),
    (0xA62C, 0xA63F), (0xA6F8, 0xA6FF), (0xA7C0, 0xA7C1), (0xA7CB, 0xA7F4),
    (0xA82D, 0xA82F), (0xA83A, 0xA83F), (0xA878, 0xA87F), (0xA8C6, 0xA8CD),
    (0xA8DA, 0xA8DF), (0xA954, 0xA95E), (0xA97D, 0xA97F), (0xA9CE, 0xA9CE),
    (0xA9DA, 0xA9DD), (0xA9FF, 0xA9FF), (0xAA37, 0xAA3F), (0xAA4E, 0xAA4F),
    (0xAA5A, 0xAA5B), (0xAAC3, 0xAADA), (0xAAF7, 0xAB00), (0xAB07, 0xAB08),
    (0xAB0F, 0xAB10), (0xAB17, 0xAB1F), (0xAB27, 0xAB27), (0xAB2F, 0xAB2F),
    (0xAB6C, 0xAB6F), (0xABEE, 0xABEF), (0xABFA, 0xABFF), (0xD7A4, 0xD7AF),
    (0xD7C7, 0xD7CA), (0xD7FC, 0xD7FF), (0xFA6E, 0xFA6F), (0xFADA, 0xFAFF),
    (0xFB07, 0xFB12), (0xFB18, 0xFB1C), (0xFB37, 0xFB37), (0xFB3D, 0xFB3D),
    (0xFB3F, 0xFB3F), (0xFB42, 0xFB42), (0xFB45, 0xFB45), (0xFBC2, 0xFBD2),
    (0xFD40, 0xFD4F), (0xFD90, 0xFD91), (0xFDC8, 0xFDEF), (0xFDFE, 0xFDFF),
    (0xFE1A, 0xFE1F), (0xFE53, 0xFE53), (0xFE67, 0xFE67), (0xFE6C, 0xFE6F),
    (0xFE75, 0xFE75), (0xFEFD, 0xFEFE), (0xFF00, 0xFF00), (0xFFBF, 0xFFC1),
    (0xFFC8, 0xFFC9), (0xFFD0, 0xFFD1), (0xFFD8, 0xFFD9), (0xFFDD, 0xFFDF),
    (0xFFE7, 0xFFE7), (0xFFEF, 0xFFF8), (0xFFFE, 0xFFFF), (0x1000C, 0x1000C),
    (0x10027, 0x10027), (0x1003B, 0x1003B), (0x1003E, 0x1003E), (0x1004E, 0x1004F),
    (0x1005E, 0x1007F), (0x100FB, 0x100FF), (0x10103, 0x10106), (0x10134, 0x10136),
    (0x1018F, 0x1018F), (0x1019D, 0x1019F), (0x101A1, 0x101CF), (0x101FE, 0x1027F),
    (0x1029D, 0x1029F), (0x102D1, 0x102DF), (0x102FC, 0x102FF), (0x10324, 0x1032C),
    (0x1034B, 0x1034F), (0x1037B, 0x1037F), (0x1039E, 0x1039E), (0x103C4, 0x103C7),
    (0x103D6, 0x103FF), (0x1049E, 0x1049F), (0x104AA, 0x104AF), (0x104D4, 0x104D7),
    (0x104FC, 0x104FF), (0x10528, 0x1052F), (0x10564, 0x1056E), (0x10570, 0x105FF),
    (0x10737, 0x1073F), (0x10756, 0x1075F), (0x10768, 0x107FF), (0x10806, 0x10807),
    (0x10809, 0x10809), (0x10836, 0x10836), (0x10839, 0x1083B), (0x1083D, 0x1083E),
    (0x10856, 0x10856), (0x1089F, 0x108A6), (0x108B0, 0x108DF), (0x108F3, 0x108F3),
    (0x108F6, 0x108FA), (0x1091C, 0x1091E), (0x1093A, 0x1093E), (0x10940, 0x1097F),
    (0x109B8, 0x109BB), (0x109D0, 0x109D1), (0x10A04, 0x10A04), (0x10A07, 0x10A0B),
    (0x10A14, 0x10A14), (0x10A18, 0x10A18), (0x10A36, 0x10A37), (0x10A3B, 0x10A3E),
    (0x10A49, 0x10A4F), (0x10A59, 0x10A5F), (0x10AA0, 0x10ABF), (0x10AE7, 0x10AEA),
    (0x10AF7, 0x10AFF), (0x10B36, 0x10B38), (0x10B56, 0x10B57), (0x10B73, 0x10B77),
    (0x10B92, 0x10B98), (0x10B9D, 0x10BA8), (0x10BB0, 0x10BFF), (0x10C49, 0x10C7F),
    (0x10CB3, 0x10CBF), (0x10CF3, 0x10CF9), (0x10D28, 0x10D2F), (0x10D3A, 0x10E5F),
    (0x10E7F, 0x10E7F), (0x10EAA, 0x10EAA), (0x10EAE, 0x10EAF), (0x10EB2, 0x10EFF),
    (0x10F28, 0x10F2F), (0x10F5A, 0x10FAF), (0x10FCC, 0x10FDF), (0x10FF7, 0x10FFF),
    (0x1104E, 0x11051), (0x11070, 0x1107E), (0x110C2, 0x110CC), (0x110CE, 0x110CF),
    (0x110E9, 0x110EF), (0x110FA, 0x110FF), (0x11135, 0x11135), (0x11148, 0x1114F),
    (0x11177, 0x1117F), (0x111E0, 0x111E0), (0x111F5, 0x111FF), (0x11212, 0x11212),
    (0x1123F, 0x1127F), (0x11287, 0x11287), (0x11289, 0x11289), (0x1128E, 0x1128E),
    (0x1129E, 0x1129E), (0x112AA, 0x112AF), (0x112EB, 0x112EF), (0x112FA, 0x112FF),
    (0x11304, 0x11304), (0x1130D, 0x1130E), (0x11311, 0x11312), (0x11329, 0x11329),
    (0x11331, 0x11331), (0x11334, 0x11334), (0x1133A, 0x1133A), (0x11345, 0x11346),
    (0x11349, 0x1134A), (0x1134E, 0x1134F), (0x11351, 0x11356), (0x11358, 0x1135C),
    (0x11364, 0x11365), (0x1136D, 0x1136F), (0x11375, 0x113FF), (0x1145C, 0x1145C),
    (0x11462, 0x1147F), (0x114C8, 0x114CF), (0x114DA, 0x1157F), (0x115B6, 0x115B7),
    (0x115DE, 0x115FF), (0x11645, 0x1164F), (0x1165A, 0x1165F), (0x1166D, 0x1167F),
    (0x116B9, 0x116BF), (0x116CA, 0x116FF), (0x1171B, 0x1171C), (0x1172C, 0x1172F),
    (0x11740, 0x117FF), (0x1183C, 0x1189F), (0x118F3, 0x118FE), (0x11907, 0x11908),
    (0x1190A, 0x1190B), (0x11914, 0x11914), (0x11917, 0x11917), (0x11936, 0x11936),
    (0x11939, 0x1193A), (0x11947, 0x1194F), (0x1195A, 0x1199F), (0x119A8, 0x119A9),
    (0x119D8, 0x119D9), (0x119E5, 0x119FF), (0x11A48, 0x11A4F), (0x11AA3, 0x11ABF),
    (0x11AF9, 0x11BFF), (0x11C09, 0x11C09), (0x11C37, 0x11C37), (0x11C46, 0x11C4F),
    (0x11C6D, 0x11C6F), (0x11C90, 0x11C91), (0x11CA8, 0x11CA8), (0x11CB7, 0x11CFF),
    (0x11D07, 0x11D07), (0x11D0A, 0x11D0A), (0x11D37, 0x11D39), (0x11D3B, 0x11D3B),
    (0x11D3E, 0x11D3E), (0x11D48, 0x11D4F), (0x11D5A, 0x11D5F), (0x11D66, 0x11D66),
    (0x11D69, 0x11D69), (0x11D8F, 0x11D8F), (0x11D92, 0x11D92), (0x11D99, 0x11D9F),
    (0x11DAA, 0x11EDF), (0x11EF9, 0x11FAF), (0x11FB1, 0x11FBF), (0x11FF2, 0x11FFE),
    (0x1239A, 0x123FF), (0x1246F, 0x1246F), (0x12475, 0x1247F), (0x12544, 0x12FFF),
    (0x1342F, 0x1342F), (0x13439, 0x143FF), (0x14647, 0x167FF), (0x16A39, 0x16A3F),
    (0x16A5F, 0x16A5F), (0x16A6A, 0x16A6D), (0x16A70, 0x16ACF), (0x16AEE, 0x16AEF),
    (0x16AF6, 0x16AFF), (0x16B46, 0x16B4F), (0x16B5A, 0x16B5A), (0x16B62, 0x16B62),
    (0x16B78, 0x16B7C), (0x16B90, 0x16E3F), (0x16E9B, 0x16EFF), (0x16F4B, 0x16F4E),
    (0x16F88, 0x16F8E), (0x16FA0, 0x16FDF), (0x16FE5, 0x16FEF), (0x16FF2, 0x16FFF),
    (0x187F8, 0x187FF), (0x18CD6, 0x18CFF), (0x18D09, 0x1AFFF), (0x1B11F, 0x1B14F),
    (0x1B153, 0x1B163), (0x1B168, 0x1B16F), (0x1B2FC, 0x1BBFF), (0x1BC6B, 0x1BC6F),
    (0x1BC7D, 0x1BC7F), (0x1BC89, 0x1BC8F), (0x1BC9A, 0x1BC9B), (0x1BCA4, 0x1CFFF),
    (0x1D0F6, 0x1D0FF), (0x1D127, 0x1D128), (0x1D1E9, 0x1D1FF), (0x1D246, 0x1D2DF),
    (0x1D2F4, 0x1D2FF), (0x1D357, 0x1D35F), (0x1D379, 0x1D3FF), (0x1D455, 0x1D455),
    (0x1D49D, 0x1D49D), (0x1D4A0, 0x1D4A1), (0x1D4A3, 0x1D4A4), (0x1D4A7, 0x1D4A8),
    (0x1D4AD, 0x1D4AD), (0x1D4BA, 0x1D4BA), (0x1D4BC, 0x1D4BC), (0x1D4C4, 0x1D4C4),
    (0x1D506, 0x1D506), (0x1D50B, 0x1D50C), (0x1D515, 0x1D515), (0x1D51D, 0x1D51D),
    (0x1D53A, 0x1D53A), (0x1D53F, 0x1D53F), (0x1D545, 0x1D545), (0x1D547, 0x1D549),
    (0x1D551, 0x1D551), (0x1D6A6, 0x1D6A7), (0x1D7CC, 0x1D7CD), (0x1DA8C, 0x1DA9A),
    (0x1DAA0, 0x1DAA0), (0x1DAB0, 0x1DFFF), (0x1E007, 0x1E007), (0x1E019, 0x1E01A),
    (0x1E022, 0x1E022), (0x1E025, 0x1E025), (0x1E02B, 0x1E0FF), (0x1E12D, 0x1E12F),
    (0x1E13E, 0x1E13F), (0x1E14A, 0x1E14D), (0x1E150, 0x1E2BF), (0x1E2FA, 0x1E2FE),
    (0x1E300, 0x1E7FF), (0x1E8C5, 0x1E8C6), (0x1E8D7, 0x1E8FF), (0x1E94C, 0x1E94F),
    (0x1E95A, 0x1E95D), (0x1E960, 0x1EC70), (0x1ECB5, 0x1ED00), (0x1ED3E, 0x1EDFF),
    (0x1EE04, 0x1EE04), (0x1EE20, 0x1EE20), (0x1EE23, 0x1EE23), (0x1EE25, 0x1EE26),
    (0x1EE28, 0x1EE28), (0x1EE33, 0x1EE33), (0x1EE38, 0x1EE38), (0x1EE3A, 0x1EE3A),
    (0x1EE3C, 0x1EE41), (0x1EE43, 0x1EE46), (0x1EE48, 0x1EE48), (0x1EE4A, 0x1EE4A),
    (0x1EE4C, 0x1EE4C), (0x1EE50, 0x1EE50), (0x1EE53, 0x1EE53), (0x1EE55, 0x1EE56),
    (0x1EE58, 0x1EE58), (0x1EE5A, 0x1EE5A), (0x1EE5C, 0x1EE5C), (0x1EE5E, 0x1EE5E),
    (0x1EE60, 0x1EE60), (0x1EE63, 0x1EE63), (0x1EE65, 0x1EE66), (0x1EE6B, 0x1EE6B),
    (0x1EE73, 0x1EE73), (0x1EE78, 0x1EE78), (0x1EE7D, 0x1EE7D), (0x1EE7F, 0x1EE7F),
    (0x1EE8A, 0x1EE8A), (0x1EE9C, 0x1EEA0), (0x1EEA4, 0x1EEA4), (0x1EEAA, 0x1EEAA),
    (0x1EEBC, 0x1EEEF), (0x1EEF2, 0x1EFFF), (0x1F02C, 0x1F02F), (0x1F094, 0x1F09F),
    (0x1F0AF, 0x1F0B0), (0x1F0C0, 0x1F0C0), (0x1F0D0, 0x1F0D0), (0x1F0F6, 0x1F0FF),
    (0x1F1AE, 0x1F1E5), (0x1F203, 0x1F20F), (0x1F23C, 0x1F23F), (0x1F249, 0x1F24F),
    (0x1F252, 0x1F25F), (0x1F266, 0x1F2FF), (0x1F6D8, 0x1F6DF), (0x1F6ED, 0x1F6EF),
    (0x1F6FD, 0x1F6FF), (0x1F774, 0x1F77F), (0x1F7D9, 0x1F7DF), (0x1F7EC, 0x1F7FF),
    (0x1F80C, 0x1F80F), (0x1F848, 0x1F84F), (0x1F85A, 0x1F85F), (0x1F888, 0x1F88F),
    (0x1F8AE, 0x1F8AF), (0x1F8B2, 0x1F8FF), (0x1F979, 0x1F979), (0x1F9CC, 0x1F9CC),
    (0x1FA54, 0x1FA5F), (0x1FA6E, 0x1FA6F), (0x1FA75, 0x1FA77), (0x1FA7B, 0x1FA7F),
    (0x1FA87, 0x1FA8F), (0x1FAA9, 0x1FAAF), (0x1FAB7, 0x1FABF), (0x1FAC3, 0x1FACF),
    (0x1FAD7, 0x1FAFF), (0x1FB93, 0x1FB93), (0x1FBCB, 0x1FBEF), (0x1FBFA, 0x1FFFF),
    (0x2A6DE, 0x2A6FF), (0x2B735, 0x2B73F), (0x2B81E, 0x2B81F), (0x2CEA2, 0x2CEAF),
    (0x2EBE1, 0x2F7FF), (0x2FA1E, 0x2FFFF), (0x3134B, 0xE0000), (0xE0002, 0xE001F),
    (0xE0080, 0xE00FF), (0xE01F0, 0xEFFFF), (0xFFFFE, 0xFFFFF), (0x10FFFE, 0x10FFFF),
];
// END GENERATED unicode_nonprint

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_to_s_matches_cruby() {
        let mut bad = Vec::new();
        for &(bits, want) in FLOAT_TO_S {
            let got = float_to_s(f64::from_bits(bits));
            if got != want {
                bad.push(format!("{bits:#018x}: got {got}, want {want}"));
            }
        }
        assert!(FLOAT_TO_S.len() >= 200);
        assert!(
            bad.is_empty(),
            "{} differ from CRuby:\n{}",
            bad.len(),
            bad.join("\n")
        );
    }

    #[test]
    fn float_to_s_examples() {
        for (f, s) in [
            (1.0, "1.0"),
            (100.0, "100.0"),
            (0.1, "0.1"),
            (0.0001, "0.0001"),
            (1234567.0, "1234567.0"),
            (1e15, "1.0e+15"),
            (1e16, "1.0e+16"),
            (1e-5, "1.0e-05"),
            (1.2345e20, "1.2345e+20"),
            (-0.0, "-0.0"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
            (f64::NAN, "NaN"),
            (5e-324, "5.0e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (9007199254740993.0, "9.007199254740992e+15"),
            (632942659992912.0 + 0.25, "632942659992912.2"),
        ] {
            assert_eq!(float_to_s(f), s);
        }
    }

    #[test]
    fn inspect_str_matches_cruby() {
        let mut bad = Vec::new();
        for &(s, want) in INSPECT_STR {
            let got = inspect_str(s);
            if got != want {
                bad.push(format!("{s:?}: got {got}, want {want}"));
            }
        }
        for &(b, want) in INSPECT_BYTES {
            let got = inspect_bytes(b);
            if got != want {
                bad.push(format!("{b:x?}: got {got}, want {want}"));
            }
        }
        assert!(
            bad.is_empty(),
            "{} differ from CRuby:\n{}",
            bad.len(),
            bad.join("\n")
        );
    }

    #[test]
    fn inspect_symbol_matches_cruby() {
        let mut bad = Vec::new();
        for &(name, want) in INSPECT_SYMBOL {
            let got = inspect_symbol(name);
            if got != want {
                bad.push(format!("{name:?}: got {got}, want {want}"));
            }
        }
        assert!(
            bad.is_empty(),
            "{} differ from CRuby:\n{}",
            bad.len(),
            bad.join("\n")
        );
    }

    #[test]
    fn printable_table_is_sorted_and_disjoint() {
        for w in NON_PRINTABLE.windows(2) {
            assert!(w[0].0 <= w[0].1 && w[0].1 < w[1].0);
        }
        assert!(is_printable('a') && is_printable('\u{e9}') && !is_printable('\u{378}'));
        assert!(!is_printable('\n') && !is_printable('\u{7f}') && is_printable('\u{85}'));
    }

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// The large table: `ruby runtime/gen/format_tables.rb --out F -n 200000`, then
    /// `REBOUND_FORMAT_ORACLE=F cargo test -p runtime format -- --ignored`.
    #[test]
    #[ignore]
    fn matches_cruby_oracle_file() {
        let path = std::env::var("REBOUND_FORMAT_ORACLE").expect("set REBOUND_FORMAT_ORACLE");
        let text = std::fs::read_to_string(path).unwrap();
        let mut bad = Vec::new();
        let mut n = 0;
        for line in text.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            let want = String::from_utf8(unhex(cols[2])).unwrap();
            let got = match cols[0] {
                "f" => float_to_s(f64::from_bits(u64::from_str_radix(cols[1], 16).unwrap())),
                "s" => inspect_bytes(&unhex(cols[1])),
                "y" => inspect_symbol(&String::from_utf8(unhex(cols[1])).unwrap()),
                k => panic!("bad kind {k}"),
            };
            n += 1;
            if got != want {
                bad.push(format!("{} {}: got {got}, want {want}", cols[0], cols[1]));
            }
        }
        assert!(
            bad.is_empty(),
            "{} of {n} differ from CRuby:\n{}",
            bad.len(),
            bad[..bad.len().min(50)].join("\n")
        );
    }

    // BEGIN GENERATED float_to_s_oracle (runtime/gen/format_tables.rb)
    #[rustfmt::skip]
    const FLOAT_TO_S: &[(u64, &str)] = &[
        (0x0000000000000000, "0.0"),
        (0x8000000000000000, "-0.0"),
        (0x7ff8000000000000, "NaN"),
        (0x7ff0000000000000, "Infinity"),
        (0xfff0000000000000, "-Infinity"),
        (0x0000000000000001, "5.0e-324"),
        (0x8000000000000001, "-5.0e-324"),
        (0x0000000000000002, "1.0e-323"),
        (0x0010000000000000, "2.2250738585072014e-308"),
        (0x000fffffffffffff, "2.225073858507201e-308"),
        (0x7fefffffffffffff, "1.7976931348623157e+308"),
        (0xffefffffffffffff, "-1.7976931348623157e+308"),
        (0x3ff0000000000000, "1.0"),
        (0xbff0000000000000, "-1.0"),
        (0x4059000000000000, "100.0"),
        (0x3fb999999999999a, "0.1"),
        (0x3f1a36e2eb1c432d, "0.0001"),
        (0x3f1a36371ea531a8, "9.999e-05"),
        (0x3ee4f8b588e368f1, "1.0e-05"),
        (0x3f202e4b6ce5dc68, "0.00012345"),
        (0x4132d68700000000, "1234567.0"),
        (0x430c6bf526340000, "1.0e+15"),
        (0x4341c37937e08000, "1.0e+16"),
        (0x4376345785d8a000, "1.0e+17"),
        (0x4341c37937e07fff, "9.999999999999998e+15"),
        (0x430c6bf52633ffff, "999999999999999.9"),
        (0x42d6bcc41e8fffff, "99999999999999.98"),
        (0x42dc12218377de40, "123456789012345.0"),
        (0x43118b54f22aeb00, "1.234567890123456e+15"),
        (0x43118b54f22aeb03, "1234567890123456.8"),
        (0x4345ee2a2eb5a5c4, "1.2345678901234568e+16"),
        (0x4340000000000000, "9.007199254740992e+15"),
        (0x4330000000000001, "4.503599627370497e+15"),
        (0x441ac4da03bc47e4, "1.2345e+20"),
        (0xbe8421f5f40d8376, "-1.5e-07"),
        (0x4480f0cf064dd592, "1.0e+22"),
        (0x44b52d02c7e14af6, "1.0e+23"),
        (0x54b249ad2594c37d, "1.0e+100"),
        (0x2b2bff2ee48e0530, "1.0e-100"),
        (0x3fe0000000000000, "0.5"),
        (0x3fd0000000000000, "0.25"),
        (0x3fc0000000000000, "0.125"),
        (0x4004000000000000, "2.5"),
        (0x3fd5555555555555, "0.3333333333333333"),
        (0x3fe5555555555555, "0.6666666666666666"),
        (0x3fd3333333333334, "0.30000000000000004"),
        (0x4301fd43934bea82, "632942659992912.2"),
        (0x4330000000000000, "4.503599627370496e+15"),
        (0x43e0000000000000, "9.223372036854776e+18"),
        (0x43f0000000000000, "1.8446744073709552e+19"),
        (0x0000000000000003, "1.5e-323"),
        (0x405edd2f1a9fbe77, "123.456"),
        (0xbf50624dd2f1a9fc, "-0.001"),
        (0x3f50624dd2f1a9fc, "0.001"),
        (0x3af357c299a88ea7, "1.0e-24"),
        (0x3af357c299a88ea6, "9.999999999999997e-25"),
        (0x3af357c299a88ea8, "1.0000000000000001e-24"),
        (0x3b282db34012b251, "1.0e-23"),
        (0x3b282db34012b250, "9.999999999999998e-24"),
        (0x3b282db34012b252, "1.0000000000000001e-23"),
        (0x3b5e392010175ee6, "1.0e-22"),
        (0x3b5e392010175ee5, "9.999999999999999e-23"),
        (0x3b5e392010175ee7, "1.0000000000000002e-22"),
        (0x3b92e3b40a0e9b4f, "1.0e-21"),
        (0x3b92e3b40a0e9b4e, "9.999999999999997e-22"),
        (0x3b92e3b40a0e9b50, "1.0000000000000001e-21"),
        (0x3bc79ca10c924223, "1.0e-20"),
        (0x3bc79ca10c924222, "9.999999999999998e-21"),
        (0x3bc79ca10c924224, "1.0000000000000001e-20"),
        (0x3bfd83c94fb6d2ac, "1.0e-19"),
        (0x3bfd83c94fb6d2ab, "9.999999999999999e-20"),
        (0x3bfd83c94fb6d2ad, "1.0000000000000001e-19"),
        (0x3c32725dd1d243ac, "1.0e-18"),
        (0x3c32725dd1d243ab, "9.999999999999999e-19"),
        (0x3c32725dd1d243ad, "1.0000000000000003e-18"),
        (0x3c670ef54646d497, "1.0e-17"),
        (0x3c670ef54646d496, "9.999999999999999e-18"),
        (0x3c670ef54646d498, "1.0000000000000002e-17"),
        (0x3c9cd2b297d889bc, "1.0e-16"),
        (0x3c9cd2b297d889bb, "9.999999999999999e-17"),
        (0x3c9cd2b297d889bd, "1.0000000000000001e-16"),
        (0x3cd203af9ee75616, "1.0e-15"),
        (0x3cd203af9ee75615, "9.999999999999999e-16"),
        (0x3cd203af9ee75617, "1.0000000000000003e-15"),
        (0x3d06849b86a12b9b, "1.0e-14"),
        (0x3d06849b86a12b9a, "9.999999999999998e-15"),
        (0x3d06849b86a12b9c, "1.0000000000000002e-14"),
        (0x3d3c25c268497682, "1.0e-13"),
        (0x3d3c25c268497681, "9.999999999999999e-14"),
        (0x3d3c25c268497683, "1.0000000000000002e-13"),
        (0x3d719799812dea11, "1.0e-12"),
        (0x3d719799812dea10, "9.999999999999998e-13"),
        (0x3d719799812dea12, "1.0000000000000002e-12"),
        (0x3da5fd7fe1796495, "1.0e-11"),
        (0x3da5fd7fe1796494, "9.999999999999998e-12"),
        (0x3da5fd7fe1796496, "1.0000000000000001e-11"),
        (0x3ddb7cdfd9d7bdbb, "1.0e-10"),
        (0x3ddb7cdfd9d7bdba, "9.999999999999999e-11"),
        (0x3ddb7cdfd9d7bdbc, "1.0000000000000002e-10"),
        (0x3e112e0be826d695, "1.0e-09"),
        (0x3e112e0be826d694, "9.999999999999999e-10"),
        (0x3e112e0be826d696, "1.0000000000000003e-09"),
        (0x3e45798ee2308c3a, "1.0e-08"),
        (0x3e45798ee2308c39, "9.999999999999999e-09"),
        (0x3e45798ee2308c3b, "1.0000000000000002e-08"),
        (0x3e7ad7f29abcaf48, "1.0e-07"),
        (0x3e7ad7f29abcaf47, "9.999999999999998e-08"),
        (0x3e7ad7f29abcaf49, "1.0000000000000001e-07"),
        (0x3eb0c6f7a0b5ed8d, "1.0e-06"),
        (0x3eb0c6f7a0b5ed8c, "9.999999999999997e-07"),
        (0x3eb0c6f7a0b5ed8e, "1.0000000000000002e-06"),
        (0x3ee4f8b588e368f0, "9.999999999999999e-06"),
        (0x3ee4f8b588e368f2, "1.0000000000000003e-05"),
        (0x3f1a36e2eb1c432c, "9.999999999999999e-05"),
        (0x3f1a36e2eb1c432e, "0.00010000000000000002"),
        (0x3f50624dd2f1a9fb, "0.0009999999999999998"),
        (0x3f50624dd2f1a9fd, "0.0010000000000000002"),
        (0x3f847ae147ae147b, "0.01"),
        (0x3f847ae147ae147a, "0.009999999999999998"),
        (0x3f847ae147ae147c, "0.010000000000000002"),
        (0x3fb9999999999999, "0.09999999999999999"),
        (0x3fb999999999999b, "0.10000000000000002"),
        (0x3fefffffffffffff, "0.9999999999999999"),
        (0x3ff0000000000001, "1.0000000000000002"),
        (0x4024000000000000, "10.0"),
        (0x4023ffffffffffff, "9.999999999999998"),
        (0x4024000000000001, "10.000000000000002"),
        (0x4058ffffffffffff, "99.99999999999999"),
        (0x4059000000000001, "100.00000000000001"),
        (0x408f400000000000, "1000.0"),
        (0x408f3fffffffffff, "999.9999999999999"),
        (0x408f400000000001, "1000.0000000000001"),
        (0x40c3880000000000, "10000.0"),
        (0x40c387ffffffffff, "9999.999999999998"),
        (0x40c3880000000001, "10000.000000000002"),
        (0x40f86a0000000000, "100000.0"),
        (0x40f869ffffffffff, "99999.99999999999"),
        (0x40f86a0000000001, "100000.00000000001"),
        (0x412e848000000000, "1000000.0"),
        (0x412e847fffffffff, "999999.9999999999"),
        (0x412e848000000001, "1000000.0000000001"),
        (0x416312d000000000, "10000000.0"),
        (0x416312cfffffffff, "9999999.999999998"),
        (0x416312d000000001, "10000000.000000002"),
        (0x4197d78400000000, "100000000.0"),
        (0x4197d783ffffffff, "99999999.99999999"),
        (0x4197d78400000001, "100000000.00000001"),
        (0x41cdcd6500000000, "1000000000.0"),
        (0x41cdcd64ffffffff, "999999999.9999999"),
        (0x41cdcd6500000001, "1000000000.0000001"),
        (0x4202a05f20000000, "10000000000.0"),
        (0x4202a05f1fffffff, "9999999999.999998"),
        (0x4202a05f20000001, "10000000000.000002"),
        (0x42374876e8000000, "100000000000.0"),
        (0x42374876e7ffffff, "99999999999.99998"),
        (0x42374876e8000001, "100000000000.00002"),
        (0x426d1a94a2000000, "1000000000000.0"),
        (0x426d1a94a1ffffff, "999999999999.9999"),
        (0x426d1a94a2000001, "1000000000000.0001"),
        (0x42a2309ce5400000, "10000000000000.0"),
        (0x42a2309ce53fffff, "9999999999999.998"),
        (0x42a2309ce5400001, "10000000000000.002"),
        (0x42d6bcc41e900000, "100000000000000.0"),
        (0x42d6bcc41e900001, "100000000000000.02"),
        (0x430c6bf526340001, "1000000000000000.1"),
        (0x4341c37937e08001, "1.0000000000000002e+16"),
        (0x4376345785d89fff, "9.999999999999998e+16"),
        (0x4376345785d8a001, "1.0000000000000002e+17"),
        (0x43abc16d674ec800, "1.0e+18"),
        (0x43abc16d674ec7ff, "9.999999999999999e+17"),
        (0x43abc16d674ec801, "1.0000000000000001e+18"),
        (0x43e158e460913d00, "1.0e+19"),
        (0x43e158e460913cff, "9.999999999999998e+18"),
        (0x43e158e460913d01, "1.0000000000000002e+19"),
        (0x4415af1d78b58c40, "1.0e+20"),
        (0x4415af1d78b58c3f, "9.999999999999998e+19"),
        (0x4415af1d78b58c41, "1.0000000000000002e+20"),
        (0x444b1ae4d6e2ef50, "1.0e+21"),
        (0x444b1ae4d6e2ef4f, "9.999999999999999e+20"),
        (0x444b1ae4d6e2ef51, "1.0000000000000001e+21"),
        (0x4480f0cf064dd591, "9.999999999999998e+21"),
        (0x4480f0cf064dd593, "1.0000000000000002e+22"),
        (0x44b52d02c7e14af7, "1.0000000000000001e+23"),
        (0x44b52d02c7e14af8, "1.0000000000000003e+23"),
        (0x44ea784379d99db4, "1.0e+24"),
        (0x44ea784379d99db3, "9.999999999999998e+23"),
        (0x44ea784379d99db5, "1.0000000000000001e+24"),
        (0x03198bf832dfdfb0, "1.0e-293"),
        (0x0ac8062864ac6f43, "1.0e-256"),
        (0x12769794a160cb58, "1.0e-219"),
        (0x1a253eda614071a4, "1.0e-182"),
        (0x21d3faac3e3fa1f3, "1.0e-145"),
        (0x2982c9d0b1923745, "1.0e-108"),
        (0x3131ab20e472914a, "1.0e-71"),
        (0x38e09d8792fb4c49, "1.0e-34"),
        (0x483d6329f1c35ca5, "1.0e+40"),
        (0x4feba2bfd0d5ff5b, "1.0e+77"),
        (0x5799fd0fef9de8e0, "1.0e+114"),
        (0x5f48708279e4bc5b, "1.0e+151"),
        (0x66f6fb97ea6a9d38, "1.0e+188"),
        (0x6ea59ce797fb817f, "1.0e+225"),
        (0x7654531e58a03e8c, "1.0e+262"),
        (0x7e031cfd3999f7b0, "1.0e+299"),
        (0x3fafe035ae752cec, "0.06225745920763778"),
        (0x41527cdbd8c9ba11, "4846447.387312428"),
        (0x42599c82cc000000, "440000000000.0"),
        (0x42f7f42d54ef0000, "421400000000000.0"),
        (0x43227e6705032f9a, "2.602765255808973e+15"),
        (0xc267c6ee4c896000, "-816974029899.0"),
        (0x3949f623d5a8a733, "1.0e-32"),
        (0x1700be85dc90fb4f, "7.0e-198"),
        (0x64e3bdf7e0360c36, "1.0e+178"),
        (0xc1a1bfc2c0000000, "-148889952.0"),
        (0x3f5d76e1e0fa2385, "0.001798363289625211"),
        (0x3ee4ceea2957542d, "9.922151813871328e-06"),
        (0x40b082cccccccccd, "4226.8"),
        (0x45a09eaadbaaf0a7, "2.5717886455486005e+27"),
        (0x44d9c96f9c3c65f9, "4.871e+23"),
        (0xc2d59aab18c555c0, "-95016158696791.0"),
        (0xba1fb0f6be506019, "-1.0e-28"),
        (0x24e14feb04625a12, "4.8780208181037e-131"),
        (0x42d1d2ace876fc5f, "78386166881265.48"),
        (0xaf541b5d5890c63a, "-1.0598542352228204e-80"),
        (0x433b28fa7d69e4bc, "7.644880682214588e+15"),
        (0xb5f7624f8a762fd8, "-1.0e-48"),
        (0xafa05a76c2786a14, "-2.75840819796621e-79"),
        (0x782e7955d807b7be, "8.0496148225215e+270"),
        (0x4dd19bd104c6f7bc, "7.41763256e+66"),
        (0x3ab68abfe583c916, "7.28371e-26"),
        (0x42f7e5b7b7259dc0, "420406354926044.0"),
        (0x42f8da5eb5aa93ab, "437218734418234.7"),
        (0x2551bca7e7517254, "6.39706094202968e-129"),
        (0x46c8a6e32246c99c, "1.0e+33"),
        (0xa9efd9a041bfae85, "-1.0849316272584181e-106"),
        (0xdee4e5a3dfcc9b12, "-1.336018506556083e+149"),
        (0x3ef44e96b039d784, "1.9366251775974476e-05"),
        (0xeea59ce797fb817f, "-1.0e+225"),
        (0x24d2675e5d486c43, "2.5928e-131"),
        (0xca2df0d580242a96, "-2.1879233244500282e+49"),
        (0xc30fae1c6f691488, "-1.114645178688145e+15"),
        (0x3db5f518324258e2, "1.997013938e-11"),
        (0x43b3bba6a4378042, "1.4219133316015232e+18"),
        (0x425e0a5d3e5dedaa, "516091607415.7135"),
        (0xc3a28fb8cde3fb97, "-6.687454043925247e+17"),
        (0x41916ae35c000000, "73054423.0"),
        (0xc27b656168b38000, "-1882639993656.0"),
        (0xcd6e62c4e38ff872, "-1.0e+65"),
        (0x43a67b656ab82200, "8.1e+17"),
        (0xc37151e779bb06ca, "-7.800206761082384e+16"),
        (0x4129838075b23243, "836032.2298751551"),
        (0x421df5cdd4c40000, "32169489713.0"),
        (0x50fc16fabb1b5022, "1.3322536486677726e+82"),
        (0x4183dcc614fd8d56, "41654466.62380473"),
        (0x44134e2e14630bc0, "8.90304e+19"),
        (0x3bc2cdf14f21bdaf, "7.964e-21"),
        (0x4531b4b8a5af0944, "2.140517104004612e+25"),
        (0x42f6ed1889562ed0, "403321195422445.0"),
        (0x45de648037658903, "3.7624193445595715e+28"),
        (0x40d1dc0666666666, "18288.1"),
        (0x4391cd4545d0f462, "3.2068940875779904e+17"),
        (0x04fae1e46a949307, "1.1298792003191642e-284"),
        (0x5322a37a44c9ad3c, "3.0373973613e+92"),
        (0x3d4ef373fa74d31b, "2.1992e-13"),
        (0x3ea07111652d2b5c, "4.9e-07"),
        (0xad06b452696464de, "-8.707651232575388e-92"),
        (0xc202a05f20000000, "-10000000000.0"),
        (0xfa0b14a7323d576e, "-7.680782970558956e+279"),
        (0x42d3f914993c4e50, "87842053484857.25"),
        (0x42dc17883cbd1ec0, "123549582029947.0"),
        (0x3f206cc1cd7f7c46, "0.00012531152492465026"),
        (0x42d0ca6d1c280000, "73846400000000.0"),
        (0x423b0a626a050000, "116138338821.0"),
        (0x42cafbff4b2474e8, "59339244456169.81"),
        (0x4300bec823b98ca0, "589170803683732.0"),
        (0xc292f6bdfef64c00, "-5212739714451.0"),
        (0xa95006a6e6adf334, "-1.0662187055722796e-109"),
        (0xc2e57f38ba7ca740, "-189089254204730.0"),
        (0x8d45d98932280f0a, "-1.0e-244"),
        (0xb8aa95a5b7f87a0f, "-1.0e-35"),
        (0x693028d0d01cbe4e, "4.831737821620766e+198"),
        (0x425a5e03f47f58b8, "452985868797.3862"),
        (0x439c00f52b23deeb, "5.044705496740482e+17"),
        (0x70b12e67211973b8, "6.8286e+234"),
        (0x07fcc5e72d8a1834, "3.404003005054558e-270"),
        (0x7f76c8e5ca239029, "1.0e+306"),
        (0xbe65d34729d6d196, "-4.065279777688952e-08"),
        (0xb4839dae6f76d883, "-1.0e-55"),
        (0xf08420eb449c8843, "-1.0e+234"),
        (0x44bab6db85ac2bcb, "1.2615465421459621e+23"),
        (0x3bf37ad1aa5f102a, "6.6e-20"),
        (0x6c27c37e360b3d35, "1.0e+213"),
        (0x44aac1e151b6f1b5, "6.31789930600588e+22"),
        (0x1a21008f2f37abb1, "8.002715420078e-183"),
        (0x43f8f1042a104e0e, "2.875555688009963e+19"),
        (0x7b2769f250138bb8, "1.7408398134994608e+285"),
        (0xcee21c81f7dd43a7, "-1.0e+72"),
        (0x43275963acfbdf8d, "3286104551583686.5"),
        (0x411e567000000000, "497052.0"),
        (0x42018133e7380000, "9397763303.0"),
        (0x5e29ab7679b20b5a, "4.006729385147276e+145"),
        (0x504003ba545b7594, "3.708719164218577e+78"),
        (0xb66244ce242c5561, "-1.0e-46"),
        (0x129e0d2854dd87b9, "5.320688406525798e-219"),
        (0xd56007a89b96763a, "-1.7951460599564385e+103"),
        (0x3b90fecd9a1294fe, "8.99725e-22"),
        (0x3f81b1d92b7fe08b, "0.00864"),
        (0x41f5df7af2c00000, "5871480620.0"),
        (0x422796279eb60000, "50651713371.0"),
        (0x8cdbf7b9d9cce00d, "-1.0e-246"),
        (0x4269e5c6eda4fdb5, "889833614631.9283"),
        (0x629b221effe500d4, "1.0e+167"),
        (0x17e3c6cef8e4f4b2, "1.3545789758761886e-193"),
        (0x6bba44cf31f0151a, "8.6360867e+210"),
        (0x4a0a71250b91c75c, "4.83062308289e+48"),
        (0x3c914b37f4b51f71, "6.0e-17"),
        (0x41ff8952dc500000, "8465493445.0"),
        (0x8cb139a4edecb8f9, "-1.5397391841515656e-247"),
        (0x45b018dee6d13daa, "4.981827e+27"),
        (0x439ac73e12071e36, "4.823948031253252e+17"),
        (0x3f89bef2b7962c1a, "0.012571235873812415"),
        (0x21da180fc8f57342, "1.3060584496623655e-145"),
        (0x6757a65b430c5c61, "6.5857510499644e+189"),
        (0x43a93c40a23883ab, "9.091997075139352e+17"),
        (0x448690d07c9e95f1, "1.3320427103321275e+22"),
        (0x0b994da5253e636c, "8.6282125598314e-253"),
        (0x457e3b65a5d02e67, "5.8477230848288736e+26"),
        (0x39d6a9393580684d, "4.4691e-30"),
        (0xcc98e45e1df3b015, "-1.0e+61"),
        (0xbe112e0be826d695, "-1.0e-09"),
        (0x5412ba095dc7701e, "1.0e+97"),
        (0xd7d03e29f5c2b18c, "-1.0e+115"),
        (0x3f6ba08f5b94a888, "0.0033724594074061066"),
        (0xfbba44df832b8d46, "-1.0e+288"),
        (0xd447688bb5394c25, "-1.0e+98"),
        (0x1cd8274291c6065b, "1.0e-169"),
        (0x42f9ab81be5f27f0, "451590509425279.0"),
        (0x4425af1d78b58c40, "2.0e+20"),
        (0x45ca1f01955aa110, "1.6168188866449787e+28"),
        (0x173c0d2032160543, "9.381567589338186e-197"),
        (0x0e68eb69928af27e, "2.9897451372753956e-239"),
        (0x41b6878f6f000000, "377982831.0"),
        (0x25bc1dd9bc115e8b, "6.49e-127"),
        (0x40de14dcee069e95, "30803.45202794539"),
        (0x421c7f1c44d90494, "30597910838.25447"),
        (0x4515e5238def488f, "6.61738e+24"),
        (0xb62d3ae36d13bbce, "-1.0e-47"),
        (0x43f7101a23fae3f4, "2.658971206936214e+19"),
        (0x372d31ca858d3f3f, "6.545632494742513e-43"),
        (0x714860f406e2da95, "4.960866715081146e+237"),
        (0x43a707ac832685af, "8.297423334981528e+17"),
        (0x42856347c51eb800, "2939518755799.0"),
        (0x3fe3eeea866bedbc, "0.6229145646497538"),
        (0x44992481d416dca5, "2.9683149996464387e+22"),
        (0xd5f170cb642b133f, "-1.0e+106"),
        (0x44b299e9e5f9eeff, "8.784180268691655e+22"),
        (0x45f23ca1fd34adfc, "9.030449116459278e+28"),
        (0x3b25023b02179e45, "8.689e-24"),
        (0xa060c27fa028b0ef, "-1.0e-152"),
        (0x4264d5257df00000, "715802800000.0"),
        (0x80000004b6695433, "-1.0e-313"),
        (0x000000000c1069cd, "1.0e-315"),
        (0x3668e62e3a3539a3, "1.36293479187509e-46"),
        (0x04685d003f6488af, "2.0e-287"),
        (0xc3750c7f8a23919e, "-9.479546286224842e+16"),
        (0x4010f53380b7c208, "4.239454280105299"),
        (0x800000000c1069cd, "-1.0e-315"),
        (0x41fa30829951e4b9, "7030188437.1183405"),
        (0x115e6bc21bb4d3c9, "5.1366e-225"),
        (0x16bd164d794dc61c, "3.8e-199"),
        (0x3afe2356667487a4, "1.5581e-24"),
        (0x6b1f25c186a6f04c, "1.0e+208"),
        (0x7f0296c07b46a47f, "6.3738045e+303"),
        (0x412a708400000000, "866370.0"),
        (0x4146e36000000000, "3000000.0"),
        (0xc3895e4dd96043ef, "-2.2849801184716336e+17"),
        (0x436273b5a005bfdf, "4.1550187934383864e+16"),
        (0x6c0fc099e91f2752, "3.340433365e+212"),
        (0x85629674405d6388, "-1.0e-282"),
        (0x44c8d88d092580f4, "2.3466291000812533e+23"),
        (0x269a71368f0f3047, "1.0e-122"),
        (0x3ee219322b206a2e, "8.63e-06"),
        (0x777cf4a458eb24bb, "3.7346441462e+267"),
        (0x6b4ecec5b2361cde, "7.91273e+208"),
        (0xc162bb02c0000000, "-9820182.0"),
        (0x3f4020b32ab73b8d, "0.0004921793783355541"),
        (0xf7fe494034e79e5c, "-1.0e+270"),
        (0xd6fa9cbc59b83a3d, "-1.0e+111"),
        (0x4073a597f62b6ae8, "314.3496"),
        (0x5d72a6fea6081a8f, "1.42157867888138e+142"),
        (0x45edda8bfdbc4218, "7.391417762422238e+28"),
        (0xeedb04217dfa61df, "-1.0e+226"),
        (0x40f2290f5c8bbfee, "74384.96009421322"),
        (0x60f2357684599702, "1.0e+159"),
        (0x43d8cbb21ca6e1b4, "7.146870053244686e+18"),
        (0xee76050b8d03aea4, "-1.2735275284834807e+224"),
        (0x881521bc6a6b555c, "-1.0e-269"),
        (0x8451d4939d897d79, "-7.31854403504104e-288"),
        (0x40216e4eb7b7da25, "8.715444318001639"),
        (0x449f9e3840cf1e95, "3.7328e+22"),
        (0x468a53c9715eb861, "6.674761634081534e+31"),
        (0x422e61d83b1a9030, "65245289869.28162"),
        (0x428efb433ca7e089, "4258064209148.067"),
        (0xc2d39649cb2d4680, "-86144816297242.0"),
        (0x443043561a882930, "3.0e+20"),
        (0x4584adf4b7320335, "8.0e+26"),
        (0x40466c4d235204b6, "44.846104064033554"),
        (0x6402149eea189fa9, "5.589837064062e+173"),
        (0x4481b385c0b805f9, "1.0448979412939543e+22"),
        (0x9d16c2ea8dcd56ce, "-1.5077913441189788e-168"),
        (0x426f6d648c69c000, "1079834338126.0"),
        (0x14bb9d9f6619bec1, "8.4e-209"),
        (0x58673a556f4f7d19, "7.321796202e+117"),
        (0x454969d31881db13, "6.1445776e+25"),
        (0x06584b69b4f6d70b, "4.282855689976891e-278"),
        (0xd799fd0fef9de8e0, "-1.0e+114"),
        (0x40e6c97666666666, "46667.7"),
        (0x11a0d77f54cc7981, "9.1e-224"),
        (0x40bcd70000000000, "7383.0"),
        (0x4231cd642d96ea3a, "76460338582.91495"),
        (0x433806181e36984a, "6.762100096931914e+15"),
        (0x42921ea0317876c5, "4980686478877.692"),
        (0x41f843f840a00000, "6513722378.0"),
        (0x4190892140000000, "69355600.0"),
        (0x435e5b30577b50e0, "3.417804994230771e+16"),
        (0xc0a2980000000000, "-2380.0"),
        (0x6f02f9537440a4b1, "5.618547263554518e+226"),
        (0x46bd268731bd53a5, "5.912423892892018e+32"),
        (0x3b4d3cc9616bc3aa, "4.83693e-23"),
        (0x453bc0a3e8d03159, "3.3550715089552845e+25"),
        (0x6ae50925a54b18b0, "8.441986248149e+206"),
        (0x44d18823419284a7, "3.3116611150228687e+23"),
        (0xc107cac800000000, "-194905.0"),
        (0x44d287626ee52198, "3.5e+23"),
        (0x1447426a011dfb24, "5.527288275807457e-211"),
        (0x45a6ac79b0782c55, "3.508590059337041e+27"),
        (0x436d93d334706992, "6.660247721419074e+16"),
        (0x7b3b9cc196b4d0db, "4.106e+285"),
        (0x3d462b6fae1b65b1, "1.57525e-13"),
        (0x1cf5225a3f8d4590, "3.5e-169"),
        (0x4413c465840df270, "9.116e+19"),
        (0x6c5f0e5532df0b1f, "1.0454957757475955e+214"),
        (0xdaf8eb6633b7b67b, "-1.7273405178150122e+130"),
        (0x40f5845d79a4196c, "88133.84219751292"),
        (0x9b99539e3a40dfb8, "-1.0e-175"),
        (0x3f175121d305ee4e, "8.8947e-05"),
        (0xc587e22429f4a894, "-9.239429050329046e+26"),
        (0x40f5a29000000000, "88617.0"),
        (0x0090da76a97cb9ad, "6.0e-306"),
        (0x3eaf21bdc6c8c772, "9.278e-07"),
        (0x43247f14da451541, "2884613536123552.5"),
        (0x7b186abc46ee654b, "9.077098940882297e+284"),
        (0x3c52725dd1d243ac, "4.0e-18"),
        (0xb9b4484bfeebc2a0, "-1.0e-30"),
        (0x4292892605e625e1, "5095064435081.47"),
        (0xb2a15bd12bb5d09a, "-8.241516810249314e-65"),
        (0x4083300000000000, "614.0"),
        (0x7dc41b7982340ae2, "6.575063926269677e+297"),
        (0x44c94684c0b39de1, "2.3872e+23"),
        (0x45dad493b1f8f7d7, "3.32144e+28"),
        (0xdda066ac2d5daec4, "-1.0e+143"),
        (0x40e94314cccccccd, "51736.65"),
        (0x433e2da9d27df5fa, "8.494456705512954e+15"),
        (0xe6c262dfeebbb0f9, "-1.0e+187"),
        (0x65f68885e35c43a4, "1.496036e+183"),
        (0x79a53472e5e0151e, "9.397272e+277"),
        (0x42023a9328ab7b5b, "9786516757.435232"),
        (0xe782ba95a6f236cf, "-4.172326550720182e+190"),
        (0xa7d9379fec069826, "-1.0e-116"),
        (0xd65b403dcc834e12, "-1.0e+108"),
        (0x7dce0dbe3886e6f9, "9.8275088066934e+297"),
        (0xc2c716ad10193080, "-50772320465505.0"),
        (0x422c5a196f559808, "60885350314.796936"),
        (0x6622d3d6f88f0b3d, "1.0e+184"),
        (0x3cedb9482c974e0a, "3.3e-15"),
        (0x43aa8a9b6a525e38, "9.56255936361471e+17"),
        (0x403a0a6191cb031b, "26.04055129248"),
        (0x155e903ffcc7df13, "9.5197539802878e-206"),
        (0x9420d51a73deee2d, "-1.0e-211"),
        (0x3ea587fcf1a868a8, "6.416798641912303e-07"),
        (0x43415b066cf27ea2, "9.770315519688004e+15"),
        (0x3f39b8325035bad5, "0.00039244869568381735"),
        (0xe40059a45721b052, "-5.05486574724003e+173"),
        (0xe80188d357087713, "-1.0e+193"),
        (0x4f6c0842193c546b, "3.9622971038939706e+74"),
        (0x433601fd9bedcc84, "6.194638242040964e+15"),
        (0x44d561b95793551a, "4.0388954248250434e+23"),
        (0x3300a8aeb4adaf62, "5.06194763316e-63"),
        (0x433a9365d5e9cb1c, "7.480414984325916e+15"),
        (0x408c40a5269660ff, "904.0806400059081"),
        (0x0f21d061a592c282, "8.7541625661e-236"),
        (0x3f4e134994f3f6c3, "0.0009178265844693379"),
        (0x43986382b6831d00, "4.39348e+17"),
        (0x46156df58dfc0580, "4.244555340496333e+29"),
        (0xf67621d08e892168, "-4.3557067797363716e+262"),
        (0x4309e60269ab9695, "911221556867794.6"),
    ];
    // END GENERATED float_to_s_oracle

    // BEGIN GENERATED inspect_str_oracle (runtime/gen/format_tables.rb)
    #[rustfmt::skip]
    const INSPECT_STR: &[(&str, &str)] = &[
        ("\u{0}", "\"\\u0000\""),
        ("\u{1}", "\"\\u0001\""),
        ("\u{2}", "\"\\u0002\""),
        ("\u{3}", "\"\\u0003\""),
        ("\u{4}", "\"\\u0004\""),
        ("\u{5}", "\"\\u0005\""),
        ("\u{6}", "\"\\u0006\""),
        ("\u{7}", "\"\\a\""),
        ("\u{8}", "\"\\b\""),
        ("\u{9}", "\"\\t\""),
        ("\u{a}", "\"\\n\""),
        ("\u{b}", "\"\\v\""),
        ("\u{c}", "\"\\f\""),
        ("\u{d}", "\"\\r\""),
        ("\u{e}", "\"\\u000E\""),
        ("\u{f}", "\"\\u000F\""),
        ("\u{10}", "\"\\u0010\""),
        ("\u{11}", "\"\\u0011\""),
        ("\u{12}", "\"\\u0012\""),
        ("\u{13}", "\"\\u0013\""),
        ("\u{14}", "\"\\u0014\""),
        ("\u{15}", "\"\\u0015\""),
        ("\u{16}", "\"\\u0016\""),
        ("\u{17}", "\"\\u0017\""),
        ("\u{18}", "\"\\u0018\""),
        ("\u{19}", "\"\\u0019\""),
        ("\u{1a}", "\"\\u001A\""),
        ("\u{1b}", "\"\\e\""),
        ("\u{1c}", "\"\\u001C\""),
        ("\u{1d}", "\"\\u001D\""),
        ("\u{1e}", "\"\\u001E\""),
        ("\u{1f}", "\"\\u001F\""),
        (" ", "\" \""),
        ("!", "\"!\""),
        ("\"", "\"\\\"\""),
        ("#", "\"#\""),
        ("$", "\"$\""),
        ("%", "\"%\""),
        ("&", "\"&\""),
        ("'", "\"'\""),
        ("(", "\"(\""),
        (")", "\")\""),
        ("*", "\"*\""),
        ("+", "\"+\""),
        (",", "\",\""),
        ("-", "\"-\""),
        (".", "\".\""),
        ("/", "\"/\""),
        ("0", "\"0\""),
        ("1", "\"1\""),
        ("2", "\"2\""),
        ("3", "\"3\""),
        ("4", "\"4\""),
        ("5", "\"5\""),
        ("6", "\"6\""),
        ("7", "\"7\""),
        ("8", "\"8\""),
        ("9", "\"9\""),
        (":", "\":\""),
        (";", "\";\""),
        ("<", "\"<\""),
        ("=", "\"=\""),
        (">", "\">\""),
        ("?", "\"?\""),
        ("@", "\"@\""),
        ("A", "\"A\""),
        ("B", "\"B\""),
        ("C", "\"C\""),
        ("D", "\"D\""),
        ("E", "\"E\""),
        ("F", "\"F\""),
        ("G", "\"G\""),
        ("H", "\"H\""),
        ("I", "\"I\""),
        ("J", "\"J\""),
        ("K", "\"K\""),
        ("L", "\"L\""),
        ("M", "\"M\""),
        ("N", "\"N\""),
        ("O", "\"O\""),
        ("P", "\"P\""),
        ("Q", "\"Q\""),
        ("R", "\"R\""),
        ("S", "\"S\""),
        ("T", "\"T\""),
        ("U", "\"U\""),
        ("V", "\"V\""),
        ("W", "\"W\""),
        ("X", "\"X\""),
        ("Y", "\"Y\""),
        ("Z", "\"Z\""),
        ("[", "\"[\""),
        ("\\", "\"\\\\\""),
        ("]", "\"]\""),
        ("^", "\"^\""),
        ("_", "\"_\""),
        ("`", "\"`\""),
        ("a", "\"a\""),
        ("b", "\"b\""),
        ("c", "\"c\""),
        ("d", "\"d\""),
        ("e", "\"e\""),
        ("f", "\"f\""),
        ("g", "\"g\""),
        ("h", "\"h\""),
        ("i", "\"i\""),
        ("j", "\"j\""),
        ("k", "\"k\""),
        ("l", "\"l\""),
        ("m", "\"m\""),
        ("n", "\"n\""),
        ("o", "\"o\""),
        ("p", "\"p\""),
        ("q", "\"q\""),
        ("r", "\"r\""),
        ("s", "\"s\""),
        ("t", "\"t\""),
        ("u", "\"u\""),
        ("v", "\"v\""),
        ("w", "\"w\""),
        ("x", "\"x\""),
        ("y", "\"y\""),
        ("z", "\"z\""),
        ("{", "\"{\""),
        ("|", "\"|\""),
        ("}", "\"}\""),
        ("~", "\"~\""),
        ("\u{7f}", "\"\\u007F\""),
        ("\u{80}", "\"\\u0080\""),
        ("\u{85}", "\"\u{85}\""),
        ("\u{9f}", "\"\\u009F\""),
        ("\u{a0}", "\"\u{a0}\""),
        ("\u{ad}", "\"\u{ad}\""),
        ("\u{ff}", "\"\u{ff}\""),
        ("\u{300}", "\"\u{300}\""),
        ("\u{378}", "\"\\u0378\""),
        ("\u{5d0}", "\"\u{5d0}\""),
        ("\u{200b}", "\"\u{200b}\""),
        ("\u{200d}", "\"\u{200d}\""),
        ("\u{2028}", "\"\\u2028\""),
        ("\u{2029}", "\"\\u2029\""),
        ("\u{202e}", "\"\u{202e}\""),
        ("\u{3000}", "\"\u{3000}\""),
        ("\u{1680}", "\"\u{1680}\""),
        ("\u{e000}", "\"\u{e000}\""),
        ("\u{f8ff}", "\"\u{f8ff}\""),
        ("\u{feff}", "\"\u{feff}\""),
        ("\u{fffd}", "\"\u{fffd}\""),
        ("\u{fffe}", "\"\\uFFFE\""),
        ("\u{ffff}", "\"\\uFFFF\""),
        ("\u{10000}", "\"\u{10000}\""),
        ("\u{1f600}", "\"\u{1f600}\""),
        ("\u{1f9ff}", "\"\u{1f9ff}\""),
        ("\u{e0001}", "\"\u{e0001}\""),
        ("\u{e0100}", "\"\u{e0100}\""),
        ("\u{f0000}", "\"\u{f0000}\""),
        ("\u{10fffd}", "\"\u{10fffd}\""),
        ("\u{10ffff}", "\"\\u{10FFFF}\""),
        ("\u{30000}", "\"\u{30000}\""),
        ("\u{2fffe}", "\"\\u{2FFFE}\""),
        ("\u{1d173}", "\"\u{1d173}\""),
        ("\u{661}", "\"\u{661}\""),
        ("\u{3042}", "\"\u{3042}\""),
        ("", "\"\""),
        ("abc", "\"abc\""),
        ("a#{b", "\"a\\#{b\""),
        ("a#$b", "\"a\\#$b\""),
        ("a#@b", "\"a\\#@b\""),
        ("#", "\"#\""),
        ("##", "\"##\""),
        ("#{", "\"\\#{\""),
        ("##{", "\"#\\#{\""),
        ("###{}", "\"##\\#{}\""),
        ("a#b", "\"a#b\""),
        ("#a", "\"#a\""),
        ("#@@x", "\"\\#@@x\""),
        ("caf\u{e9}", "\"caf\u{e9}\""),
        ("\u{65e5}\u{672c}\u{8a9e}", "\"\u{65e5}\u{672c}\u{8a9e}\""),
        ("tab\u{9}here", "\"tab\\there\""),
        ("q\"uote", "\"q\\\"uote\""),
        ("back\\slash", "\"back\\\\slash\""),
        ("\u{1b}[0m", "\"\\e[0m\""),
        ("\u{0}\u{1}", "\"\\u0000\\u0001\""),
        ("#\u{a}", "\"#\\n\""),
        ("#$", "\"\\#$\""),
        ("#@", "\"\\#@\""),
        ("6iD", "\"6iD\""),
        ("C\u{1e}e", "\"C\\u001Ee\""),
        ("]{\u{10000}\u{1f}\u{e000}\u{11}", "\"]{\u{10000}\\u001F\u{e000}\\u0011\""),
        ("d\u{10}\\\u{ffff}ry", "\"d\\u0010\\\\\\uFFFFry\""),
        ("\u{11}:\u{1f}", "\"\\u0011:\\u001F\""),
        ("=k#\u{11}Z", "\"=k#\\u0011Z\""),
        ("\u{17}:", "\"\\u0017:\""),
        (";s\u{3000}\u{2}", "\";s\u{3000}\\u0002\""),
        ("\u{f8ff}", "\"\u{f8ff}\""),
        ("\u{661}F\\H@#", "\"\u{661}F\\\\H@#\""),
        ("aKVu", "\"aKVu\""),
        ("\u{3}\u{661}", "\"\\u0003\u{661}\""),
        ("\"\u{10000}@\u{200d}[\u{ff}", "\"\\\"\u{10000}@\u{200d}[\u{ff}\""),
        ("\u{5}", "\"\\u0005\""),
        (">)|h\u{d}", "\">)|h\\r\""),
        ("\u{13}!\"", "\"\\u0013!\\\"\""),
        ("f\u{2029}]", "\"f\\u2029]\""),
        ("{", "\"{\""),
        ("'\u{7f}C", "\"'\\u007FC\""),
        ("\"$\u{9f}\u{ad}\u{fffe}", "\"\\\"$\\u009F\u{ad}\\uFFFE\""),
        ("<\u{8}>3\u{e0100}", "\"<\\b>3\u{e0100}\""),
        ("nh\u{feff}P\u{1d173}", "\"nh\u{feff}P\u{1d173}\""),
        ("@", "\"@\""),
        ("\u{8}", "\"\\b\""),
        ("{", "\"{\""),
        ("\u{11}$", "\"\\u0011$\""),
        ("l\"5\u{f0000}", "\"l\\\"5\u{f0000}\""),
        ("Q\u{300}", "\"Q\u{300}\""),
        ("{qn\u{5}\u{85}", "\"{qn\\u0005\u{85}\""),
        ("U", "\"U\""),
        ("\u{2029}\"jI-\u{9f}", "\"\\u2029\\\"jI-\\u009F\""),
        ("\u{11}\"", "\"\\u0011\\\"\""),
        ("\u{1e}F{W#z", "\"\\u001EF{W#z\""),
        ("+\u{d}[\\", "\"+\\r[\\\\\""),
        ("I{%R!\u{f8ff}", "\"I{%R!\u{f8ff}\""),
        ("\u{feff}\u{feff}", "\"\u{feff}\u{feff}\""),
        ("L", "\"L\""),
        ("{", "\"{\""),
        ("\u{19}q3Rv\u{8}", "\"\\u0019q3Rv\\b\""),
        ("\\.*\u{feff}\u{1b}", "\"\\\\.*\u{feff}\\e\""),
        ("\\", "\"\\\\\""),
        ("\u{fffe}a#\u{3}{I", "\"\\uFFFEa#\\u0003{I\""),
        ("\u{17}", "\"\\u0017\""),
        ("e", "\"e\""),
        ("\u{1d173}{\u{10fffd}\u{10fffd}$D", "\"\u{1d173}{\u{10fffd}\u{10fffd}$D\""),
        ("#", "\"#\""),
        (">\u{300}", "\">\u{300}\""),
        ("\\{\\#\u{8}\u{a}", "\"\\\\{\\\\#\\b\\n\""),
        ("9s\u{feff}", "\"9s\u{feff}\""),
        ("\u{10ffff}O9\"\u{ad}\u{d}", "\"\\u{10FFFF}O9\\\"\u{ad}\\r\""),
        ("\u{19}AbB[\u{1a}", "\"\\u0019AbB[\\u001A\""),
        ("\u{18}$&\u{f8ff}\\#", "\"\\u0018$&\u{f8ff}\\\\#\""),
        ("T`@\u{9f}", "\"T`@\\u009F\""),
        ("\u{3042}d=\u{ff}#", "\"\u{3042}d=\u{ff}#\""),
        ("\u{202e}", "\"\u{202e}\""),
        ("\u{5d0}\"", "\"\u{5d0}\\\"\""),
        ("J\u{c}\u{a}l", "\"J\\f\\nl\""),
        ("]\u{1b}", "\"]\\e\""),
        ("=\u{6}", "\"=\\u0006\""),
        ("@>", "\"@>\""),
        ("\u{11}\u{200b}+\u{1d173}", "\"\\u0011\u{200b}+\u{1d173}\""),
        ("t@\u{d}s", "\"t@\\rs\""),
        ("1ei~\u{ad}\u{2}", "\"1ei~\u{ad}\\u0002\""),
        ("\u{2fffe}~3W", "\"\\u{2FFFE}~3W\""),
        ("8o", "\"8o\""),
        ("\u{1c}<\u{e0001}q", "\"\\u001C<\u{e0001}q\""),
        ("\u{1680}", "\"\u{1680}\""),
        ("\\y\u{feff}", "\"\\\\y\u{feff}\""),
        ("%H\u{1d173}\u{10ffff}'W", "\"%H\u{1d173}\\u{10FFFF}'W\""),
        ("\u{f}g{z\u{13}", "\"\\u000Fg{z\\u0013\""),
        ("rx\\\u{1d173}\u{10}\u{80}", "\"rx\\\\\u{1d173}\\u0010\\u0080\""),
        ("\u{0}j\u{c}f", "\"\\u0000j\\ff\""),
        (")", "\")\""),
        ("V\u{ad}s\u{7f}", "\"V\u{ad}s\\u007F\""),
        ("\u{feff}V", "\"\u{feff}V\""),
        ("\"Xm\u{11}", "\"\\\"Xm\\u0011\""),
        ("d+", "\"d+\""),
        ("P`", "\"P`\""),
        ("\u{30000}\"\u{3042}", "\"\u{30000}\\\"\u{3042}\""),
        ("u\u{3042}1", "\"u\u{3042}1\""),
        ("\\\\\u{2029}S\\o", "\"\\\\\\\\\\u2029S\\\\o\""),
        ("?\u{200b}\u{a0}", "\"?\u{200b}\u{a0}\""),
        ("\u{1a}vw", "\"\\u001Avw\""),
        ("O\\\u{1f}_", "\"O\\\\\\u001F_\""),
        ("\\I[\u{10000}", "\"\\\\I[\u{10000}\""),
        ("F\u{1b}\u{e}@}\u{1d}", "\"F\\e\\u000E@}\\u001D\""),
        ("7v+f\u{10ffff}", "\"7v+f\\u{10FFFF}\""),
        ("\u{10ffff}\\", "\"\\u{10FFFF}\\\\\""),
        ("\u{1f}\u{7}#.r|", "\"\\u001F\\a#.r|\""),
        ("\u{10}\u{10}\u{16}\u{c}F", "\"\\u0010\\u0010\\u0016\\fF\""),
        ("\u{fffd}{", "\"\u{fffd}{\""),
        ("W", "\"W\""),
        ("\u{1a}\"\u{1f600}@", "\"\\u001A\\\"\u{1f600}@\""),
        (",\u{ffff}_\\", "\",\\uFFFF_\\\\\""),
        ("_\u{5}", "\"_\\u0005\""),
        ("t\u{1f}", "\"t\\u001F\""),
        ("\u{300}\u{2fffe}!+", "\"\u{300}\\u{2FFFE}!+\""),
        ("aM\u{10000}", "\"aM\u{10000}\""),
        ("\\", "\"\\\\\""),
        ("4+\u{200d}M", "\"4+\u{200d}M\""),
        ("h\u{ad}\u{f8ff}\u{b}*", "\"h\u{ad}\u{f8ff}\\v*\""),
        ("?z}", "\"?z}\""),
        ("P@\u{300}\u{d}\u{ffff}", "\"P@\u{300}\\r\\uFFFF\""),
        ("3#V-\u{e0100}\u{6}", "\"3#V-\u{e0100}\\u0006\""),
        ("\u{2028}{\"", "\"\\u2028{\\\"\""),
        ("?\u{a}\u{feff}i", "\"?\\n\u{feff}i\""),
        ("p?D\u{d}", "\"p?D\\r\""),
        ("[p", "\"[p\""),
        ("\u{b}\u{202e}\u{30000}", "\"\\v\u{202e}\u{30000}\""),
        ("\u{12}p", "\"\\u0012p\""),
        ("\u{200b};!", "\"\u{200b};!\""),
        ("\u{1a}}\u{0}", "\"\\u001A}\\u0000\""),
        ("\u{b}\"\u{2}", "\"\\v\\\"\\u0002\""),
        ("\u{e}@", "\"\\u000E@\""),
        ("R", "\"R\""),
        ("X", "\"X\""),
        ("\u{14}wJ\u{6}\u{1c}", "\"\\u0014wJ\\u0006\\u001C\""),
        ("P#m\u{10}", "\"P#m\\u0010\""),
        ("~\u{1f9ff}\u{c}", "\"~\u{1f9ff}\\f\""),
        ("o", "\"o\""),
        ("eG\u{200d}@\u{13}", "\"eG\u{200d}@\\u0013\""),
        ("\u{10fffd}\u{1b}#\u{85}", "\"\u{10fffd}\\e#\u{85}\""),
        ("\u{2}p\u{2}", "\"\\u0002p\\u0002\""),
        ("\u{14}\u{5}", "\"\\u0014\\u0005\""),
        ("z", "\"z\""),
        ("\u{300}\u{f8ff}\u{9f}$\u{9f}", "\"\u{300}\u{f8ff}\\u009F$\\u009F\""),
        ("\u{13}\u{7f}\u{18}", "\"\\u0013\\u007F\\u0018\""),
        ("v> H\u{1b}", "\"v> H\\e\""),
        ("k\\\u{10000}\u{e000}@q", "\"k\\\\\u{10000}\u{e000}@q\""),
        ("\"\"\u{1f9ff}{N", "\"\\\"\\\"\u{1f9ff}{N\""),
        ("$:", "\"$:\""),
        ("\u{2029}\u{7}${\u{feff}", "\"\\u2029\\a${\u{feff}\""),
        (")\u{3000}=", "\")\u{3000}=\""),
        ("\u{f}]Y6", "\"\\u000F]Y6\""),
        ("#", "\"#\""),
        ("\u{a0}", "\"\u{a0}\""),
        ("Ph\u{9}", "\"Ph\\t\""),
        ("\u{1}", "\"\\u0001\""),
        ("\u{10}1\u{1f}7\u{5d0}4", "\"\\u00101\\u001F7\u{5d0}4\""),
        ("\u{13}#", "\"\\u0013#\""),
        ("\u{1f}4\u{7}", "\"\\u001F4\\a\""),
        ("t\u{18}", "\"t\\u0018\""),
        ("\u{10fffd}\u{e}\u{9}~y", "\"\u{10fffd}\\u000E\\t~y\""),
        ("\u{4}\\\u{7}", "\"\\u0004\\\\\\a\""),
        ("\u{2029}E\u{200b}", "\"\\u2029E\u{200b}\""),
        ("\u{e0100}Y", "\"\u{e0100}Y\""),
        ("\u{661}\u{9f}\u{9f}3\u{fffd}", "\"\u{661}\\u009F\\u009F3\u{fffd}\""),
        ("gI\u{d}5", "\"gI\\r5\""),
        ("+\u{3000}@", "\"+\u{3000}@\""),
        (".H", "\".H\""),
    ];
    #[rustfmt::skip]
    const INSPECT_BYTES: &[(&[u8], &str)] = &[
        (b"\xff", "\"\\xFF\""),
        (b"\xfe\xffabc", "\"\\xFE\\xFFabc\""),
        (b"\xe3\x81", "\"\\xE3\\x81\""),
        (b"\xe3\x81a", "\"\\xE3\\x81a\""),
        (b"\xc3", "\"\\xC3\""),
        (b"\xc0\x80", "\"\\xC0\\x80\""),
        (b"\xed\xa0\x80", "\"\\xED\\xA0\\x80\""),
        (b"\xf4\x90\x80\x80", "\"\\xF4\\x90\\x80\\x80\""),
        (b"\xf0\x9f\x98", "\"\\xF0\\x9F\\x98\""),
        (b"a\xe9", "\"a\\xE9\""),
        (b"\xf0\x9f\x98\x80\xff", "\"\u{1f600}\\xFF\""),
        (b"\x80\x80", "\"\\x80\\x80\""),
        (b"\xc3\xa9\xff#{", "\"\u{e9}\\xFF\\#{\""),
        (b"\x9f\xff", "\"\\x9F\\xFF\""),
        (b"\"\x0a", "\"\\\"\\n\""),
        (b"\x82#\xf0\x82", "\"\\x82#\\xF0\\x82\""),
        (b"#\x0a", "\"#\\n\""),
        (b"a\x81", "\"a\\x81\""),
        (b"\"\xe3{a\x80\x0a", "\"\\\"\\xE3{a\\x80\\n\""),
        (b"#\xa9\xf0{", "\"#\\xA9\\xF0{\""),
        (b"\x81", "\"\\x81\""),
        (b"\x9f\x9f", "\"\\x9F\\x9F\""),
        (b"\x81\x9f\x82\x9f", "\"\\x81\\x9F\\x82\\x9F\""),
        (b"#\x82", "\"#\\x82\""),
        (b"{", "\"{\""),
        (b"\xff\xa9a", "\"\\xFF\\xA9a\""),
        (b"\xc3\x82#a\xc3", "\"\u{c2}#a\\xC3\""),
        (b"#\"#\x82", "\"#\\\"#\\x82\""),
        (b"\xa9\xf0", "\"\\xA9\\xF0\""),
        (b"a\xff", "\"a\\xFF\""),
        (b"\xc3\xc3\xe3", "\"\\xC3\\xC3\\xE3\""),
        (b"\x80\xc3\x0aa\x80\x82", "\"\\x80\\xC3\\na\\x80\\x82\""),
        (b"a\x0a", "\"a\\n\""),
        (b"\xa9\x81\x0a\xc3\xc3{", "\"\\xA9\\x81\\n\\xC3\\xC3{\""),
        (b"\"{#", "\"\\\"{#\""),
        (b"\xff\xa9", "\"\\xFF\\xA9\""),
        (b"\x81{#\xf0", "\"\\x81{#\\xF0\""),
        (b"\xe3\xc3#", "\"\\xE3\\xC3#\""),
        (b"\x80\x80\xa9a\"\xa9", "\"\\x80\\x80\\xA9a\\\"\\xA9\""),
        (b"\xff", "\"\\xFF\""),
        (b"\xa9a\xc3\xf0\"", "\"\\xA9a\\xC3\\xF0\\\"\""),
        (b"\x81", "\"\\x81\""),
        (b"#\x80\x82", "\"#\\x80\\x82\""),
        (b"\xe3\xff\xa9", "\"\\xE3\\xFF\\xA9\""),
        (b"\x9fa\xffa\x9f{", "\"\\x9Fa\\xFFa\\x9F{\""),
        (b"\x81\x81\xf0\x9f", "\"\\x81\\x81\\xF0\\x9F\""),
        (b"\xe3", "\"\\xE3\""),
        (b"{\xff", "\"{\\xFF\""),
        (b"#\x81a", "\"#\\x81a\""),
        (b"\x0a\x80", "\"\\n\\x80\""),
        (b"#\x9f#\x81\x0a\xc3", "\"#\\x9F#\\x81\\n\\xC3\""),
        (b"\x9fa\x9f\xa9\xff", "\"\\x9Fa\\x9F\\xA9\\xFF\""),
        (b"\xffaa\x0a\x82", "\"\\xFFaa\\n\\x82\""),
        (b"\xff\xe3\x80\x0a", "\"\\xFF\\xE3\\x80\\n\""),
        (b"\x9f\x9f\xc3", "\"\\x9F\\x9F\\xC3\""),
        (b"\x9f\xa9\x81", "\"\\x9F\\xA9\\x81\""),
        (b"#", "\"#\""),
        (b"aa", "\"aa\""),
        (b"\xff\xf0", "\"\\xFF\\xF0\""),
        (b"\xe3\"\xf0", "\"\\xE3\\\"\\xF0\""),
        (b"\x9f#", "\"\\x9F#\""),
        (b"\xf0\xe3", "\"\\xF0\\xE3\""),
        (b"\x0a", "\"\\n\""),
    ];
    // END GENERATED inspect_str_oracle

    // BEGIN GENERATED inspect_symbol_oracle (runtime/gen/format_tables.rb)
    #[rustfmt::skip]
    const INSPECT_SYMBOL: &[(&str, &str)] = &[
        ("foo", ":foo"),
        ("foo?", ":foo?"),
        ("foo!", ":foo!"),
        ("foo=", ":foo="),
        ("Foo", ":Foo"),
        ("Foo?", ":Foo?"),
        ("Foo!", ":Foo!"),
        ("Foo=", ":Foo="),
        ("foo?=", ":\"foo?=\""),
        ("foo!=", ":\"foo!=\""),
        ("foo==", ":\"foo==\""),
        ("+", ":+"),
        ("-", ":-"),
        ("*", ":*"),
        ("**", ":**"),
        ("/", ":/"),
        ("%", ":%"),
        ("+@", ":+@"),
        ("-@", ":-@"),
        ("!", ":!"),
        ("!@", ":\"!@\""),
        ("~", ":~"),
        ("~@", ":\"~@\""),
        ("!=", ":!="),
        ("!~", ":!~"),
        ("=~", ":=~"),
        ("==", ":=="),
        ("===", ":==="),
        ("<=>", ":<=>"),
        ("<", ":<"),
        ("<=", ":<="),
        ("<<", ":<<"),
        (">", ":>"),
        (">=", ":>="),
        (">>", ":>>"),
        ("&", ":&"),
        ("|", ":|"),
        ("^", ":^"),
        ("[]", ":[]"),
        ("[]=", ":[]="),
        ("`", ":`"),
        ("=", ":\"=\""),
        ("&&", ":\"&&\""),
        ("||", ":\"||\""),
        ("...", ":\"...\""),
        ("..", ":\"..\""),
        (":", ":\":\""),
        ("::", ":\"::\""),
        ("@iv", ":@iv"),
        ("@@cv", ":@@cv"),
        ("@", ":\"@\""),
        ("@@", ":\"@@\""),
        ("@1", ":\"@1\""),
        ("@@1", ":\"@@1\""),
        ("@iv?", ":\"@iv?\""),
        ("@iv=", ":\"@iv=\""),
        ("$g", ":$g"),
        ("$1", ":$1"),
        ("$12", ":$12"),
        ("$~", ":$~"),
        ("$!", ":$!"),
        ("$-w", ":$-w"),
        ("$-ww", ":\"$-ww\""),
        ("$$", ":$$"),
        ("$?", ":$?"),
        ("$", ":\"$\""),
        ("$-", ":\"$-\""),
        ("$_", ":$_"),
        ("$__", ":$__"),
        ("$a?", ":\"$a?\""),
        ("9a", ":\"9a\""),
        ("_", ":_"),
        ("_1", ":_1"),
        ("nil", ":nil"),
        ("true", ":true"),
        ("self", ":self"),
        ("class", ":class"),
        ("def", ":def"),
        ("if", ":if"),
        ("__FILE__", ":__FILE__"),
        ("BEGIN", ":BEGIN"),
        ("a.b", ":\"a.b\""),
        ("[]?", ":\"[]?\""),
        ("=>", ":\"=>\""),
        ("->", ":\"->\""),
        ("$0", ":$0"),
        ("$10", ":$10"),
        ("$-1", ":$-1"),
        ("$:", ":$:"),
        ("$;", ":$;"),
        ("$,", ":$,"),
        ("$/", ":$/"),
        ("$\\", ":$\\"),
        ("$*", ":$*"),
        ("$<", ":$<"),
        ("$>", ":$>"),
        ("$\"", ":$\""),
        ("$.", ":$."),
        ("$=", ":$="),
        ("$&", ":$&"),
        ("$`", ":$`"),
        ("$'", ":$'"),
        ("$+", ":$+"),
        ("$@", ":$@"),
        ("@a1", ":@a1"),
        ("A1", ":A1"),
        ("a1", ":a1"),
        ("1", ":\"1\""),
        ("?", ":\"?\""),
        ("!==", ":\"!==\""),
        ("9=", ":9="),
        ("@=", ":@="),
        ("@@=", ":@@="),
        ("?=", ":?="),
        ("[=", ":[="),
        ("[]==", ":\"[]==\""),
        ("$a=", ":\"$a=\""),
        ("@a=", ":\"@a=\""),
        ("A=", ":A="),
        ("a?=", ":\"a?=\""),
        ("foo!!", ":\"foo!!\""),
        ("$-a=", ":$-a="),
        ("@1=", ":@1="),
        ("$1=", ":$1="),
        ("$-$", ":\"$-$\""),
        ("$0a", ":\"$0a\""),
        ("$_a", ":$_a"),
        ("", ":\"\""),
        ("a b", ":\"a b\""),
        ("foo bar", ":\"foo bar\""),
        ("a\u{a}b", ":\"a\\nb\""),
        ("a\"b", ":\"a\\\"b\""),
        ("foo-bar", ":\"foo-bar\""),
        (" =", ": ="),
        ("a\u{1}", ":\"a\\x01\""),
        ("\u{e9}", ":\u{e9}"),
        ("\u{65e5}\u{672c}", ":\u{65e5}\u{672c}"),
        ("\u{f1}?", ":\u{f1}?"),
        ("\u{f1}=", ":\u{f1}="),
        ("\u{c4}", ":\u{c4}"),
        ("\u{c4}b", ":\u{c4}b"),
        ("\u{e9}t\u{e9}", ":\u{e9}t\u{e9}"),
        ("\u{3042}", ":\u{3042}"),
        ("\u{e9}!", ":\u{e9}!"),
        ("\u{e9}\u{1}", ":\"\u{e9}\\u0001\""),
        ("a\u{7f}", ":\"a\\x7F\""),
        ("$-\u{e9}", ":$-\u{e9}"),
        ("$\u{e9}", ":$\u{e9}"),
        ("@\u{e9}", ":@\u{e9}"),
        ("a\u{378}", ":\"a\\u0378\""),
        ("a\u{85}", ":a\u{85}"),
        ("\u{0}", ":\"\\x00\""),
        ("a\u{0}b", ":\"a\\x00b\""),
        ("\u{e9} ", ":\"\u{e9} \""),
        ("#{", ":\"\\#{\""),
        ("#{x}", ":\"\\#{x}\""),
        ("\"", ":\"\\\"\""),
        ("\\", ":\"\\\\\""),
        ("_aa=", ":_aa="),
        ("\u{a}|", ":\"\\n|\""),
        ("~/", ":\"~/\""),
        ("\u{a}", ":\"\\n\""),
        ("?<\u{a}%", ":\"?<\\n%\""),
        ("%#^", ":\"%#^\""),
        ("/\u{378}>", ":\"/\\u0378>\""),
        ("!``#", ":\"!``#\""),
        ("~-", ":\"~-\""),
        ("\"/", ":\"\\\"/\""),
        ("Z#", ":\"Z#\""),
        ("\u{85} ", ":\"\u{85} \""),
        ("/%", ":\"/%\""),
        ("^<%", ":\"^<%\""),
        (".", ":\".\""),
        ("|?", ":\"|?\""),
        ("<-<", ":\"<-<\""),
        ("Z\u{378}Z", ":\"Z\\u0378Z\""),
        ("-]:", ":\"-]:\""),
        ("\u{85}", ":\u{85}"),
        ("a", ":a"),
        ("\u{a}&#", ":\"\\n&#\""),
        ("@_\u{378}`", ":\"@_\\u0378`\""),
        ("@/[.", ":\"@/[.\""),
        ("Z\u{a}", ":\"Z\\n\""),
        ("|! ", ":\"|! \""),
        (".[Z", ":\".[Z\""),
        ("Z", ":Z"),
        ("/><+", ":\"/><+\""),
        ("&\u{85}\u{a}&", ":\"&\u{85}\\n&\""),
        ("+\u{378}:", ":\"+\\u0378:\""),
        ("#", ":\"#\""),
        (">_", ":\">_\""),
        ("&&*", ":\"&&*\""),
        ("\u{e9}!\u{e9}\"", ":\"\u{e9}!\u{e9}\\\"\""),
        ("a^", ":\"a^\""),
        ("%\u{85}@1", ":\"%\u{85}@1\""),
        ("[\u{85}$<", ":\"[\u{85}$<\""),
        (">@\u{e9}*", ":\">@\u{e9}*\""),
        ("-1%", ":\"-1%\""),
        ("\u{a}:\"", ":\"\\n:\\\"\""),
        ("a 1", ":\"a 1\""),
        ("!/].", ":\"!/].\""),
        ("%~:~", ":\"%~:~\""),
        ("%^", ":\"%^\""),
        ("_=\u{a}", ":\"_=\\n\""),
        ("\u{378}a", ":\"\\u0378a\""),
        ("><%[", ":\"><%[\""),
        (">]|&", ":\">]|&\""),
        ("^ZZ1", ":\"^ZZ1\""),
        ("%+!\u{e9}", ":\"%+!\u{e9}\""),
        ("=&a\u{378}", ":\"=&a\\u0378\""),
        ("!Z\"", ":\"!Z\\\"\""),
        ("//+", ":\"//+\""),
        ("-\u{e9}\u{a}`", ":\"-\u{e9}\\n`\""),
        ("^_^", ":\"^_^\""),
        ("Z?.+", ":\"Z?.+\""),
        ("~\u{85}", ":\"~\u{85}\""),
        ("\u{e9} =-", ":\"\u{e9} =-\""),
        ("|Z", ":\"|Z\""),
        ("\u{378}", ":\"\\u0378\""),
        ("\u{e9}\u{e9}@$", ":\"\u{e9}\u{e9}@$\""),
        ("Z[", ":\"Z[\""),
        ("%\u{378}", ":\"%\\u0378\""),
        (":&1|", ":\":&1|\""),
        (">?~[", ":\">?~[\""),
        ("^#", ":\"^#\""),
        ("Z@!", ":\"Z@!\""),
        ("[", ":\"[\""),
        ("></", ":\"></\""),
        ("^1/", ":\"^1/\""),
        (" ", ":\" \""),
        ("` !*", ":\"` !*\""),
        ("`.", ":\"`.\""),
        ("[~:", ":\"[~:\""),
        ("`&$/", ":\"`&$/\""),
        ("]", ":\"]\""),
        ("^$", ":\"^$\""),
        ("# [", ":\"# [\""),
        ("[@.", ":\"[@.\""),
        ("|#> ", ":\"|#> \""),
        ("?Z<:", ":\"?Z<:\""),
        ("+\u{a}", ":\"+\\n\""),
        ("a`@ ", ":\"a`@ \""),
        ("-a` ", ":\"-a` \""),
        ("%~\u{378}", ":\"%~\\u0378\""),
        ("|\u{85}!-", ":\"|\u{85}!-\""),
        ("~\u{a}?", ":\"~\\n?\""),
        ("<%=+", ":\"<%=+\""),
        ("$]", ":\"$]\""),
        ("./ Z", ":\"./ Z\""),
        ("#$#%", ":\"\\#$#%\""),
        ("^=$", ":\"^=$\""),
        ("]=", ":]="),
        ("|.[", ":\"|.[\""),
        ("\u{e9}/", ":\"\u{e9}/\""),
        ("$\u{a}?~", ":\"$\\n?~\""),
        ("[\u{a}:", ":\"[\\n:\""),
        ("_a-*", ":\"_a-*\""),
        ("<1 ", ":\"<1 \""),
        ("#[Z", ":\"#[Z\""),
        ("+\u{a}\u{378}", ":\"+\\n\\u0378\""),
        ("[\u{a}", ":\"[\\n\""),
        ("+\u{378}_", ":\"+\\u0378_\""),
        ("<= ", ":\"<= \""),
        ("**_-", ":\"**_-\""),
        (">*+`", ":\">*+`\""),
        ("\"[|", ":\"\\\"[|\""),
        ("&Z[", ":\"&Z[\""),
        (" <\u{a}", ":\" <\\n\""),
        ("]=|\"", ":\"]=|\\\"\""),
        ("\u{e9}&[", ":\"\u{e9}&[\""),
        ("<[\u{a}*", ":\"<[\\n*\""),
        ("+/@#", ":\"+/@#\""),
    ];
    // END GENERATED inspect_symbol_oracle
}
