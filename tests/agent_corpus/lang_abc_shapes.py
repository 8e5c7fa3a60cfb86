from abc import ABC, abstractmethod
import math


class Shape(ABC):
    @abstractmethod
    def area(self) -> float: ...

    @abstractmethod
    def perimeter(self) -> float: ...

    def describe(self) -> str:
        return f"{type(self).__name__}: area={self.area():.2f} perimeter={self.perimeter():.2f}"


class Square(Shape):
    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side**2

    def perimeter(self):
        return 4 * self.side


class Circle(Shape):
    def __init__(self, r):
        self.r = r

    def area(self):
        return math.pi * self.r**2

    def perimeter(self):
        return 2 * math.pi * self.r


class Broken(Shape):
    def area(self):
        return 0


for shape in (Square(2), Circle(1.5)):
    print(shape.describe())
for cls in (Shape, Broken):
    try:
        cls()
    except TypeError as e:
        print("TypeError:", e)
print(sorted(Broken.__abstractmethods__), sorted(Square.__abstractmethods__))
print(isinstance(Square(1), Shape), issubclass(Circle, ABC))
