// MicroPython configuration of the sandbox port (wasm32-wasi reactor, see ../README.md).
//
// Policy: start from the EXTRA_FEATURES ROM level, then set every switch this port relies on explicitly
// to (0) or (1), one comment each. What the guest can reach is exactly what is switched on here plus the
// host functions the engine serves through the `sandbox` imports: no filesystem of its own, no network,
// no threads, no native code, no stdin.

#include <stdbool.h>
#include <stdint.h>
#include <alloca.h>

#define MICROPY_CONFIG_ROM_LEVEL (MICROPY_CONFIG_ROM_LEVEL_EXTRA_FEATURES)

// ---- object model, integers, floats --------------------------------------------------------------
#define MICROPY_OBJ_REPR (MICROPY_OBJ_REPR_A)            // portable 32-bit object representation
#define MICROPY_LONGINT_IMPL (MICROPY_LONGINT_IMPL_MPZ)  // arbitrary-precision ints, like CPython
#define MICROPY_FLOAT_IMPL (MICROPY_FLOAT_IMPL_DOUBLE)   // float is an IEEE double, like CPython
#define MICROPY_PY_BUILTINS_FLOAT (1)                    // float type
#define MICROPY_PY_BUILTINS_COMPLEX (1)                  // complex type
#define MICROPY_FLOAT_HIGH_QUALITY_HASH (1)              // hash() of floats uses all their bits
#define MICROPY_PY_BUILTINS_ROUND_INT (1)                // round(int, ndigits)
#define MICROPY_PY_FORMAT_CPYTHON (1)                    // format specs, % and round(x, n) as CPython (port/numformat.c)
#define MICROPY_PY_STR_UNICODE_CPYTHON (1)               // str case methods and predicates for all of Unicode (port/unicode_db.c)
#define MICROPY_PY_STR_CODECS_CPYTHON (1)                // encode/decode with CPython's codecs and error handlers (port/strcodecs.c)
#define MICROPY_PY_INT_FLOAT_CPYTHON (1)                 // int/float methods, exact int-float compare, pow(b, -e, m) (port/numbers.c)
#define MICROPY_PY_MATH_EXTENSIBLE (1)                   // modules/math.py extends math (gcd, fsum, hypot, ...)
#define MICROPY_PY_SPECIAL_METHOD_ATTRS (1)              // list.__getitem__, (1).__add__, super().__eq__ (port/slotwrapper.c)
#define MICROPY_PY_REFLECTED_COMPARISONS (1)             // 1 < Fraction(3, 2) tries Fraction.__gt__, as CPython
#define MICROPY_PY_BUILTINS_POW3 (1)                     // pow(a, b, mod)
#define MICROPY_PY_BUILTINS_KWARGS_TABLE (1)             // split(maxsplit=1), round(ndigits=2) ...: port/builtin_kwargs.c (patch 0192)
#define MICROPY_OBJ_IMMEDIATE_OBJS (0)                   // None/True/False are ROM objects (REPR_A)

// ---- memory ---------------------------------------------------------------------------------------
#define MICROPY_ENABLE_GC (1)                            // mark-sweep GC on a heap sized by the host
#define MICROPY_GC_ALLOC_THRESHOLD (1)                   // gc.threshold()
#define MICROPY_GC_SPLIT_HEAP (1)                        // the heap is a list of areas ...
#define MICROPY_GC_STACK_ENTRY_TYPE size_t               // GC mark stack depth counter type
#define MICROPY_ENABLE_FINALISER (1)                     // __del__ on user classes, closes streams
#define MICROPY_ENABLE_PYSTACK (0)                       // frames live on the C (shadow) stack
#define MICROPY_STACKLESS (0)                            // nested calls recurse in C (stack-checked)
#define MICROPY_STACK_CHECK (1)                          // raise RecursionError before the stack ends
#define MICROPY_STACK_CHECK_MARGIN (0)                   // the margin is applied in main.c
#define MICROPY_ENABLE_EMERGENCY_EXCEPTION_BUF (0)       // MemoryError uses a static object
#define MICROPY_MALLOC_USES_ALLOCATED_SIZE (1)           // m_del passes sizes (accounting)
#define MICROPY_MEM_STATS (0)                            // no allocation statistics
#define MICROPY_TRACKED_ALLOC (0)                        // no m_tracked_calloc users
#define MICROPY_QSTR_BYTES_IN_HASH (2)                   // 16-bit qstr hashes
#define MICROPY_ALLOC_PATH_MAX (256)                     // longest path handed to a user VFS
#define MICROPY_ALLOC_PARSE_CHUNK_INIT (64)              // parser chunk size

