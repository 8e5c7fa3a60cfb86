// Session entry points of the sandbox guest (exports of the wasm reactor; contract in ../README.md).
//
// One instance is one session: mp_session_init (heap.c) gives the started interpreter its memory limit;
// mp_exec and mp_call then run in __main__'s globals any number of times. Outcomes are reported through
// the sandbox.result import (report.c), never printed.
#include <stdbool.h>
#include <string.h>

#include "py/bc.h"
#include "py/builtin.h"
#include "py/compile.h"
#include "py/cstack.h"
#include "py/gc.h"
#include "py/lexer.h"
#include "py/mperrno.h"
#include "py/objfun.h"
#include "py/objstr.h"
#include "py/runtime.h"
#include "extmod/vfs.h"
#include "sandbox.h"

// ---- mp_exec ------------------------------------------------------------------------------------------------

// Find where the last top-level logical line starts. Returns its 1-based line number, or 0 when the last
// statement is not a candidate for REPL-style evaluation (compound statement, keyword statement, lexing
// error, empty source).
static size_t find_trailing_line(const char *src, size_t len) {
    mp_lexer_t *lex = mp_lexer_new_from_str_len(MP_QSTR__lt_sandbox_gt_, src, len, 0);
    size_t depth = 0, last_line = 0;
    mp_token_kind_t last_kind = MP_TOKEN_END;
    bool line_start = true;
    for (; lex->tok_kind != MP_TOKEN_END; mp_lexer_to_next(lex)) {
        mp_token_kind_t k = lex->tok_kind;
        if (k > MP_TOKEN_END && k < MP_TOKEN_NEWLINE) {
            // a lexing error: compile the whole source and let the parser report it
            last_line = 0;
            break;
        }
        if (k == MP_TOKEN_INDENT) {
            depth++;
        } else if (k == MP_TOKEN_DEDENT) {
            depth--;
        } else if (k == MP_TOKEN_NEWLINE) {
            line_start = true;
        } else if (line_start) {
            line_start = false;
            if (depth == 0) {
                last_line = lex->tok_line;
                last_kind = k;
            }
        }
    }
    mp_lexer_free(lex);
    if (last_line == 0) {
        return 0;
    }
    // A compound statement (or a clause of one) cannot be compiled in single-input mode on its own and
    // must not print the expression statements of its body. Simple statements can: in that mode only
    // expression statements report a value (`import gc; gc.mem_free()` reports the second one).
    switch (last_kind) {
        case MP_TOKEN_KW_ASYNC:
        case MP_TOKEN_KW_CLASS:
        case MP_TOKEN_KW_DEF:
        case MP_TOKEN_KW_ELIF:
        case MP_TOKEN_KW_ELSE:
        case MP_TOKEN_KW_EXCEPT:
        case MP_TOKEN_KW_FINALLY:
        case MP_TOKEN_KW_FOR:
        case MP_TOKEN_KW_IF:
        case MP_TOKEN_KW_TRY:
        case MP_TOKEN_KW_WHILE:
        case MP_TOKEN_KW_WITH:
        case MP_TOKEN_OP_AT:
            return 0;
        default:
            break;
    }
    return last_line;
}

// Byte offset of the start of 1-based line `line`, counting line ends the way the lexer does.
static size_t line_offset(const char *src, size_t len, size_t line) {
    size_t i = 0;
    for (size_t l = 1; l < line && i < len; ++i) {
        if (src[i] == '\n') {
            ++l;
        } else if (src[i] == '\r') {
            if (i + 1 < len && src[i + 1] == '\n') {
                ++i;
            }
            ++l;
        }
    }
    return i;
}

// ---- source lines in tracebacks (patch 0076) -------------------------------------------------------------

// Changes with every mp_exec and mp_call, so that an exception kept from an earlier run never shows this
// run's text for its frames.
uint32_t mp_sandbox_run_serial;
// During mp_exec: its source text (in the exchange buffer the host wrote it to, which stays untouched until
// the run ends) and the module contexts of the code compiled from it; functions defined by that code
// share them, code compiled by exec() or an import has its own.
static const char *run_source;
static size_t run_source_len;
static int32_t run_flags;
static const void *run_contexts[2];

