//! Reading the files a run depends on (rule files, the config, baselines)
//! without trusting them: only regular files, never more than a cap (a
//! FIFO, `/dev/zero` or a huge file named by mistake or by a hostile
//! checked-in config must not hang the run or fill memory), and text only.
//! And quoting what a user wrote back into a message without letting it
//! flood the log or drive the terminal.

use std::fmt::Write as _;
use std::io::{self, Read};
use std::path::Path;

/// The largest rule file read (the embedded defaults are about 40 KB).
pub const RULE_FILE_CAP: u64 = 8 << 20;
/// The largest `provenance.toml` read.
pub const CONFIG_CAP: u64 = 1 << 20;
/// The largest baseline read (about a million recorded findings).
pub const BASELINE_CAP: u64 = 256 << 20;

/// The text of the regular file at `path` (links followed), refused with a
/// plain reason when it is something else, larger than `cap` bytes, not
/// UTF-8 or binary. The error never quotes the file.
pub fn read_text(path: &Path, cap: u64) -> io::Result<String> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is a directory",
        ));
    }
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file (a device, FIFO or socket)",
        ));
    }
    if meta.len() > cap {
        return Err(too_large(cap));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The size can change between the look and the read: read at most one
    // byte past the cap to tell.
    std::fs::File::open(path)?
        .take(cap + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(too_large(cap));
    }
    if memchr::memchr(0, &bytes).is_some() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "binary file (it contains NUL bytes), not text",
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
        )
    })
}

fn too_large(cap: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "larger than {} MiB, the most read for this kind of file",
            cap >> 20
        ),
    )
}

/// How many characters of a user's text a message quotes at most.
pub const QUOTE_CHARS: usize = 300;

/// `text` made safe to print: control characters (ESC, BEL, CR, DEL, C1,
/// line and paragraph separators) written as `\u{1b}`-style escapes, and
/// cut after `max` characters with a marker saying how much was left out.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max * 2));
    for (n, (at, c)) in text.char_indices().enumerate() {
        if n == max {
            let _ = write!(out, "… [{} more bytes]", text.len() - at);
            break;
        }
        push_escaped(&mut out, c);
    }
    out
}

/// Appends `c`, or its escape when it would act on a terminal.
pub fn push_escaped(out: &mut String, c: char) {
    if is_unsafe(c) {
        let _ = write!(out, "\\u{{{:x}}}", c as u32);
    } else {
        out.push(c);
    }
}

/// Characters a terminal acts on or that break a line: C0 (tab aside), DEL,
/// C1, and the Unicode line and paragraph separators.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t') || c == '\u{2028}' || c == '\u{2029}'
}

/// `path` made absolute without touching the file system: links are not
/// resolved, `.` is dropped and `..` taken away with the folder before it
/// (the file need not exist).
pub fn lexical_absolute(path: &Path) -> std::path::PathBuf {
    use std::path::Component;
    let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut clean = std::path::PathBuf::new();
    for c in full.components() {
        match c {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_escape_and_cut() {
        assert_eq!(excerpt("plain", 10), "plain");
        assert_eq!(excerpt("a\u{1b}]0;x\u{7}b", 20), "a\\u{1b}]0;x\\u{7}b");
        assert_eq!(excerpt("a\u{85}b\u{2028}", 20), "a\\u{85}b\\u{2028}");
        assert_eq!(excerpt("abcdef", 3), "abc… [3 more bytes]");
        assert_eq!(excerpt("ééé", 1), "é… [4 more bytes]");
        assert_eq!(excerpt("tab\tstays", 20), "tab\tstays");
    }

    #[test]
    fn only_small_regular_text_files_are_read() {
        let dir = std::env::temp_dir().join(format!("provenance-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let ok = dir.join("ok.toml");
        std::fs::write(&ok, "a = 1\n").expect("write");
        assert_eq!(read_text(&ok, 100).expect("read"), "a = 1\n");
        assert!(read_text(&ok, 3).is_err(), "over the cap");
        let nul = dir.join("nul.toml");
        std::fs::write(&nul, "a\0b").expect("write");
        assert!(read_text(&nul, 100).is_err(), "binary");
        assert!(read_text(&dir, 100).is_err(), "a directory");
        #[cfg(unix)]
        assert!(read_text(Path::new("/dev/zero"), 100).is_err(), "a device");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
