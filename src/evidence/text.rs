//! Text encodings: detection from the first bytes, and a streaming reader that hands parsers
//! UTF-8 whatever the file was written in.
//!
//! `reg export` and regedit write UTF-16LE with a BOM (formats.md §5.3); `Get-WindowsUpdateLog`
//! writes UTF-8, newer versions with a BOM (§6.2); IIS writes UTF-8 when `logInUTF8` is on, the
//! default (§1.1, A8); command output saved by PowerShell's `>` is UTF-16LE with a BOM; console
//! output redirected by cmd.exe (`ipconfig /all > f.txt`), REGEDIT4 files and old logs use the
//! ANSI code page, which is 932 (Shift_JIS) on Japanese Windows and 1252 on Western European
//! and English ones (japanese-windows.md §9). Which ANSI code page a file is in is decided from
//! the machine's evidence when there is some (see [`AnsiHint`]), else from the bytes themselves.

use encoding_rs::{Decoder, Encoding as RsEncoding, UTF_16BE, UTF_16LE};
use serde::Serialize;
use std::fmt;
use std::io::{self, BufRead, Read};

/// A Windows code page that can hold the text of an ANSI file: one of those `codepage` maps to
/// an ASCII-compatible encoding (so not UTF-16).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct CodePage(u16);

impl CodePage {
    /// Western European and English Windows.
    pub(crate) const WINDOWS_1252: CodePage = CodePage(1252);
    /// Japanese Windows (Microsoft's Shift_JIS).
    pub(crate) const SHIFT_JIS: CodePage = CodePage(932);

    /// The code page with this number, when text can be read in it.
    pub fn new(number: u16) -> Option<CodePage> {
        codepage::to_encoding_no_replacement(number)
            .filter(|e| e.is_ascii_compatible())
            .map(|_| CodePage(number))
    }

    pub fn number(self) -> u16 {
        self.0
    }

    /// The decoder's encoding. encoding_rs's Shift_JIS "matches the Windows code page 932"
    /// (japanese-windows.md §9).
    pub fn encoding(self) -> &'static RsEncoding {
        codepage::to_encoding_no_replacement(self.0).unwrap_or(encoding_rs::WINDOWS_1252)
    }

    /// `code page 932 (Shift_JIS)`.
    pub fn label(self) -> String {
        format!("code page {} ({})", self.0, self.encoding().name())
    }
}

impl fmt::Display for CodePage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::str::FromStr for CodePage {
    type Err = String;

    /// `932`, `cp932`, or an encoding label such as `shift_jis` or `windows-1252`.
    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim();
        let digits = t
            .strip_prefix("cp")
            .or_else(|| t.strip_prefix("CP"))
            .unwrap_or(t);
        let number = match digits.parse::<u16>() {
            Ok(n) => Some(n),
            Err(_) => RsEncoding::for_label(t.as_bytes()).and_then(codepage::from_encoding),
        };
        number.and_then(CodePage::new).ok_or_else(|| {
            format!("'{s}' is not a Windows ANSI code page wsus-doctor can read (e.g. 932 for Japanese, 1252 for Western European)")
        })
    }
}

/// A text encoding as detected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextEncoding {
    /// UTF-8 without a BOM, or plain ASCII; a line that is not UTF-8 is read in `fallback`, the
    /// machine's ANSI code page.
    Utf8 {
        fallback: CodePage,
    },
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// UTF-16LE without a byte order mark, recognised by its zero high bytes.
    Utf16LeNoBom,
    /// Not valid UTF-8: an ANSI code page.
    Ansi(CodePage),
}

impl TextEncoding {
    /// UTF-8 whose stray non-UTF-8 lines are read as Windows-1252, when nothing says otherwise.
    pub const UTF8: TextEncoding = TextEncoding::Utf8 {
        fallback: CodePage::WINDOWS_1252,
    };

    pub fn label(self) -> String {
        match self {
            TextEncoding::Utf8 { .. } => "UTF-8".into(),
            TextEncoding::Utf8Bom => "UTF-8 with BOM".into(),
            TextEncoding::Utf16Le => "UTF-16LE with BOM".into(),
            TextEncoding::Utf16Be => "UTF-16BE with BOM".into(),
            TextEncoding::Utf16LeNoBom => "UTF-16LE without BOM".into(),
            TextEncoding::Ansi(cp) => cp.label(),
        }
    }

    pub(crate) fn bom_len(self) -> usize {
        match self {
            TextEncoding::Utf8Bom => 3,
            TextEncoding::Utf16Le | TextEncoding::Utf16Be => 2,
            _ => 0,
        }
    }

