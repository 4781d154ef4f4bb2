//! Heap objects and the tracing collector.
//!
//! Every heap object is an [`Obj`]: a header (class, mark bit, frozen flag) and its data,
//! 40 bytes in all. Objects live in slots of pages of [`PAGE_SLOTS`] slots each (one
//! allocation per page, not one per object); a free slot is on the heap's free list. A
//! collection marks from the roots the caller hands it (interpreter frames, class tables,
//! constants, the heap values code holds: [`crate::roots::RootRegistry`]) with an
//! explicit mark stack, then sweeps the pages in address order, dropping the unmarked
//! objects (cycles included) and threading their slots onto the free list; pages left
//! empty beyond what the next cycle will need go back to the allocator.
//!
//! Collections only happen at safepoints that the interpreter chooses (calls, loop
//! back-edges and the entry of an exception handler), where every live value is in a
//! frame register or reachable from a root; a native method therefore never sees a
//! collection in the middle of its work unless it calls back into Ruby, and then its
//! values are in the caller's registers.

use crate::value::Value;
use ir::{ClassId, FuncId};

/// The text of a Ruby String. A `CompactString` keeps up to 24 bytes inline (in the
/// object's slot, where a `String` kept a pointer to a buffer of its own) and longer
/// texts in a buffer: a million short strings take 40 MB, not 48 MB plus a million
/// buffers of 8-32 bytes.
pub type RStr = compact_str::CompactString;
use num_bigint::BigInt;

/// A heap object: 40 bytes, its [`ObjData`]. Every variant of `ObjData` starts with the
/// same 8 bytes: the tag (byte 0), then the variant's [`Hdr`]: the mark bit (byte 1), the
/// frozen flag (byte 2) and the class (a `u32` at byte 4). The variant's payload is at
/// byte 8 ([`inline_ivar_offset`]), so compiled code finds the fields at fixed offsets.
/// (With the header beside the enum instead, the enum's tag took a word of its own and
/// an object 48 bytes.)
#[repr(transparent)]
pub struct Obj {
    pub data: ObjData,
}

/// The byte offsets of the header's fields in every object.
const MARKED_AT: usize = 1;
const FROZEN_AT: usize = 2;
const CLASS_AT: usize = 4;

impl Obj {
    /// The object's class.
    #[inline(always)]
    pub fn class(&self) -> ClassId {
        // SAFETY: every variant has its `Hdr` at byte 1, whose class bytes are at byte 4
        // of the object (4-aligned, since objects are 8-aligned).
        ClassId(unsafe {
            (self as *const Obj as *const u8)
                .add(CLASS_AT)
                .cast::<u32>()
                .read()
        })
    }

    #[inline(always)]
    pub fn set_class(&mut self, c: ClassId) {
        // SAFETY: as `class`.
        unsafe {
            (self as *mut Obj as *mut u8)
                .add(CLASS_AT)
                .cast::<u32>()
                .write(c.0)
        }
    }

    #[inline(always)]
    pub fn frozen(&self) -> bool {
        // SAFETY: the frozen flag of every variant's `Hdr`, a bool.
        unsafe { (self as *const Obj as *const u8).add(FROZEN_AT).read() != 0 }
    }

    #[inline(always)]
    pub fn set_frozen(&mut self, f: bool) {
        // SAFETY: as `frozen`.
        unsafe { (self as *mut Obj as *mut u8).add(FROZEN_AT).write(f as u8) }
    }

    #[inline(always)]
    fn marked(&self) -> bool {
        // SAFETY: the mark bit of every variant's `Hdr`, a bool.
        unsafe { (self as *const Obj as *const u8).add(MARKED_AT).read() != 0 }
    }

    #[inline(always)]
    fn set_marked(&mut self, m: bool) {
        // SAFETY: as `marked`.
        unsafe { (self as *mut Obj as *mut u8).add(MARKED_AT).write(m as u8) }
    }
}

/// The header of an object, the first field of every variant of [`ObjData`] (right after
/// the tag): read and written through [`Obj`]'s methods. Code that makes an object
/// passes [`Hdr::NEW`]; [`Heap::alloc`] fills it in.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Hdr {
    marked: bool,
    frozen: bool,
    _pad: u8,
    /// The class id's bytes (a `u32` at byte 4 of the object; bytes keep the header's
    /// alignment 1, so that the payload starts at byte 8).
    class: [u8; 4],
}

impl Hdr {
    pub const NEW: Hdr = Hdr {
        marked: false,
        frozen: false,
        _pad: 0,
        class: [0; 4],
    };
}

/// How many instance variables a plain object (or exception) holds inline, in the object
/// itself: slots `0..INLINE_IVARS` of its class's layout.
pub const INLINE_IVARS: usize = 3;

