//! Log records as Parquet files, written with the Apache Parquet crate's own column writers: the
//! parsers' borrowed fields go into plain column buffers, with no Arrow layer between (which would
//! add a dozen crates and minutes to the build for nothing these flat tables need).
//!
//! A row group is gathered in a [`Table`], encoded column by column into memory ([`Table::encode`]:
//! dictionary encoding for the strings, delta encoding for times and line numbers, zstd pages),
//! then appended to the file by a [`Writer`] in input order. Several threads can so encode the row
//! groups of one file at once, and memory stays bounded by the row-group size, whatever the size
//! of the log.

pub mod httperr;
pub mod iis;

use crate::evidence::{text::TextEncoding, EvidenceFile};
use crate::facts::iis_log::Filter;
use crate::parsers::{Malformed, ParseStats, MALFORMED_EXAMPLES};
use ::parquet::basic::{
    Compression, Encoding, LogicalType, Repetition, TimeUnit, Type as Physical, ZstdLevel,
};
use ::parquet::column::writer::{get_column_writer, ColumnCloseResult, ColumnWriter};
use ::parquet::data_type::ByteArray;
use ::parquet::errors::ParquetError;
use ::parquet::file::metadata::KeyValue;
use ::parquet::file::properties::{EnabledStatistics, WriterProperties, WriterPropertiesPtr};
use ::parquet::file::writer::{SerializedFileWriter, SerializedPageWriter, TrackedWrite};
use ::parquet::schema::types::{ColumnPath, SchemaDescPtr, SchemaDescriptor, Type};
use bytes::Bytes;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The metadata key under which each file names its layout.
pub(crate) const LAYOUT_KEY: &str = "wsus-doctor.layout";

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// UTF-8 text.
    Text,
    Int32,
    Int64,
    /// Microseconds since the Unix epoch, in UTC.
    Timestamp,
}

/// One column of a layout.
#[derive(Debug)]
pub(crate) struct Spec {
    pub name: &'static str,
    pub kind: Kind,
    pub nullable: bool,
    /// Min/max statistics are kept, for engines to skip row groups and pages on filters. Long
    /// free text (paths, queries, user agents) is not filtered by range, and comparing every
    /// value costs throughput.
    pub statistics: bool,
}

/// A column with statistics.
const fn column(name: &'static str, kind: Kind, nullable: bool) -> Spec {
    Spec {
        name,
        kind,
        nullable,
        statistics: true,
    }
}

/// A column of free text, without statistics.
const fn free_text(name: &'static str, nullable: bool) -> Spec {
    Spec {
        name,
        kind: Kind::Text,
        nullable,
        statistics: false,
    }
}

/// The columns of a kind of file, and the name it carries in its metadata.
#[derive(Debug)]
pub struct Layout {
    pub id: &'static str,
    pub(crate) columns: &'static [Spec],
}