    pub fn is_utf16(self) -> bool {
        matches!(
            self,
            TextEncoding::Utf16Le | TextEncoding::Utf16Be | TextEncoding::Utf16LeNoBom
        )
    }
}

/// The ANSI code page a machine's evidence states, and where it says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnsiHint {
    pub code_page: CodePage,
    /// `--codepage 932`, `ACP = 932 in registry/live.reg line 40`, ...
    pub source: crate::i18n::Text,
}

/// The encoding chosen for a file, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub encoding: TextEncoding,
    pub reason: crate::i18n::Text,
}

/// What the byte structure of a file says, before any knowledge of its machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Bom(TextEncoding),
    Utf16LeNoBom,
    /// Valid UTF-8 (a multi-byte character cut at the end of the sample included).
    Utf8 {
        ascii: bool,
    },
    NotUtf8,
}

fn shape(head: &[u8]) -> Shape {
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Shape::Bom(TextEncoding::Utf8Bom);
    }
    if head.starts_with(&[0xFF, 0xFE]) {
        return Shape::Bom(TextEncoding::Utf16Le);
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return Shape::Bom(TextEncoding::Utf16Be);
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
            return Shape::Utf16LeNoBom;
        }
    }
    match std::str::from_utf8(head) {
        Ok(_) => Shape::Utf8 {
            ascii: head.is_ascii(),
        },
        // A multi-byte character cut at the end of the sample is still UTF-8.
        Err(e) if e.error_len().is_none() => Shape::Utf8 {
            ascii: head[..e.valid_up_to()].is_ascii(),
        },
        Err(_) => Shape::NotUtf8,
    }
}

/// Guesses the encoding from the first bytes of a file alone.
pub fn detect(head: &[u8]) -> TextEncoding {
    decide(head, None).encoding
}

/// Chooses the encoding of a file from its first bytes and what its machine's evidence says
/// about the ANSI code page: a byte order mark or valid UTF-8 decide by themselves; text that is
/// not UTF-8 is in the machine's code page when the evidence names it, else in the code page its
/// bytes fit ([`ansi_from_content`]).
pub fn decide(head: &[u8], hint: Option<&AnsiHint>) -> Decision {
    let fallback = hint.map_or(CodePage::WINDOWS_1252, |h| h.code_page);
    let (encoding, reason) = match shape(head) {
        Shape::Bom(e) => (
            e,
            crate::tr!("encoding-bom", bytes = hex(&head[..e.bom_len()])),
        ),
        Shape::Utf16LeNoBom => (
            TextEncoding::Utf16LeNoBom,
            crate::tr!("encoding-utf16-no-bom"),
        ),
        Shape::Utf8 { ascii } => {
            let what = if ascii { "ascii" } else { "utf8" };
            let reason = match hint {
                Some(h) => crate::tr!(
                    "encoding-utf8-fallback",
                    what = what,
                    code_page = h.code_page.0,
                    source = &h.source
                ),
                None => crate::tr!("encoding-utf8", what = what),
            };
            (TextEncoding::Utf8 { fallback }, reason)
        }
        Shape::NotUtf8 => match hint {
            Some(h) => (
                TextEncoding::Ansi(h.code_page),
                crate::tr!("encoding-not-utf8", why = &h.source),
            ),
            None => {
                let (cp, why) = ansi_from_content(head);
                (
                    TextEncoding::Ansi(cp),
                    crate::tr!("encoding-not-utf8", why = why),
                )
            }
        },
    };
    Decision { encoding, reason }
}

