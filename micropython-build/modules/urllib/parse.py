"""CPython's `urllib.parse`: urlparse/urlunparse, urlsplit/urlunsplit (results with username,
password, hostname, port, geturl, _replace), urljoin, urldefrag, parse_qs, parse_qsl, urlencode,
quote, quote_plus, quote_from_bytes, unquote, unquote_plus, unquote_to_bytes.
Text is UTF-8 (encoding= other than utf-8 is not supported: MicroPython encodes only UTF-8).
Not supported: the bytes variants of the result classes (urlparse(b'...')), splittype and the other
deprecated split* helpers.
"""

from collections import namedtuple

uses_relative = [
    "",
    "ftp",
    "http",
    "gopher",
    "nntp",
    "imap",
    "wais",
    "file",
    "https",
    "shttp",
    "mms",
    "prospero",
    "rtsp",
    "rtspu",
    "sftp",
    "svn",
    "svn+ssh",
    "ws",
    "wss",
]
uses_netloc = [
    "",
    "ftp",
    "http",
    "gopher",
    "nntp",
    "telnet",
    "imap",
    "wais",
    "file",
    "mms",
    "https",
    "shttp",
    "snews",
    "prospero",
    "rtsp",
    "rtspu",
    "rsync",
    "svn",
    "svn+ssh",
    "sftp",
    "nfs",
    "git",
    "git+ssh",
    "ws",
    "wss",
]
uses_params = [
    "",
    "ftp",
    "hdl",
    "prospero",
    "http",
    "imap",
    "https",
    "shttp",
    "rtsp",
    "rtspu",
    "sip",
    "sips",
    "mms",
    "sftp",
    "tel",
]

_SCHEME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-."
_ALWAYS_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~")
_HEXDIGITS = "0123456789ABCDEFabcdef"


# ---- results ------------------------------------------------------------------------------------


class _NetlocMixin:
    @property
    def username(self):
        userinfo = self._userinfo()
        return None if userinfo is None else userinfo.partition(":")[0]

    @property
    def password(self):
        userinfo = self._userinfo()
        if userinfo is None or ":" not in userinfo:
            return None
        return userinfo.partition(":")[2]

    def _userinfo(self):
        netloc = self.netloc
        if "@" not in netloc:
            return None
        return netloc.rpartition("@")[0]

    def _hostport(self):
        hostinfo = self.netloc.rpartition("@")[2]
        if hostinfo.startswith("["):
            host, _, rest = hostinfo[1:].partition("]")
            port = rest[1:] if rest.startswith(":") else None
            return host, port
        host, colon, port = hostinfo.partition(":")
        return host, (port if colon else None)

    @property
    def hostname(self):
        host = self._hostport()[0]
        if not host:
            return None
        host, percent, zone = host.partition("%")  # an IPv6 zone keeps its case
        return host.lower() + percent + zone

    @property
    def port(self):
        port = self._hostport()[1]
        if port:
            if not port.isdigit():
                raise ValueError("Port could not be cast to integer value as %r" % (port,))
            value = int(port)
            if not 0 <= value <= 65535:
                raise ValueError("Port out of range 0-65535")
            return value
        return None


def _result(name, fields, joiner):
    base = namedtuple(name, fields)

    def geturl(self):
        return joiner(self)

    def encode(self, encoding="ascii", errors="strict"):
        return tuple(x.encode() for x in self)

    return type(name, (base, _NetlocMixin), {"geturl": geturl, "encode": encode})


def _defrag_result():
    base = namedtuple("DefragResult", "url fragment")

    def geturl(self):
        return self.url + "#" + self.fragment if self.fragment else self.url

    return type("DefragResult", (base,), {"geturl": geturl})


# ---- splitting ----------------------------------------------------------------------------------


def _clean(url):
    # As CPython (WHATWG): strip leading C0 controls and spaces, drop tabs and newlines anywhere.
    url = url.lstrip("".join(chr(i) for i in range(33)))
    for c in "\t\r\n":
        url = url.replace(c, "")
    return url


def _check_str(value, name="url"):
    if isinstance(value, (bytes, bytearray)):
        raise TypeError("bytes URLs are not supported in this sandbox: decode them first")
    return value


