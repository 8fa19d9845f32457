//! Finding the evidence: files, folders (recursively), `.zip` archives (expanded safely) and
//! `.gz` files, each recognised by its content rather than its name. Live gathering on Windows
//! produces the same [`EvidenceFile`]s from memory, so everything after this layer is one code
//! path for live and offline runs.

pub mod archive;
pub mod gather;
pub mod kind;
#[cfg(windows)]
pub mod live;
pub mod live_format;
pub mod sniff;
pub mod text;
pub mod window;

pub use kind::Kind;

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where an evidence file's bytes are.
#[derive(Debug, Clone)]
pub enum Body {
    /// A file on disk (possibly one extracted from an archive into a private folder).
    Disk(PathBuf),
    /// Bytes gathered in memory (live evidence).
    Memory(Arc<[u8]>),
}

/// One file of evidence.
#[derive(Debug, Clone)]
pub struct EvidenceFile {
    /// The name shown to users: the path as given, or `bundle.zip!/dir/file` for archive members.
    pub display: String,
    pub body: Body,
    /// The stored size in bytes (compressed size for `.gz`).
    pub size: u64,
    /// The file is gzip-compressed and is decompressed when read.
    pub gzip: bool,
}

/// How many bytes the sniffer looks at.
pub const SNIFF_BYTES: usize = 64 * 1024;

impl EvidenceFile {
    /// A file gathered in memory.
    pub fn memory(display: impl Into<String>, bytes: Vec<u8>) -> Self {
        let size = bytes.len() as u64;
        let gzip = bytes.starts_with(&[0x1f, 0x8b]);
        EvidenceFile {
            display: display.into(),
            body: Body::Memory(bytes.into()),
            size,
            gzip,
        }
    }

    /// Opens the content, decompressing gzip; the bytes read count in [`BYTES_READ`].
    pub fn open(&self) -> io::Result<Box<dyn Read + Send>> {
        self.open_counted(true)
    }

    fn open_counted(&self, counted: bool) -> io::Result<Box<dyn Read + Send>> {
        let raw: Box<dyn Read + Send> = match &self.body {
            Body::Disk(p) => Box::new(Counted(fs::File::open(p)?, counted)),
            Body::Memory(b) => Box::new(Counted(io::Cursor::new(Arc::clone(b)), counted)),
        };
        Ok(if self.gzip {
            Box::new(flate2::read::MultiGzDecoder::new(raw))
        } else {
            raw
        })
    }

    /// The first bytes of the (decompressed) content. They do not count in [`BYTES_READ`]: a
    /// look at the head is not progress through the file.
    pub fn head(&self, n: usize) -> io::Result<Vec<u8>> {
        let mut buf = Vec::with_capacity(n.min(1 << 20));
        self.open_counted(false)?
            .take(n as u64)
            .read_to_end(&mut buf)?;
        Ok(buf)
    }

    /// The whole (decompressed) content, refusing more than `limit` bytes. For formats that are
    /// small by nature (configuration, registry exports, command output, event logs).
    pub fn read_all(&self, limit: u64) -> io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        self.open()?.take(limit + 1).read_to_end(&mut buf)?;
        if buf.len() as u64 > limit {
            return Err(io::Error::other(format!(
                "larger than {} MiB, which is far beyond what this kind of file holds",
                limit >> 20
            )));
        }
        Ok(buf)
    }

    /// The content as UTF-8 lines, whatever its encoding.
    pub fn text_reader(&self, enc: text::TextEncoding) -> io::Result<Box<dyn io::BufRead + Send>> {
        text::utf8_reader(self.open()?, enc)
    }
}

/// Bytes read from evidence so far, across all threads; a progress display polls it, so parsers
/// need no progress plumbing of their own.
pub static BYTES_READ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// A reader whose bytes count in [`BYTES_READ`] when its flag is set.
struct Counted<R>(R, bool);

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.0.read(buf)?;
        if self.1 {
            BYTES_READ.fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        }
        Ok(n)
    }
}

/// An input that could not be read at all.
#[derive(Debug, Clone, serde::Serialize)]
pub struct InputProblem {
    pub path: String,
    pub message: String,
}

/// Everything found under the inputs.
#[derive(Debug, Default)]
pub struct EvidenceSet {
    pub files: Vec<EvidenceFile>,
    pub problems: Vec<InputProblem>,
    /// Keeps extracted archive members alive while the set is in use.
    _extracted: Vec<tempfile::TempDir>,
}

