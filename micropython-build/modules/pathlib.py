"""CPython's `pathlib` for POSIX paths: PurePath/PurePosixPath (pure manipulation: parts, drive, root,
anchor, name, stem, suffix, suffixes, parent, parents, `/`, joinpath, with_name, with_stem,
with_suffix, relative_to, is_relative_to, is_absolute, match, as_posix, comparison, hashing) and
Path/PosixPath, which add what the sandbox's files allow: cwd, exists, is_file, is_dir, stat,
read_text, read_bytes, write_text, write_bytes, open, iterdir, glob (one directory level), mkdir,
unlink, resolve/absolute (lexical). Windows paths are not available."""

import os

__all__ = ["PurePath", "PurePosixPath", "Path", "PosixPath"]


def _parse(args):
    parts = []
    for a in args:
        if isinstance(a, PurePath):
            a = str(a)
        elif hasattr(a, "__fspath__"):
            a = a.__fspath__()
        if not isinstance(a, str):
            raise TypeError(
                "argument should be a str or an os.PathLike object where __fspath__ returns a str, not %r"
                % type(a).__name__
            )
        if a.startswith("/"):
            # an absolute part restarts the path; POSIX keeps exactly two leading slashes
            root = "//" if a.startswith("//") and not a.startswith("///") else "/"
            parts = [root]
        for p in a.split("/"):
            if p and p != ".":
                parts.append(p)
    return parts


class PurePath:
    """A pure POSIX path: manipulation only, no file system access."""

    __slots__ = ("_parts",)

    def __new__(cls, *args):
        if cls is PurePath:
            cls = PurePosixPath
        self = object.__new__(cls)
        self._parts = _parse(args)
        return self

    def __init__(self, *args):
        pass

    @classmethod
    def _from_parts(cls, parts):
        self = object.__new__(cls)
        self._parts = parts
        return self

    def __str__(self):
        parts = self._parts
        if not parts:
            return "."
        if parts[0] in ("/", "//"):
            return parts[0] + "/".join(parts[1:])
        return "/".join(parts)

    def __fspath__(self):
        return str(self)

    def as_posix(self):
        return str(self)

    def __repr__(self):
        return "%s(%r)" % (type(self).__name__, self.as_posix())

    def __bytes__(self):
        return str(self).encode()

    def __hash__(self):
        return hash(tuple(self._parts))

    def __eq__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._parts == other._parts

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def _cmp_key(self, other):
        if not isinstance(other, PurePath):
            raise TypeError(
                "'<' not supported between instances of '%s' and '%s'" % (type(self).__name__, type(other).__name__)
            )
        return self._parts, other._parts

    def __lt__(self, other):
        a, b = self._cmp_key(other)
        return a < b

    def __le__(self, other):
        a, b = self._cmp_key(other)
        return a <= b

    def __gt__(self, other):
        a, b = self._cmp_key(other)
        return a > b

    def __ge__(self, other):
        a, b = self._cmp_key(other)
        return a >= b

    def __truediv__(self, key):
        try:
            return type(self)(self, key)
        except TypeError:
            return NotImplemented

    def __rtruediv__(self, key):
        try:
            return type(self)(key, self)
        except TypeError:
            return NotImplemented

    def joinpath(self, *args):
        return type(self)(self, *args)

    @property
    def parts(self):
        return tuple(self._parts)

    @property
    def drive(self):
        return ""

    @property
    def root(self):
        if self._parts and self._parts[0] in ("/", "//"):
            return self._parts[0]
        return ""

    @property
    def anchor(self):
        return self.root

    def _tail(self):
        return self._parts[1:] if self.root else self._parts

    @property
    def name(self):
        tail = self._tail()
        return tail[-1] if tail else ""

    @property
    def suffix(self):
        name = self.name
        i = name.rfind(".")
        if 0 < i < len(name) - 1:
            return name[i:]
        return ""

    @property
    def suffixes(self):
        name = self.name
        if name.endswith("."):
            return []
        name = name.lstrip(".")
        return ["." + s for s in name.split(".")[1:]]

    @property
    def stem(self):
        name = self.name
        i = name.rfind(".")
        if 0 < i < len(name) - 1:
            return name[:i]
        return name

    @property
    def parent(self):
        tail = self._tail()
        if not tail:
            return self
        return self._from_parts(self._parts[:-1])

    @property
    def parents(self):
        result = []
        p = self
        while True:
            parent = p.parent
            if parent._parts == p._parts:
                break
            result.append(parent)
            p = parent
        return _Parents(result, self)

    def is_absolute(self):
        return bool(self.root)

    def is_reserved(self):
        return False

    def with_name(self, name):
        if not self.name:
            raise ValueError("%r has an empty name" % (self,))
        if not name or "/" in name or name == ".":
            raise ValueError("Invalid name %r" % (name,))
        return self._from_parts(self._parts[:-1] + [name])

    def with_stem(self, stem):
        return self.with_name(stem + self.suffix)

    def with_suffix(self, suffix):
        if "/" in suffix:
            raise ValueError("Invalid suffix %r" % (suffix,))
        if suffix and not suffix.startswith(".") or suffix == ".":
            raise ValueError("Invalid suffix %r" % (suffix,))
        name = self.name
        if not name:
            raise ValueError("%r has an empty name" % (self,))
        old = self.suffix
        if not old:
            name = name + suffix
        else:
            name = name[: -len(old)] + suffix
        return self._from_parts(self._parts[:-1] + [name])

    def relative_to(self, *other):
        if not other:
            raise TypeError("need at least one argument")
        to = type(self)(*other)
        n = len(to._parts)
        if self._parts[:n] != to._parts or (not to._parts and self.root):
            formatted = str(to) if to._parts else ""
            raise ValueError(
                "{!r} is not in the subpath of {!r} OR one path is relative and the other is absolute.".format(
                    str(self), formatted
                )
            )
        return self._from_parts(self._parts[n:])

    def is_relative_to(self, *other):
        try:
            self.relative_to(*other)
            return True
        except ValueError:
            return False

    def match(self, path_pattern):
        from fnmatch import fnmatchcase

        pat = type(self)(path_pattern)
        if not pat._parts:
            raise ValueError("empty pattern")
        parts = self._parts
        pat_parts = pat._parts
        if pat.root:
            if len(pat_parts) != len(parts):
                return False
        elif len(pat_parts) > len(parts):
            return False
        for part, p in zip(reversed(parts), reversed(pat_parts)):
            if not fnmatchcase(part, p):
                return False
        return True