def urlsplit(url, scheme="", allow_fragments=True):
    url = _clean(_check_str(url))
    scheme = scheme.strip()
    netloc = query = fragment = ""
    colon = url.find(":")
    if colon > 0 and url[0].isalpha() and ord(url[0]) < 128:
        for c in url[:colon]:
            if c not in _SCHEME_CHARS:
                break
        else:
            scheme, url = url[:colon].lower(), url[colon + 1 :]
    if url[:2] == "//":
        end = len(url)
        for c in "/?#":
            i = url.find(c, 2)
            if 0 <= i < end:
                end = i
        netloc, url = url[2:end], url[end:]
        if ("[" in netloc) != ("]" in netloc):
            raise ValueError("Invalid IPv6 URL")
    if allow_fragments and "#" in url:
        url, fragment = url.split("#", 1)
    if "?" in url:
        url, query = url.split("?", 1)
    return SplitResult(scheme, netloc, url, query, fragment)


def urlparse(url, scheme="", allow_fragments=True):
    scheme, netloc, url, query, fragment = urlsplit(url, scheme, allow_fragments)
    params = ""
    if scheme in uses_params and ";" in url:
        semicolon = url.find(";", max(url.rfind("/"), 0))
        if semicolon >= 0:
            url, params = url[:semicolon], url[semicolon + 1 :]
    return ParseResult(scheme, netloc, url, params, query, fragment)


def urlunsplit(components):
    scheme, netloc, url, query, fragment = components
    if netloc or scheme and scheme in uses_netloc and url[:2] != "//":
        if url and url[:1] != "/":
            url = "/" + url
        url = "//" + (netloc or "") + url
    if scheme:
        url = scheme + ":" + url
    if query:
        url += "?" + query
    if fragment:
        url += "#" + fragment
    return url


def urlunparse(components):
    scheme, netloc, url, params, query, fragment = components
    if params:
        url = url + ";" + params
    return urlunsplit((scheme, netloc, url, query, fragment))


SplitResult = _result("SplitResult", "scheme netloc path query fragment", urlunsplit)
ParseResult = _result("ParseResult", "scheme netloc path params query fragment", urlunparse)
DefragResult = _defrag_result()


def urldefrag(url):
    if "#" in url:
        s, n, p, a, q, frag = urlparse(url)
        return DefragResult(urlunparse((s, n, p, a, q, "")), frag)
    return DefragResult(url, "")


def urljoin(base, url, allow_fragments=True):
    """Resolve url against base (RFC 3986 section 5.2, with CPython's handling of empty segments)."""
    if not base:
        return url
    if not url:
        return base
    bscheme, bnetloc, bpath, bparams, bquery, bfragment = urlparse(base, "", allow_fragments)
    scheme, netloc, path, params, query, fragment = urlparse(url, bscheme, allow_fragments)
    if scheme != bscheme or scheme not in uses_relative:
        return url
    if scheme in uses_netloc:
        if netloc:
            return urlunparse((scheme, netloc, path, params, query, fragment))
        netloc = bnetloc
    if not path and not params:
        return urlunparse((scheme, netloc, bpath, bparams, query or bquery, fragment))
    if path[:1] == "/":
        segments = path.split("/")
    else:
        # The base's directory (its path without the last segment), then the relative path; empty
        # segments inside are dropped, as CPython does.
        directory = bpath.split("/")
        if directory[-1]:
            directory.pop()
        segments = directory + path.split("/")
        segments[1:-1] = [segment for segment in segments[1:-1] if segment]
    resolved = []
    for segment in segments:
        if segment == "..":
            if resolved:
                resolved.pop()
        elif segment != ".":
            resolved.append(segment)
    if segments[-1] in (".", ".."):
        resolved.append("")
    return urlunparse((scheme, netloc, "/".join(resolved) or "/", params, query, fragment))


# ---- quoting ------------------------------------------------------------------------------------


def quote_from_bytes(bs, safe="/"):
    if not isinstance(bs, (bytes, bytearray)):
        raise TypeError("quote_from_bytes() expected bytes")
    if isinstance(safe, str):
        safe = safe.encode()
    keep = _ALWAYS_SAFE.union(safe)
    out = []
    for b in bs:
        out.append(chr(b) if b in keep else "%%%02X" % b)
    return "".join(out)


def quote(string, safe="/", encoding=None, errors=None):
    if isinstance(string, str):
        if not string:
            return string
        string = string.encode()
    elif encoding is not None or errors is not None:
        raise TypeError("quote() doesn't support 'encoding' for bytes")
    return quote_from_bytes(string, safe)


