"""`ipaddress` fidelity (issue 15): grids of inputs through micropython-build/modules/ipaddress.py, each
snippet run in a fresh sandbox and in this CPython; the printed output must be the same, byte for byte.

Until the guest is rebuilt with the module frozen in, the sandbox loads it from source (the `ipaddress`
fixture below); once the frozen module is there, the tests exercise that one."""

from pathlib import Path

import fidelity
import pytest

from datasette_micropython import GuestError, Sandbox

MODULE_SOURCE = Path(__file__).parent.parent / "micropython-build" / "modules" / "ipaddress.py"

# Installs the module's source as `ipaddress` in a sandbox whose guest lacks the frozen module.
INSTALL_FROM_SOURCE = """
import sys
class _Module:
    pass
_module = _Module()
_namespace = {'__name__': 'ipaddress'}
exec(_SOURCE, _namespace)
for _name, _value in _namespace.items():
    setattr(_module, _name, _value)
sys.modules['ipaddress'] = _module
del _Module, _module, _namespace, _name, _value, _SOURCE
"""

# `show(f, *args)` prints repr(f(*args)), or the exception's type name and message; `kind` only the
# exception's type name (for errors whose message comes from the interpreter, not the module under test).
PRELUDE = """
import ipaddress
from ipaddress import (IPV4LENGTH, IPV6LENGTH, AddressValueError, IPv4Address, IPv4Interface, IPv4Network,
                       IPv6Address, IPv6Interface, IPv6Network, NetmaskValueError, collapse_addresses,
                       get_mixed_type_key, ip_address, ip_interface, ip_network, summarize_address_range,
                       v4_int_to_packed, v6_int_to_packed)
def show(f, *args, **kwargs):
    try:
        print(repr(f(*args, **kwargs)))
    except Exception as e:
        print(type(e).__name__ + ':', e)
def kind(f, *args, **kwargs):
    try:
        print(repr(f(*args, **kwargs)))
    except Exception as e:
        print(type(e).__name__)
ADDRESS_PROPERTIES = ('version', 'max_prefixlen', 'packed', 'exploded', 'compressed', 'reverse_pointer',
                      'is_private', 'is_global', 'is_loopback', 'is_multicast', 'is_link_local', 'is_reserved',
                      'is_unspecified')
V6_PROPERTIES = ('is_site_local', 'ipv4_mapped', 'sixtofour', 'teredo', 'scope_id')
NETWORK_PROPERTIES = ('version', 'max_prefixlen', 'network_address', 'broadcast_address', 'netmask', 'hostmask',
                      'prefixlen', 'num_addresses', 'with_prefixlen', 'with_netmask', 'with_hostmask', 'exploded',
                      'compressed', 'is_private', 'is_global', 'is_loopback', 'is_multicast', 'is_link_local',
                      'is_reserved', 'is_unspecified')
def describe(obj, names):
    print(repr(obj), str(obj), int(obj) if not isinstance(obj, (IPv4Network, IPv6Network)) else '')
    for name in names:
        show(getattr, obj, name)
"""

