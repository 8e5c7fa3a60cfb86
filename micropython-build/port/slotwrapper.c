// The special methods of built-in types as attributes, as CPython has them (patch 0220 wires this in):
// `sorted(keys, key=d.__getitem__)`, `map(str.__len__, words)`, `functools.reduce(int.__add__, xs)`,
// `hasattr(x, '__iter__')`, `super().__eq__(other)` and `object.__hash__(self)` in a class.
//
// MicroPython keeps these operations in type slots (subscr, binary_op, unary_op, iter), not in the types'
// attribute dicts, so `list.__getitem__` was an AttributeError. Adding a method object per type and name
// to every locals dict would cost ROM for hundreds of entries; instead an attribute lookup that found
// nothing asks mp_obj_special_method_lookup(), which answers from the table below with a small wrapper
// object that calls the generic operation (mp_obj_subscr, mp_binary_op ...). Only failed lookups reach it,
// so attribute access and operators run as before.

#include <math.h>
#include <string.h>

#include "py/runtime.h"
#include "py/objtype.h"
#include "py/builtin.h"

#if MICROPY_PY_SPECIAL_METHOD_ATTRS

enum {
    K_GETITEM, K_SETITEM, K_DELITEM, K_LEN, K_ITER, K_CONTAINS, K_HASH, K_BOOL, K_REPR, K_STR, K_FORMAT,
    K_CMP, K_BIN, K_RBIN, K_IBIN, K_UNARY, K_INT, K_FLOAT, K_INDEX, K_REVERSED, K_ROUND, K_TRUNC, K_FLOOR, K_CEIL,
};

typedef struct {
    uint16_t name;   // qstr
    uint8_t kind;
    uint8_t op;      // mp_binary_op_t or mp_unary_op_t for the kinds that take one
} special_method_t;

// The names, in the order of the bits of the per-type masks below.
enum {
    N_GETITEM, N_SETITEM, N_DELITEM, N_LEN, N_ITER, N_CONTAINS, N_HASH, N_BOOL, N_REPR, N_STR, N_FORMAT,
    N_EQ, N_NE, N_LT, N_LE, N_GT, N_GE,
    N_ADD, N_SUB, N_MUL, N_TRUEDIV, N_FLOORDIV, N_MOD, N_POW, N_AND, N_OR, N_XOR, N_LSHIFT, N_RSHIFT, N_DIVMOD,
    N_RADD, N_RSUB, N_RMUL, N_RTRUEDIV, N_RFLOORDIV, N_RMOD, N_RPOW, N_RAND, N_ROR, N_RXOR, N_RLSHIFT,
    N_RRSHIFT, N_RDIVMOD,
    N_IADD, N_IMUL, N_IAND, N_IOR, N_ISUB, N_IXOR,
    N_NEG, N_POS, N_ABS, N_INVERT, N_INT, N_FLOAT, N_INDEX,
    N_REVERSED, N_ROUND, N_TRUNC, N_FLOOR, N_CEIL,
    N_COUNT
};

