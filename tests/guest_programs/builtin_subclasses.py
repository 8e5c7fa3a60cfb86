# Subclasses of every builtin type, combined with each other and with the builtins through operators,
# methods and conversions. A subclass instance must always be read through its native base: the guest
# once read a tuple subclass as if it were the tuple itself, past the end of the object.
import json


class I(int):
    pass


class F(float):
    pass


class S(str):
    pass


class B(bytes):
    pass


class BA(bytearray):
    pass


class T(tuple):
    pass


class L(list):
    pass


class D(dict):
    pass


class St(set):
    pass


class FS(frozenset):
    pass


class E(ValueError):
    pass


class K(KeyError):
    pass


def values():
    return [
        ("int", 6),
        ("I", I(6)),
        ("float", 2.5),
        ("F", F(2.5)),
        ("str", "ab"),
        ("S", S("ab")),
        ("bytes", b"ab"),
        ("B", B(b"ab")),
        ("bytearray", bytearray(b"ab")),
        ("BA", BA(b"ab")),
        ("tuple", (1, 2)),
        ("T", T((1, 2))),
        ("list", [1, 2]),
        ("L", L([1, 2])),
        ("dict", {"a": 1}),
        ("D", D(a=1)),
        ("set", {1, 2}),
        ("St", St({1, 2})),
        ("frozenset", frozenset({1, 2})),
        ("FS", FS({1, 2})),
        ("range", range(3)),
    ]


def show(r):
    # type name plus a canonical rendering (sets sorted, so the order of elements never matters)
    if isinstance(r, (set, frozenset)):
        body = "{" + ", ".join(repr(x) for x in sorted(r, key=repr)) + "}"
    elif isinstance(r, (bytes, bytearray)):
        body = repr(bytes(r))
    elif isinstance(r, (int, float, str, tuple, list, dict, bool)) or r is None:
        body = repr(r)
    else:
        body = "<" + type(r).__name__ + ">"
    return type(r).__name__ + " " + body


def attempt(fn):
    try:
        return show(fn())
    except Exception as e:  # the type of error is what must match, not the wording
        return "! " + type(e).__name__


