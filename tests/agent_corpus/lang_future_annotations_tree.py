from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Category:
    name: str
    children: list = field(default_factory=list)
    parent: object = None

    def add(self, name: str) -> Category:
        child = Category(name, parent=self)
        self.children.append(child)
        return child

    def path(self) -> str:
        return self.name if self.parent is None else f"{self.parent.path()}/{self.name}"

    def walk(self, depth: int = 0) -> Iterator[tuple[int, Category]]:
        yield depth, self
        for child in self.children:
            yield from child.walk(depth + 1)


def build(paths: list[str]) -> Category:
    root = Category("root")
    index: dict[str, Category] = {"": root}
    for p in sorted(paths):
        parts = p.split("/")
        for i in range(1, len(parts) + 1):
            key = "/".join(parts[:i])
            if key not in index:
                index[key] = index["/".join(parts[: i - 1])].add(parts[i - 1])
    return root


tree = build(["food/fruit/apple", "food/fruit/pear", "food/bread", "tools/saw"])
for depth, node in tree.walk():
    print("  " * depth + node.name, len(node.children))
print(tree.children[0].children[1].path())
print(sorted(Category.__annotations__), Category.add.__name__, Category(name="x").parent)