static const special_method_t special_methods[N_COUNT] = {
    [N_GETITEM] = {MP_QSTR___getitem__, K_GETITEM, 0},
    [N_SETITEM] = {MP_QSTR___setitem__, K_SETITEM, 0},
    [N_DELITEM] = {MP_QSTR___delitem__, K_DELITEM, 0},
    [N_LEN] = {MP_QSTR___len__, K_LEN, 0},
    [N_ITER] = {MP_QSTR___iter__, K_ITER, 0},
    [N_CONTAINS] = {MP_QSTR___contains__, K_CONTAINS, 0},
    [N_HASH] = {MP_QSTR___hash__, K_HASH, 0},
    [N_BOOL] = {MP_QSTR___bool__, K_BOOL, 0},
    [N_REPR] = {MP_QSTR___repr__, K_REPR, 0},
    [N_STR] = {MP_QSTR___str__, K_STR, 0},
    [N_FORMAT] = {MP_QSTR___format__, K_FORMAT, 0},
    [N_EQ] = {MP_QSTR___eq__, K_CMP, MP_BINARY_OP_EQUAL},
    [N_NE] = {MP_QSTR___ne__, K_CMP, MP_BINARY_OP_NOT_EQUAL},
    [N_LT] = {MP_QSTR___lt__, K_CMP, MP_BINARY_OP_LESS},
    [N_LE] = {MP_QSTR___le__, K_CMP, MP_BINARY_OP_LESS_EQUAL},
    [N_GT] = {MP_QSTR___gt__, K_CMP, MP_BINARY_OP_MORE},
    [N_GE] = {MP_QSTR___ge__, K_CMP, MP_BINARY_OP_MORE_EQUAL},
    [N_ADD] = {MP_QSTR___add__, K_BIN, MP_BINARY_OP_ADD},
    [N_SUB] = {MP_QSTR___sub__, K_BIN, MP_BINARY_OP_SUBTRACT},
    [N_MUL] = {MP_QSTR___mul__, K_BIN, MP_BINARY_OP_MULTIPLY},
    [N_TRUEDIV] = {MP_QSTR___truediv__, K_BIN, MP_BINARY_OP_TRUE_DIVIDE},
    [N_FLOORDIV] = {MP_QSTR___floordiv__, K_BIN, MP_BINARY_OP_FLOOR_DIVIDE},
    [N_MOD] = {MP_QSTR___mod__, K_BIN, MP_BINARY_OP_MODULO},
    [N_POW] = {MP_QSTR___pow__, K_BIN, MP_BINARY_OP_POWER},
    [N_AND] = {MP_QSTR___and__, K_BIN, MP_BINARY_OP_AND},
    [N_OR] = {MP_QSTR___or__, K_BIN, MP_BINARY_OP_OR},
    [N_XOR] = {MP_QSTR___xor__, K_BIN, MP_BINARY_OP_XOR},
    [N_LSHIFT] = {MP_QSTR___lshift__, K_BIN, MP_BINARY_OP_LSHIFT},
    [N_RSHIFT] = {MP_QSTR___rshift__, K_BIN, MP_BINARY_OP_RSHIFT},
    [N_DIVMOD] = {MP_QSTR___divmod__, K_BIN, MP_BINARY_OP_DIVMOD},
    [N_RADD] = {MP_QSTR___radd__, K_RBIN, MP_BINARY_OP_ADD},
    [N_RSUB] = {MP_QSTR___rsub__, K_RBIN, MP_BINARY_OP_SUBTRACT},
    [N_RMUL] = {MP_QSTR___rmul__, K_RBIN, MP_BINARY_OP_MULTIPLY},
    [N_RTRUEDIV] = {MP_QSTR___rtruediv__, K_RBIN, MP_BINARY_OP_TRUE_DIVIDE},
    [N_RFLOORDIV] = {MP_QSTR___rfloordiv__, K_RBIN, MP_BINARY_OP_FLOOR_DIVIDE},
    [N_RMOD] = {MP_QSTR___rmod__, K_RBIN, MP_BINARY_OP_MODULO},
    [N_RPOW] = {MP_QSTR___rpow__, K_RBIN, MP_BINARY_OP_POWER},
    [N_RAND] = {MP_QSTR___rand__, K_RBIN, MP_BINARY_OP_AND},
    [N_ROR] = {MP_QSTR___ror__, K_RBIN, MP_BINARY_OP_OR},
    [N_RXOR] = {MP_QSTR___rxor__, K_RBIN, MP_BINARY_OP_XOR},
    [N_RLSHIFT] = {MP_QSTR___rlshift__, K_RBIN, MP_BINARY_OP_LSHIFT},
    [N_RRSHIFT] = {MP_QSTR___rrshift__, K_RBIN, MP_BINARY_OP_RSHIFT},
    [N_RDIVMOD] = {MP_QSTR___rdivmod__, K_RBIN, MP_BINARY_OP_DIVMOD},
    [N_IADD] = {MP_QSTR___iadd__, K_IBIN, MP_BINARY_OP_INPLACE_ADD},
    [N_IMUL] = {MP_QSTR___imul__, K_IBIN, MP_BINARY_OP_INPLACE_MULTIPLY},
    [N_IAND] = {MP_QSTR___iand__, K_IBIN, MP_BINARY_OP_INPLACE_AND},
    [N_IOR] = {MP_QSTR___ior__, K_IBIN, MP_BINARY_OP_INPLACE_OR},
    [N_ISUB] = {MP_QSTR___isub__, K_IBIN, MP_BINARY_OP_INPLACE_SUBTRACT},
    [N_IXOR] = {MP_QSTR___ixor__, K_IBIN, MP_BINARY_OP_INPLACE_XOR},
    [N_NEG] = {MP_QSTR___neg__, K_UNARY, MP_UNARY_OP_NEGATIVE},
    [N_POS] = {MP_QSTR___pos__, K_UNARY, MP_UNARY_OP_POSITIVE},
    [N_ABS] = {MP_QSTR___abs__, K_UNARY, MP_UNARY_OP_ABS},
    [N_INVERT] = {MP_QSTR___invert__, K_UNARY, MP_UNARY_OP_INVERT},
    [N_INT] = {MP_QSTR___int__, K_INT, 0},
    [N_FLOAT] = {MP_QSTR___float__, K_FLOAT, 0},
    [N_INDEX] = {MP_QSTR___index__, K_INDEX, 0},
    [N_REVERSED] = {MP_QSTR___reversed__, K_REVERSED, 0},
    [N_ROUND] = {MP_QSTR___round__, K_ROUND, 0},
    [N_TRUNC] = {MP_QSTR___trunc__, K_TRUNC, 0},
    [N_FLOOR] = {MP_QSTR___floor__, K_FLOOR, 0},
    [N_CEIL] = {MP_QSTR___ceil__, K_CEIL, 0},
};

