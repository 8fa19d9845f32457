//! Line reading shared by the text parsers: bounded line length (a hostile file with a 1 GiB
//! "line" must not be held in memory), CRLF/LF/CR handling, and decoding of lines that are not
//! UTF-8.

use std::borrow::Cow;
use std::io::{self, BufRead};

/// Lines longer than this are cut; the parser sees the first part and a flag.
pub(crate) const MAX_LINE: usize = 1 << 20;

/// One physical line.
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub number: u64,
    /// The bytes without the line terminator, cut at [`MAX_LINE`].
    pub bytes: &'a [u8],
}

/// Reads lines from a buffered reader into one reused buffer.
pub(crate) struct LineReader<R> {
    inner: R,
    buf: Vec<u8>,
    number: u64,
    max: usize,
}

impl<R: BufRead> LineReader<R> {
    pub fn new(inner: R) -> Self {
        LineReader {
            inner,
            buf: Vec::with_capacity(4096),
            number: 0,
            max: MAX_LINE,
        }
    }

    /// The next line, or `None` at end of input. Lines end at `\n`; a trailing `\r` is dropped.
    pub(crate) fn next_line(&mut self) -> io::Result<Option<Line<'_>>> {
        self.buf.clear();
        let mut truncated = false;
        let mut saw_newline = false;
        loop {
            let available = match self.inner.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                break;
            }
            let (take, done) = match memchr::memchr(b'\n', available) {
                Some(i) => (i + 1, true),
                None => (available.len(), false),
            };
            let room = self.max.saturating_sub(self.buf.len());
            let content = if done {
                &available[..take - 1]
            } else {
                &available[..take]
            };
            if content.len() > room {
                truncated = true;
                self.buf.extend_from_slice(&content[..room]);
            } else {
                self.buf.extend_from_slice(content);
            }
            self.inner.consume(take);
            if done {
                saw_newline = true;
                break;
            }
        }
        if !saw_newline && self.buf.is_empty() && !truncated {
            return Ok(None);
        }
        self.number += 1;
        if self.buf.last() == Some(&b'\r') {
            self.buf.pop();
        }
        Ok(Some(Line {
            number: self.number,
            bytes: &self.buf,
        }))
    }
}

/// Decodes a line: UTF-8 when valid, otherwise Windows-1252 (the ANSI code page most Windows
/// logs fall back to), so no byte is ever lost to a replacement character.
pub(crate) fn decode(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

/// Splits one line of delimited text (CSV, or tab-separated) with `"` quoting and `""` escapes.
pub(crate) fn delimited_fields(line: &str, delimiter: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == delimiter && !quoted => out.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    out.push(field);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(input: &[u8]) -> Vec<(u64, Vec<u8>)> {
        let mut r = LineReader::new(input);
        let mut out = Vec::new();
        while let Some(l) = r.next_line().unwrap() {
            out.push((l.number, l.bytes.to_vec()));
        }
        out
    }

    #[test]
    fn crlf_lf_and_a_final_line_without_newline() {
        let got = all(b"a\r\nb\n\nc");
        assert_eq!(got.len(), 4);
        assert_eq!(got[0].1, b"a");
        assert_eq!(got[2].1, b"");
        assert_eq!(got[3], (4, b"c".to_vec()));
    }

    #[test]
    fn huge_lines_are_cut_not_buffered() {
        let mut input = vec![b'x'; MAX_LINE + 10_000];
        input.extend_from_slice(b"\nnext\n");
        let got = all(&input);
        assert_eq!(got[0].1.len(), MAX_LINE);
        assert_eq!(got[1], (2, b"next".to_vec()));
    }

    #[test]
    fn delimited_fields_keep_quoted_delimiters() {
        assert_eq!(
            delimited_fields("a,\"b,c\",\"say \"\"hi\"\"\",", ','),
            ["a", "b,c", "say \"hi\"", ""]
        );
        assert_eq!(delimited_fields("a\t\"b\tc\"\td", '\t'), ["a", "b\tc", "d"]);
    }

    #[test]
    fn invalid_utf8_falls_back_to_windows_1252() {
        assert_eq!(decode(b"caf\xe9"), "café");
        assert_eq!(decode("café".as_bytes()), "café");
    }
}
