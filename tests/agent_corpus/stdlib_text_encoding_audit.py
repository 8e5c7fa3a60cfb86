# Audit which user-supplied strings survive each output channel, the way a data-cleaning agent does it
records = [
    {"id": 1, "name": "Ana Souza", "comment": "great\u2003service"},
    {"id": 2, "name": "Jürgen Weiß", "comment": "naïve\u00a0but fine"},
    {"id": 3, "name": "李雷", "comment": "好\u3000评"},
    {"id": 4, "name": "Zoë 😀", "comment": "emoji\u2028in text"},
]


def channel_report(value):
    out = {}
    for enc in ("ascii", "latin-1", "cp1252", "utf-8"):
        try:
            value.encode(enc)
            out[enc] = "ok"
        except UnicodeEncodeError as e:
            out[enc] = str(e).split(":")[0].split(" in ")[0]
    return out


for rec in records:
    words = rec["comment"].split()
    print(rec["id"], repr(rec["name"]), words, len(rec["comment"].splitlines()))
    for enc, status in channel_report(rec["name"]).items():
        print("   ", enc.ljust(8), status)
    print("    html:", rec["name"].encode("ascii", "xmlcharrefreplace").decode("ascii"))
    print("    log: ", rec["name"].encode("ascii", "backslashreplace").decode("ascii"))
    print("    slug:", rec["name"].encode("ascii", "ignore").decode().strip().lower().replace(" ", "-") or "?")

# round trips through the wire formats a partner API might use
payload = "; ".join(r["name"] for r in records)
for enc in ("utf-8", "utf-16", "utf-16-be", "utf-32-le"):
    data = payload.encode(enc)
    back = data.decode(enc)
    print(enc, len(data), data[:6], back == payload)

broken = payload.encode("utf-8")[:-2] + b"\xff" + "tail".encode()
for errors in ("replace", "ignore", "backslashreplace"):
    print(errors, repr(broken.decode("utf-8", errors=errors)[-12:]))
try:
    broken.decode()
except UnicodeDecodeError as e:
    print(type(e).__name__, isinstance(e, ValueError), e)
try:
    b"\xed\xa0\x80 surrogate".decode("utf-8")
except UnicodeDecodeError as e:
    print("surrogate rejected:", e)
print(str(b"plain", "ascii"), str(bytearray(b"\xe9t\xe9"), encoding="latin-1"), bytes("t\xe9", encoding="utf-8"))
