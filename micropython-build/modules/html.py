"""CPython's `html`: `escape(s, quote=True)` and `unescape(s)` with the HTML5 standard's full table of
named character references (_html_entities.py) and its rules for numeric references."""

__all__ = ["escape", "unescape"]


def escape(s, quote=True):
    """Replace special characters "&", "<" and ">" (and quotes if quote is true) by HTML-safe sequences."""
    s = s.replace("&", "&amp;")
    s = s.replace("<", "&lt;")
    s = s.replace(">", "&gt;")
    if quote:
        s = s.replace('"', "&quot;")
        s = s.replace("'", "&#x27;")
    return s


_tables = None


def _load():
    global _tables
    from _html_entities import INVALID_CHARREFS, INVALID_CODEPOINTS, NAMES

    html5 = {}
    for entry in NAMES.split("\x01"):
        name, value = entry.split("\x00")
        html5[name] = value
    charrefs = {}
    for entry in INVALID_CHARREFS.split("\x01"):
        if entry:
            number, value = entry.split("\x00")
            charrefs[int(number)] = value
    _tables = (html5, charrefs, frozenset(INVALID_CODEPOINTS))
    return _tables


_HEX = "0123456789abcdefABCDEF"
_NAME_STOP = "\t\n\f <&#;"


def _numeric(ref, charrefs, invalid):
    if ref[1] in "xX":
        num = int(ref[2:].rstrip(";"), 16)
    else:
        num = int(ref[1:].rstrip(";"))
    if num in charrefs:
        return charrefs[num]
    if 0xD800 <= num <= 0xDFFF or num > 0x10FFFF:
        return "\ufffd"
    if num in invalid:
        return ""
    return chr(num)


def _named(ref, html5):
    if ref in html5:
        return html5[ref]
    for x in range(len(ref) - 1, 1, -1):
        if ref[:x] in html5:
            return html5[ref[:x]] + ref[x:]
    return "&" + ref


def unescape(s):
    """Convert all named and numeric character references in s to the corresponding Unicode characters."""
    if "&" not in s:
        return s
    html5, charrefs, invalid = _tables or _load()
    out = []
    i, n = 0, len(s)
    while True:
        amp = s.find("&", i)
        if amp < 0:
            out.append(s[i:])
            break
        out.append(s[i:amp])
        j = amp + 1
        ref = None
        if j < n and s[j] == "#":
            k = j + 1
            if k < n and s[k] in "xX":
                k += 1
                start = k
                while k < n and s[k] in _HEX:
                    k += 1
            else:
                start = k
                while k < n and "0" <= s[k] <= "9":
                    k += 1
            if k > start:
                if k < n and s[k] == ";":
                    k += 1
                ref = s[j:k]
                out.append(_numeric(ref, charrefs, invalid))
        else:
            k = j
            while k < n and k - j < 32 and s[k] not in _NAME_STOP:
                k += 1
            if k > j:
                if k < n and s[k] == ";":
                    k += 1
                ref = s[j:k]
                out.append(_named(ref, html5))
        if ref is None:
            out.append("&")
            i = amp + 1
        else:
            i = k
    return "".join(out)
