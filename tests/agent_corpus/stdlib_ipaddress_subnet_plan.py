import ipaddress
import json

# Carve a VPC into per-team subnets, check for overlaps with existing allocations, and export a plan.
vpc = ipaddress.IPv4Network("10.20.0.0/16")
existing = [ipaddress.ip_network(n) for n in ["10.20.0.0/20", "10.20.64.0/19", "10.20.200.0/24", "10.21.0.0/16"]]
requests = {"web": 500, "data": 2000, "ml": 4000, "ops": 60, "edge": 10, "vpn": 2}

print(f"VPC {vpc} ({vpc.num_addresses:,} addresses), netmask {vpc.netmask}, hostmask {vpc.hostmask}")
inside = [n for n in existing if n.subnet_of(vpc)]
print("existing inside the VPC:", ", ".join(n.with_prefixlen for n in inside))
print("outside:", [str(n) for n in existing if not n.overlaps(vpc)])

free = [vpc]
for used in inside:
    nxt = []
    for block in free:
        if used.subnet_of(block):
            nxt.extend(block.address_exclude(used))
        else:
            nxt.append(block)
    free = sorted(nxt)
print("free blocks:", [str(b) for b in ipaddress.collapse_addresses(free)])


def prefix_for(hosts):
    bits = (hosts + 2 - 1).bit_length()  # network and broadcast addresses are reserved
    return 32 - max(bits, 2)


plan = {}
for team, hosts in sorted(requests.items(), key=lambda kv: -kv[1]):
    want = prefix_for(hosts)
    for i, block in enumerate(free):
        if block.prefixlen <= want:
            subnet = next(block.subnets(new_prefix=want))
            rest = list(block.address_exclude(subnet)) if subnet != block else []
            free = sorted(free[:i] + rest + free[i + 1:])
            plan[team] = subnet
            break
    else:
        plan[team] = None

print(f"\n{'team':<6} {'hosts':>5} {'subnet':<18} {'first host':<14} {'last host':<14} {'usable':>6}")
for team, subnet in plan.items():
    if subnet is None:
        print(f"{team:<6} {requests[team]:>5} no room")
        continue
    hosts = list(subnet.hosts())
    print(f"{team:<6} {requests[team]:>5} {str(subnet):<18} {str(hosts[0]):<14} {str(hosts[-1]):<14} {len(hosts):>6}")

allocated = [s for s in plan.values() if s]
clashes = [(str(a), str(b)) for i, a in enumerate(allocated) for b in allocated[i + 1:] + existing if a.overlaps(b)]
print("clashes:", clashes)
gateway = {team: str(s[1]) for team, s in plan.items() if s}
print(json.dumps({"vpc": str(vpc), "subnets": {t: s.with_netmask for t, s in plan.items() if s}, "gateways": gateway},
                 indent=2, sort_keys=True))

ip6 = ipaddress.ip_network("2001:db8:abcd::/48")
sites = list(ip6.subnets(new_prefix=56))[:3]
for site, team in zip(sites, ["web", "data", "ml"]):
    iface = ipaddress.ip_interface(f"{site[1]}/{site.prefixlen}")
    print(f"{team:<5} {site.exploded:<45} gw={iface.ip} {iface.with_prefixlen} rev={iface.ip.reverse_pointer[:20]}...")
try:
    ipaddress.ip_network("10.20.1.1/24")
except ValueError as exc:
    print("rejected:", exc)
try:
    list(vpc.address_exclude(ipaddress.ip_network("10.21.0.0/24")))
except ValueError as exc:
    print("rejected:", exc)
print(sorted(plan.items(), key=lambda kv: kv[1] or vpc)[0])
