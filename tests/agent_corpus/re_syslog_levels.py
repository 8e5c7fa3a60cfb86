import re
from collections import Counter

SYSLOG = """Jan 12 06:25:01 web01 CRON[1234]: (root) CMD (run-parts /etc/cron.hourly)
Jan 12 06:25:43 web01 sshd[2201]: Failed password for invalid user admin from 203.0.113.9 port 52144 ssh2
Jan 12 06:26:02 web01 sshd[2201]: Failed password for root from 203.0.113.9 port 52150 ssh2
Jan 12 06:26:10 db02 postgres[771]: ERROR:  duplicate key value violates unique constraint "users_pkey"
Jan 12 06:27:00 web01 kernel: [12345.678] Out of memory: Killed process 4242 (python3)
Jan 12 06:28:31 db02 postgres[771]: WARNING:  there is no transaction in progress
Jan 12 06:29:59 web01 sshd[2305]: Accepted publickey for deploy from 198.51.100.23 port 40022 ssh2"""

pattern = re.compile(
    r"^(?P<ts>\w{3} +\d{1,2} [\d:]{8}) (?P<host>[\w.-]+) (?P<proc>[\w-]+)(?:\[(?P<pid>\d+)\])?: (?P<msg>.*)$",
    re.MULTILINE,
)

events = [m.groupdict() for m in pattern.finditer(SYSLOG)]
print(len(events), "events")
print(Counter(e["host"] for e in events).most_common())

failed = re.findall(r"Failed password for (?:invalid user )?(\w+) from ([\d.]+)", SYSLOG)
print("failed logins:", failed)
attackers = Counter(ip for _, ip in failed)
print({ip: n for ip, n in attackers.items() if n >= 2})

levels = Counter()
for e in events:
    m = re.match(r"(ERROR|WARNING|INFO|FATAL):\s+", e["msg"])
    level = m.group(1) if m else ("OOM" if re.search(r"\bOut of memory\b", e["msg"]) else "other")
    levels[level] += 1
print(sorted(levels.items()))

for e in events:
    if e["pid"] is None:
        print("no pid:", e["proc"], "->", re.sub(r"\[\d+\.\d+\]\s*", "", e["msg"]))

killed = re.search(r"Killed process (\d+) \((?P<name>[^)]+)\)", SYSLOG)
print(killed.group(0), killed.group(1), killed["name"], killed.start("name"), killed.end())
ports = [int(p) for p in re.findall(r"port (\d{4,5})", SYSLOG)]
print(min(ports), max(ports), sum(ports) // len(ports))
