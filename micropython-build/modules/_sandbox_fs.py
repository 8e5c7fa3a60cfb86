# The guest side of the file whitelist (rust/core/src/files.rs): a VFS mounted at "/" whose every
# operation is a host call. The host decides what exists; this module only adapts the calls to
# MicroPython's VFS protocol and provides file objects over the bytes the host returns.
import io

import _host
import _sandbox_vfs

_S_IFDIR = 0x4000
_S_IFREG = 0x8000
_EINVAL = 22
_EBADF = 9
_EROFS = 30


def _join(cwd, path):
    if not path.startswith("/"):
        path = cwd.rstrip("/") + "/" + path
    parts = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part and part != ".":
            parts.append(part)
    return "/" + "/".join(parts)


class _File(io.IOBase):
    """A file over an in-memory copy: reads are served from it, writes reach the host (its in-memory
    overlay) on flush and close."""

    def __init__(self, path, data, mode):
        self.name = path
        self.mode = mode
        self._text = "b" not in mode
        self._readable = "r" in mode or "+" in mode
        self._writable = "r" not in mode or "+" in mode
        self._append = "a" in mode
        self._buf = data.decode() if self._text else bytearray(data)
        self._pos = len(self._buf) if self._append else 0
        self._dirty = "w" in mode or "x" in mode
        self.closed = False

    def _check(self, reading):
        if self.closed:
            raise ValueError("I/O operation on closed file")
        if reading and not self._readable:
            raise OSError(_EBADF, "File not open for reading")
        if not reading and not self._writable:
            raise OSError(_EBADF, "File not open for writing")

    def read(self, size=-1):
        self._check(True)
        end = len(self._buf) if size is None or size < 0 else self._pos + size
        chunk = self._buf[self._pos : end]
        self._pos += len(chunk)
        return chunk if self._text else bytes(chunk)

    def readinto(self, buf):
        chunk = self.read(len(buf))
        buf[: len(chunk)] = chunk
        return len(chunk)

    def readline(self, size=-1):
        self._check(True)
        nl = "\n" if self._text else b"\n"
        end = self._buf.find(nl, self._pos)
        end = len(self._buf) if end < 0 else end + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        chunk = self._buf[self._pos : end]
        self._pos = end
        return chunk if self._text else bytes(chunk)

    def readlines(self):
        return list(self)

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def write(self, data):
        self._check(False)
        if self._text and not isinstance(data, str):
            if isinstance(data, (bytes, bytearray, memoryview)):
                data = bytes(data).decode()
            else:
                raise TypeError("write() argument must be str, not " + type(data).__name__)
        elif not self._text:
            data = bytes(data)
        if self._append:
            self._pos = len(self._buf)
        end = self._pos + len(data)
        if self._text:
            self._buf = self._buf[: self._pos] + data + self._buf[end:]
        else:
            self._buf[self._pos : end] = data
        self._pos = end
        self._dirty = True
        return len(data)

    def seek(self, offset, whence=0):
        if self.closed:
            raise ValueError("I/O operation on closed file")
        base = (0, self._pos, len(self._buf))[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self):
        return self._pos

    def flush(self):
        if self._dirty and not self.closed:
            data = self._buf.encode() if self._text else bytes(self._buf)
            _host.call("_fs_write", self.name, data)
            self._dirty = False

    def close(self):
        if not self.closed:
            self.flush()
            self.closed = True

    def ioctl(self, op, arg):
        if op == 4:  # MP_STREAM_CLOSE
            self.close()
            return 0
        if op == 1:  # MP_STREAM_FLUSH
            self.flush()
            return 0
        return -_EINVAL

    def readable(self):
        return self._readable

    def writable(self):
        return self._writable

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()


class HostFS:
    """MicroPython's user-VFS protocol over the host's whitelist."""

    def __init__(self):
        self._cwd = "/"

    def mount(self, readonly, mkfs):
        pass

    def umount(self):
        pass

    def _path(self, path):
        return _join(self._cwd, path)

    def open(self, path, mode="r"):
        path = self._path(path)
        for c in mode:
            if c not in "rwxab+t":
                raise ValueError("invalid mode: " + mode)
        if "w" in mode:
            data = b""
        elif "x" in mode:
            try:
                _host.call("_fs_stat", path)
            except OSError:
                data = b""
            else:
                raise OSError(17, "File exists: '" + path + "'")
        else:
            try:
                data = _host.call("_fs_read", path)
            except OSError:
                if "a" not in mode:
                    raise
                data = b""
        f = _File(path, data, mode)
        if f._writable:
            f._dirty = True
            f.flush()  # checks the whitelist now (as open() would), and makes a new file visible
        return f

    def ilistdir(self, path):
        for name, is_dir, size in _host.call("_fs_list", self._path(path)):
            yield (name, _S_IFDIR if is_dir else _S_IFREG, 0, size)

    def stat(self, path):
        is_dir, size, mtime = _host.call("_fs_stat", self._path(path))
        return (_S_IFDIR if is_dir else _S_IFREG, 0, 0, 0, 0, 0, size, mtime, mtime, mtime)

    def statvfs(self, path):
        return (4096, 4096, 0, 0, 0, 0, 0, 0, 0, 255)

    def chdir(self, path):
        path = self._path(path)
        is_dir, _, _ = _host.call("_fs_stat", path)
        if not is_dir:
            raise OSError(20, "Not a directory: '" + path + "'")
        self._cwd = path

    def getcwd(self):
        return self._cwd

    def remove(self, path):
        _host.call("_fs_remove", self._path(path))

    def mkdir(self, path):
        raise OSError(_EROFS, "Cannot create directories in the sandbox")

    def rmdir(self, path):
        raise OSError(_EROFS, "Cannot remove directories in the sandbox")

    def rename(self, old, new):
        raise OSError(_EROFS, "Cannot rename files in the sandbox")


def mount():
    # once per session, by the engine's setup (port/main.c): user code has no vfs module
    _sandbox_vfs.mount_root(HostFS())
    import os

    os.chdir("/")
