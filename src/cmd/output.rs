//! Where a report or a baseline goes, written so that nothing the user has is
//! lost: standard output (refused when it is closed, so a CI gate never
//! "passes" a report nobody saw); a regular file (new or existing), written
//! under a unique temporary name made with exclusive creation beside it and
//! renamed into place, so an interrupted run or two runs at once never leave
//! half a report, and a planted symlink cannot redirect the write; or
//! anything else (a device such as `/dev/null`, a FIFO), written directly so
//! it is never replaced by a regular file. A symlink is followed to what it
//! names and stays a symlink. Every error names the path.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// An open destination. Call [`Output::commit`] to finish; dropping it
/// without committing removes the temporary file.
pub enum Output {
    Stdout(Named<io::BufWriter<io::Stdout>>),
    /// A regular file, written under a temporary name.
    Atomic(Named<io::BufWriter<tempfile::NamedTempFile>>, PathBuf),
    /// A device or FIFO, written in place.
    Direct(Named<io::BufWriter<File>>),
}

/// What `-o PATH` resolves to before anything is written.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// A regular file, or nothing yet: written atomically at this path
    /// (a symlink's target, where the path was a symlink).
    Regular(PathBuf),
    /// Not a regular file: written in place.
    Special(PathBuf),
}

fn refuse(path: &Path, why: impl std::fmt::Display) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("cannot write {}: {why}", path.display()),
    )
}

fn target(dest: &Path) -> io::Result<Target> {
    let meta = match fs::symlink_metadata(dest) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(Target::Regular(dest.to_path_buf()))
        }
        Err(e) => return Err(refuse(dest, e)),
        Ok(meta) => meta,
    };
    // A link is followed, and what it names replaced, keeping the link. A
    // dangling link is refused: writing through it would create a file
    // somewhere the user did not name.
    let (path, meta) = if meta.file_type().is_symlink() {
        let real = fs::canonicalize(dest).map_err(|_| {
            refuse(
                dest,
                "it is a symlink to nothing; name the file itself, or remove the link",
            )
        })?;
        let meta = fs::metadata(&real).map_err(|e| refuse(dest, e))?;
        (real, meta)
    } else {
        (dest.to_path_buf(), meta)
    };
    if meta.is_dir() {
        Err(refuse(dest, "it is a directory"))
    } else if meta.is_file() {
        Ok(Target::Regular(path))
    } else {
        Ok(Target::Special(path))
    }
}

impl Output {
    /// Standard output when `path` is `None`, else the file at `path`.
    pub fn open(path: Option<&Path>) -> io::Result<Output> {
        let Some(dest) = path else {
            ensure_stdout_open()?;
            return Ok(Output::Stdout(Named::new(
                io::BufWriter::new(io::stdout()),
                "standard output".into(),
            )));
        };
        let shown = dest.display().to_string();
        match target(dest)? {
            Target::Special(real) => {
                let file = fs::OpenOptions::new()
                    .write(true)
                    .open(&real)
                    .map_err(|e| refuse(dest, e))?;
                Ok(Output::Direct(Named::new(io::BufWriter::new(file), shown)))
            }
            Target::Regular(real) => {
                let dir = match real.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d,
                    _ => Path::new("."),
                };
                let name = real
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                // Exclusive creation under a random name: no planted file or
                // link can be written through, and concurrent runs each get
                // their own.
                let tmp = tempfile::Builder::new()
                    .prefix(&format!(".{name}."))
                    .suffix(".provenance-tmp")
                    .tempfile_in(dir)
                    .map_err(|e| refuse(dest, e))?;
                keep_permissions(&real, tmp.as_file());
                Ok(Output::Atomic(
                    Named::new(io::BufWriter::new(tmp), shown),
                    real,
                ))
            }
        }
    }

    /// Where the report is written.
    pub fn writer(&mut self) -> &mut dyn Write {
        match self {
            Output::Stdout(w) => w,
            Output::Atomic(w, _) => w,
            Output::Direct(w) => w,
        }
    }

    /// Flushes, and for a regular file renames the temporary file into place.
    /// On error the temporary file is removed.
    pub fn commit(self) -> io::Result<()> {
        match self {
            Output::Stdout(mut w) => w.flush(),
            Output::Direct(mut w) => w.flush(),
            Output::Atomic(w, real) => {
                // `into_inner` flushes the buffer; the errors name the
                // report, not the temporary file.
                let fail = |e: &dyn std::fmt::Display| refuse(Path::new(&w.name), e);
                let tmp = w.inner.into_inner().map_err(|e| fail(e.error()))?;
                tmp.as_file().sync_all().map_err(|e| fail(&e))?;
                tmp.persist(&real).map(drop).map_err(|e| fail(&e.error))
            }
        }
    }
}

