import re

doc = """BEGIN report
alpha: 1
beta: 2
  gamma: 3
END report
trailing line
"""

print(re.findall(r"^\w+", doc))
print(re.findall(r"^\w+", doc, re.M))
print(re.findall(r"^\s*(\w+):", doc, re.M))
print(re.findall(r"\d$", doc, re.M), re.findall(r"\w+$", doc))
block = re.search(r"BEGIN (\w+)(.*?)END \1", doc, re.S)
print(repr(block.group(2).strip()))
print(re.search(r"BEGIN.*END", doc), bool(re.search(r"(?s)BEGIN.*END", doc)))
print(re.search(r"\Aline", "line one\nline two"), re.search(r"^line two", "line one\nline two", re.M).start())
print(re.search(r"two\Z", "line one\nline two").span(), re.search(r"two\Z", "line two\n"))
print(re.search(r"two$", "line two\n").span(), re.findall(r"$", "a\nb\n"), re.findall(r"(?m)$", "a\nb\n"))
print(re.sub(r"(?m)^", "> ", "quoted\nreply"))
print(re.sub(r"(?m)\s+$", "", "trailing   \nspaces\t\nend"))
print(re.split(r"\n(?=\S)", "item 1\n  detail a\nitem 2\n  detail b"))
print(re.findall(r".", "a\nb"), re.findall(r".", "a\nb", re.DOTALL), re.findall(r"(?s:.)b", "a\nb"))
print([m.group() for m in re.finditer(r"^(?:(?!END).)+$", doc, re.M)][:3])
