//! One budget for everything a run expands or holds: zip members written to the private
//! temporary folder, gzip streams decompressed while read, standard input spooled to disk, and the
//! formats read whole into memory. Limits per archive or per stream multiply with nesting and
//! cores (a zip of zips, two gzip members read at once); counting the whole run against one budget
//! does not. A refusal names the limit that refused, and the caller names the file.

use std::io::{self, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// A stream is held to the ratio limit once it has produced this much; below it, small files of
/// zeros or repeated lines would be refused for nothing. The run as a whole gets the same slack.
pub(crate) const RATIO_FLOOR: u64 = 1 << 20;

/// Limits against hostile archives and compressed files, for a whole run.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Files taken out of archives in the whole run, at every level of nesting.
    pub max_members: usize,
    /// Bytes produced by decompression (zip members, gzip streams) or spooled to the private
    /// temporary folder, in the whole run.
    pub max_total_bytes: u64,
    /// Largest ratio of expanded to compressed size, for each stream past [`RATIO_FLOOR`] and for
    /// the run's decompression as a whole. Text logs compress 10-30 times; bombs reach thousands.
    pub max_ratio: u64,
    /// Bytes held in memory at once by the formats read whole (a compressed event log,
    /// applicationHost.config), whatever the number of files read in parallel.
    pub max_memory_bytes: u64,
    /// How deep archives inside archives are expanded.
    pub max_depth: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_members: 20_000,
            max_total_bytes: 32 << 30,
            max_ratio: 250,
            max_memory_bytes: 2 << 30,
            max_depth: 3,
        }
    }
}

/// The limit that refused an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Members,
    TotalBytes,
    StreamRatio,
    RunRatio,
    Memory,
}

impl Refusal {
    /// What was refused and by which limit, in words.
    pub fn describe(self, limits: &Limits) -> crate::i18n::Text {
        match self {
            Refusal::Members => crate::tr!("refusal-members", limit = limits.max_members),
            Refusal::TotalBytes => {
                crate::tr!("refusal-total-bytes", mib = limits.max_total_bytes >> 20)
            }
            Refusal::StreamRatio => crate::tr!("refusal-stream-ratio", ratio = limits.max_ratio),
            Refusal::RunRatio => crate::tr!("refusal-run-ratio", ratio = limits.max_ratio),
            Refusal::Memory => {
                crate::tr!("refusal-memory", mib = limits.max_memory_bytes >> 20)
            }
        }
    }
}

/// What the run has used so far, shared by every file and thread of the run.
#[derive(Debug, Default)]
pub struct Budget {
    pub limits: Limits,
    members: AtomicU64,
    compressed: AtomicU64,
    expanded: AtomicU64,
    held: AtomicU64,
}

impl Budget {
    pub fn new(limits: Limits) -> Self {
        Budget {
            limits,
            ..Default::default()
        }
    }

    /// An error for `file`, naming the limit.
    pub fn refused(&self, file: &str, why: Refusal) -> io::Error {
        io::Error::other(super::Worded(crate::tr!(
            "refused-file",
            file = file,
            why = why.describe(&self.limits)
        )))
    }

    /// Files left before the file-count limit.
    pub(crate) fn members_left(&self) -> u64 {
        (self.limits.max_members as u64).saturating_sub(self.members.load(Ordering::Relaxed))
    }

    /// Counts one file taken out of an archive.
    pub(crate) fn take_member(&self) -> Result<(), Refusal> {
        let n = self.members.fetch_add(1, Ordering::Relaxed) + 1;
        if n > self.limits.max_members as u64 {
            return Err(Refusal::Members);
        }
        Ok(())
    }

    /// Counts compressed bytes consumed and bytes produced (or spooled: `compressed` is then the
    /// same number), and checks the run's totals.
    pub(crate) fn charge(&self, compressed: u64, expanded: u64) -> Result<(), Refusal> {
        let c = self.compressed.fetch_add(compressed, Ordering::Relaxed) + compressed;
        let e = self.expanded.fetch_add(expanded, Ordering::Relaxed) + expanded;
        if e > self.limits.max_total_bytes {
            return Err(Refusal::TotalBytes);
        }
        if e > RATIO_FLOOR && e.saturating_sub(RATIO_FLOOR) / c.max(1) > self.limits.max_ratio {
            return Err(Refusal::RunRatio);
        }
        Ok(())
    }

