"""Standard-library fidelity (issue 15): grids of inputs through the frozen modules of
micropython-build/modules/ (json, random, hashlib, hmac, collections, heapq, string, html, fnmatch,
shlex, graphlib, pprint, difflib, calendar, time, logging, traceback, types, pathlib, asyncio, warnings,
sys._getframe). Each snippet runs in a fresh sandbox and in this CPython; the printed output must be the
same, byte for byte.
The snippets generate their inputs with `random` seeded, which is itself one of the modules under test
(CPython's Mersenne Twister), so both sides see the same inputs."""

import re
import subprocess
import sys

import fidelity
import pytest

from datasette_micropython import Sandbox

# `show(f, *args)` prints repr(f(*args)), or the exception's type name and message; `kind` only the
# exception's type name (for errors whose message comes from the interpreter, not the module under test);
# `approx(x)` the first 13 characters of a float's repr (see random_seeds_all_functions).
PRELUDE = (
    fidelity.SHOW
    + """
def kind(f, *args, **kwargs):
    try:
        print(repr(f(*args, **kwargs)))
    except Exception as e:
        print(type(e).__name__)
def approx(x):
    return repr(x)[:13]
"""
)

CASES = {
    "json_dumps_grid": r"""
import json, math
values = [None, True, False, 0, -1, 2**70, -2**65, 0.0, -0.0, 1.5, 1e16, 1e-7, 123456.789, 1/3, math.pi,
          float('nan'), float('inf'), -float('inf'), '', 'plain', 'quote " back \\ slash /', 'ctl \x00\x1f\x7f\t\n\r\b\f',
          'é ü ß', '日本語', '😀 \U0001f680', '\u2028\u2029', [], {}, [1, [2, [3, []]]], (1, 2), ((),),
          {'b': 1, 'a': [1, 2, {'c': None}]}, {1: 'int', 2.5: 'float', True: 't', False: 'f', None: 'n'},
          {'nested': {'deep': {'x': [1.0, 2.25, {'y': 'é'}]}}}, [{'id': i, 'v': i / 7} for i in range(3)]]
options = [{}, {'indent': 2}, {'indent': 0}, {'indent': '\t'}, {'indent': -1}, {'sort_keys': True},
           {'separators': (',', ':')}, {'separators': (' , ', ' : '), 'indent': 1}, {'ensure_ascii': False},
           {'allow_nan': False}, {'indent': 4, 'sort_keys': True, 'ensure_ascii': False}]
for v in values:
    for o in options:
        kind(json.dumps, v, **o) if o.get('sort_keys') else show(json.dumps, v, **o)
show(json.dumps, {(1, 2): 'x'})
show(json.dumps, {(1, 2): 'x', 'k': 1}, skipkeys=True)
kind(json.dumps, {1: 'a', 'b': 2}, sort_keys=True)
show(json.dumps, object())
show(json.dumps, {1, 2})
show(json.dumps, b'bytes')
show(json.dumps, [1, 2j])
a = []; a.append(a)
show(json.dumps, a)
d = {}; d['self'] = d
show(json.dumps, d)
show(json.dumps, {'x': float('nan')}, allow_nan=False)
show(json.dumps, [1, {2, 3}], default=sorted)
show(json.dumps, [1, {2, 3}], default=lambda o: {'set': sorted(o)}, indent=1)
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Point):
            return {'x': o.x, 'y': o.y}
        return super().default(o)
show(json.dumps, [Point(1, 2), {'p': Point(3.5, -1)}], cls=Enc)
show(Enc(sort_keys=True, indent=2).encode, {'b': Point(0, 0), 'a': 1})
show(lambda: list(Enc().iterencode({'a': [1, Point(1, 1)]})) and ''.join(Enc().iterencode({'a': [1, Point(1, 1)]})))
show(json.dumps, Point(1, 2), cls=Enc, default=lambda o: 'default wins')
class MyDict(dict):
    pass
class MyList(list):
    pass
class MyInt(int):
    def __repr__(self):
        return 'MyInt!'
show(json.dumps, MyDict(a=MyList([1, MyInt(5), 2.5])))
show(json.dumps, {'k': MyInt(3)}, indent=2)
show(json.dumps, 'x', indent=3)
show(json.JSONEncoder().encode, 'é\n')
show(json.JSONEncoder(ensure_ascii=False).encode, 'é\n')
kind(json.dumps, [1, 2], separators=(',',))
""",
    "json_loads_grid": r"""
import json
docs = ['0', '-0', '-0.0', '1e5', '1E+2', '1.5e-3', '12345678901234567890', '0.1', '[1, 2.0, "x", null, true, false]',
        '{"a": {"b": [1, {"c": null}]}}', ' \t\n{"k" : "v" }\r\n', '"\\u00e9\\ud83d\\ude00\\n\\t\\"\\\\\\/"',
        '[NaN, Infinity, -Infinity]', '{"a": 1, "a": 2}', '[]', '{}',
        '"é日本"', '[[[[[]]]]]', '1.7976931348623157e308', '5e-324', '2e308', '-',
        '', ' ', '[', ']', '{', '}', '[1,]', '[1 2]', '{"a":1,}', '{"a" 1}', '{"a":}', '{a:1}', "{'a':1}", '[1,,2]',
        'nul', 'tru', 'True', 'None', 'nan', '01', '1.', '.5', '-a', '1e', '1e+', '+1', '"abc', '"a\\x"', '"a\\u12"',
        '"a\\u12zz"', '"tab\there"', '"nl\nhere"', '[1] [2]', '{"a": 1} x', '"\\', '[\n1,\n2\n,\n]', '{"x": [1, 2}',
        '[1, 2, 3', '{"a": [', '"\\ud83d\\u', 'Infinit', '-Infinity1', '[-]', '[1e5e5]', '[0x10]',
        '{"a":1 "b":2}', '{"a":1,"b"}', '[true false]', '"\x7f"', '{"\\u0000": 0}']
for doc in docs:
    try:
        print(repr(doc), '->', repr(json.loads(doc)))
    except json.JSONDecodeError as e:
        print(repr(doc), 'JSONDecodeError', repr(e.msg), e.pos, e.lineno, e.colno, '|', e, isinstance(e, ValueError), e.doc == doc)
    except Exception as e:
        print(repr(doc), type(e).__name__, e)
for doc in ['[1, 2.5, {"k": 3}]', '{"a": {"b": 1.25}, "c": [1e2, 7]}']:
    print(json.loads(doc, parse_float=str), json.loads(doc, parse_int=float), json.loads(doc, object_pairs_hook=list))
    print(json.loads(doc, object_hook=lambda d: sorted(d.items())))
    print(json.loads('[NaN, 1]', parse_constant=lambda c: 'C' + c))
print(json.loads(b'{"bytes": "\xc3\xa9"}'), json.loads(bytearray(b'[1]')), json.loads('{"a": "\x01"}', strict=False))
print(json.loads('[1]'.encode('utf-16')), json.loads('[2]'.encode('utf-8-sig')))
show(json.loads, 5)
show(json.loads, '"\x01"')
d = json.JSONDecoder()
print(d.raw_decode('{"a": 1} trailing'), d.raw_decode('  [1]', 2), d.decode('  {"x": []}  '))
show(d.raw_decode, ' [1]')
show(d.decode, '[1] [2]')
deep = '[' * 50 + ']' * 50
print(len(repr(json.loads(deep))))
""",
    "json_dump_load_files": r"""
import io, json
rows = [{'id': i, 'name': 'row %d' % i, 'ok': i % 2 == 0, 'score': i * 0.25} for i in range(20)]
buf = io.StringIO()
json.dump(rows, buf, indent=2, sort_keys=True)
text = buf.getvalue()
print(text[:200])
buf.seek(0)
print(json.load(buf) == rows)
print(json.load(io.StringIO('{"a": [1, 2.5]}'), parse_float=str))
big = [{'id': i, 'label': 'item-%d' % i, 'price': i * 1.25, 'tags': ['a', 'b'], 'none': None} for i in range(2000)]
s = json.dumps(big)
print(len(s), json.loads(s) == big, s[:120])
s2 = json.dumps(big, indent=1)
print(len(s2), json.loads(s2) == big)
""",
    "random_seeds_all_functions": r"""
import random
seeds = [0, 1, 42, 12345, 2**32 - 1, 2**32, 2**64 + 17, -5, 'hello', '', 'é unicode', b'bytes', bytearray(b'ba')]
pop = list(range(30))
for seed in seeds:
    random.seed(seed)
    print(repr(seed), random.random(), random.random())
    print(' ints', random.randint(1, 6), random.randint(-10**12, 10**12), random.randrange(100), random.randrange(0, 100, 7),
          random.randrange(10, -10, -3), random.randrange(2**70), random.getrandbits(1), random.getrandbits(31),
          random.getrandbits(32), random.getrandbits(33), random.getrandbits(100), random.getrandbits(0))
    print(' seq', random.choice('abcdefg'), random.choice(pop), random.sample(pop, 5), random.sample(range(10**9), 3),
          random.sample(pop, 25)[:4], random.sample(['x', 'y'], k=4, counts=[3, 2]))
    deck = list(range(20))
    random.shuffle(deck)
    print(' shuffle', deck)
    print(' choices', random.choices('abc', k=5), random.choices('abc', weights=[1, 5, 10], k=5),
          random.choices(range(5), cum_weights=[1, 2, 3, 4, 10], k=4), random.choices([1, 2], k=0))
    print(' real', random.uniform(-3, 7), random.triangular(), random.triangular(0, 10, 2), random.triangular(5, 5))
    # gauss and vonmisesvariate call sin/cos/acos, which can differ from glibc's in the last bit
    # (docs/cpython-differences.md; the other distributions are exact: random_distributions_long_runs)
    values = [random.gauss(), random.gauss(10, 2), random.gauss(0, 1), random.normalvariate(), random.normalvariate(100, 15),
              random.lognormvariate(0, 0.5), random.expovariate(2.5), random.betavariate(2, 5), random.betavariate(0.5, 0.5),
              random.gammavariate(0.5, 2), random.gammavariate(1.0, 3), random.gammavariate(7.5, 1),
              random.vonmisesvariate(1, 4), random.vonmisesvariate(0, 0), random.paretovariate(3), random.weibullvariate(1, 1.5)]
    print(' dists', [approx(v) for v in values])
    print(' bytes', random.randbytes(5))
r = random.Random(7)
state = r.getstate()
a = [r.random() for _ in range(5)] + [r.gauss() for _ in range(3)]
r.setstate(state)
b = [r.random() for _ in range(5)] + [r.gauss() for _ in range(3)]
print(a == b, a[:2], state[0], len(state[1]), state[1][-1], state[2])
r2 = random.Random()
r2.setstate(r.getstate())
print(r2.random() == r.random())
random.seed(3)
big = [random.random() for _ in range(3000)]
print(sum(big), big[-1], random.getrandbits(64))
for bad in [lambda: random.randrange(0), lambda: random.randrange(5, 5), lambda: random.randrange(1, 10, 0),
            lambda: random.choice([]), lambda: random.sample(range(3), 4), lambda: random.sample({1, 2}, 1),
            lambda: random.choices('ab', [1, 2], cum_weights=[1, 2]), lambda: random.choices('ab', weights=[1]),
            lambda: random.getrandbits(-1), lambda: random.gammavariate(0, 1), lambda: random.choices('ab', [0, 0])]:
    show(bad)
sr = random.SystemRandom()
x = sr.random()
print(0 <= x < 1, 0 <= sr.randint(1, 6) - 1 < 6, len(sr.randbytes(4)), sr.getrandbits(8) < 256)
show(sr.getstate)
random.seed()
print(0 <= random.random() < 1)
""",
    "random_distributions_long_runs": r"""
# Every real-valued distribution, long runs from several seeds, to the last bit: exp, log and pow are
# glibc's (micropython-build/musl-patches/). gauss and vonmisesvariate call sin/cos/acos, which are not
# (docs/cpython-differences.md): theirs are compared to 13 characters.
import math
import random
for seed in [0, 42, 2024, 'run', 10**20]:
    r = random.Random(seed)
    exact = []
    for i in range(400):
        exact += [r.normalvariate(), r.normalvariate(50, 12), r.lognormvariate(0, 0.5), r.lognormvariate(3, 2),
                  r.expovariate(1.5), r.expovariate(0.01), r.gammavariate(0.3, 1), r.gammavariate(1.0, 2),
                  r.gammavariate(2.5, 1.5), r.gammavariate(40, 0.1), r.betavariate(2, 5), r.betavariate(0.5, 0.5),
                  r.paretovariate(2.5), r.paretovariate(0.7), r.weibullvariate(1.0, 1.5), r.weibullvariate(3, 0.4),
                  r.triangular(0, 10, 3), r.uniform(-1, 1)]
    print(repr(seed), len(exact), math.fsum(exact).hex())
    for k in range(0, len(exact), 97):
        print(' ', exact[k].hex(), exact[k])
    print(' sum', sum(exact).hex(), max(exact).hex(), min(exact).hex())
    close = [r.gauss(), r.gauss(5, 2), r.vonmisesvariate(1, 4), r.vonmisesvariate(3, 0.5)]
    print(' close', [approx(v) for v in close])
rng = random.Random(5)
xs = [rng.uniform(-700, 700) for _ in range(3000)] + [rng.random() * 2 - 1 for _ in range(3000)]
print('exp', sum(1 for x in xs if math.exp(x).hex() != (math.e ** x).hex()), [math.exp(x).hex() for x in xs[::300]])
ys = [rng.random() for _ in range(3000)] + [rng.uniform(0.9, 1.1) for _ in range(3000)] + [rng.uniform(1, 1e300) for _ in range(500)]
print('log', [math.log(y).hex() for y in ys[::300]], math.fsum(math.log(y) for y in ys).hex())
print('pow', [(y ** (1 / (k % 7 + 0.5))).hex() for k, y in enumerate(ys[::200])], math.fsum(y ** 0.25 for y in ys).hex())
print(math.pow(2, 0.5).hex(), (10 ** -3.5).hex(), math.log(10, 2).hex(), math.exp(1).hex(), math.log(0.5).hex())
""",
    "hashlib_hmac": r"""
import hashlib, hmac
names = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']
lengths = [0, 1, 3, 55, 56, 57, 63, 64, 65, 111, 112, 113, 127, 128, 129, 200, 1000, 4097]
for name in names:
    for n in lengths:
        data = bytes((i * 7 + n) % 256 for i in range(n))
        h = hashlib.new(name, data)
        print(name, n, h.hexdigest())
    h = getattr(hashlib, name)(b'abc')
    c = h.copy()
    d1 = h.digest()
    h.update(b'def')
    print(name, h.name, h.digest_size, h.block_size, d1.hex(), h.hexdigest(), c.hexdigest(), h.hexdigest() == h.hexdigest())
    pieces = getattr(hashlib, name)()
    for i in range(50):
        pieces.update(b'x' * i)
    print(name, pieces.hexdigest() == hashlib.new(name.upper(), b''.join(b'x' * i for i in range(50))).hexdigest())
print(hashlib.sha256(memoryview(b'view')).hexdigest(), hashlib.md5(bytearray(b'ba'), usedforsecurity=False).hexdigest())
show(hashlib.new, 'nope')
show(hashlib.sha256, 'text')
show(lambda: hashlib.md5().update(5))
print(sorted(hashlib.algorithms_guaranteed & {'md5', 'sha1', 'sha256'}))
for key in [b'', b'k', b'key' * 30, bytes(range(64)), bytes(range(65)), bytes(range(200))]:
    for mod in ['md5', 'sha1', 'sha256', 'sha512', hashlib.sha384]:
        m = hmac.new(key, b'message', mod)
        print(m.name, m.digest_size, m.block_size, m.hexdigest())
m = hmac.new(b'k', digestmod='sha256')
m.update(b'part1')
c = m.copy()
m.update(b'part2')
print(m.hexdigest(), c.hexdigest(), hmac.digest(b'k', b'part1part2', 'sha256').hex())
print(hmac.compare_digest('abc', 'abc'), hmac.compare_digest(b'abc', b'abd'), hmac.compare_digest(b'a', b'ab'))
show(hmac.compare_digest, 'a', b'a')
show(hmac.compare_digest, 'é', 'é')
show(hmac.new, b'k', b'm')
show(hmac.new, 'str key', b'm', 'sha256')
print(hashlib.pbkdf2_hmac('sha256', b'password', b'salt', 100).hex(), hashlib.pbkdf2_hmac('sha1', b'pw', b'NaCl', 3, dklen=50).hex())
""",
    "collections_grid": r"""
from collections import Counter, OrderedDict, defaultdict, deque, namedtuple, ChainMap, UserDict, UserList, UserString
c = Counter('abracadabra')
print(c, repr(c), c.most_common(2), c.total(), sorted(c.elements()), Counter(), repr(Counter()))
print(*((c + Counter('aab'), c - Counter('aaaaaz'), c | Counter(z=3), c & Counter('aab'), -Counter(a=-2, b=3), +Counter(a=-2, b=3))))
print([c], {'k': c}, Counter({'x': 2.5, 'y': 1}))
dd = defaultdict(list)
dd['a'].append(1)
dd['b']
print(dd, repr(dd), [dd], defaultdict(int, {'z': 0}), repr(defaultdict(None)))
od = OrderedDict([('a', 1), ('b', 2), ('c', 3)])
print(od, repr(od), repr(OrderedDict()), [od])
od.move_to_end('a')
od.move_to_end('c', last=False)
print(od, od.popitem(), od.popitem(last=False), od)
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == dict(b=2, a=1), OrderedDict.fromkeys('xy', 0))
o2 = OrderedDict(x=1); o3 = o2.copy(); o3['y'] = 2
print(o2, o3, type(o3).__name__, list(reversed(o3)), o3 | {'z': 3})
show(od.move_to_end, 'missing')
show(OrderedDict().popitem)
d = deque([1, 2, 3], maxlen=5)
d.extend([4, 5, 6])
d.appendleft(0)
print(d, d.maxlen, d[0], d[-1], list(reversed(d)), d.count(4))
d.rotate(2); print(d); d.rotate(-3); print(d)
d2 = deque('abc'); d2.extendleft('xy'); d2.insert(1, 'i'); d2.remove('a'); print(d2, d2.index('b'), d2.pop(), d2.popleft(), d2)
show(deque().pop)
show(d2.remove, 'zz')
P = namedtuple('P', 'x y z', defaults=[0, 1])
print(P(5), P(5, 6, 7), P._fields, P._field_defaults, P(1)._asdict(), P(1)._replace(z=9), P._make([1, 2, 3]))
R = namedtuple('R', ['a', 'def', 'a', '1x'], rename=True)
print(R._fields, R(1, 2, 3, 4))
kind(P)
kind(P, 1, 2, 3, 4)
show(namedtuple, 'Bad', 'x x')
show(namedtuple, 'Bad', ['_x'])
cm = ChainMap({'a': 1}, {'a': 2, 'b': 3})
print(cm['a'], cm['b'], len(cm), sorted(cm), cm.new_child({'c': 4})['c'], cm.parents, dict(cm))
ud = UserDict(a=1); ud['b'] = 2
print(ud, len(ud), 'a' in ud, ud.get('z', 0), dict(ud))
ul = UserList([3, 1, 2]); ul.sort(); ul.append(9)
print(ul, ul[1:], ul + [0], len(ul), ul == [1, 2, 3, 9])
us = UserString('Hello')
print(us.upper(), us.lower() + '!', us[1:3], len(us), us == 'Hello', us.split('l'), '-'.join(['a', 'b']) + us.data)
""",
    "heapq_bisect": r"""
import heapq, bisect, random
random.seed(11)
for trial in range(30):
    data = [random.randint(0, 50) for _ in range(random.randint(0, 25))]
    h = list(data)
    heapq.heapify(h)
    snapshot = list(h)
    heapq.heappush(h, 25)
    a = heapq.heappushpop(h, random.randint(0, 60))
    b = heapq.heapreplace(h, random.randint(0, 60)) if h else None
    out = [heapq.heappop(h) for _ in range(len(h))]
    print(snapshot, a, b, out)
    k = random.randint(0, 8)
    print(heapq.nlargest(k, data), heapq.nsmallest(k, data), heapq.nlargest(k, data, key=lambda v: v % 7),
          heapq.nsmallest(k, data, key=lambda v: -v))
    parts = [sorted(random.randint(0, 20) for _ in range(random.randint(0, 5))) for _ in range(3)]
    print(list(heapq.merge(*parts)), list(heapq.merge(*[p[::-1] for p in parts], reverse=True)),
          list(heapq.merge(*parts, key=lambda v: v // 3)))
    s = sorted(data)
    x = random.randint(-1, 51)
    print(bisect.bisect_left(s, x), bisect.bisect_right(s, x), bisect.bisect(s, x, 1), bisect.bisect_left(s, x, key=None))
show(heapq.heappop, [])
show(heapq.heapreplace, [], 1)
show(heapq.heappush, (), 1)
recs = [('ann', 3), ('bob', 1), ('cy', 2)]
recs.sort(key=lambda r: r[1])
bisect.insort(recs, ('dee', 2), key=lambda r: r[1])
print(recs, bisect.bisect_left(recs, 2, key=lambda r: r[1]))
""",
    "text_modules": r"""
import random, string, html, fnmatch, shlex
random.seed(5)
t = string.Template('$who likes ${what}; $$5 each, $missing')
print(t.safe_substitute(who='tim', what='kung pao'), t.get_identifiers(), t.is_valid())
show(t.substitute, who='x', what='y')
show(string.Template('bad $ here').substitute, {})
show(string.Template('line1\n  $1x').substitute, {})
f = string.Formatter()
class O:
    x = 3
print(f.format('{0}|{name:>8}|{0!r}|{1[k]}|{2.x}', 'a', {'k': 'v'}, O(), name='n'), f.format('{:{w}.{p}}', 3.14159, w=8, p=3))
print(list(f.parse('a{{b}}c{0!s:>{w}}d')))
show(f.format, '{0}{}', 1, 2)
print(string.capwords(' hello   world  '), string.ascii_letters, string.punctuation)
for _ in range(200):
    s = ''.join(random.choice('&#;xX0129amplt ;eEcopy<>"\'') for _ in range(random.randint(0, 14)))
    print(repr(html.unescape(s)), repr(html.escape(s)), repr(html.escape(s, quote=False)))
print(html.unescape('&eacute;&nbsp;&copy;&#169;&#x263A;&amp;amp;&notin;&noti;&notit;&hellip;&#0;&#128;&#xD800;&#1114112;'))
names = ['a.py', 'b.pyc', 'c.PY', '.hidden', 'x1.txt', 'x10.txt', 'data_2024.csv', '[a].txt', 'a-b', '']
for pat in ['*.py', '*.py[co]', '?.*', '[!.]*', 'x[0-9].txt', 'x*', '*[!a-z]*', '[]a]*', '[', '*.[Tt][Xx][Tt]', '']:
    print(pat, fnmatch.filter(names, pat), fnmatch.translate(pat), fnmatch.fnmatch('C.PY', pat))
for line in ['a b "c d" e', "it's \"quoted\"", 'x\\ y z', 'a # b', '"unterminated', "'", 'cmd --opt="v 1" -f', '']:
    try:
        print(shlex.split(line), shlex.split(line, comments=True), shlex.split(line, posix=False))
    except ValueError as e:
        print('ValueError', e)
print(shlex.join(['ls', '-la', 'my file', "it's", '', '$HOME']), [shlex.quote(s) for s in ['safe', 'un safe', '']])
print(list(shlex.shlex('a && b || c; d', punctuation_chars=True)))
""",
    "pprint_difflib": r"""
import pprint, difflib, random
from collections import OrderedDict, Counter, defaultdict, deque
random.seed(8)
def rnd(d):
    r = random.random()
    if d > 3 or r < 0.3:
        return random.choice([1, 'abc', 2.5, None, True, 'word ' * random.randint(0, 12), 10 ** random.randint(0, 20)])
    if r < 0.5:
        return [rnd(d + 1) for _ in range(random.randint(0, 6))]
    if r < 0.6:
        return tuple(rnd(d + 1) for _ in range(random.randint(0, 4)))
    if r < 0.65:
        return {random.randint(0, 99) for _ in range(random.randint(0, 8))}
    return {'k%d' % i: rnd(d + 1) for i in range(random.randint(0, 5))}
objs = [rnd(0) for _ in range(25)] + [OrderedDict(a=1, b=[1] * 30), Counter('mississippi' * 3),
        defaultdict(list, {'k': list(range(30))}), deque(range(30), maxlen=40), deque(range(40)), frozenset(range(30))]
for o in objs:
    for kw in [{}, {'width': 40}, {'depth': 2}, {'compact': True, 'width': 30}, {'indent': 3, 'width': 50, 'sort_dicts': False}]:
        print(pprint.pformat(o, **kw))
pprint.pprint({'b': 1, 'a': [1, 2]}, width=10)
pprint.pp({'b': 1, 'a': 2})
print(pprint.saferepr({'a': [1]}), pprint.isreadable([1]), pprint.isreadable(object))
words = ['apple', 'apply', 'ape', 'maple', 'apples', 'pale', 'peach']
for w in ['appel', 'aple', 'pech', 'zzz']:
    print(w, difflib.get_close_matches(w, words), difflib.get_close_matches(w, words, n=5, cutoff=0.3))
lines = ['alpha\n', 'beta\n', 'gamma\n', 'delta\n', 'epsilon\n', '# note\n', '\n']
for _ in range(20):
    a = [random.choice(lines) for _ in range(random.randint(0, 9))]
    b = [random.choice(lines + ['gamma!\n', 'betta\n']) for _ in range(random.randint(0, 9))]
    print(''.join(difflib.unified_diff(a, b, 'a.txt', 'b.txt', n=random.randint(0, 3))), end='')
    print(''.join(difflib.context_diff(a, b, 'a', 'b')), end='')
    print(''.join(difflib.ndiff(a, b)), end='')
    sm = difflib.SequenceMatcher(None, ''.join(a), ''.join(b))
    print(round(sm.ratio(), 6), sm.get_opcodes()[:3], sm.get_matching_blocks()[-1])
""",
    "calendar_time": r"""
import calendar, time
print(calendar.month(2024, 2), calendar.month(2023, 10, w=3, l=2))
print(calendar.TextCalendar(calendar.SUNDAY).formatmonth(2025, 6))
print(calendar.calendar(2024))
print(calendar.monthcalendar(2024, 3), calendar.monthrange(2100, 2), calendar.isleap(2000), calendar.leapdays(1, 3000))
print(list(calendar.month_name), list(calendar.day_abbr), calendar.weekday(1999, 12, 31), calendar.timegm((2024, 2, 29, 23, 59, 59)))
print(list(calendar.Calendar(6).itermonthdays2(2024, 9))[:9], calendar.Calendar().monthdatescalendar(2024, 1)[0])
show(calendar.monthrange, 2024, 13)
for secs in [0, 1, 86399, 951782400, 1700000000, 2**31, 4102444800, 1234567890.99]:
    t = time.gmtime(secs)
    print(t, t.tm_year, t.tm_yday, t.tm_wday, t[:3], time.mktime(t), time.asctime(t))
    print(time.strftime('%Y-%m-%d %H:%M:%S %a %A %b %B %j %U %W %w %u %y %p %I %c %x %X %G %V %g %C %D %F %T %R %r %e %% %Z %z', t))
print(time.strftime('%Y', time.localtime(0)), time.gmtime(0) == time.localtime(0), time.timezone, time.daylight)
print(time.strptime('2024-07-04 18:45', '%Y-%m-%d %H:%M'))
show(time.strftime, '%Y', (2020, 13, 1, 0, 0, 0, 0, 1, 0))
""",
    "utilities": r"""
import io, logging, traceback, types, graphlib, pathlib, asyncio
stream = io.StringIO()
# force: under pytest the root logger already has pytest's handlers (basicConfig alone would add none)
logging.basicConfig(stream=stream, level=logging.DEBUG, format='%(levelname)s|%(name)s|%(message)s', force=True)
log = logging.getLogger('app.db')
log.debug('connecting to %s:%d', 'db', 5432)
log.info('rows=%(n)d', {'n': 7})
logging.getLogger('app').setLevel(logging.WARNING)
log.info('hidden')
log.warning('visible')
other = logging.getLogger('other')
h = logging.StreamHandler(stream)
h.setFormatter(logging.Formatter('{levelname:<8}{message}', style='{'))
other.addHandler(h)
other.propagate = False
other.error('braces %s', 'ok')
try:
    raise ValueError('bad row')
except ValueError:
    log.exception('boom')
lines = stream.getvalue().splitlines()
print(lines[:5], lines[-1])
logging.root.handlers.clear()
print(logging.getLevelName(10), logging.getLevelName('INFO'), logging.getLevelName(33), log.getEffectiveLevel(), log.parent.name)
print(logging.getLogger() is logging.root, log.isEnabledFor(logging.INFO), logging.getLogger('app').getChild('db') is log)
try:
    {}['k']
except KeyError:
    tb = traceback.format_exc()
    print(tb.splitlines()[0], tb.splitlines()[-1])
    print(traceback.format_exception_only(KeyError('k')), traceback.format_exception(ValueError('v')))
print(traceback.format_exc())
ns = types.SimpleNamespace(a=1, b='x')
ns.c = [1]
print(ns, ns == types.SimpleNamespace(a=1, b='x', c=[1]), ns.__dict__)
mp = types.MappingProxyType({'k': 1})
print(mp['k'], len(mp), list(mp), 'k' in mp, mp, repr(mp), str(mp))
def assign():
    mp['k'] = 2
show(assign)
print(isinstance(len, types.BuiltinFunctionType), isinstance(lambda: 0, types.FunctionType), isinstance((x for x in []), types.GeneratorType))
ts = graphlib.TopologicalSorter({'d': ['b', 'c'], 'b': ['a'], 'c': ['a'], 'e': []})
print(list(ts.static_order()))
try:
    graphlib.TopologicalSorter({1: [2], 2: [3], 3: [1]}).prepare()
except graphlib.CycleError as e:
    print('cycle', e.args)
P = pathlib.PurePosixPath
for s in ['/a/b/c.tar.gz', 'rel/x.py', '.', '/', 'a//b/./c/', '..', 'x.']:
    p = P(s)
    print(repr(p), p.parts, p.name, p.stem, p.suffix, p.suffixes, p.parent, list(p.parents), p.is_absolute())
print(P('/a') / 'b' / 'c.txt', P('a').joinpath('b', '/c'), P('/a/b/c').relative_to('/a'), P('a/b.py').with_suffix('.txt'), P('a/b.py').match('*.py'))
show(P('/a/b').relative_to, '/x')
show(P('a').with_suffix, 'txt')
async def work(name, delay):
    await asyncio.sleep(delay)
    return name.upper()
async def main():
    results = await asyncio.gather(work('a', 0.002), work('b', 0), work('c', 0.001))
    t = asyncio.create_task(work('t', 0))
    try:
        await asyncio.wait_for(work('slow', 1), timeout=0.005)
    except asyncio.TimeoutError:
        results.append('timeout')
    q = asyncio.Queue()
    for i in range(3):
        q.put_nowait(i)
    got = []
    for _ in range(3):
        got.append(await q.get())
    errs = await asyncio.gather(work('ok', 0), asyncio.sleep(0, result='s'), return_exceptions=True)
    return results, await t, got, errs, q.empty()
print(asyncio.run(main()))
""",
    "enum_flags_and_instance_checks": r"""
from enum import Enum, Flag, IntFlag, IntEnum, StrEnum, auto
class Perm(Flag):
    READ = auto()
    WRITE = auto()
    EXEC = auto()
class Mode(IntFlag):
    R = 4
    W = 2
    X = 1
class Color(Flag):
    RED = 1
    GREEN = 2
    BLUE = 4
    WHITE = 7
class Level(IntEnum):
    LOW = 1
    HIGH = 2
    @classmethod
    def parse(cls, text):
        return cls(int(text))
rw = Perm.READ | Perm.WRITE
for f in (Perm(0), rw, ~Perm.READ, Perm.READ ^ rw, rw & Perm.EXEC, Perm(7), Mode(0), ~Mode.R, Mode.R | 8,
          Mode.W & 6, Color(3), ~Color.RED, Color.WHITE):
    print(repr(f), str(f), f.name, f.value, bool(f), list(f), len(f))
print(list(Perm), list(Mode), list(Color), len(Color), Perm.READ in rw, Perm.EXEC in rw, Color.WHITE in Color(7))
print(Mode.R | 1, 1 | Mode.R, Mode.R + 1, int(Mode.R | Mode.X), rw is Perm(3), hash(rw) == hash(Perm(3)))
show(Perm, 8)
show(lambda: Perm.READ | 1)
show(lambda: 1 in rw)
print(isinstance(Perm.READ, Perm), isinstance(Mode.R, (Perm, Mode)), isinstance(Level.LOW, Level),
      isinstance(3, Level), isinstance(Level.LOW, int), Level.parse("2"))
""",
    "isinstance_unions_and_hooks": r"""
class Even:
    def __instancecheck__(self, obj):
        return isinstance(obj, int) and obj % 2 == 0
    def __subclasscheck__(self, cls):
        return issubclass(cls, int)
for value in (1, 2, "x", None, 2.5, [1], True):
    print(repr(value), isinstance(value, int | None), isinstance(value, (str, (float, list))),
          isinstance(value, Even()), isinstance(value, (Even(), str)))
print(issubclass(bool, int | str), issubclass(list, (dict, (set, list))), issubclass(bool, Even()), issubclass(str, Even()))
show(isinstance, 1, 5)
show(isinstance, 1, (int, 5))
show(issubclass, int, "int")
show(isinstance, [], list[int])
show(isinstance, [], list[int] | None)
""",
    "vars_and_stream_readlines": r"""
import io
from types import SimpleNamespace
class Config:
    version = 1
    def __init__(self, **kw):
        for key, value in kw.items():
            setattr(self, key, value)
c = Config(host="db", port=5432)
print(vars(c), sorted(vars(SimpleNamespace(a=1, b=[2]))), vars(c) == c.__dict__)
print("version" in vars(Config), "StringIO" in vars(io), sorted(k for k in vars() if k in ("io", "c", "Config")))
show(vars, 42)
show(vars, "text")
buf = io.StringIO("alpha\nbeta\r\ngamma\n\nlast")
print(buf.readline(), buf.readlines(), buf.readlines())
raw = io.BytesIO(b"one\ntwo\nthree")
print(raw.read(2), raw.readlines())
print(io.StringIO("").readlines(), io.StringIO("x\n").readlines())
with io.StringIO() as out:
    out.writelines(["a\n", "b", "c\n"])
    print(repr(out.getvalue()), out.closed, out.readable(), out.writable(), out.seekable())
print(out.closed)
show(out.readable)
data = io.BytesIO()
data.writelines([b"x", bytearray(b"y\n")])
print(data.getvalue(), data.closed, data.tell())
""",
    "sys_cpython_info": r"""
import sys
v = sys.version_info
print(v[:2], v.major, v.minor, v.releaselevel, v >= (3, 8), (3, 12) > v, (3, 11) <= v, isinstance(v, tuple))
print(type(v).__name__, repr(v).split("(")[0], len(v), v.index(3), sys.version.split()[0].rsplit(".", 1)[0])
print(sys.float_info)
print(sys.float_info.epsilon, sys.float_info.max * 2, sys.float_info.dig, sys.float_info[0], len(sys.float_info))
print(sys.maxunicode, chr(sys.maxunicode) == "\U0010ffff", sys.getdefaultencoding(), sys.getfilesystemencoding())
limit = sys.getrecursionlimit()
print(limit)
try:
    sys.setrecursionlimit(5000)
    print(sys.getrecursionlimit())
    sys.setrecursionlimit(2**30 + 3)  # beyond MicroPython's small ints on a 32-bit build
    print(sys.getrecursionlimit())
    sys.setrecursionlimit(5000)
    for bad in (0, -3, 1.5, "9", 2**31, -(2**40), None):
        show(sys.setrecursionlimit, bad)
    print(sys.getrecursionlimit())
finally:
    sys.setrecursionlimit(limit)
""",
    "deque_islice_index_arguments": r"""
import collections, itertools
class I:
    def __index__(self):
        return 2
class Bad:
    def __index__(self):
        return "x"
d = collections.deque([1, 2, 3, 4, 5])
d.rotate(I()); print(d, d[I()], d[True], d[-2])
d[I()] = "two"
del d[0]
d.insert(I(), "ins")
print(d, d.index("ins", I()), d.index("ins", True, 10), d.index("two", -9))
for maxlen in (I(), True, False, -1, "a", 1.5, 2**70, None, 3):
    show(collections.deque, "abcd", maxlen)
for arg in ("a", 1.5, None, 2**70, Bad()):
    show(d.rotate, arg)
    show(d.insert, arg, 0)
    show(d.index, 5, arg)
    show(lambda: d[arg])
    def setitem(arg=arg):
        d[arg] = 0
    show(setitem)
show(lambda: d[2**70])
show(lambda: d[9])
show(d.remove, "zz")
show(d.index, "zz")
print(d * I(), I() * collections.deque([1], maxlen=3), collections.deque([1, 2], maxlen=3) * 2)
e = collections.deque([1, 2], maxlen=3); e *= 2; print(e)
for other in ([1], (1,), "a"):
    kind(lambda: d < other)  # the message names the class `deque` (CPython: `collections.deque`)
print(collections.deque([1, 2]) < collections.deque([1, 3]), collections.deque([2]) >= collections.deque([1, 9]))
r = range(10)
for args in [(I(),), (I(), None, I()), (1, I()), (True,), (None,), (None, None, None), (2**63 - 1,), (2**63,), (-1,), (-2,),
             ("a",), (1.5,), (Bad(),), (-1, 3), (1, -3), (0, 5, 0), (0, 5, -1), (0, 5, 2**63), (1, 2**70), (2**70, None)]:
    show(lambda: list(itertools.islice(r, *args)))
""",
    "operator_length_hint_math_argument_counts": r"""
import math, operator
class Hint:
    def __init__(self, n):
        self.n = n
    def __length_hint__(self):
        return self.n
class Sized(Hint):
    def __len__(self):
        return 4
class Broken:
    def __len__(self):
        raise TypeError("no len today")
    def __length_hint__(self):
        return 6
class Level(int):
    pass
for obj in (Hint(5), Hint(0), Hint(True), Hint(Level(3)), Hint(NotImplemented), Hint(-1), Hint("x"), Hint(1.5), Hint(2**70),
            Sized(9), Broken(), [1, 2], "abc", object(), 42):
    show(operator.length_hint, obj)
    show(operator.length_hint, obj, 7)
show(operator.length_hint, object(), "x")
show(operator.length_hint, object(), -1)
show(operator.length_hint, object(), Level(2))
for args in ((), (3,), (5, 2), (1, 2, 3), (10, None)):
    show(math.comb, *args)
    show(math.perm, *args)
show(math.comb, 5, k=2)
show(math.perm, n=5)
""",
    # ---- one operator.index (port/modoperator.c) under operator, math, random, collections and itertools:
    # the type names in the messages, __index__ returning a bool, an int subclass's instance or a non-int,
    # and the C ssize_t/long/int bounds of CPython's 64-bit builds with their OverflowError texts
    "operator_index_in_every_module": r"""
import collections, itertools, math, operator, random
class I(int):
    pass
class X:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v
class Boom:
    def __index__(self):
        raise ZeroDivisionError("inside __index__")
def both(v):
    return repr(v) + " " + type(v).__name__
values = [5, True, I(7), X(3), X(True), X(I(4)), X("s"), X(2**70), X(-2**70), Boom(), 2.5, "3", None, 2**63, -2**63 - 1,
          2**63 - 1, -2**63]
for v in values:
    print("--", type(v).__name__, getattr(v, "v", v) if not isinstance(v, Boom) else "")
    show(lambda: both(operator.index(v)))
    huge = isinstance(v, int) and v == 2**63 - 1  # factorial(), comb() and perm() would compute for ever
    if not huge:
        show(lambda: both(math.factorial(v)))
        show(math.comb, 2**70, v)
        show(math.perm, 2**70, v)
    show(math.gcd, v, 6)
    show(math.lcm, 4, v)
    show(math.isqrt, v)
    show(math.comb, v, 2)
    show(math.perm, 10, v)
    show(random.Random(1).getrandbits, v)
    show(random.Random(1).randrange, v)
    show(random.Random(1).randrange, 0, v)
    show(random.Random(1).randrange, 0, 100, v)
    show(lambda: list(itertools.islice(range(10), v)))
    show(lambda: list(itertools.islice(range(10), v, None)))
    show(lambda: list(itertools.islice(range(10), 0, None, v)))
    d = collections.deque(range(5))
    show(d.rotate, v)
    show(lambda: d[v])
    show(d.insert, v, "x")
    show(d.index, 2, v)
    show(d.index, 2, 0, v)
    show(collections.deque, [], v)
    print(d)
show(math.comb, 2**70, 2**69)
show(math.comb, 2**64, 2**63)
show(math.comb, 2**63 - 1, 2**63 - 2)
show(math.perm, 2**70, 2**69)
show(math.perm, 2**70, None)
show(math.perm, -3, None)
show(random.Random(1).getrandbits, -2**40)
show(random.Random(1).getrandbits, -1)
show(random.Random(1).randrange, 5, None, True)
show(random.Random(1).randrange, 5, None, 1)
show(random.Random(1).randrange, "abc")
show(random.Random(1).randrange, 0, "7")
show(random.Random(1).randrange, 0, 10, 2.5)
""",
    # ---- typing: a Generic subclass's __parameters__ and __orig_bases__, get_args/get_origin of user
    # generics, @runtime_checkable Protocol isinstance()/issubclass() by members, and CPython's errors
    "typing_generic_parameters_runtime_protocols": r"""
import typing
from typing import Generic, TypeVar, Protocol, runtime_checkable, get_args, get_origin, List
T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")
class Stack(Generic[T]):
    def __init__(self):
        self.items = []
class Pair(Generic[K, V]):
    pass
class IntStack(Stack[int]):
    pass
class Sub(Stack[T]):
    pass
class Mixed(Pair[str, V], Stack[V]):
    pass
class Explicit(Stack[T], Pair[K, V], Generic[K, V, T]):
    pass
for c in (Stack, Pair, IntStack, Sub, Mixed, Explicit):
    print(c.__name__, c.__parameters__, c.__orig_bases__, [b.__name__ for b in c.__mro__])
print(Stack[int], Pair[str, int], Pair[str, V], Stack[int].__parameters__, Pair[K, int].__parameters__)
print(get_args(Stack[int]), get_origin(Stack[int]), get_origin(Pair[str, int]), get_args(Pair[str, List[int]]))
print(Generic[T], get_origin(Generic[T]), get_args(Generic[T]), get_origin(Generic), get_args(Generic))
s = Stack[int]()
print(s.__orig_class__, type(s).__name__, s.items, Stack[int] == Stack[int], Stack[int] == Stack[str])
print(isinstance(s, Stack), issubclass(IntStack, Stack), issubclass(Stack, Generic))
print("__orig_bases__" in Stack.__dict__, "__parameters__" in Stack.__dict__, hasattr(int, "__orig_bases__"))
show(lambda: Stack[int, str])
show(lambda: Pair[int])
show(lambda: Generic[int])
show(lambda: Generic[T, T])
show(lambda: Generic[()])
show(lambda: IntStack[int])
show(lambda: isinstance(s, Stack[int]))
def bad():
    class Bad(Stack[T], Generic[K]):
        pass
show(bad)
def bad2():
    class Bad2(Generic):
        pass
show(bad2)

@runtime_checkable
class Drawable(Protocol):
    def draw(self) -> str: ...

class HasSize(Protocol):
    size: int
    def area(self): ...

@runtime_checkable
class Named(Protocol):
    name: str

@runtime_checkable
class SupportsGet(Protocol[T]):
    def get(self) -> T: ...

class Box:
    def draw(self):
        return "[]"
class NoDraw:
    draw = None
class Thing:
    name = "t"
    def get(self):
        return 1
class Real(Drawable):
    pass

print(isinstance(Box(), Drawable), isinstance(NoDraw(), Drawable), isinstance(1, Drawable), isinstance(Real(), Drawable))
print(issubclass(Box, Drawable), issubclass(int, Drawable), issubclass(Real, Drawable), issubclass(NoDraw, Drawable))
print(isinstance(Thing(), Named), isinstance(Box(), Named), isinstance(Thing(), SupportsGet), SupportsGet.__parameters__)
t = Box(); t.name = "x"
print(isinstance(t, Named))
show(lambda: isinstance(Box(), HasSize))
show(lambda: issubclass(Box, HasSize))
show(lambda: issubclass(Thing, Named))
show(lambda: issubclass(1, Drawable))
show(Drawable)
show(lambda: type(Real()).__name__)
show(runtime_checkable, Box)
print(type(Drawable).__name__, Drawable._is_protocol, Real._is_protocol, Drawable.__mro__[1:])
print(sorted(typing._get_protocol_attrs(HasSize)) if hasattr(typing, "_get_protocol_attrs") else None)
class Base:
    def __init__(self, x):
        self.x = x
class Concrete(Drawable, Base):
    pass
c = Concrete(5)
print(c.x, Concrete(6).x, isinstance(c, Drawable))
show(Real, 1)
class WithInit(Drawable):
    def __init__(self, v):
        self.v = v
print(WithInit(3).v)
print(isinstance(Box(), SupportsGet), isinstance(Thing(), Drawable))
class Tree(Generic[T]):
    def __init__(self, value: T, children: "list[Tree[T]]" = None):
        self.value = value
        self.children = children or []
t = Tree[int](1, [Tree(2)])
print(t.value, t.children[0].value, t.__orig_class__, hasattr(t.children[0], "__orig_class__"))
class Plain(Stack):
    pass
print(Plain.__parameters__, "__orig_bases__" in Plain.__dict__, Plain.__orig_bases__)
from collections.abc import Mapping
class M(Mapping):
    def __getitem__(self, k): return 1
    def __len__(self): return 0
    def __iter__(self): return iter(())
print("__orig_bases__" in M.__dict__)
class L(list[int]):
    pass
print(L.__orig_bases__, L.__mro__, L([1, 2]))
""",
    # ---- datetime.strptime with week directives: %G/%V/%u (ISO), %U/%W with a weekday (%a %A %w %u) give
    # the date as CPython computes it, with CPython's errors for incomplete or mixed ISO directives; %c
    "datetime_strptime_week_directives": r"""
from datetime import datetime
cases = [("2024-W10-1", "%G-W%V-%u"), ("2020-W53-7", "%G-W%V-%u"), ("2021 01 Mon", "%G %V %a"), ("2024 00 0", "%Y %U %w"),
         ("2024 00 1", "%Y %W %w"), ("2023 52 Sunday", "%Y %U %A"), ("2024 05 3", "%Y %W %u"), ("2021 00 Friday", "%Y %W %A"),
         ("2022 00 Sat", "%Y %U %a"), ("2024 10", "%G %V"), ("2024 10 1", "%Y %V %u"), ("10 1", "%V %u"), ("2024 100 1", "%G %j %u"),
         ("2024 1", "%G %u"), ("Tue Mar 17 22:44:55 1999", "%c"), ("Friday 2024-03-15", "%A %Y-%m-%d"), ("1999 12 5", "%Y %U %w"),
         ("2016 00 Mon", "%Y %W %a"), ("2016 01 Fri", "%Y %U %a"), ("53 6", "%U %w")]
for text, fmt in cases:
    show(datetime.strptime, text, fmt)
for text, fmt in [("2021 53 1", "%G %V %u"), ("2020 53 5", "%G %V %u"), ("2024 2024 10 1", "%Y %G %V %u"), ("2024 10 1 5", "%G %V %u %U"),
                  ("2024 05 1", "%Y %U %u"), ("0001 01 1", "%G %V %u"), ("2024 01 Mon", "%Y %U %a")]:
    show(datetime.strptime, text, fmt)
""",
    # ---- enum members made as CPython 3.11 makes them: the mix-in data type converts the value, a custom
    # __new__ sets _value_, tuple values are the constructor's arguments, _missing_, auto(), __format__
    "enum_mixin_member_values": r"""
from enum import Enum, IntEnum, StrEnum, IntFlag, auto
class P(float, Enum):
    A = "1.5"
    B = 2
print(repr(P.A), P.A.value, type(P.A.value).__name__, P.A == 1.5, P(1.5), P(2.0), repr(P.B.value))
class Color(str, Enum):
    RED = 1
    GREEN = "g"
print(repr(Color.RED), repr(Color.RED.value), Color.RED == "1", Color("1"))
class N(int, Enum):
    A = "5"
    B = ("10", 16)
    C = 3.7
print(repr(N.A), N.A.value, repr(N.B), N.B.value, N.C.value, N(16), N.B + 1)
class I(IntEnum):
    A = "7"
    B = 8
print(repr(I.A), I.A.value, I(8))
try:
    class S(StrEnum):
        A = 1
except TypeError as e:
    print("TypeError", e)
class S2(StrEnum):
    A = "x"
    B = auto()
    C = (b"abc", "ascii")
print(repr(S2.A), repr(S2.B), repr(S2.C), S2.C.value)
class M(str, Enum):
    Y = auto()
    Z = auto()
print(repr(M.Y), repr(M.Z))
class T(tuple, Enum):
    A = (1, 2)
    B = [3, 4]
print(repr(T.A), T.A.value, T.A[0], repr(T.B), type(T.B.value).__name__)
class Planet(Enum):
    EARTH = (5.97e24, 6.37e6)
    MARS = (6.42e23, 3.39e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
print(repr(Planet.EARTH), Planet.EARTH.mass, Planet.MARS.radius, Planet.EARTH.value)
class Raw(bytes, Enum):
    A = (1,)
    B = [65, 66]
print(repr(Raw.A), repr(Raw.B), Raw.A.value)
class V(Enum):
    def __new__(cls, value, label):
        obj = object.__new__(cls)
        obj._value_ = value
        obj.label = label
        return obj
    X = (1, "one")
    Y = (2, "two")
print(repr(V.X), V.X.label, V(2))
class W(int, Enum):
    def __new__(cls, value, label):
        obj = int.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        return obj
    X = (1, "one")
    Y = (2, "two")
print(repr(W.X), W.X.label, W(2), W.X + 1)
class U(int, Enum):
    def __new__(cls, value):
        return int.__new__(cls, value * 10)
    X = 1
print(repr(U.X), U.X.value, int(U.X))
class G(str, Enum):
    def _generate_next_value_(name, start, count, last_values):
        return name.title()
    ONE = auto()
    TWO = auto()
print(repr(G.ONE), G.TWO.value)
class GI(int, Enum):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return str(count * 10)
    A = auto()
    B = auto()
print(repr(GI.A), repr(GI.B))
class Seq(Enum):
    A = 1.5
    B = auto()
    C = 10
    D = auto()
print([m.value for m in Seq])
class Dup(float, Enum):
    A = 1
    B = "1.0"
print(Dup.B is Dup.A, Dup.__members__)
try:
    class Bad(int, Enum):
        A = "x"
except ValueError as e:
    print("ValueError", e)
class Fl(IntFlag):
    R = "4"
    W = 2
print(repr(Fl.R), Fl.R | Fl.W)
print(format(N.A), f"{Color.RED}", str(Color.RED), f"{P.A}", str(I.A), format(I.A, "03d"))
print(f"{Color.RED:>12}|{S2.A:^5}|{I.B:+d}|{Fl.W:b}|{Planet.MARS:>13}|{Fl.R | Fl.W}")
class Miss(str, Enum):
    A = "a"
    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            for m in cls:
                if m.value == value.lower():
                    return m
        if value == 0:
            return "nope"
        if value == 1:
            raise KeyError("boom")
        return None
print(Miss("A"))
for v in (5, 0, 1):
    try:
        Miss(v)
    except Exception as e:
        print(type(e).__name__, e, repr(e.__context__))
""",
    # ---- functools.singledispatch: register() by a parameter's annotation (a union too), ABCs
    "singledispatch_by_annotation": r"""
from functools import singledispatch
from collections.abc import Mapping, Sequence
from typing import Union, List
import decimal
@singledispatch
def fmt(x):
    return f"obj:{x!r}"
@fmt.register
def _(x: int):
    return f"int:{x}"
@fmt.register
def _(x: float | decimal.Decimal):
    return f"num:{x}"
@fmt.register(str)
def _(x):
    return f"str:{x}"
@fmt.register
def _(x: Mapping):
    return "map:" + ",".join(f"{k}={fmt(v)}" for k, v in x.items())
@fmt.register
def _(x: Union[list, tuple]):
    return "seq[" + " ".join(fmt(i) for i in x) + "]"
class Sub(dict):
    pass
print(fmt(1), fmt(True), fmt(2.5), fmt(decimal.Decimal("1.1")), fmt("s"), fmt(None))
print(fmt({"a": 1, "b": [1, "x", (2.0,)]}), fmt(Sub(z=3)), fmt(b"b"))
print(sorted(k.__name__ for k in fmt.registry), fmt.dispatch(bool).__name__)
try:
    @fmt.register
    def _(x):
        return x
except TypeError as e:
    print("TypeError:", str(e)[:37])
try:
    fmt.register(3, lambda x: x)
except TypeError as e:
    print("TypeError:", str(e)[:37])
""",
}