/// A new report gets the usual mode of a new file (0644 less nothing: the
/// temporary file starts at 0600); a replaced one keeps the mode it had.
fn keep_permissions(dest: &Path, tmp: &File) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(dest).map_or(0o644, |m| m.permissions().mode() & 0o7777);
        let _ = tmp.set_permissions(fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    {
        let _ = (dest, tmp);
    }
}

/// A run whose report cannot be seen must fail, not pass: where standard
/// output is a closed descriptor, Rust's standard output would quietly drop
/// every write. (On Linux the runtime has already put `/dev/null` in its
/// place before `main`, read-write, exactly as Python's
/// `subprocess.DEVNULL` does on purpose, so there the two cannot be told
/// apart and both are let through.)
fn ensure_stdout_open() -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if io::stdout().as_fd().try_clone_to_owned().is_err() {
            // Not `BrokenPipe`: `main` takes a broken pipe (`| head`) as
            // success, and a closed descriptor is not that.
            return Err(io::Error::other(
                "cannot write the report: standard output is closed (use -o FILE)",
            ));
        }
    }
    Ok(())
}

/// A writer whose errors name where it writes ("cannot write report.json:
/// No space left on device").
pub struct Named<W: Write> {
    inner: W,
    name: String,
}

impl<W: Write> Named<W> {
    fn new(inner: W, name: String) -> Self {
        Named { inner, name }
    }

    fn label(&self, e: io::Error) -> io::Error {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return e;
        }
        io::Error::new(e.kind(), format!("cannot write {}: {e}", self.name))
    }
}

impl<W: Write> Write for Named<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf).map_err(|e| self.label(e))
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.inner.write_all(buf).map_err(|e| self.label(e))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush().map_err(|e| self.label(e))
    }
}

/// Writes a whole file through [`Output`].
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut out = Output::open(Some(path))?;
    out.writer().write_all(bytes)?;
    out.commit()
}

/// Whether two paths name the same existing file (through links and `..`).
pub fn same_file(a: &Path, b: &Path) -> bool {
    fs::canonicalize(a).is_ok_and(|a| is_file_at(&a, b))
}

/// Whether `path` resolves to `real` (a canonical path): one lookup where
/// a path is compared with many.
pub fn is_file_at(real: &Path, path: &Path) -> bool {
    fs::canonicalize(path).is_ok_and(|p| p == real)
}

/// Whether two output paths, existing or not, would write the same file:
/// their folders are the same folder and their names are equal.
pub fn same_destination(a: &Path, b: &Path) -> bool {
    if same_file(a, b) {
        return true;
    }
    let folder = |p: &Path| match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => fs::canonicalize(d).ok(),
        _ => fs::canonicalize(".").ok(),
    };
    a.file_name() == b.file_name() && folder(a).is_some_and(|f| Some(f) == folder(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("provenance-out-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("scratch");
        dir
    }

    #[test]
    fn targets_by_file_type() {
        let dir = scratch("targets");
        let file = dir.join("r.json");
        assert_eq!(target(&file).ok(), Some(Target::Regular(file.clone())));
        fs::write(&file, "old").expect("write");
        assert_eq!(target(&file).ok(), Some(Target::Regular(file.clone())));
        assert!(target(&dir).is_err(), "a directory is refused");
        #[cfg(unix)]
        {
            let link = dir.join("link.json");
            std::os::unix::fs::symlink(&file, &link).expect("symlink");
            let real = fs::canonicalize(&file).expect("canonical");
            assert_eq!(target(&link).ok(), Some(Target::Regular(real)));
            let dangling = dir.join("dangling.json");
            std::os::unix::fs::symlink(dir.join("nowhere"), &dangling).expect("symlink");
            assert!(target(&dangling).is_err());
            assert_eq!(
                target(Path::new("/dev/null")).ok(),
                Some(Target::Special("/dev/null".into()))
            );
        }
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_uncommitted_output_leaves_nothing_behind() {
        let dir = scratch("uncommitted");
        let dest = dir.join("r.json");
        {
            let mut out = Output::open(Some(&dest)).expect("open");
            out.writer().write_all(b"half").expect("write");
        }
        let left: Vec<_> = fs::read_dir(&dir).expect("list").collect();
        assert!(left.is_empty(), "{left:?}");
        let _ = fs::remove_dir_all(&dir);
    }
}