// ---- compiler and VM --------------------------------------------------------------------------------
#define MICROPY_ENABLE_COMPILER (1)                      // compile source text in the guest
#define MICROPY_PERSISTENT_CODE_LOAD (0)                 // never load .mpy files: unverified bytecode (frozen modules need no loader)
#define MICROPY_PERSISTENT_CODE_SAVE (0)                 // never write .mpy
#define MICROPY_EMIT_X64 (0)                             // no native code emitters at all
#define MICROPY_EMIT_X86 (0)
#define MICROPY_EMIT_THUMB (0)
#define MICROPY_EMIT_INLINE_THUMB (0)
#define MICROPY_EMIT_ARM (0)
#define MICROPY_EMIT_XTENSA (0)
#define MICROPY_EMIT_INLINE_XTENSA (0)
#define MICROPY_EMIT_XTENSAWIN (0)
#define MICROPY_EMIT_RV32 (0)
#define MICROPY_EMIT_INLINE_RV32 (0)
#define MICROPY_EMIT_NATIVE_DEBUG (0)
#define MICROPY_ENABLE_DOC_STRING (1)                    // module and class docstrings in __doc__ (user code; frozen code is compiled without)
#define MICROPY_ERROR_REPORTING (MICROPY_ERROR_REPORTING_DETAILED) // full error messages
#define MICROPY_ENABLE_SOURCE_LINE (1)                   // line numbers in tracebacks
#define MICROPY_COMP_CONST_FOLDING (1)                   // fold constant expressions
#define MICROPY_COMP_CONST_TUPLE (1)                     // constant tuples
#define MICROPY_COMP_CONST_SET_CPYTHON (1)               // set displays of constants as CPython's frozenset constants (patch 0360)
#define MICROPY_COMP_CONST_LITERAL (1)                   // constant literals
#define MICROPY_COMP_CONST (1)                           // const() in module scope
#define MICROPY_COMP_DOUBLE_TUPLE_ASSIGN (1)             // a, b = b, a without a tuple
#define MICROPY_COMP_TRIPLE_TUPLE_ASSIGN (1)             // a, b, c = c, b, a without a tuple
#define MICROPY_COMP_MODULE_CONST (0)                    // no module.CONST folding
#define MICROPY_COMP_RETURN_IF_EXPR (0)                  // keep CPython's evaluation
#define MICROPY_COMP_ALLOW_TOP_LEVEL_AWAIT (0)           // no asyncio
#define MICROPY_OPT_COMPUTED_GOTO (0)                    // a switch-based VM (wasm has no computed goto)
#define MICROPY_OPT_LOAD_ATTR_FAST_PATH (1)              // faster attribute loads
#define MICROPY_OPT_MAP_LOOKUP_CACHE (1)                 // map lookup cache in the VM
#define MICROPY_OPT_MAP_LOOKUP_CACHE_SIZE (1024)         // its entries (2 KiB of 16-bit positions, patch 0252; 128 missed often: floats program 120 -> 112 ms)
#define MICROPY_OPT_MPZ_BITWISE (1)                      // fast mpz & | ^
#define MICROPY_OPT_MATH_FACTORIAL (1)                   // fast factorial
#define MICROPY_CPYTHON_COMPAT (1)                       // CPython-compatible extras
#define MICROPY_FULL_CHECKS (1)                          // argument checks everywhere
#define MICROPY_BUILTIN_METHOD_CHECK_SELF_ARG (1)        // type-check self of builtin methods
#define MICROPY_CAN_OVERRIDE_BUILTINS (1)                // the engine binds host functions as builtins
#define MICROPY_MODULE_BUILTIN_INIT (1)                  // __init__ of builtin modules (random seed)
#define MICROPY_MODULE_BUILTIN_SUBPACKAGES (0)           // no builtin packages
#define MICROPY_MODULE_GETATTR (1)                       // module-level __getattr__
#define MICROPY_MODULE_ATTR_DELEGATION (1)               // sys attributes delegated to the state
#define MICROPY_MODULE_OVERRIDE_MAIN_IMPORT (0)          // import __main__ is the session module
// MICROPY_MODULE_FROZEN_MPY, MICROPY_MODULE_FROZEN_STR and MICROPY_QSTR_EXTRA_POOL are set on the
// command line by py/mkrules.mk because FROZEN_MANIFEST is set (frozen modules from ../modules).
#define MICROPY_ENABLE_EXTERNAL_IMPORT (1)               // import .py from a user VFS
#define MICROPY_READER_VFS (1)                           // read those through the VFS
#define MICROPY_READER_POSIX (0)                         // never from a native filesystem
#define MICROPY_HELPER_REPL (0)                          // no interactive REPL helpers
#define MICROPY_REPL_EVENT_DRIVEN (0)
#define MICROPY_KBD_EXCEPTION (1)                        // KeyboardInterrupt for the host's soft limit
#define MICROPY_ENABLE_SCHEDULER (0)                     // no micropython.schedule
#define MICROPY_SCHEDULER_STATIC_NODES (0)
#define MICROPY_PY_THREAD (0)                            // no threads
#define MICROPY_DEBUG_PRINTERS (0)                       // no debug printers
#define MICROPY_DEBUG_VERBOSE (0)
#define MICROPY_USE_INTERNAL_PRINTF (1)                  // MicroPython's own mp_printf
#define MICROPY_USE_INTERNAL_ERRNO (1)                   // MicroPython's own errno values
#define MICROPY_WARNINGS (0)                             // no warnings printed
#define MICROPY_ENABLE_VM_ABORT (0)                      // no hard abort
#define MICROPY_PY_SYS_SETTRACE (0)                      // no tracing hooks
#define MICROPY_PY_SYS_GETFRAME (1)                      // a chain of running frames: sys._getframe (patches 0385, 0386)
#define MICROPY_PY_BUILTINS_WARNING_CLASSES (1)          // Warning, UserWarning, DeprecationWarning ... built in, for warnings (patch 0387)
#define MICROPY_ROM_TEXT_COMPRESSION (0)                 // readable error strings in the image
#define MICROPY_EPOCH_IS_1970 (1)                        // time.gmtime uses the Unix epoch
#define MICROPY_PY___FILE__ (1)                          // __file__ in modules
#define MICROPY_PY_DESCRIPTORS (1)                       // __get__/__set__/__delete__
#define MICROPY_PY_DELATTR_SETATTR (1)                   // __setattr__/__delattr__
#define MICROPY_PY_ASYNC_AWAIT (1)                       // async def / await syntax (no event loop)
#define MICROPY_PY_ASSIGN_EXPR (1)                       // :=
#define MICROPY_PY_GENERATOR_PEND_THROW (0)              // no MicroPython-only pend_throw
#define MICROPY_PY_FUNCTION_ATTRS (1)                    // __name__, __globals__ ...
#define MICROPY_PY_FUNCTION_ATTRS_CODE (0)               // no full __code__ (patch 0272 gives a minimal one)
#define MICROPY_PY_FUNCTION_ATTRS_CPYTHON (1)            // f.x = 1, __dict__, __qualname__, __doc__, __defaults__ ... (patch 0093)
#define MICROPY_PY_BUILTIN_FUN_NAMES (1)                 // <built-in function len>, len.__name__, str.upper.__qualname__ (patch 0201)
#define MICROPY_PY_LOCAL_NAMES (1)                       // compiled functions keep their locals' names: UnboundLocalError names the variable (patch 0202)
#define MICROPY_PY_CLASS_HOOKS (1)                       // __init_subclass__ (class keywords), __set_name__ (patch 0095)
#define MICROPY_PY_METACLASSES (1)                       // class M(type): metaclasses, type(C) is M (patch 0271)
#define MICROPY_PY_FUNCTION_TYPES_CPYTHON (1)            // closures are `function`, builtin_function_or_method, f.__code__ (patch 0272)
#define MICROPY_PY_FUNCTION_ANNOTATIONS (1)              // def f(x: int) -> str: f.__annotations__ (patch 0273)
#define MICROPY_PY_CLASS_SLOTS (1)                       // __slots__ restricts instance attributes (patch 0096)
#define MICROPY_PY_DESCRIPTOR_ATTRS (1)                  // property.fget, classmethod.__func__, __isabstractmethod__ (patch 0320)
#define MICROPY_PY_METACLASS_INIT (1)                    // metaclass __init__
#define MICROPY_PY_METACLASS_OPS (0)                     // no metaclass operators
#define MICROPY_PY_METACLASS_PROPERTIES (0)              // no metaclass properties
#define MICROPY_PY_ALL_SPECIAL_METHODS (1)               // all dunder methods
#define MICROPY_PY_ALL_INPLACE_SPECIAL_METHODS (1)       // __iadd__ etc.
#define MICROPY_PY_REVERSE_SPECIAL_METHODS (1)           // __radd__ etc.
#define MICROPY_PY_FSTRINGS (1)                          // f-strings
#define MICROPY_PY_ATTRTUPLE (1)                         // os.stat results etc.