/// The instance variables of a plain object or exception, by the slot its class's layout
/// assigned each name (`Class::ivar_slot`, in the order the class first saw them set).
/// The first [`INLINE_IVARS`] slots are inline, at fixed offsets inside the object (no
/// separate allocation for a small object, one load to read one); the others live in a
/// spill vector allocated when the first of them is set. An unset slot holds
/// `Value::UNDEF`, which reads as nil. (Three inline slots and the spill pointer take the
/// 32 bytes of the largest other variant, so this costs other objects nothing.)
#[repr(C)]
#[derive(Clone)]
pub struct Ivars {
    inline: [Value; INLINE_IVARS],
    /// Boxed so that the spill pointer takes one word (a `Vec` would take three).
    #[allow(clippy::box_collection)]
    spill: Option<Box<Vec<Value>>>,
}

impl Default for Ivars {
    fn default() -> Self {
        Ivars::new()
    }
}

impl Ivars {
    pub const fn new() -> Ivars {
        Ivars {
            inline: [Value::UNDEF; INLINE_IVARS],
            spill: None,
        }
    }

    /// The value in `slot`: `Value::UNDEF` when it was never set.
    #[inline(always)]
    pub fn get(&self, slot: usize) -> Value {
        if slot < INLINE_IVARS {
            self.inline[slot]
        } else {
            match &self.spill {
                Some(s) => s.get(slot - INLINE_IVARS).copied().unwrap_or(Value::UNDEF),
                None => Value::UNDEF,
            }
        }
    }

    /// Sets `slot` (growing the spill vector when it is past the inline slots).
    #[inline(always)]
    pub fn set(&mut self, slot: usize, v: Value) {
        if slot < INLINE_IVARS {
            self.inline[slot] = v;
        } else {
            self.set_spilled(slot - INLINE_IVARS, v);
        }
    }

    #[inline(never)]
    fn set_spilled(&mut self, i: usize, v: Value) {
        let s = self.spill.get_or_insert_with(Default::default);
        if s.len() <= i {
            s.resize(i + 1, Value::UNDEF);
        }
        s[i] = v;
    }

    /// Every slot up to the last one set or spilled (unset ones are `Value::UNDEF`).
    pub fn slots(&self) -> impl Iterator<Item = Value> + '_ {
        let spill = self.spill.as_deref().map(|s| &s[..]).unwrap_or(&[]);
        let inline = if spill.is_empty() {
            let n = self
                .inline
                .iter()
                .rposition(|&v| v != Value::UNDEF)
                .map_or(0, |i| i + 1);
            &self.inline[..n]
        } else {
            &self.inline[..]
        };
        inline.iter().chain(spill).copied()
    }

    /// Whether no instance variable is set.
    pub fn is_empty(&self) -> bool {
        self.slots().all(|v| v == Value::UNDEF)
    }

    /// The heap bytes beyond the object itself (the spill vector).
    pub fn spill_bytes(&self) -> usize {
        self.spill.as_ref().map_or(0, |s| 24 + s.capacity() * 8)
    }
}

/// The byte offset from an object's address of inline instance-variable slot `slot` of a
/// plain object (`None`: the slot is in the spill vector). Compiled code reads `@x` of an
/// object whose class a guard checked as one load at this offset (`Value::UNDEF` there
/// reads as nil).
pub fn inline_ivar_offset(slot: usize) -> Option<usize> {
    if slot >= INLINE_IVARS {
        return None;
    }
    static BASE: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    let base = *BASE.get_or_init(|| {
        let probe = Obj {
            data: ObjData::Object(Hdr::NEW, Ivars::new()),
        };
        let ObjData::Object(_, iv) = &probe.data else {
            unreachable!()
        };
        iv.inline.as_ptr() as usize - &probe as *const Obj as usize
    });
    Some(base + slot * std::mem::size_of::<Value>())
}

/// What an object holds, by kind. `#[repr(u8)]`: each variant is laid out as a
/// `#[repr(C)]` struct of the tag (a byte), the variant's fields in order: the object's
/// [`Hdr`] (7 bytes, alignment 1), then the payload at byte 8, at most 32 bytes (so an
/// object takes 40).
#[repr(u8)]
pub enum ObjData {
    /// A plain object: its instance variables.
    Object(Hdr, Ivars),
    /// A String's text: up to 24 bytes inline in the object, no separate buffer.
    String(Hdr, RStr),
    Array(Hdr, Vec<Value>),
    /// A Float outside the flonum range.
    Float(Hdr, f64),
    /// An Integer outside the fixnum range (boxed: a `BigInt` takes 32 bytes).
    BigInt(Hdr, Box<BigInt>),
    /// An exception: instance variables plus its message and where it was raised.
    Exception(Hdr, Box<ExceptionData>),
    /// A class object (the class table entry is in the VM).
    Class(Hdr, ClassId),
    /// A block closure.
    Block(Hdr, Box<BlockData>),
    /// A dynscope: the captured local variables of one function activation.
    Scope(Hdr, Box<ScopeData>),
    /// An unwind caught by a handler (`CatchUnwind`), kept until it is resumed or dropped.
    Unwind(Hdr, Box<crate::Unwind>),
}

pub struct ExceptionData {
    pub ivars: Ivars,
    pub message: Value,
    /// Where it was first raised, as the first line of CRuby's report names it.
    pub origin: Origin,
}

