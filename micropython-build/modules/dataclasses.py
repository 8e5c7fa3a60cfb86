"""`dataclasses` cannot work in this sandbox: MicroPython discards class annotations (`x: int`
leaves no trace in the class), and dataclasses finds its fields through them. Importing it raises
an ImportError that says so and names the alternatives, instead of "no module named".
"""

raise ImportError(
    "dataclasses is not available in this sandbox: MicroPython discards class annotations, which "
    "dataclasses needs to find the fields. Write an __init__ method, or use collections.namedtuple "
    "(or typing.NamedTuple('Name', [('field', type), ...]))"
)
