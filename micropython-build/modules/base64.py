"""CPython's `base64`: b64encode/b64decode (altchars, validate), standard_ and urlsafe_ variants,
b32encode/b32decode, b32hexencode/b32hexdecode, b16encode/b16decode, encodebytes/decodebytes.
Decoding errors raise binascii.Error (a ValueError), as in CPython. Inputs may be bytes-like or
ASCII str. Not supported: a85/b85 (Ascii85, base85), z85, and the legacy encode()/decode() on files.
"""

import binascii

_B64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_B32 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_B32HEX = b"0123456789ABCDEFGHIJKLMNOPQRSTUV"


def _bytes(s):
    if isinstance(s, str):
        for c in s:
            if ord(c) > 127:
                raise ValueError("string argument should contain only ASCII characters")
        return s.encode()
    if isinstance(s, (bytes, bytearray, memoryview)):
        return bytes(s)
    raise TypeError("argument should be a bytes-like object or ASCII string, not '%s'" % type(s).__name__)


def b64encode(s, altchars=None):
    encoded = binascii.b2a_base64(_input(s), newline=False)
    if altchars is not None:
        encoded = _translate(encoded, b"+/", _bytes(altchars))
    return encoded


def _input(s):
    if isinstance(s, str):
        raise TypeError("a bytes-like object is required, not 'str'")
    return s


def _translate(data, old, new):
    out = bytearray(data)
    for i in range(len(out)):
        c = out[i]
        if c == old[0]:
            out[i] = new[0]
        elif c == old[1]:
            out[i] = new[1]
    return bytes(out)


def b64decode(s, altchars=None, validate=False):
    s = _bytes(s)
    if altchars is not None:
        s = _translate(s, _bytes(altchars), b"+/")
    if validate:
        for c in s:
            if c not in _B64 and c != 61:
                raise binascii.Error("Non-base64 digit found")
    else:
        s = bytes(c for c in s if c in _B64 or c == 61)
    return binascii.a2b_base64(s)


def standard_b64encode(s):
    return b64encode(s)


def standard_b64decode(s):
    return b64decode(s)


def urlsafe_b64encode(s):
    return b64encode(s, b"-_")


def urlsafe_b64decode(s):
    return b64decode(s, b"-_")


def _b32encode(alphabet, s):
    s = bytes(_input(s))
    out = bytearray()
    for i in range(0, len(s), 5):
        chunk = s[i : i + 5]
        n = int.from_bytes(chunk + bytes(5 - len(chunk)), "big")
        for shift in range(35, -5, -5):
            out.append(alphabet[(n >> shift) & 31])
        pad = (0, 6, 4, 3, 1, 0)[len(chunk)]
        if pad:
            out[-pad:] = b"=" * pad
    return bytes(out)


def _b32decode(alphabet, s, casefold, map01=None):
    s = _bytes(s)
    if len(s) % 8:
        raise binascii.Error("Incorrect padding")
    if map01 is not None:
        s = s.replace(b"0", b"O").replace(b"1", _bytes(map01))
    if casefold:
        s = s.upper()
    stripped = s.rstrip(b"=")
    pad = len(s) - len(stripped)
    if pad not in (0, 1, 3, 4, 6):
        raise binascii.Error("Incorrect padding")
    out = bytearray()
    for i in range(0, len(stripped), 8):
        n = 0
        chunk = stripped[i : i + 8]
        for c in chunk:
            index = alphabet.find(bytes([c]))
            if index < 0:
                raise binascii.Error("Non-base32 digit found")
            n = (n << 5) | index
        n <<= 5 * (8 - len(chunk))
        out += n.to_bytes(5, "big")
    if pad:
        out = out[: -(0, 1, 0, 2, 3, 0, 4)[pad]]
    return bytes(out)


def b32encode(s):
    return _b32encode(_B32, s)


def b32decode(s, casefold=False, map01=None):
    return _b32decode(_B32, s, casefold, map01)


def b32hexencode(s):
    return _b32encode(_B32HEX, s)


def b32hexdecode(s, casefold=False):
    return _b32decode(_B32HEX, s, casefold)


def b16encode(s):
    return binascii.hexlify(_input(s)).upper()


def b16decode(s, casefold=False):
    s = _bytes(s)
    if casefold:
        s = s.upper()
    for c in s:
        if c not in b"0123456789ABCDEF":
            raise binascii.Error("Non-base16 digit found")
    return binascii.unhexlify(s)


MAXLINESIZE = 76
MAXBINSIZE = (MAXLINESIZE // 4) * 3


def encodebytes(s):
    s = _input(s)
    return b"".join(binascii.b2a_base64(s[i : i + MAXBINSIZE]) for i in range(0, len(s), MAXBINSIZE))


def decodebytes(s):
    return binascii.a2b_base64(_input(s))
