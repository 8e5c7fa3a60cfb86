"""CPython 3.11's `ipaddress`, written for the sandbox from its documentation: addresses, networks and
interfaces of both versions, the factory and helper functions, CPython's messages.

Differences: hash values are not CPython's (a set of addresses may iterate in another order); no
`__reduce__` (`copy` works, `pickle` is absent); `is_private`/`is_global` use CPython 3.11.7's tables
(3.11.10 revised 192.0.0.0/24, 64:ff9b:1::/48, 2002::/16 and parts of 2001::/23); errors raised by the
interpreter itself (`addr < 5`, `addr + 1.5`) carry MicroPython's wording."""

IPV4LENGTH = 32
IPV6LENGTH = 128


class AddressValueError(ValueError):
    pass


class NetmaskValueError(ValueError):
    pass


def _factory(kind, classes, address, *args):
    for cls in classes:
        try:
            return cls(address, *args)
        except (AddressValueError, NetmaskValueError):
            pass
    raise ValueError(f"{address!r} does not appear to be an IPv4 or IPv6 {kind}")


def ip_address(address):
    return _factory("address", (IPv4Address, IPv6Address), address)


def ip_network(address, strict=True):
    return _factory("network", (IPv4Network, IPv6Network), address, strict)


def ip_interface(address):
    return _factory("interface", (IPv4Interface, IPv6Interface), address)


def v4_int_to_packed(address):
    try:
        return address.to_bytes(4, "big")
    except OverflowError:
        raise ValueError("Address negative or too large for IPv4")


def v6_int_to_packed(address):
    try:
        return address.to_bytes(16, "big")
    except OverflowError:
        raise ValueError("Address negative or too large for IPv6")


def _not_same_version(a, b):
    return TypeError(f"{a} and {b} are not of the same version")


def _trailing_zero_bits(number, bits):
    if number == 0:
        return bits
    return min(bits, (~number & (number - 1)).bit_length())


def summarize_address_range(first, last):
    if not (isinstance(first, _BaseAddress) and isinstance(last, _BaseAddress)):
        raise TypeError("first and last must be IP addresses, not networks")
    if first.version != last.version:
        raise _not_same_version(first, last)
    if first > last:
        raise ValueError("last IP address must be greater than first")
    network = IPv4Network if first.version == 4 else IPv6Network
    bits = first._max_prefixlen
    low, high = first._ip, last._ip
    while low <= high:
        size = min(_trailing_zero_bits(low, bits), (high - low + 1).bit_length() - 1)
        yield network((low, bits - size))
        low += 1 << size
        if low - 1 == network._ALL_ONES:
            break


def _collapse(networks):
    # Sorted by address then by prefix, a network is either inside the last one kept or after it; a kept
    # network merges with its sibling half into their supernet for as long as it has one.
    kept = []
    for net in sorted(networks, key=lambda n: (n._ip_of_network, n._prefixlen)):
        if kept and net.broadcast_address._ip <= kept[-1].broadcast_address._ip:
            continue
        kept.append(net)
        while len(kept) > 1:
            upper, lower = kept[-1], kept[-2]
            if upper._prefixlen != lower._prefixlen or not upper._prefixlen:
                break
            parent = lower.supernet()
            if (
                parent.network_address._ip != lower._ip_of_network
                or parent.broadcast_address._ip != upper.broadcast_address._ip
            ):
                break
            kept[-2:] = [parent]
    yield from kept


def collapse_addresses(addresses):
    singles = []
    networks = []
    for item in addresses:
        if isinstance(item, _BaseAddress):
            if singles and singles[-1]._version != item._version:
                raise _not_same_version(item, singles[-1])
            singles.append(item)
        elif item._prefixlen == item._max_prefixlen:
            if singles and singles[-1]._version != item._version:
                raise _not_same_version(item, singles[-1])
            try:
                singles.append(item.ip)
            except AttributeError:
                singles.append(item.network_address)
        else:
            if networks and networks[-1]._version != item._version:
                raise _not_same_version(item, networks[-1])
            networks.append(item)
    if any(isinstance(single, _BaseInterface) for single in singles):
        singles = sorted(set(singles))
    else:
        singles = sorted(set(singles), key=lambda single: single._ip)
    ranges = []
    for address in singles:
        if ranges and ranges[-1][1]._ip + 1 == address._ip:
            ranges[-1][1] = address
        else:
            ranges.append([address, address])
    for first, last in ranges:
        networks.extend(summarize_address_range(first, last))
    return _collapse(networks)