#define B(n) ((uint64_t)1 << (n))
#define CMP (B(N_EQ) | B(N_NE) | B(N_LT) | B(N_LE) | B(N_GT) | B(N_GE))
#define SEQ (B(N_GETITEM) | B(N_LEN) | B(N_ITER) | B(N_CONTAINS) | CMP | B(N_ADD) | B(N_MUL) | B(N_RMUL))
#define MUTABLE_SEQ (SEQ | B(N_SETITEM) | B(N_DELITEM) | B(N_IADD) | B(N_IMUL) | B(N_HASH))
#define NUMBER (CMP | B(N_HASH) | B(N_BOOL) | B(N_ADD) | B(N_SUB) | B(N_MUL) | B(N_TRUEDIV) | B(N_POW) \
    | B(N_RADD) | B(N_RSUB) | B(N_RMUL) | B(N_RTRUEDIV) | B(N_RPOW) | B(N_NEG) | B(N_POS) | B(N_ABS))
#define REAL (NUMBER | B(N_FLOORDIV) | B(N_MOD) | B(N_DIVMOD) | B(N_RFLOORDIV) | B(N_RMOD) | B(N_RDIVMOD) \
    | B(N_INT) | B(N_FLOAT) | B(N_ROUND) | B(N_TRUNC) | B(N_FLOOR) | B(N_CEIL))
#define BITS (B(N_AND) | B(N_OR) | B(N_XOR) | B(N_LSHIFT) | B(N_RSHIFT) | B(N_RAND) | B(N_ROR) | B(N_RXOR) \
    | B(N_RLSHIFT) | B(N_RRSHIFT) | B(N_INVERT) | B(N_INDEX))
#define SET_OPS (B(N_LEN) | B(N_ITER) | B(N_CONTAINS) | CMP | B(N_AND) | B(N_OR) | B(N_XOR) | B(N_SUB) \
    | B(N_RAND) | B(N_ROR) | B(N_RXOR) | B(N_RSUB))

// STRICT: an operand of another type gives NotImplemented (CPython's numbers, sets and dict `|`);
// otherwise only comparisons do, and `[1].__add__((2,))` raises the operation's TypeError, as in CPython.
// UNHASHABLE: `__hash__` is None.
#define STRICT (1)
#define UNHASHABLE (2)
// VIEW: a dict view's reflected operators take any iterable (`d.keys().__rsub__([1, 2])` is `[1, 2] - d.keys()`)
#define VIEW (4)

typedef struct {
    const mp_obj_type_t *type;
    uint64_t names;
    uint8_t flags;
} special_type_t;

// every built-in type below has its own __repr__; str and bytes their own __str__ (the others inherit
// object's, which is the type's __repr__: str() of an int subclass with its own __repr__ uses that)
#define R B(N_REPR)