    /// Reserves `n` more bytes of memory for `held`.
    fn hold(&self, held: &mut u64, n: u64) -> Result<(), Refusal> {
        let now = self.held.fetch_add(n, Ordering::Relaxed) + n;
        if now > self.limits.max_memory_bytes {
            self.held.fetch_sub(n, Ordering::Relaxed);
            return Err(Refusal::Memory);
        }
        *held += n;
        Ok(())
    }
}

/// A file's content read whole, counted against the memory limit until dropped.
pub(crate) struct Whole {
    pub bytes: Vec<u8>,
    held: Held,
}

/// Memory counted against the budget, given back when dropped.
pub(crate) struct Held {
    budget: Arc<Budget>,
    bytes: u64,
}

impl Drop for Held {
    fn drop(&mut self) {
        self.budget.held.fetch_sub(self.bytes, Ordering::Relaxed);
    }
}

impl std::ops::Deref for Whole {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.bytes
    }
}

impl Whole {
    /// The bytes, and the reservation to keep while they (or what is built from them) live.
    pub(crate) fn into_parts(self) -> (Vec<u8>, Held) {
        (self.bytes, self.held)
    }
}

/// Reads `reader` to its end into memory, at most `limit` bytes, counting what it holds against
/// the memory limit. `Ok(None)` when the content is larger than `limit`.
pub(crate) fn read_whole(
    budget: &Arc<Budget>,
    file: &str,
    mut reader: impl Read,
    limit: u64,
) -> io::Result<Option<Whole>> {
    let mut held = Held {
        budget: Arc::clone(budget),
        bytes: 0,
    };
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 1 << 20];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if (bytes.len() + n) as u64 > limit {
            return Ok(None);
        }
        budget
            .hold(&mut held.bytes, n as u64)
            .map_err(|why| budget.refused(file, why))?;
        bytes.extend_from_slice(&chunk[..n]);
    }
    Ok(Some(Whole { bytes, held }))
}

/// Counts the compressed bytes a decoder consumes.
pub struct Tally<R> {
    inner: R,
    pub count: u64,
}

impl<R> Tally<R> {
    pub fn new(inner: R) -> Self {
        Tally { inner, count: 0 }
    }
}

impl<R: Read> Read for Tally<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

/// A gzip stream decompressed under the budget. A stream that turns out damaged or cut ends
/// there, as if the file ended, and says where in `damage`: what came before still counts. A
/// refusal by the budget is an error, also noted in `damage`.
pub(crate) struct Inflating<R: Read> {
    decoder: flate2::read::MultiGzDecoder<Tally<R>>,
    budget: Arc<Budget>,
    file: String,
    produced: u64,
    charged: u64,
    damage: Arc<Mutex<Option<crate::i18n::Text>>>,
    ended: bool,
}

impl<R: Read> Inflating<R> {
    pub fn new(
        raw: R,
        budget: Arc<Budget>,
        file: &str,
        damage: Arc<Mutex<Option<crate::i18n::Text>>>,
    ) -> Self {
        Inflating {
            decoder: flate2::read::MultiGzDecoder::new(Tally::new(raw)),
            budget,
            file: file.to_string(),
            produced: 0,
            charged: 0,
            damage,
            ended: false,
        }
    }
}