#define MICROPY_MULTIPLE_INHERITANCE (1)                 // class C(A, B)
#define MICROPY_PY_STR_BYTES_CMP_WARN (0)                // no str/bytes comparison warning
#define MICROPY_WARNINGS_CATEGORY (0)                    // (warnings are off)
#define MICROPY_ASYNC_KBD_INTR (0)                       // interrupts only at bytecode boundaries
#define MICROPY_DYNAMIC_COMPILER (0)                     // fixed bytecode configuration
#define MICROPY_PERSISTENT_CODE_SAVE_FILE (0)            // never write .mpy files
#define MICROPY_PERSISTENT_CODE_SAVE_FUN (0)
#define MICROPY_PERSISTENT_CODE_TRACK_FUN_DATA (0)
#define MICROPY_PREVIEW_VERSION_2 (0)                    // MicroPython 1.x semantics
#define MICROPY_STACKLESS_STRICT (0)                     // (stackless is off)
#define MICROPY_STREAMS_NON_BLOCK (1)                    // non-blocking stream semantics (user VFS files)
#define MICROPY_STREAMS_POSIX_API (0)                    // no POSIX stream shims
#define MICROPY_HELPER_LEXER_UNIX (0)                    // no lexer from POSIX files
#define MICROPY_GC_CONSERVATIVE_CLEAR (1)                // zero new blocks: stale pointers never resurrect objects
#define MICROPY_GC_SPLIT_HEAP_AUTO (1)                   // ... added on demand from linear memory (main.c)
#define MICROPY_GC_FIT_HINT (1)                          // first fit from a hint for multi-block allocations (patch 0009)
#define MICROPY_GC_LARGE_AREAS (1)                       // allocations of 64 KiB or more in areas of their own (patch 0448)
#define MICROPY_GC_LARGE_ALLOC_MIN (65536)
#define MICROPY_GC_AREA_GRANULE (65536)                  // areas come in wasm pages (heap.c)
#define MICROPY_FLOAT_USE_NATIVE_FLT16 (0)               // no half floats
#define MICROPY_PY_MATH_ATAN2_FIX_INFNAN (0)             // wasi-libc's libm (musl) needs none of the fixes
#define MICROPY_PY_MATH_FMOD_FIX_INFNAN (0)
#define MICROPY_PY_MATH_GAMMA_FIX_NEGINF (0)
#define MICROPY_PY_MATH_MODF_FIX_NEGZERO (0)
#define MICROPY_PY_MATH_POW_FIX_NAN (0)
#define MICROPY_DEBUG_MP_OBJ_SENTINELS (0)               // no debugging aids
#define MICROPY_DEBUG_PARSE_RULE_NAME (0)
#define MICROPY_DEBUG_VALGRIND (0)
#define MICROPY_DEBUG_VM_STACK_OVERFLOW (0)
// Not listed: numeric tunables (MICROPY_ALLOC_*, dict sizes, cache sizes), MICROPY_WRAP_* hooks and the
// sub-switches of modules that are off (machine, select, ssl, thread ...) keep mpconfig.h's defaults.

