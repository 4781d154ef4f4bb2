//! Shrinking a failing input: delta debugging over lines, then tokens, then characters.
//!
//! Each level cuts the text into units (lines, [`super::tokens`], characters) and runs
//! ddmin: it tries removing chunks of units, halving the chunk size when no chunk can go,
//! until single units cannot go either. A candidate is kept when the predicate says it
//! still fails the same way; the caller's predicate compares symptom classes, so that
//! shrinking does not slide from one bug to another. Whole lines go first because they
//! are cheap and big; tokens next, because removing half a token rarely keeps a Ruby
//! program meaningful; characters last, for what tokens miss (`((((` runs, a byte in a
//! string).

use super::tokens;
use std::time::{Duration, Instant};

/// Limits of one shrink.
#[derive(Clone, Copy, Debug)]
pub struct Budget {
    pub time: Duration,
    /// Predicate calls at most.
    pub tests: usize,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            time: Duration::from_secs(120),
            tests: 5000,
        }
    }
}

/// What shrinking did.
#[derive(Clone, Debug)]
pub struct Shrunk {
    pub text: String,
    /// Predicate calls made.
    pub tests: usize,
    /// Whether it stopped because the budget ran out (the result may shrink further).
    pub out_of_budget: bool,
}

struct Run<'a> {
    still_fails: &'a mut dyn FnMut(&str) -> bool,
    budget: Budget,
    start: Instant,
    tests: usize,
}

impl Run<'_> {
    fn exhausted(&self) -> bool {
        self.tests >= self.budget.tests || self.start.elapsed() >= self.budget.time
    }

    fn test(&mut self, text: &str) -> bool {
        self.tests += 1;
        (self.still_fails)(text)
    }

    /// ddmin over `units`: the shortest list (by removals of chunks) that still fails.
    fn ddmin(&mut self, mut units: Vec<String>) -> Vec<String> {
        let mut chunk = units.len().div_ceil(2).max(1);
        loop {
            let mut removed_any = false;
            let mut start = 0;
            while start < units.len() && !self.exhausted() {
                let end = (start + chunk).min(units.len());
                let candidate: String = units[..start]
                    .iter()
                    .chain(&units[end..])
                    .map(String::as_str)
                    .collect();
                if self.test(&candidate) {
                    units.drain(start..end);
                    removed_any = true;
                } else {
                    start = end;
                }
            }
            if self.exhausted() || (chunk == 1 && !removed_any) {
                return units;
            }
            if !removed_any {
                chunk = chunk.div_ceil(2);
            } else {
                chunk = chunk.min(units.len().div_ceil(2)).max(1);
            }
        }
    }
}

/// Lines with their newlines.
fn lines(s: &str) -> Vec<String> {
    s.split_inclusive('\n').map(str::to_string).collect()
}

fn toks(s: &str) -> Vec<String> {
    tokens::tokenize(s)
        .into_iter()
        .map(|t| t.text.to_string())
        .collect()
}

fn chars(s: &str) -> Vec<String> {
    s.chars().map(String::from).collect()
}

/// Shrinks `text`, which must fail (`still_fails(text)`), as far as `budget` allows.
pub fn shrink(text: &str, budget: Budget, still_fails: &mut dyn FnMut(&str) -> bool) -> Shrunk {
    let mut run = Run {
        still_fails,
        budget,
        start: Instant::now(),
        tests: 0,
    };
    let mut cur = text.to_string();
    // Each level can open the way for the ones before it; go round while it helps.
    for _ in 0..3 {
        let before = cur.len();
        for level in [lines as fn(&str) -> Vec<String>, toks, chars] {
            if run.exhausted() {
                break;
            }
            cur = run.ddmin(level(&cur)).concat();
        }
        if cur.len() == before || run.exhausted() {
            break;
        }
    }
    Shrunk {
        text: cur,
        tests: run.tests,
        out_of_budget: run.exhausted(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_what_the_failure_needs() {
        let text = "a = 1\nb = 2\nfoo(bar, BOOM + 1)\nc = 3\n";
        let r = shrink(text, Budget::default(), &mut |s| s.contains("BOOM"));
        assert_eq!(r.text, "BOOM");
        assert!(!r.out_of_budget);
    }

    #[test]
    fn shrinks_a_long_nest_quickly() {
        let text = format!("p {}1{}\n", "(".repeat(5000), ")".repeat(5000));
        // "fails" while at least 10 parens are open before the 1.
        let mut r = shrink(&text, Budget::default(), &mut |s| {
            s.find('1').map(|i| s[..i].matches('(').count() >= 10) == Some(true)
        });
        r.text.retain(|c| c != ')');
        assert_eq!(r.text, "((((((((((1");
        assert!(r.tests < 2000, "{} tests", r.tests);
    }

    #[test]
    fn stops_at_the_budget() {
        let text = "x\n".repeat(1000);
        let budget = Budget {
            time: Duration::from_secs(60),
            tests: 5,
        };
        let r = shrink(&text, budget, &mut |s| s.len() > 10);
        assert!(r.out_of_budget);
        assert_eq!(r.tests, 5);
    }
}
