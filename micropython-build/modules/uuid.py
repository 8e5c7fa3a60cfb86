"""CPython's `uuid`: UUID (from hex/bytes/bytes_le/fields/int, all attributes, str/repr/urn,
comparison, hashing), uuid1, uuid3 (MD5), uuid4, uuid5 (SHA-1), the NAMESPACE_* constants, getnode.
Random bits come from os.urandom (the host's entropy). uuid3/uuid5 use small pure-Python MD5/SHA-1
written here, as the sandbox's hashlib has only sha256.
Differences: getnode() and uuid1() use a random node (multicast bit set, as RFC 4122 allows when no
hardware address is available); is_safe is the string 'unknown' (there is no SafeUUID enum).
"""

import os
import time

RESERVED_NCS = "reserved for NCS compatibility"
RFC_4122 = "specified in RFC 4122"
RESERVED_MICROSOFT = "reserved for Microsoft compatibility"
RESERVED_FUTURE = "reserved for future definition"

_HEX = "0123456789abcdef"


class UUID:
    """A 128-bit UUID; immutable."""

    def __init__(
        self, hex=None, bytes=None, bytes_le=None, fields=None, int=None, version=None, *, is_safe="unknown"
    ):
        given = [hex, bytes, bytes_le, fields, int].count(None)
        if given != 4:
            raise TypeError("one of the hex, bytes, bytes_le, fields, or int arguments must be given")
        if hex is not None:
            text = hex.replace("urn:", "").replace("uuid:", "").strip("{}").replace("-", "")
            if len(text) != 32:
                raise ValueError("badly formed hexadecimal UUID string")
            value = 0
            for c in text.lower():
                digit = _HEX.find(c)
                if digit < 0:
                    raise ValueError("badly formed hexadecimal UUID string")
                value = value * 16 + digit
            int = value
        if bytes_le is not None:
            if len(bytes_le) != 16:
                raise ValueError("bytes_le is not a 16-char string")
            b = bytes_le
            bytes = b[3::-1] + b[5:3:-1] + b[7:5:-1] + b[8:]
        if bytes is not None:
            if len(bytes) != 16:
                raise ValueError("bytes is not a 16-char string")
            int = _int_from_bytes(bytes)
        if fields is not None:
            if len(fields) != 6:
                raise ValueError("fields is not a 6-tuple")
            limits = (32, 16, 16, 8, 8, 48)
            for position, (value, bits) in enumerate(zip(fields, limits)):
                if not 0 <= value < 1 << bits:
                    raise ValueError("field %d out of range (need a %d-bit value)" % (position + 1, bits))
            tl, tm, th, csh, csl, node = fields
            int = (tl << 96) | (tm << 80) | (th << 64) | (((csh << 8) | csl) << 48) | node
        if not 0 <= int < 1 << 128:
            raise ValueError("int is out of range (need a 128-bit value)")
        if version is not None:
            if not 1 <= version <= 5:
                raise ValueError("illegal version number")
            int &= ~(0xC000 << 48)
            int |= 0x8000 << 48
            int &= ~(0xF000 << 64)
            int |= version << 76
        object.__setattr__(self, "int", int)
        object.__setattr__(self, "is_safe", is_safe)

    def __setattr__(self, name, value):
        raise TypeError("UUID objects are immutable")

    def __eq__(self, other):
        return isinstance(other, UUID) and self.int == other.int

    def __ne__(self, other):
        return not self == other

    def __lt__(self, other):
        if not isinstance(other, UUID):
            return NotImplemented
        return self.int < other.int

    def __le__(self, other):
        return self == other or self < other

    def __gt__(self, other):
        if not isinstance(other, UUID):
            return NotImplemented
        return self.int > other.int

    def __ge__(self, other):
        return self == other or self > other

    def __hash__(self):
        return hash(self.int)

    def __int__(self):
        return self.int

    def __repr__(self):
        return "UUID('%s')" % self

    def __str__(self):
        h = self.hex
        return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])

    @property
    def bytes(self):
        return self.int.to_bytes(16, "big")

    @property
    def bytes_le(self):
        b = self.bytes
        return b[3::-1] + b[5:3:-1] + b[7:5:-1] + b[8:]

    @property
    def fields(self):
        return (
            self.time_low,
            self.time_mid,
            self.time_hi_version,
            self.clock_seq_hi_variant,
            self.clock_seq_low,
            self.node,
        )

    @property
    def time_low(self):
        return self.int >> 96

    @property
    def time_mid(self):
        return (self.int >> 80) & 0xFFFF

    @property
    def time_hi_version(self):
        return (self.int >> 64) & 0xFFFF

    @property
    def clock_seq_hi_variant(self):
        return (self.int >> 56) & 0xFF

    @property
    def clock_seq_low(self):
        return (self.int >> 48) & 0xFF

    @property
    def time(self):
        return ((self.time_hi_version & 0x0FFF) << 48) | (self.time_mid << 32) | self.time_low

    @property
    def clock_seq(self):
        return ((self.clock_seq_hi_variant & 0x3F) << 8) | self.clock_seq_low

    @property
    def node(self):
        return self.int & 0xFFFFFFFFFFFF

    @property
    def hex(self):
        return "%032x" % self.int

    @property
    def urn(self):
        return "urn:uuid:" + str(self)

    @property
    def variant(self):
        if not self.int & (0x8000 << 48):
            return RESERVED_NCS
        if not self.int & (0x4000 << 48):
            return RFC_4122
        if not self.int & (0x2000 << 48):
            return RESERVED_MICROSOFT
        return RESERVED_FUTURE

    @property
    def version(self):
        if self.variant == RFC_4122:
            return (self.int >> 76) & 0xF
        return None