static const special_type_t special_types[] = {
    {&mp_type_object, B(N_HASH) | B(N_REPR) | B(N_STR) | B(N_FORMAT) | CMP, 0},
    {&mp_type_int, REAL | BITS | B(N_FORMAT) | R, STRICT},
    {&mp_type_float, REAL | B(N_FORMAT) | R, STRICT},
    #if MICROPY_PY_BUILTINS_COMPLEX
    {&mp_type_complex, (NUMBER & ~(B(N_LT) | B(N_LE) | B(N_GT) | B(N_GE))) | B(N_FORMAT) | R, STRICT},
    #endif
    {&mp_type_str, SEQ | B(N_HASH) | B(N_MOD) | B(N_RMOD) | B(N_FORMAT) | R | B(N_STR), 0},
    {&mp_type_bytes, SEQ | B(N_HASH) | B(N_MOD) | B(N_RMOD) | R | B(N_STR), 0},
    {&mp_type_bytearray, MUTABLE_SEQ | B(N_MOD) | B(N_RMOD) | R, UNHASHABLE},
    {&mp_type_list, MUTABLE_SEQ | B(N_REVERSED) | R, UNHASHABLE},
    {&mp_type_tuple, SEQ | B(N_HASH) | R, 0},
    {&mp_type_dict, B(N_GETITEM) | B(N_SETITEM) | B(N_DELITEM) | B(N_LEN) | B(N_ITER) | B(N_CONTAINS) | CMP
     | B(N_HASH) | B(N_OR) | B(N_ROR) | B(N_IOR) | B(N_REVERSED) | R, STRICT | UNHASHABLE},
    {&mp_type_set, SET_OPS | B(N_HASH) | B(N_IAND) | B(N_IOR) | B(N_ISUB) | B(N_IXOR) | R, STRICT | UNHASHABLE},
    {&mp_type_frozenset, SET_OPS | B(N_HASH) | R, STRICT},
    {&mp_type_dict_keys, SET_OPS | B(N_HASH) | B(N_REVERSED) | R, UNHASHABLE | VIEW},
    {&mp_type_dict_items, SET_OPS | B(N_HASH) | B(N_REVERSED) | R, UNHASHABLE | VIEW},
    {&mp_type_dict_values, B(N_LEN) | B(N_ITER) | B(N_REVERSED) | R, 0},
    {&mp_type_range, B(N_GETITEM) | B(N_LEN) | B(N_ITER) | B(N_CONTAINS) | B(N_EQ) | B(N_NE) | B(N_HASH)
     | B(N_BOOL) | B(N_REVERSED) | R, 0},
};

typedef struct _mp_obj_special_method_t {
    mp_obj_base_t base;
    uint8_t type_index;   // in special_types
    uint8_t name_index;   // in special_methods
    mp_obj_t self;        // MP_OBJ_NULL for the unbound form (`list.__len__`)
} mp_obj_special_method_t;

static const mp_obj_type_t mp_type_special_method;

// Whether `x` is an operand the type's own operation takes (CPython returns NotImplemented otherwise).
static bool takes_operand(const mp_obj_type_t *owner, mp_obj_t x) {
    mp_obj_t t = MP_OBJ_FROM_PTR(mp_obj_get_type(x));
    if (mp_obj_is_subclass_fast(t, MP_OBJ_FROM_PTR(owner))) {
        return true;
    }
    if (owner == &mp_type_float) {
        return mp_obj_is_subclass_fast(t, MP_OBJ_FROM_PTR(&mp_type_int));
    }
    #if MICROPY_PY_BUILTINS_COMPLEX
    if (owner == &mp_type_complex) {
        return mp_obj_is_subclass_fast(t, MP_OBJ_FROM_PTR(&mp_type_int))
               || mp_obj_is_subclass_fast(t, MP_OBJ_FROM_PTR(&mp_type_float));
    }
    #endif
    if (owner == &mp_type_set || owner == &mp_type_frozenset) {
        return mp_obj_is_subclass_fast(t, MP_OBJ_FROM_PTR(&mp_type_set))
               || mp_obj_is_subclass_fast(t, MP_OBJ_FROM_PTR(&mp_type_frozenset));
    }
    if (owner == &mp_type_dict_keys || owner == &mp_type_dict_items) {
        // a set-like view compares with sets and the other set-like views
        return mp_obj_is_any_set(x) || t == MP_OBJ_FROM_PTR(&mp_type_dict_keys) || t == MP_OBJ_FROM_PTR(&mp_type_dict_items);
    }
    return false;
}

static mp_obj_t print_to_str(mp_obj_t o, mp_print_kind_t kind) {
    vstr_t vstr;
    mp_print_t print;
    vstr_init_print(&vstr, 16, &print);
    mp_obj_print_helper(&print, o, kind);
    return mp_obj_new_str_from_utf8_vstr(&vstr);
}

