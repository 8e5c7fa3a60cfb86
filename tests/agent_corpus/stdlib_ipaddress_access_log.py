import ipaddress
from collections import Counter, defaultdict

LOG = """\
203.0.113.7 - - [02/Dec/2026:06:01:02 +0000] "GET /index.html HTTP/1.1" 200 5120
10.0.4.21 - - [02/Dec/2026:06:01:05 +0000] "GET /api/users HTTP/1.1" 200 812
2001:db8:85a3::8a2e:370:7334 - - [02/Dec/2026:06:01:09 +0000] "POST /api/login HTTP/1.1" 401 64
192.168.1.50 - - [02/Dec/2026:06:02:11 +0000] "GET /admin HTTP/1.1" 403 12
203.0.113.7 - - [02/Dec/2026:06:02:15 +0000] "GET /favicon.ico HTTP/1.1" 404 0
::1 - - [02/Dec/2026:06:03:00 +0000] "GET /health HTTP/1.1" 200 2
8.8.4.4 - - [02/Dec/2026:06:03:30 +0000] "GET /index.html HTTP/1.1" 200 5120
not-an-ip - - [02/Dec/2026:06:03:31 +0000] "GET / HTTP/1.1" 400 0
203.0.113.99 - - [02/Dec/2026:06:04:00 +0000] "POST /api/login HTTP/1.1" 401 64
100.64.12.1 - - [02/Dec/2026:06:04:10 +0000] "GET /index.html HTTP/1.1" 200 5120
fe80::1ff:fe23:4567:890a - - [02/Dec/2026:06:05:00 +0000] "GET /metrics HTTP/1.1" 200 350
172.31.255.254 - - [02/Dec/2026:06:05:30 +0000] "GET /api/users HTTP/1.1" 500 0
198.51.100.23 - - [02/Dec/2026:06:06:00 +0000] "POST /api/login HTTP/1.1" 401 64
"""

BLOCKLIST = [ipaddress.ip_network(n) for n in ("203.0.113.0/24", "198.51.100.0/25", "2001:db8::/32")]


def classify(ip):
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.version == 4 and ip in ipaddress.ip_network("100.64.0.0/10"):
        return "cgnat"
    if ip.is_private:
        return "private"
    return "public" if ip.is_global else "special"


rows, bad = [], []
for lineno, line in enumerate(LOG.splitlines(), 1):
    host, _, _, _, _, method, path, _, status, size = line.split()
    try:
        ip = ipaddress.ip_address(host)
    except ValueError as exc:
        bad.append((lineno, str(exc)))
        continue
    rows.append({"ip": ip, "method": method.strip('"'), "path": path, "status": int(status), "bytes": int(size)})

print(f"parsed {len(rows)} requests, rejected {len(bad)}")
for lineno, why in bad:
    print(f"  line {lineno}: {why}")

by_class = Counter(classify(r["ip"]) for r in rows)
print("by class:", dict(sorted(by_class.items())))
by_version = Counter(f"IPv{r['ip'].version}" for r in rows)
print("by version:", sorted(by_version.items()))

print(f"\n{'client':<30} {'class':<10} {'status':>6} {'bytes':>6}  blocked")
for r in sorted(rows, key=lambda r: (r["ip"].version, r["ip"])):
    blocked = next((str(n) for n in BLOCKLIST if n.version == r["ip"].version and r["ip"] in n), "-")
    print(f"{str(r['ip']):<30} {classify(r['ip']):<10} {r['status']:>6} {r['bytes']:>6}  {blocked}")

failed_logins = defaultdict(list)
for r in rows:
    if r["path"] == "/api/login" and r["status"] == 401:
        net = ipaddress.ip_network(f"{r['ip']}/{24 if r['ip'].version == 4 else 64}", strict=False)
        failed_logins[net].append(r["ip"])
for net, ips in sorted(failed_logins.items(), key=lambda kv: ipaddress.get_mixed_type_key(kv[0])):
    print(f"failed logins from {net} ({net.num_addresses} addresses): {', '.join(map(str, ips))}")

v4_clients = sorted({r["ip"] for r in rows if r["ip"].version == 4})
print("\nv4 clients collapsed:", [str(n) for n in ipaddress.collapse_addresses(v4_clients)])
print("reverse:", [ip.reverse_pointer for ip in v4_clients[:2]])
print("as ints:", [int(ip) for ip in v4_clients[:3]], "hex:", [f"{ip:#x}" for ip in v4_clients[:3]])
traffic = sum(r["bytes"] for r in rows if not r["ip"].is_private)
print(f"bytes to non-private clients: {traffic:,}")
