import html

comments = [
    "Great post! <script>alert('x')</script>",
    'Use "quotes" & ampersands',
    "Caf&eacute; &amp; cr&egrave;me br&ucirc;l&eacute;e",
    "5 &lt; 7 &gt; 3 &#8212; math &#x2713;",
    "Broken &entity; and &amp without semicolon &copy2024",
]
rows = []
for c in comments:
    decoded = html.unescape(c)
    safe = html.escape(decoded)
    rows.append(f"<tr><td>{safe}</td><td>{len(decoded)}</td></tr>")
    print(repr(decoded))
print("<table>\n" + "\n".join(rows) + "\n</table>")
print(html.escape("<a href='x'>", quote=False), html.escape("<a href='x'>"))
print(html.unescape("&nbsp;|&NotNestedLessLess;|&fjlig;|&#x1F600;|&#0;|&#x110000;|&#128;"))
