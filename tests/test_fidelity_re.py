"""`re` fidelity (issue 15): CPython's `re` API on PCRE2 (micropython-build/modules/re.py over the guest's
`_pcre2`). Each snippet runs in a fresh sandbox and in this CPython; the printed output must be the same,
byte for byte: matches, offsets (code points in str subjects with non-ASCII text), flags and reprs, and
the pattern errors with CPython's messages and positions. Catastrophic patterns stop at the time limit
with the session intact."""

import pytest
from fidelity import SHOW, assert_prints_what_cpython_prints

from datasette_micropython import Sandbox, SandboxTimeout

PRELUDE = (
    SHOW
    + """
import re
def err(pattern, flags=0):
    try:
        re.compile(pattern, flags)
        print(repr(pattern), 'compiles')
    except re.error as e:
        print(repr(pattern), '->', e, '|', e.msg, e.pos, e.lineno, e.colno)
    except Exception as e:
        print(repr(pattern), '->', type(e).__name__ + ':', e)
"""
)

CASES = {
    "ascii_ignorecase_folds_ascii_letters_only": r"""
for pattern, text, flags in [
    ("\u00e9", "\u00e9\u00c9", re.A | re.I), ("\u00e9", "\u00e9\u00c9", re.I), ("[\u00e9]", "\u00e9\u00c9", re.A | re.I),
    ("[a-z\u00e9]+", "AB\u00c9\u00e9", re.A | re.I), ("[^a-z\u00e9]", "AB\u00c9\u00e91", re.A | re.I),
    ("[^\u00e9]", "\u00e9\u00c9a", re.A | re.I), ("[\\x00-\\xff]", "a\u00c9\u00e9\u0100", re.A | re.I),
    ("(?ai)\u00e9", "\u00e9\u00c9", 0), ("(?i)(?a:\u00e9)x", "\u00c9X\u00e9x", 0), ("(?a:k)", "kK\u212a", re.I),
    ("k", "kK\u212a", re.A | re.I), ("k", "kK\u212a", re.I), ("s", "sS\u017f", re.I), ("s", "sS\u017f", re.A | re.I),
    ("\\w+", "\u00c9a", re.A | re.I), ("\u00e9+", "\u00e9\u00e9\u00c9", re.A | re.I), ("\\xe9", "\u00e9\u00c9", re.A | re.I),
    ("stra\u00dfe", "STRASSE stra\u00dfe STRA\u00dfE", re.A | re.I),
]:
    print(repr(pattern), re.findall(pattern, text, flags))
print(re.findall(rb"a", b"aA\xe9\xc9", re.I), re.sub("[\u00e0\u00e1]", "a", "\u00c0\u00c1\u00e0\u00e1", flags=re.A | re.I))
print(re.compile("\u00e9", re.A | re.I), re.compile("\u00e9", re.A | re.I).pattern)
""",
    "named_unicode_escapes": r"""
print(re.findall(r"\N{LATIN SMALL LETTER E WITH ACUTE}+", "café éé e"))
print(re.sub(r"[\N{EM DASH}\N{EN DASH}]", "-", "1990–1995 — done"))
show(re.compile, r"\N{NO SUCH CHARACTER NAME}")
""",
    "module_functions": r"""
text = 'Order 66 shipped 2023-01-05; order 7 pending; ORDER 1234 lost.'
show(re.findall, r'\d+', text)
show(re.findall, r'(?i)(order) (\d+)', text)
show(re.findall, r'(\d{4})-(\d\d)-(\d\d)', text)
show(re.search, r'order (\d+)', text)
show(re.match, r'Order', text)
show(re.match, r'order', text)
show(re.fullmatch, r'[\w\s;.-]+', text)
show(re.fullmatch, r'a|ab', 'ab')
show(re.split, r'[;.]\s*', text)
show(re.split, r'(;)\s*', text, maxsplit=1)
show(re.split, r'\s', 'a b c d', 2)
show(re.split, r'x', 'axbxc', -1)
show(re.sub, r'\d', '#', text, count=3)
show(re.sub, r'\d', '#', text, 2)
show(re.sub, 'a', 'b', 'aaa', count=-1)
show(re.split, 'a', 'bab', maxsplit=-1)
show(lambda: [m.group() for m in re.compile(r'\w+').finditer('ab cd ef', 3)])
show(re.subn, r'(?i)order', 'ORD', text)
show(lambda: [m.span() for m in re.finditer(r'\b\w{5}\b', text)])
show(re.escape, 'a.b*c (d) [e] {f} 1+1=2 $^|\\ é_x-#&~')
show(re.escape, b'a.b\x00\xff-')
re.purge()
""",
    "empty_matches": r"""
show(re.sub, 'x*', '-', 'abxd')
show(re.sub, '', '-', 'abc')
show(re.split, 'x*', 'axbc')
show(re.split, '', 'abc')
show(re.split, r'\b', 'a b')
show(re.split, r'(?=b)', 'abab')
show(re.findall, '', 'ab')
show(re.findall, r'\w*', 'ab c')
show(re.sub, r'\s*', '_', 'a b')
show(re.findall, '^', 'a\nb\n', re.M)
show(re.findall, '$', 'a\nb\n', re.M)
show(re.findall, '$', 'a\nb\n')
show(lambda: [m.span() for m in re.finditer(r'a*|b', 'baab')])
""",
    "match_objects": r"""
m = re.match(r'(?P<first>\w+) (?P<last>\w+)(?P<rest> .*)?', 'Jane Doe')
print(m)
print(m.group(), m.group(0), m.group(1, 2), m.group('last', 1), m['first'], m[2], m.groups(), m.groups('-'))
print(m.groupdict(), m.groupdict(''), m.span(), m.span(2), m.start('last'), m.end(), m.start(3), m.span('rest'))
print(m.lastindex, m.lastgroup, m.pos, m.endpos, m.re, m.string, m.regs)
print(m.expand(r'\g<last>, \1 (\g<0>) \2\n'), m.expand(r'[\g<rest>]'))
show(m.group, 4)
show(m.group, 'nope')
show(m.start, 9)
for pattern, subject in [(r'((a)(b))', 'ab'), (r'(a)(b)?', 'a'), (r'(a)()', 'a'), (r'(a())', 'a'), (r'(a)|(b)', 'b'),
                         (r'(?:(a)|b)+', 'ab'), (r'x', 'x'), (r'(?P<n>a)(b)', 'ab'), (r'(a)(?P<n>b)', 'ab')]:
    m = re.match(pattern, subject)
    print(pattern, m.lastindex, m.lastgroup, m.groups())
print(re.match('x', 'y'), re.match('', ''), bool(re.match('', '')))
p = re.compile(r'\d')
print(p.search('a1b2', 2), p.search('a1b2', 2, 3), p.match('a1', 1), p.findall('1234', 1, 3), p.search('a1', 5))
print(p.search('123', -5, 100), p.fullmatch('a1b', 1, 2), list(p.finditer('12345', 1, 4)))
m = p.search('éé1', 1)
print(m, m.span(), m.pos, m.endpos)
m = re.compile(r'$').search('abc', 0, 2)
print(m, m.endpos)
""",
    "pattern_objects": r"""
p = re.compile(r'(?P<k>\w+)=(?P<v>[^;]*)', re.I | re.M)
print(p, p.pattern, p.flags, p.groups, p.groupindex, dict(p.groupindex), p.groupindex['v'])
print(re.compile('a'), re.compile(b'a'), re.compile('a', re.A), re.compile('a', re.X | re.S))
print(re.compile('(?i)a').flags, re.compile(b'(?i)a').flags, re.compile('a', re.U).flags, re.compile('(?s)a'))
print(re.compile('x' * 300))
print(repr(re.I), str(re.M), re.I | re.M, f'{re.S}', re.IGNORECASE.value, re.A.name, int(re.X | re.M))
print(re.compile('a') == re.compile('a'), re.compile('a') == re.compile('a', re.I), re.compile(p) is p)
show(re.compile, p, re.I)
show(re.compile, 5)
show(re.match, 'a', b'a')
show(re.match, b'a', 'a')
show(re.match, 'a', 5)
show(re.compile, 'a', re.L)
show(re.compile, b'a', re.U)
show(re.compile, 'a', re.A | re.U)
""",
    "syntax": r"""
show(re.search, r'\bfoo\b', 'a foo b')
show(re.search, r'\Bfoo', 'afoo')
show(re.findall, r'\d{2,3}', '1 12 123 1234')
show(re.findall, r'a{,2}', 'aaa')
show(re.findall, r'a{2,}', 'a aa aaa')
show(re.findall, r'x{}', 'x{}')
show(re.findall, r'x{a}', 'x{a}')
show(re.findall, r'x{1,2', 'x{1,2')
show(re.findall, r'a{1}?', 'aa')
show(re.search, '^b', 'a\nb', re.M)
show(re.findall, r'.', 'a\nb', re.S)
show(re.findall, r'.', 'a\nb')
show(re.search, r'a$', 'a\n')
show(re.search, r'a\Z', 'a\n')
show(re.search, r'\Aa', 'ba')
show(re.match, r'(?<=a)b', 'ab')
show(re.search, r'(?<=a)b', 'ab')
show(re.search, r'(?<!a)b', 'ab cb')
show(re.search, r'foo(?=bar)', 'foobar')
show(re.search, r'foo(?!bar)', 'foobar foobaz')
show(re.match, r'(?>a+)b', 'aaab')
show(re.match, r'(?>a+)ab', 'aaab')
show(re.match, r'a++b', 'aaab')
show(re.match, r'a*+a', 'aaa')
show(re.match, r'(a)?(?(1)b|c)', 'c')
show(re.match, r'(?P<q>")?\w+(?(q)")', '"word"')
show(re.findall, r'(\w)\1', 'aabbcd')
show(re.findall, r'(?P<c>\w)(?P=c)', 'xxyz')
show(re.match, r'(?i:a)B', 'AB')
show(re.match, r'(?i:a)B', 'Ab')
show(re.match, r'(?-i:a)B', 'aB', re.I)
show(re.match, r'a(?#comment)*', 'aaa')
show(re.findall, r'[\d-]+', '1-2 3')
show(re.findall, r'[]a]+', 'a]b')
show(re.findall, r'[^]a]+', 'a]b')
show(re.findall, r'[a-]+', 'a-b')
show(re.findall, r'[x[:alpha:]]+', 'ab:[x]')
show(re.findall, r'[\w.%+-]+@[\w.-]+\.[a-z]{2,}', 'mail a.b+c@ex-ample.co.uk, x@y')
show(re.findall, '\\x41\\101\\u00e9\\U0001F600\\0\\n\\t\\v\\a', 'AAé😀\x00\n\t\x0b\x07')
show(re.findall, r'[\x41-\x43\u00e9\b]', 'ABCDé\x08')
show(re.findall, r'\$\d+\.\d\d', 'cost $12.50 or $3.99')
show(re.findall, r'(a|b)*c', 'ababc')
show(re.findall, r'a.*?b', 'a1b a22b')
show(re.findall, r'a.+?b', 'ab a22b')
show(re.findall, r'(?s)a.b', 'a\nb')
show(re.findall, r'(?x) a b  # comment', 'ab')
show(re.findall, r'(?x)[ ]a\ b', ' a b')
show(re.findall, r'(?m)^\w+$', 'one\ntwo\n')
""",
    "unicode_and_bytes": r"""
show(re.findall, r'\w+', 'héllo wörld naïve café Ωmega 数字')
show(re.findall, r'\w+', 'héllo', re.A)
show(re.findall, r'\d+', 'a١٢٣b 42')
show(re.findall, r'\d+', 'a١٢٣b 42', re.A)
show(lambda: [hex(ord(c)) for c in re.findall(r'\s', 'a\u00a0b\u2003c\td\u3000')])
show(re.search, r'é+', 'caféé')
show(re.search, 'É', 'é', re.I)
show(re.search, 'straße', 'STRASSE', re.I)
show(lambda: [m.span() for m in re.finditer(r'ö', 'aöböc')])
show(lambda: [m.span() for m in re.finditer(r'\b\w', 'añb çd 😀e')])
show(re.sub, r'(\w)(\w)', r'\2\1', 'ñaöb')
show(re.split, r'é', 'aébéc')
show(re.findall, rb'\w+', b'abc d\xe9f')
show(re.split, rb'\s', b'a b')
show(re.sub, rb'(\d)', rb'<\1>', b'a1b2')
show(re.findall, rb'[\x80-\xff]+', 'café'.encode())
show(re.search, rb'(?i)ABC', b'xabc')
show(re.match, rb'.', bytearray(b'xy'))
show(re.findall, rb'\d', memoryview(b'a1b2'))
""",
    "sub_templates": r"""
show(re.sub, r'(\w+)@(\w+)', r'\2 at \1', 'joe@site x@y')
show(re.sub, r'(?P<w>\w+)', lambda m: m.group('w').upper(), 'ab cd')
show(re.sub, r'a', r'\n\t\\', 'xa')
show(re.sub, r'(a)|b', r'[\1]', 'ab')
show(re.sub, r'(a)', r'\g<1>0', 'a')
show(re.sub, r'(a)', r'\10', 'a')
show(re.sub, r'(a)', r'\0101', 'a')
show(re.sub, r'a', r'\q', 'a')
show(re.sub, r'(a)', r'\2', 'a')
show(re.sub, r'(a)', r'\g<x>', 'a')
show(re.sub, r'(a)', r'\g<1', 'a')
show(re.sub, r'(a)', r'\g', 'a')
show(re.sub, r'(a)', r'\g<>', 'a')
show(re.sub, r'(a)', r'\g<-1>', 'a')
show(re.sub, r'(a)', '\\', 'a')
show(re.sub, r'a', lambda m: 5, 'a')
show(re.sub, r'a', lambda m: 5, 'xa')
show(re.sub, r'a', lambda m: None, 'xay')
show(re.sub, rb'a', lambda m: 'x', b'ya')
show(re.sub, r'\d+', lambda m: str(int(m.group()) * 2), 'a1 b22 c333')
show(re.subn, r'x', 'y', 'abc')
show(re.sub, r'(?P<year>\d{4})-(?P<month>\d\d)', r'\g<month>/\g<year>', 'on 2024-03 and 1999-12')
show(re.sub, rb'a', rb'\x', b'a')
""",
    "errors": r"""
for pattern in ['(', ')', 'a**', '*a', '+', 'a{3,2}', '[a', '[', r'\q', '(?P<1>a)', '(?P<a>x)(?P<a>y)', r'(a)\2',
                r'(a\1)', '(?<n>a)', 'a(?i)b', '(?i)(?m)ab', '((?i)a)', '(?z)', r'\x4', r'\u12', r'[z-a]', r'[\d-z]',
                r'(?P=nope)', '(?#abc', '(a', '(a)(b', 'x|*', r'(?(3)a|b)', r'(?(1)a|b|c)', r'(a)(?(1)a|b|c)', '\\',
                '(?', '(?P', '(?Px', r'\8', r'[\8]', r'\777', r'[\777]', '(?i-i:a)', '(?L)a', '(?u)a', '(?a)(?u)a',
                '(?-a:x)', '(?i', '(?i-', '(?i-:a)', '(?-', '^*', r'\b+', 'a{1}{2}', 'a*?+', '(?P<>a)', '(?P<a',
                '(?P=', '(?(', '(?()a)', '(?(0)a)', '(?(-1)a)', '(?(a)b)', 'ab\ncd(', r'(?<=a+)b',
                '(?x)a #(', 'a{4294967295}', '[a-\\d]', r'\k<a>', r'\Ga', r'\K', '(?|a)', '(?R)',
                '(*FAIL)', r'\p{L}', '(?&a)', r'\cA', r'\e', r'\Q*\E']:
    err(pattern)
err(b'(?u)a')
err(b'\\u0041')
err(b'(?L)a')
err('(?L)a')
err('a', re.L)
try:
    re.compile('(a')
except re.error as e:
    print(type(e).__name__, e.args, isinstance(e, Exception), e.pattern)
""",
    "agent_style_parsing": r"""
log = '''127.0.0.1 - - [10/Oct/2023:13:55:36 +0000] "GET /index.html HTTP/1.1" 200 2326
10.0.0.7 - bob [10/Oct/2023:13:56:01 +0000] "POST /api/v1/items?id=7 HTTP/2.0" 201 512
192.168.1.20 - - [10/Oct/2023:13:57:12 +0000] "GET /missing HTTP/1.1" 404 0'''
LINE = re.compile(r'(?P<ip>\d{1,3}(?:\.\d{1,3}){3}) \S+ (?P<user>\S+) \[(?P<ts>[^\]]+)\] '
                  r'"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/(?P<ver>[\d.]+)" (?P<status>\d{3}) (?P<size>\d+)')
rows = [LINE.match(line).groupdict() for line in log.splitlines()]
for row in rows:
    print(f"{row['ip']:<15} {row['method']:<5} {row['status']} {int(row['size']):>6,} {row['path']}")
by_status = {}
for m in LINE.finditer(log):
    by_status.setdefault(m['status'][0] + 'xx', []).append(m.start())
print(by_status)
config = '''
# settings
name = Demo App
debug=true
  port = 8080
empty =
'''
pairs = dict(re.findall(r'^\s*([A-Za-z_]\w*)\s*=\s*(.*?)\s*$', config, re.M))
print(pairs)
snake = [re.sub(r'(?<!^)(?=[A-Z])', '_', n).lower() for n in ['CamelCase', 'HTTPServer', 'getX', 'already_snake']]
print(snake)
words = re.findall(r"[a-zà-ÿ']+", "It's the café's best crème brûlée; isn't it?".lower())
print(words, len(words))
print(re.sub(r'\s{2,}', ' ', '  lots   of\t\tspace  ').strip())
print([s for s in re.split(r'(?<=[.!?])\s+', 'One. Two! Three? Four') if s])
version = re.compile(r'^v?(\d+)\.(\d+)(?:\.(\d+))?(?:-([\w.]+))?$')
for v in ['1.2.3', 'v10.0', '2.1.0-rc.1', 'x1.2']:
    m = version.match(v)
    print(v, m and m.groups(), m and m.lastindex)
""",
    "unicode_word_and_boundaries": r"""
import unicodedata
t = unicodedata.normalize("NFD", "Crème brûlée, naïve café! a\u203fb x_y \u00b2")
print(re.sub(r"[^\w\s]", "", t))
print(re.findall(r"\b\w+\b", t), re.findall(r"\w+", t))
print(re.sub(r"\W+", "-", t), re.findall(r"[\W\d]+", "ab1 c-d"), re.findall(r"[^\W\d]+", "ab1 c_d e\u0301"))
print(re.findall(r"\Bb", "abc b"), re.findall(r"[\w-]+", "e\u0301-x"), re.findall(r"[^\w]+", "e\u0301x"))
print(re.findall(r"(?a:\w+)", "e\u0301x caf\u00e9"), re.findall(r"(?a:\b)x", "\u00e9x x"), re.findall(r"(?a)\w+", "caf\u00e9"))
print(re.findall(r"\s", "a\x1cb\x1d\x85 "), re.findall(r"(?a:\s)", "a\x1cb c"), re.findall(rb"\w+\b", b"ab cd"))
print(re.findall(r"\w+", "日本語 ٣٤ Ⅻ ½"), re.findall(r"\d+", "٣٤ 12"), re.split(r"\b", "hi there"))
""",
    "finditer_and_scanner": r"""
it = re.finditer(r"\d", "a1b2")
print(type(it).__name__, iter(it) is it, [m.group() for m in it], list(it))
print(type(re.compile("x").finditer("xx", 1)).__name__, [m.span() for m in re.compile("x").finditer("xxx", 1, 2)])
def ident(scanner, token):
    return ("ID", token)
scanner = re.Scanner([
    (r"[a-z_]\w*", ident),
    (r"\d+(?:\.\d+)?", lambda s, t: ("NUM", float(t) if "." in t else int(t))),
    (r"\s+", None),
    (r"[=+*/()-]", lambda s, t: ("OP", t)),
])
print(scanner.scan("total = price*2 + tax_1 - (3.5/x) ?rest"))
print(scanner.scan(""), re.Scanner([(r"a*", None)]).scan("bbb"), re.Scanner([(r"A", "a")], re.I).scan("aAb"))
""",
}