// ---- builtins -----------------------------------------------------------------------------------------
#define MICROPY_PY_BUILTINS_STR_UNICODE (1)              // str is Unicode
#define MICROPY_PY_BUILTINS_STR_UNICODE_CHECK (1)        // reject invalid UTF-8
#define MICROPY_PY_BUILTINS_OSERROR_SUBCLASSES (1)       // FileNotFoundError ..., raised for OSError by errno (patch 0007)
#define MICROPY_PY_BUILTINS_STR_CENTER (1)               // str.center
#define MICROPY_PY_BUILTINS_STR_COUNT (1)                // str.count
#define MICROPY_PY_BUILTINS_STR_OP_MODULO (1)            // '%' formatting
#define MICROPY_PY_BUILTINS_STR_PARTITION (1)            // str.partition
#define MICROPY_PY_BUILTINS_STR_SPLITLINES (1)           // str.splitlines
#define MICROPY_PY_BUILTINS_BYTES_HEX (1)                // bytes.hex / fromhex
#define MICROPY_PY_BUILTINS_BYTEARRAY (1)                // bytearray
#define MICROPY_PY_BUILTINS_MEMORYVIEW (1)               // memoryview
#define MICROPY_PY_BUILTINS_MEMORYVIEW_ITEMSIZE (1)      // memoryview.itemsize
#define MICROPY_PY_BUILTINS_DICT_FROMKEYS (1)            // dict.fromkeys
#define MICROPY_PY_DICT_SUBCLASS_MISSING (1)             // d[key] on a dict subclass calls its __missing__ (patch 0150)
#define MICROPY_PY_BUILTINS_SET (1)                      // set
#define MICROPY_PY_BUILTINS_FROZENSET (1)                // frozenset
#define MICROPY_PY_BUILTINS_SLICE (1)                    // slice objects
#define MICROPY_PY_BUILTINS_SLICE_ATTRS (1)              // slice.start/stop/step
#define MICROPY_PY_BUILTINS_SLICE_INDICES (1)            // slice.indices
#define MICROPY_PY_BUILTINS_PROPERTY (1)                 // property
#define MICROPY_PY_BUILTINS_RANGE_ATTRS (1)              // range.start/stop/step
#define MICROPY_PY_BUILTINS_RANGE_BINOP (1)              // range == range
#define MICROPY_PY_BUILTINS_RANGE_BIG (1)                // range() beyond small ints, CPython's slices, in, hash (patch 0153)
#define MICROPY_PY_BUILTINS_NEXT2 (1)                    // next(it, default)
#define MICROPY_PY_BUILTINS_COMPILE (1)                  // compile()
#define MICROPY_PY_BUILTINS_EVAL_EXEC (1)                // eval / exec
#define MICROPY_PY_BUILTINS_EXECFILE (0)                 // no execfile (no files)
#define MICROPY_PY_BUILTINS_ENUMERATE (1)                // enumerate
#define MICROPY_PY_BUILTINS_FILTER (1)                   // filter
#define MICROPY_PY_BUILTINS_REVERSED (1)                 // reversed
#define MICROPY_PY_BUILTINS_MIN_MAX (1)                  // min / max
#define MICROPY_PY_BUILTINS_NOTIMPLEMENTED (1)           // NotImplemented
#define MICROPY_PY_BUILTINS_INPUT (0)                    // no input(): there is no stdin
#define MICROPY_PY_BUILTINS_HELP (0)                     // no help()
#define MICROPY_PY_BUILTINS_CODE (MICROPY_PY_BUILTINS_CODE_MINIMUM) // code objects from compile()