impl Layout {
    fn schema(&self) -> Result<SchemaDescPtr, ParquetError> {
        let fields = self
            .columns
            .iter()
            .map(|c| {
                let (physical, logical) = match c.kind {
                    Kind::Text => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
                    Kind::Int32 => (Physical::INT32, None),
                    Kind::Int64 => (Physical::INT64, None),
                    Kind::Timestamp => (
                        Physical::INT64,
                        Some(LogicalType::timestamp(true, TimeUnit::MICROS)),
                    ),
                };
                let repetition = if c.nullable {
                    Repetition::OPTIONAL
                } else {
                    Repetition::REQUIRED
                };
                Type::primitive_type_builder(c.name, physical)
                    .with_repetition(repetition)
                    .with_logical_type(logical)
                    .build()
                    .map(Arc::new)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let root = Type::group_type_builder("schema")
            .with_fields(fields)
            .build()?;
        Ok(Arc::new(SchemaDescriptor::new(Arc::new(root))))
    }

    fn properties(&self) -> Result<WriterPropertiesPtr, ParquetError> {
        let mut b = WriterProperties::builder()
            // Level 1: most of the size comes from dictionary encoding already, and higher levels
            // cost throughput for a few per cent.
            .set_compression(Compression::ZSTD(ZstdLevel::try_new(1)?))
            .set_created_by(format!("{} {}", crate::TOOL_NAME, crate::TOOL_VERSION))
            .set_key_value_metadata(Some(vec![KeyValue::new(
                LAYOUT_KEY.to_string(),
                self.id.to_string(),
            )]));
        for c in self.columns {
            if !c.statistics {
                b = b.set_column_statistics_enabled(
                    ColumnPath::from(c.name),
                    EnabledStatistics::None,
                );
            }
            // Times and line numbers rise from row to row: deltas store them in a few bits, where
            // a dictionary would hold nearly every value once.
            if matches!(c.kind, Kind::Timestamp) || c.name == "line" {
                let path = ColumnPath::from(c.name);
                b = b
                    .set_column_dictionary_enabled(path.clone(), false)
                    .set_column_encoding(path, Encoding::DELTA_BINARY_PACKED);
            }
        }
        Ok(Arc::new(b.build()))
    }
}

/// A column's values for the row group being gathered.
enum Values {
    /// Each value's span, in the table's base text or (with [`OWN`] set on its start) in the
    /// column's own bytes, where values that are not slices of the base are copied.
    Text {
        own: Vec<u8>,
        spans: Vec<(u32, u32)>,
    },
    Int32(Vec<i32>),
    Int64(Vec<i64>),
}

/// The span's bytes are the column's own, not the base text's.
const OWN: u32 = 1 << 31;

struct Column {
    values: Values,
    /// Definition levels of a nullable column: 1 for a value, 0 for a null.
    levels: Vec<i16>,
    nullable: bool,
}

/// Own text bytes after which a row group is full, whatever its row count (spans are 31-bit
/// offsets, and memory stays bounded with long lines).
const TEXT_BYTES_LIMIT: usize = 256 << 20;

/// The rows of one row group, column by column. Callers push one value per column, then end the
/// row. Text values that are slices of the base text (the chunk of log the rows are read from,
/// [`Table::set_base`]) are recorded by position and handed to the encoder as slices of it, so the
/// bulk of the text is never copied; buffers are kept from one row group to the next.
pub(crate) struct Table {
    columns: Vec<Column>,
    rows: usize,
    own_bytes: usize,
    /// Address and length of the base text.
    base: (usize, usize),
    /// The values of one text column at a time, for the encoder.
    scratch: Vec<ByteArray>,
}

/// One encoded row group: each column chunk's bytes and what closing its writer reported.
pub(crate) struct RowGroup {
    columns: Vec<(Bytes, ColumnCloseResult)>,
}

impl Table {
    pub fn new(layout: &Layout) -> Table {
        let columns = layout
            .columns
            .iter()
            .map(|c| Column {
                values: match c.kind {
                    Kind::Text => Values::Text {
                        own: Vec::new(),
                        spans: Vec::new(),
                    },
                    Kind::Int32 => Values::Int32(Vec::new()),
                    Kind::Int64 | Kind::Timestamp => Values::Int64(Vec::new()),
                },
                levels: Vec::new(),
                nullable: c.nullable,
            })
            .collect();
        Table {
            columns,
            rows: 0,
            own_bytes: 0,
            base: (0, 0),
            scratch: Vec::new(),
        }
    }

    /// The row group should be written before more rows are added.
    pub(crate) fn is_full(&self, max_rows: usize) -> bool {
        self.rows >= max_rows || self.own_bytes >= TEXT_BYTES_LIMIT
    }

    /// Text values that are slices of `base` will be taken from it, not copied: the same bytes
    /// must be handed to [`Table::encode`]. Set it before the first row of a row group.
    pub(crate) fn set_base(&mut self, base: &[u8]) {
        self.base = if base.len() < OWN as usize {
            (base.as_ptr() as usize, base.len())
        } else {
            (0, 0)
        };
    }

    fn defined(column: &mut Column, defined: bool) {
        if column.nullable {
            column.levels.push(i16::from(defined));
        }
    }

    /// Adds a text value (valid UTF-8) or, for `None`, a null. A copied value equal to the
    /// column's previous one is not copied again: the source file, for one, repeats on every row.
    #[inline]
    pub fn text(&mut self, column: usize, value: Option<&[u8]>) {
        let (base, base_len) = self.base;
        let Some(c) = self.columns.get_mut(column) else {
            return;
        };
        Self::defined(c, value.is_some());
        let (Some(v), Values::Text { own, spans }) = (value, &mut c.values) else {
            return;
        };
        let offset = (v.as_ptr() as usize).wrapping_sub(base);
        if base != 0 && offset <= base_len && v.len() <= base_len - offset {
            spans.push((offset as u32, (offset + v.len()) as u32));
            return;
        }
        if let Some(&(s, e)) = spans.last() {
            if s & OWN != 0 && own.get((s & !OWN) as usize..e as usize) == Some(v) {
                spans.push((s, e));
                return;
            }
        }
        let start = own.len();
        own.extend_from_slice(v);
        self.own_bytes += v.len();
        spans.push((start as u32 | OWN, own.len() as u32));
    }

    #[inline]
    pub(crate) fn int32(&mut self, column: usize, value: Option<i32>) {
        let Some(c) = self.columns.get_mut(column) else {
            return;
        };
        Self::defined(c, value.is_some());
        if let (Some(v), Values::Int32(values)) = (value, &mut c.values) {
            values.push(v);
        }
    }

    #[inline]
    pub(crate) fn int64(&mut self, column: usize, value: Option<i64>) {
        let Some(c) = self.columns.get_mut(column) else {
            return;
        };
        Self::defined(c, value.is_some());
        if let (Some(v), Values::Int64(values)) = (value, &mut c.values) {
            values.push(v);
        }
    }

    #[inline]
    pub(crate) fn end_row(&mut self) {
        self.rows += 1;
    }

    /// Encodes the rows gathered into one row group (or `None` when there are none) and empties
    /// the table for the next. `base` holds the bytes given to [`Table::set_base`], at the same
    /// address.
    pub(crate) fn encode(
        &mut self,
        base: &Bytes,
        schema: &SchemaDescPtr,
        props: &WriterPropertiesPtr,
    ) -> Result<Option<RowGroup>, ParquetError> {
        let rows = std::mem::take(&mut self.rows);
        self.own_bytes = 0;
        let referenced = self.base;
        self.base = (0, 0);
        let elsewhere = referenced.0 != 0
            && (base.as_ptr() as usize != referenced.0 || base.len() < referenced.1);
        if rows == 0 || elsewhere {
            for c in &mut self.columns {
                c.clear();
            }
        }
        if elsewhere {
            return Err(ParquetError::General(
                "the text handed to the encoder is not the text the rows were read from".into(),
            ));
        }
        if rows == 0 {
            return Ok(None);
        }
        let mut columns = Vec::with_capacity(self.columns.len());
        for (i, c) in self.columns.iter_mut().enumerate() {
            let encoded = encode_column(c, base, &mut self.scratch, schema.column(i), props);
            c.clear();
            columns.push(encoded?);
        }
        Ok(Some(RowGroup { columns }))
    }
}

impl Column {
    /// Empties the column, keeping its buffers.
    fn clear(&mut self) {
        self.levels.clear();
        match &mut self.values {
            Values::Text { own, spans } => {
                own.clear();
                spans.clear();
            }
            Values::Int32(v) => v.clear(),
            Values::Int64(v) => v.clear(),
        }
    }
}

fn encode_column(
    column: &mut Column,
    base: &Bytes,
    scratch: &mut Vec<ByteArray>,
    descr: ::parquet::schema::types::ColumnDescPtr,
    props: &WriterPropertiesPtr,
) -> Result<(Bytes, ColumnCloseResult), ParquetError> {
    let mut sink = TrackedWrite::new(Vec::new());
    let mut owned: Option<Bytes> = None;
    let close = {
        let pages = SerializedPageWriter::new(&mut sink);
        let mut writer = get_column_writer(descr, Arc::clone(props), Box::new(pages));
        let levels = column.nullable.then_some(column.levels.as_slice());
        match (&mut writer, &mut column.values) {
            (ColumnWriter::ByteArrayColumnWriter(w), Values::Text { own, spans }) => {
                // The values are slices of the two buffers, shared, not copied.
                let mine = owned.insert(Bytes::from(std::mem::take(own)));
                let slice = |(s, e): (u32, u32)| -> Option<Bytes> {
                    let (from, start) = if s & OWN != 0 {
                        (&*mine, (s & !OWN) as usize)
                    } else {
                        (base, s as usize)
                    };
                    (start <= e as usize && e as usize <= from.len())
                        .then(|| from.slice(start..e as usize))
                };
                scratch.clear();
                for &span in spans.iter() {
                    let value = slice(span).ok_or_else(|| {
                        ParquetError::General("a text value lies outside its buffer".into())
                    })?;
                    scratch.push(ByteArray::from(value));
                }
                w.write_batch(scratch, levels, None)?;
                scratch.clear();
            }
            (ColumnWriter::Int32ColumnWriter(w), Values::Int32(v)) => {
                w.write_batch(v, levels, None)?;
            }
            (ColumnWriter::Int64ColumnWriter(w), Values::Int64(v)) => {
                w.write_batch(v, levels, None)?;
            }
            _ => {
                return Err(ParquetError::General(
                    "a column's values do not match its type".into(),
                ))
            }
        }
        writer.close()?
    };
    // Once the writer is closed nothing refers to the column's own bytes any more (statistics
    // keep copies): the buffer is taken back for the next row group.
    if let (Some(b), Values::Text { own, .. }) = (owned, &mut column.values) {
        *own = b.try_into_mut().map(Vec::from).unwrap_or_default();
    }
    Ok((Bytes::from(sink.into_inner()?), close))
}

/// A Parquet file being written under a temporary name beside its final one, which it takes
/// only once complete: a failed or interrupted export leaves no file that looks whole. Row groups
/// are handed in tagged with their place in the input, in any order, and written in that order.
pub(crate) struct Writer {
    file: Option<SerializedFileWriter<BufWriter<File>>>,
    schema: SchemaDescPtr,
    props: WriterPropertiesPtr,
    partial: PathBuf,
    target: PathBuf,
    next: u32,
    waiting: BTreeMap<u32, Option<RowGroup>>,
    rows: u64,
    row_groups: usize,
}

impl Writer {
    pub fn create(target: &Path, layout: &Layout) -> io::Result<Writer> {
        let schema = layout.schema().map_err(io::Error::other)?;
        let props = layout.properties().map_err(io::Error::other)?;
        let mut partial = target.as_os_str().to_owned();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        let out = BufWriter::with_capacity(1 << 20, File::create(&partial)?);
        let file = SerializedFileWriter::new(out, schema.root_schema_ptr(), Arc::clone(&props))
            .map_err(io::Error::other)?;
        Ok(Writer {
            file: Some(file),
            schema,
            props,
            partial,
            target: target.to_path_buf(),
            next: 0,
            waiting: BTreeMap::new(),
            rows: 0,
            row_groups: 0,
        })
    }

    /// What encoding a row group for this file needs.
    pub fn encoding(&self) -> (SchemaDescPtr, WriterPropertiesPtr) {
        (Arc::clone(&self.schema), Arc::clone(&self.props))
    }

    /// Row groups handed in ahead of their turn.
    pub(crate) fn waiting(&self) -> usize {
        self.waiting.len()
    }

    /// Takes the row group (or the empty slot) at place `seq`, and writes every row group whose
    /// turn has come.
    pub fn put(&mut self, seq: u32, group: Option<RowGroup>) -> io::Result<()> {
        self.waiting.insert(seq, group);
        while let Some(group) = self.waiting.remove(&self.next) {
            self.next += 1;
            let (Some(group), Some(file)) = (group, self.file.as_mut()) else {
                continue;
            };
            let mut rg = file.next_row_group().map_err(io::Error::other)?;
            for (bytes, close) in group.columns {
                rg.append_column(&bytes, close).map_err(io::Error::other)?;
            }
            let meta = rg.close().map_err(io::Error::other)?;
            self.rows += meta.num_rows() as u64;
            self.row_groups += 1;
        }
        Ok(())
    }

    /// Closes the file and gives it its final name: rows, row groups and bytes written.
    pub fn finish(mut self) -> io::Result<(u64, usize, u64)> {
        if !self.waiting.is_empty() {
            return Err(io::Error::other(
                "row groups were lost before the file ended",
            ));
        }
        let Some(file) = self.file.take() else {
            return Err(io::Error::other("the file was already closed"));
        };
        let out = file.into_inner().map_err(io::Error::other)?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&self.partial, &self.target)?;
        let bytes = std::fs::metadata(&self.target)?.len();
        Ok((self.rows, self.row_groups, bytes))
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        // Not finished: the file is closed first (Windows cannot remove an open file).
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.partial);
        }
    }
}

