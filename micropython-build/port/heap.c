// The guest's memory and session start (see ../README.md): the GC heap in linear memory, the reserve
// that lets a full heap still compile, the buffer the host exchanges data through, and the exports that
// start a session (mp_session_preinit, run once at build time; mp_session_init, with the memory limit).
#include <stdbool.h>
#include <string.h>

#include "py/cstack.h"
#include "py/gc.h"
#include "py/runtime.h"
#include "sandbox.h"

// Linker-provided bounds of the shadow stack (the C stack in linear memory, -z stack-size).
extern char __stack_low;
extern char __stack_high;

// MicroPython's stack check must raise RecursionError while both stacks still have room: the shadow
// stack above (1 MiB) and the native wasm stack, which the host caps (2 MiB in Wasmtime's default
// max_wasm_stack). With the limit at half the shadow stack, every recursion path checked by
// `dev_harness.py --checks` raises RecursionError (about 990 Python frames) without a native-stack trap.
#define SANDBOX_STACK_LIMIT_DIVISOR (2)

// The heap starts small and grows on demand (MICROPY_GC_SPLIT_HEAP_AUTO): when an allocation's collection
// frees no room for it or leaves the heap over half live (patch 0240), the GC adds an area (at least
// doubling the heap) from linear memory with memory.grow, up to the memory limit the host passed to
// mp_session_init. Nothing else grows the memory (the module has no malloc). Large objects get areas of
// their own (patch 0448), given back when their objects die. Areas the GC gives back are kept in a region
// table and reused (split, merged with free neighbours, or extended when they end the memory): linear
// memory itself never shrinks. The table has room for many large areas; when it is full, a free region
// is handed out whole (not split), and a large object that gets no area goes to the small areas.

#define WASM_PAGE ((size_t)65536)
#define HEAP_REGIONS_MAX (128)

typedef struct _heap_region_t {
    uintptr_t start;
    size_t size; // a multiple of WASM_PAGE
    bool used;
} heap_region_t;

static heap_region_t heap_regions[HEAP_REGIONS_MAX]; // in address order
static size_t heap_region_count;
static size_t memory_limit_pages; // linear memory may grow up to this many pages
bool mp_sandbox_session_started; // mp_session_init has given the session its memory limit

static size_t round_to_pages(size_t n) {
    return (n + WASM_PAGE - 1) / WASM_PAGE;
}

// Bytes by which linear memory may still grow: none before the session starts (the build's
// wasm-ctor-eval cannot evaluate memory.grow; the GC then places a large allocation in the first area).
static size_t memory_headroom(void) {
    if (!mp_sandbox_session_started) {
        return 0;
    }
    size_t pages = __builtin_wasm_memory_size(0);
    return pages < memory_limit_pages ? (memory_limit_pages - pages) * WASM_PAGE : 0;
}

// The free region that ends linear memory, if any (it can be extended by growing the memory).
static heap_region_t *free_region_at_end(void) {
    if (heap_region_count == 0) {
        return NULL;
    }
    heap_region_t *last = &heap_regions[heap_region_count - 1];
    uintptr_t end = (uintptr_t)__builtin_wasm_memory_size(0) * WASM_PAGE;
    return !last->used && last->start + last->size == end ? last : NULL;
}

static bool grow_memory(size_t pages) {
    if (pages == 0) {
        return true;
    }
    if (pages * WASM_PAGE > memory_headroom()) {
        return false;
    }
    return __builtin_wasm_memory_grow(0, pages) != (size_t)-1;
}

// The largest area mp_sandbox_heap_alloc can provide now.
size_t gc_get_max_new_split(void) {
    size_t best = memory_headroom();
    heap_region_t *end = free_region_at_end();
    if (end != NULL) {
        best += end->size;
    }
    for (size_t i = 0; i < heap_region_count; ++i) {
        if (!heap_regions[i].used && heap_regions[i].size > best) {
            best = heap_regions[i].size;
        }
    }
    return best;
}

// MP_PLAT_ALLOC_HEAP: `size` bytes (rounded up to whole pages) for a new GC area.
void *mp_sandbox_heap_alloc(size_t size) {
    size_t pages = round_to_pages(size);
    if (pages == 0) {
        return NULL;
    }
    size_t bytes = pages * WASM_PAGE;
    // 1. the smallest free region that fits, split when larger
    heap_region_t *fit = NULL;
    for (size_t i = 0; i < heap_region_count; ++i) {
        heap_region_t *r = &heap_regions[i];
        if (!r->used && r->size >= bytes && (fit == NULL || r->size < fit->size)) {
            fit = r;
        }
    }
    if (fit != NULL) {
        if (fit->size > bytes && heap_region_count < HEAP_REGIONS_MAX) {
            size_t i = fit - heap_regions;
            memmove(&heap_regions[i + 2], &heap_regions[i + 1], (heap_region_count - i - 1) * sizeof(heap_region_t));
            heap_regions[i + 1] = (heap_region_t) {fit->start + bytes, fit->size - bytes, false};
            fit->size = bytes;
            heap_region_count++;
        }
        fit->used = true;
        return (void *)fit->start;
    }
    // 2. extend the free region that ends the memory
    heap_region_t *end = free_region_at_end();
    if (end != NULL) {
        if (!grow_memory(pages - end->size / WASM_PAGE)) {
            return NULL;
        }
        end->size = bytes;
        end->used = true;
        return (void *)end->start;
    }
    // 3. new pages at the end of the memory
    if (heap_region_count == HEAP_REGIONS_MAX) {
        return NULL;
    }
    uintptr_t start = (uintptr_t)__builtin_wasm_memory_size(0) * WASM_PAGE;
    if (!grow_memory(pages)) {
        return NULL;
    }
    heap_regions[heap_region_count++] = (heap_region_t) {start, bytes, true};
    return (void *)start;
}