static const void *module_context(mp_obj_t fun) {
    return fun == MP_OBJ_NULL ? NULL : ((mp_obj_fun_bc_t *)MP_OBJ_TO_PTR(fun))->context;
}

bool mp_sandbox_is_run_code(const void *context) {
    return run_source != NULL && context != NULL && (context == run_contexts[0] || context == run_contexts[1]);
}

// `    line` with the line's own indentation and trailing blanks removed, as CPython prints it; nothing for
// a blank line or one past the end.
void mp_sandbox_print_source_line(const mp_print_t *print, size_t line) {
    if (run_source == NULL || line == 0) {
        return;
    }
    size_t start = line_offset(run_source, run_source_len, line);
    size_t end = start;
    while (end < run_source_len && run_source[end] != '\n' && run_source[end] != '\r') {
        ++end;
    }
    while (start < end && unichar_isspace(run_source[start])) {
        ++start;
    }
    while (end > start && unichar_isspace(run_source[end - 1])) {
        --end;
    }
    if (start < end) {
        mp_print_str(print, "    ");
        print->print_strn(print->data, run_source + start, end - start);
        mp_print_str(print, "\n");
    }
}

static mp_obj_t compile_part(const char *src, size_t len, size_t first_line, mp_parse_input_kind_t kind) {
    mp_lexer_t *lex = mp_lexer_new_from_str_len(MP_QSTR__lt_sandbox_gt_, src, len, 0);
    // Keep line numbers relative to the whole source.
    lex->line += first_line - 1;
    lex->tok_line += first_line - 1;
    #if MICROPY_TRACEBACK_MARKERS
    lex->tok_end_line += first_line - 1;
    #endif
    mp_parse_tree_t tree = mp_parse(lex, kind);
    return mp_compile(&tree, MP_QSTR__lt_sandbox_gt_, kind == MP_PARSE_SINGLE_INPUT);
}

// Compile the source into up to two module functions: `head` (file input) and, for
// EXEC_EVAL_TRAILING when the last top-level statement is a simple one, `tail` (single input, so that
// its expression statements report their values through __repl_print__).
static void compile_source(const char *src, size_t len, int32_t flags, mp_obj_t *head, mp_obj_t *tail) {
    *head = MP_OBJ_NULL;
    *tail = MP_OBJ_NULL;
    size_t line = (flags & EXEC_EVAL_TRAILING) ? find_trailing_line(src, len) : 0;
    if (line > 0) {
        size_t split = line_offset(src, len, line);
        if (split > 0) {
            *head = compile_part(src, split, 1, MP_PARSE_FILE_INPUT);
        }
        *tail = compile_part(src + split, len - split, line, MP_PARSE_SINGLE_INPUT);
    } else {
        *head = compile_part(src, len, 1, MP_PARSE_FILE_INPUT);
    }
}

// compile_source, retried once with the reserve released when the heap is full.
static void compile_source_with_reserve(const char *src, size_t len, int32_t flags, mp_obj_t *head, mp_obj_t *tail) {
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        compile_source(src, len, flags, head, tail);
        nlr_pop();
        return;
    }
    mp_obj_t exc = MP_OBJ_FROM_PTR(nlr.ret_val);
    if (mp_obj_is_subclass_fast(MP_OBJ_FROM_PTR(mp_obj_get_type(exc)), MP_OBJ_FROM_PTR(&mp_type_MemoryError))
        && mp_sandbox_release_reserve()) {
        compile_source(src, len, flags, head, tail);
        return;
    }
    nlr_jump(nlr.ret_val);
}

static void start_run(void) {
    // A stale interrupt from the previous run must not hit this one.
    MP_STATE_THREAD(mp_pending_exception) = MP_OBJ_NULL;
    mp_sandbox_poll_countdown = MICROPY_SANDBOX_POLL_PERIOD;
    ++mp_sandbox_run_serial;
    MP_STATE_VM(cur_exception) = NULL; // no exception is being handled when a run starts
    MP_STATE_THREAD(current_code_state) = NULL; // no Python frame runs yet (patch 0385)
    mp_sandbox_heap_exhausted = false;
    mp_sandbox_end_heap_lock();
}

