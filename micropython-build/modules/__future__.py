"""CPython's `__future__` feature names, so `from __future__ import annotations` works.

MicroPython never evaluates annotations, which is what `annotations` asks for; the other features
are the default behaviour of Python 3. The values are plain markers (CPython's `_Feature` objects
with their version tuples are not reproduced).
"""

all_feature_names = [
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "generator_stop",
    "annotations",
]
nested_scopes = generators = division = absolute_import = with_statement = True
print_function = unicode_literals = generator_stop = annotations = True
