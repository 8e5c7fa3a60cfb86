import re

TEMPLATE = """Hello {{ name }},
Your order #{{order.id}} of {{ order.count }} item(s) totals {{ order.total | money }}.
{{ missing }} {{ name | upper }} {{{{ literal }}}}"""

context = {"name": "Ada", "order": {"id": 1042, "count": 3, "total": 59.9}}
FILTERS = {"upper": str.upper, "money": lambda v: f"${v:.2f}", "lower": str.lower}
missing = []


def lookup(path):
    value = context
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            raise KeyError(path)
        value = value[part]
    return value


def render_tag(m):
    if m.group("escaped"):
        return "{{" + m.group("escaped").strip() + "}}"
    expr = m.group("expr")
    path, *filters = [p.strip() for p in expr.split("|")]
    try:
        value = lookup(path)
    except KeyError:
        missing.append(path)
        return m.group(0)
    for f in filters:
        value = FILTERS[f](value)
    return str(value)


TAG = re.compile(r"\{\{\{\{(?P<escaped>.*?)\}\}\}\}|\{\{\s*(?P<expr>[\w.]+(?:\s*\|\s*\w+)*)\s*\}\}")
out, n = TAG.subn(render_tag, TEMPLATE)
print(out)
print("replaced", n, "missing", missing)

print(
    re.sub(
        r"\$(\w+)|\$\{(\w+)\}",
        lambda m: str({"user": "bob", "n": 3}.get(m.group(1) or m.group(2), "?")),
        "hi $user, you have ${n} new ${things}",
    )
)
simple = re.compile(r"%\((\w+)\)s")
print(simple.sub(lambda m: context.get(m.group(1), "").upper(), "name=%(name)s other=%(x)s"))
print(TAG.pattern.count("{"), TAG.groups, sorted(TAG.groupindex))
m = TAG.search(TEMPLATE)
print(m.expand(r"[\g<expr>] at \g<0>"), m.expand(r"\1|\2"))