// The end of an mp_exec or mp_call: no interrupt or heap lock outlives it, and the reserve a full heap
// released (compiling, or the heap running out) is taken back for the next run.
static void end_run(void) {
    MP_STATE_THREAD(mp_pending_exception) = MP_OBJ_NULL;
    mp_sandbox_end_heap_lock();
    mp_sandbox_take_reserve();
}

// ---- markers under a traceback's source line (patch 0382) ------------------------------------------------

// The span CPython 3.11 locates the operation at `offset` of `code` (a function of this run's source) at:
// the source is compiled again with mp_compile_positions set, so that the compiler notes the span of that
// opcode in every function whose code is `code` up to it. False when no function matched, when two
// matched with different spans (e.g. two identical lambdas on one line), when the operation has no span
// the compiler knows (the operations patch 0382 lists), or when the compile failed (no memory).
static bool find_op_span(const byte *code, size_t offset, mp_op_span_t *span) {
    mp_sandbox_prelude_t prelude;
    mp_sandbox_decode_prelude(code, &prelude);
    mp_compile_positions_t positions;
    memset(&positions, 0, sizeof(positions));
    positions.code = code;
    positions.code_info_size = (size_t)(prelude.opcodes - code);
    positions.offset = offset;
    bool compiled = false;
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        mp_compile_positions = &positions;
        mp_obj_t head, tail;
        compile_source(run_source, run_source_len, run_flags, &head, &tail);
        nlr_pop();
        compiled = true;
    }
    mp_compile_positions = NULL;
    if (!compiled || positions.n_found == 0 || positions.ambiguous || positions.found.kind == MP_OP_SPAN_NONE) {
        return false;
    }
    *span = positions.found;
    return true;
}

static bool is_marker_blank(char c) {
    // CPython's IS_WHITESPACE in traceback.c
    return c == ' ' || c == '\t' || c == '\f';
}

// The number of characters in the UTF-8 text `s[0:n]`.
static size_t chars_in(const char *s, size_t n) {
    size_t count = 0;
    for (size_t i = 0; i < n; ++i) {
        count += ((unsigned char)s[i] & 0xc0) != 0x80;
    }
    return count;
}