def get_mixed_type_key(obj):
    if isinstance(obj, _BaseNetwork):
        return obj._get_networks_key()
    if isinstance(obj, _BaseAddress):
        return obj._get_address_key()
    return NotImplemented


def _check_octets(text, allowed, most, what):
    if text.strip(allowed):
        raise ValueError(f"Only {what} digits permitted in {text!r}")
    if len(text) > most:
        raise ValueError(f"At most {most} characters permitted in {text!r}")


_DECIMAL = "0123456789"
_HEX = "0123456789abcdefABCDEF"


def _v4_int_from_string(text):
    if not text:
        raise AddressValueError("Address cannot be empty")
    octets = text.split(".")
    if len(octets) != 4:
        raise AddressValueError(f"Expected 4 octets in {text!r}")
    value = 0
    try:
        for octet in octets:
            if not octet:
                raise ValueError("Empty octet not permitted")
            _check_octets(octet, _DECIMAL, 3, "decimal")
            if octet != "0" and octet[0] == "0":
                raise ValueError(f"Leading zeros are not permitted in {octet!r}")
            number = int(octet)
            if number > 255:
                raise ValueError(f"Octet {number} (> 255) not permitted")
            value = value << 8 | number
    except ValueError as error:
        raise AddressValueError(f"{error} in {text!r}") from None
    return value


def _v6_int_from_string(text):
    if not text:
        raise AddressValueError("Address cannot be empty")
    parts = text.split(":")
    if len(parts) < 3:
        raise AddressValueError(f"At least 3 parts expected in {text!r}")
    if "." in parts[-1]:
        try:
            tail = IPv4Address(parts.pop())._ip
        except AddressValueError as error:
            raise AddressValueError(f"{error} in {text!r}") from None
        parts.append("%x" % (tail >> 16))
        parts.append("%x" % (tail & 0xFFFF))
    if len(parts) > 9:
        raise AddressValueError(f"At most 8 colons permitted in {text!r}")
    gap = None
    for i in range(1, len(parts) - 1):
        if not parts[i]:
            if gap is not None:
                raise AddressValueError(f"At most one '::' permitted in {text!r}")
            gap = i
    if gap is not None:
        head, tail = gap, len(parts) - gap - 1
        if not parts[0]:
            head -= 1
            if head:
                raise AddressValueError(f"Leading ':' only permitted as part of '::' in {text!r}")
        if not parts[-1]:
            tail -= 1
            if tail:
                raise AddressValueError(f"Trailing ':' only permitted as part of '::' in {text!r}")
        skipped = 8 - head - tail
        if skipped < 1:
            raise AddressValueError(f"Expected at most 7 other parts with '::' in {text!r}")
    else:
        if len(parts) != 8:
            raise AddressValueError(f"Exactly 8 parts expected without '::' in {text!r}")
        if not parts[0]:
            raise AddressValueError(f"Leading ':' only permitted as part of '::' in {text!r}")
        if not parts[-1]:
            raise AddressValueError(f"Trailing ':' only permitted as part of '::' in {text!r}")
        head, tail, skipped = 8, 0, 0
    value = 0
    try:
        for part in parts[:head] + [None] * skipped + (parts[-tail:] if tail else []):
            value <<= 16
            if part is not None:
                _check_octets(part, _HEX, 4, "hex")
                value |= int(part, 16)
    except ValueError as error:
        raise AddressValueError(f"{error} in {text!r}") from None
    return value


def _v6_string_from_int(value):
    digits = f"{value:032x}"
    text = ":" + ":".join([digits[i : i + 4].lstrip("0") or "0" for i in range(0, 32, 4)]) + ":"
    # The longest run of two or more zero hextets (the first of equals) becomes "::" (RFC 5952).
    for run in range(8, 1, -1):
        at = text.find(":0" * run + ":")
        if at >= 0:
            text = text[:at] + "::" + text[at + 2 * run + 1 :]
            break
    if text[1] != ":":
        text = text[1:]
    if text[-2] != ":":
        text = text[:-1]
    return text


