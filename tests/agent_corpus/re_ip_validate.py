import re

OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
IPV4 = re.compile(rf"{OCTET}(?:\.{OCTET}){{3}}")
CIDR = re.compile(rf"(?P<addr>{OCTET}(?:\.{OCTET}){{3}})/(?P<bits>3[0-2]|[12]?\d)")

candidates = ["192.168.0.1", "255.255.255.255", "256.1.1.1", "10.0.0", "01.2.3.4", "1.2.3.4.5", "0.0.0.0"]
for c in candidates:
    print(f"{c:16} {'valid' if IPV4.fullmatch(c) else 'invalid'}")

text = "Allow 10.0.0.0/8 and 192.168.1.0/24, deny 300.1.1.1/33 and 172.16.0.0/12; host 8.8.8.8 ok"
for m in CIDR.finditer(text):
    addr, bits = m.group("addr", "bits")
    parts = [int(p) for p in addr.split(".")]
    value = 0
    for p in parts:
        value = value * 256 + p
    size = 2 ** (32 - int(bits))
    print(f"{m.group():18} network={addr} hosts={size} value={value}")

standalone = re.findall(rf"(?<![\d.]){OCTET}(?:\.{OCTET}){{3}}(?![\d./])", text)
print(standalone)


def to_hex(m):
    return "".join(f"{int(o):02x}" for o in m.group().split("."))


print(IPV4.sub(to_hex, "src=10.1.2.3 dst=192.168.100.200"))
MAC = re.compile(r"(?:[0-9A-Fa-f]{2}([:-]))(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}")
for mac in ["00:1A:2b:3C:4d:5E", "00-1a-2b-3c-4d-5e", "00:1a-2b:3c:4d:5e", "001a2b3c4d5e"]:
    m = MAC.fullmatch(mac)
    print(mac, bool(m), m.group(1) if m else None)