@pytest.mark.parametrize("name", list(CASES))
def test_re_prints_what_cpython_prints(name):
    assert_prints_what_cpython_prints(PRELUDE + CASES[name])


@pytest.mark.parametrize(
    "pattern, subject",
    [
        (r"(a+)+$", "a" * 40 + "!"),
        (r"^(\w+\s?)*$", "an agent wrote this pattern against a long line of words!"),
        (r"^(a|a?)+$", "a" * 40 + "b"),
        (r"(?:x+x+)+y", "x" * 40 + "zy"),
    ],
)
def test_catastrophic_patterns_stop_at_the_time_limit_and_the_session_survives(pattern, subject):
    with Sandbox(time_limit=0.5, hard_grace=1) as sb:
        sb.run("import re\nkept = 42", eval_trailing=False)
        with pytest.raises(SandboxTimeout) as info:
            sb.run(f"re.search({pattern!r}, {subject!r})")
        assert not info.value.session_reset
        assert "KeyboardInterrupt" in info.value.traceback
        assert sb.run("kept, re.findall(r'\\d+', 'a1b22')").value == "(42, ['1', '22'])"


def test_a_match_beyond_the_memory_limit_is_a_memory_error_and_the_session_survives():
    # PCRE2 allocates its backtracking frames from the GC heap: a match that needs more than the run may
    # have is a MemoryError like any other allocation.
    with Sandbox(memory_limit=16 * 2**20, time_limit=30) as sb:
        result = sb.run(
            "import re\n"
            "try:\n"
            "    re.search(r'(?:(a)|b)*c', 'ab' * 3_000_000)\n"
            "    print('no error')\n"
            "except MemoryError:\n"
            "    print('MemoryError')\n"
            "print(re.findall('b+', 'abba'))",
            eval_trailing=False,
        )
        assert result.stdout == "MemoryError\n['bb']\n"