class _IPAddressBase:
    @property
    def version(self):
        return self._version

    @property
    def max_prefixlen(self):
        return self._max_prefixlen

    @property
    def compressed(self):
        return str(self)

    @property
    def exploded(self):
        return self._explode()

    @property
    def reverse_pointer(self):
        if self._version == 4:
            return ".".join(reversed(str(self).split("."))) + ".in-addr.arpa"
        return ".".join(self.exploded[::-1].replace(":", "")) + ".ip6.arpa"

    def __repr__(self):
        return f"{type(self).__name__}({str(self)!r})"

    def _defers_to(self, other):
        # CPython tries a subclass's reflected method first: an interface compared with a plain address.
        return isinstance(other, _BaseInterface) and not isinstance(self, _BaseInterface)

    def __ne__(self, other):
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    # Derived from __lt__ and __eq__ as functools.total_ordering derives them.
    def __gt__(self, other):
        if self._defers_to(other):
            return other.__lt__(self)
        less = self.__lt__(other)
        return less if less is NotImplemented else not less and self != other

    def __le__(self, other):
        if self._defers_to(other):
            return other.__ge__(self)
        less = self.__lt__(other)
        return less if less is NotImplemented else less or self == other

    def __ge__(self, other):
        if self._defers_to(other):
            return other.__le__(self)
        less = self.__lt__(other)
        return less if less is NotImplemented else not less

    @classmethod
    def _split_addr_prefix(cls, address):
        if isinstance(address, (bytes, int)):
            return address, cls._max_prefixlen
        if not isinstance(address, tuple):
            parts = str(address).split("/")
            if len(parts) > 2:
                raise AddressValueError(f"Only one '/' permitted in {address!r}")
            address = parts
        if len(address) > 1:
            addr, prefix = address
            return addr, prefix
        return address[0], cls._max_prefixlen

    @classmethod
    def _make_netmask(cls, arg):
        # Cached per version as CPython caches them: a mask once seen as 8 is found again as 8.0 or True.
        known = cls._NETMASKS.get(arg)
        if known is not None:
            return known
        if isinstance(arg, int):
            prefixlen = int(arg)
            if not 0 <= prefixlen <= cls._max_prefixlen:
                raise NetmaskValueError(f"{arg!r} is not a valid netmask")
        elif arg.isascii() and arg.isdigit():
            prefixlen = int(arg)
            if prefixlen > cls._max_prefixlen:
                raise NetmaskValueError(f"{arg!r} is not a valid netmask")
        elif cls._version == 6:
            raise NetmaskValueError(f"{arg!r} is not a valid netmask")
        else:
            try:
                mask = _v4_int_from_string(arg)
            except AddressValueError:
                raise NetmaskValueError(f"{arg!r} is not a valid netmask") from None
            prefixlen = _prefix_from_mask(mask, 32)
            if prefixlen is None:
                prefixlen = _prefix_from_mask(mask ^ 0xFFFFFFFF, 32)
                if prefixlen is None:
                    raise NetmaskValueError(f"{arg!r} is not a valid netmask")
        known = cls._address_class._from_int(cls._ALL_ONES ^ (cls._ALL_ONES >> prefixlen)), prefixlen
        cls._NETMASKS[arg] = known
        return known


def _prefix_from_mask(mask, bits):
    # A netmask is ones then zeros: its complement plus one is a power of two.
    hostbits = _trailing_zero_bits(mask, bits)
    if mask >> hostbits != (1 << bits - hostbits) - 1:
        return None
    return bits - hostbits


