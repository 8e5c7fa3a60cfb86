import re

doc = """# Release notes

See the [installation guide](https://example.com/docs/install) and the
[FAQ](https://example.com/faq "Frequently asked"). Images: ![logo](/img/logo.png).
Bare link: <https://example.org/raw> and an [empty]() link.
**Bold** text, *italic* text, `inline code` and __more bold__.
"""

LINK = re.compile(r'(?<!!)\[(?P<text>[^\]]*)\]\((?P<url>[^)\s]*)(?:\s+"(?P<title>[^"]*)")?\)')
for m in LINK.finditer(doc):
    print(m.group("text"), "|", m.group("url") or "<none>", "|", m.group("title"))

images = re.findall(r"!\[([^\]]*)\]\(([^)]+)\)", doc)
print("images:", images)


def to_text(md):
    md = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"[image: \1]", md)
    md = LINK.sub(lambda m: f"{m['text']} <{m['url']}>" if m["url"] else m["text"], md)
    md = re.sub(r"<(https?://[^>]+)>", r"\1", md)
    md = re.sub(r"(\*\*|__)(.+?)\1", lambda m: m.group(2).upper(), md)
    md = re.sub(r"\*(.+?)\*", r"_\1_", md)
    md = re.sub(r"`([^`]+)`", r"'\1'", md)
    md = re.sub(r"^#+\s*(.*)$", lambda m: m.group(1).upper() + "\n" + "=" * len(m.group(1)), md, flags=re.M)
    return md


print(to_text(doc))
headings = re.findall(r"^(#{1,6})\s+(.+)$", doc, re.MULTILINE)
print([(len(h), t) for h, t in headings])
urls = sorted(set(re.findall(r"https?://[\w./-]+", doc)))
print(urls)
