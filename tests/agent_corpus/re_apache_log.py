import re
from collections import Counter, defaultdict

LOG = """\
192.168.1.10 - - [10/Oct/2023:13:55:36 +0000] "GET /index.html HTTP/1.1" 200 2326 "-" "Mozilla/5.0"
10.0.0.5 - frank [10/Oct/2023:13:56:01 +0000] "POST /api/login HTTP/1.1" 401 128 "-" "curl/8.1"
192.168.1.10 - - [10/Oct/2023:13:57:12 +0000] "GET /images/logo.png HTTP/1.1" 304 - "-" "Mozilla/5.0"
172.16.4.2 - - [10/Oct/2023:14:01:45 +0000] "GET /api/items?page=2 HTTP/1.1" 200 5120 "-" "python-requests/2.31"
10.0.0.5 - frank [10/Oct/2023:14:02:03 +0000] "POST /api/login HTTP/1.1" 200 512 "-" "curl/8.1"
bad line that does not parse
192.168.1.11 - - [10/Oct/2023:14:05:59 +0000] "DELETE /api/items/17 HTTP/1.1" 500 64 "-" "Mozilla/5.0"
"""

LINE = re.compile(
    r"(?P<ip>\d{1,3}(?:\.\d{1,3}){3}) \S+ (?P<user>\S+) "
    r"\[(?P<day>\d{2})/(?P<mon>\w{3})/(?P<year>\d{4}):(?P<time>[\d:]{8}) [+-]\d{4}\] "
    r'"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/(?P<ver>[\d.]+)" (?P<status>\d{3}) (?P<size>\d+|-)'
)

records = []
rejected = 0
for line in LOG.splitlines():
    m = LINE.match(line)
    if not m:
        rejected += 1
        continue
    rec = m.groupdict()
    rec["size"] = 0 if rec["size"] == "-" else int(rec["size"])
    rec["status"] = int(rec["status"])
    records.append(rec)

print(f"parsed {len(records)} lines, rejected {rejected}")
status = Counter(r["status"] for r in records)
for code, n in sorted(status.items()):
    print(f"  {code}: {n}")

by_ip = defaultdict(int)
for r in records:
    by_ip[r["ip"]] += r["size"]
for ip, total in sorted(by_ip.items(), key=lambda kv: (-kv[1], kv[0])):
    print(f"{ip:<15} {total:>7} bytes")

errors = [r for r in records if r["status"] >= 400]
for r in errors:
    path = re.sub(r"\?.*$", "", r["path"])
    print(r["time"], r["method"], path, r["status"], r["user"] if r["user"] != "-" else "anonymous")

endpoints = Counter(re.sub(r"/\d+$", "/{id}", r["path"].split("?")[0]) for r in records)
print(endpoints.most_common(2))
m = LINE.search(LOG)
print(m.span(), m.group("ip", "status"), m.lastgroup, m.lastindex)