class _BaseAddress(_IPAddressBase):
    def __init__(self, address):
        bits = self._max_prefixlen
        if isinstance(address, int):
            if address < 0:
                raise AddressValueError(f"{address} (< 0) is not permitted as an IPv{self._version} address")
            if address > self._ALL_ONES:
                raise AddressValueError(
                    f"{address} (>= 2**{bits}) is not permitted as an IPv{self._version} address"
                )
            self._ip = address
            return
        if isinstance(address, bytes):
            if len(address) != bits // 8:
                raise AddressValueError(
                    f"{address!r} (len {len(address)} != {bits // 8}) is not permitted as an IPv{self._version} address"
                )
            self._ip = int.from_bytes(address, "big")
            return
        text = str(address)
        if "/" in text:
            raise AddressValueError(f"Unexpected '/' in {address!r}")
        self._ip = self._parse(text)

    def __int__(self):
        return self._ip

    @classmethod
    def _from_int(cls, value):
        # For values known to be in range: skips __init__'s checks (hosts() of a /16 is 65,534 of them).
        address = object.__new__(cls)
        address._ip = value
        return address

    @property
    def packed(self):
        return self._ip.to_bytes(self._max_prefixlen // 8, "big")

    def __eq__(self, other):
        if self._defers_to(other):
            return other.__eq__(self)
        try:
            return self._ip == other._ip and self._version == other._version
        except AttributeError:
            return NotImplemented

    def __lt__(self, other):
        if not isinstance(other, _BaseAddress):
            return NotImplemented
        if self._defers_to(other):
            return other.__gt__(self)
        if self._version != other._version:
            raise _not_same_version(self, other)
        return self._ip < other._ip

    def __hash__(self):
        return hash(self._ip)

    def __add__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return self.__class__(int(self) + other)

    def __sub__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return self.__class__(int(self) - other)

    def __format__(self, fmt):
        if not fmt or fmt[-1] == "s":
            return format(str(self), fmt)
        if fmt[:-1] not in ("", "#", "_", "#_") or fmt[-1] not in "xbnX":
            raise TypeError(f"unsupported format string passed to {type(self).__name__}.__format__")
        base = fmt[-1]
        if base == "n":
            base = "b" if self._version == 4 else "x"
        width = self._max_prefixlen if base == "b" else self._max_prefixlen // 4
        if "_" in fmt:
            width += width // 4 - 1
        if "#" in fmt:
            width += 2
        return format(int(self), f"{fmt[:-1].replace('_', '')}0{width}{'_' if '_' in fmt else ''}{base}")

    def _get_address_key(self):
        return (self._version, self)

    def _in_table(self, table):
        for network, prefixlen in table:
            if self._ip >> (self._max_prefixlen - prefixlen) == network >> (self._max_prefixlen - prefixlen):
                return True
        return False


class _BaseNetwork(_IPAddressBase):
    def __init__(self, address, strict=True):
        addr, mask = self._split_addr_prefix(address)
        self.network_address = self._address_class(addr)
        self.netmask, self._prefixlen = self._make_netmask(mask)
        value = self.network_address._ip
        if value & self.netmask._ip != value:
            if strict:
                raise ValueError(f"{self} has host bits set")
            self.network_address = self._address_class(value & self.netmask._ip)

    @property
    def _ip_of_network(self):
        return self.network_address._ip

    @property
    def prefixlen(self):
        return self._prefixlen

    @property
    def hostmask(self):
        return self._address_class._from_int(self.netmask._ip ^ self._ALL_ONES)

    @property
    def broadcast_address(self):
        return self._address_class._from_int(self.network_address._ip | self.netmask._ip ^ self._ALL_ONES)

    @property
    def num_addresses(self):
        return 1 << (self._max_prefixlen - self._prefixlen)

    @property
    def with_prefixlen(self):
        return f"{self.network_address}/{self._prefixlen}"

    @property
    def with_netmask(self):
        return f"{self.network_address}/{self.netmask}"

    @property
    def with_hostmask(self):
        return f"{self.network_address}/{self.hostmask}"

    def __str__(self):
        return f"{self.network_address}/{self._prefixlen}"

    def __format__(self, fmt):
        if fmt:
            raise TypeError(f"unsupported format string passed to {type(self).__name__}.__format__")
        return str(self)

    def _explode(self):
        if self._version == 4:
            return str(self)
        return f"{self.network_address._explode()}/{self._prefixlen}"

    def _range(self, first, last):
        make = self._address_class._from_int
        while first <= last:
            yield make(first)
            first += 1

    def __iter__(self):
        return self._range(self.network_address._ip, self.broadcast_address._ip)

    def hosts(self):
        low, high = self.network_address._ip, self.broadcast_address._ip
        if self._prefixlen == self._max_prefixlen:
            return [self._address_class(low)]
        if self._prefixlen == self._max_prefixlen - 1:
            return self._range(low, high)
        return self._range(low + 1, high - 1 if self._version == 4 else high)

    def __getitem__(self, n):
        low, high = self.network_address._ip, self.broadcast_address._ip
        if n >= 0:
            if low + n > high:
                raise IndexError("address out of range")
            return self._address_class(low + n)
        if high + n + 1 < low:
            raise IndexError("address out of range")
        return self._address_class(high + n + 1)

    def __contains__(self, other):
        if self._version != other._version:
            return False
        if isinstance(other, _BaseNetwork):
            return False
        return other._ip & self.netmask._ip == self.network_address._ip

    def __eq__(self, other):
        try:
            return (
                self._version == other._version
                and self.network_address == other.network_address
                and self.netmask._ip == int(other.netmask)
            )
        except AttributeError:
            return NotImplemented

    def __lt__(self, other):
        if not isinstance(other, _BaseNetwork):
            return NotImplemented
        if self._version != other._version:
            raise _not_same_version(self, other)
        if self.network_address != other.network_address:
            return self.network_address < other.network_address
        if self.netmask != other.netmask:
            return self.netmask < other.netmask
        return False

    def __hash__(self):
        return hash(self.network_address._ip ^ self.netmask._ip)

    def overlaps(self, other):
        return (
            other.network_address in self
            or other.broadcast_address in self
            or self.network_address in other
            or self.broadcast_address in other
        )

    def address_exclude(self, other):
        if self._version != other._version:
            raise _not_same_version(self, other)
        if not isinstance(other, _BaseNetwork):
            raise TypeError(f"{other} is not a network object")
        if not other.subnet_of(self):
            raise ValueError(f"{other} not contained in {self}")
        if other == self:
            return
        other = other.__class__(f"{other.network_address}/{other.prefixlen}")
        low, high = self.subnets()
        while low != other and high != other:
            if other.subnet_of(low):
                yield high
                low, high = low.subnets()
            elif other.subnet_of(high):
                yield low
                low, high = high.subnets()
            else:
                raise AssertionError(f"Error performing exclusion: s1: {low} s2: {high} other: {other}")
        yield high if low == other else low

    def compare_networks(self, other):
        if self._version != other._version:
            raise TypeError(f"{self} and {other} are not of the same type")
        for mine, theirs in ((self.network_address, other.network_address), (self.netmask, other.netmask)):
            if mine < theirs:
                return -1
            if mine > theirs:
                return 1
        return 0

    def _get_networks_key(self):
        return (self._version, self.network_address, self.netmask)

    def subnets(self, prefixlen_diff=1, new_prefix=None):
        if self._prefixlen == self._max_prefixlen:
            yield self
            return
        if new_prefix is not None:
            if new_prefix < self._prefixlen:
                raise ValueError("new prefix must be longer")
            if prefixlen_diff != 1:
                raise ValueError("cannot set prefixlen_diff and new_prefix")
            prefixlen_diff = new_prefix - self._prefixlen
        if prefixlen_diff < 0:
            raise ValueError("prefix length diff must be > 0")
        new_prefixlen = self._prefixlen + prefixlen_diff
        if new_prefixlen > self._max_prefixlen:
            raise ValueError(f"prefix length diff {new_prefixlen} is invalid for netblock {self}")
        start = self.network_address._ip
        end = self.broadcast_address._ip
        step = 1 << (self._max_prefixlen - new_prefixlen)
        while start <= end:
            yield self.__class__((start, new_prefixlen))
            start += step

    def supernet(self, prefixlen_diff=1, new_prefix=None):
        if self._prefixlen == 0:
            return self
        if new_prefix is not None:
            if new_prefix > self._prefixlen:
                raise ValueError("new prefix must be shorter")
            if prefixlen_diff != 1:
                raise ValueError("cannot set prefixlen_diff and new_prefix")
            prefixlen_diff = self._prefixlen - new_prefix
        new_prefixlen = self._prefixlen - prefixlen_diff
        if new_prefixlen < 0:
            raise ValueError(
                f"current prefixlen is {self._prefixlen}, cannot have a prefixlen_diff of {prefixlen_diff}"
            )
        return self.__class__(
            (self.network_address._ip & (self.netmask._ip << prefixlen_diff), new_prefixlen)
        )

    @staticmethod
    def _is_subnet_of(a, b):
        try:
            if a._version != b._version:
                raise TypeError(f"{a} and {b} are not of the same version")
            return b.network_address <= a.network_address and b.broadcast_address >= a.broadcast_address
        except AttributeError:
            raise TypeError(f"Unable to test subnet containment between {a} and {b}")

    def subnet_of(self, other):
        return self._is_subnet_of(self, other)

    def supernet_of(self, other):
        return self._is_subnet_of(other, self)

    @property
    def is_private(self):
        low, high = self.network_address, self.broadcast_address
        for entry in self._address_class._PRIVATE:
            if low._in_table((entry,)) and high._in_table((entry,)):
                return True
        return False

    @property
    def is_global(self):
        return not self.is_private


class _BaseInterface:
    # Shared by IPv4Interface and IPv6Interface, placed before their address class.
    def __init__(self, address):
        addr, mask = self._split_addr_prefix(address)
        self._address_class.__init__(self, addr)
        self.network = self._network_class((addr, mask), strict=False)
        self.netmask = self.network.netmask
        self._prefixlen = self.network._prefixlen

    @property
    def hostmask(self):
        return self.network.hostmask

    @property
    def ip(self):
        return self._address_class(self._ip)

    def __str__(self):
        return f"{self._address_class.__str__(self)}/{self._prefixlen}"

    def _explode(self):
        if self._version == 4:
            return str(self)
        return f"{self.ip._explode()}/{self._prefixlen}"

    def __eq__(self, other):
        equal = self._address_class.__eq__(self, other)
        if equal is NotImplemented or not equal:
            return equal
        try:
            return self.network == other.network
        except AttributeError:
            return False

    def __lt__(self, other):
        less = self._address_class.__lt__(self, other)
        if less is NotImplemented:
            return NotImplemented
        try:
            return self.network < other.network or self.network == other.network and less
        except AttributeError:
            # An address without a network sorts before every interface.
            return False

    def __hash__(self):
        return hash((self._ip, self._prefixlen, self.network.network_address._ip))

    @property
    def with_prefixlen(self):
        return f"{self._string(self._ip)}/{self._prefixlen}"

    @property
    def with_netmask(self):
        return f"{self._string(self._ip)}/{self.netmask}"

    @property
    def with_hostmask(self):
        return f"{self._string(self._ip)}/{self.hostmask}"


def _table(version, *entries):
    parse = _v4_int_from_string if version == 4 else _v6_int_from_string
    return tuple((parse(text), int(prefixlen)) for text, prefixlen in (entry.split("/") for entry in entries))


class IPv4Address(_BaseAddress):
    _version = 4
    _max_prefixlen = IPV4LENGTH
    _ALL_ONES = (1 << IPV4LENGTH) - 1
    _parse = staticmethod(_v4_int_from_string)
    _PRIVATE = _table(
        4,
        "0.0.0.0/8",
        "10.0.0.0/8",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.0.0.0/29",
        "192.0.0.170/31",
        "192.0.2.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "240.0.0.0/4",
        "255.255.255.255/32",
    )

    @staticmethod
    def _string(value):
        return f"{value >> 24}.{value >> 16 & 255}.{value >> 8 & 255}.{value & 255}"

    def __str__(self):
        return self._string(self._ip)

    def _explode(self):
        return str(self)

    @property
    def is_private(self):
        return self._in_table(self._PRIVATE)

    @property
    def is_global(self):
        return not self._in_table(((0x64400000, 10),)) and not self.is_private

    @property
    def is_reserved(self):
        return self._in_table(((0xF0000000, 4),))

    @property
    def is_multicast(self):
        return self._in_table(((0xE0000000, 4),))

    @property
    def is_unspecified(self):
        return self == IPv4Address(0)

    @property
    def is_loopback(self):
        return self._in_table(((0x7F000000, 8),))

    @property
    def is_link_local(self):
        return self._in_table(((0xA9FE0000, 16),))


class IPv6Address(_BaseAddress):
    _version = 6
    _max_prefixlen = IPV6LENGTH
    _ALL_ONES = (1 << IPV6LENGTH) - 1
    _parse = staticmethod(_v6_int_from_string)
    _string = staticmethod(_v6_string_from_int)
    _scope_id = None
    _PRIVATE = _table(
        6,
        "::1/128",
        "::/128",
        "::ffff:0:0/96",
        "100::/64",
        "2001::/23",
        "2001:2::/48",
        "2001:db8::/32",
        "2001:10::/28",
        "fc00::/7",
        "fe80::/10",
    )
    _RESERVED = _table(
        6,
        "::/8",
        "100::/8",
        "200::/7",
        "400::/6",
        "800::/5",
        "1000::/4",
        "4000::/3",
        "6000::/3",
        "8000::/3",
        "a000::/3",
        "c000::/3",
        "e000::/4",
        "f000::/5",
        "f800::/6",
        "fe00::/9",
    )

    def __init__(self, address):
        self._scope_id = None
        if isinstance(address, (int, bytes)):
            _BaseAddress.__init__(self, address)
            return
        text = str(address)
        if "/" in text:
            raise AddressValueError(f"Unexpected '/' in {address!r}")
        text, percent, scope = text.partition("%")
        if percent:
            if not scope or "%" in scope:
                raise AddressValueError(f'Invalid IPv6 address: "{text + percent + scope!r}"')
            self._scope_id = scope
        self._ip = _v6_int_from_string(text)

    def __str__(self):
        text = _v6_string_from_int(self._ip)
        return text if self._scope_id is None else f"{text}%{self._scope_id}"

    def _explode(self):
        value = _v6_int_from_string(str(self))
        return ":".join("%04x" % (value >> shift & 0xFFFF) for shift in range(112, -1, -16))

    def __eq__(self, other):
        equal = _BaseAddress.__eq__(self, other)
        if equal is NotImplemented or not equal:
            return equal
        return self._scope_id == getattr(other, "_scope_id", None)

    def __hash__(self):
        return hash(self._ip) if self._scope_id is None else hash((self._ip, self._scope_id))

    @property
    def scope_id(self):
        return self._scope_id

    @property
    def is_multicast(self):
        return self._in_table(((0xFF << 120, 8),))

    @property
    def is_reserved(self):
        return self._in_table(self._RESERVED)

    @property
    def is_link_local(self):
        return self._in_table(((0xFE80 << 112, 10),))

    @property
    def is_site_local(self):
        return self._in_table(((0xFEC0 << 112, 10),))

    @property
    def is_private(self):
        mapped = self.ipv4_mapped
        if mapped is not None:
            return mapped.is_private
        return self._in_table(self._PRIVATE)

    @property
    def is_global(self):
        return not self.is_private

    @property
    def is_unspecified(self):
        return self._ip == 0

    @property
    def is_loopback(self):
        return self._ip == 1

    @property
    def ipv4_mapped(self):
        if self._ip >> 32 != 0xFFFF:
            return None
        return IPv4Address(self._ip & 0xFFFFFFFF)

    @property
    def teredo(self):
        if self._ip >> 96 != 0x20010000:
            return None
        return IPv4Address(self._ip >> 64 & 0xFFFFFFFF), IPv4Address(~self._ip & 0xFFFFFFFF)

    @property
    def sixtofour(self):
        if self._ip >> 112 != 0x2002:
            return None
        return IPv4Address(self._ip >> 80 & 0xFFFFFFFF)


class IPv4Network(_BaseNetwork):
    _version = 4
    _max_prefixlen = IPV4LENGTH
    _ALL_ONES = IPv4Address._ALL_ONES
    _address_class = IPv4Address

    @property
    def is_global(self):
        shared = ((0x64400000, 10),)
        return (
            not (self.network_address._in_table(shared) and self.broadcast_address._in_table(shared))
            and not self.is_private
        )


class IPv6Network(_BaseNetwork):
    _version = 6
    _max_prefixlen = IPV6LENGTH
    _ALL_ONES = IPv6Address._ALL_ONES
    _address_class = IPv6Address


# One netmask cache per version, shared by networks and interfaces (see _make_netmask).
IPv4Network._NETMASKS = {}
IPv6Network._NETMASKS = {}


def _both_ends(name):
    # A network has an address property when its first and last addresses both have it.
    return property(
        lambda self: getattr(self.network_address, name) and getattr(self.broadcast_address, name)
    )


for _name in ("is_multicast", "is_reserved", "is_link_local", "is_unspecified", "is_loopback"):
    setattr(_BaseNetwork, _name, _both_ends(_name))
del _name
IPv6Network.is_site_local = _both_ends("is_site_local")


class IPv4Interface(_BaseInterface, IPv4Address):
    _address_class = IPv4Address
    _network_class = IPv4Network


class IPv6Interface(_BaseInterface, IPv6Address):
    _address_class = IPv6Address
    _network_class = IPv6Network

    @property
    def is_unspecified(self):
        return self._ip == 0 and self.network.is_unspecified

    @property
    def is_loopback(self):
        return self._ip == 1 and self.network.is_loopback
