import json
from collections import OrderedDict, namedtuple

doc = '{"name": "widget", "price": 12.50, "qty": 3, "dims": {"w": 1.25, "h": 2}, "ok": true}'

print(json.loads(doc, parse_float=lambda s: ("float", s)))
print(json.loads(doc, parse_int=float))
print(json.loads(doc, parse_int=str, parse_float=str))
pairs = json.loads(doc, object_pairs_hook=list)
print(pairs)
print(json.loads(doc, object_pairs_hook=OrderedDict))

Item = namedtuple("Item", "name price qty dims ok")


def as_item(d):
    if "name" in d:
        return Item(**d)
    return d


item = json.loads(doc, object_hook=as_item)
print(item, item.dims["w"] * item.qty)

print(json.loads('[NaN, -Infinity]', parse_constant=lambda s: "const:" + s))

decoder = json.JSONDecoder()
stream = '{"a": 1}  {"b": [2, 3]} [4]'
pos = 0
objs = []
while pos < len(stream):
    while pos < len(stream) and stream[pos] == " ":
        pos += 1
    if pos >= len(stream):
        break
    obj, pos = decoder.raw_decode(stream, pos)
    objs.append(obj)
print(objs, pos)
print(decoder.decode('{"dup": 1, "dup": 2}'))
print(json.loads('"\\u00e9\\ud83d\\ude00 tab\\t"'))
print(json.dumps("é😀\u2028 tab\t quote\" slash/ back\\"))
print(json.dumps("é😀", ensure_ascii=False))
