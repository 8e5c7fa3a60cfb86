"""CPython's `hashlib`: md5, sha1, sha224, sha256, sha384, sha512 and `new`.

Hash objects have CPython's interface: `update`, `digest`/`hexdigest` (repeatable, and `update` may
follow), `copy`, `name`, `digest_size`, `block_size`; `usedforsecurity=` is accepted. Also
`algorithms_guaranteed`, `algorithms_available`, `file_digest` and `pbkdf2_hmac`. The block functions
are C (patch 0122: RFC 1321 and FIPS 180-4); buffering and padding are here.
Not available: sha3_*, blake2*, shake_*, scrypt (they raise ValueError from `new`, as an unknown name).
"""

import uhashlib as _c

__all__ = (
    "md5",
    "sha1",
    "sha224",
    "sha256",
    "sha384",
    "sha512",
    "new",
    "algorithms_guaranteed",
    "algorithms_available",
    "file_digest",
    "pbkdf2_hmac",
)

# name: (algorithm number in the C functions, digest size, block size)
_ALGORITHMS = {
    "md5": (0, 16, 64),
    "sha1": (1, 20, 64),
    "sha224": (2, 28, 64),
    "sha256": (3, 32, 64),
    "sha384": (4, 48, 128),
    "sha512": (5, 64, 128),
}

algorithms_guaranteed = frozenset(_ALGORITHMS)
algorithms_available = frozenset(_ALGORITHMS)


def _bytes_of(data):
    if isinstance(data, str):
        raise TypeError("Strings must be encoded before hashing")
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    try:
        return bytes(memoryview(data))
    except TypeError:
        raise TypeError("object supporting the buffer API required")


class HASH:
    __module__ = "_hashlib"  # as CPython names it: <class '_hashlib.HASH'>

    __slots__ = ("name", "digest_size", "block_size", "_algo", "_state", "_pending", "_length")

    def __init__(self, name, data=b""):
        self.name = name
        self._algo, self.digest_size, self.block_size = _ALGORITHMS[name]
        self._state = bytearray(_c._hash_iv(self._algo))
        self._pending = b""
        self._length = 0
        if data:
            self.update(data)

    def update(self, data):
        """Update this hash object's state with the provided bytes-like object."""
        data = _bytes_of(data)
        self._length += len(data)
        if self._pending:
            data = self._pending + data
        used = _c._hash_blocks(self._algo, self._state, data)
        self._pending = data[used:]

    def digest(self):
        """Return the digest value as a bytes object (the object stays usable)."""
        state = bytearray(self._state)
        block = self.block_size
        size_bytes = 16 if block == 128 else 8
        padding = b"\x80" + b"\x00" * ((block - size_bytes - 1 - len(self._pending)) % block)
        bits = (self._length * 8).to_bytes(size_bytes, "little" if self._algo == 0 else "big")
        _c._hash_blocks(self._algo, state, self._pending + padding + bits)
        return _c._hash_digest(self._algo, state)[: self.digest_size]

    def hexdigest(self):
        """Return the digest value as a string of hexadecimal digits."""
        return self.digest().hex()

    def copy(self):
        """Return a copy of the hash object."""
        other = _Hash(self.name)
        other._state = bytearray(self._state)
        other._pending = self._pending
        other._length = self._length
        return other

    def __repr__(self):
        return "<%s _hashlib.HASH object>" % self.name


# the class is named as CPython names its type; the module keeps it under its private name only
_Hash = HASH
del HASH


def _constructor(name):
    def construct(string=b"", *, usedforsecurity=True, data=None):
        return _Hash(name, string if data is None else data)

    return construct


md5 = _constructor("md5")
sha1 = _constructor("sha1")
sha224 = _constructor("sha224")
sha256 = _constructor("sha256")
sha384 = _constructor("sha384")
sha512 = _constructor("sha512")


def new(name, data=b"", **kwargs):
    """Return a new hashing object using the named algorithm; optionally initialized with data."""
    if not isinstance(name, str):
        raise TypeError("new() argument 'name' must be str, not %s" % type(name).__name__)
    key = name.lower().replace("-", "")
    if key not in _ALGORITHMS:
        raise ValueError("unsupported hash type " + name)
    return _Hash(key, data)


def file_digest(fileobj, digest):
    """Hash the contents of a file-like object opened in binary mode."""
    h = new(digest) if isinstance(digest, str) else digest()
    while True:
        chunk = fileobj.read(2**18)
        if not chunk:
            break
        h.update(chunk)
    return h


def pbkdf2_hmac(hash_name, password, salt, iterations, dklen=None):
    """Password based key derivation function 2 (PKCS #5 v2.0) with HMAC as pseudorandom function."""
    import hmac

    password = _bytes_of(password)
    salt = _bytes_of(salt)
    if iterations < 1:
        raise ValueError("iteration value must be greater than 0.")
    base = hmac.new(password, None, lambda d=b"": new(hash_name, d))
    if dklen is None:
        dklen = base.digest_size
    if dklen < 1:
        raise ValueError("key length must be greater than 0.")
    out = b""
    block = 1
    while len(out) < dklen:
        h = base.copy()
        h.update(salt + block.to_bytes(4, "big"))
        u = h.digest()
        acc = int.from_bytes(u, "big")
        for _ in range(iterations - 1):
            h = base.copy()
            h.update(u)
            u = h.digest()
            acc ^= int.from_bytes(u, "big")
        out += acc.to_bytes(len(u), "big")
        block += 1
    return out[:dklen]
