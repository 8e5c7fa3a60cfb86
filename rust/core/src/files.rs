//! The file whitelist: the only host files guest code can see, each mapped at a guest path by the
//! host. Guest code reaches them through a VFS (`micropython-build/modules/_sandbox_fs.py`) whose
//! every operation is one of the host functions here.
//!
//! The guest's view is a virtual tree built from the whitelist alone: a guest path names a host file
//! only if it is a whitelisted file, or lies inside a whitelisted directory and still resolves inside
//! it after the host follows symlinks. Guest paths are normalized lexically (`..` cannot climb above
//! the virtual root, which holds nothing but the whitelist). Writes never reach the host: they land in
//! an in-memory overlay that the host can read back (`Files::written`), and all of them together count
//! against the `file_write_limit` (beyond it a write fails as on a full disk). Only regular files are
//! ever opened on the host, without blocking: a FIFO, device or socket inside a whitelisted directory
//! is refused.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use parking_lot::Mutex;

use crate::codec::Value;
use crate::error::Error;
use crate::host::{CallContext, HostError, HostFunction, Reply};

/// One whitelist entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileMount {
    /// Absolute guest path, e.g. `/data/input.csv`.
    pub guest: String,
    /// Host path. For a directory, everything below it that resolves inside it.
    pub host: PathBuf,
    pub directory: bool,
    /// Guest code may write (into the in-memory overlay; the host file never changes).
    pub writable: bool,
}

/// What a guest path names.
enum Target<'a> {
    /// A host file or directory under a mount.
    Host { mount: &'a FileMount, path: PathBuf },
    /// A directory that exists only because whitelisted paths lie below it.
    Virtual,
}

/// Overlay entry: what guest writes did to a path.
#[derive(Clone, Debug)]
enum Written {
    Data(Vec<u8>),
    Removed,
}

/// The whitelist plus the overlay of guest writes. Shared by the host functions of one sandbox.
#[derive(Debug)]
pub struct Files {
    mounts: Vec<FileMount>,
    overlay: Mutex<BTreeMap<String, Written>>,
    /// Bytes the overlay's files may hold in all.
    write_limit: usize,
}

fn os_error(kind: &str, path: &str, what: &str) -> HostError {
    HostError::new(kind, format!("{what}: '{path}'"))
}

fn not_found(path: &str) -> HostError {
    os_error("FileNotFoundError", path, "No such file or directory")
}

fn read_only(path: &str) -> HostError {
    os_error("PermissionError", path, "Read-only file in the sandbox")
}