static size_t special_method_arity(size_t kind) {
    switch (kind) {
        case K_SETITEM:
            return 2;
        case K_GETITEM:
        case K_DELITEM:
        case K_CONTAINS:
        case K_FORMAT:
        case K_CMP:
        case K_BIN:
        case K_RBIN:
        case K_IBIN:
            return 1;
        default:
            return 0;
    }
}

// object's own methods: what a class that does not override them gets (`super().__eq__(other)`).
static mp_obj_t object_method(size_t kind, mp_binary_op_t op, mp_obj_t self, mp_obj_t arg) {
    bool instance = mp_obj_is_instance_type(mp_obj_get_type(self));
    if (instance && (kind == K_STR || kind == K_REPR)) {
        // an exception class's super().__str__() is the message (BaseException's own __str__)
        mp_obj_t sub = mp_obj_native_subobj(self);
        if (sub != MP_OBJ_NULL && mp_obj_is_native_exception_instance(sub)) {
            vstr_t vstr;
            mp_print_t print;
            vstr_init_print(&vstr, 32, &print);
            if (kind == K_REPR) {
                mp_print_str(&print, mp_obj_get_type_str(self));
            }
            mp_obj_print_helper(&print, sub, (kind == K_STR ? PRINT_STR : PRINT_REPR) | PRINT_EXC_SUBCLASS);
            return mp_obj_new_str_from_utf8_vstr(&vstr);
        }
    }
    switch (kind) {
        case K_HASH:
            return instance ? mp_obj_instance_default_hash(self) : mp_obj_hash_cpython(self);
        case K_REPR:
            if (instance) {
                vstr_t vstr;
                mp_print_t print;
                vstr_init_print(&vstr, 32, &print);
                mp_obj_instance_default_print(&print, self);
                return mp_obj_new_str_from_utf8_vstr(&vstr);
            }
            return print_to_str(self, PRINT_REPR);
        case K_STR:
            // object.__str__ is the type's __repr__
            return print_to_str(self, PRINT_REPR);
        case K_FORMAT:
            if (!mp_obj_is_str(arg)) {
                mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("__format__() argument must be str, not %s"),
                    mp_obj_get_type_str(arg));
            }
            if (mp_obj_len(arg) != MP_OBJ_NEW_SMALL_INT(0)) {
                mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("unsupported format string passed to %s.__format__"),
                    mp_obj_get_type_str(self));
            }
            return print_to_str(self, PRINT_STR);
        default: // K_CMP
            if (op == MP_BINARY_OP_EQUAL) {
                return self == arg ? mp_const_true : mp_const_notimplemented;
            }
            if (op == MP_BINARY_OP_NOT_EQUAL) {
                // the inverse of the class's __eq__, as CPython's object.__ne__
                mp_obj_t dest[3];
                mp_load_method(self, MP_QSTR___eq__, dest);
                dest[2] = arg;
                mp_obj_t r = mp_call_method_n_kw(1, 0, dest);
                return r == mp_const_notimplemented ? r : mp_obj_new_bool(!mp_obj_is_true(r));
            }
            return mp_const_notimplemented;
    }
}