// ---- modules: on --------------------------------------------------------------------------------------
#define MICROPY_PY_SYS (1)                               // sys
#define MICROPY_PY_SYS_MODULES (1)                       // sys.modules
#define MICROPY_PY_SYS_PATH (1)                          // sys.path (imports from a user VFS)
#define MICROPY_PY_SYS_ARGV (1)                          // sys.argv (empty)
#define MICROPY_PY_SYS_PATH_ARGV_DEFAULTS (1)            // sys.path = ['', '.frozen'], argv = []
#define MICROPY_PY_SYS_MAXSIZE (1)                       // sys.maxsize
#define MICROPY_PY_SYS_EXC_INFO (1)                      // sys.exc_info
#define MICROPY_PY_SYS_EXIT (1)                          // sys.exit raises SystemExit
#define MICROPY_PY_SYS_STDFILES (1)                      // sys.stdin/stdout/stderr (sandbox_stdio.c)
#define MICROPY_PY_SYS_CPYTHON_INFO (1)                  // version_info, float_info, recursion limit ... (patch 0447)
#define MICROPY_PY_SYS_VERSION_MAJOR (3)                 // the CPython whose behaviour the guest matches
#define MICROPY_PY_SYS_VERSION_MINOR (11)
#define MICROPY_PY_SYS_VERSION_MICRO (7)
#define MICROPY_PY_SYS_VERSION_STRING "3.11.7 (MicroPython " MICROPY_VERSION_STRING ", datasette-micropython sandbox)"
#define MICROPY_PY_SYS_STDIO_BUFFER (0)                  // no .buffer attributes
#define MICROPY_PY_SYS_GETSIZEOF (0)                     // no sys.getsizeof
#define MICROPY_PY_SYS_INTERN (1)                        // sys.intern
#define MICROPY_PY_SYS_EXECUTABLE (0)                    // no executable
#define MICROPY_PY_SYS_ATEXIT (0)                        // sessions never exit
#define MICROPY_PY_SYS_PS1_PS2 (0)                       // no REPL prompts
#define MICROPY_PY_SYS_TRACEBACKLIMIT (0)                // no sys.tracebacklimit
#define MICROPY_PY_SYS_ATTR_DELEGATION (1)               // needed by sys.path/argv assignment
#define MICROPY_PY_SYS_PLATFORM "wasi-sandbox"           // sys.platform
#define MICROPY_PY_MICROPYTHON (1)                       // micropython module (const, heap info)
#define MICROPY_PY_MICROPYTHON_MEM_INFO (0)
#define MICROPY_PY_MICROPYTHON_STACK_USE (0)
#define MICROPY_PY_MICROPYTHON_HEAP_LOCKED (0)
#define MICROPY_PY_MICROPYTHON_RINGIO (0)
#define MICROPY_PY_GC (1)                                // gc
#define MICROPY_PY_GC_COLLECT_RETVAL (0)                 // gc.collect() returns None
#define MICROPY_PY_ARRAY (1)                             // array
#define MICROPY_PY_ARRAY_SLICE_ASSIGN (1)                // array slice assignment
#define MICROPY_PY_COLLECTIONS (1)                       // collections.namedtuple
#define MICROPY_PY_COLLECTIONS_DEQUE (1)                 // collections.deque
#define MICROPY_PY_COLLECTIONS_DEQUE_ITER (1)            // iterate a deque
#define MICROPY_PY_COLLECTIONS_DEQUE_SUBSCR (1)          // index a deque
#define MICROPY_PY_COLLECTIONS_ORDEREDDICT (1)           // collections.OrderedDict
#define MICROPY_PY_COLLECTIONS_NAMEDTUPLE__ASDICT (1)    // namedtuple._asdict
#define MICROPY_PY_MATH (1)                              // math
#define MICROPY_PY_MATH_CONSTANTS (1)                    // math.tau, inf, nan
#define MICROPY_PY_MATH_SPECIAL_FUNCTIONS (1)            // erf, gamma, lgamma ...
#define MICROPY_PY_MATH_FACTORIAL (1)                    // math.factorial
#define MICROPY_PY_MATH_ISCLOSE (1)                      // math.isclose
#define MICROPY_PY_CMATH (1)                             // cmath
#define MICROPY_PY_IO (1)                                // io
#define MICROPY_PY_IO_IOBASE (1)                         // io.IOBase (file objects of a user VFS)
#define MICROPY_PY_IO_BYTESIO (1)                        // io.BytesIO
#define MICROPY_PY_IO_BUFFEREDWRITER (0)                 // no BufferedWriter
#define MICROPY_PY_STRUCT (1)                            // struct
#define MICROPY_PY_JSON (1)                              // json
#define MICROPY_PY_JSON_SEPARATORS (1)                   // json.dumps(separators=)
#define MICROPY_PY_RE (0)                                // re is the frozen re.py on PCRE2 (modpcre2.c)
#define MICROPY_PY_HEAPQ (1)                             // heapq
#define MICROPY_PY_BINASCII (1)                          // binascii
#define MICROPY_PY_BINASCII_CRC32 (1)                    // binascii.crc32
#define MICROPY_PY_HASHLIB (1)                           // hashlib
#define MICROPY_PY_HASHLIB_SHA256 (1)                    // hashlib.sha256 (lib/crypto-algorithms)
#define MICROPY_PY_HASHLIB_SHA1 (0)                      // sources not in the +ds tarball
#define MICROPY_PY_HASHLIB_MD5 (0)                       // sources not in the +ds tarball
#define MICROPY_PY_DEFLATE (1)                           // deflate (zlib.py builds on it)
#define MICROPY_PY_DEFLATE_COMPRESS (1)                  // deflate compression
#define MICROPY_PY_RANDOM (1)                            // random
#define MICROPY_PY_RANDOM_EXTRA_FUNCS (1)                // randint, choice, uniform ...
#define MICROPY_PY_RANDOM_SEED_INIT_FUNC (mp_sandbox_random_seed()) // seeded from sandbox.entropy
#define MICROPY_PY_TIME (1)                              // time (host clock)
#define MICROPY_PY_TIME_TIME_TIME_NS (1)                 // time.time, time.time_ns
#define MICROPY_PY_TIME_GMTIME_LOCALTIME_MKTIME (1)      // time.gmtime/localtime (UTC)/mktime
#define MICROPY_PY_TIME_INCLUDEFILE "modtime_port.h"     // monotonic, perf_counter, sleep
#define MICROPY_PY_TIME_CUSTOM_SLEEP (1)                 // time.sleep via sandbox.sleep
#define MICROPY_PY_ERRNO (1)                             // errno
#define MICROPY_PY_ERRNO_ERRORCODE (1)                   // errno.errorcode
#define MICROPY_PY_OS (1)                                // os (VFS calls, urandom)
#define MICROPY_PY_OS_INCLUDEFILE "modos_port.h"         // os.urandom
#define MICROPY_PY_OS_URANDOM (1)                        // os.urandom via sandbox.entropy
#define MICROPY_PY_OS_STATVFS (1)                        // os.statvfs (user VFS)
#define MICROPY_PY_OS_UNAME (0)                          // no uname
#define MICROPY_PY_OS_SYNC (0)                           // no sync
#define MICROPY_PY_OS_SYSTEM (0)                         // no os.system
#define MICROPY_PY_OS_GETENV_PUTENV_UNSETENV (0)         // no environment
#define MICROPY_PY_OS_DUPTERM (0)                        // no terminal duplication
#define MICROPY_PY_OS_DUPTERM_NOTIFY (0)
#define MICROPY_PY_OS_ERRNO (0)                          // no os.errno
#define MICROPY_VFS (1)                                  // VFS layer: only user VFS objects mounted by the engine
#define MICROPY_VFS_WRITABLE (1)                         // mkdir/remove/rename reach the user VFS
#define MICROPY_PY_VFS (0)                               // no vfs module: user code mounts nothing (main.c mounts the engine's file system once)
#define MICROPY_PY_OS_MOUNT (0)                          // nor os.mount / os.umount (patch 0037)
#define MICROPY_VFS_POSIX (0)                            // no host filesystem
#define MICROPY_VFS_FAT (0)                              // no FAT
#define MICROPY_VFS_LFS1 (0)                             // no littlefs
#define MICROPY_VFS_LFS2 (0)
#define MICROPY_VFS_ROM (0)                              // no ROM filesystem
#define MICROPY_PY_STRUCT_UNSAFE_TYPECODES (0)           // no 'P'/'S' pointer typecodes