/// Lexical normalization of an absolute guest path: `/a/./b/../c` -> `/a/c`; `..` stops at the root.
pub fn normalize(path: &str) -> Result<String, HostError> {
    if !path.starts_with('/') {
        return Err(HostError::new("ValueError", format!("guest path must be absolute: {path:?}")));
    }
    if path.contains('\0') {
        return Err(HostError::new("ValueError", "embedded null byte in path"));
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    Ok(format!("/{}", parts.join("/")))
}

impl Files {
    /// Validates and normalizes the whitelist. Host paths must exist, except a writable file's (the
    /// guest may create it; its directory must exist); guest paths must be absolute and distinct, and no
    /// file may sit where another entry needs a directory.
    pub fn new(mounts: Vec<FileMount>) -> Result<Files, Error> {
        let bad = |message: String| Error::InvalidArgument { param: "files", message };
        let mut seen = BTreeSet::new();
        let mut checked = Vec::new();
        for mut m in mounts {
            m.guest = normalize(&m.guest).map_err(|e| bad(e.message))?;
            if m.guest == "/" {
                return Err(bad("the guest root '/' cannot be mapped; map paths below it".into()));
            }
            match std::fs::metadata(&m.host) {
                Ok(meta) if meta.is_dir() != m.directory => {
                    let want = if m.directory { "a directory" } else { "a file" };
                    return Err(bad(format!("{} (for {}) is not {want}", m.host.display(), m.guest)));
                }
                Ok(_) => {
                    m.host = m.host.canonicalize().map_err(|e| bad(format!("{}: {e}", m.host.display())))?;
                }
                // A writable file the guest is to create (an output): its directory must exist. Writes
                // stay in the overlay, so the host file is never created; until the guest writes it, the
                // guest path does not exist either.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && m.writable && !m.directory => {
                    let (Some(parent), Some(name)) = (m.host.parent(), m.host.file_name()) else {
                        return Err(bad(format!("{} (for {}): {e}", m.host.display(), m.guest)));
                    };
                    let parent = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
                    let parent = parent.canonicalize().ok().filter(|p| p.is_dir()).ok_or_else(|| {
                        bad(format!(
                            "{} (for {}): neither the file nor its directory exists",
                            m.host.display(),
                            m.guest
                        ))
                    })?;
                    m.host = parent.join(name);
                }
                Err(e) => return Err(bad(format!("{} (for {}): {e}", m.host.display(), m.guest))),
            }
            if !seen.insert(m.guest.clone()) {
                return Err(bad(format!("{} is mapped twice", m.guest)));
            }
            checked.push(m);
        }
        for m in &checked {
            for other in &checked {
                if !other.directory && m.guest.starts_with(&format!("{}/", other.guest)) {
                    return Err(bad(format!("{} lies below the file {}", m.guest, other.guest)));
                }
            }
        }
        let write_limit = crate::Limits::default().file_write_limit;
        Ok(Files { mounts: checked, overlay: Mutex::default(), write_limit })
    }

    /// Sets the bytes the written files may hold in all (`Sandbox::mount_files` sets its limit).
    pub fn set_write_limit(&mut self, bytes: usize) {
        self.write_limit = bytes;
    }

    /// The same whitelist with a copy of what was written so far, for a forked sandbox
    /// (`Sandbox::fork`): the two write to their own overlays from then on.
    pub(crate) fn fork(&self) -> Files {
        let overlay = Mutex::new(self.overlay.lock().clone());
        Files { mounts: self.mounts.clone(), overlay, write_limit: self.write_limit }
    }

    /// Files guest code wrote (or created), by guest path, with their current content.
    pub fn written(&self) -> BTreeMap<String, Vec<u8>> {
        self.overlay
            .lock()
            .iter()
            .filter_map(|(k, v)| match v {
                Written::Data(d) => Some((k.clone(), d.clone())),
                Written::Removed => None,
            })
            .collect()
    }

    fn resolve(&self, guest: &str) -> Result<Target<'_>, HostError> {
        for m in &self.mounts {
            let rest = if guest == m.guest {
                Some("")
            } else if m.directory {
                guest.strip_prefix(&m.guest).and_then(|r| r.strip_prefix('/'))
            } else {
                None
            };
            if let Some(rest) = rest {
                let path = if rest.is_empty() { m.host.clone() } else { m.host.join(rest) };
                return Ok(Target::Host { mount: m, path });
            }
        }
        let prefix = if guest == "/" { "/".to_string() } else { format!("{guest}/") };
        if self.mounts.iter().any(|m| m.guest.starts_with(&prefix)) {
            return Ok(Target::Virtual);
        }
        Err(not_found(guest))
    }

    /// Follows symlinks on the host and checks the result stays inside the mount. `Ok(None)` when the
    /// path does not exist on the host.
    fn confine(mount: &FileMount, path: &Path, guest: &str) -> Result<Option<PathBuf>, HostError> {
        match path.canonicalize() {
            Ok(real) if real.starts_with(&mount.host) => Ok(Some(real)),
            Ok(_) => Err(os_error("PermissionError", guest, "Path leads outside the whitelisted directory")),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(HostError::new("OSError", format!("{e}: '{guest}'"))),
        }
    }

    /// `(is_dir, size, mtime)` of a guest path.
    fn stat(&self, guest: &str) -> Result<(bool, u64, i64), HostError> {
        if let Some(w) = self.overlay.lock().get(guest) {
            return match w {
                Written::Data(d) => Ok((false, d.len() as u64, 0)),
                Written::Removed => Err(not_found(guest)),
            };
        }
        match self.resolve(guest)? {
            Target::Virtual => Ok((true, 0, 0)),
            Target::Host { mount, path } => {
                let real = Self::confine(mount, &path, guest)?.ok_or_else(|| not_found(guest))?;
                let meta = std::fs::metadata(&real).map_err(|e| HostError::new("OSError", e.to_string()))?;
                let mtime = meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_secs() as i64);
                Ok((meta.is_dir(), meta.len(), mtime))
            }
        }
    }

    fn list(&self, guest: &str) -> Result<Vec<(String, bool, u64)>, HostError> {
        let mut entries: BTreeMap<String, (bool, u64)> = BTreeMap::new();
        match self.resolve(guest)? {
            Target::Virtual => {
                let prefix = if guest == "/" { "/".to_string() } else { format!("{guest}/") };
                for m in &self.mounts {
                    if let Some(rest) = m.guest.strip_prefix(&prefix) {
                        let name = rest.split('/').next().unwrap_or_default().to_string();
                        let is_dir = rest.contains('/') || m.directory;
                        if !is_dir && !m.host.exists() {
                            continue; // a writable file not created yet (the overlay below adds it once written)
                        }
                        entries.insert(name, (is_dir, 0));
                    }
                }
            }
            Target::Host { mount, path } => {
                let real = Self::confine(mount, &path, guest)?.ok_or_else(|| not_found(guest))?;
                if !real.is_dir() {
                    return Err(os_error("NotADirectoryError", guest, "Not a directory"));
                }
                let read = std::fs::read_dir(&real).map_err(|e| HostError::new("OSError", e.to_string()))?;
                for entry in read.flatten() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    let child = format!("{}/{name}", guest.trim_end_matches('/'));
                    // Entries whose symlinks lead outside are not shown at all.
                    if let Ok((is_dir, size, _)) = self.stat(&child) {
                        entries.insert(name, (is_dir, size));
                    }
                }
            }
        }
        let dir_prefix = format!("{}/", guest.trim_end_matches('/'));
        for (path, w) in self.overlay.lock().iter() {
            if let Some(name) = path.strip_prefix(&dir_prefix).filter(|n| !n.contains('/')) {
                match w {
                    Written::Data(d) => entries.insert(name.to_string(), (false, d.len() as u64)),
                    Written::Removed => entries.remove(name),
                };
            }
        }
        Ok(entries.into_iter().map(|(name, (is_dir, size))| (name, is_dir, size)).collect())
    }

    fn read(&self, guest: &str, limit: usize) -> Result<Vec<u8>, HostError> {
        if let Some(w) = self.overlay.lock().get(guest) {
            return match w {
                Written::Data(d) => Ok(d.clone()),
                Written::Removed => Err(not_found(guest)),
            };
        }
        match self.resolve(guest)? {
            Target::Virtual => Err(os_error("IsADirectoryError", guest, "Is a directory")),
            Target::Host { mount, path } => {
                let real = Self::confine(mount, &path, guest)?.ok_or_else(|| not_found(guest))?;
                read_regular_file(&real, guest, limit)
            }
        }
    }

    /// The mount that makes `guest` writable, or why it is not.
    fn check_writable(&self, guest: &str) -> Result<(), HostError> {
        match self.resolve(guest) {
            Ok(Target::Host { mount, path }) if mount.writable => {
                if let Some(real) = Self::confine(mount, &path, guest)? {
                    if real.is_dir() {
                        return Err(os_error("IsADirectoryError", guest, "Is a directory"));
                    }
                } else if !mount.directory {
                    // The mounted file itself, not created yet: its directory was checked by `Files::new`.
                } else if let Some(parent) = path.parent() {
                    let parent_guest = guest.rsplit_once('/').map_or("/", |(p, _)| if p.is_empty() { "/" } else { p });
                    if Self::confine(mount, parent, parent_guest)?.is_none() {
                        return Err(not_found(parent_guest));
                    }
                }
                Ok(())
            }
            Ok(Target::Host { .. }) => Err(read_only(guest)),
            Ok(Target::Virtual) => Err(os_error("IsADirectoryError", guest, "Is a directory")),
            Err(_) => Err(os_error("PermissionError", guest, "Not whitelisted for writing")),
        }
    }

    fn write(&self, guest: &str, data: Vec<u8>) -> Result<(), HostError> {
        if !self.overlay.lock().contains_key(guest) {
            self.check_writable(guest)?;
        }
        let mut overlay = self.overlay.lock();
        let held: usize = overlay
            .iter()
            .filter(|(path, _)| path.as_str() != guest)
            .map(|(_, w)| match w {
                Written::Data(d) => d.len(),
                Written::Removed => 0,
            })
            .sum();
        if held.saturating_add(data.len()) > self.write_limit {
            return Err(HostError::new(
                "OSError",
                format!(
                    "[Errno 28] No space left on device: '{guest}' (written files may hold {} bytes in all)",
                    self.write_limit
                ),
            ));
        }
        overlay.insert(guest.to_string(), Written::Data(data));
        Ok(())
    }

    fn remove(&self, guest: &str) -> Result<(), HostError> {
        self.check_writable(guest)?;
        self.stat(guest)?;
        self.overlay.lock().insert(guest.to_string(), Written::Removed);
        Ok(())
    }
}