impl<R: Read> Read for Inflating<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.ended {
            return Ok(0);
        }
        let n = match self.decoder.read(buf) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return Err(e),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::UnexpectedEof
                        | io::ErrorKind::InvalidInput
                        | io::ErrorKind::InvalidData
                ) =>
            {
                let consumed = self.decoder.get_ref().count;
                let produced = self.produced;
                self.stop(crate::tr!(
                    "gzip-damaged",
                    produced = produced,
                    consumed = consumed,
                    error = e.to_string()
                ));
                return Ok(0);
            }
            Err(e) => return Err(e),
        };
        self.produced += n as u64;
        let consumed = self.decoder.get_ref().count;
        let compressed = consumed.saturating_sub(self.charged);
        self.charged = consumed;
        let refusal = if self.produced > RATIO_FLOOR
            && self.produced / consumed.max(1) > self.budget.limits.max_ratio
        {
            Err(Refusal::StreamRatio)
        } else {
            self.budget.charge(compressed, n as u64)
        };
        if let Err(why) = refusal {
            let e = self.budget.refused(&self.file, why);
            // Also noted for the file: a parser that keeps what it read before an error (the IIS
            // engine does) must not hide why it stopped.
            self.stop(super::describe_io(&e));
            return Err(e);
        }
        Ok(n)
    }
}

impl<R: Read> Inflating<R> {
    /// Ends the stream, noting why for the file.
    fn stop(&mut self, why: crate::i18n::Text) {
        self.ended = true;
        if let Ok(mut d) = self.damage.lock() {
            d.get_or_insert(why);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn inflate(
        bytes: &[u8],
        budget: &Arc<Budget>,
    ) -> (io::Result<Vec<u8>>, Option<crate::i18n::Text>) {
        let damage = Arc::new(Mutex::new(None));
        let mut r = Inflating::new(bytes, Arc::clone(budget), "x.gz", Arc::clone(&damage));
        let mut out = Vec::new();
        let result = r.read_to_end(&mut out).map(|_| out);
        let note = damage.lock().unwrap().clone();
        (result, note)
    }

    #[test]
    fn a_gzip_bomb_is_refused_by_the_ratio_limit_naming_the_file() {
        let bomb = gz(&vec![0u8; 64 << 20]);
        let budget = Arc::new(Budget::default());
        let (result, _) = inflate(&bomb, &budget);
        let e = result.unwrap_err().to_string();
        assert!(e.starts_with("x.gz: refused:"), "{e}");
        assert!(e.contains("compression-ratio limit"), "{e}");
    }

    #[test]
    fn the_expanded_size_is_counted_across_streams() {
        // Each stream is within every limit on its own; together they are not.
        let text: Vec<u8> = (0..600_000u32)
            .flat_map(|i| format!("{i:08x}\n").into_bytes())
            .collect();
        let one = gz(&text);
        let budget = Arc::new(Budget::new(Limits {
            max_total_bytes: 8 << 20,
            ..Limits::default()
        }));
        assert!(inflate(&one, &budget).0.is_ok());
        let e = inflate(&one, &budget).0.unwrap_err().to_string();
        assert!(e.contains("expanded-size limit"), "{e}");
    }

    #[test]
    fn a_cut_stream_keeps_what_was_read_and_says_where_it_stopped() {
        let text: Vec<u8> = (0..200_000u32)
            .flat_map(|i| format!("line {i}\n").into_bytes())
            .collect();
        let whole = gz(&text);
        let cut = &whole[..whole.len() / 2];
        let (result, note) = inflate(cut, &Arc::new(Budget::default()));
        let got = result.unwrap();
        assert!(
            got.len() > 100_000 && text.starts_with(&got),
            "{}",
            got.len()
        );
        let note = note.unwrap();
        assert!(
            note.contains(&format!("after {} bytes of content", got.len())),
            "{note}"
        );
    }

    #[test]
    fn memory_is_given_back_when_the_content_is_dropped() {
        let budget = Arc::new(Budget::new(Limits {
            max_memory_bytes: 3 << 20,
            ..Limits::default()
        }));
        let data = vec![7u8; 2 << 20];
        let first = read_whole(&budget, "a", &data[..], u64::MAX)
            .unwrap()
            .unwrap();
        let e = read_whole(&budget, "b", &data[..], u64::MAX)
            .err()
            .unwrap()
            .to_string();
        assert!(
            e.starts_with("b: refused:") && e.contains("memory limit"),
            "{e}"
        );
        drop(first);
        assert!(read_whole(&budget, "b", &data[..], u64::MAX)
            .unwrap()
            .is_some());
        assert!(read_whole(&budget, "c", &data[..], 10).unwrap().is_none());
    }
}