CASES = {
    "v4_address_strings": r"""
texts = ['0.0.0.0', '1.2.3.4', '255.255.255.255', '127.0.0.1', '10.1.2.3', '172.16.0.1', '172.32.0.1',
         '192.168.1.1', '169.254.1.1', '224.0.0.1', '239.255.255.250', '240.0.0.1', '100.64.0.1', '100.128.0.1',
         '192.0.0.9', '192.0.0.170', '192.0.2.1', '198.18.0.1', '198.51.100.7', '203.0.113.9', '8.8.8.8',
         '', '1.2.3', '1.2.3.4.5', '1..2.3', '256.1.1.1', '1.2.3.1000', '01.2.3.4', '1.2.3.04', '0.0.0.00',
         '1.2.3.a', '1.2.3.-1', ' 1.2.3.4', '1.2.3.4 ', '1.2.3.4/24', '1.2.3.4/', '٣.1.1.1', '0x1.2.3.4',
         '1.2.3.+4', '1.2.3.', '.1.2.3', '999.999.999.999', '::1', 'localhost']
for t in texts:
    show(IPv4Address, t)
    show(ip_address, t)
for t in texts[:21]:
    describe(IPv4Address(t), ADDRESS_PROPERTIES)
for value in [0, 1, 2**32 - 1, 2**32, -1, True, 3232235777, b'\x7f\x00\x00\x01', b'\xff' * 4, b'', b'\x01\x02\x03',
              b'\x01' * 5, bytearray(b'\x01\x02\x03\x04'), None, 1.5, IPv4Address('9.9.9.9'), [1, 2, 3, 4]]:
    show(IPv4Address, value)
    show(ip_address, value)
""",
    "v6_address_strings": r"""
texts = ['::', '::1', '1::', '2001:db8::1', '2001:0db8:0000:0000:0000:ff00:0042:8329', 'FE80::1', 'fe80::1%eth0',
         'fe80::1%1', 'ff02::1', 'fec0::1', 'fc00::1', 'fd12:3456:789a:1::1', '::ffff:10.0.0.1', '::ffff:8.8.8.8',
         '::ffff:127.0.0.1', '::ffff:0a00:0001', '2002:c000:204::1', '2001:0:4136:e378:8000:63bf:3fff:fdd2',
         '100::1', '2001:2::1', '2001:10::1', '2001:20::1', '2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1',
         '1:0:0:2:0:0:0:3', '0:0:1:0:0:0:0:0', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:1.2.3.4', '::1.2.3.4',
         '64:ff9b::1.2.3.4', 'a:b:c:d:e:f:0:0', '0:0:0:0:0:0:0:1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
         '', ':', ':::', '1:2', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1::2::3', ':1:2:3:4:5:6:7', '1:2:3:4:5:6:7:',
         ':1::2', '1::2:', '1:2:3:4:5:6:7::8', '12345::1', 'g::1', '::1.2.3.256', '::1.2.3', '1:2:3:4:5:6:7:1.2.3.4',
         'fe80::1%', 'fe80::1%a%b', '::1/128', '1.2.3.4::', '::-1', '-1::', ' ::1', '1:2:3:4:5:6:7:8:', ':::1',
         '1:2:3:4:5:6:7:8:9:0', '::1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8::', '::ffff:1.2.3.4.5', '1::2:3:4:5:6:7:8']
for t in texts:
    show(IPv6Address, t)
    show(ip_address, t)
for t in texts[:33]:
    describe(IPv6Address(t), ADDRESS_PROPERTIES + V6_PROPERTIES)
for value in [0, 1, 2**128 - 1, 2**128, -1, 2**32, 2**32 - 1, b'\x00' * 15 + b'\x01', b'\x20\x01' + b'\x00' * 14,
              b'\x00' * 17, IPv6Address('::2'), 42.0]:
    show(IPv6Address, value)
    show(ip_address, value)
""",
    "address_operations": r"""
a, b = IPv4Address('10.0.0.1'), IPv4Address('10.0.0.2')
v6, v6s = IPv6Address('fe80::1'), IPv6Address('fe80::1%eth0')
print(a + 1, a - 1, a + 254, b - a._ip + 100 if False else '', a + 2**31, repr(a + 0))
show(lambda: IPv4Address('255.255.255.255') + 1)
show(lambda: IPv4Address('0.0.0.0') - 1)
show(lambda: IPv6Address('::') - 1)
show(lambda: IPv6Address('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff') + 1)
kind(lambda: a + 1.5)
kind(lambda: a - b)
kind(lambda: 1 + a)
print(v6 + 1, v6s + 1, v6s - 1)
print(a < b, a <= b, a > b, a >= b, a == b, a != b, a == IPv4Address('10.0.0.1'), a == '10.0.0.1', a == 167772161)
print(v6 == v6s, v6s == IPv6Address('fe80::1%eth0'), v6s == IPv6Address('fe80::1%eth1'), v6 < v6s, v6s < v6, v6 <= v6s)
for op in ['<', '>', '<=', '>=']:
    show(eval, 'a ' + op + ' v6', {'a': a, 'v6': v6})
    show(eval, 'v6 ' + op + ' a', {'a': a, 'v6': v6})
kind(lambda: a < 5)
kind(lambda: a < IPv4Network('10.0.0.0/8'))
print(a == v6, a != v6, IPv4Address(1) == IPv6Address(1))
print(sorted([IPv4Address('10.0.0.10'), IPv4Address('10.0.0.9'), IPv4Address('9.255.255.255'), a]))
print(sorted([IPv6Address('::2'), IPv6Address('::1'), IPv6Address('fe80::1%x'), IPv6Address('fe80::1')]))
show(sorted, [a, v6])
print(max(a, b), min(a, b), hash(a) == hash(IPv4Address('10.0.0.1')), hash(v6) == hash(IPv6Address('fe80::1')))
print(len({a, b, IPv4Address('10.0.0.1'), IPv4Address(167772161)}), a in {b: 1, a: 2}, {a: 'x'}[IPv4Address('10.0.0.1')])
print(int(a), int(v6), str(a), str(v6s), f'{a}', f'{v6s}', '%s' % a, '{}'.format(b))
for spec in ['', 's', '>20', '>20s', '<18s', '^17s', 'b', '#b', '_b', '#_b', 'x', '#x', '_x', '#_x', 'X', '#X', '_X',
             '#_X', 'n', '#n', '_n', '#_n', 'd', '08x', '_#x', '#_s', '10', 'o']:
    show(format, a, spec)
    show(format, v6, spec)
    show(format, v6s, spec)
print(f'{IPv4Address("192.168.0.1"):#_b}', f'{IPv6Address("2001:db8::"):_X}')
print(IPv4Address('1.2.3.4').packed.hex(), IPv6Address('2001:db8::ff').packed)
print(IPV4LENGTH, IPV6LENGTH, issubclass(AddressValueError, ValueError), issubclass(NetmaskValueError, ValueError))
try:
    IPv4Address('1.2.3.999')
except AddressValueError as e:
    print('caught', type(e).__name__, e.args)
try:
    ip_address('nope')
except ValueError as e:
    print('caught', type(e).__name__, e.args)
""",
    "networks": r"""
specs = ['10.0.0.0/8', '10.0.0.0/255.0.0.0', '10.0.0.0/0.255.255.255', '192.168.1.0/24', '192.168.1.128/25',
         '192.168.1.0/31', '192.168.1.7/32', '0.0.0.0/0', '0.0.0.0/0.0.0.0', '255.255.255.255/32', '224.0.0.0/4',
         '127.0.0.0/8', '169.254.0.0/16', '100.64.0.0/10', '100.64.0.0/11', '172.16.0.0/12', '172.16.0.0/11',
         '240.0.0.0/4', '192.168.1.5/24', '10.0.0.0/33', '10.0.0.0/-1', '10.0.0.0/+8', '10.0.0.0/ 8', '10.0.0.0/',
         '10.0.0.0/08', '10.0.0.0/255.0.255.0', '10.0.0.0/255.255.255.256', '10.0.0.0/1.2.3', '10/8', '10.0.0.0/8/8',
         '2001:db8::/32', '2001:db8::/ffff:ffff::', 'fe80::/10', 'fe80::1/10', '::/0', '::1/128', '::/127', 'ff00::/8',
         '2001:db8::/129', 'fe80::%eth0/64', '::ffff:0:0/96', '2001::/23', 'fec0::/10', 'fc00::/7', '2001:db8::/64']
for s in specs:
    show(ip_network, s)
    show(ip_network, s, strict=False)
    show(IPv4Network, s)
    show(IPv6Network, s, False)
for s in specs:
    try:
        net = ip_network(s, strict=False)
    except ValueError:
        continue
    describe(net, NETWORK_PROPERTIES + (('is_site_local',) if net.version == 6 else ()))
for value in [('10.0.0.0', 8), ('10.0.0.0', '8'), ('10.0.0.0', '255.0.0.0'), ('10.0.0.1', 8), (167772160, 8),
              (IPv4Address('10.0.0.0'), 16), ((b'\n\x00\x00\x00'), 24), ('10.0.0.0',), ('10.0.0.0', 33),
              ('10.0.0.0', -1), ('10.0.0.0', '33'), ('10.0.0.0', 8, 1), 167772160, 2**32, b'\n\x00\x00\x00',
              ('2001:db8::', 32), ('2001:db8::', '32'), (2**127, 1), (2**127 + 1, 1), (b'\x00' * 16, 128), 2**128,
              ('10.0.0.0', 8.0), ('10.0.0.0', None), ('10.0.0.0', '٣'), ('10.0.0.0', ''), ['10.0.0.0', 8], ('::', True)]:
    show(ip_network, value)
    show(ip_network, value, strict=False)
    show(IPv4Network, value)
    show(IPv6Network, value)
""",
    "network_methods": r"""
net = ip_network('192.168.10.0/28')
print(list(net), len(list(net.hosts())), list(ip_network('10.0.0.0/30').hosts()))
print(list(ip_network('10.0.0.0/31').hosts()), ip_network('10.0.0.7/32').hosts(), ip_network('::1/128').hosts())
print(list(ip_network('2001:db8::/126').hosts()), list(ip_network('2001:db8::/127').hosts()), list(ip_network('::/126')))
for n in [0, 1, 15, 16, -1, -16, -17, 2**40]:
    show(lambda: net[n])
    show(lambda: ip_network('2001:db8::/64')[n])
kind(lambda: net['a'])
for other in ['192.168.10.0', '192.168.10.15', '192.168.10.16', '192.168.9.255', '::1']:
    print(other, ip_address(other) in net)
print(ip_network('192.168.10.0/29') in net, net in net, IPv4Interface('192.168.10.3/24') in net)
kind(lambda: '192.168.10.1' in net)
for a, b in [('10.0.0.0/8', '10.1.0.0/16'), ('10.1.0.0/16', '10.0.0.0/8'), ('10.0.0.0/8', '11.0.0.0/8'),
             ('10.0.0.0/8', '10.0.0.0/8'), ('10.0.0.0/25', '10.0.0.128/25'), ('10.0.0.0/24', '10.0.0.128/25'),
             ('2001:db8::/32', '2001:db8:1::/48'), ('10.0.0.0/8', '2001:db8::/32')]:
    x, y = ip_network(a), ip_network(b)
    show(x.overlaps, y)
    show(x.subnet_of, y)
    show(x.supernet_of, y)
    show(x.compare_networks, y)
    show(lambda: (x < y, x > y, x <= y, x >= y, x == y, x != y))
    show(lambda: list(x.address_exclude(y)))
show(lambda: ip_network('10.0.0.0/8').subnet_of(ip_address('10.0.0.1')))
show(lambda: list(ip_network('10.0.0.0/8').address_exclude(ip_address('10.0.0.1'))))
print(list(ip_network('10.0.0.0/24').address_exclude(ip_network('10.0.0.77/32'))))
print(list(ip_network('2001:db8::/120').address_exclude(ip_network('2001:db8::80/125'))))
for kwargs in [{}, {'prefixlen_diff': 2}, {'new_prefix': 27}, {'new_prefix': 28}, {'new_prefix': 30},
               {'new_prefix': 25}, {'prefixlen_diff': 0}, {'prefixlen_diff': -1}, {'prefixlen_diff': 5},
               {'prefixlen_diff': 2, 'new_prefix': 30}, {'new_prefix': 33}]:
    show(lambda: list(ip_network('10.0.0.0/26').subnets(**kwargs)))
    show(lambda: ip_network('10.0.0.0/26').supernet(**{k: 52 - v if k == 'new_prefix' else v for k, v in kwargs.items()}))
print(list(ip_network('10.0.0.1/32').subnets()), ip_network('0.0.0.0/0').supernet(), ip_network('::/0').supernet())
print(list(ip_network('2001:db8::/32').subnets(new_prefix=34)), ip_network('2001:db8::/32').supernet(new_prefix=16))
print(ip_network('10.0.0.0/8').supernet(prefixlen_diff=8), ip_network('10.0.0.0/8').supernet(8))
show(lambda: ip_network('10.0.0.0/8').supernet(prefixlen_diff=9))
print(sorted([ip_network('10.0.0.0/8'), ip_network('10.0.0.0/16'), ip_network('9.0.0.0/8'), ip_network('10.0.0.0/9')]))
show(sorted, [ip_network('10.0.0.0/8'), ip_network('::/0')])
kind(lambda: ip_network('10.0.0.0/8') < ip_address('10.0.0.0'))
print(ip_network('10.0.0.0/8') == ip_network('10.0.0.0/255.0.0.0'), ip_network('10.0.0.0/8') == '10.0.0.0/8',
      ip_network('10.0.0.0/8') == ip_address('10.0.0.0'), ip_network('::/0') == ip_network('0.0.0.0/0'))
print(len({ip_network('10.0.0.0/8'), ip_network('10.0.0.0/255.0.0.0'), ip_network('10.0.0.0/9')}))
print(str(net), repr(net), f'{net}', '%s|%r' % (net, net))
kind(format, net, '>20')
print(ip_network('2001:db8::/64').reverse_pointer, ip_network('10.0.0.0/8').reverse_pointer)
show(lambda: ip_network('fe80::%eth0/64').exploded)
print(ip_network('fe80::%eth0/64').network_address.scope_id, ip_network('fe80::%eth0/64').broadcast_address)
kind(len, net)
""",
    "interfaces": r"""
specs = ['10.1.2.3/24', '10.1.2.3/255.255.0.0', '10.1.2.3/0.0.0.255', '10.1.2.3', '0.0.0.0/8', '127.0.0.1/8',
         '192.168.1.255/31', '10.1.2.3/33', '10.1.2.3/24/1', '', '2001:db8::1/64', 'fe80::1%eth0/64', '::1/128',
         '::/0', '::1/127', '::/8', '2001:db8::1', '2001:db8::1/129', 'fe80::1%/64']
for s in specs:
    show(ip_interface, s)
    show(IPv4Interface, s)
    show(IPv6Interface, s)
for s in specs[:7] + specs[10:17]:
    i = ip_interface(s)
    describe(i, ADDRESS_PROPERTIES + ('ip', 'network', 'netmask', 'hostmask', 'with_prefixlen', 'with_netmask',
                                      'with_hostmask') + (V6_PROPERTIES if i.version == 6 else ()))
for value in [('10.1.2.3', 24), (167838211, 16), b'\n\x01\x02\x03', 167838211, ('2001:db8::1', '48')]:
    show(ip_interface, value)
i, j = IPv4Interface('10.1.2.3/24'), IPv4Interface('10.1.2.3/16')
a = IPv4Address('10.1.2.3')
print(i == j, i == a, a == i, i != a, a != i, i == IPv4Interface('10.1.2.3/255.255.255.0'), i + 1, i - 3)
for x, y in [(i, j), (j, i), (i, a), (a, i), (i, IPv4Interface('10.1.2.4/24')), (IPv4Interface('10.1.2.4/24'), i)]:
    show(lambda: (x < y, x > y, x <= y, x >= y, x == y, x != y))
print(sorted([i, j, IPv4Interface('10.1.2.1/24'), IPv4Interface('9.0.0.1/8')]))
print(sorted([a, i, IPv4Address('10.1.2.2')]), len({i, j, IPv4Interface('10.1.2.3/24')}))
print(i.ip in i.network, i.network.network_address, ip_interface('fe80::1%eth0/64').ip, i.exploded, i.compressed)
show(format, i, 'b')
show(format, i, '')
""",
    "module_functions": r"""
A = ip_address
for first, last in [('10.0.0.0', '10.0.0.9'), ('10.0.0.1', '10.0.0.1'), ('0.0.0.0', '255.255.255.255'),
                    ('10.0.0.7', '10.0.1.200'), ('192.168.0.3', '192.168.3.0'), ('2001:db8::', '2001:db8::ff'),
                    ('::1', '::ffff'), ('10.0.0.9', '10.0.0.0'), ('10.0.0.0', '::1'), ('255.255.255.254', '255.255.255.255'),
                    ('ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')]:
    show(lambda: list(summarize_address_range(A(first), A(last))))
show(lambda: list(summarize_address_range(ip_network('10.0.0.0/8'), A('10.0.0.1'))))
N = ip_network
for group in [[N('10.0.0.0/25'), N('10.0.0.128/25')], [N('192.0.2.0/26'), N('192.0.2.64/26'), N('192.0.2.128/26'), N('192.0.2.192/26')],
              [N('10.0.0.0/24'), N('10.0.0.0/16'), N('10.0.1.0/24')], [A('10.0.0.1'), A('10.0.0.2'), A('10.0.0.3'), A('10.0.0.0')],
              [A('10.0.0.5'), N('10.0.0.4/32'), N('10.0.0.6/31'), A('10.0.0.9')], [N('10.0.0.0/24'), N('10.0.2.0/24')],
              [N('10.0.1.0/24'), N('10.0.0.0/24'), N('10.0.3.0/24'), N('10.0.2.0/24')], [],
              [N('2001:db8::/33'), N('2001:db8:8000::/33'), A('::1'), A('::2'), A('::3')],
              [A('10.0.0.1'), A('::1')], [N('10.0.0.0/8'), N('::/0')], [A('10.0.0.1'), N('::1/128')],
              [N('0.0.0.0/1'), N('128.0.0.0/1')], [A('10.0.0.1'), A('10.0.0.1'), N('10.0.0.0/30')],
              [IPv4Interface('10.0.0.1/24'), IPv4Interface('10.0.0.0/24')]]:
    show(lambda: list(collapse_addresses(group)))
print(type(collapse_addresses([])).__name__)
mixed = [A('10.0.0.1'), N('10.0.0.0/8'), A('::1'), N('::/64'), A('1.1.1.1'), N('1.0.0.0/8'), IPv4Interface('10.0.0.1/24')]
for x in mixed:
    show(get_mixed_type_key, x)
print(sorted(mixed, key=get_mixed_type_key))
show(get_mixed_type_key, 'x')
for value in [0, 1, 2**32 - 1, 2**32, -1, 2**128 - 1, 2**128]:
    show(v4_int_to_packed, value)
    show(v6_int_to_packed, value)
kind(v4_int_to_packed, '1')
""",
    "conversions_and_copies": r"""
import copy
objects = [IPv4Address('10.1.2.3'), IPv6Address('fe80::1%eth0'), IPv4Network('10.0.0.0/8'), IPv6Network('2001:db8::/32'),
           IPv4Interface('10.1.2.3/24'), IPv6Interface('fe80::1%eth0/64')]
for obj in objects:
    for cls in (IPv4Address, IPv6Address, IPv4Network, IPv6Network, IPv4Interface, IPv6Interface, ip_address,
                ip_network, ip_interface, str):
        show(cls, obj)
    twin, deep = copy.copy(obj), copy.deepcopy([obj])[0]
    print(twin == obj, deep == obj, twin is obj, str(deep), hash(twin) == hash(obj))
class Host(IPv4Address):
    def label(self):
        return f'host {self} ({"private" if self.is_private else "public"})'
h = Host('192.168.0.7')
print(h.label(), type(h + 1).__name__, h == IPv4Address('192.168.0.7'), h in ip_network('192.168.0.0/24'))
print(bool(IPv4Address(0)), bool(ip_network('0.0.0.0/32')), [str(a) for a in ip_network('10.0.0.0/30')][::-1])
print(list(map(int, ip_network('10.0.0.0/30'))), [f'{a:b}' for a in ip_network('10.0.0.0/31')])
print(dict.fromkeys(sorted(ip_address(s) for s in ['10.0.0.2', '10.0.0.1', '10.0.0.2'])))
print(max(ip_network('10.0.0.0/8'), ip_network('10.0.0.0/16')), min(ip_address('::2'), ip_address('::1')))
""",
    "random_grid": r"""
import random
random.seed(15)
for _ in range(150):
    hextets = [random.choice([0, 0, 0, 1, 0xff, 0xdb8, 0xffff, random.getrandbits(16)]) for _ in range(8)]
    v6 = IPv6Address(sum(h << (16 * (7 - i)) for i, h in enumerate(hextets)))
    same = IPv6Address(v6.exploded) == IPv6Address(str(v6)) == v6
    print(v6, v6.exploded[:9], same, v6.is_private, v6.is_global, v6.is_reserved, v6.is_multicast, v6.ipv4_mapped)
for _ in range(150):
    v4 = IPv4Address(random.getrandbits(32))
    prefix = random.randint(0, 32)
    net = IPv4Network((int(v4), prefix), strict=False)
    print(v4, v4.is_private, v4.is_global, v4.is_reserved, net, net.num_addresses, net.is_private, net.is_global,
          v4 in net, net.broadcast_address, net[0] == net.network_address)
for _ in range(60):
    prefix = random.randint(16, 128)
    net = IPv6Network((random.getrandbits(128), prefix), strict=False)
    print(net, net.netmask, net.hostmask, net.with_netmask.split('/')[1] == str(net.netmask), net.is_private,
          net.is_global, net.is_reserved, net.is_site_local, net.is_link_local)
""",
    # networks and interfaces hash by ints (addresses by a str, which CPython randomises): their sets iterate
    # in CPython's order (patch 0360)
    "sets_of_networks": r"""
print({ip_network(f"10.{i}.{j}.0/24") for i in range(5) for j in range(0, 250, 37)})
print({ip_interface(f"192.168.{i}.{i * 3}/24") for i in range(12)})
print({ip_network(f"2001:db8:{i:x}::/48") for i in range(10)}, hash(ip_network("10.0.0.0/8")))
print(hash(ip_interface("10.1.2.3/16")), set(ip_network("10.0.0.0/28").subnets(new_prefix=30)))
""",
}


@pytest.fixture(scope="module")
def install_ipaddress():
    """Returns a function preparing a sandbox: nothing when the guest has the frozen module, else it
    installs the module from source."""
    with Sandbox() as sandbox:
        try:
            sandbox.run("import ipaddress", eval_trailing=False)
            frozen = True
        except GuestError as error:
            assert error.type_name == "ModuleNotFoundError", error
            frozen = False

    def prepare(sandbox: Sandbox) -> None:
        if not frozen:
            source = MODULE_SOURCE.read_text(encoding="utf-8")
            sandbox.run(f"_SOURCE = {source!r}\n" + INSTALL_FROM_SOURCE, eval_trailing=False)

    return prepare


@pytest.mark.parametrize("name", list(CASES))
def test_ipaddress_prints_what_cpython_prints(name, install_ipaddress):
    code = CASES[name]
    expected = fidelity.cpython_output(PRELUDE + code)
    with Sandbox(memory_limit=128 * 2**20, time_limit=60, hard_grace=5) as sb:
        install_ipaddress(sb)
        assert sb.run(PRELUDE + code, eval_trailing=False).stdout == expected