@pytest.mark.parametrize("name", CASES)
def test_module_prints_what_cpython_prints(name, tmp_path):
    # The reference is a pristine CPython in a subprocess: in this process typing_extensions (imported by
    # pytest's plugins) has replaced parts of typing, whose messages then differ from CPython 3.11's.
    code = CASES[name]
    expected, _ = cpython_as_sandbox(PRELUDE + code, tmp_path)
    with Sandbox(memory_limit=128 * 2**20, time_limit=60, hard_grace=5) as sb:
        assert sb.run(PRELUDE + code, eval_trailing=False).stdout == expected


def cpython_as_sandbox(code: str, tmp_path) -> tuple[str, str]:
    # CPython runs the code as the sandbox names it (`<sandbox>`), with its source in linecache so that
    # a warning shows its source line as CPython's does for a script file.
    script = tmp_path / "program.py"
    script.write_text(code, encoding="utf-8")
    runner = (
        "import linecache, sys\n"
        "src = open(sys.argv[1], encoding='utf-8').read()\n"
        "linecache.cache['<sandbox>'] = (len(src), None, src.splitlines(True), '<sandbox>')\n"
        "exec(compile(src, '<sandbox>', 'exec'), {'__name__': '__main__'})\n"
    )
    done = subprocess.run(
        [sys.executable, "-I", "-c", runner, str(script)], capture_output=True, text=True, check=True
    )
    return done.stdout, done.stderr


