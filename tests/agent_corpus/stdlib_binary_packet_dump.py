# Inspecting a binary export: hex dumps grouped like a protocol analyser, checksums, in-place buffer
# edits with stepped slices, and a padded frame built with *=.
import struct
import zlib

header = struct.pack(">HHI", 0xCAFE, 3, 1700000000)
payload = "temp=21.5;hum=40".encode()
frame = bytearray(header + payload)
print("frame:", len(frame), "bytes")
print(frame[:8].hex(" ", 2))
print(bytes(frame).hex(":", -4)[:35])
print(memoryview(frame)[8:].hex(sep="-", bytes_per_sep=4))

magic, version, stamp = struct.unpack_from(">HHI", frame)
print(f"magic={magic:#06x} version={version} stamp={stamp}")

# obfuscate every other payload byte in place, then restore it
view = memoryview(frame)
original = bytes(view[8::2])
frame[8::2] = bytes(len(original))
print(bytes(frame[8:16]))
frame[8::2] = original
print(frame[8:].decode())

checksum = zlib.crc32(frame) & 0xFFFFFFFF
print("crc32:", f"{checksum:08x}", checksum.to_bytes(4, "big").hex(" "))

padding = bytearray(b"\x00")
alias = padding
padding *= 16 - len(frame) % 16
print(len(alias), alias is padding, (len(frame) + len(padding)) % 16)

try:
    frame[::4] = b"\xff" * 3
except ValueError as exc:
    print("ValueError:", exc)
every_fourth = memoryview(bytes(frame))[::4]
print(len(every_fourth), every_fourth.tolist()[:6] if hasattr(every_fourth, "tolist") else list(every_fourth)[:6])
print(b"%(name)s=%(value)d" % {b"name": b"version", b"value": version})