// ---- modules: off -------------------------------------------------------------------------------------
#define MICROPY_PY_MACHINE (0)                           // no hardware
#define MICROPY_PY_UCTYPES (0)                           // no raw memory access
#define MICROPY_PY_SELECT (0)                            // no select
#define MICROPY_PY_ASYNCIO (0)                           // no event loop
#define MICROPY_PY_SOCKET (0)                            // no network
#define MICROPY_PY_NETWORK (0)
#define MICROPY_PY_SSL (0)
#define MICROPY_PY_WEBSOCKET (0)
#define MICROPY_PY_WEBREPL (0)
#define MICROPY_PY_LWIP (0)
#define MICROPY_PY_BLUETOOTH (0)
#define MICROPY_PY_ONEWIRE (0)
#define MICROPY_PY_CRYPTOLIB (0)                         // no cryptolib (needs axtls/mbedtls)
#define MICROPY_PY_FRAMEBUF (0)                          // no framebuffer
#define MICROPY_PY_BTREE (0)                             // no btree
#define MICROPY_PY_MARSHAL (0)                           // no marshal
#define MICROPY_PY_PLATFORM (1)                          // platform (static strings)
#define MICROPY_PY_OPENAMP (0)
#define MICROPY_PY_THREAD_GIL (0)
#define MICROPY_PY_BUILTINS_HELP_MODULES (0)

