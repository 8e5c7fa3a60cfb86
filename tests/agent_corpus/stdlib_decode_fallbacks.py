# Decode uploaded byte blobs with fallbacks and report where and why each encoding failed
blobs = {
    "report.csv": b"name,city\nAna,S\xc3\xa3o Paulo\n",
    "legacy.txt": b"caf\xe9 cr\xe8me",
    "broken.json": b'{"k": "\xe2\x82"}',
    "ascii.log": b"GET /index 200\n",
}


def decode(name, data):
    errors = []
    for enc in ("ascii", "utf-8", "latin-1"):
        try:
            return data.decode(enc), enc, errors
        except UnicodeDecodeError as e:
            bad = e.object[e.start : e.end]
            errors.append(f"{e.encoding}@{e.start}-{e.end}:{e.reason}:{bad.hex()}")
    raise AssertionError(name)


for name, data in blobs.items():
    text, enc, errors = decode(name, data)
    print(f"{name:<12} {enc:<8} {len(text):>3} chars  {'; '.join(errors) or 'clean'}")

for text in ("plain", "naïve", "price: 5€", "emoji 😀"):
    try:
        text.encode("latin-1")
        print(f"{text!r} fits latin-1")
    except UnicodeEncodeError as e:
        print(f"{text!r}: {e} -> {e.object[e.start : e.end]!r} ({e.reason})")

header = b"%s|%b|%5s|%d" % (b"id", bytearray(b"name"), memoryview(b"qty"), 3)
print(header, header.decode())
try:
    line = b"row: %s" % "text"
except TypeError as e:
    print("TypeError:", e)

err = UnicodeDecodeError("utf-8", b"\xff\xfe", 0, 1, "invalid start byte")
print(str(err), err.args, isinstance(err, ValueError))