def test_warnings_and_logging_on_stderr_as_cpython(tmp_path):
    # The default warning output (file:line: Category: message, then the source line) and logging's
    # default handler, both on stderr, with the caller's file, line and function; traceback's stack.
    code = """\
import logging
import sys
import traceback
import warnings

logging.basicConfig(format="%(levelname)s:%(name)s:%(filename)s:%(module)s:%(pathname)s:%(funcName)s:%(lineno)d:%(message)s")
log = logging.getLogger("app")


def parse(value):
    if not value.strip():
        warnings.warn("empty value skipped")
        return None
    if value.startswith("0"):
        warnings.warn(f"leading zero in {value!r}", DeprecationWarning, stacklevel=2)
    return int(value)


def run(values):
    out = []
    for v in values:
        n = parse(v)
        if n is None:
            log.warning("skipped %r", v)
        else:
            out.append(n)
    return out


print(run(["1", " ", "07", "", "3"]))
warnings.warn("deprecated at top level", DeprecationWarning)
warnings.warn("deprecated at top level", DeprecationWarning)
warnings.warn("from nowhere", RuntimeWarning, stacklevel=9)
warnings.warn(FutureWarning("instance"))
warnings.warn("hidden", PendingDeprecationWarning)
warnings.showwarning("direct", UserWarning, "other.py", 30)
print(sys._getframe(), file=sys.stderr)


def where(depth):
    if depth:
        return where(depth - 1)
    traceback.print_stack(limit=3)
    return [(f.name, f.lineno, f.line) for f in traceback.extract_stack(limit=4)]


print(where(2), "".join(traceback.format_stack(limit=1)))
try:
    where(None + 1)
except TypeError:
    logging.getLogger("app").exception("bad call")
"""
    expected_stdout, expected_stderr = cpython_as_sandbox(code, tmp_path)
    with Sandbox() as sb:
        result = sb.run(code, eval_trailing=False)
    frame_at = re.compile(r"<frame at 0x[0-9a-f]+")
    assert result.stdout == expected_stdout
    assert frame_at.sub("<frame at 0x", result.stderr) == frame_at.sub("<frame at 0x", expected_stderr)