impl EvidenceSet {
    pub fn from_files(files: Vec<EvidenceFile>) -> Self {
        EvidenceSet {
            files,
            ..Default::default()
        }
    }
}

/// Walks the inputs: files as they are, folders recursively in name order, archives expanded.
pub fn discover(inputs: &[PathBuf], limits: &archive::Limits) -> EvidenceSet {
    let mut set = EvidenceSet::default();
    for input in inputs {
        let shown = input.display().to_string();
        match fs::metadata(input) {
            Ok(m) if m.is_dir() => walk_dir(input, &shown, limits, &mut set, 0),
            Ok(m) => add_file(input, shown, m.len(), limits, &mut set, 0),
            Err(e) => set.problems.push(InputProblem {
                path: shown,
                message: describe_io(&e),
            }),
        }
    }
    set
}

fn walk_dir(dir: &Path, shown: &str, limits: &archive::Limits, set: &mut EvidenceSet, depth: u32) {
    let mut entries: Vec<_> = match fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok()).collect(),
        Err(e) => {
            set.problems.push(InputProblem {
                path: shown.to_string(),
                message: describe_io(&e),
            });
            return;
        }
    };
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let child = format!(
            "{}/{}",
            shown.trim_end_matches(['/', '\\']),
            entry.file_name().to_string_lossy()
        );
        // Symbolic links to folders are not followed: they can form loops.
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            walk_dir(&path, &child, limits, set, depth);
        } else {
            match fs::metadata(&path) {
                Ok(m) if m.is_file() => add_file(&path, child, m.len(), limits, set, depth),
                Ok(_) => {}
                Err(e) => set.problems.push(InputProblem {
                    path: child,
                    message: describe_io(&e),
                }),
            }
        }
    }
}

fn add_file(
    path: &Path,
    shown: String,
    size: u64,
    limits: &archive::Limits,
    set: &mut EvidenceSet,
    depth: u32,
) {
    let mut magic = [0u8; 4];
    let n = fs::File::open(path)
        .and_then(|mut f| f.read(&mut magic))
        .unwrap_or(0);
    if n == 4 && archive::is_zip(&magic) {
        match archive::extract_zip(path, &shown, limits, depth) {
            Ok(extracted) => {
                set.problems.extend(extracted.problems);
                for member in extracted.members {
                    add_file(
                        &member.path,
                        member.display,
                        member.size,
                        limits,
                        set,
                        depth + 1,
                    );
                }
                set._extracted.push(extracted.dir);
            }
            Err(e) => set.problems.push(InputProblem {
                path: shown,
                message: e,
            }),
        }
        return;
    }
    let gzip = n >= 2 && magic[..2] == [0x1f, 0x8b];
    set.files.push(EvidenceFile {
        display: shown,
        body: Body::Disk(path.to_path_buf()),
        size,
        gzip,
    });
}

/// An I/O error in words an administrator can act on.
pub fn describe_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".to_string(),
        io::ErrorKind::PermissionDenied => {
            "permission denied (on Windows, HTTPERR and some logs need an elevated prompt)"
                .to_string()
        }
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_walked_in_name_order_and_missing_inputs_reported() {
        let d = tempfile::tempdir().unwrap();
        fs::create_dir(d.path().join("sub")).unwrap();
        fs::write(d.path().join("b.log"), b"b").unwrap();
        fs::write(d.path().join("sub/a.log"), b"a").unwrap();
        let set = discover(
            &[d.path().to_path_buf(), d.path().join("missing")],
            &archive::Limits::default(),
        );
        let names: Vec<_> = set
            .files
            .iter()
            .map(|f| f.display.rsplit('/').next().unwrap().to_string())
            .collect();
        assert_eq!(names, ["b.log", "a.log"]);
        assert_eq!(set.problems.len(), 1);
        assert!(set.problems[0].message.contains("no such file"));
    }

    #[test]
    fn gzip_is_decompressed_on_read() {
        use std::io::Write;
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("x.gz");
        let mut enc = flate2::write::GzEncoder::new(
            fs::File::create(&p).unwrap(),
            flate2::Compression::fast(),
        );
        enc.write_all(b"#Software: Microsoft Internet Information Services 10.0\n")
            .unwrap();
        enc.finish().unwrap();
        let set = discover(&[p], &archive::Limits::default());
        assert!(set.files[0].gzip);
        assert!(set.files[0].head(9).unwrap().starts_with(b"#Software"));
    }
}
