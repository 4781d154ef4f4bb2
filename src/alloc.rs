//! The binary's global allocator: mimalloc for the many small objects of the heap, the
//! system allocator for big blocks.
//!
//! The heap allocates and frees many small objects; mimalloc is much faster at that than
//! the system allocator. Cargo.toml selects mimalloc's v2 line: Rust's allocator
//! interface asks for every allocation with its alignment, and v3 sends even 8-byte-
//! aligned requests down a generic over-allocating path (about 150 instructions per
//! object against about 40 with v2; measured with callgrind on a loop of `P.new`).
//!
//! Big blocks are the ones whose size a program chooses (`Array.new(n)`, `"a" * n`), and
//! asking for more than the system has must fail (NoMemoryError, as in CRuby) rather
//! than succeed and kill the process later. mimalloc maps memory with `MAP_NORESERVE`
//! when the system overcommits, which the kernel never refuses: filling 80 GB of
//! `Array.new(1e10)` then ends in the OOM killer. The system allocator maps them
//! without it, so the kernel refuses what it cannot back, as it does for CRuby.
//!
//! mimalloc's options are set before the first allocation ([`MI_OPTIONS`]): it must not
//! ask for transparent huge pages. With them (mimalloc's default), the kernel backs its
//! arena with 2 MB pages as soon as a few small blocks in one are touched, so that even
//! `puts 1` kept 16 MB resident (22 MB in all, against CRuby's 14 MB), and every 2 MB of
//! heap that a collection left half-used stayed resident as a whole.

use std::alloc::{GlobalAlloc, Layout, System};

extern "C" {
    // mimalloc's `mi_option_set` (the crate links mimalloc statically; the `mimalloc`
    // crate does not re-export its option functions).
    fn mi_option_set(option: std::os::raw::c_int, value: std::os::raw::c_long);
}

/// `mi_option_allow_thp`: its position in mimalloc v2's `mi_option_t` (`include/mimalloc.h` of
/// libmimalloc-sys 0.1.49, which Cargo.lock pins; check it when updating the crate).
const MI_OPTION_ALLOW_THP: std::os::raw::c_int = 37;

/// `mi_option_arena_reserve` (the same header), in KiB: how much address space mimalloc
/// reserves for an arena. Its default, 1 GiB, was most of the 2.4 GB that `puts 1`
/// reserved (CRuby: 75 MB); under an address-space limit (`ulimit -v`) that room was
/// missing for the program's own data. Arenas after the first grow bigger by themselves.
const MI_OPTION_ARENA_RESERVE: std::os::raw::c_int = 23;
const ARENA_RESERVE_KIB: std::os::raw::c_long = 64 << 10;

extern "C" fn set_mimalloc_options() {
    // SAFETY: setting an option is a store into mimalloc's option table; mimalloc's own
    // constructor (priority 101, below) has initialized it from the environment already.
    unsafe {
        mi_option_set(MI_OPTION_ALLOW_THP, 0);
        mi_option_set(MI_OPTION_ARENA_RESERVE, ARENA_RESERVE_KIB);
    }
}

/// Runs [`set_mimalloc_options`] as a constructor of priority 102: after mimalloc's own
/// (101, which reads its options from the environment) and before Rust's runtime or
/// `main` allocate anything, so that the first arena mimalloc maps is already without
/// huge pages.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array.00102"]
static MI_OPTIONS: extern "C" fn() = set_mimalloc_options;

/// Blocks of at least this many bytes come from the system allocator.
const BIG: usize = 32 << 20;

pub struct Allocator;

fn is_big(size: usize) -> bool {
    size >= BIG
}

// SAFETY: every block is freed (or resized) by the allocator that made it: which one is
// a function of the block's size, which the caller passes back with it. Every block
// made, resized or freed is also counted for the collector (`runtime::heap::note_alloc`,
// a thread-local add that never allocates), which then sees buffers that grow after
// their objects were made.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = if is_big(layout.size()) {
            System.alloc(layout)
        } else {
            mimalloc::MiMalloc.alloc(layout)
        };
        if !p.is_null() {
            runtime::heap::note_alloc(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = if is_big(layout.size()) {
            System.alloc_zeroed(layout)
        } else {
            mimalloc::MiMalloc.alloc_zeroed(layout)
        };
        if !p.is_null() {
            runtime::heap::note_alloc(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        runtime::heap::note_free(layout.size());
        if is_big(layout.size()) {
            System.dealloc(ptr, layout)
        } else {
            mimalloc::MiMalloc.dealloc(ptr, layout)
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = match (is_big(layout.size()), is_big(new_size)) {
            (false, false) => mimalloc::MiMalloc.realloc(ptr, layout, new_size),
            (true, true) => System.realloc(ptr, layout, new_size),
            // Across the line: a new block from the other allocator, and a copy.
            _ => {
                let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
                let new = if is_big(new_size) {
                    System.alloc(new_layout)
                } else {
                    mimalloc::MiMalloc.alloc(new_layout)
                };
                if !new.is_null() {
                    std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                    if is_big(layout.size()) {
                        System.dealloc(ptr, layout)
                    } else {
                        mimalloc::MiMalloc.dealloc(ptr, layout)
                    }
                }
                new
            }
        };
        if !new.is_null() {
            runtime::heap::note_alloc(new_size);
            runtime::heap::note_free(layout.size());
        }
        new
    }
}