/// Where an exception was raised, as the first line of an uncaught exception's report
/// names it. CRuby names the innermost frame and the file and line of the innermost Ruby
/// frame of the program; rebound's native methods and prelude methods are C functions in
/// CRuby, so an exception raised in one knows its frame's name before it knows the
/// place: the first frame of the program that the exception leaves completes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Origin {
    /// Not raised yet (or raised where nothing named the place yet).
    #[default]
    Unknown,
    /// Raised in a frame without a place of its own (a native method, a prelude method)
    /// named `label`; the file and line are those of the program's frame that called it.
    Frame(String),
    /// An exception CRuby raises without a backtrace (NoMemoryError from an allocation
    /// that failed): its report names the program's file alone, `file: message (Class)`.
    NoBacktrace,
    /// Complete: what the report prints before the message, `file:line:in `label'` (or
    /// the file alone, for an exception without a backtrace).
    Place(String),
}

pub struct BlockData {
    pub func: FuncId,
    pub self_val: Value,
    /// The dynscope the block was created in (nil if the creator had none).
    pub scope: Value,
    /// The block given to the method the block was written in (for `yield` inside it).
    pub home_block: Value,
    /// The frame id of the method activation the block was written in (non-local return).
    pub home_frame: u64,
    /// The lexical class of the creating frame (for `def` and constants in the block).
    pub cref: ClassId,
    /// The method entry of the home activation (for `super` inside the block).
    pub home_method: Option<crate::class::MethodId>,
}

pub struct ScopeData {
    pub slots: Vec<Value>,
    pub parent: Value,
}

/// The collector's own counts.
#[derive(Clone, Copy, Debug, Default)]
pub struct GcStats {
    pub collections: u64,
    pub allocated_total: u64,
    pub freed_total: u64,
    /// Objects alive after the most recent collection.
    pub live_after_last: u64,
    /// Objects alive now (allocated and not yet freed).
    pub live: u64,
}

/// The first `object_id` of a heap object, and the step between two: what CRuby 3.1
/// gives (run with the oracle's flags, nothing of its own asks for an id before the
/// program does).
pub const FIRST_OBJECT_ID: i64 = 40;
pub const OBJECT_ID_STEP: i64 = 20;

pub struct Heap {
    /// The pages, in the order they were made.
    pages: Vec<Page>,
    /// The first free slot (null: none), each free slot holding the next one.
    free: *mut Obj,
    /// Objects alive now (allocated and not yet freed).
    live: usize,
    /// Objects allocated since the last collection, and how many trigger the next one:
    /// as many as were alive after the last one, at least [`MIN_BYTES`] worth of slots
    /// (under GC stress, one).
    since_last: usize,
    threshold: usize,
    /// Whether the process's allocator counts the bytes it hands out
    /// ([`count_buffers_from_allocator`]); if not, a new object's buffer is counted when
    /// the object is made (`payload_since`), and growth after that is not seen.
    counted: bool,
    /// The allocator's count ([`malloc_net`]) at the last collection, plus the bytes of
    /// the pages made since (which the slot count covers).
    malloc_mark: usize,
    payload_since: usize,
    /// The bytes (slots and buffers) allocated since the last collection that trigger
    /// the next one: those of the objects alive after it, at least [`MIN_BYTES`].
    byte_threshold: usize,
    /// Whether an allocation crossed a threshold since the last collection: what a
    /// safepoint reads (one load, where it runs far more often than `alloc`).
    due: bool,
    pub stats: GcStats,
    mark_stack: Vec<*mut Obj>,
    /// `--gc-stress=N`: collect at every Nth safepoint after an allocation (0: off).
    stress_every: u64,
    stress_tick: u64,
    /// The `object_id` of each object that was asked for one, by address; the next id to
    /// give (see [`Heap::object_id`]). A dead object's entry goes at the next collection.
    ids: rustc_hash::FxHashMap<usize, i64>,
    next_id: i64,
}

/// How many object slots a page holds (a page is one allocation of `PAGE_SLOTS * 40`
/// bytes, just under 64 KB).
pub const PAGE_SLOTS: usize = 1638;

/// The size of a slot: an [`Obj`].
const SLOT_BYTES: usize = std::mem::size_of::<Obj>();
const _: () = assert!(SLOT_BYTES == 40 && std::mem::align_of::<Obj>() == 8);

/// The tag byte of a free slot (no variant of `ObjData` has it): what the sweep reads to
/// skip it. A free slot holds, at byte 8, the next free slot's address.
const FREE_TAG: u8 = 0xff;

/// One page of slots.
struct Page {
    slots: *mut Obj,
    /// The objects in the page after the last sweep (the ones allocated since not
    /// counted): a page with none may be released.
    live: u32,
}

impl Page {
    fn layout() -> std::alloc::Layout {
        std::alloc::Layout::from_size_align(PAGE_SLOTS * SLOT_BYTES, 16).expect("page layout")
    }

    /// A new page, every slot free, chained in address order ending in `next`: returns
    /// the page and its first slot.
    fn new(next: *mut Obj) -> (Page, *mut Obj) {
        let layout = Page::layout();
        // SAFETY: the layout has a non-zero size.
        let slots = unsafe { std::alloc::alloc(layout) } as *mut Obj;
        if slots.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        let page = Page { slots, live: 0 };
        let mut head = next;
        for i in (0..PAGE_SLOTS).rev() {
            // SAFETY: `i` is a slot of the page just allocated.
            unsafe { set_free(slots.add(i), head) };
            head = unsafe { slots.add(i) };
        }
        (page, head)
    }
}

