//! Turning the interpreter's counters into `ir::Profile`s, and `--print-profile`.

use crate::code::Code;
use crate::Interp;
use ir::profile::{Profile, SiteProfile, TypeSet};
use ir::ClassId;

impl Interp {
    /// The profile of a translated function, keyed by `Ipc`.
    pub fn profile_of(&self, code: &Code) -> Profile {
        let mut p = Profile {
            calls: code.calls.get(),
            backedges: code.backedges.get(),
            ..Profile::default()
        };
        for (i, s) in code.sites.iter().enumerate() {
            let bits = code.arith_profile[i].get();
            if bits != 0 {
                let count = 0;
                p.sites.insert(
                    s.ipc,
                    SiteProfile::Operands {
                        lhs: TypeSet(bits as u8),
                        rhs: TypeSet((bits >> 8) as u8),
                        count,
                    },
                );
                continue;
            }
            let prof: Vec<(u32, u32)> = s.profile.iter().map(|c| c.get()).collect();
            let mut classes: Vec<(ClassId, String, u64)> = prof
                .iter()
                .filter(|(c, _)| *c != u32::MAX)
                .map(|&(c, n)| {
                    (
                        ClassId(c),
                        self.vm.class_name(ClassId(c)).to_string(),
                        n as u64,
                    )
                })
                .collect();
            if classes.is_empty() {
                continue;
            }
            classes.sort_by(|a, b| b.2.cmp(&a.2));
            p.sites.insert(
                s.ipc,
                SiteProfile::Call {
                    classes,
                    megamorphic: s.megamorphic.get(),
                },
            );
        }
        for s in &code.ivar_caches {
            let (class, slot) = s.cache.get();
            if class != u32::MAX && !s.polymorphic.get() {
                p.sites.insert(
                    s.ipc,
                    SiteProfile::Ivar {
                        class: ClassId(class),
                        class_name: self.vm.class_name(ClassId(class)).to_string(),
                        slot,
                    },
                );
            }
        }
        p
    }

    /// The `--print-profile` report: every function that ran, with its sites.
    pub fn profile_report(&self) -> String {
        let mut out = String::new();
        for code in self.codes() {
            if code.calls.get() == 0 {
                continue;
            }
            let p = self.profile_of(code);
            let name = self
                .function(code.func)
                .map(|f| f.name.clone())
                .unwrap_or_default();
            out.push_str(&format!(
                "{} {} calls={} backedges={}\n",
                code.func, name, p.calls, p.backedges
            ));
            for (ipc, site) in &p.sites {
                let site_name = code
                    .sites
                    .iter()
                    .find(|s| s.ipc == *ipc)
                    .map(|s| self.vm.sym_name(s.name))
                    .unwrap_or("");
                match site {
                    SiteProfile::Call {
                        classes,
                        megamorphic,
                    } => {
                        let cs: Vec<String> =
                            classes.iter().map(|(_, n, c)| format!("{n}:{c}")).collect();
                        let mega = if *megamorphic { " megamorphic" } else { "" };
                        out.push_str(&format!(
                            "  {ipc} call {site_name}: {}{mega}\n",
                            cs.join(" ")
                        ));
                    }
                    SiteProfile::Ivar {
                        class_name, slot, ..
                    } => {
                        out.push_str(&format!("  {ipc} ivar: {class_name} slot {slot}\n"));
                    }
                    SiteProfile::Operands { lhs, rhs, .. } => {
                        out.push_str(&format!(
                            "  {ipc} op {site_name}: lhs={} rhs={}\n",
                            lhs.names().join("|"),
                            rhs.names().join("|")
                        ));
                    }
                }
            }
        }
        out
    }
}
