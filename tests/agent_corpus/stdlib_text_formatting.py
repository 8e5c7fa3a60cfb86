import html
import string
import textwrap

tmpl = string.Template("Dear $name, your order #${order_id} ships on $date. Cost: $$${cost}")
print(tmpl.substitute(name="Ana", order_id=1042, date="2024-05-01", cost="12.50"))
print(tmpl.safe_substitute(name="Bo"))
try:
    tmpl.substitute(name="Cy")
except KeyError as e:
    print("KeyError:", e)

print(string.ascii_letters, string.digits, string.hexdigits, string.punctuation)
print(repr(string.whitespace), string.octdigits, len(string.printable))
f = string.Formatter()
print(f.format("{0}-{name}-{1:>5}", "a", 42, name="n"))
print(list(f.parse("Hi {name!r:>10} and {0}")))

text = """
    The quick brown fox jumps over the lazy dog. Pack my box with five dozen
    liquor jugs. How vexingly quick daft zebras jump!
"""
body = textwrap.dedent(text).strip()
print(textwrap.fill(body, width=30))
print(textwrap.wrap(body, 25)[:3])
print(textwrap.shorten(body, width=40, placeholder=" [...]"))
print(textwrap.indent(textwrap.fill(body, 40), "> "))
print(textwrap.indent("a\n\nb\n", "+ ", predicate=lambda line: True))
print(textwrap.fill("x" * 50, width=20, initial_indent="* ", subsequent_indent="  "))

snippet = '<a href="/q?x=1&y=2">Tom & "Jerry" \'s</a>'
escaped = html.escape(snippet)
print(escaped)
print(html.escape(snippet, quote=False))
print(html.unescape(escaped) == snippet)
print(html.unescape("&eacute;&nbsp;&copy; &#169; &#x263A; &amp;amp; &notanentity; &lt&gt &hellip;&mdash;&euro;"))