/// Makes `slot` a free slot whose successor on the free list is `next`.
///
/// # Safety
/// `slot` is a slot of a page that holds no object (dropped, or never made).
#[inline(always)]
unsafe fn set_free(slot: *mut Obj, next: *mut Obj) {
    (slot as *mut u8).write(FREE_TAG);
    (slot as *mut u8).add(8).cast::<*mut Obj>().write(next);
}

/// Whether `slot` is free.
///
/// # Safety
/// `slot` is a slot of a page (free or holding an object).
#[inline(always)]
unsafe fn is_free(slot: *const Obj) -> bool {
    (slot as *const u8).read() == FREE_TAG
}

/// The successor of the free slot `slot` on the free list.
///
/// # Safety
/// `slot` is a free slot.
#[inline(always)]
unsafe fn next_free(slot: *const Obj) -> *mut Obj {
    (slot as *const u8).add(8).cast::<*mut Obj>().read()
}

/// How many elements of an array the marker scans at a time.
const MARK_CHUNK: usize = 512;

/// Marks `v` if it is an unmarked heap object, and pushes it on `stack` if it may have
/// children (a String, Float, big integer or class object has none to mark, so it
/// never goes on the stack: marking an array of a million strings pushes nothing).
#[inline(always)]
fn mark_value(stack: &mut Vec<*mut Obj>, v: Value) {
    if v.is_ptr() {
        // SAFETY: pointer values always point at live objects of this heap, and nothing
        // else reads or writes objects while the collector marks.
        let o = unsafe { &mut *v.as_ptr() };
        if !o.marked() {
            o.set_marked(true);
            if !matches!(
                o.data,
                ObjData::String(_, _)
                    | ObjData::Float(_, _)
                    | ObjData::BigInt(_, _)
                    | ObjData::Class(_, _)
            ) {
                stack.push(v.as_ptr());
            }
        }
    }
}

/// The least a cycle allocates before a collection: bytes of slots (40 per object) and
/// buffers (string and array contents, ivar spills). Above it, a cycle ends when it has
/// allocated as many objects, or as many bytes, as were alive after the last collection,
/// so that marking costs at most about one object marked per object allocated.
pub const MIN_BYTES: usize = 4 << 20;
/// The allocation threshold under GC stress: one allocation since the last collection.
const STRESS_THRESHOLD: usize = 1;