fn hex(b: &[u8]) -> String {
    b.iter()
        .map(|x| format!("{x:02X}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The ANSI code page the bytes of text that is not UTF-8 fit, with why: 932 when the bytes
/// form Shift_JIS double-byte characters (every lead byte 81-9F or E0-FC followed by a valid
/// trail byte) and those are the ones Japanese text is made of, else 1252.
///
/// Japanese text is mostly kana and punctuation (lead bytes 81-83) and the common kanji of JIS
/// level 1 (lead bytes 88-9F): in Windows-1252 these bytes are an unused code and rare
/// punctuation (`‚`, `ƒ`, quotes, dashes), and a quote or dash is followed by a space, which is
/// no trail byte. Western accented letters (E0-FF) followed by a letter do form valid pairs, but
/// of the rare level 2 kanji (lead bytes E0-EA), the user-defined area (F0-F9) or IBM extensions
/// (FA-FC), so they do not count for Japanese.
pub(crate) fn ansi_from_content(bytes: &[u8]) -> (CodePage, crate::i18n::Text) {
    let mut decoder = encoding_rs::SHIFT_JIS.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() * 3 / 2 + 16);
    // Not the last buffer: a lead byte cut at the end of the sample is no error.
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, false);
    if let encoding_rs::DecoderResult::Malformed(bad, _) = result {
        let at = read.saturating_sub(usize::from(bad));
        return (
            CodePage::WINDOWS_1252,
            crate::tr!(
                "encoding-not-shift-jis",
                byte = format!("{:02X}", bytes.get(at).copied().unwrap_or(0)),
                offset = at
            ),
        );
    }
    // The pairs are valid: count them by lead byte.
    let (mut kana, mut common, mut rare) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0x00..=0x80 | 0xA1..=0xDF => i += 1,
            lead => {
                match lead {
                    0x81..=0x83 => kana += 1,
                    0x88..=0x9F => common += 1,
                    _ => rare += 1,
                }
                i += 2;
            }
        }
    }
    if (kana >= 1 || common >= 2) && kana + common > rare {
        (
            CodePage::SHIFT_JIS,
            crate::tr!("encoding-shift-jis", kana = kana, common = common),
        )
    } else {
        (
            CodePage::WINDOWS_1252,
            crate::tr!(
                "encoding-not-japanese",
                kana = kana,
                common = common,
                rare = rare
            ),
        )
    }
}

/// Decodes a whole (small) buffer to a string in the given encoding, without losing bytes.
pub fn decode_all(bytes: &[u8], enc: TextEncoding) -> String {
    let body = &bytes[enc.bom_len().min(bytes.len())..];
    match enc {
        TextEncoding::Utf8Bom => String::from_utf8_lossy(body).into_owned(),
        TextEncoding::Utf8 { fallback } => {
            let mut out = String::with_capacity(body.len());
            for line in body.split_inclusive(|&b| b == b'\n') {
                match std::str::from_utf8(line) {
                    Ok(s) => out.push_str(s),
                    Err(_) => {
                        out.push_str(&fallback.encoding().decode_without_bom_handling(line).0)
                    }
                }
            }
            out
        }
        TextEncoding::Utf16Le | TextEncoding::Utf16LeNoBom => {
            UTF_16LE.decode_without_bom_handling(body).0.into_owned()
        }
        TextEncoding::Utf16Be => UTF_16BE.decode_without_bom_handling(body).0.into_owned(),
        TextEncoding::Ansi(cp) => cp
            .encoding()
            .decode_without_bom_handling(body)
            .0
            .into_owned(),
    }
}

/// A reader yielding UTF-8. UTF-8 input passes through (BOM dropped); a line of a UTF-8 file
/// without a BOM that is not UTF-8 is read in the file's fallback code page (with a BOM the file
/// says it is UTF-8, and the line decoder shows its damage); UTF-16 and ANSI code pages are
/// transcoded in streaming fashion so a large file never sits in memory whole.
pub(crate) fn utf8_reader<R: Read + Send + 'static>(
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
    let encoding: &'static RsEncoding = match enc {
        TextEncoding::Utf16Le | TextEncoding::Utf16LeNoBom => UTF_16LE,
        TextEncoding::Utf16Be => UTF_16BE,
        TextEncoding::Ansi(cp) => cp.encoding(),
        TextEncoding::Utf8Bom => {
            return Ok(Box::new(io::BufReader::with_capacity(1 << 20, inner)));
        }
        TextEncoding::Utf8 { fallback } => {
            return Ok(Box::new(LineFallback {
                inner: io::BufReader::with_capacity(1 << 20, inner),
                fallback: fallback.encoding(),
                passed: 0,
                out: Vec::new(),
                pos: 0,
            }));
        }
    };
    Ok(Box::new(io::BufReader::with_capacity(
        1 << 16,
        Transcoder {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            input: vec![0; 1 << 16],
            start: 0,
            end: 0,
            eof: false,
            output: vec![0; 3 << 16],
            out_start: 0,
            out_end: 0,
            finished: false,
        },
    )))
}

/// The longest piece of a line [`LineFallback`] decodes at once; longer lines are decoded in
/// pieces (the line reader cuts them anyway).
const FALLBACK_PIECE: usize = 1 << 20;