def _int_from_bytes(b):
    return int.from_bytes(bytes(b), "big")


# ---- hashes for uuid3/uuid5 (RFC 1321 MD5, FIPS 180 SHA-1) -------------------------------------

_MASK = 0xFFFFFFFF


def _rotl(x, n):
    return ((x << n) | (x >> (32 - n))) & _MASK


def _pad(message, length_order):
    size = len(message) * 8
    message = message + b"\x80" + bytes((55 - len(message)) % 64)
    return message + size.to_bytes(8, length_order)


def _sha1(message):
    h = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0]
    message = _pad(bytes(message), "big")
    for offset in range(0, len(message), 64):
        w = [int.from_bytes(message[offset + 4 * i : offset + 4 * i + 4], "big") for i in range(16)]
        for i in range(16, 80):
            w.append(_rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1))
        a, b, c, d, e = h
        for i in range(80):
            if i < 20:
                f, k = (b & c) | (~b & d), 0x5A827999
            elif i < 40:
                f, k = b ^ c ^ d, 0x6ED9EBA1
            elif i < 60:
                f, k = (b & c) | (b & d) | (c & d), 0x8F1BBCDC
            else:
                f, k = b ^ c ^ d, 0xCA62C1D6
            a, b, c, d, e = (_rotl(a, 5) + (f & _MASK) + e + k + w[i]) & _MASK, a, _rotl(b, 30), c, d
        h = [(x + y) & _MASK for x, y in zip(h, (a, b, c, d, e))]
    return b"".join(x.to_bytes(4, "big") for x in h)


_MD5_SHIFTS = (7, 12, 17, 22) * 4 + (5, 9, 14, 20) * 4 + (4, 11, 16, 23) * 4 + (6, 10, 15, 21) * 4


def _md5_constants():
    import math

    return [int(abs(math.sin(i + 1)) * 4294967296) & _MASK for i in range(64)]


def _md5(message):
    k = _md5_constants()
    h = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476]
    message = _pad(bytes(message), "little")
    for offset in range(0, len(message), 64):
        m = [int.from_bytes(message[offset + 4 * i : offset + 4 * i + 4], "little") for i in range(16)]
        a, b, c, d = h
        for i in range(64):
            if i < 16:
                f, g = (b & c) | (~b & d), i
            elif i < 32:
                f, g = (d & b) | (~d & c), (5 * i + 1) % 16
            elif i < 48:
                f, g = b ^ c ^ d, (3 * i + 5) % 16
            else:
                f, g = c ^ (b | (~d & _MASK)), (7 * i) % 16
            f = (f + a + k[i] + m[g]) & _MASK
            a, d, c = d, c, b
            b = (b + _rotl(f, _MD5_SHIFTS[i])) & _MASK
        h = [(x + y) & _MASK for x, y in zip(h, (a, b, c, d))]
    return b"".join(x.to_bytes(4, "little") for x in h)


# ---- generators ---------------------------------------------------------------------------------

_node = []
_last_timestamp = [None]


def getnode():
    if not _node:
        _node.append(int.from_bytes(os.urandom(6), "big") | (1 << 40))
    return _node[0]


def uuid1(node=None, clock_seq=None):
    # 100-ns intervals since 1582-10-15 (the Gregorian reform).
    timestamp = time.time_ns() // 100 + 0x01B21DD213814000
    if _last_timestamp[0] is not None and timestamp <= _last_timestamp[0]:
        timestamp = _last_timestamp[0] + 1
    _last_timestamp[0] = timestamp
    if clock_seq is None:
        clock_seq = int.from_bytes(os.urandom(2), "big") & 0x3FFF
    fields = (
        timestamp & 0xFFFFFFFF,
        (timestamp >> 32) & 0xFFFF,
        (timestamp >> 48) & 0x0FFF,
        (clock_seq >> 8) & 0x3F,
        clock_seq & 0xFF,
        getnode() if node is None else node,
    )
    return UUID(fields=fields, version=1)


def _name_bytes(name):
    return name.encode() if isinstance(name, str) else bytes(name)


def uuid3(namespace, name):
    return UUID(bytes=_md5(namespace.bytes + _name_bytes(name)), version=3)


def uuid4():
    return UUID(bytes=os.urandom(16), version=4)


def uuid5(namespace, name):
    return UUID(bytes=_sha1(namespace.bytes + _name_bytes(name))[:16], version=5)


NAMESPACE_DNS = UUID("6ba7b810-9dad-11d1-80b4-00c04fd430c8")
NAMESPACE_URL = UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8")
NAMESPACE_OID = UUID("6ba7b812-9dad-11d1-80b4-00c04fd430c8")
NAMESPACE_X500 = UUID("6ba7b814-9dad-11d1-80b4-00c04fd430c8")