// Print the markers under source line `line` for the failing operation of a frame, as CPython 3.11's
// traceback.c does (tb_displayline): `^` under the operation's expression, or for a binary operator `~`
// under the operands and `^` under the operator, for a subscript `~` under the value and `^` under the
// brackets; nothing when the expression is the whole line. An expression that goes on to later lines is
// marked to the end of this one.
void mp_sandbox_print_markers(const mp_print_t *print, size_t line, const byte *code, size_t offset) {
    if (run_source == NULL || line == 0) {
        return;
    }
    mp_op_span_t span;
    if (!find_op_span(code, offset, &span) || MP_POS_LINE(span.start) != line) {
        return;
    }
    const char *text = run_source + line_offset(run_source, run_source_len, line);
    size_t len = 0;
    while (text + len < run_source + run_source_len && text[len] != '\n' && text[len] != '\r') {
        ++len;
    }
    // The lexer's columns count a tab as up to 8 columns; CPython's offsets count it as one character.
    if (memchr(text, '\t', len) != NULL) {
        return;
    }
    size_t start_byte = MP_POS_COLUMN(span.start) - 1;
    bool one_line = MP_POS_LINE(span.end) == line;
    size_t end_byte = one_line ? MP_POS_COLUMN(span.end) - 1 : len;
    if (one_line && span.kind == MP_OP_SPAN_BINARY_INNER) {
        // past the closing parentheses of a parenthesized right operand
        for (size_t i = end_byte; i < len && text[i] != '#'; ++i) {
            if (text[i] == ')') {
                end_byte = i + 1;
            } else if (!is_marker_blank(text[i])) {
                break;
            }
        }
    }
    if (start_byte >= end_byte || end_byte > len) {
        return;
    }
    size_t indent = 0;
    while (indent < len && (text[indent] == ' ' || text[indent] == '\f')) {
        ++indent;
    }
    size_t stripped_end = len;
    while (stripped_end > indent && unichar_isspace(text[stripped_end - 1])) {
        --stripped_end;
    }
    size_t start = chars_in(text, start_byte);
    size_t end = one_line ? chars_in(text, end_byte) : chars_in(text, stripped_end);
    // The anchors, in characters of the line: the `^` part between `~` parts.
    size_t left = 0, right = 0;
    bool anchors = false;
    if (one_line && span.kind != MP_OP_SPAN_PLAIN) {
        if (MP_POS_LINE(span.inner_a) != line || MP_POS_LINE(span.inner_b) != line) {
            return;
        }
        const char *seg = text + start_byte;
        size_t seg_len = end_byte - start_byte;
        size_t a = MP_POS_COLUMN(span.inner_a) - 1 - start_byte;
        size_t b = MP_POS_COLUMN(span.inner_b) - 1 - start_byte;
        if (a > seg_len || b > seg_len) {
            return;
        }
        if (span.kind != MP_OP_SPAN_SUBSCRIPT) {
            // from the end of the left operand to the start of the right one: the operator, one or two
            // characters, past any closing parentheses
            for (size_t i = a; i < b; ++i) {
                if (is_marker_blank(seg[i])) {
                    continue;
                }
                left = i;
                right = i + 1;
                if (i + 1 < b && !is_marker_blank(seg[i + 1])) {
                    ++right;
                }
                if (i + 1 < b && seg[i] == ')') {
                    continue;
                }
                anchors = true;
                break;
            }
        } else {
            // from the `[` after the value to the `]` after the index
            left = a;
            right = b + 1;
            while (left < seg_len && seg[left] != '[') {
                ++left;
            }
            while (right < seg_len && seg[right] != ']') {
                ++right;
            }
            if (right < seg_len) {
                ++right;
            }
            anchors = true;
        }
        if (!anchors) {
            return;
        }
        left = start + chars_in(seg, left);
        right = start + chars_in(seg, right);
    }
    if (!anchors && end - start == chars_in(text + indent, stripped_end - indent)) {
        return;
    }
    mp_print_str(print, "    ");
    for (size_t c = indent; c < end; ++c) {
        const char *mark = " ";
        if (c >= start) {
            mark = !anchors ? "^" : (c >= left && c < right) ? "^" : "~";
        }
        mp_print_str(print, mark);
    }
    mp_print_str(print, "\n");
}

EXPORT(mp_exec) int32_t mp_exec(const char *src, int32_t len_in, int32_t flags) {
    if (!mp_sandbox_session_started || len_in < 0) {
        return 1;
    }
    size_t len = (size_t)len_in;
    start_run();
    mp_globals_set(&MP_STATE_VM(dict_main));
    mp_locals_set(&MP_STATE_VM(dict_main));
    int32_t status = 0;
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        mp_obj_t head, tail;
        compile_source_with_reserve(src, len, flags, &head, &tail);
        run_source = src;
        run_source_len = len;
        run_flags = flags;
        run_contexts[0] = module_context(head);
        run_contexts[1] = module_context(tail);
        if (!(flags & EXEC_COMPILE_ONLY)) {
            if (head != MP_OBJ_NULL) {
                mp_call_function_0(head);
            }
            if (tail != MP_OBJ_NULL) {
                // The REPL-mode bytecode calls __repl_print__ for each expression statement of the
                // last line; bind it for this run only, in the builtins override dict.
                mp_obj_t dest[2] = {MP_OBJ_SENTINEL, MP_OBJ_FROM_PTR(&mp_sandbox_repl_print_obj)};
                MP_OBJ_TYPE_GET_SLOT(&mp_type_module, attr)(MP_OBJ_FROM_PTR(&mp_module_builtins), MP_QSTR___repl_print__, dest);
                mp_call_function_0(tail);
            }
        }
        nlr_pop();
    } else {
        status = 1;
        mp_sandbox_report_exception(MP_OBJ_FROM_PTR(nlr.ret_val));
    }
    run_source = NULL;
    run_contexts[0] = run_contexts[1] = NULL;
    end_run();
    return status;
}

