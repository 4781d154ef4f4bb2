//! For every function of every corpus program (and the prelude): the IR verifies after
//! every pass of the IR0 pipeline, and its RON dump after every pass loads back equal.

use ir::pass::PassContext;
use passes::{DumpError, IrDump};
use std::cell::RefCell;
use std::rc::Rc;
use tests::corpus_programs;

/// A dump sink that checks the RON round trip at every step.
struct RoundTrip(Rc<RefCell<Vec<String>>>);

impl IrDump for RoundTrip {
    fn dump(&self, func: &ir::Function, step: usize, pass: &str) -> Result<(), DumpError> {
        let text = ir::serial::to_ron(func);
        match ir::serial::from_ron(&text) {
            Ok(back) if back == *func => {}
            Ok(_) => self.0.borrow_mut().push(format!(
                "{} {} step {step} ({pass}): RON loads back different",
                func.id, func.name
            )),
            Err(e) => self.0.borrow_mut().push(format!(
                "{} {} step {step} ({pass}): {e}",
                func.id, func.name
            )),
        }
        Ok(())
    }
}

#[test]
fn every_pass_verifies_and_round_trips_on_the_corpus() {
    let mut sources: Vec<(String, String)> =
        vec![("<prelude>".into(), runtime::PRELUDE.to_string())];
    for p in corpus_programs() {
        sources.push((
            p.file_name().unwrap().to_string_lossy().to_string(),
            std::fs::read_to_string(&p).unwrap(),
        ));
    }
    let problems = Rc::new(RefCell::new(Vec::new()));
    let mut functions = 0;
    for (name, src) in &sources {
        let mut module = ir::Module::default();
        match frontend::compile(src, name, &mut module) {
            Ok(_) => {}
            // A program CRuby's compiler raises on (uncaught_when_infinity.rb) has no IR.
            Err(d) if d.raises.is_some() => continue,
            Err(d) => panic!("{d}"),
        }
        for f in &mut module.functions {
            let pm = passes::ir0_pipeline()
                .with_verify_each(true)
                .with_dump(RoundTrip(problems.clone()));
            if let Err(e) = pm.run(f, &PassContext::empty()) {
                problems.borrow_mut().push(format!("{name}: {e}"));
            }
            functions += 1;
        }
    }
    assert!(functions > 200, "only {functions} functions");
    let p = problems.borrow();
    assert!(p.is_empty(), "{} problems:\n{}", p.len(), p.join("\n"));
}