/// Which log an export reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Log {
    Iis,
    Httperr,
}

impl Log {
    pub fn layout(self) -> &'static Layout {
        match self {
            Log::Iis => &iis::LAYOUT,
            Log::Httperr => &httperr::LAYOUT,
        }
    }
}

/// Exports each log to its target (in the same order): IIS logs big enough to be cut one after
/// another with every core each, the others side by side with one core each, so that memory stays
/// a few row groups per core.
pub fn export_all(
    files: &[(&EvidenceFile, TextEncoding)],
    log: Log,
    filter: &Filter,
    targets: &[PathBuf],
) -> Vec<io::Result<Written>> {
    use rayon::prelude::*;
    let one = |i: usize, threads: usize| -> io::Result<Written> {
        let (Some((file, enc)), Some(target)) = (files.get(i), targets.get(i)) else {
            return Err(io::Error::other("no target for this input"));
        };
        match log {
            Log::Iis => iis::export(file, *enc, filter, target, threads),
            Log::Httperr => httperr::export(file, *enc, filter, target),
        }
    };
    let workers: Vec<usize> = files
        .iter()
        .map(|(f, _)| match log {
            Log::Iis => iis::workers_for(f),
            Log::Httperr => 1,
        })
        .collect();
    let mut done: BTreeMap<usize, io::Result<Written>> = BTreeMap::new();
    for (i, &w) in workers.iter().enumerate() {
        if w > 1 {
            done.insert(i, one(i, w));
        }
    }
    let small: Vec<(usize, io::Result<Written>)> = (0..files.len())
        .into_par_iter()
        .filter(|&i| workers.get(i) == Some(&1))
        .map(|i| (i, one(i, 1)))
        .collect();
    done.extend(small);
    done.into_values().collect()
}