static void report_encoded(const char *buf, size_t len) {
    sandbox_result(RESULT_ENCODED, buf, len);
}

// ---- mp_call ------------------------------------------------------------------------------------------------

EXPORT(mp_call) int32_t mp_call(const char *name, int32_t name_len, const uint8_t *args, int32_t args_len) {
    if (!mp_sandbox_session_started || name_len < 0 || args_len < 0) {
        return 1;
    }
    start_run();
    mp_globals_set(&MP_STATE_VM(dict_main));
    mp_locals_set(&MP_STATE_VM(dict_main));
    int32_t status = 0;
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        mp_obj_t key = mp_obj_new_str(name, name_len);
        mp_map_elem_t *elem = mp_map_lookup(&MP_STATE_VM(dict_main).map, key, MP_MAP_LOOKUP);
        if (elem == NULL) {
            mp_raise_msg_varg(&mp_type_NameError, MP_ERROR_TEXT("name '%s' is not defined"), mp_obj_str_get_str(key));
        }
        mp_obj_t fun = elem->value;
        mp_obj_t arg_list = mp_sandbox_decode(args, args_len);
        if (!mp_obj_is_type(arg_list, &mp_type_list)) {
            mp_raise_TypeError(MP_ERROR_TEXT("mp_call arguments must be a list"));
        }
        size_t n;
        mp_obj_t *items;
        mp_obj_list_get(arg_list, &n, &items);
        mp_obj_t ret = mp_call_function_n_kw(fun, n, 0, items);
        mp_sandbox_end_heap_lock(); // the call is over; encoding its result allocates
        mp_sandbox_encode_to(ret, report_encoded);
        nlr_pop();
    } else {
        status = 1;
        mp_sandbox_report_exception(MP_OBJ_FROM_PTR(nlr.ret_val));
    }
    end_run();
    return status;
}

// ---- the engine's file system -------------------------------------------------------------------------------
//
// User code has no vfs module and no os.mount (mpconfigport.h): a file system of its own could serve
// anything to import. The engine's file whitelist (modules/_sandbox_fs.py, mounted by the engine's
// setup code right after the session starts) mounts through _sandbox_vfs.mount_root, which works once
// per session. With .mpy loading off, what a file system can feed to import is Python source at worst.
static bool root_mounted;

static mp_obj_t sandbox_vfs_mount_root(mp_obj_t fs) {
    if (root_mounted) {
        mp_raise_OSError(MP_EPERM);
    }
    root_mounted = true;
    mp_obj_t args[2] = {fs, MP_OBJ_NEW_QSTR(MP_QSTR__slash_)};
    return mp_call_function_n_kw(MP_OBJ_FROM_PTR(&mp_vfs_mount_obj), 2, 0, args);
}
static MP_DEFINE_CONST_FUN_OBJ_1(sandbox_vfs_mount_root_obj, sandbox_vfs_mount_root);

static const mp_rom_map_elem_t sandbox_vfs_globals_table[] = {
    { MP_ROM_QSTR(MP_QSTR___name__), MP_ROM_QSTR(MP_QSTR__sandbox_vfs) },
    { MP_ROM_QSTR(MP_QSTR_mount_root), MP_ROM_PTR(&sandbox_vfs_mount_root_obj) },
};
static MP_DEFINE_CONST_DICT(sandbox_vfs_globals, sandbox_vfs_globals_table);

const mp_obj_module_t mp_module_sandbox_vfs = {
    .base = { &mp_type_module },
    .globals = (mp_obj_dict_t *)&sandbox_vfs_globals,
};
MP_REGISTER_MODULE(MP_QSTR__sandbox_vfs, mp_module_sandbox_vfs);

// ---- required by the core -----------------------------------------------------------------------------

void nlr_jump_fail(void *val) {
    (void)val;
    __builtin_trap();
}

void NORETURN __fatal_error(const char *msg) {
    (void)msg;
    __builtin_trap();
}

#ifndef NDEBUG
void MP_WEAK __assert_func(const char *file, int line, const char *func, const char *expr) {
    (void)file;
    (void)line;
    (void)func;
    (void)expr;
    __builtin_trap();
}
#endif
