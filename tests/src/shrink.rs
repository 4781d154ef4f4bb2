//! Shrinking a failing program by hierarchical delta debugging over its statements.
//!
//! The program is read as a tree of statements by indentation, as the generator writes it
//! (two spaces per level, one statement per line, `end`/`else`/`rescue`/`ensure`/`when`/
//! `elsif` at the level of the line that opened them): a statement is its first line, the
//! more indented lines after it, and the closing lines at its own level. The shrinker
//! removes sets of sibling statements (ddmin), tries to replace a compound statement by
//! one of its bodies (`if c ... end` by its body, `begin ... rescue ... end` by the
//! `begin` part), then descends into the bodies, and repeats until nothing more goes.
//! A candidate is kept only when `still_fails` says it fails the same way; the caller's
//! predicate is also what keeps candidates valid (for example, CRuby must still run them
//! to the end).

use std::time::{Duration, Instant};

#[derive(Clone, Debug)]
struct Node {
    /// The lines of the whole statement: `start..end`.
    start: usize,
    end: usize,
    /// The bodies (sections between structural lines), each a list of statements.
    sections: Vec<Vec<Node>>,
    /// The structural lines (first line, `else`, `rescue`, `end`...).
    frame: Vec<usize>,
}

fn indent_of(l: &str) -> usize {
    l.len() - l.trim_start().len()
}

/// A line that continues or closes the statement above it at the same level.
fn is_continuation(l: &str) -> bool {
    let t = l.trim();
    matches!(t, "end" | "else" | "rescue" | "ensure" | "}")
        || ["end ", "end.", "elsif ", "rescue ", "when ", "else "]
            .iter()
            .any(|k| t.starts_with(k))
}

/// The statements of `lines[from..to]` at indentation `base` (lines indented less are
/// skipped: they belong to the enclosing statement).
fn parse(lines: &[String], from: usize, to: usize, base: usize) -> Vec<Node> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        let l = &lines[i];
        if l.trim().is_empty() || indent_of(l) != base || is_continuation(l) {
            i += 1;
            continue;
        }
        let start = i;
        let mut frame = vec![i];
        let mut section_starts = vec![i + 1];
        let mut j = i + 1;
        while j < to {
            let m = &lines[j];
            let ind = indent_of(m);
            if m.trim().is_empty() || ind > base {
                j += 1;
                continue;
            }
            if ind == base && is_continuation(m) {
                frame.push(j);
                section_starts.push(j + 1);
                j += 1;
                continue;
            }
            break;
        }
        let end = j;
        let mut sections = Vec::new();
        for (k, &s) in section_starts.iter().enumerate() {
            let e = if k + 1 < frame.len() {
                frame[k + 1]
            } else {
                end
            };
            if s < e {
                sections.push(parse(lines, s, e, base + 2));
            } else {
                sections.push(Vec::new());
            }
        }
        out.push(Node {
            start,
            end,
            sections,
            frame,
        });
        i = end;
    }
    out
}

/// Limits on the work of one shrink.
#[derive(Clone, Copy, Debug)]
pub struct Budget {
    pub max_tests: usize,
    pub max_time: Duration,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            max_tests: 600,
            max_time: Duration::from_secs(180),
        }
    }
}

/// What a shrink did.
#[derive(Clone, Debug)]
pub struct Shrunk {
    pub program: String,
    pub tests: usize,
    pub lines_before: usize,
    pub lines_after: usize,
    /// The budget ran out before a fixpoint.
    pub exhausted: bool,
}

struct State<'a> {
    lines: Vec<String>,
    keep: Vec<bool>,
    test: &'a mut dyn FnMut(&str) -> bool,
    tests: usize,
    budget: Budget,
    start: Instant,
}