// MP_PLAT_FREE_HEAP: the GC gives back an area it emptied.
void mp_sandbox_heap_free(void *ptr) {
    size_t i = 0;
    while (i < heap_region_count && heap_regions[i].start != (uintptr_t)ptr) {
        ++i;
    }
    if (i == heap_region_count) {
        return;
    }
    heap_regions[i].used = false;
    // merge with a free successor, then a free predecessor, when adjacent
    if (i + 1 < heap_region_count && !heap_regions[i + 1].used
        && heap_regions[i].start + heap_regions[i].size == heap_regions[i + 1].start) {
        heap_regions[i].size += heap_regions[i + 1].size;
        memmove(&heap_regions[i + 1], &heap_regions[i + 2], (heap_region_count - i - 2) * sizeof(heap_region_t));
        heap_region_count--;
    }
    if (i > 0 && !heap_regions[i - 1].used
        && heap_regions[i - 1].start + heap_regions[i - 1].size == heap_regions[i].start) {
        heap_regions[i - 1].size += heap_regions[i].size;
        memmove(&heap_regions[i], &heap_regions[i + 1], (heap_region_count - i - 1) * sizeof(heap_region_t));
        heap_region_count--;
    }
}

// A small block held back from the program: when the heap is full of live data, compiling even
// `del x` would fail with MemoryError and the session could never recover. The reserve is released
// for a retry of the compilation, and when the heap runs out (report.c) so that the MemoryError's
// traceback and the program's handler for it have room (a handler that binds a new name can need a
// bigger globals dict); it is taken again after the run.
#define SANDBOX_RESERVE_SIZE (8192)
MP_REGISTER_ROOT_POINTER(void *sandbox_reserve);

void mp_sandbox_take_reserve(void) {
    if (MP_STATE_VM(sandbox_reserve) == NULL) {
        MP_STATE_VM(sandbox_reserve) = m_malloc_maybe(SANDBOX_RESERVE_SIZE);
    }
}

bool mp_sandbox_release_reserve(void) {
    if (MP_STATE_VM(sandbox_reserve) == NULL) {
        return false;
    }
    m_free(MP_STATE_VM(sandbox_reserve), SANDBOX_RESERVE_SIZE);
    MP_STATE_VM(sandbox_reserve) = NULL;
    return true;
}

// The buffer mp_buffer hands to the host: a GC block kept alive as a root pointer.
MP_REGISTER_ROOT_POINTER(uint8_t *sandbox_exchange);
static size_t exchange_size;

// Called by gc_collect(): scan the shadow stack from here to its top. Every pointer the wasm code holds
// is spilled there by wasm-opt --spill-pointers (see ../Makefile), so this finds all roots.
void gc_collect(void) {
    gc_collect_start();
    volatile uintptr_t marker = 0;
    uintptr_t lo = (uintptr_t)&marker;
    gc_collect_root((void **)lo, ((uintptr_t)&__stack_high - lo) / sizeof(uintptr_t));
    gc_collect_end();
}

// The first GC area, a static array (so setting it up needs no memory.grow, which wasm-ctor-eval cannot
// evaluate). Big enough that small programs never collect; the heap grows from there. The GC never gives
// its first area back.
#define SANDBOX_INITIAL_HEAP ((size_t)512 * 1024)
static uint8_t first_heap_area[SANDBOX_INITIAL_HEAP] __attribute__((aligned(16)));

// Starts the interpreter: first GC area, stack check, mp_init, the reserve. The build runs this once in
// wasm-ctor-eval and stores the resulting memory in the module (../Makefile), so every instance starts
// with a ready interpreter and the export is gone from the shipped module. Nothing it does depends on the
// instance: the random module seeds itself from sandbox.entropy on first import, not here.
EXPORT(mp_session_preinit) void mp_session_preinit(void) {
    memory_limit_pages = 65536; // none of its own until mp_session_init
    size_t stack_size = (size_t)(&__stack_high - &__stack_low);
    mp_cstack_init_with_top(&__stack_high, stack_size / SANDBOX_STACK_LIMIT_DIVISOR);
    gc_init(first_heap_area, first_heap_area + SANDBOX_INITIAL_HEAP);
    mp_init();
    mp_sandbox_take_reserve();
}

EXPORT(mp_session_init) int32_t mp_session_init(int32_t memory_limit) {
    // memory_limit is a u32 (bytes); 0: no limit of the guest's own (4 GiB, what wasm32 can address)
    size_t pages = (uint32_t)memory_limit != 0 ? (uint32_t)memory_limit / WASM_PAGE : 65536;
    if (mp_sandbox_session_started || pages < __builtin_wasm_memory_size(0)) {
        return 1;
    }
    memory_limit_pages = pages;
    mp_sandbox_session_started = true;
    return 0;
}

EXPORT(mp_buffer) uint8_t *mp_buffer(int32_t size) {
    if (!mp_sandbox_session_started || size < 0) {
        return NULL;
    }
    size_t want = size > 0 ? (size_t)size : 1;
    if (want > exchange_size || exchange_size > 65536) {
        if (MP_STATE_VM(sandbox_exchange) != NULL) {
            m_free(MP_STATE_VM(sandbox_exchange), exchange_size);
        }
        MP_STATE_VM(sandbox_exchange) = m_malloc_maybe(want);
        exchange_size = MP_STATE_VM(sandbox_exchange) ? want : 0;
    }
    return MP_STATE_VM(sandbox_exchange);
}

EXPORT(mp_gc_collect) void mp_gc_collect(void) {
    gc_collect();
}