/// `O_NONBLOCK`: opening a FIFO for reading otherwise blocks until a writer appears.
#[cfg(any(target_os = "linux", target_os = "android"))]
const OPEN_NONBLOCK: i32 = 0o4000;
#[cfg(not(any(target_os = "linux", target_os = "android")))]
const OPEN_NONBLOCK: i32 = 0x0004;

/// Reads a host file that must be a regular file of at most `limit` bytes. The file is opened without
/// blocking and checked through its descriptor (not its path), so a FIFO, device or socket, or one
/// swapped in after a check by path, is refused and never waited on.
fn read_regular_file(real: &Path, guest: &str, limit: usize) -> Result<Vec<u8>, HostError> {
    use std::os::unix::fs::OpenOptionsExt;
    let os = |e: std::io::Error| HostError::new("OSError", format!("{e}: '{guest}'"));
    if real.is_dir() {
        return Err(os_error("IsADirectoryError", guest, "Is a directory"));
    }
    let file = std::fs::OpenOptions::new().read(true).custom_flags(OPEN_NONBLOCK).open(real).map_err(os)?;
    let meta = file.metadata().map_err(os)?;
    if meta.is_dir() {
        return Err(os_error("IsADirectoryError", guest, "Is a directory"));
    }
    if !meta.is_file() {
        return Err(os_error("PermissionError", guest, "Not a regular file (the sandbox opens only regular files)"));
    }
    let too_large = |size: u64| {
        HostError::new("OSError", format!("'{guest}' is {size} bytes, over the {limit}-byte transfer limit"))
    };
    if meta.len() > limit as u64 {
        return Err(too_large(meta.len()));
    }
    // The file may grow while it is read: never read more than the limit.
    let mut data = Vec::with_capacity(meta.len() as usize);
    file.take(limit as u64 + 1).read_to_end(&mut data).map_err(os)?;
    if data.len() > limit {
        return Err(too_large(data.len() as u64));
    }
    Ok(data)
}

