//! OSR entries: turns a copy of IR0 into a version entered in the middle of a loop. A new
//! entry block defines each temp live into the loop header with `osr_load` (the value the
//! IR0 frame holds; the temp keeps its id, so it means the same value), passes the header's
//! parameters the same way, and jumps to the header; what no longer runs is dropped.
//! Locals stay frame slots that the transfer fills (mem2reg reads them at the entry).
//! `Function::osr` declares the values the executor passes in, in order: the live temps,
//! then the header's parameters.
//!
//! Refused (an error) when a temp live into the header is also defined on a path from the
//! header (an outer loop), which would give it two definitions.

use ir::cfg::liveness;
use ir::*;

/// Adds the OSR entry for the loop header containing `header` (an IR0 `Ipc`).
pub fn add_osr_entry(v: &mut Function, ir0: &Function, header: Ipc) -> Result<(), String> {
    let (h, _) = ir0
        .find_ipc(header)
        .ok_or_else(|| format!("no {header} in {}", ir0.id))?;
    let lv = liveness(ir0);
    let live: Vec<TempId> = lv.live_in(h).temps().collect();
    let params = ir0.block(h).params.clone();
    let entry = v.new_block();
    let line = ir0.block(h).insts.first().map(|i| i.line).unwrap_or(v.line);
    let mut insts = Vec::new();
    for t in &live {
        insts.push(Inst {
            ipc: header,
            dst: Some(*t),
            kind: InstKind::OsrLoad(*t),
            line,
            inlined: 0,
        });
    }
    let mut args = Vec::new();
    for p in &params {
        let n = v.new_temp();
        insts.push(Inst {
            ipc: header,
            dst: Some(n),
            kind: InstKind::OsrLoad(*p),
            line,
            inlined: 0,
        });
        args.push(n);
    }
    insts.push(Inst {
        ipc: header,
        dst: None,
        kind: InstKind::Jump(BlockCall::with_args(h, &args)),
        line,
        inlined: 0,
    });
    v.block_mut(entry).insts = insts;
    v.entry = entry;
    v.osr = Some(OsrEntry {
        header,
        values: live.iter().chain(&params).copied().collect(),
    });
    // Keep what the new entry reaches (handler edges included).
    let mut keep = vec![false; v.blocks.len()];
    let mut work = vec![entry];
    while let Some(b) = work.pop() {
        if std::mem::replace(&mut keep[b.index()], true) {
            continue;
        }
        let blk = v.block(b);
        work.extend(blk.successors());
        work.extend(blk.handler);
    }
    // A live temp must not keep another definition in the kept code.
    for (b, blk) in v.blocks.iter().enumerate() {
        if !keep[b] || blk.id == entry {
            continue;
        }
        let mut defs = blk
            .params
            .iter()
            .copied()
            .chain(blk.insts.iter().filter_map(|i| i.dst));
        if let Some(d) = defs.find(|d| live.contains(d)) {
            return Err(format!(
                "OSR at {header}: {d} is live into the loop and defined inside it"
            ));
        }
    }
    v.compact_blocks(&keep);
    Ok(())
}
