//! Finding the evidence: files, folders (recursively), `.zip` archives (expanded safely) and
//! `.gz` files, each recognised by its content rather than its name. Live gathering on Windows
//! produces the same [`EvidenceFile`]s from memory, so everything after this layer is one code
//! path for live and offline runs.

pub mod archive;
pub(crate) mod budget;
pub mod kind;
#[cfg(windows)]
pub mod live;
pub(crate) mod live_format;
pub(crate) mod live_source;
pub mod scratch;
pub mod sniff;
pub mod text;
pub mod window;

use crate::i18n::Text;
pub use kind::Kind;

use budget::Budget;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

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
    /// The run's budget, shared by all its files: decompression and whole reads count against it.
    pub budget: Arc<Budget>,
    /// Why reading stopped early: a gzip stream damaged or cut, or refused by the budget.
    damage: Arc<Mutex<Option<Text>>>,
    /// Which of the inputs given (paths, or standard input) the file was found in: files of
    /// different inputs are never taken for one machine by their place alone.
    pub input: u32,
}

/// How many bytes the sniffer looks at.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// What a file's first bytes show it to be, or why they could not be read.
pub type Look = Result<sniff::Sniffed, Text>;

/// What each file's first bytes show it to be, looked at on every core. The looks are handed on
/// (to the focus window, then to the analysis) so that no file is looked at twice: on a thousand
/// daily logs of 1 MB, each look at their first 64 KiB was a twentieth of the whole run.
pub fn sniff_all(files: &[EvidenceFile]) -> Vec<Look> {
    use rayon::prelude::*;
    files
        .par_iter()
        .map(|f| {
            f.head(SNIFF_BYTES)
                .map(|h| sniff::sniff(&h))
                .map_err(|e| describe_io(&e))
        })
        .collect()
}

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
            budget: Arc::default(),
            damage: Arc::default(),
            input: 0,
        }
    }

    /// A file on disk.
    pub(crate) fn disk(
        display: impl Into<String>,
        path: PathBuf,
        size: u64,
        gzip: bool,
        budget: Arc<Budget>,
    ) -> Self {
        EvidenceFile {
            display: display.into(),
            body: Body::Disk(path),
            size,
            gzip,
            budget,
            damage: Arc::default(),
            input: 0,
        }
    }

    /// Opens the content, decompressing gzip under the run's budget; the bytes read count in
    /// [`BYTES_READ`].
    pub fn open(&self) -> io::Result<Box<dyn Read + Send>> {
        self.open_counted(true)
    }

    fn open_counted(&self, counted: bool) -> io::Result<Box<dyn Read + Send>> {
        let raw: Box<dyn Read + Send> = match &self.body {
            Body::Disk(p) => Box::new(Counted(fs::File::open(p)?, counted)),
            Body::Memory(b) => Box::new(Counted(io::Cursor::new(Arc::clone(b)), counted)),
        };
        Ok(if self.gzip {
            Box::new(budget::Inflating::new(
                raw,
                Arc::clone(&self.budget),
                &self.display,
                Arc::clone(&self.damage),
            ))
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

    /// The whole (decompressed) content, refusing more than `limit` bytes, and counted against
    /// the run's memory limit while it is held. For formats that are small by nature
    /// (configuration, registry exports, command output) or that need to seek (a compressed event
    /// log).
    pub(crate) fn read_all(&self, limit: u64) -> io::Result<budget::Whole> {
        budget::read_whole(&self.budget, &self.display, self.open()?, limit)?.ok_or_else(|| {
            io::Error::other(format!(
                "larger than {} MiB, which is far beyond what this kind of file holds",
                limit >> 20
            ))
        })
    }

    /// The content as UTF-8 lines, whatever its encoding.
    pub(crate) fn text_reader(
        &self,
        enc: text::TextEncoding,
    ) -> io::Result<Box<dyn io::BufRead + Send>> {
        text::utf8_reader(self.open()?, enc)
    }

    /// Why reading stopped before the end of the content, when a compressed stream turned out
    /// damaged or cut or was refused by the budget; what was read before that point was used.
    pub(crate) fn damage(&self) -> Option<Text> {
        self.damage.lock().ok().and_then(|d| d.clone())
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
    pub message: Text,
}

/// Everything found under the inputs.
#[derive(Debug, Default)]
pub struct EvidenceSet {
    pub files: Vec<EvidenceFile>,
    pub problems: Vec<InputProblem>,
    /// Keeps extracted archive members and spooled input alive while the set is in use.
    scratch: Vec<scratch::Scratch>,
}

impl EvidenceSet {
    pub(crate) fn from_files(files: Vec<EvidenceFile>) -> Self {
        EvidenceSet {
            files,
            ..Default::default()
        }
    }

    fn problem(&mut self, path: impl Into<String>, message: impl Into<Text>) {
        self.problems.push(InputProblem {
            path: path.into(),
            message: message.into(),
        });
    }
}

/// The argument that names standard input.
pub const STDIN_ARG: &str = "-";

/// Walks the inputs: files as they are, folders recursively in name order, archives expanded,
/// `-` read from standard input. Everything expanded counts against one budget for the run.
pub fn discover(inputs: &[PathBuf], limits: &budget::Limits) -> EvidenceSet {
    let budget = Arc::new(Budget::new(limits.clone()));
    let mut set = EvidenceSet::default();
    for (index, input) in inputs.iter().enumerate() {
        let first_new = set.files.len();
        let shown = input.display().to_string();
        if input.as_os_str() == STDIN_ARG {
            read_stdin(&budget, &mut set);
        } else {
            add_input(input, shown, &budget, &mut set);
        }
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        for file in &mut set.files[first_new..] {
            file.input = index;
        }
    }
    set
}

/// Adds one path given on the command line: a folder walked, a file (or archive) as it is.
fn add_input(input: &Path, shown: String, budget: &Arc<Budget>, set: &mut EvidenceSet) {
    match fs::metadata(input) {
        Ok(m) if m.is_dir() => {
            let found = set.files.len() + set.problems.len();
            walk_dir(input, &shown, budget, set, 0);
            if set.files.len() + set.problems.len() == found {
                set.problem(shown, crate::tr!("input-empty-folder"));
            }
        }
        Ok(m) if m.is_file() => add_file(input, shown, m.len(), budget, set, 0),
        // Opening a FIFO blocks until a writer comes, and a pipe or device cannot be read
        // twice (the sniffer reads the start, the parser reads it all).
        Ok(_) => set.problem(shown, crate::tr!("input-not-regular")),
        Err(e) => set.problem(shown, describe_io(&e)),
    }
}

/// The name standard input is shown under.
pub(crate) const STDIN_NAME: &str = "(standard input)";

/// Spools standard input to a private file, so it can be sniffed, then read, like any file (a
/// piped zip or .gz included). The bytes count against the run's expanded-size limit.
fn read_stdin(budget: &Arc<Budget>, set: &mut EvidenceSet) {
    use std::io::IsTerminal;
    let stdin = io::stdin();
    if stdin.is_terminal() {
        set.problem(STDIN_NAME, crate::tr!("input-stdin-terminal"));
        return;
    }
    if set.scratch.iter().any(|s| s.path().join("stdin").exists()) {
        set.problem(STDIN_NAME, crate::tr!("input-stdin-twice"));
        return;
    }
    let dir = match scratch::Scratch::new() {
        Ok(d) => d,
        Err(e) => {
            return set.problem(
                STDIN_NAME,
                crate::tr!("input-no-temp-folder", error = e.to_string()),
            )
        }
    };
    let path = dir.path().join("stdin");
    let copied = archive::copy_bounded(&mut stdin.lock(), &path, budget, archive::Charge::Spool);
    set.scratch.push(dir);
    match copied {
        Ok(0) => set.problem(STDIN_NAME, crate::tr!("input-stdin-empty")),
        Ok(n) => add_file(&path, STDIN_NAME.to_string(), n, budget, set, 0),
        Err(e) => set.problem(STDIN_NAME, e.describe(budget)),
    }
}

fn walk_dir(dir: &Path, shown: &str, budget: &Arc<Budget>, set: &mut EvidenceSet, depth: u32) {
    let mut entries: Vec<_> = match fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok()).collect(),
        Err(e) => {
            set.problem(shown, describe_io(&e));
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
            walk_dir(&path, &child, budget, set, depth);
        } else {
            match fs::metadata(&path) {
                Ok(m) if m.is_file() => add_file(&path, child, m.len(), budget, set, depth),
                Ok(_) => {}
                Err(e) => set.problem(child, describe_io(&e)),
            }
        }
    }
}

fn add_file(
    path: &Path,
    shown: String,
    size: u64,
    budget: &Arc<Budget>,
    set: &mut EvidenceSet,
    depth: u32,
) {
    let mut magic = [0u8; 4];
    let n = fs::File::open(path)
        .and_then(|mut f| f.read(&mut magic))
        .unwrap_or(0);
    if n == 4 && archive::is_zip(&magic) {
        return add_zip(path, shown, budget, set, depth);
    }
    let gzip = n >= 2 && magic[..2] == [0x1f, 0x8b];
    let file = EvidenceFile::disk(shown, path.to_path_buf(), size, gzip, Arc::clone(budget));
    if gzip && file.head(4).is_ok_and(|h| archive::is_zip(&h)) {
        // A zipped bundle compressed again (`bundle.zip.gz`): the zip needs a seekable file.
        return add_gzipped_zip(&file, budget, set, depth);
    }
    set.files.push(file);
}

fn add_zip(path: &Path, shown: String, budget: &Arc<Budget>, set: &mut EvidenceSet, depth: u32) {
    match archive::extract_zip(path, &shown, budget, depth) {
        Ok(extracted) => {
            if extracted.members.is_empty() && extracted.problems.is_empty() {
                set.problem(&shown, crate::tr!("input-empty-archive"));
            }
            set.problems.extend(extracted.problems);
            for member in extracted.members {
                add_file(
                    &member.path,
                    member.display,
                    member.size,
                    budget,
                    set,
                    depth + 1,
                );
            }
            set.scratch.push(extracted.dir);
        }
        Err(e) => set.problem(shown, e),
    }
}

fn add_gzipped_zip(file: &EvidenceFile, budget: &Arc<Budget>, set: &mut EvidenceSet, depth: u32) {
    let spooled = scratch::Scratch::new()
        .map_err(|e| crate::tr!("input-no-temp-folder", error = e.to_string()));
    let dir = match spooled {
        Ok(d) => d,
        Err(e) => return set.problem(&file.display, e),
    };
    let path = dir.path().join("unzipped");
    // The decompressing reader already charges the budget: the copy adds no second charge.
    let copied = file
        .open()
        .map_err(archive::CopyError::Io)
        .and_then(|mut r| archive::copy_bounded(&mut r, &path, budget, archive::Charge::ByReader));
    set.scratch.push(dir);
    match copied {
        Ok(_) => {
            if let Some(d) = file.damage() {
                set.problem(&file.display, d);
            }
            add_zip(&path, file.display.clone(), budget, set, depth);
        }
        Err(e) => set.problem(&file.display, e.describe(budget)),
    }
}

/// An I/O error in words an administrator can act on, in the reader's language when the words
/// are the tool's own (the operating system's message is in the system's language already).
pub fn describe_io(e: &io::Error) -> Text {
    match e.kind() {
        io::ErrorKind::NotFound => crate::tr!("io-not-found"),
        io::ErrorKind::PermissionDenied => crate::tr!("io-permission-denied"),
        _ => match e.get_ref().and_then(|inner| inner.downcast_ref::<Worded>()) {
            Some(worded) => worded.0.clone(),
            None => Text::from(e.to_string()),
        },
    }
}

/// An error of the tool's own carried through `io::Error` (a decompressing reader's refusal), so
/// that its words reach the reader in their language.
#[derive(Debug)]
pub(crate) struct Worded(pub Text);

impl std::fmt::Display for Worded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.en())
    }
}

impl std::error::Error for Worded {}

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
            &budget::Limits::default(),
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
        let set = discover(&[p], &budget::Limits::default());
        assert!(set.files[0].gzip);
        assert!(set.files[0].head(9).unwrap().starts_with(b"#Software"));
    }
}