/// What exporting one input wrote.
#[derive(Debug, Clone, Serialize)]
pub struct Written {
    pub input: String,
    pub output: String,
    pub rows: u64,
    pub row_groups: usize,
    pub bytes: u64,
    /// Records left out by the `--since`, `--until` and `--client` filters.
    pub filtered_out: u64,
    /// Malformed lines (not exported), with the first few as examples; notes on the layout.
    pub stats: ParseStats,
}

/// Adds the counts of one part of a file to the whole's, keeping the earliest examples.
fn absorb(into: &mut ParseStats, part: ParseStats) {
    into.records += part.records;
    into.malformed += part.malformed;
    let mut examples: Vec<Malformed> = std::mem::take(&mut into.malformed_examples);
    examples.extend(part.malformed_examples);
    examples.sort_by_key(|m| m.line);
    examples.truncate(MALFORMED_EXAMPLES);
    into.malformed_examples = examples;
    for n in part.notes {
        into.note(n);
    }
}

/// A text value as valid UTF-8, which Parquet strings must be: as it is when it already is,
/// else read as Windows-1252 (the ANSI code page logs fall back to), as the other readers do.
#[inline]
fn utf8(value: &[u8], known_valid: bool) -> std::borrow::Cow<'_, [u8]> {
    if known_valid {
        std::borrow::Cow::Borrowed(value)
    } else {
        match crate::parsers::lines::decode(value) {
            std::borrow::Cow::Borrowed(s) => std::borrow::Cow::Borrowed(s.as_bytes()),
            std::borrow::Cow::Owned(s) => std::borrow::Cow::Owned(s.into_bytes()),
        }
    }
}