/// UTF-8 lines pass through untouched, straight from the inner buffer; a line that is not UTF-8
/// is decoded in the fallback code page. Lines end at `\n`, which no ANSI code page uses as a
/// trail byte, so splitting there never cuts a character.
struct LineFallback<R> {
    inner: R,
    fallback: &'static RsEncoding,
    /// Bytes at the start of the inner buffer already checked to be whole UTF-8 lines.
    passed: usize,
    /// A decoded line, handed out from `pos`.
    out: Vec<u8>,
    pos: usize,
}

impl<R: BufRead> LineFallback<R> {
    /// Reads the next line (or a piece of a long one) into `out`, decoded.
    fn decode_line(&mut self) -> io::Result<()> {
        let mut line = Vec::new();
        loop {
            let available = self.inner.fill_buf()?;
            if available.is_empty() {
                break;
            }
            let room = FALLBACK_PIECE - line.len();
            let (take, done) = match memchr::memchr(b'\n', available) {
                Some(i) if i < room => (i + 1, true),
                _ => (available.len().min(room), available.len() >= room),
            };
            line.extend_from_slice(&available[..take]);
            self.inner.consume(take);
            if done {
                break;
            }
        }
        self.out = match String::from_utf8(line) {
            Ok(s) => s.into_bytes(),
            Err(e) => self
                .fallback
                .decode_without_bom_handling(e.as_bytes())
                .0
                .into_owned()
                .into_bytes(),
        };
        self.pos = 0;
        Ok(())
    }
}

impl<R: BufRead> BufRead for LineFallback<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos < self.out.len() {
            return Ok(&self.out[self.pos..]);
        }
        if self.passed == 0 {
            let buf = self.inner.fill_buf()?;
            let valid = match std::str::from_utf8(buf) {
                Ok(_) => buf.len(),
                Err(e) => e.valid_up_to(),
            };
            // Whole lines only: a line's validity is decided on all of it.
            self.passed = memchr::memrchr(b'\n', &buf[..valid]).map_or(0, |i| i + 1);
            if self.passed == 0 && !buf.is_empty() {
                self.decode_line()?;
                return Ok(&self.out[self.pos..]);
            }
        }
        let passed = self.passed;
        Ok(&self.inner.fill_buf()?[..passed])
    }

    fn consume(&mut self, n: usize) {
        if self.pos < self.out.len() {
            self.pos = (self.pos + n).min(self.out.len());
        } else {
            let n = n.min(self.passed);
            self.passed -= n;
            self.inner.consume(n);
        }
    }
}

