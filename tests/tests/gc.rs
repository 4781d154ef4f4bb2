//! The collector frees cyclic garbage: a loop that builds and drops a million cyclic
//! object pairs leaves a small live heap, by the collector's own counts.

use rebound::{Config, Engine};

const PROGRAM: &str = "
class Node
  attr_accessor :other
end

i = 0
while i < 1_000_000
  a = Node.new
  b = Node.new
  a.other = b
  b.other = a
  i += 1
end
puts i
";

#[test]
fn million_cyclic_pairs_leave_a_small_heap() {
    let (out, stats) = rebound::with_big_stack(|| {
        let buf = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        struct W(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
        impl std::io::Write for W {
            fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut e = Engine::new(Config::default(), Box::new(W(buf.clone()))).unwrap();
        let main = e.compile(PROGRAM, "pairs.rb").unwrap();
        let outcome = e.run(main);
        assert_eq!(outcome.status, 0, "{:?}", outcome.error);
        // One more collection at the end: only what the program still references lives.
        e.interp.collect_garbage();
        let stats = e.gc_stats();
        let out = String::from_utf8(buf.lock().unwrap().clone()).unwrap();
        (out, stats)
    });
    assert_eq!(out, "1000000\n");
    assert!(stats.allocated_total >= 2_000_000, "{stats:?}");
    assert!(
        stats.collections >= 2,
        "the loop should have triggered collections: {stats:?}"
    );
    assert!(
        stats.freed_total >= 1_900_000,
        "cyclic pairs were not freed: {stats:?}"
    );
    assert!(
        stats.live_after_last < 20_000,
        "live heap after the last collection is large: {stats:?}"
    );
}