static mp_obj_t special_method_run(const special_type_t *st, const special_method_t *sm, mp_obj_t self, const mp_obj_t *args) {
    const mp_obj_type_t *owner = st->type;
    if (owner == &mp_type_object) {
        return object_method(sm->kind, sm->op, self, special_method_arity(sm->kind) ? args[0] : MP_OBJ_NULL);
    }
    if (sm->kind == K_FORMAT && mp_obj_is_str(args[0]) && mp_obj_len(args[0]) == MP_OBJ_NEW_SMALL_INT(0)) {
        // format(x, '') is str(x), also for a subclass (whose own __repr__ or __str__ that uses)
        return print_to_str(self, PRINT_STR);
    }
    // an instance of a user subclass: the operation applies to the built-in object inside it, so that
    // `super().__len__()` in a list subclass that defines __len__ does not call itself
    if (mp_obj_is_instance_type(mp_obj_get_type(self))) {
        mp_obj_t sub = mp_obj_native_subobj(self);
        if (sub != MP_OBJ_NULL) {
            self = sub;
        }
    }
    switch (sm->kind) {
        case K_GETITEM:
            return mp_obj_subscr(self, args[0], MP_OBJ_SENTINEL);
        case K_SETITEM:
            mp_obj_subscr(self, args[0], args[1]);
            return mp_const_none;
        case K_DELITEM:
            mp_obj_subscr(self, args[0], MP_OBJ_NULL);
            return mp_const_none;
        case K_LEN:
            return mp_obj_len(self);
        case K_ITER:
            return mp_getiter(self, NULL);
        case K_CONTAINS:
            return mp_binary_op(MP_BINARY_OP_CONTAINS, self, args[0]);
        case K_HASH:
            // what hash() gives (CPython's numbers, tuples, frozensets), not the dict's folded value
            return mp_obj_hash_cpython(self);
        case K_BOOL:
            return mp_obj_new_bool(mp_obj_is_true(self));
        case K_REPR:
            return print_to_str(self, PRINT_REPR);
        case K_STR:
            return print_to_str(self, PRINT_STR);
        case K_FORMAT: {
            mp_obj_t fargs[2] = {self, args[0]};
            return mp_call_function_n_kw(MP_OBJ_FROM_PTR(&mp_builtin_format_obj), 2, 0, fargs);
        }
        case K_CMP:
            if (!takes_operand(owner, args[0])) {
                return mp_const_notimplemented;
            }
            return mp_binary_op(sm->op, self, args[0]);
        case K_BIN:
        case K_IBIN:
            if ((st->flags & STRICT) && !takes_operand(owner, args[0])) {
                return mp_const_notimplemented;
            }
            return mp_binary_op(sm->op, self, args[0]);
        case K_RBIN:
            if (st->flags & VIEW) {
                return mp_binary_op(sm->op, args[0], self);
            }
            if (sm->op == MP_BINARY_OP_MODULO && !(st->flags & STRICT)) {
                // str.__rmod__(x, fmt) is `fmt % x` when fmt is a str (bytes, bytearray: of that type)
                return takes_operand(owner, args[0]) ? mp_binary_op(sm->op, args[0], self) : mp_const_notimplemented;
            }
            if (!(st->flags & STRICT)) {
                // a sequence's __rmul__ is its repetition
                return mp_binary_op(sm->op, self, args[0]);
            }
            if (!takes_operand(owner, args[0])) {
                return mp_const_notimplemented;
            }
            return mp_binary_op(sm->op, args[0], self);
        case K_UNARY:
            return mp_unary_op(sm->op, self);
        case K_FLOAT:
            return mp_call_function_1(MP_OBJ_FROM_PTR(&mp_type_float), self);
        case K_REVERSED:
            return mp_obj_new_reversed(self);
        case K_ROUND: {
            mp_obj_t rargs[2] = {self, args[0]};
            return mp_call_function_n_kw(MP_OBJ_FROM_PTR(&mp_builtin_round_obj), args[0] == MP_OBJ_NULL ? 1 : 2, 0, rargs);
        }
        case K_TRUNC:
        case K_FLOOR:
        case K_CEIL:
            #if MICROPY_PY_BUILTINS_FLOAT
            if (mp_obj_is_float(self)) {
                mp_float_t f = mp_obj_float_get(self);
                if (sm->kind == K_FLOOR) {
                    f = MICROPY_FLOAT_C_FUN(floor)(f);
                } else if (sm->kind == K_CEIL) {
                    f = MICROPY_FLOAT_C_FUN(ceil)(f);
                }
                return mp_obj_new_int_from_float(f);
            }
            #endif
            return mp_call_function_1(MP_OBJ_FROM_PTR(&mp_type_int), self);
        default: // K_INT, K_INDEX
            return mp_call_function_1(MP_OBJ_FROM_PTR(&mp_type_int), self);
    }
}

// CPython implements these as plain methods, not slot wrappers: their repr and argument error differ
static bool is_plain_method(const special_type_t *st, size_t name_index) {
    const mp_obj_type_t *t = st->type;
    return name_index == N_FORMAT || name_index >= N_REVERSED
           || (name_index == N_GETITEM && (t == &mp_type_list || t == &mp_type_dict))
           || (name_index == N_CONTAINS && (t == &mp_type_dict || t == &mp_type_set || t == &mp_type_frozenset));
}