/// The VFS operations as host functions; `op` selects which.
pub(crate) struct FileOp {
    pub files: Arc<Files>,
    pub op: FileOpKind,
    pub transfer_limit: usize,
}

#[derive(Clone, Copy)]
pub(crate) enum FileOpKind {
    Stat,
    List,
    Read,
    Write,
    Remove,
}

/// Host-function names of the VFS operations, as `_sandbox_fs.py` calls them.
pub(crate) const FILE_OPS: [(&str, FileOpKind); 5] = [
    ("_fs_stat", FileOpKind::Stat),
    ("_fs_list", FileOpKind::List),
    ("_fs_read", FileOpKind::Read),
    ("_fs_write", FileOpKind::Write),
    ("_fs_remove", FileOpKind::Remove),
];

impl HostFunction for FileOp {
    fn call(&self, _: &CallContext, args: Vec<Value>, _: Vec<(String, Value)>) -> Result<Reply, HostError> {
        let mut args = args.into_iter();
        let path = match args.next() {
            Some(Value::Str(p)) => normalize(&p)?,
            _ => return Err(HostError::new("TypeError", "path must be a str")),
        };
        let files = &self.files;
        Ok(Reply::Value(match self.op {
            FileOpKind::Stat => {
                let (is_dir, size, mtime) = files.stat(&path)?;
                Value::Tuple(vec![Value::Bool(is_dir), Value::Int(size as i64), Value::Int(mtime)])
            }
            FileOpKind::List => Value::List(
                files
                    .list(&path)?
                    .into_iter()
                    .map(|(name, is_dir, size)| {
                        Value::Tuple(vec![Value::Str(name), Value::Bool(is_dir), Value::Int(size as i64)])
                    })
                    .collect(),
            ),
            FileOpKind::Read => Value::Bytes(files.read(&path, self.transfer_limit)?),
            FileOpKind::Write => match args.next() {
                Some(Value::Bytes(data)) => {
                    files.write(&path, data)?;
                    Value::None
                }
                _ => return Err(HostError::new("TypeError", "data must be bytes")),
            },
            FileOpKind::Remove => {
                files.remove(&path)?;
                Value::None
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_never_climbs_above_root() {
        assert_eq!(normalize("/a/./b/../c/").unwrap(), "/a/c");
        assert_eq!(normalize("/../../etc/passwd").unwrap(), "/etc/passwd");
        assert_eq!(normalize("/").unwrap(), "/");
        assert!(normalize("relative").is_err());
        assert!(normalize("/a\0b").is_err());
    }

    #[test]
    fn whitelist_validation() {
        let dir = std::env::temp_dir();
        let file = |guest: &str, host: &Path| FileMount {
            guest: guest.into(),
            host: host.into(),
            directory: false,
            writable: false,
        };
        assert!(Files::new(vec![file("/x", Path::new("/no/such/file"))]).is_err());
        assert!(Files::new(vec![file("/x", &dir)]).is_err(), "a directory mapped as a file");
        assert!(Files::new(vec![file("/", Path::new("/etc/hostname"))]).is_err());
    }

    #[test]
    fn a_writable_file_may_be_created_by_the_guest_only() {
        let dir = std::env::temp_dir().join(format!("files-create-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let missing = dir.join("report.txt");
        let mount = |host: &Path, writable: bool| FileMount {
            guest: "/out/report.txt".into(),
            host: host.into(),
            directory: false,
            writable,
        };
        assert!(Files::new(vec![mount(&missing, false)]).is_err(), "a read-only file must exist");
        assert!(Files::new(vec![mount(&dir.join("no/such/dir/report.txt"), true)]).is_err());
        let files = Files::new(vec![mount(&missing, true)]).unwrap();
        assert_eq!(files.stat("/out/report.txt").unwrap_err().type_name, "FileNotFoundError");
        assert!(files.list("/out").unwrap().is_empty(), "not listed before it is written");
        files.write("/out/report.txt", b"done".to_vec()).unwrap();
        assert_eq!(files.read("/out/report.txt", 100).unwrap(), b"done");
        assert_eq!(files.list("/out").unwrap(), vec![("report.txt".to_string(), false, 4)]);
        assert!(!missing.exists(), "writes never reach the host");
        // Nothing else in that directory becomes writable.
        assert!(files.write("/out/other.txt", b"x".to_vec()).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
