//! Text encodings: detection from the first bytes, and a streaming reader that hands parsers
//! UTF-8 whatever the file was written in.
//!
//! `reg export` and regedit write UTF-16LE with a BOM (formats.md §5.3); `Get-WindowsUpdateLog`
//! writes UTF-8, newer versions with a BOM (§6.2); IIS writes UTF-8 when `logInUTF8` is on, the
//! default (§1.1, A8); command output saved by PowerShell's `>` is UTF-16LE with a BOM; REGEDIT4
//! files and old logs use the ANSI code page.

use encoding_rs::{Decoder, Encoding as RsEncoding, UTF_16BE, UTF_16LE};
use serde::Serialize;
use std::io::{self, BufRead, Read};

/// A text encoding as detected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// UTF-16LE without a byte order mark, recognised by its zero high bytes.
    Utf16LeNoBom,
    /// Not valid UTF-8: read as the Windows ANSI code page 1252.
    Windows1252,
}

impl TextEncoding {
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 with BOM",
            TextEncoding::Utf16Le => "UTF-16LE with BOM",
            TextEncoding::Utf16Be => "UTF-16BE with BOM",
            TextEncoding::Utf16LeNoBom => "UTF-16LE without BOM",
            TextEncoding::Windows1252 => "Windows-1252 (not valid UTF-8)",
        }
    }

    fn bom_len(self) -> usize {
        match self {
            TextEncoding::Utf8Bom => 3,
            TextEncoding::Utf16Le | TextEncoding::Utf16Be => 2,
            _ => 0,
        }
    }
}

/// Guesses the encoding from the first bytes of a file.
pub fn detect(head: &[u8]) -> TextEncoding {
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return TextEncoding::Utf8Bom;
    }
    if head.starts_with(&[0xFF, 0xFE]) {
        return TextEncoding::Utf16Le;
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return TextEncoding::Utf16Be;
    }
    // UTF-16LE text without a BOM: ASCII characters leave every odd byte zero.
    let sample = &head[..head.len().min(512) & !1];
    if sample.len() >= 8 {
        let odd_zero = sample
            .iter()
            .skip(1)
            .step_by(2)
            .filter(|b| **b == 0)
            .count();
        let even_zero = sample.iter().step_by(2).filter(|b| **b == 0).count();
        if odd_zero * 10 >= sample.len() / 2 * 9 && even_zero * 10 < sample.len() / 2 {
            return TextEncoding::Utf16LeNoBom;
        }
    }
    match std::str::from_utf8(head) {
        Ok(_) => TextEncoding::Utf8,
        // A multi-byte character cut at the end of the sample is still UTF-8.
        Err(e) if e.error_len().is_none() => TextEncoding::Utf8,
        Err(_) => TextEncoding::Windows1252,
    }
}

/// Decodes a whole (small) buffer to a string in the given encoding, without losing bytes.
pub fn decode_all(bytes: &[u8], enc: TextEncoding) -> String {
    let body = &bytes[enc.bom_len().min(bytes.len())..];
    match enc {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => String::from_utf8_lossy(body).into_owned(),
        TextEncoding::Utf16Le | TextEncoding::Utf16LeNoBom => {
            UTF_16LE.decode_without_bom_handling(body).0.into_owned()
        }
        TextEncoding::Utf16Be => UTF_16BE.decode_without_bom_handling(body).0.into_owned(),
        TextEncoding::Windows1252 => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(body)
            .0
            .into_owned(),
    }
}

/// A reader yielding UTF-8. UTF-8 input passes through (BOM dropped; invalid sequences are left
/// for the line decoder, which falls back to Windows-1252 per line); UTF-16 is transcoded in
/// streaming fashion so a large file never sits in memory whole.
pub fn utf8_reader<R: Read + Send + 'static>(
    mut inner: R,
    enc: TextEncoding,
) -> io::Result<Box<dyn BufRead + Send>> {
    let mut bom = vec![0u8; enc.bom_len()];
    inner.read_exact(&mut bom).or_else(|e| {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            Ok(())
        } else {
            Err(e)
        }
    })?;
    let encoding: Option<&'static RsEncoding> = match enc {
        TextEncoding::Utf16Le | TextEncoding::Utf16LeNoBom => Some(UTF_16LE),
        TextEncoding::Utf16Be => Some(UTF_16BE),
        _ => None,
    };
    Ok(match encoding {
        None => Box::new(io::BufReader::with_capacity(1 << 20, inner)),
        Some(e) => Box::new(io::BufReader::with_capacity(
            1 << 16,
            Transcoder {
                inner,
                decoder: e.new_decoder_without_bom_handling(),
                input: vec![0; 1 << 16],
                start: 0,
                end: 0,
                eof: false,
                output: vec![0; 3 << 16],
                out_start: 0,
                out_end: 0,
                finished: false,
            },
        )),
    })
}

