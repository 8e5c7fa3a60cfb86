"""CPython's `binascii` on MicroPython's built-in one (`ubinascii`): adds `Error` (a ValueError,
raised by the decoders as in CPython), `Incomplete`, and the b2a_hex/a2b_hex names.
Functions: hexlify/b2a_hex (with sep), unhexlify/a2b_hex, b2a_base64 (newline=), a2b_base64,
crc32. Not supported: crc_hqx, the uu and quoted-printable codecs, strict_mode=.
"""

from ubinascii import b2a_base64, crc32, hexlify  # re-exported
from ubinascii import a2b_base64 as _a2b_base64
from ubinascii import unhexlify as _unhexlify


class Error(ValueError):
    pass


class Incomplete(Exception):
    pass


def a2b_base64(data):
    try:
        return _a2b_base64(data)
    except ValueError as e:
        message = str(e)
        raise Error("Incorrect padding" if message == "incorrect padding" else message)


def unhexlify(hexstr):
    if len(hexstr) % 2:
        raise Error("Odd-length string")
    try:
        return _unhexlify(hexstr)
    except ValueError:
        raise Error("Non-hexadecimal digit found")


b2a_hex = hexlify
a2b_hex = unhexlify
