from abc import ABC, abstractmethod
from typing import (Optional, Union, Protocol, TypedDict, Generic, TypeVar, get_type_hints, cast,
                    List, Dict, Callable, Any, Iterable, Tuple, NamedTuple, Literal, runtime_checkable)
import typing

T = TypeVar("T")
K = TypeVar("K", bound=str)

class Shape(ABC):
    @abstractmethod
    def area(self) -> float: ...
    @property
    @abstractmethod
    def name(self) -> str: ...
    def describe(self) -> str:
        return f"{self.name} with area {self.area():.2f}"

class Circle(Shape):
    def __init__(self, r: float):
        self.r = r
    def area(self) -> float:
        return 3.14159 * self.r ** 2
    @property
    def name(self):
        return "circle"

class Square(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s * self.s

try:
    Square(2)
except TypeError as e:
    print("TypeError:", e)
try:
    Shape()
except TypeError as e:
    print("TypeError:", e)
print(Circle(2).describe())
print(Shape.__abstractmethods__ == frozenset({"area", "name"}), sorted(Square.__abstractmethods__))

class Movie(TypedDict):
    title: str
    year: int

class Movie2(Movie, total=False):
    rating: float

m: Movie = {"title": "Alien", "year": 1979}
print(m, type(m), sorted(Movie2.__required_keys__), sorted(Movie2.__optional_keys__))
print(get_type_hints(Movie2))

class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []
    def push(self, item: T) -> None:
        self.items.append(item)
    def pop(self) -> T:
        return self.items.pop()
    def __repr__(self):
        return f"Stack({self.items!r})"

s = Stack[int]()
s.push(1); s.push(2)
print(s.pop(), s, Stack.__parameters__ if hasattr(Stack, "__parameters__") else None)

@runtime_checkable
class Drawable(Protocol):
    def draw(self) -> str: ...

class Box:
    def draw(self) -> str:
        return "[]"

def render(d: Drawable) -> str:
    return d.draw()

print(render(Box()), isinstance(Box(), Drawable))

def process(x: Union[int, str], y: Optional[List[int]] = None) -> Dict[str, Any]:
    return {"x": x, "y": y}

hints = get_type_hints(process)
for k, v in hints.items():
    print(k, v)
print(Optional[int], Union[int, str], Union[int, None], List[Dict[str, int]], Callable[[int], str])
print(Tuple[int, ...], Literal["a", "b"], typing.get_origin(List[int]), typing.get_args(Dict[str, int]))
print(cast(int, "abc"), cast("List[int]", [1]))

class Pair(NamedTuple):
    left: int
    right: int = 0
    def total(self) -> int:
        return self.left + self.right

p = Pair(3)
print(p, p.total(), p._asdict(), p._replace(right=9), Pair._fields, Pair.__annotations__)
print(isinstance(p, tuple), p[0], len(p))
a, b = p
print(a, b)
print(process.__annotations__)
print(Optional[int] == Union[int, None], int | None, list[int], dict[str, list[int]])
print(typing.get_type_hints(Circle.area))