impl<R: BufRead> Read for LineFallback<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = out.len().min(available.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
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
        assert_eq!(detect(b"plain ascii"), TextEncoding::UTF8);
        assert_eq!(
            detect(b"caf\xe9 au lait"),
            TextEncoding::Ansi(CodePage::WINDOWS_1252)
        );
        // A sample cut in the middle of a multi-byte character is still UTF-8.
        assert_eq!(detect(&"é".as_bytes()[..1]), TextEncoding::UTF8);
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
        assert_eq!(
            decode_all(b"\xe9", TextEncoding::Ansi(CodePage::WINDOWS_1252)),
            "é"
        );
        assert_eq!(
            decode_all(
                b"ok\r\n\x83\x7a\x83\x58\x83\x67\x96\xbc\r\n",
                TextEncoding::Utf8 {
                    fallback: CodePage::SHIFT_JIS
                }
            ),
            "ok\r\nホスト名\r\n"
        );
    }

    fn cp932(s: &str) -> Vec<u8> {
        encoding_rs::SHIFT_JIS.encode(s).0.into_owned()
    }

    #[test]
    fn japanese_console_output_is_code_page_932_by_its_bytes() {
        for text in [
            "現在の WinHTTP プロキシ設定:\r\n\r\n    直接アクセス (プロキシ サーバーなし)。\r\n",
            "    (既定)    REG_SZ    Windows Update\r\n",
            "   ホスト名 . . . . . . . . . . . . . . .: PC1\r\n",
        ] {
            let d = decide(&cp932(text), None);
            assert_eq!(
                d.encoding,
                TextEncoding::Ansi(CodePage::SHIFT_JIS),
                "{text}"
            );
            assert!(d.reason.contains("932"), "{}", d.reason);
        }
        // A lead byte cut at the end of the sample is no reason to doubt.
        let mut cut = cp932("ホスト名");
        cut.pop();
        assert_eq!(ansi_from_content(&cut).0, CodePage::SHIFT_JIS);
    }

    #[test]
    fn western_text_stays_code_page_1252() {
        for text in [
            "café au lait, Müller\r\n",
            "Größe: 12\r\n",
            "The \u{201c}proxy\u{201d} \u{2013} direct\r\n",
            "décembre\r\n",
            "Šk\r\n",
            // French netsh output: two accented letters, each followed by a letter.
            "Paramètres actuels du proxy WinHTTP :\r\n\r\n    Accès direct (aucun serveur proxy).\r\n",
        ] {
            let bytes = encoding_rs::WINDOWS_1252.encode(text).0.into_owned();
            let d = decide(&bytes, None);
            assert_eq!(
                d.encoding,
                TextEncoding::Ansi(CodePage::WINDOWS_1252),
                "{text}: {}",
                d.reason
            );
        }
    }

    #[test]
    fn the_machine_code_page_wins_over_the_bytes() {
        let hint = AnsiHint {
            code_page: CodePage::SHIFT_JIS,
            source: crate::i18n::Text::from("--codepage 932"),
        };
        let d = decide(b"caf\xe9\r\n", Some(&hint));
        assert_eq!(d.encoding, TextEncoding::Ansi(CodePage::SHIFT_JIS));
        assert_eq!(d.reason, "not valid UTF-8; --codepage 932");
        // UTF-8 and byte order marks decide by themselves; the hint only reads stray lines.
        let d = decide(b"plain\r\n", Some(&hint));
        assert_eq!(
            d.encoding,
            TextEncoding::Utf8 {
                fallback: CodePage::SHIFT_JIS
            }
        );
        assert_eq!(
            d.reason,
            "only ASCII in the first bytes read; a later line that is not UTF-8 is read in code page 932 (--codepage 932)"
        );
        assert_eq!(
            d.reason.local(crate::i18n::Lang::Ja),
            "読み取った先頭のバイトは ASCII のみです。後続の UTF-8 でない行はコード ページ 932 で読み取ります (--codepage 932)"
        );
        assert_eq!(
            decide(b"\xEF\xBB\xBFx", Some(&hint)).reason,
            "byte order mark EF BB BF"
        );
    }

    #[test]
    fn code_pages_by_number_or_label() {
        assert_eq!("932".parse::<CodePage>(), Ok(CodePage::SHIFT_JIS));
        assert_eq!("cp932".parse::<CodePage>(), Ok(CodePage::SHIFT_JIS));
        assert_eq!("shift_jis".parse::<CodePage>(), Ok(CodePage::SHIFT_JIS));
        assert_eq!(
            "windows-1252".parse::<CodePage>(),
            Ok(CodePage::WINDOWS_1252)
        );
        assert!(
            "1200".parse::<CodePage>().is_err(),
            "UTF-16 is no ANSI code page"
        );
        assert!("12".parse::<CodePage>().is_err());
        assert_eq!(CodePage::SHIFT_JIS.label(), "code page 932 (Shift_JIS)");
    }

    fn read_all(bytes: &[u8], enc: TextEncoding) -> String {
        let mut out = String::new();
        utf8_reader(io::Cursor::new(bytes.to_vec()), enc)
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn ansi_files_stream_in_their_code_page() {
        let text = "   IPv4 アドレス . . . . . . . . . . . .: 10.2.128.209(優先)\r\n".repeat(3000);
        assert_eq!(
            read_all(&cp932(&text), TextEncoding::Ansi(CodePage::SHIFT_JIS)),
            text
        );
    }

    #[test]
    fn stray_lines_of_a_utf8_file_are_read_in_the_fallback_code_page() {
        let mut bytes = "ascii line\n".repeat(200_000).into_bytes();
        bytes.extend_from_slice("ユーティーエフ\r\n".as_bytes());
        bytes.extend(cp932("2017-12 x64 ベース システム用 (KB4053579)\r\n"));
        bytes.extend_from_slice(b"no newline at the end");
        let enc = TextEncoding::Utf8 {
            fallback: CodePage::SHIFT_JIS,
        };
        let out = read_all(&bytes, enc);
        assert!(out.starts_with("ascii line\nascii line\n"));
        assert!(out.ends_with(
            "ユーティーエフ\r\n2017-12 x64 ベース システム用 (KB4053579)\r\nno newline at the end"
        ));
        assert_eq!(out.len(), 11 * 200_000 + out[11 * 200_000..].len());
        // A line longer than the piece size is decoded in pieces, nothing lost.
        let long = "x".repeat(3 * FALLBACK_PIECE) + "\n";
        assert_eq!(read_all(long.as_bytes(), enc), long);
    }
}
