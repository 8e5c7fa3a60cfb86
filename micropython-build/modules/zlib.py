"""A subset of CPython's zlib on MicroPython's deflate module: compress, decompress, crc32, adler32.

wbits as in CPython: 9..15 zlib container, -9..-15 raw deflate, 25..31 gzip; for decompress also 0
(window size from the zlib header) and 40..47 (zlib or gzip, detected). `level` is accepted and ignored
(deflate has one compression level).
"""

import deflate
import io
from binascii import crc32

MAX_WBITS = 15
DEFLATED = 8
Z_DEFAULT_COMPRESSION = -1


class error(Exception):
    pass


def _format(wbits, decompressing):
    if 9 <= wbits <= 15 or (decompressing and wbits == 0):
        return deflate.ZLIB, wbits
    if -15 <= wbits <= -9:
        return deflate.RAW, -wbits
    if 25 <= wbits <= 31:
        return deflate.GZIP, wbits - 16
    if decompressing and 40 <= wbits <= 47:
        return deflate.AUTO, wbits - 32
    raise ValueError("Invalid wbits")


def compress(data, level=Z_DEFAULT_COMPRESSION, wbits=MAX_WBITS):
    fmt, w = _format(wbits, False)
    out = io.BytesIO()
    f = deflate.DeflateIO(out, fmt, w)
    f.write(data)
    f.close()
    return out.getvalue()


def decompress(data, wbits=MAX_WBITS, bufsize=16384):
    fmt, w = _format(wbits, True)
    try:
        return deflate.DeflateIO(io.BytesIO(data), fmt, w).read()
    except (OSError, ValueError) as e:
        raise error("Error -3 while decompressing data: " + str(e))


def adler32(data, value=1):
    a = value & 0xFFFF
    b = (value >> 16) & 0xFFFF
    for i in range(0, len(data), 5552):
        for c in data[i : i + 5552]:
            a += c
            b += a
        a %= 65521
        b %= 65521
    return (b << 16) | a
