import ipaddress

hosts = ["10.0.0.5", "192.168.1.20", "8.8.8.8", "172.16.4.1", "2001:db8::1", "::1", "fe80::1", "127.0.0.1"]
internal = ipaddress.ip_network("10.0.0.0/8")
for h in hosts:
    ip = ipaddress.ip_address(h)
    print(f"{h:>14} v{ip.version} private={ip.is_private} loopback={ip.is_loopback} in10={ip in internal if ip.version == 4 else '-'}")

net = ipaddress.ip_network("192.168.10.0/28")
print(net, net.num_addresses, net.netmask, net.hostmask, net.broadcast_address, net.prefixlen)
print([str(h) for h in net.hosts()][:5], len(list(net.hosts())))
print(list(net.subnets(new_prefix=30)))
print(net.supernet(prefixlen_diff=4), net.overlaps(ipaddress.ip_network("192.168.10.8/29")))
print(ipaddress.ip_network("10.1.2.3/16", strict=False), ipaddress.ip_interface("10.1.2.3/24").network)
a = ipaddress.IPv4Address("10.0.0.1")
print(a + 255, int(a), a.packed, repr(a), a < ipaddress.IPv4Address("10.0.0.2"))
print(sorted(ipaddress.ip_address(h) for h in ["10.0.0.10", "10.0.0.9", "9.255.255.255"]))
v6 = ipaddress.ip_address("2001:0db8:0000:0000:0000:ff00:0042:8329")
print(v6, v6.exploded, v6.compressed, repr(v6))
n6 = ipaddress.ip_network("2001:db8::/126")
print(list(n6.hosts()), n6.num_addresses)
try:
    ipaddress.ip_address("300.1.1.1")
except ValueError as e:
    print("ValueError:", e)
try:
    ipaddress.ip_network("10.0.0.1/24")
except ValueError as e:
    print("ValueError:", e)
print(list(ipaddress.summarize_address_range(ipaddress.IPv4Address("10.0.0.0"), ipaddress.IPv4Address("10.0.0.9"))))
print(list(ipaddress.collapse_addresses([ipaddress.ip_network("10.0.0.0/25"), ipaddress.ip_network("10.0.0.128/25")])))
