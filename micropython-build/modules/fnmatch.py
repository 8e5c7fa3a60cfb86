"""CPython's `fnmatch`: Unix shell-style wildcards (`*`, `?`, `[seq]`, `[!seq]`): fnmatch, fnmatchcase,
filter and translate (CPython 3.11's regular expression text). Matching does not go through `re`: the
pattern is compiled to tokens and matched with one backtracking point per `*` (linear in practice).
Names are compared as given (POSIX: `fnmatch` folds no case, as CPython on Linux)."""

__all__ = ["filter", "fnmatch", "fnmatchcase", "translate"]

_cache = {}


def _parse_class(pat, i, n):
    # pat[i] follows "["; returns (token, next index) or None when the class is not closed
    j = i
    if j < n and pat[j] == "!":
        j += 1
    if j < n and pat[j] == "]":
        j += 1
    while j < n and pat[j] != "]":
        j += 1
    if j >= n:
        return None
    stuff = pat[i:j]
    negate = stuff[:1] == "!"
    if negate:
        stuff = stuff[1:]
    ranges = []
    k = 0
    while k < len(stuff):
        if k + 2 < len(stuff) and stuff[k + 1] == "-":
            ranges.append((stuff[k], stuff[k + 2]))
            k += 3
        else:
            ranges.append((stuff[k], stuff[k]))
            k += 1
    return ("class", negate, ranges), j + 1


def _tokens(pat):
    toks = _cache.get(pat)
    if toks is not None:
        return toks
    toks = []
    i, n = 0, len(pat)
    while i < n:
        c = pat[i]
        i += 1
        if c == "*":
            if not toks or toks[-1] != "*":
                toks.append("*")
        elif c == "?":
            toks.append("?")
        elif c == "[":
            parsed = _parse_class(pat, i, n)
            if parsed is None:
                toks.append(("lit", "["))
            else:
                tok, i = parsed
                toks.append(tok)
        else:
            toks.append(("lit", c))
    if len(_cache) >= 32768:
        _cache.clear()
    _cache[pat] = toks
    return toks


def _one(tok, ch):
    if tok == "?":
        return True
    if tok[0] == "lit":
        return tok[1] == ch
    inside = False
    for lo, hi in tok[2]:
        if lo <= ch <= hi:
            inside = True
            break
    return inside != tok[1]


def _match(toks, name):
    t = s = 0
    nt, ns = len(toks), len(name)
    star_t = star_s = -1
    while s < ns:
        if t < nt and toks[t] == "*":
            star_t, star_s = t, s
            t += 1
        elif t < nt and _one(toks[t], name[s]):
            t += 1
            s += 1
        elif star_t >= 0:
            star_s += 1
            s = star_s
            t = star_t + 1
        else:
            return False
    while t < nt and toks[t] == "*":
        t += 1
    return t == nt


def fnmatch(name, pat):
    """Test whether name matches pat (os.path.normcase applied: a no-op on POSIX)."""
    return fnmatchcase(name, pat)


def fnmatchcase(name, pat):
    """Test whether name matches pat, case-sensitively."""
    return _match(_tokens(pat), name)


def filter(names, pat):
    """Construct a list from the names of the iterable that match pat."""
    toks = _tokens(pat)
    return [name for name in names if _match(toks, name)]


_RE_SPECIAL = "()[]{}?*+-|^$\\.&~# \t\n\r\v\f"


def _re_escape(s):
    return "".join("\\" + c if c in _RE_SPECIAL else c for c in s)


def translate(pat):
    """Translate a shell pattern to a regular expression (the text CPython 3.11 returns)."""
    STAR = object()
    res = []
    i, n = 0, len(pat)
    while i < n:
        c = pat[i]
        i += 1
        if c == "*":
            if not res or res[-1] is not STAR:
                res.append(STAR)
        elif c == "?":
            res.append(".")
        elif c == "[":
            j = i
            if j < n and pat[j] == "!":
                j += 1
            if j < n and pat[j] == "]":
                j += 1
            while j < n and pat[j] != "]":
                j += 1
            if j >= n:
                res.append("\\[")
                continue
            stuff = pat[i:j]
            if "-" not in stuff:
                stuff = stuff.replace("\\", "\\\\")
            else:
                chunks = []
                k = i + 2 if pat[i] == "!" else i + 1
                while True:
                    k = pat.find("-", k, j)
                    if k < 0:
                        break
                    chunks.append(pat[i:k])
                    i = k + 1
                    k = k + 3
                chunk = pat[i:j]
                if chunk:
                    chunks.append(chunk)
                else:
                    chunks[-1] += "-"
                for k in range(len(chunks) - 1, 0, -1):
                    if chunks[k - 1][-1] > chunks[k][0]:
                        chunks[k - 1] = chunks[k - 1][:-1] + chunks[k][1:]
                        del chunks[k]
                stuff = "-".join(s.replace("\\", "\\\\").replace("-", "\\-") for s in chunks)
            stuff = "".join("\\" + ch if ch in "&~|" else ch for ch in stuff)
            i = j + 1
            if not stuff:
                res.append("(?!)")
            elif stuff == "!":
                res.append(".")
            else:
                if stuff[0] == "!":
                    stuff = "^" + stuff[1:]
                elif stuff[0] in ("^", "["):
                    stuff = "\\" + stuff
                res.append("[" + stuff + "]")
        else:
            res.append(_re_escape(c))
    out = []
    i, n = 0, len(res)
    while i < n and res[i] is not STAR:
        out.append(res[i])
        i += 1
    while i < n:
        i += 1  # the STAR
        if i == n:
            out.append(".*")
            break
        fixed = []
        while i < n and res[i] is not STAR:
            fixed.append(res[i])
            i += 1
        fixed = "".join(fixed)
        if i == n:
            out.append(".*")
            out.append(fixed)
        else:
            out.append("(?>.*?" + fixed + ")")
    return "(?s:" + "".join(out) + ")\\Z"