# Run as a script under CPython (a subprocess: pytest's own warning filters and logging handlers are
# active in this process), stdout and stderr compared.
SCRIPT_CASES = {
    "warnings_record_filters_registry": """
import warnings
print(warnings.filters[:2] == [('default', None, DeprecationWarning, '__main__', 0), ('ignore', None, DeprecationWarning, None, 0)])
print(issubclass(UserWarning, Warning), issubclass(Warning, Exception), DeprecationWarning.__mro__[1:])


def check(x):
    if x < 0:
        warnings.warn(f"negative value {x}", RuntimeWarning, stacklevel=2)
    return abs(x)


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    for v in (1, -2, -3):
        check(v)
    warnings.warn("plain")
    warnings.warn(DeprecationWarning("old api"))
    warnings.warn("pending", PendingDeprecationWarning)
for w in caught:
    print(w.category.__name__, w.message, type(w.message).__name__, w.lineno, w.line, w.file, w.source)
print(len(warnings.filters), warnings.catch_warnings(record=True), warnings.catch_warnings())

with warnings.catch_warnings():
    warnings.simplefilter("error", category=UserWarning)
    try:
        warnings.warn("boom")
    except UserWarning as e:
        print("caught", repr(e), e.args)
    warnings.warn("still ignored?", DeprecationWarning)

log = []


def show(message, category, filename, lineno, file=None, line=None):
    log.append((str(message), category.__name__, lineno, file, line))


warnings.showwarning = show


def f():
    warnings.warn("repeated")


for _ in range(3):
    f()
warnings.warn("dep", DeprecationWarning)
warnings.warn("dep", DeprecationWarning)
warnings.filterwarnings("ignore", message="skip", category=UserWarning)
warnings.warn("skip me")
warnings.warn("SKIP upper")
warnings.warn("do not skip")
warnings.filterwarnings("error", module="__ma", category=FutureWarning)
try:
    warnings.warn("future", FutureWarning)
except FutureWarning as e:
    print("error filter", e)
warnings.simplefilter("once", RuntimeWarning)
for i in range(3):
    warnings.warn("once only", RuntimeWarning)
warnings.warn("once only", RuntimeWarning)
warnings.simplefilter("module", ImportWarning)
warnings.warn("per module", ImportWarning)
warnings.warn("per module", ImportWarning)
for entry in log:
    print(entry)
print(sorted(str(k) for k in __warningregistry__ if k != 'version'))
print(warnings.formatwarning("bad input", UserWarning, "no_such_file.py", 7), end="")
print(warnings.formatwarning("with line", RuntimeWarning, "x.py", 2, line="  x = 1  "), end="")
try:
    warnings.warn("x", int)
except TypeError as e:
    print(e)
warnings.resetwarnings()
print(warnings.filters)
""",
    "sys_getframe": """
import sys


def caller_name():
    return sys._getframe(1).f_code.co_name


def report(a, b=2, *rest, key=None):
    total = a + b
    frame = sys._getframe()
    print(caller_name(), frame.f_code.co_name, frame.f_lineno, frame.f_back.f_code.co_name, frame.f_back.f_lineno)
    print(sorted(k for k in frame.f_locals), frame.f_locals['total'], frame.f_globals is globals())
    return frame


fr = report(1, key='k')
print(fr.f_lineno, sorted(fr.f_locals), fr.f_back is sys._getframe())
print(sys._getframe() is sys._getframe(), sys._getframe().f_locals is globals())
import builtins
print(type(sys._getframe()).__name__, sys._getframe().f_builtins is builtins.__dict__)


def outer():
    seen = []
    def inner(n):
        seen.append(n)
        return sys._getframe().f_locals
    return inner(5)


print(sorted(outer().items()))


def gen():
    x = 1
    yield sys._getframe().f_lineno
    x += 1
    frame = sys._getframe()
    yield frame
    yield sys._getframe(1).f_code.co_name


g = gen()
print(next(g))
frame = next(g)
print(frame.f_code.co_name, frame.f_lineno, frame.f_back, frame.f_locals['x'])
print(next(g))


def depth_of():
    depth = 0
    f = sys._getframe()
    while f.f_code.co_name != '<module>':
        f = f.f_back
        depth += 1
    return depth


print(depth_of(), (lambda: depth_of())(), [depth_of() for _ in [0]])
try:
    sys._getframe(100)
except ValueError as e:
    print(e)
print(list(map(lambda _: sys._getframe().f_code.co_name, [0])), [sys._getframe().f_code.co_name for _ in [0]])
""",
    # a class body's frame: its namespace (the live dict, or what __prepare__ returned) as f_locals, seen
    # from the body, from a helper it calls (f_back) and after the class is made
    "sys_getframe_class_body": """
import sys
from enum import Enum


def fields_so_far():
    # a helper a class body calls: the names its caller defined so far
    caller = sys._getframe(1)
    return caller.f_code.co_name, [k for k in caller.f_locals if not k.startswith("__")]


def register(**extra):
    sys._getframe(1).f_locals.update(extra)


class Model:
    table = "users"
    id = int
    snapshot = fields_so_far()
    register(created="now")
    frame = sys._getframe()
    same = frame.f_locals is sys._getframe().f_locals

    class Meta:
        ordering = ["id"]
        outer = sorted(k for k in sys._getframe(1).f_locals if not k.startswith("__"))

    def method(self):
        return sys._getframe().f_back.f_code.co_name

    last = 1


print(Model.snapshot, Model.created, Model.same, Model.Meta.outer)
print(sorted(k for k in Model.frame.f_locals if not k.startswith("__")), Model.frame.f_lineno)
print(Model.frame.f_back.f_code.co_name, Model().method())


class Ordered(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return {"preset": 1}


class WithPrepare(metaclass=Ordered):
    seen = sorted(sys._getframe().f_locals)


class Color(Enum):
    RED = 1
    GREEN = 2
    kinds = type(sys._getframe().f_locals).__name__


print(WithPrepare.seen, Color.kinds.value, [c.name for c in Color])


def make(n):
    class Local:
        size = n
        names = sorted(k for k in sys._getframe().f_locals if not k.startswith("__"))
        back = sys._getframe().f_back.f_code.co_name
    return Local


print(make(3).names, make(3).back)
""",
    "logging_caller_fields": """
import logging, sys

logging.basicConfig(stream=sys.stdout, level=logging.DEBUG, force=True,
                    format="%(levelname)s %(funcName)s:%(lineno)d %(name)s %(message)s")
log = logging.getLogger("etl")


def load(rows):
    log.info("loading %d rows", len(rows))
    for r in rows:
        if r < 0:
            log.warning("negative row %s", r)
    return sum(rows)


class Job:
    def run(self):
        log.debug("job start")
        total = load([1, -2, 3])
        logging.info("total %s", total)
        helper()

def helper():
    log.error("via helper", stacklevel=2)
    adapter = logging.LoggerAdapter(log, {})
    adapter.info("adapter call")


Job().run()
logging.warning("module level")
rec = log.makeRecord("x", logging.INFO, "/srv/app/jobs.py", 12, "m", (), None, "fn")
print(rec.filename, rec.module, rec.pathname, rec.lineno, rec.funcName)
""",
    "logging_capture_warnings": """
import logging, sys, warnings

logging.basicConfig(stream=sys.stdout, format="%(name)s|%(levelname)s|%(message)s", force=True)
logging.captureWarnings(True)


def convert(x):
    warnings.warn(f"converting {x!r}", RuntimeWarning, stacklevel=2)
    return float(x)


print(convert("1.5"))
logging.captureWarnings(False)
print(convert("2"))
""",
    "index_result_deprecation": """
import warnings


class Flag:
    def __init__(self, on):
        self.on = on

    def __index__(self):
        return self.on


class Level(int):
    pass


class Pick:
    def __index__(self):
        return Level(2)


rows = ["a", "b", "c"]
print(rows[Flag(True)], rows[Pick()], range(Flag(True)), bin(Pick()))
for _ in range(2):
    print(rows[Flag(False)])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print("ab" * Pick(), hex(Flag(True)))
print([(w.category.__name__, str(w.message)[:40], w.lineno) for w in caught])
warnings.simplefilter("error")
try:
    rows[Pick()]
except DeprecationWarning as e:
    print("raised:", e)
print(rows[Flag.__index__(Flag(1))])
""",
    "random_randrange_float_deprecation": """
import random

random.seed(7)
print(random.randrange(10.0), random.randrange(2, 20.0, 3), random.randint(1, 6.0))
for _ in range(2):
    print(random.randrange(0, 100.0))
try:
    random.randrange(2.5)
except ValueError as e:
    print(e)
""",
}


@pytest.mark.parametrize("name", SCRIPT_CASES)
def test_frames_warnings_logging_as_cpython(name, tmp_path):
    expected_stdout, expected_stderr = cpython_as_sandbox(SCRIPT_CASES[name], tmp_path)
    with Sandbox() as sb:
        result = sb.run(SCRIPT_CASES[name], eval_trailing=False)
    assert result.stdout == expected_stdout
    assert result.stderr == expected_stderr