thread_local! {
    /// The bytes this thread's allocations hold now (allocated less freed), as counted
    /// by an allocator that calls [`note_alloc`] and [`note_free`]; wrapping.
    static MALLOC_NET: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

static ALLOCATOR_COUNTS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Tells heaps made from now on that the global allocator calls [`note_alloc`] and
/// [`note_free`] for every block (rebound's binary does, before it makes its engine), so
/// that the collector sees what buffers grow to after their object was made: `a << x`
/// in a loop, `Array.new(n, x)`, `s << t`. Without it, a heap counts each object's buffer
/// as it was when the object was made (an empty array that `initialize` then fills
/// counts nothing).
pub fn count_buffers_from_allocator() {
    ALLOCATOR_COUNTS.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// For the global allocator: `n` bytes were allocated on this thread.
#[inline(always)]
pub fn note_alloc(n: usize) {
    MALLOC_NET.with(|c| c.set(c.get().wrapping_add(n)));
}

/// For the global allocator: `n` bytes were freed on this thread.
#[inline(always)]
pub fn note_free(n: usize) {
    MALLOC_NET.with(|c| c.set(c.get().wrapping_sub(n)));
}

#[inline(always)]
fn malloc_net() -> usize {
    MALLOC_NET.with(|c| c.get())
}

/// Approximate payload size of an object, for the byte trigger.
fn payload_bytes(data: &ObjData) -> usize {
    match data {
        ObjData::Array(_, v) => v.capacity() * 8,
        ObjData::Object(_, iv) => iv.spill_bytes(),
        ObjData::String(_, s) if s.is_heap_allocated() => s.capacity(),
        ObjData::String(_, _) => 0,
        ObjData::Scope(_, s) => s.slots.capacity() * 8,
        _ => 0,
    }
}

impl Default for Heap {
    fn default() -> Self {
        Heap::new()
    }
}

impl Heap {
    pub fn new() -> Heap {
        Heap {
            pages: Vec::new(),
            free: std::ptr::null_mut(),
            live: 0,
            since_last: 0,
            threshold: MIN_BYTES / SLOT_BYTES,
            counted: ALLOCATOR_COUNTS.load(std::sync::atomic::Ordering::Relaxed),
            malloc_mark: malloc_net(),
            payload_since: 0,
            byte_threshold: MIN_BYTES,
            due: false,
            stats: GcStats::default(),
            mark_stack: Vec::new(),
            stress_every: 0,
            stress_tick: 0,
            ids: Default::default(),
            next_id: FIRST_OBJECT_ID,
        }
    }

    /// The `object_id` of the heap object at `p`: CRuby 3.1's scheme, a counter (from
    /// [`FIRST_OBJECT_ID`], by [`OBJECT_ID_STEP`]) read the first time an object is asked
    /// for its id and kept for its life. So ids never repeat in a run (an address does,
    /// once its object is freed), do not depend on where the allocator put the heap, are
    /// the same in every tier, and are the ids CRuby prints for the same program as long
    /// as both ask for them in the same order.
    pub fn object_id(&mut self, p: *const Obj) -> i64 {
        let next = &mut self.next_id;
        *self.ids.entry(p as usize).or_insert_with(|| {
            let id = *next;
            *next += OBJECT_ID_STEP;
            id
        })
    }

    /// `--gc-stress=N`: from now on, every Nth safepoint that has something new to collect
    /// collects (1: every one; 0: only when the allocation thresholds say so). A value that
    /// no root reaches is then freed at the first such safepoint after it was dropped, so a
    /// missing root shows at once.
    ///
    /// "Something new" is an allocation since the last collection. A safepoint with none
    /// since the previous safepoint never collects without stress either (the thresholds
    /// only move when something is allocated, and the previous safepoint would have
    /// collected), so skipping it hides no bug a real run could hit; it was two thirds of
    /// the collections of a typical generated program, and most of its time.
    pub fn set_stress(&mut self, every: u64) {
        self.stress_every = every;
        self.stress_tick = 0;
        if every != 0 {
            // A safepoint asks (`wants_collection`) after any allocation; `stress_skips`
            // picks every Nth.
            self.threshold = STRESS_THRESHOLD;
        }
    }

    /// Allocates an object. Never collects: see [`Heap::wants_collection`].
    #[inline]
    pub fn alloc(&mut self, class: ClassId, data: ObjData) -> Value {
        if !self.counted {
            self.payload_since += payload_bytes(&data);
        }
        let mut p = self.free;
        if p.is_null() {
            p = self.add_page();
        }
        // SAFETY: `p` is a free slot of one of our pages; taking it off the list and
        // writing an object into it makes it a live object.
        unsafe {
            self.free = next_free(p);
            p.write(Obj { data });
            let o = &mut *p;
            o.set_class(class);
            o.set_marked(false);
            o.set_frozen(false);
        }
        self.live += 1;
        self.since_last += 1;
        self.due |= self.since_last >= self.threshold || self.bytes_since() >= self.byte_threshold;
        self.stats.allocated_total += 1;
        Value::from_ptr(p)
    }

    /// The bytes allocated since the last collection: slots, and buffers as the
    /// allocator counts them (or as they were when their objects were made).
    #[inline(always)]
    fn bytes_since(&self) -> usize {
        let buffers = if self.counted {
            // Negative when more was freed than allocated since.
            (malloc_net().wrapping_sub(self.malloc_mark) as isize).max(0) as usize
        } else {
            self.payload_since
        };
        self.since_last * SLOT_BYTES + buffers
    }

    /// A new page on the free list (which is empty): returns its first slot.
    #[inline(never)]
    fn add_page(&mut self) -> *mut Obj {
        let before = malloc_net();
        let (page, head) = Page::new(std::ptr::null_mut());
        // The page's bytes are slots, counted as objects take them.
        self.malloc_mark = self
            .malloc_mark
            .wrapping_add(malloc_net().wrapping_sub(before));
        self.pages.push(page);
        self.free = head;
        head
    }

    /// Whether the safepoint asking should collect: enough was allocated since the last
    /// collection (under GC stress, always: [`Heap::stress_skips`] then decides).
    #[inline(always)]
    pub fn wants_collection(&self) -> bool {
        self.due
    }

    /// Makes the next safepoint collect.
    pub fn request_collection(&mut self) {
        self.due = true;
    }

    /// Under `--gc-stress=N`, whether this safepoint skips its collection (all but every
    /// Nth do); never otherwise.
    #[inline(never)]
    pub fn stress_skips(&mut self) -> bool {
        if self.stress_every == 0 {
            return false;
        }
        self.stress_tick += 1;
        if self.stress_tick >= self.stress_every {
            self.stress_tick = 0;
            return false;
        }
        true
    }

    /// Marks everything reachable from `roots`, frees the rest.
    pub fn collect(&mut self, roots: &mut dyn FnMut(&mut dyn FnMut(Value))) {
        {
            let stack = &mut self.mark_stack;
            roots(&mut |v: Value| mark_value(stack, v));
        }
        self.mark_from_stack();
        if !self.ids.is_empty() {
            // SAFETY: every key is the address of an object that was alive at the last
            // collection or made since, and so has not been swept yet.
            self.ids
                .retain(|&p, _| unsafe { (*(p as *const Obj)).marked() });
        }
        let before = self.live;
        let (live, live_bytes) = self.sweep();
        self.live = live;
        self.stats.collections += 1;
        self.stats.freed_total += (before - live) as u64;
        self.stats.live_after_last = live as u64;
        self.since_last = 0;
        self.threshold = if self.stress_every != 0 {
            STRESS_THRESHOLD
        } else {
            (MIN_BYTES / SLOT_BYTES).max(live)
        };
        self.byte_threshold = MIN_BYTES.max(live_bytes);
        self.due = false;
        self.release_pages();
        // After the sweep freed the dead objects' buffers and the release freed pages.
        self.malloc_mark = malloc_net();
        self.payload_since = 0;
    }

    /// Marks the children of the objects on the mark stack, and theirs, until it is empty.
    /// A big array is scanned [`MARK_CHUNK`] elements at a time (the rest waits on the
    /// array stack), so the mark stack holds at most a chunk's children per array being
    /// scanned, not a million elements at once.
    fn mark_from_stack(&mut self) {
        let mut arrays: Vec<(*const Obj, usize)> = Vec::new();
        loop {
            let p = match self.mark_stack.pop() {
                Some(p) => p,
                None => match arrays.pop() {
                    Some((p, from)) => {
                        // SAFETY: a live, marked array (nothing runs while marking).
                        let ObjData::Array(_, a) = (unsafe { &(*p).data }) else {
                            unreachable!("only arrays wait on the array stack")
                        };
                        let to = a.len().min(from + MARK_CHUNK);
                        if to < a.len() {
                            arrays.push((p, to));
                        }
                        let stack = &mut self.mark_stack;
                        a[from..to].iter().for_each(|&v| mark_value(stack, v));
                        continue;
                    }
                    None => break,
                },
            };
            // SAFETY: as in `mark_value`. The children are read in place (an array of a
            // million elements is not copied to be marked).
            let o = unsafe { &*p };
            let stack = &mut self.mark_stack;
            let mut child = |v: Value| mark_value(stack, v);
            match &o.data {
                ObjData::Array(_, a) if a.len() > MARK_CHUNK => arrays.push((p, 0)),
                ObjData::Array(_, a) => a.iter().copied().for_each(child),
                ObjData::Object(_, iv) => iv.slots().for_each(child),
                ObjData::Exception(_, e) => {
                    e.ivars.slots().for_each(&mut child);
                    child(e.message);
                }
                ObjData::Block(_, b) => [b.self_val, b.scope, b.home_block]
                    .into_iter()
                    .for_each(child),
                ObjData::Scope(_, s) => {
                    s.slots.iter().copied().for_each(&mut child);
                    child(s.parent);
                }
                ObjData::Unwind(_, u) => match &**u {
                    crate::Unwind::Raise(e) => child(*e),
                    crate::Unwind::Break { tag, value } => {
                        [*tag, *value].into_iter().for_each(child)
                    }
                    crate::Unwind::Return { value, .. } => child(*value),
                },
                ObjData::String(_, _)
                | ObjData::Float(_, _)
                | ObjData::BigInt(_, _)
                | ObjData::Class(_, _) => {}
            }
        }
        if self.mark_stack.capacity() > 4 * MARK_CHUNK {
            // A deep structure grew it: do not keep that memory between collections.
            self.mark_stack = Vec::new();
        }
    }

    /// Drops every unmarked object, unmarks the marked ones and rebuilds the free list
    /// in address order (page by page, so allocation fills one page before the next):
    /// returns the live objects and their bytes.
    fn sweep(&mut self) -> (usize, usize) {
        let mut live = 0usize;
        let mut live_bytes = 0usize;
        // Built from the last slot of the last page backwards.
        let mut head: *mut Obj = std::ptr::null_mut();
        for page in self.pages.iter_mut().rev() {
            let mut in_page = 0u32;
            for i in (0..PAGE_SLOTS).rev() {
                // SAFETY: `i` is a slot of the page; a slot that is not free holds an
                // object made by `alloc`.
                unsafe {
                    let p = page.slots.add(i);
                    if !is_free(p) {
                        let o = &mut *p;
                        if o.marked() {
                            o.set_marked(false);
                            in_page += 1;
                            live_bytes += SLOT_BYTES + payload_bytes(&o.data);
                            continue;
                        }
                        std::ptr::drop_in_place(p);
                    }
                    set_free(p, head);
                    head = p;
                }
            }
            page.live = in_page;
            live += in_page as usize;
        }
        self.free = head;
        (live, live_bytes)
    }

    /// Right after a sweep, gives the allocator back the pages that hold no object, beyond
    /// the slots the next cycle may allocate (`byte_threshold` in slots, and a page to
    /// spare): a program whose heap shrank gives its memory back, one that keeps
    /// churning keeps the pages it refills.
    fn release_pages(&mut self) {
        let free_slots = self.pages.len() * PAGE_SLOTS - self.live;
        let keep_free = self.byte_threshold / SLOT_BYTES + PAGE_SLOTS;
        if free_slots <= keep_free + PAGE_SLOTS {
            return;
        }
        let mut releasable = (free_slots - keep_free) / PAGE_SLOTS;
        let mut released = false;
        let mut kept = Vec::with_capacity(self.pages.len());
        for page in std::mem::take(&mut self.pages) {
            if releasable > 0 && page.live == 0 {
                // SAFETY: the page holds no object, and its slots leave the free list
                // below before anything reads it.
                unsafe { std::alloc::dealloc(page.slots as *mut u8, Page::layout()) };
                releasable -= 1;
                released = true;
            } else {
                kept.push(page);
            }
        }
        self.pages = kept;
        if released {
            // Rethread the free list over the pages that are left.
            let mut head: *mut Obj = std::ptr::null_mut();
            for page in self.pages.iter().rev() {
                for i in (0..PAGE_SLOTS).rev() {
                    // SAFETY: slots of a kept page.
                    unsafe {
                        let p = page.slots.add(i);
                        if is_free(p) {
                            set_free(p, head);
                            head = p;
                        }
                    }
                }
            }
            self.free = head;
        }
    }

    /// Current counts.
    pub fn stats(&self) -> GcStats {
        GcStats {
            live: self.live as u64,
            ..self.stats
        }
    }

    /// How many pages the heap holds now.
    pub fn pages(&self) -> usize {
        self.pages.len()
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        for page in &self.pages {
            for i in 0..PAGE_SLOTS {
                // SAFETY: slots of the page; one that is not free holds an object.
                unsafe {
                    let p = page.slots.add(i);
                    if !is_free(p) {
                        std::ptr::drop_in_place(p);
                    }
                }
            }
            // SAFETY: made by `Page::new` with this layout.
            unsafe { std::alloc::dealloc(page.slots as *mut u8, Page::layout()) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ivars_inline_then_spilled() {
        let mut iv = Ivars::new();
        assert!(iv.is_empty());
        assert_eq!(iv.slots().count(), 0);
        assert_eq!(iv.get(0), Value::UNDEF);
        assert_eq!(iv.get(INLINE_IVARS + 5), Value::UNDEF);
        iv.set(1, Value::fixnum(11));
        assert!(!iv.is_empty());
        assert!(iv.spill.is_none(), "slot 1 is inline");
        assert_eq!(
            iv.slots().collect::<Vec<_>>(),
            [Value::UNDEF, Value::fixnum(11)]
        );
        iv.set(INLINE_IVARS + 1, Value::fixnum(42));
        assert_eq!(iv.get(INLINE_IVARS + 1), Value::fixnum(42));
        assert_eq!(iv.get(INLINE_IVARS), Value::UNDEF);
        assert_eq!(iv.get(1), Value::fixnum(11));
        let all: Vec<Value> = iv.slots().collect();
        assert_eq!(all.len(), INLINE_IVARS + 2);
        assert_eq!(all[INLINE_IVARS + 1], Value::fixnum(42));
        assert!(iv.spill_bytes() > 0);
    }

    #[test]
    fn an_inline_slot_is_one_load_from_the_object() {
        let mut heap = Heap::new();
        let mut iv = Ivars::new();
        iv.set(0, Value::fixnum(7));
        iv.set(2, Value::fixnum(9));
        iv.set(INLINE_IVARS, Value::fixnum(11));
        let obj = heap.alloc(ClassId(3), ObjData::Object(Hdr::NEW, iv));
        let base = obj.obj_ptr().unwrap() as *const Obj as *const u8;
        let at = |slot| {
            let off = inline_ivar_offset(slot).expect("inline");
            // SAFETY: the offset is inside the object (the test checks what it reads).
            unsafe { *(base.add(off) as *const Value) }
        };
        assert_eq!(at(0), Value::fixnum(7));
        assert_eq!(at(1), Value::UNDEF);
        assert_eq!(at(2), Value::fixnum(9));
        assert_eq!(inline_ivar_offset(INLINE_IVARS), None);
    }

    #[test]
    fn slots_are_reused_and_empty_pages_released() {
        let mut heap = Heap::new();
        let n = 5 * PAGE_SLOTS + 7;
        let objs: Vec<Value> = (0..n)
            .map(|i| {
                heap.alloc(
                    ClassId(1),
                    ObjData::Array(Hdr::NEW, vec![Value::fixnum(i as i64)]),
                )
            })
            .collect();
        assert_eq!(heap.stats().live, n as u64);
        assert_eq!(heap.pages(), 6);
        // Keep every 100th object: the others' slots go back on the free list.
        let kept: Vec<Value> = objs.iter().copied().step_by(100).collect();
        heap.collect(&mut |mark| kept.iter().copied().for_each(&mut *mark));
        assert_eq!(heap.stats().live, kept.len() as u64);
        assert_eq!(heap.stats().freed_total, (n - kept.len()) as u64);
        for (k, &v) in kept.iter().enumerate() {
            let ObjData::Array(_, a) = &unsafe { &*v.as_ptr() }.data else {
                panic!("not an array")
            };
            assert_eq!(a[0], Value::fixnum(100 * k as i64));
        }
        // A new object takes the lowest free slot, not a new page.
        let first_free = objs[1];
        let again = heap.alloc(ClassId(2), ObjData::Float(Hdr::NEW, 1.5));
        assert_eq!(again, first_free);
        assert_eq!(heap.pages(), 6);
        // Nothing kept: the pages beyond what the next cycle allocates are released
        // (the minimum threshold keeps them all here), and the heap is empty.
        heap.collect(&mut |_| {});
        assert_eq!(heap.stats().live, 0);
        // A heap whose threshold is smaller than its pages gives pages back.
        let mut heap = Heap::new();
        let many = MIN_BYTES / SLOT_BYTES + 40 * PAGE_SLOTS;
        let keep: Vec<Value> = (0..many)
            .map(|i| heap.alloc(ClassId(1), ObjData::Float(Hdr::NEW, i as f64 + 0.5)))
            .collect();
        let pages = heap.pages();
        heap.collect(&mut |mark| keep.iter().copied().for_each(&mut *mark));
        assert_eq!(heap.pages(), pages, "all live: nothing released");
        heap.collect(&mut |_| {});
        assert!(
            heap.pages() <= (MIN_BYTES / SLOT_BYTES + 3 * PAGE_SLOTS) / PAGE_SLOTS,
            "{} pages left of {pages}",
            heap.pages()
        );
        let v = heap.alloc(ClassId(1), ObjData::Float(Hdr::NEW, 2.5));
        heap.collect(&mut |mark| mark(v));
        assert_eq!(heap.stats().live, 1);
    }

    #[test]
    fn big_arrays_are_marked_in_chunks() {
        let mut heap = Heap::new();
        // An array of 3 * MARK_CHUNK + 5 arrays, each holding a string and a float; and
        // garbage in between.
        let n = 3 * MARK_CHUNK + 5;
        let mut outer = Vec::new();
        for i in 0..n {
            let s = heap.alloc(
                ClassId(1),
                ObjData::String(Hdr::NEW, RStr::from(format!("s{i}"))),
            );
            heap.alloc(ClassId(1), ObjData::String(Hdr::NEW, RStr::from("garbage")));
            let f = heap.alloc(ClassId(2), ObjData::Float(Hdr::NEW, i as f64));
            outer.push(heap.alloc(
                ClassId(3),
                ObjData::Array(Hdr::NEW, vec![s, Value::fixnum(i as i64), f]),
            ));
        }
        let root = heap.alloc(ClassId(3), ObjData::Array(Hdr::NEW, outer));
        heap.collect(&mut |mark| mark(root));
        assert_eq!(heap.stats().live, (1 + 3 * n) as u64);
        assert_eq!(heap.stats().freed_total, n as u64);
        let ObjData::Array(_, outer) = &unsafe { &*root.as_ptr() }.data else {
            panic!()
        };
        for (i, &inner) in outer.iter().enumerate() {
            let ObjData::Array(_, a) = &unsafe { &*inner.as_ptr() }.data else {
                panic!()
            };
            let ObjData::String(_, s) = &unsafe { &*a[0].as_ptr() }.data else {
                panic!()
            };
            assert_eq!(s.as_str(), format!("s{i}"));
            assert_eq!(unsafe { &*a[0].as_ptr() }.class(), ClassId(1));
            assert!(!unsafe { &*a[0].as_ptr() }.frozen());
        }
        heap.collect(&mut |_| {});
        assert_eq!(heap.stats().live, 0);
    }

    #[test]
    fn buffers_counted_by_the_allocator_trigger_collections() {
        // A heap told that the allocator counts (as `count_buffers_from_allocator` tells
        // heaps in rebound's binary); the counting is simulated with `note_alloc`.
        let mut heap = Heap::new();
        heap.counted = true;
        heap.malloc_mark = malloc_net();
        heap.alloc(ClassId(1), ObjData::Array(Hdr::NEW, Vec::new()));
        assert!(!heap.wants_collection());
        // The array grows to MIN_BYTES after it was made: the next allocation is due.
        note_alloc(MIN_BYTES);
        heap.alloc(ClassId(1), ObjData::Float(Hdr::NEW, 0.5));
        assert!(heap.wants_collection());
        // The buffer was freed with its dead array: the new cycle starts from zero.
        note_free(MIN_BYTES);
        heap.collect(&mut |_| {});
        assert!(!heap.wants_collection());
        heap.alloc(ClassId(1), ObjData::Float(Hdr::NEW, 0.5));
        assert!(!heap.wants_collection());
        // Allocation and freeing that cancel out (temporaries) do not count.
        note_alloc(MIN_BYTES);
        note_free(MIN_BYTES);
        heap.alloc(ClassId(1), ObjData::Float(Hdr::NEW, 0.5));
        assert!(!heap.wants_collection());
        // Without the allocator's count, a buffer counts as it was when made.
        let mut heap = Heap::new();
        heap.counted = false;
        heap.alloc(
            ClassId(1),
            ObjData::Array(Hdr::NEW, Vec::with_capacity(MIN_BYTES / 8)),
        );
        assert!(heap.wants_collection());
    }

    #[test]
    fn inline_ivars_cost_other_objects_nothing() {
        // The inline slots fit in the room of the largest other variant.
        assert!(std::mem::size_of::<Ivars>() <= std::mem::size_of::<BigInt>());
        assert_eq!(std::mem::size_of::<Obj>(), 40);
        assert_eq!(inline_ivar_offset(0), Some(8));
    }
}
