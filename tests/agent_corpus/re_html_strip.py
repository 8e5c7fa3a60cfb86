import re

html = """<html><head><title>Quarterly  Report</title>
<style>body { color: red; }</style></head>
<body><h1 class="title">Sales &amp; Revenue</h1>
<p>Revenue grew <b>12%</b> to &quot;$4.2M&quot;.<br/>Costs &lt; budget.</p>
<!-- internal note: do not publish -->
<ul><li>North: 1,200</li><li>South: 980</li></ul>
<script>var x = "<p>not text</p>";</script></body></html>"""

ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": " "}


def strip_html(s):
    s = re.sub(r"<!--.*?-->", "", s, flags=re.S)
    s = re.sub(r"<(script|style)\b[^>]*>.*?</\1>", "", s, flags=re.S | re.I)
    s = re.sub(r"<br\s*/?>", "\n", s, flags=re.I)
    s = re.sub(r"</(p|h\d|li|title)>", "\n", s)
    s = re.sub(r"<[^>]+>", "", s)
    s = re.sub(r"&(\w+);", lambda m: ENTITIES.get(m.group(1), m.group(0)), s)
    s = re.sub(r"[ \t]+", " ", s)
    s = re.sub(r"\n\s*\n+", "\n", s)
    return s.strip()


text = strip_html(html)
print(text)
print("---")
title = re.search(r"<title>(.*?)</title>", html, re.I | re.S)
print(repr(re.sub(r"\s+", " ", title.group(1))))
print(re.findall(r"<li>([^:<]+):\s*([\d,]+)</li>", html))
print(sum(int(n.replace(",", "")) for n in re.findall(r"<li>[^:]+:\s*([\d,]+)</li>", html)))
attrs = re.findall(r'(\w+)="([^"]*)"', html)
print(attrs)
tags = re.findall(r"<(\w+)", html)
print(len(tags), sorted(set(tags)))