impl State<'_> {
    fn out_of_budget(&self) -> bool {
        self.tests >= self.budget.max_tests || self.start.elapsed() >= self.budget.max_time
    }

    fn text(&self, keep: &[bool]) -> String {
        let mut s = String::new();
        for (l, k) in self.lines.iter().zip(keep) {
            if *k {
                s.push_str(l);
                s.push('\n');
            }
        }
        s
    }

    /// Tries `keep`; adopts it if the program still fails.
    fn try_keep(&mut self, keep: Vec<bool>) -> bool {
        if keep == self.keep || self.out_of_budget() {
            return false;
        }
        self.tests += 1;
        let text = self.text(&keep);
        if (self.test)(&text) {
            self.keep = keep;
            true
        } else {
            false
        }
    }

    fn alive(&self, n: &Node) -> bool {
        self.keep[n.start]
    }

    fn without(&self, nodes: &[&Node]) -> Vec<bool> {
        let mut k = self.keep.clone();
        for n in nodes {
            for x in k.iter_mut().take(n.end).skip(n.start) {
                *x = false;
            }
        }
        k
    }

    /// ddmin over sibling statements: removes chunks, halving their size.
    fn reduce_list(&mut self, nodes: &[Node]) -> bool {
        let mut changed = false;
        let mut live: Vec<&Node> = nodes.iter().filter(|n| self.alive(n)).collect();
        let mut chunks = 2usize;
        while !live.is_empty() && !self.out_of_budget() {
            let size = live.len().div_ceil(chunks.min(live.len()));
            let mut removed_any = false;
            let mut at = 0;
            while at < live.len() && !self.out_of_budget() {
                let chunk: Vec<&Node> = live[at..(at + size).min(live.len())].to_vec();
                let keep = self.without(&chunk);
                if self.try_keep(keep) {
                    live.drain(at..(at + size).min(live.len()));
                    removed_any = true;
                    changed = true;
                } else {
                    at += size;
                }
            }
            if !removed_any {
                if size <= 1 {
                    break;
                }
                chunks = (chunks * 2).min(live.len().max(1));
            } else {
                chunks = chunks.saturating_sub(1).max(2);
            }
        }
        changed
    }

    /// Replaces a compound statement by one of its bodies.
    fn unwrap(&mut self, n: &Node) -> bool {
        if !self.alive(n) || n.sections.is_empty() {
            return false;
        }
        for s in 0..n.sections.len() {
            if n.sections[s].is_empty() {
                continue;
            }
            let mut keep = self.keep.clone();
            for &f in &n.frame {
                keep[f] = false;
            }
            for (t, sec) in n.sections.iter().enumerate() {
                if t != s {
                    for m in sec {
                        for x in keep.iter_mut().take(m.end).skip(m.start) {
                            *x = false;
                        }
                    }
                }
            }
            if self.try_keep(keep) {
                return true;
            }
        }
        false
    }

    fn visit(&mut self, nodes: &[Node]) -> bool {
        let mut changed = self.reduce_list(nodes);
        for n in nodes {
            if self.out_of_budget() {
                break;
            }
            if !self.alive(n) {
                continue;
            }
            if self.unwrap(n) {
                changed = true;
            }
            for sec in &n.sections {
                if self.visit(sec) {
                    changed = true;
                }
            }
        }
        changed
    }
}

/// Shrinks `program` while `still_fails` holds (it is not called on `program` itself).
pub fn shrink(program: &str, budget: Budget, still_fails: &mut dyn FnMut(&str) -> bool) -> Shrunk {
    let lines: Vec<String> = program.lines().map(|l| l.to_string()).collect();
    let tree = parse(&lines, 0, lines.len(), 0);
    let n = lines.len();
    let mut st = State {
        keep: vec![true; n],
        lines,
        test: still_fails,
        tests: 0,
        budget,
        start: Instant::now(),
    };
    // Comment lines go first, for free.
    let mut keep = st.keep.clone();
    for (i, l) in st.lines.iter().enumerate() {
        if l.trim_start().starts_with('#') && i > 0 {
            keep[i] = false;
        }
    }
    st.try_keep(keep);
    for _round in 0..4 {
        if !st.visit(&tree) || st.out_of_budget() {
            break;
        }
    }
    let program = st.text(&st.keep);
    Shrunk {
        lines_after: program.lines().count(),
        program,
        tests: st.tests,
        lines_before: n,
        exhausted: st.out_of_budget(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_generated_structure() {
        let src = "a = 1\nif a > 0\n  p(1)\n  p(2)\nelse\n  p(3)\nend\nwhile a < 3\n  a += 1\nend\np(a)\n";
        let lines: Vec<String> = src.lines().map(|s| s.to_string()).collect();
        let t = parse(&lines, 0, lines.len(), 0);
        assert_eq!(t.len(), 4);
        assert_eq!((t[1].start, t[1].end), (1, 7));
        assert_eq!(t[1].sections.len(), 3);
        assert_eq!(t[1].sections[0].len(), 2);
        assert_eq!(t[1].sections[1].len(), 1);
    }

    #[test]
    fn shrinks_to_the_needed_lines() {
        // "Fails" when the program still prints 42 after a definition of x.
        let src = "x = 1\ny = 2\nif y > 1\n  p(y)\n  z = 42\n  p(z)\nend\np(x)\n";
        let mut test = |s: &str| s.contains("z = 42") && s.contains("p(z)");
        let r = shrink(src, Budget::default(), &mut test);
        assert_eq!(r.program, "  z = 42\n  p(z)\n");
    }
}