def quote_plus(string, safe="", encoding=None, errors=None):
    if isinstance(string, str) and " " not in string or isinstance(string, bytes) and b" " not in string:
        return quote(string, safe, encoding, errors)
    if isinstance(safe, str):
        safe = safe + " "
    else:
        safe = safe + b" "
    return quote(string, safe, encoding, errors).replace(" ", "+")


def unquote_to_bytes(string):
    if isinstance(string, str):
        string = string.encode()
    if b"%" not in string:
        return bytes(string)
    parts = string.split(b"%")
    out = bytearray(parts[0])
    for part in parts[1:]:
        code = part[:2]
        if len(code) == 2 and all(chr(c) in _HEXDIGITS for c in code):
            out.append(int(code, 16))
            out += part[2:]
        else:
            out += b"%" + part
    return bytes(out)


def _decode_replace(data):
    try:
        return data.decode()
    except UnicodeError:
        pass
    # Decode valid UTF-8 sequences; each invalid (part of a) sequence becomes U+FFFD.
    out = []
    i = 0
    n = len(data)
    while i < n:
        b = data[i]
        size = (
            1
            if b < 0x80
            else 2
            if 0xC2 <= b < 0xE0
            else 3
            if 0xE0 <= b < 0xF0
            else 4
            if 0xF0 <= b < 0xF5
            else 0
        )
        j = i + 1
        while j < i + size and j < n and 0x80 <= data[j] < 0xC0:
            j += 1
        if size and j == i + size:
            try:
                out.append(data[i:j].decode())
                i = j
                continue
            except UnicodeError:
                pass
        out.append("\ufffd")
        i = max(j, i + 1) if size > 1 else i + 1
    return "".join(out)


def unquote(string, encoding="utf-8", errors="replace"):
    if isinstance(string, (bytes, bytearray)):
        return _decode_replace(unquote_to_bytes(string))
    if "%" not in string:
        return string
    return _decode_replace(unquote_to_bytes(string))


def unquote_plus(string, encoding="utf-8", errors="replace"):
    return unquote(string.replace("+", " "), encoding, errors)


# ---- query strings ------------------------------------------------------------------------------


def parse_qsl(
    qs,
    keep_blank_values=False,
    strict_parsing=False,
    encoding="utf-8",
    errors="replace",
    max_num_fields=None,
    separator="&",
):
    if not qs:
        return []
    if isinstance(qs, (bytes, bytearray)):
        qs = qs.decode()
    if not separator or not isinstance(separator, (str, bytes)):
        raise ValueError("Separator must be of type string or bytes.")
    if max_num_fields is not None and 1 + qs.count(separator) > max_num_fields:
        raise ValueError("Max number of fields exceeded")
    pairs = []
    for field in qs.split(separator):
        if not field and not strict_parsing:
            continue
        name, eq, value = field.partition("=")
        if not eq:
            if strict_parsing:
                raise ValueError("bad query field: %r" % (field,))
            if not keep_blank_values:
                continue
        if value or keep_blank_values:
            pairs.append((unquote_plus(name), unquote_plus(value)))
    return pairs


def parse_qs(
    qs,
    keep_blank_values=False,
    strict_parsing=False,
    encoding="utf-8",
    errors="replace",
    max_num_fields=None,
    separator="&",
):
    result = {}
    for name, value in parse_qsl(
        qs, keep_blank_values, strict_parsing, encoding, errors, max_num_fields, separator
    ):
        if name in result:
            result[name].append(value)
        else:
            result[name] = [value]
    return result


def urlencode(query, doseq=False, safe="", encoding=None, errors=None, quote_via=quote_plus):
    if hasattr(query, "items"):
        query = query.items()
    else:
        try:
            if len(query) and not isinstance(query[0], tuple):
                raise TypeError
        except TypeError:
            raise TypeError("not a valid non-string sequence or mapping object")
    parts = []
    for k, v in query:
        k = quote_via(k if isinstance(k, (str, bytes)) else str(k), safe)
        if isinstance(v, (str, bytes)):
            parts.append(k + "=" + quote_via(v, safe))
        elif not doseq:
            parts.append(k + "=" + quote_via(str(v), safe))
        else:
            try:
                items = iter(v)
            except TypeError:
                parts.append(k + "=" + quote_via(str(v), safe))
                continue
            for item in items:
                item = item if isinstance(item, (str, bytes)) else str(item)
                parts.append(k + "=" + quote_via(item, safe))
    return "&".join(parts)