struct Transcoder<R> {
    inner: R,
    decoder: Decoder,
    input: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    output: Vec<u8>,
    out_start: usize,
    out_end: usize,
    /// The decoder has seen the end of input; encoding_rs forbids calling it again.
    finished: bool,
}

impl<R: Read> Transcoder<R> {
    /// Decodes more input into `output`; returns false at the end of the stream.
    fn refill(&mut self) -> io::Result<bool> {
        loop {
            if self.finished {
                return Ok(false);
            }
            if self.start == self.end && !self.eof {
                let n = self.inner.read(&mut self.input)?;
                self.start = 0;
                self.end = n;
                self.eof = n == 0;
            }
            let last = self.eof;
            let (result, read, written, _) = self.decoder.decode_to_utf8(
                &self.input[self.start..self.end],
                &mut self.output,
                last,
            );
            self.start += read;
            self.out_start = 0;
            self.out_end = written;
            if last && result == encoding_rs::CoderResult::InputEmpty {
                self.finished = true;
            }
            if written > 0 {
                return Ok(true);
            }
            if self.finished {
                return Ok(false);
            }
        }
    }
}

impl<R: Read> Read for Transcoder<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.out_start == self.out_end && !self.refill()? {
            return Ok(0);
        }
        let n = out.len().min(self.out_end - self.out_start);
        out[..n].copy_from_slice(&self.output[self.out_start..self.out_start + n]);
        self.out_start += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut v = if bom { vec![0xFF, 0xFE] } else { vec![] };
        for u in s.encode_utf16() {
            v.extend_from_slice(&u.to_le_bytes());
        }
        v
    }

    #[test]
    fn detects_boms_and_bomless_utf16() {
        assert_eq!(detect(b"\xEF\xBB\xBFabc"), TextEncoding::Utf8Bom);
        assert_eq!(
            detect(&utf16le("Windows Registry", true)),
            TextEncoding::Utf16Le
        );
        assert_eq!(
            detect(&utf16le("Windows Registry", false)),
            TextEncoding::Utf16LeNoBom
        );
        assert_eq!(detect(b"\xFE\xFF\x00a"), TextEncoding::Utf16Be);
        assert_eq!(detect(b"plain ascii"), TextEncoding::Utf8);
        assert_eq!(detect(b"caf\xe9 au lait"), TextEncoding::Windows1252);
        // A sample cut in the middle of a multi-byte character is still UTF-8.
        assert_eq!(detect(&"é".as_bytes()[..1]), TextEncoding::Utf8);
    }

    #[test]
    fn odd_trailing_byte_ends_the_stream_without_panicking() {
        let mut bytes = utf16le("ab", true);
        bytes.push(0x41);
        let mut out = String::new();
        utf8_reader(io::Cursor::new(bytes), TextEncoding::Utf16Le)
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "ab\u{fffd}");
    }

    #[test]
    fn utf16_streams_to_utf8() {
        let text = "line one\r\nlïne two\r\n".repeat(5000);
        let bytes = utf16le(&text, true);
        let mut r = utf8_reader(io::Cursor::new(bytes), TextEncoding::Utf16Le).unwrap();
        let mut out = String::new();
        r.read_to_string(&mut out).unwrap();
        assert_eq!(out, text);
    }

    #[test]
    fn utf8_bom_is_dropped() {
        let mut r = utf8_reader(
            io::Cursor::new(b"\xEF\xBB\xBFhello".to_vec()),
            TextEncoding::Utf8Bom,
        )
        .unwrap();
        let mut out = String::new();
        r.read_to_string(&mut out).unwrap();
        assert_eq!(out, "hello");
    }

    #[test]
    fn decode_all_handles_every_encoding() {
        assert_eq!(
            decode_all(&utf16le("héllo", true), TextEncoding::Utf16Le),
            "héllo"
        );
        assert_eq!(decode_all(b"\xEF\xBB\xBFh", TextEncoding::Utf8Bom), "h");
        assert_eq!(decode_all(b"\xe9", TextEncoding::Windows1252), "é");
    }
}