static mp_obj_t special_method_call(mp_obj_t self_in, size_t n_args, size_t n_kw, const mp_obj_t *args) {
    mp_obj_special_method_t *m = MP_OBJ_TO_PTR(self_in);
    const special_type_t *st = &special_types[m->type_index];
    const special_method_t *sm = &special_methods[m->name_index];
    if (n_kw != 0) {
        mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("wrapper %q() takes no keyword arguments"), (qstr)sm->name);
    }
    mp_obj_t self = m->self;
    if (self == MP_OBJ_NULL) {
        if (n_args == 0) {
            mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("descriptor '%q' of '%q' object needs an argument"),
                (qstr)sm->name, st->type->name);
        }
        self = args[0];
        if (st->type != &mp_type_object
            && !mp_obj_is_subclass_fast(MP_OBJ_FROM_PTR(mp_obj_get_type(self)), MP_OBJ_FROM_PTR(st->type))) {
            mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("descriptor '%q' requires a '%q' object but received a '%s'"),
                (qstr)sm->name, st->type->name, mp_obj_get_type_str(self));
        }
        args++;
        n_args--;
    }
    size_t arity = special_method_arity(sm->kind);
    if (sm->kind == K_ROUND) {
        // __round__(ndigits=None): the only one taking an optional argument
        if (n_args > 1) {
            mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("__round__ expected at most 1 argument, got %d"), (int)n_args);
        }
        mp_obj_t ndigits = n_args ? args[0] : MP_OBJ_NULL;
        return special_method_run(st, sm, self, &ndigits);
    }
    if (n_args != arity && arity == 0 && is_plain_method(st, m->name_index)) {
        mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("%q.%q() takes no arguments (%d given)"),
            st->type->name, (qstr)sm->name, (int)n_args);
    }
    if (n_args != arity && is_plain_method(st, m->name_index)) {
        mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("%q.%q() takes exactly one argument (%d given)"),
            st->type->name, (qstr)sm->name, (int)n_args);
    }
    if (n_args != arity) {
        mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("expected %d argument%s, got %d"),
            (int)arity, arity == 1 ? "" : "s", (int)n_args);
    }
    return special_method_run(st, sm, self, args);
}

static void special_method_print(const mp_print_t *print, mp_obj_t self_in, mp_print_kind_t kind) {
    (void)kind;
    mp_obj_special_method_t *m = MP_OBJ_TO_PTR(self_in);
    qstr name = special_methods[m->name_index].name;
    bool plain = is_plain_method(&special_types[m->type_index], m->name_index);
    if (m->self == MP_OBJ_NULL) {
        mp_printf(print, plain ? "<method '%q' of '%q' objects>" : "<slot wrapper '%q' of '%q' objects>", name,
            special_types[m->type_index].type->name);
    } else {
        mp_printf(print, plain ? "<built-in method %q of %s object at 0x%p>" : "<method-wrapper '%q' of %s object at 0x%p>",
            name, mp_obj_get_type_str(m->self), MP_OBJ_TO_PTR(m->self));
    }
}

static void special_method_attr(mp_obj_t self_in, qstr attr, mp_obj_t *dest) {
    if (dest[0] != MP_OBJ_NULL) {
        return;
    }
    mp_obj_special_method_t *m = MP_OBJ_TO_PTR(self_in);
    if (attr == MP_QSTR___name__) {
        dest[0] = MP_OBJ_NEW_QSTR(special_methods[m->name_index].name);
    } else if (attr == MP_QSTR___qualname__) {
        vstr_t vstr;
        vstr_init(&vstr, 24);
        vstr_add_str(&vstr, qstr_str(special_types[m->type_index].type->name));
        vstr_add_char(&vstr, '.');
        vstr_add_str(&vstr, qstr_str(special_methods[m->name_index].name));
        dest[0] = mp_obj_new_str_from_vstr(&vstr);
    } else if (attr == MP_QSTR___self__ && m->self != MP_OBJ_NULL) {
        dest[0] = m->self;
    } else if (attr == MP_QSTR___objclass__) {
        dest[0] = MP_OBJ_FROM_PTR(special_types[m->type_index].type);
    }
}

static MP_DEFINE_CONST_OBJ_TYPE(
    mp_type_special_method,
    MP_QSTR_wrapper_descriptor,
    MP_TYPE_FLAG_NONE,
    call, special_method_call,
    print, special_method_print,
    attr, special_method_attr
    );

// Unbound wrappers are kept, one per type and name, so that `list.__len__ is list.__len__` as in
// CPython (functools.total_ordering compares `getattr(cls, '__lt__')` with `object.__lt__` by identity).
MP_REGISTER_ROOT_POINTER(mp_obj_t special_method_cache);

