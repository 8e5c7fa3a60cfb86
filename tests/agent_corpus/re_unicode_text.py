import re

names = [
    "José Álvarez",
    "Zoë O'Brien",
    "François-Xavier Dupont",
    "Søren Kierkegaard",
    "李小龍",
    "Mary-Jane  Watson",
]
for n in names:
    initials = "".join(re.findall(r"\b\w", n))
    parts = re.split(r"[\s-]+", n)
    print(f"{n:24} initials={initials:4} parts={len(parts)}")

print(re.findall(r"(?i)é", "Café CAFÉ cafe"), re.findall(r"É", "é É", re.I))
print(re.findall(r"[à-ÿ]", "àéîõü and AEIOU"))
print(re.findall(r"\w+", "naïve café", re.ASCII), re.findall(r"\w+", "naïve café"))
print(re.sub(r"\s+", " ", "tabs\tand\u00a0nbsp\u2003em-space"), re.findall(r"\s", "a\u3000b\x1cc"))
print(re.findall(r"\d", "٣ 3 ３"), re.findall(r"\d", "٣ 3 ３", re.A))
print(re.sub(r"[^\w\s]", "", "¡Hola, señor! ¿Qué tal?"))
print(re.match(r"(\w+)\s(\w+)", "Ελληνικά κείμενα").groups())
m = re.search(r"(?P<city>[A-ZÀ-Ý][a-zà-ÿ]+)", "welcome to Zürich!")
print(m.group("city"), m.span(), m.start(), m.end("city"))
print(re.findall(r"\b\w{5}\b", "émile ünder ärger plain five"))
print(re.sub("ö", "oe", "Schrödinger's Köln"), len(re.findall(r".", "日本語テキスト")))
print(re.split(r"、|。", "今日は、晴れです。明日も"))
print(re.findall(r"[\u4e00-\u9fff]+", "mixed 中文 text 汉字"))
