from __future__ import annotations

import typing
from dataclasses import dataclass, field, fields
from typing import Optional, Literal


@dataclass
class Column:
    name: str
    kind: Literal["int", "text", "real"] = "text"
    nullable: bool = True


@dataclass
class Table:
    name: str
    columns: list[Column] = field(default_factory=list)
    parent: Optional[Table] = None

    def add(self, name: str, kind: str = "text", nullable: bool = True) -> Table:
        self.columns.append(Column(name, kind, nullable))
        return self

    def ddl(self) -> str:
        cols = ", ".join(
            f"{c.name} {c.kind.upper()}{'' if c.nullable else ' NOT NULL'}" for c in self.columns
        )
        return f"CREATE TABLE {self.name} ({cols})"


def describe(obj: Table | Column, *, depth: int = 0) -> dict[str, str]:
    return {f.name: f.type for f in fields(obj)}


orders = Table("orders").add("id", "int", False).add("customer").add("total", "real")
print(orders.ddl())
print(describe(orders))
print(describe(Column("x")))
print(Table.__annotations__)
print(describe.__annotations__)
print(Table.add.__annotations__["return"], typing.get_type_hints(Table.add)["return"] is Table)
hints = typing.get_type_hints(describe)
print(sorted(hints), hints["depth"])
