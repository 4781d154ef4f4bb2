//! What can be wrong with an input's run, and which of it is a finding.

use super::exec::{Event, Stage};
use super::worker::{End, Report};

/// One thing observed about an input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Symptom {
    /// A stage panicked; `location` is the panic's `file:line`.
    Panic {
        stage: Stage,
        location: String,
        message: String,
    },
    /// The worker died during the stage (a signal, or an abort: a stack overflow, a
    /// panic while panicking).
    Signal {
        stage: Option<Stage>,
        how: String,
        stderr: String,
    },
    /// The worker ran out of the memory it is allowed (`--memory-mb`): a program that
    /// builds huge values. Counted, not a finding.
    OutOfMemory { stage: Option<Stage> },
    /// A stage that must always end (parse, compile, RON load, passes) overran its
    /// deadline; or a program ran past a long deadline although CRuby runs it to its end.
    Hang { stage: Stage },
    /// A program ran past its deadline; `verdict` says what CRuby does with it:
    /// `loops` (CRuby does not end it either: an infinite loop), `slow` (rebound ends it
    /// given the long deadline), `cruby-ends` (CRuby ends it; rebound was not given a
    /// second, longer run), `unsafe` (a program CRuby may not run), `unchecked` (no
    /// `ruby`). Not a finding.
    RunTimeout { stage: Stage, verdict: &'static str },
    /// A version (or IR0) rejected by the verifier, or a pipeline error on IR0.
    Verifier { stage: Stage, message: String },
    /// `--tier interp` and `--tier opt` ended differently.
    Mismatch { detail: String },
    /// rebound runs the program; CRuby rejects it (the message is CRuby's).
    AcceptsInvalid { cruby: String },
    /// rebound runs the program; CRuby cannot compile it for a limit of its own (its
    /// parser's `nesting too deep`, its compiler's `stack level too deep`). Counted, not
    /// a finding.
    CRubyLimit { cruby: String },
}

impl Symptom {
    /// Whether this is a bug to report (the others are counted only).
    pub fn is_finding(&self) -> bool {
        !matches!(
            self,
            Symptom::OutOfMemory { .. } | Symptom::RunTimeout { .. } | Symptom::CRubyLimit { .. }
        )
    }

    /// The class that shrinking keeps and findings are grouped by: the kind, the stage,
    /// and for panics the location, for signals the signal.
    pub fn class(&self) -> String {
        let st = |s: &Option<Stage>| s.map(|s| s.name()).unwrap_or("start");
        match self {
            Symptom::Panic {
                stage, location, ..
            } => format!("panic@{}:{location}", stage.name()),
            Symptom::Signal { stage, how, stderr } => {
                let what = if stderr.contains("has overflowed its stack") {
                    "stack-overflow"
                } else {
                    how.as_str()
                };
                format!("signal@{}:{what}", st(stage))
            }
            Symptom::OutOfMemory { stage } => format!("oom@{}", st(stage)),
            Symptom::Hang { stage } => format!("hang@{}", stage.name()),
            Symptom::RunTimeout { stage, verdict } => {
                format!("run-timeout@{}:{verdict}", stage.name())
            }
            Symptom::Verifier { stage, .. } => format!("verifier@{}", stage.name()),
            Symptom::Mismatch { .. } => "tier-mismatch".into(),
            Symptom::AcceptsInvalid { cruby } => {
                format!("accepts-invalid:{}", cruby_reason(cruby))
            }
            Symptom::CRubyLimit { cruby } => format!("cruby-limit:{}", cruby_reason(cruby)),
        }
    }

    /// The stage whose command line reproduces it.
    pub fn stage(&self) -> Option<Stage> {
        match self {
            Symptom::Panic { stage, .. }
            | Symptom::Hang { stage }
            | Symptom::RunTimeout { stage, .. }
            | Symptom::Verifier { stage, .. } => Some(*stage),
            Symptom::Signal { stage, .. } | Symptom::OutOfMemory { stage } => *stage,
            Symptom::Mismatch { .. } => Some(Stage::Opt),
            Symptom::AcceptsInvalid { .. } | Symptom::CRubyLimit { .. } => Some(Stage::Interp),
        }
    }

