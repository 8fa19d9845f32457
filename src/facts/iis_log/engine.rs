//! Reading one log at disk speed: each worker thread takes the next newline-aligned chunk from
//! the shared reader (under a lock, noting the directive state at the chunk's start), then parses
//! and aggregates it into its own [`Agg`] while the others read. The bytes a worker parses are
//! the bytes it has just copied in, still in its own core's cache; each worker reuses one buffer,
//! so memory does not grow with the file. The aggregates are merged at the end and every
//! location is turned into a file line number from the per-chunk line counts.

use super::agg::{Agg, Filter, Loc, Tally};
use crate::parsers::iis_w3c::{BlockState, ChunkParser};
use std::io::{self, Read};
use std::sync::Mutex;

/// Bytes per chunk: large enough that per-chunk costs vanish, small enough that a chunk stays in
/// the CPU caches beside the per-client counters (large chunks streaming through L2 evict the
/// counters every record touches: 2 MiB chunks made the whole read 20 % slower).
pub(crate) const CHUNK: usize = 256 << 10;

/// The reading side shared by the workers.
pub(crate) struct Feed<R> {
    reader: R,
    /// Bytes per chunk.
    size: usize,
    /// Bytes read past the last newline of the previous chunk.
    carry: Vec<u8>,
    /// Directive state after every chunk handed out so far (kept only when chunks go to several
    /// workers: one reader's parser keeps its own).
    state: BlockState,
    track_state: bool,
    seq: u32,
    /// Newlines in the chunks handed out so far, when counted.
    newlines: Option<u64>,
    eof: bool,
    error: Option<io::Error>,
}

/// A chunk handed to a worker: its number, the directive state at its start, its length in the
/// worker's buffer, and the file line number of its first line when the feed counts lines.
pub(crate) struct Chunk {
    pub seq: u32,
    pub state: BlockState,
    pub len: usize,
    #[cfg_attr(
        not(feature = "parquet"),
        allow(dead_code, reason = "only the Parquet export reads it")
    )]
    pub first_line: Option<u64>,
}

impl<R: Read> Feed<R> {
    /// A feed of chunks of `size` bytes. `count_lines` makes it number every chunk's first line
    /// as it cuts it, for consumers that cannot wait for the end to learn line numbers (one more
    /// pass over each chunk under the lock, which the aggregation does without). `track_state`
    /// keeps the directive state at each chunk's start, for chunks parsed by several workers.
    pub(crate) fn new(reader: R, size: usize, count_lines: bool, track_state: bool) -> Self {
        Feed {
            reader,
            size,
            carry: Vec::new(),
            state: BlockState::default(),
            track_state,
            seq: 0,
            newlines: count_lines.then_some(0),
            eof: false,
            error: None,
        }
    }

    /// Fills `buf` with the next chunk, cut after its last newline (a line longer than a chunk is
    /// cut where the chunk ends). `None` once the input is exhausted.
    pub(crate) fn next_chunk(&mut self, buf: &mut Vec<u8>) -> Option<Chunk> {
        while !self.eof {
            let want = self.size.max(self.carry.len() + 1);
            if buf.len() < want {
                // Buffers keep their full length from here on: only `len` bytes of one are
                // meaningful, so no chunk pays for zeroing its buffer again.
                buf.resize(want, 0);
            }
            let mut filled = self.carry.len();
            if let Some(head) = buf.get_mut(..filled) {
                head.copy_from_slice(&self.carry);
            }
            self.carry.clear();
            while filled < buf.len() {
                match self.reader.read(buf.get_mut(filled..).unwrap_or_default()) {
                    Ok(0) => {
                        self.eof = true;
                        break;
                    }
                    Ok(n) => filled += n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        self.error = Some(e);
                        self.eof = true;
                        break;
                    }
                }
            }
            if !self.eof {
                if let Some(end) = memchr::memrchr(b'\n', buf.get(..filled).unwrap_or_default()) {
                    self.carry
                        .extend_from_slice(buf.get(end + 1..filled).unwrap_or_default());
                    filled = end + 1;
                }
            }
            if filled == 0 {
                continue;
            }
            let text = buf.get(..filled).unwrap_or_default();
            let chunk = Chunk {
                seq: self.seq,
                state: self.state,
                len: filled,
                first_line: self.newlines.map(|n| n + 1),
            };
            if let Some(n) = self.newlines.as_mut() {
                *n += memchr::memchr_iter(b'\n', text).count() as u64;
            }
            if self.track_state {
                self.state.skip_chunk(text);
            }
            self.seq = self.seq.saturating_add(1);
            return Some(chunk);
        }
        None
    }

    /// The number of chunks handed out and the read error that ended the input, if any.
    #[cfg_attr(
        not(feature = "parquet"),
        allow(dead_code, reason = "only the Parquet export uses it")
    )]
    pub(crate) fn finish(self) -> (u32, Option<io::Error>) {
        (self.seq, self.error)
    }
}