class _Parents:
    def __init__(self, items, path):
        self._items = items
        self._path = path

    def __len__(self):
        return len(self._items)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return tuple(self._items[i])
        if i < 0:
            i += len(self._items)
        if i < 0 or i >= len(self._items):
            raise IndexError(i)
        return self._items[i]

    def __iter__(self):
        return iter(self._items)

    def __repr__(self):
        return "<%s.parents>" % type(self._path).__name__


class PurePosixPath(PurePath):
    __slots__ = ()


class Path(PurePosixPath):
    """A POSIX path with the file operations the sandbox allows (its whitelisted files)."""

    __slots__ = ()

    def __new__(cls, *args, **kwargs):
        if cls is Path:
            cls = PosixPath
        self = object.__new__(cls)
        self._parts = _parse(args)
        return self

    @classmethod
    def cwd(cls):
        return cls(os.getcwd())

    @classmethod
    def home(cls):
        return cls("/")

    def absolute(self):
        if self.is_absolute():
            return self
        return type(self)(os.getcwd(), self)

    def resolve(self, strict=False):
        parts = []
        for p in self.absolute()._parts:
            if p == "..":
                if len(parts) > 1:
                    parts.pop()
            else:
                parts.append(p)
        return self._from_parts(parts)

    def stat(self):
        return os.stat(str(self))

    def exists(self):
        try:
            os.stat(str(self))
            return True
        except OSError:
            return False

    def is_dir(self):
        try:
            return os.stat(str(self))[0] & 0o170000 == 0o040000
        except OSError:
            return False

    def is_file(self):
        try:
            return os.stat(str(self))[0] & 0o170000 == 0o100000
        except OSError:
            return False

    def open(self, mode="r", buffering=-1, encoding=None, errors=None, newline=None):
        return open(str(self), mode)

    def read_text(self, encoding=None, errors=None):
        with open(str(self), "r") as f:
            return f.read()

    def read_bytes(self):
        with open(str(self), "rb") as f:
            return f.read()

    def write_text(self, data, encoding=None, errors=None, newline=None):
        if not isinstance(data, str):
            raise TypeError("data must be str, not %s" % type(data).__name__)
        with open(str(self), "w") as f:
            return f.write(data)

    def write_bytes(self, data):
        data = bytes(data)
        with open(str(self), "wb") as f:
            return f.write(data)

    def iterdir(self):
        for name in os.listdir(str(self)):
            yield self / name

    def glob(self, pattern):
        from fnmatch import fnmatchcase

        for child in self.iterdir():
            if fnmatchcase(child.name, pattern):
                yield child

    def mkdir(self, mode=0o777, parents=False, exist_ok=False):
        try:
            os.mkdir(str(self))
        except OSError:
            if not exist_ok or not self.is_dir():
                raise

    def unlink(self, missing_ok=False):
        try:
            os.remove(str(self))
        except OSError:
            if not missing_ok:
                raise


class PosixPath(Path):
    __slots__ = ()
