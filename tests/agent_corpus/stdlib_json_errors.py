import json

inputs = [
    '{"a": 1,}',
    '[1, 2, 3,]',
    '',
    '{"a" 1}',
    '{"a": tru}',
    '[1, 2\n, 3\n, ]',
    '"unterminated',
    '{"a": 1} extra',
    'NaN',
    '{"nested": {"x": [1, {"y": }]}}',
]

for text in inputs:
    try:
        value = json.loads(text)
        print("ok", repr(text), "->", value)
    except json.JSONDecodeError as e:
        print(f"JSONDecodeError: {e.msg!r} at line {e.lineno} col {e.colno} (pos {e.pos})")
        print("   str:", e)
        print("   is ValueError:", isinstance(e, ValueError), e.doc == text)

for bad in [float("nan"), float("inf"), -float("inf")]:
    print(json.dumps(bad), json.dumps([bad]))
    try:
        json.dumps(bad, allow_nan=False)
    except ValueError as e:
        print("ValueError:", e)

print(json.loads("[NaN, Infinity, -Infinity]"))
