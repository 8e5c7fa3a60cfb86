import re


def camel_to_snake(name):
    s = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s).lower()


def snake_to_camel(name, upper_first=False):
    parts = re.split(r"_+", name.strip("_"))
    head = parts[0].capitalize() if upper_first else parts[0]
    return head + "".join(p.capitalize() for p in parts[1:])


def kebab(name):
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|[_\s]+", "-", name).lower()


names = ["getHTTPResponseCode", "HTTPServer", "userID", "simpleName", "already_snake", "XMLHttpRequest2Go"]
for n in names:
    print(f"{n:22} {camel_to_snake(n):26} {kebab(n)}")

for s in ["user_id", "__private_var", "http_response_code", "x"]:
    print(s, snake_to_camel(s), snake_to_camel(s, upper_first=True))

record = {"firstName": "Ada", "lastName": "Lovelace", "birthYear": 1815, "isActive": True}
print({camel_to_snake(k): v for k, v in record.items()})

words = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?=[A-Z][a-z]|\d|\b)|\d+", "parseXMLDocument42Fast")
print(words)
print(re.sub(r"\b(\w)(\w*)\b", lambda m: m.group(1).upper() + m.group(2).lower(), "the QUICK brown fOX"))
print(re.sub(r"(?<=\d)(?=(\d{3})+$)", ",", "1234567"))
