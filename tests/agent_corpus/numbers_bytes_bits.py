# Packing integers into bytes (checksums, IDs) and inspecting bits.
records = [0, 1, 255, 256, 65535, 2**31 - 1, 2**40 + 7]
for r in records:
    b = r.to_bytes(8, "big")
    print(f"{r:>15,} bits={r.bit_length():>2} ones={r.bit_count():>2} big={b.hex()} little={r.to_bytes(8, byteorder='little').hex()}")
for v in (-1, -128, 127, -129, -(2**31)):
    raw = v.to_bytes(4, "big", signed=True)
    print(v, raw.hex(), int.from_bytes(raw, "big", signed=True), int.from_bytes(raw, "big"))
print(int.from_bytes(b"\x01\x00"), int.from_bytes(b"\x01\x00", byteorder="little"), (258).to_bytes(2))
print(int("ff", 16), int("ff", base=16), int("0b1011", 0), int("z", base=36), int("  42  "), int("-0x1f", base=16))
for bad in (lambda: (300).to_bytes(1, "big"), lambda: (-1).to_bytes(2, "big"), lambda: int.from_bytes(b"\x01", "middle")):
    try:
        bad()
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
checksum = 0
for chunk in (b"hello", b"world", "naïve".encode()):
    checksum = (checksum * 31 + int.from_bytes(chunk, "big")) % (2**32)
print(f"checksum {checksum:#010x} {checksum:_b} {(checksum).as_integer_ratio()}")