/// What one worker hands back: its aggregate and the line count of every chunk it parsed.
type WorkerResult = (Agg, Vec<(u32, u64)>);

fn work<R: Read>(feed: &Mutex<Feed<R>>, filter: &Filter) -> WorkerResult {
    let mut agg = Agg::with_filter(filter.clone());
    let mut lines = Vec::new();
    let mut buf = Vec::new();
    loop {
        let chunk = match feed.lock() {
            Ok(mut feed) => feed.next_chunk(&mut buf),
            Err(_) => None,
        };
        let Some(chunk) = chunk else { break };
        agg.chunk = chunk.seq;
        let mut parser = ChunkParser::new(chunk.state, 0);
        parser.feed(buf.get(..chunk.len).unwrap_or_default(), &mut agg);
        lines.push((chunk.seq, parser.line));
    }
    (agg, lines)
}

/// Reads a whole log into `acc`, an aggregate that may already hold other files (a worker's
/// running total): its locations name file number `file`. Returns the file's own tally.
///
/// With one thread the records go straight into `acc`, so reading many files costs no per-file
/// aggregate and no merge. With more, each worker fills its own aggregate, and they are merged
/// into `acc` at the end: worth it only for files large enough to hide that merge.
pub(crate) fn read_into(
    reader: impl Read + Send,
    threads: usize,
    acc: &mut Agg,
    file: u32,
) -> io::Result<Tally> {
    if threads <= 1 {
        return read_alone(reader, acc, file);
    }
    let filter = acc.filter.clone();
    let feed = Mutex::new(Feed::new(reader, CHUNK, false, true));
    let results: Vec<WorkerResult> = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads)
            .map(|_| scope.spawn(|| work(&feed, &filter)))
            .collect();
        let mut results = vec![work(&feed, &filter)];
        for w in others {
            match w.join() {
                Ok(r) => results.push(r),
                Err(p) => std::panic::resume_unwind(p),
            }
        }
        results
    });
    let feed = feed
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let (chunks, read_error) = (feed.seq, feed.error);

    let mut agg = Agg::with_filter(filter);
    let mut lines = vec![0u64; chunks as usize];
    for (worker_agg, counts) in results {
        agg.merge(worker_agg);
        for (seq, n) in counts {
            if let Some(slot) = lines.get_mut(seq as usize) {
                *slot = n;
            }
        }
    }
    // First line number of each chunk.
    let mut base = Vec::with_capacity(lines.len());
    let mut next = 1u64;
    for n in lines {
        base.push(next);
        next += n;
    }
    agg.relocate(|l: Loc| Loc {
        file,
        line: base.get(l.file as usize).copied().unwrap_or(1) + l.line,
    });
    let tally = agg.end_file();
    agg.chunk = file;
    acc.merge(agg);
    finish(tally, read_error)
}

/// One thread reads the whole file, in order, with line numbers counted from its start.
fn read_alone(reader: impl Read, acc: &mut Agg, file: u32) -> io::Result<Tally> {
    let mut feed = Feed::new(reader, CHUNK, false, false);
    let mut buf = Vec::new();
    let mut parser = ChunkParser::new(BlockState::default(), 1);
    acc.chunk = file;
    while let Some(chunk) = feed.next_chunk(&mut buf) {
        parser.feed(buf.get(..chunk.len).unwrap_or_default(), acc);
    }
    finish(acc.end_file(), feed.error)
}

/// A read error ends the file: what was read before it counts, unless nothing was.
fn finish(tally: Tally, read_error: Option<io::Error>) -> io::Result<Tally> {
    match read_error {
        Some(e) if tally.records == 0 => Err(e),
        _ => Ok(tally),
    }
}
