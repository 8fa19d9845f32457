//! What the fuzz targets share: each feeds one parser (through the same entry point as a real run,
//! so the facts built from its output are exercised too) or the sniffer or the archive expansion.
//! The property checked is the project's invariant: no input makes the tool panic, hang or exhaust
//! memory (libFuzzer's `-timeout` and `-rss_limit_mb` turn the last two into findings).

use std::io::Write;
use wsus_doctor::evidence::{self, sniff, text, EvidenceFile, Kind};

/// Parses `data` as `kind`, in the encoding the sniffer would pick.
pub fn ingest(kind: Kind, data: &[u8]) {
    let file = EvidenceFile::memory("fuzz", data.to_vec());
    let head = file.head(evidence::SNIFF_BYTES).unwrap_or_default();
    let enc = sniff::sniff(&head)
        .encoding
        .unwrap_or_else(|| text::detect(&head));
    let _ = wsus_doctor::pipeline::ingest(kind, &file, enc);
}

/// Sniffs `data`, and parses it as whatever kind the sniffer names.
pub fn sniff_and_ingest(data: &[u8]) {
    let sniffed = sniff::sniff(data);
    let _ = text::detect(data);
    if let Some(kind) = sniffed.kind {
        ingest(kind, data);
    }
}

/// Expands `data` as an input file (a zip, a .gz, a .gz holding a zip, nested archives) under
/// small limits, then reads the start of every file found.
pub fn expand(data: &[u8]) {
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("input");
    let Ok(mut f) = std::fs::File::create(&path) else { return };
    if f.write_all(data).is_err() {
        return;
    }
    drop(f);
    let limits = evidence::archive::Limits {
        max_members: 64,
        max_total_bytes: 16 << 20,
        max_memory_bytes: 16 << 20,
        ..Default::default()
    };
    let set = evidence::discover(&[path], &limits);
    for file in &set.files {
        if let Ok(head) = file.head(evidence::SNIFF_BYTES) {
            let _ = sniff::sniff(&head);
        }
    }
}