/// A decimal field as a number, `None` when empty or not one.
fn number(v: &[u8]) -> Option<i64> {
    crate::parsers::iis_w3c::parse_u64(v).and_then(|n| i64::try_from(n).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::parquet::file::reader::{FileReader, SerializedFileReader};
    use ::parquet::record::{Field, RowAccessor};

    const LAYOUT: Layout = Layout {
        id: "test/v1",
        columns: &[
            Spec {
                name: "time",
                kind: Kind::Timestamp,
                nullable: false,
                statistics: true,
            },
            Spec {
                name: "name",
                kind: Kind::Text,
                nullable: true,
                statistics: false,
            },
            Spec {
                name: "count",
                kind: Kind::Int32,
                nullable: true,
                statistics: true,
            },
        ],
    };

    fn rows(n: i64, table: &mut Table) {
        for i in 0..n {
            table.int64(0, Some(i * 1_000_000));
            table.text(
                1,
                (i % 3 != 0).then_some(if i % 2 == 0 { b"even" } else { b"odd" }),
            );
            table.int32(2, (i % 5 != 0).then_some(i as i32));
            table.end_row();
        }
    }

    #[test]
    fn row_groups_handed_in_out_of_order_are_written_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("t.parquet");
        let mut w = Writer::create(&target, &LAYOUT).unwrap();
        let (schema, props) = w.encoding();
        let mut groups = Vec::new();
        for _ in 0..3 {
            let mut t = Table::new(&LAYOUT);
            rows(10, &mut t);
            groups.push(t.encode(&Bytes::new(), &schema, &props).unwrap());
        }
        let last = groups.pop().unwrap();
        let middle = groups.pop().unwrap();
        let first = groups.pop().unwrap();
        w.put(2, last).unwrap();
        w.put(1, None).unwrap();
        w.put(3, middle).unwrap();
        assert_eq!(w.waiting(), 3);
        assert!(!target.exists());
        w.put(0, first).unwrap();
        assert_eq!(w.waiting(), 0);
        let (rows_written, groups_written, bytes) = w.finish().unwrap();
        assert_eq!((rows_written, groups_written), (30, 3));
        assert_eq!(bytes, std::fs::metadata(&target).unwrap().len());
        assert!(!dir.path().join("t.parquet.partial").exists());

        let reader = SerializedFileReader::new(File::open(&target).unwrap()).unwrap();
        let kv = reader
            .metadata()
            .file_metadata()
            .key_value_metadata()
            .unwrap();
        assert_eq!(kv[0].key, LAYOUT_KEY);
        assert_eq!(kv[0].value.as_deref(), Some("test/v1"));
        let got: Vec<String> = reader
            .get_row_iter(None)
            .unwrap()
            .take(4)
            .map(|r| {
                r.unwrap()
                    .get_column_iter()
                    .map(|(_, f)| match f {
                        Field::TimestampMicros(t) => t.to_string(),
                        other => other.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(
            got,
            [
                "0 null null",
                "1000000 \"odd\" 1",
                "2000000 \"even\" 2",
                "3000000 null 3"
            ]
        );
    }

    #[test]
    fn slices_of_the_base_text_are_referenced_and_other_text_copied() {
        let base = Bytes::from_static(b"alpha beta gamma");
        let fill = |t: &mut Table| {
            t.set_base(&base);
            for (i, v) in [&base[..5], &base[6..10], b"copied", b"copied"]
                .into_iter()
                .enumerate()
            {
                t.int64(0, Some(i as i64));
                t.text(1, Some(v));
                t.int32(2, None);
                t.end_row();
            }
        };
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("t.parquet");
        let mut w = Writer::create(&target, &LAYOUT).unwrap();
        let (schema, props) = w.encoding();
        let mut t = Table::new(&LAYOUT);
        fill(&mut t);
        assert_eq!(t.own_bytes, 6);
        let elsewhere = Bytes::from(base.to_vec());
        assert!(t.encode(&elsewhere, &schema, &props).is_err());
        fill(&mut t);
        w.put(0, t.encode(&base, &schema, &props).unwrap()).unwrap();
        w.finish().unwrap();
        let reader = SerializedFileReader::new(File::open(&target).unwrap()).unwrap();
        let names: Vec<String> = reader
            .get_row_iter(None)
            .unwrap()
            .map(|r| r.unwrap().get_string(1).unwrap().clone())
            .collect();
        assert_eq!(names, ["alpha", "beta", "copied", "copied"]);
    }

    #[test]
    fn an_unfinished_file_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("t.parquet");
        let mut w = Writer::create(&target, &LAYOUT).unwrap();
        let (schema, props) = w.encoding();
        let mut t = Table::new(&LAYOUT);
        rows(10, &mut t);
        w.put(0, t.encode(&Bytes::new(), &schema, &props).unwrap())
            .unwrap();
        assert!(dir.path().join("t.parquet.partial").exists());
        drop(w);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn text_that_is_not_utf8_is_read_as_windows_1252() {
        assert_eq!(&*utf8(b"caf\xe9", false), "café".as_bytes());
        assert_eq!(&*utf8("café".as_bytes(), false), "café".as_bytes());
        assert_eq!(number(b"8530"), Some(8530));
        assert_eq!(number(b"99999999999999999999"), None);
        assert_eq!(number(b""), None);
    }
}