// GC areas come straight from linear memory (memory.grow), see main.c.
void *mp_sandbox_heap_alloc(size_t size);
void mp_sandbox_heap_free(void *ptr);
#define MP_PLAT_ALLOC_HEAP(size) mp_sandbox_heap_alloc(size)
#define MP_PLAT_FREE_HEAP(ptr) mp_sandbox_heap_free(ptr)

// ---- port glue -----------------------------------------------------------------------------------------
#define MICROPY_HW_BOARD_NAME "sandbox"
#define MICROPY_HW_MCU_NAME "wasm32"
#define MICROPY_BANNER_NAME_AND_VERSION "MicroPython " MICROPY_VERSION_STRING " (datasette-micropython sandbox)"
// format(), vars() and ascii() (port/builtins.c); the engine adds host functions at run time, in the
// builtins override dict.
extern const struct _mp_obj_fun_builtin_var_t mp_builtin_format_obj;
extern const struct _mp_obj_fun_builtin_var_t mp_builtin_vars_obj;
extern const struct _mp_obj_fun_builtin_fixed_t mp_builtin_ascii_obj;
#define MICROPY_PORT_BUILTINS \
    { MP_ROM_QSTR(MP_QSTR_format), MP_ROM_PTR(&mp_builtin_format_obj) }, \
    { MP_ROM_QSTR(MP_QSTR_vars), MP_ROM_PTR(&mp_builtin_vars_obj) }, \
    { MP_ROM_QSTR(MP_QSTR_ascii), MP_ROM_PTR(&mp_builtin_ascii_obj) },

