import re

NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
text = "Values: 3, -4.5, +.75, 6.02e23, 1E-9, 1.5.6, abc12def, 0x1F, 1_000"
tokens = NUMBER.findall(text)
print(tokens)
print([float(t) for t in tokens][:6])


def classify(s):
    if re.fullmatch(r"[-+]?\d+", s):
        return "int"
    if re.fullmatch(r"0[xX][0-9a-fA-F]+", s):
        return "hex"
    if re.fullmatch(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?", s):
        return "float"
    if re.fullmatch(r"\d{1,3}(?:_\d{3})+", s):
        return "underscored"
    return "text"


for s in ["42", "-7", "3.14", ".5", "1e10", "0x1F", "1_000", "12a", "", "+0.0e-0"]:
    print(f"{s!r:10} {classify(s)}")

print(re.sub(r"(\d)(?=(?:\d{3})+(?!\d))", r"\1,", "Population 1234567 and 89 and 1000"))
print(re.sub(r"\.?0+$", "", "12.5000"), re.sub(r"\.?0+$", "", "100"), re.sub(r"(\.\d*?)0+$", r"\1", "3.1400"))
percent = re.findall(r"(\d+(?:\.\d+)?)\s?%", "growth 12.5% vs 3 % and 100%")
print([float(p) / 100 for p in percent])
ranges = re.findall(r"(\d+)\s*(?:-|to|–)\s*(\d+)", "ages 18-25, 26 to 40 and 41–65")
print([(int(a), int(b), int(b) - int(a)) for a, b in ranges])
print(re.sub(r"\d+", lambda m: str(int(m.group()) * 2), "3 apples and 10 pears"))
print(re.subn(r"(?<![\d.])(\d+)\.(\d+)(?![\d.])", r"\2.\1", "1.5 and 2.25 but not 1.2.3"))
