import re

raw = (
    b"HTTP/1.1 200 OK\r\n"
    b"Content-Type: application/json; charset=utf-8\r\n"
    b"Content-Length: 27\r\n"
    b"Set-Cookie: session=abc123; Path=/; HttpOnly\r\n"
    b"Set-Cookie: theme=dark\r\n"
    b"X-Request-Id:  7f3c\t\r\n"
    b"\r\n"
    b'{"ok": true, "items": [1,2]}'
)

head, _, body = raw.partition(b"\r\n\r\n")
status = re.match(rb"HTTP/(\d\.\d) (\d{3}) (.*)", head)
print(status.groups(), int(status.group(2)))

HEADER = re.compile(rb"^([\w-]+):[ \t]*(.*?)[ \t]*$", re.M)
headers = {}
for name, value in HEADER.findall(head.replace(b"\r\n", b"\n")):
    headers.setdefault(name.lower().decode(), []).append(value.decode())
print(sorted(headers.items()))

charset = re.search(rb"charset=([\w-]+)", head)
print(charset.group(1), charset.span())
cookies = dict(re.findall(rb"Set-Cookie: (\w+)=([^;\r\n]*)", raw))
print(cookies)
print(re.sub(rb"\d", b"#", body), re.split(rb"[,:]\s*", body))
print(re.findall(rb"[\x80-\xff]+", "naïve café".encode()))
print(re.escape(b"a.b*c"), re.escape("1+1=2? [yes]"))
print(
    re.fullmatch(rb"[0-9a-f]+", b"7f3c") is not None, re.search(rb"(?i)CONTENT-length: (\d+)", raw).group(1)
)
try:
    re.search(r"\d", b"abc1")
except TypeError as e:
    print("TypeError:", e)
try:
    re.search(rb"\d", "abc1")
except TypeError as e:
    print("TypeError:", e)
