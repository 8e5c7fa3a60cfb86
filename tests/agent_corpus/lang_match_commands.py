import json

commands = [
    "move 3 4",
    "say hello world",
    "quit",
    "move x 1",
    "undo 2",
    "",
]


def parse(line: str):
    parts = line.split()
    match parts:
        case []:
            return ("noop",)
        case ["quit" | "exit"]:
            return ("quit",)
        case ["move", x, y] if x.isdigit() and y.isdigit():
            return ("move", int(x), int(y))
        case ["move", *rest]:
            return ("error", f"bad move: {rest}")
        case ["say", *words]:
            return ("say", " ".join(words))
        case [verb, *_]:
            return ("unknown", verb)


for line in commands:
    print(f"{line!r:<20} -> {parse(line)}")

events = [
    {"type": "click", "pos": {"x": 1, "y": 2}},
    {"type": "key", "key": "q", "mods": ["ctrl"]},
    {"type": "scroll", "delta": -3},
    {"kind": "other"},
]
for ev in events:
    match ev:
        case {"type": "click", "pos": {"x": x, "y": y}}:
            print("click at", x, y)
        case {"type": "key", "key": str(k), **rest}:
            print("key", k, json.dumps(rest))
        case {"type": t}:
            print("unhandled type", t)
        case _:
            print("not an event")
