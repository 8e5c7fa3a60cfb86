from dataclasses import dataclass
from typing import Union


@dataclass
class Num:
    value: float


@dataclass
class Var:
    name: str


@dataclass
class BinOp:
    op: str
    left: "Expr"
    right: "Expr"


@dataclass
class Call:
    func: str
    args: list


Expr = Union[Num, Var, BinOp, Call]


def tokenize(text):
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit() or ch == ".":
            j = i
            while j < len(text) and (text[j].isdigit() or text[j] == "."):
                j += 1
            out.append(("num", float(text[i:j])))
            i = j
        elif ch.isalpha():
            j = i
            while j < len(text) and text[j].isalnum():
                j += 1
            out.append(("name", text[i:j]))
            i = j
        else:
            out.append(("op", ch))
            i += 1
    return out


def parse(tokens):
    def atom(pos):
        match tokens[pos:]:
            case [("num", v), *_]:
                return Num(v), pos + 1
            case [("name", f), ("op", "("), *_]:
                args, pos = [], pos + 2
                while tokens[pos] != ("op", ")"):
                    arg, pos = expr(pos)
                    args.append(arg)
                    if tokens[pos] == ("op", ","):
                        pos += 1
                return Call(f, args), pos + 1
            case [("name", n), *_]:
                return Var(n), pos + 1
            case [("op", "("), *_]:
                inner, pos = expr(pos + 1)
                return inner, pos + 1
            case rest:
                raise SyntaxError(f"unexpected {rest[:1]}")

    def term(pos):
        left, pos = atom(pos)
        while pos < len(tokens) and tokens[pos] in (("op", "*"), ("op", "/")):
            right, nxt = atom(pos + 1)
            left, pos = BinOp(tokens[pos][1], left, right), nxt
        return left, pos

    def expr(pos):
        left, pos = term(pos)
        while pos < len(tokens) and tokens[pos] in (("op", "+"), ("op", "-")):
            right, nxt = term(pos + 1)
            left, pos = BinOp(tokens[pos][1], left, right), nxt
        return left, pos

    tree, _ = expr(0)
    return tree


def simplify(e):
    match e:
        case BinOp("+", Num(0), x) | BinOp("+", x, Num(0)) | BinOp("*", Num(1), x) | BinOp("*", x, Num(1)):
            return simplify(x)
        case BinOp("*", Num(0), _) | BinOp("*", _, Num(0)):
            return Num(0)
        case BinOp(op, Num(a), Num(b)):
            return Num({"+": a + b, "-": a - b, "*": a * b, "/": a / b}[op])
        case BinOp(op, l, r):
            l2, r2 = simplify(l), simplify(r)
            return simplify(BinOp(op, l2, r2)) if (l2, r2) != (l, r) else e
        case Call(name=f, args=[*args]):
            return Call(f, [simplify(a) for a in args])
        case _:
            return e


def evaluate(e, env):
    match e:
        case Num(value=v):
            return v
        case Var(name) if name in env:
            return env[name]
        case Var(name):
            raise NameError(f"unknown variable {name}")
        case BinOp("/", _, right) if evaluate(right, env) == 0:
            return float("inf")
        case BinOp(op, left, right):
            a, b = evaluate(left, env), evaluate(right, env)
            return {"+": a + b, "-": a - b, "*": a * b, "/": a / b}[op]
        case Call("max" | "min" as f, [first, *more]):
            vals = [evaluate(x, env) for x in [first, *more]]
            return max(vals) if f == "max" else min(vals)
        case Call(f, args):
            raise ValueError(f"{f}() with {len(args)} args is not supported")


env = {"x": 3.0, "y": 4.0}
for src in ["1 + 2 * 3", "x * 1 + 0", "(x + y) * (x - y)", "max(x, y, 10) / 2", "0 * z + y",
            "min(x)", "x / (y - 4)", "foo(1, 2)", "z + 1", "2 * (3 + 4) - x"]:
    tree = parse(tokenize(src))
    simple = simplify(tree)
    try:
        result = evaluate(simple, env)
    except (NameError, ValueError) as exc:
        result = f"{type(exc).__name__}: {exc}"
    print(f"{src:<22} {simple!r:<60.60} => {result}")