// The VM calls sandbox.poll() every MICROPY_SANDBOX_POLL_PERIOD backward jumps / function entries /
// returns; a nonzero answer schedules KeyboardInterrupt at the next bytecode boundary.
#define MICROPY_SANDBOX_POLL_PERIOD (4096)
extern int32_t mp_sandbox_poll_countdown;
void mp_sandbox_poll(void);
#define MICROPY_SANDBOX_POLL_HOOK do { if (--mp_sandbox_poll_countdown <= 0) { mp_sandbox_poll(); } } while (0);
#define MICROPY_VM_HOOK_INIT MICROPY_SANDBOX_POLL_HOOK
#define MICROPY_VM_HOOK_LOOP MICROPY_SANDBOX_POLL_HOOK
#define MICROPY_VM_HOOK_RETURN MICROPY_SANDBOX_POLL_HOOK
// Long C operations count `work` (about 64 simple steps each, capped) down on the same countdown and
// raise the pending interrupt at once (patch 0033, hal.c).
void mp_sandbox_check_interrupt(void);
#define MICROPY_INTERRUPT_CHECK(work) do { \
        size_t mp_work_ = (work); \
        mp_sandbox_poll_countdown -= 1 + (int32_t)(mp_work_ < 0x100000 ? mp_work_ : 0x100000); \
        if (mp_sandbox_poll_countdown <= 0) { \
            mp_sandbox_check_interrupt(); \
        } \
} while (0)
// The heap ran out during this run: main.c reports it to the host with the MemoryError (patch 0039), and
// the reserve (heap.c) is released so that the program's `except MemoryError:` and its traceback have room.
extern bool mp_sandbox_heap_exhausted;
void mp_sandbox_heap_ran_out(void);
#define MICROPY_HEAP_EXHAUSTED_HOOK(num_bytes) ((void)(num_bytes), mp_sandbox_heap_ran_out())

// Tracebacks show the source line of each frame of the code the current mp_exec compiled, as CPython
// shows the lines of a script (patch 0076; report.c keeps the run's source text).
#define MICROPY_TRACEBACK_SOURCE_LINES (1)
extern uint32_t mp_sandbox_run_serial;
bool mp_sandbox_is_run_code(const void *context);
struct _mp_print_t;
void mp_sandbox_print_source_line(const struct _mp_print_t *print, size_t line);
#define MICROPY_TRACEBACK_SOURCE_RUN() (mp_sandbox_run_serial)
#define MICROPY_TRACEBACK_SOURCE_OF(context) mp_sandbox_is_run_code(context)
#define MICROPY_TRACEBACK_PRINT_SOURCE_LINE(print, line) mp_sandbox_print_source_line(print, line)
// CPython 3.11's markers under the source line (`~~^~~`), found by compiling the run's source again when a
// traceback is printed (patch 0382; normal compiles record no columns)
#define MICROPY_TRACEBACK_MARKERS (1)
void mp_sandbox_print_markers(const struct _mp_print_t *print, size_t line, const unsigned char *code, size_t offset);
#define MICROPY_TRACEBACK_PRINT_MARKERS(print, line, code, offset) mp_sandbox_print_markers(print, line, code, offset)

uint32_t mp_sandbox_random_seed(void);

// Warnings and the few errors the core prints go to stderr.
extern const struct _mp_print_t mp_sandbox_stderr_print;
#define MICROPY_ERROR_PRINTER (&mp_sandbox_stderr_print)

typedef intptr_t mp_int_t;   // must be pointer size
typedef uintptr_t mp_uint_t; // must be pointer size
typedef long mp_off_t;

#define MP_STATE_PORT MP_STATE_VM
#define MP_SSIZE_MAX (0x7fffffff)