// int's and float's place in the number tower, as CPython's: `x.real`, `x.imag`, `n.numerator`,
// `n.denominator`, `x.conjugate()` (code written for any number uses them). An int subclass's give a plain
// int, True's the int 1.
static mp_obj_t number_conjugate(mp_obj_t self) {
    if (mp_obj_is_instance_type(mp_obj_get_type(self))) {
        self = mp_obj_native_subobj(self);
    }
    return mp_obj_is_float(self) ? self : mp_call_function_1(MP_OBJ_FROM_PTR(&mp_type_int), self);
}
static MP_DEFINE_CONST_FUN_OBJ_1(number_conjugate_obj, number_conjugate);

static bool number_attr(mp_obj_t self, const mp_obj_type_t *type, qstr attr, mp_obj_t *dest) {
    bool is_int = mp_obj_is_subclass_fast(MP_OBJ_FROM_PTR(type), MP_OBJ_FROM_PTR(&mp_type_int));
    if (!is_int && !mp_obj_is_subclass_fast(MP_OBJ_FROM_PTR(type), MP_OBJ_FROM_PTR(&mp_type_float))) {
        return false;
    }
    if (attr == MP_QSTR_conjugate) {
        dest[0] = MP_OBJ_FROM_PTR(&number_conjugate_obj);
        dest[1] = self;
    } else if (attr == MP_QSTR_real || (is_int && attr == MP_QSTR_numerator)) {
        dest[0] = number_conjugate(self);
    } else if (attr == MP_QSTR_imag) {
        dest[0] = is_int ? MP_OBJ_NEW_SMALL_INT(0) : mp_obj_new_float(0.0);
    } else if (is_int && attr == MP_QSTR_denominator) {
        dest[0] = MP_OBJ_NEW_SMALL_INT(1);
    } else {
        return false;
    }
    return true;
}

// `type` is the built-in type whose methods apply (for an instance of a class, its native base or object);
// `self` is the object to bind, MP_OBJ_NULL for an attribute of the class itself.
void mp_obj_special_method_lookup(mp_obj_t self, const mp_obj_type_t *type, qstr attr, mp_obj_t *dest) {
    if (self != MP_OBJ_NULL && number_attr(self, type, attr, dest)) {
        return;
    }
    size_t name_index = 0;
    while (special_methods[name_index].name != attr) {
        if (++name_index == N_COUNT) {
            return;
        }
    }
    // the type's own entry, else its built-in bases', else object's (bool has int's methods)
    const special_type_t *st = NULL;
    for (;;) {
        for (size_t i = 0; i < MP_ARRAY_SIZE(special_types); i++) {
            if (special_types[i].type == type && (special_types[i].names & B(name_index))) {
                st = &special_types[i];
            }
        }
        if (st != NULL || type == &mp_type_object) {
            break;
        }
        const void *parent = MP_OBJ_TYPE_GET_SLOT_OR_NULL(type, parent);
        type = parent == NULL || ((mp_obj_base_t *)parent)->type != &mp_type_type ? &mp_type_object : parent;
    }
    if (st == NULL) {
        return;
    }
    if (name_index == N_HASH && (st->flags & UNHASHABLE)) {
        dest[0] = mp_const_none;
        return;
    }
    mp_obj_t key = MP_OBJ_NEW_SMALL_INT((st - special_types) * N_COUNT + name_index);
    if (self == MP_OBJ_NULL) {
        if (MP_STATE_VM(special_method_cache) == MP_OBJ_NULL) {
            MP_STATE_VM(special_method_cache) = mp_obj_new_dict(0);
        }
        mp_map_elem_t *elem = mp_map_lookup(mp_obj_dict_get_map(MP_STATE_VM(special_method_cache)), key,
            MP_MAP_LOOKUP);
        if (elem != NULL) {
            dest[0] = elem->value;
            return;
        }
    }
    mp_obj_special_method_t *m = mp_obj_malloc(mp_obj_special_method_t, &mp_type_special_method);
    m->type_index = st - special_types;
    m->name_index = name_index;
    m->self = self;
    dest[0] = MP_OBJ_FROM_PTR(m);
    if (self == MP_OBJ_NULL) {
        mp_obj_dict_store(MP_STATE_VM(special_method_cache), key, dest[0]);
    }
}

#endif // MICROPY_PY_SPECIAL_METHOD_ATTRS