OPS = [
    ("+", lambda a, b: a + b),
    ("-", lambda a, b: a - b),
    ("*", lambda a, b: a * b),
    ("/", lambda a, b: a / b),
    ("//", lambda a, b: a // b),
    ("%", lambda a, b: a % b),
    ("<<", lambda a, b: a << b),
    ("&", lambda a, b: a & b),
    ("|", lambda a, b: a | b),
    ("^", lambda a, b: a ^ b),
    ("==", lambda a, b: a == b),
    ("!=", lambda a, b: a != b),
    ("<", lambda a, b: a < b),
    ("<=", lambda a, b: a <= b),
    ("in", lambda a, b: a in b),
]

# Pairs of kinds worth combining: each builtin with its own subclass (both orders) and with the related
# kinds its operators accept, plus an int on either side for the repeat operators.
FAMILIES = [
    ["int", "I", "float", "F"],
    ["str", "S"],
    ["bytes", "B", "bytearray", "BA"],
    ["tuple", "T", "list", "L"],
    ["dict", "D"],
    ["set", "St", "frozenset", "FS"],
]

by_name = dict(values())
for family in FAMILIES:
    for a in family:
        for b in family:
            line = []
            for name, op in OPS:
                if name == "in" and a in ("dict", "D", "set", "St", "frozenset", "FS"):
                    continue  # a container in a container of its kind: unhashable keys differ (not subclass-related)
                line.append(name + ":" + attempt(lambda: op(by_name[a], by_name[b])))
            print(a, b, " | ".join(line))
for seq in ["str", "S", "bytes", "B", "tuple", "T", "list", "L"]:
    for n in ["int", "I"]:
        print(seq, "*", n, attempt(lambda: by_name[seq] * by_name[n]), attempt(lambda: by_name[n] * by_name[seq]))

# in-place operators on a fresh copy each time
for kind, make in [
    ("L", lambda: L([1, 2])),
    ("BA", lambda: BA(b"ab")),
    ("St", lambda: St({1, 2})),
    ("D", lambda: D(a=1)),
]:
    for other in [[3], (3,), L([3]), T((3,)), b"c", BA(b"c"), {3}, FS({3}), St({3}), {"b": 2}, D(b=2)]:

        def iadd():
            x = make()
            x += other
            return x

        def ior():
            x = make()
            x |= other
            return x

        print(kind, "+=", type(other).__name__, attempt(iadd), "|=", attempt(ior))

def set_slice(x, v):
    x[0:1] = v
    x[-1] = v[0]
    return x


# Methods of the base types with subclass arguments, and of subclass instances. (str/bytes methods take
# no str/bytes subclass instances as arguments, and format() specs none of int/float subclasses: see
# docs/cpython-differences.md.)
checks = [
    ("str.join", lambda: "-".join(["a", "b", "c"])),
    ("S.join", lambda: S("-").join(["a", "b"])),
    ("B.join", lambda: B(b"-").join([b"a", b"b"])),
    ("S.startswith", lambda: S("abc").startswith("ab")),
    ("S.split", lambda: S("a b").split()),
    ("format S", lambda: "{}-{}".format(S("a"), I(3))),
    ("S.format", lambda: S("{}!").format(1)),
    ("percent T", lambda: "%s+%s" % T((1, 2))),
    ("percent D", lambda: "%(a)s" % D(a=5)),
    ("percent L", lambda: "%s" % L([1])),
    ("S percent", lambda: S("%d") % 3),
    ("bytes percent", lambda: b"%s" % B(b"x") if hasattr(bytes, "__mod__") else b"x"),
    ("S methods", lambda: (S("Ab").upper(), S("Ab").lower(), S(" a ").strip(), S("ab")[1], S("abc")[::-1])),
    ("B methods", lambda: (B(b"Ab").upper(), B(b"ab")[1], B(b"abc")[1:], B(b"ab").decode(), B(b"ab").hex())),
    ("BA methods", lambda: (BA(b"ab")[0], BA(b"abc")[1:], BA(b"ab").decode(), BA(b"ab").hex())),
    ("list.extend L", lambda: [0] + (lambda x: (x.extend(L([1, 2])), x)[1])([])),
    ("list.extend T", lambda: (lambda x: (x.extend(T((1, 2))), x)[1])([0])),
    ("L.extend", lambda: (lambda x: (x.extend([3]), x)[1])(L([1]))),
    ("L.append", lambda: (lambda x: (x.append(3), x)[1])(L([1]))),
    ("L.sort", lambda: (lambda x: (x.sort(), x)[1])(L([3, 1, 2]))),
    ("L.pop", lambda: L([1, 2]).pop()),
    ("L.index", lambda: L([1, 2]).index(2)),
    ("L slice", lambda: (L([1, 2, 3])[1:], L([1, 2, 3])[::-1])),
    ("L setitem", lambda: set_slice(L([1, 2]), L([7, 8]))),
    ("list setitem T", lambda: set_slice([1, 2], T((7, 8)))),
    ("T index", lambda: (T((1, 2)).index(2), T((1, 2, 1)).count(1), T((1, 2))[0], T((1, 2, 3))[1:])),
    ("tuple T", lambda: tuple(T((1, 2)))),
    ("list T", lambda: list(T((1, 2)))),
    ("list L", lambda: list(L([1, 2]))),
    ("tuple L", lambda: tuple(L([1, 2]))),
    ("dict D", lambda: dict(D(a=1))),
    ("dict.update D", lambda: (lambda d: (d.update(D(b=2)), d)[1])({"a": 1})),
    ("D.update", lambda: (lambda d: (d.update({"b": 2}), d)[1])(D(a=1))),
    ("D ops", lambda: (D(a=1)["a"], D(a=1).get("a"), list(D(a=1).items()), len(D(a=1, b=2)), "a" in D(a=1))),
    ("D copy", lambda: D(a=1).copy()),
    ("dict or D", lambda: {"a": 0} | D(b=2)),
    ("D or dict", lambda: D(a=1) | {"b": 2}),
    ("set.union St", lambda: {1}.union(St({2}))),
    ("set.union FS", lambda: {1}.union(FS({3}))),
    ("St.union", lambda: St({1}).union({2})),
    ("set.issubset FS", lambda: {1}.issubset(FS({1, 2}))),
    ("set.update St", lambda: (lambda s: (s.update(St({5})), s)[1])({1})),
    ("set St", lambda: set(St({1, 2}))),
    ("frozenset FS", lambda: frozenset(FS({1, 2}))),
    ("St add", lambda: (lambda s: (s.add(3), s)[1])(St({1}))),
    ("int I", lambda: (int(I(6)), int(F(2.5)), int(S("12")), int(B(b"12")), int(S("ff"), 16))),
    ("float", lambda: (float(I(6)), float(F(2.5)), float(S("1.5")))),
    ("str", lambda: (str(I(6)), str(F(2.5)), str(S("x")), str(T((1,))), str(L([1])), str(D(a=1)))),
    ("repr", lambda: (repr(I(6)), repr(F(2.5)), repr(S("x")), repr(B(b"x")), repr(T((1,))), repr(L([1])))),
    ("bytes", lambda: (bytes(B(b"x")), bytes(BA(b"y")), bytes(L([65, 66])), bytes(T((67,))))),
    ("bytearray", lambda: (bytearray(B(b"x")), bytearray(L([65])))),
    ("bool", lambda: (bool(I(0)), bool(F(0.0)), bool(S("")), bool(T(())), bool(L([])), bool(D()), bool(St()))),
    ("len", lambda: (len(S("abc")), len(B(b"ab")), len(BA(b"a")), len(T((1, 2))), len(L([1])), len(FS({1})))),
    ("hash eq", lambda: (hash(I(6)) == hash(6), hash(S("ab")) == hash("ab"), hash(T((1, 2))) == hash((1, 2)))),
    ("dict keys", lambda: {I(1): "a", S("k"): "b", T((1,)): "c"}[1]),
    ("dict key S", lambda: {"k": 1}[S("k")]),
    ("dict key T", lambda: {(1, 2): 1}[T((1, 2))]),
    ("sorted", lambda: sorted([I(3), 1, F(2.5), 2])),
    ("sorted S", lambda: sorted([S("b"), "a", S("c")])),
    ("sorted T", lambda: sorted([T((2,)), (1,), T((1, 0))])),
    ("min max", lambda: (min(I(3), 2), max(F(1.5), 1), min(T((1, 2)), (1,)), max(L([1]), [0, 5]))),
    ("sum", lambda: (sum([I(1), I(2)]), sum([F(0.5), 1]), sum([T((1,)), (2,)], ()))),
    ("abs neg", lambda: (abs(I(-3)), -I(3), +F(2.5), ~I(5), abs(F(-1.5)))),
    ("divmod", lambda: (divmod(I(7), 2), divmod(7, I(2)), divmod(F(7.5), 2))),
    ("pow", lambda: (pow(I(2), 10), pow(2, I(10)), pow(I(3), 2, I(5)), I(2) ** F(0.5))),
    ("round", lambda: (round(F(2.567), 2), round(I(15), -1))),
    ("int to_bytes", lambda: I(255).to_bytes(2, "big")),
    ("int from_bytes", lambda: int.from_bytes(B(b"\x01\x00"), "big")),
    ("index", lambda: ([10, 20, 30][I(1)], "abc"[I(2)], (1, 2, 3)[I(0) : I(2)], range(10)[I(3)])),
    ("range", lambda: (list(range(I(3))), range(I(1), I(9), I(3))[1], len(range(I(5))), I(2) in range(5))),
    ("slice", lambda: (slice(I(1), I(3)).indices(I(10)), "abcdef"[slice(I(1), None, I(2))])),
    ("in", lambda: (S("a") in "cat", "a" in S("cat"), 1 in T((1,)), 1 in L([1]), "a" in D(a=1), 1 in FS({1}))),
    ("in bytes", lambda: (B(b"a") in b"cat", b"a" in BA(b"cat"), 97 in B(b"a"))),
    ("unpack", lambda: (lambda a, b: (a, b))(*T((1, 2)))),
    ("kwargs", lambda: (lambda **kw: sorted(kw.items()))(**D(a=1, b=2))),
    ("star list", lambda: [*L([1]), *T((2,)), *S("ab")]),
    ("star dict", lambda: {**D(a=1), **{"b": 2}}),
    ("zip enumerate", lambda: (list(zip(T((1, 2)), S("ab"))), list(enumerate(L(["x"]))))),
    ("reversed", lambda: (list(reversed(T((1, 2)))), list(reversed(L([1, 2]))))),
    ("iter", lambda: (list(iter(St({1}))), list(iter(D(a=1))), list(iter(BA(b"a"))))),
    ("json", lambda: json.dumps([I(1), F(0.5), S("s"), L([1]), T((2,))])),
    ("json dict", lambda: json.dumps(D(a=1))),
    ("fstring", lambda: f"{I(3)}|{F(0.5)}|{S('s')}|{T((1,))}|{L([2])}|{D(a=1)}"),
    ("isinstance", lambda: (isinstance(I(1), int), isinstance(T(), tuple), issubclass(FS, frozenset))),
    ("exceptions", lambda: (str(E("bad")), repr(E("bad")), E("a", "b").args, str(K("k")))),
    ("exception raise", lambda: (lambda: (_ for _ in ()).throw(E("x")))()),
    ("str of T in print", lambda: "{} {}".format(T((1, S("a"))), L([B(b"x")]))),
    ("mixed containers", lambda: (T((1,)) + (2,), (0,) + T((1, 2)), [0] + L([1]), L([0]) + [1], T((1,)) * I(2))),
]

for name, fn in checks:
    print(name, attempt(fn))

# Long chains through subclasses of subclasses
class TT(T):
    pass


class LL(L):
    pass


x = TT((1,))
for i in range(50):
    x = x + TT((i,))
    x = (i,) + x
print("chain", len(x), x[:4], x[-4:])
y = LL([0])
for i in range(30):
    y += LL([i])
    y = y + [i]
print("chain list", len(y), y[:5], type(y).__name__)