    /// A longer description for the finding's header.
    pub fn detail(&self) -> String {
        match self {
            Symptom::Panic { message, .. } => message.clone(),
            Symptom::Signal { how, stderr, .. } => format!("{how}; stderr ends: {stderr}"),
            Symptom::Verifier { message, .. } => message.clone(),
            Symptom::Mismatch { detail } => detail.clone(),
            Symptom::AcceptsInvalid { cruby } => format!("CRuby: {cruby}"),
            Symptom::Hang { .. } => "no answer within the deadline".into(),
            s => s.class(),
        }
    }
}

/// Whether CRuby's rejection comes from a limit of CRuby's rather than from the
/// language: a program nested past its parser's stack, a compiler that overflows its own
/// stack, a checker that crashed.
pub fn is_cruby_limit(message: &str) -> bool {
    ["nesting too deep", "(SystemStackError)", "syntax checker"]
        .iter()
        .any(|m| message.contains(m))
}

/// CRuby's reason for rejecting a program, without the place and the list of what it
/// expected: `syntax error, unexpected `end'`, `Invalid break`. Findings of one reason
/// are one class, so that each reason gets its own shrunk examples.
pub fn cruby_reason(message: &str) -> String {
    let mut m = message.trim();
    // "fuzz.rb:12: " (and "fuzz.rb:12:" for some messages)
    if let Some(rest) = m.strip_prefix("fuzz.rb:") {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        m = rest[digits..].trim_start_matches(':').trim_start();
    }
    let m = m.split(", expecting").next().unwrap_or(m);
    m.chars().take(60).collect()
}

/// The symptoms a worker's report shows (without CRuby's opinion, which the campaign
/// adds).
pub fn of_report(r: &Report) -> Vec<Symptom> {
    let mut v: Vec<Symptom> = r
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Panic(stage, m) => {
                let (location, message) = m.split_once(": ").unwrap_or(("?", m));
                Some(Symptom::Panic {
                    stage: *stage,
                    location: location.to_string(),
                    message: message.to_string(),
                })
            }
            Event::Verifier(stage, m) => Some(Symptom::Verifier {
                stage: *stage,
                message: m.clone(),
            }),
            Event::Mismatch(d) => Some(Symptom::Mismatch { detail: d.clone() }),
            _ => None,
        })
        .collect();
    match &r.end {
        End::Done { .. } => {}
        End::Timeout(stage) if stage.runs_program() => v.push(Symptom::RunTimeout {
            stage: *stage,
            verdict: "unchecked",
        }),
        End::Timeout(stage) => v.push(Symptom::Hang { stage: *stage }),
        End::Died { stage, stderr, .. } if stderr.contains("memory allocation of") => {
            v.push(Symptom::OutOfMemory { stage: *stage })
        }
        End::Died { stage, how, stderr } => v.push(Symptom::Signal {
            stage: *stage,
            how: how.clone(),
            stderr: stderr.clone(),
        }),
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn cruby_reasons_drop_the_place_and_the_expectations() {
        assert_eq!(
            cruby_reason("fuzz.rb:3: syntax error, unexpected `end', expecting ')'"),
            "syntax error, unexpected `end'"
        );
        assert_eq!(cruby_reason("fuzz.rb:1: Invalid break"), "Invalid break");
        assert!(is_cruby_limit("(the ruby syntax checker timed out)"));
        assert!(!is_cruby_limit("fuzz.rb:1: Invalid break"));
        assert_eq!(
            cruby_reason("(the ruby syntax checker died)"),
            "(the ruby syntax checker died)"
        );
    }

    #[test]
    fn classes_name_kind_stage_and_place() {
        let r = Report {
            events: vec![
                Event::Stage(Stage::Parse),
                Event::Panic(Stage::Parse, "frontend/src/parser.rs:12: index out".into()),
            ],
            end: End::Died {
                stage: Some(Stage::Opt),
                how: "signal 6 (SIGABRT)".into(),
                stderr: "thread 'x' has overflowed its stack\n".into(),
            },
            elapsed: Duration::ZERO,
            alone: true,
        };
        let classes: Vec<String> = of_report(&r).iter().map(Symptom::class).collect();
        assert_eq!(
            classes,
            [
                "panic@parse:frontend/src/parser.rs:12",
                "signal@opt:stack-overflow"
            ]
        );
        let t = Report {
            events: vec![],
            end: End::Timeout(Stage::Interp),
            elapsed: Duration::ZERO,
            alone: true,
        };
        let s = of_report(&t);
        assert!(!s[0].is_finding(), "a program may loop forever");
        let h = Report {
            end: End::Timeout(Stage::Parse),
            ..t
        };
        assert!(of_report(&h)[0].is_finding(), "parsing must end");
    }
}
