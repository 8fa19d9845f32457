//! Recognising a file's kind from its first bytes, never from its name: administrators rename,
//! zip and paste files, and `u_ex*.log`, `httperr*.log` and `WindowsUpdate.log` are all ".log".
//!
//! Each rule looks for what the format itself writes: a magic number (`ElfFile` for event logs),
//! a header (`Windows Registry Editor Version 5.00`, `#Fields:`), or, for headerless text, the
//! shape of its lines. The reason a kind was chosen (or none) is reported with the inventory.

use super::kind::Kind;
use super::text::{self, AnsiHint, TextEncoding};
use crate::i18n::Text;

/// The verdict on one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sniffed {
    pub kind: Option<Kind>,
    pub encoding: Option<TextEncoding>,
    /// Why this encoding was chosen (text files).
    pub encoding_reason: Option<Text>,
    /// Why this kind was chosen, or why no kind was.
    pub reason: Text,
}

fn found(kind: Kind, encoding: Option<text::Decision>, reason: Text) -> Sniffed {
    Sniffed {
        kind: Some(kind),
        encoding: encoding.as_ref().map(|d| d.encoding),
        encoding_reason: encoding.map(|d| d.reason),
        reason,
    }
}

/// Looks at the first bytes of a file (at least [`super::SNIFF_BYTES`] when the file has them),
/// knowing nothing of the machine it came from.
pub fn sniff(head: &[u8]) -> Sniffed {
    sniff_with(head, None)
}

/// Looks at the first bytes of a file whose machine's evidence may name its ANSI code page.
pub(crate) fn sniff_with(head: &[u8], hint: Option<&AnsiHint>) -> Sniffed {
    if head.is_empty() {
        return Sniffed {
            kind: None,
            encoding: None,
            encoding_reason: None,
            reason: crate::tr!("sniff-empty"),
        };
    }
    if head.starts_with(b"ElfFile\0") {
        return found(Kind::Evtx, None, crate::tr!("sniff-evtx"));
    }
    if head.len() > 4
        && head[0] == 0x30
        && head[1] == 0x82
        && x509_parser::parse_x509_certificate(head).is_ok()
    {
        return found(Kind::Certificate, None, crate::tr!("sniff-der"));
    }
    let decision = text::decide(head, hint);
    let enc = decision.encoding;
    if !enc.is_utf16() && looks_binary(head) {
        return Sniffed {
            kind: None,
            encoding: None,
            encoding_reason: None,
            reason: crate::tr!("sniff-binary", bytes = hex_prefix(head)),
        };
    }
    if let Some((kind, reason)) = w3c_directives(head, enc) {
        return found(kind, Some(decision), reason);
    }
    let text = text::decode_all(head, enc);
    match sniff_text(&text) {
        Some((kind, reason)) => found(kind, Some(decision), reason),
        None => {
            let first = text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("");
            let shown: String = first.chars().take(60).collect();
            Sniffed {
                kind: None,
                encoding: Some(enc),
                encoding_reason: Some(decision.reason),
                reason: crate::tr!("sniff-unknown-text", encoding = enc.label(), line = shown),
            }
        }
    }
}

/// An IIS or HTTP.sys log told by its leading `#` directives alone. A server keeps a thousand
/// daily logs, and decoding and searching each one's first 64 KiB for every other format's marks
/// was a twentieth of reading them; the directives are a few hundred bytes. Only the directive
/// block is looked at, so a request URI further down that happens to carry another format's mark
/// cannot make a log look like something else.
fn w3c_directives(head: &[u8], enc: TextEncoding) -> Option<(Kind, Text)> {
    if enc.is_utf16() {
        return None;
    }
    let bom = enc.bom_len().min(head.len());
    let body = &head[bom..];
    if !body.starts_with(b"#") {
        return None;
    }
    let mut end = 0;
    for line in body.split_inclusive(|&b| b == b'\n') {
        if !line.starts_with(b"#") || !line.ends_with(b"\n") {
            break;
        }
        end += line.len();
    }
    let directives = text::decode_all(&head[..bom + end], enc);
    sniff_text(&directives).filter(|(kind, _)| matches!(kind, Kind::IisW3c | Kind::Httperr))
}

fn hex_prefix(b: &[u8]) -> String {
    b.iter()
        .take(8)
        .map(|x| format!("{x:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// NUL bytes or many control characters mean binary.
fn looks_binary(head: &[u8]) -> bool {
    let sample = &head[..head.len().min(4096)];
    if memchr::memchr(0, sample).is_some() {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    control * 20 > sample.len()
}

fn sniff_text(text: &str) -> Option<(Kind, Text)> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let lines: Vec<&str> = trimmed.lines().take(400).collect();
    let first = lines.first().map(|l| l.trim()).unwrap_or("");

    if first.starts_with("Windows Registry Editor Version") || first.starts_with("REGEDIT4") {
        return Some((
            Kind::RegExport,
            crate::tr!("sniff-reg-header", header = first),
        ));
    }
    if trimmed.starts_with("-----BEGIN CERTIFICATE-----") {
        return Some((Kind::Certificate, crate::tr!("sniff-pem")));
    }
    if trimmed.contains("<![LOG[") {
        return Some((Kind::Cmtrace, crate::tr!("sniff-cmtrace")));
    }
    if lines
        .iter()
        .any(|l| l.contains("$$<") && l.contains("><thread="))
    {
        return Some((Kind::Cmtrace, crate::tr!("sniff-cm-simple")));
    }
    if trimmed.starts_with('<') && trimmed.contains("<system.applicationHost") {
        return Some((
            Kind::ApplicationHostConfig,
            crate::tr!("sniff-applicationhost"),
        ));
    }
    // wevtutil writes the namespace in single quotes, evtx_dump and PowerShell in double ones.
    if (trimmed.starts_with('<') || trimmed.starts_with("Record "))
        && (trimmed
            .contains("<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"")
            || trimmed
                .contains("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'"))
    {
        return Some((Kind::EventXml, crate::tr!("sniff-event-xml")));
    }
    if trimmed.starts_with('{') && trimmed.contains("wsus-doctor/collect-manifest") {
        return Some((Kind::CollectManifest, crate::tr!("sniff-manifest")));
    }
    if (trimmed.starts_with('[') || trimmed.starts_with('{'))
        && trimmed.contains("\"ServiceName\"")
        && trimmed.contains("\"Status\"")
    {
        return Some((Kind::ServiceList, crate::tr!("sniff-service-json")));
    }
    if first.starts_with("#TYPE System.ServiceProcess.ServiceController")
        || (first.contains("\"Status\"")
            && first.contains("\"Name\"")
            && first.contains("\"DisplayName\""))
    {
        return Some((Kind::ServiceList, crate::tr!("sniff-service-csv")));
    }

    if let Some(header) = lines.iter().map(|l| l.trim()).find(|l| !l.is_empty()) {
        let delimiter = if header.contains('\t') { '\t' } else { ',' };
        let cells: Vec<&str> = header.split(delimiter).collect();
        if cells.len() > 1 && crate::knowledge::scan_status::is_header(&cells) {
            return Some((Kind::ScanStatusExport, crate::tr!("sniff-scan-status")));
        }
    }

    // W3C-style directives decide between IIS and HTTP.sys error logs.
    for l in &lines {
        if let Some(fields) = l.strip_prefix("#Fields:") {
            return Some(if fields.split_whitespace().any(|f| f == "s-reason") {
                (Kind::Httperr, crate::tr!("sniff-fields-s-reason"))
            } else {
                (Kind::IisW3c, crate::tr!("sniff-fields"))
            });
        }
    }
    for l in &lines {
        if let Some(sw) = l.strip_prefix("#Software:") {
            let sw = sw.trim();
            if sw.starts_with("Microsoft HTTP API") {
                return Some((
                    Kind::Httperr,
                    crate::tr!("sniff-software-httperr", software = sw),
                ));
            }
            if sw.starts_with("Microsoft Internet Information Serv")
                || sw.starts_with("Microsoft HTTP Server API")
            {
                return Some((
                    Kind::IisW3c,
                    crate::tr!("sniff-software-iis", software = sw),
                ));
            }
        }
    }

    if trimmed.contains("SSL Certificate bindings:") && trimmed.contains("Certificate Hash") {
        return Some((Kind::NetshSslcert, crate::tr!("sniff-sslcert")));
    }
    let nonempty: Vec<&str> = lines
        .iter()
        .map(|l| l.trim_end())
        .filter(|l| !l.trim().is_empty())
        .collect();
    // netsh and ipconfig translate their labels (japanese-windows.md §1, §2): their headers keep
    // only the product names, and ipconfig's dotted label layout is the same in every language.
    let head_lines = || nonempty.iter().take(5).map(|l| l.trim());
    if head_lines().any(|l| l.contains("WinHTTP") && l.ends_with(':')) {
        return Some((Kind::NetshWinhttpProxy, crate::tr!("sniff-winhttp")));
    }
    if head_lines().any(|l| l.starts_with("Windows IP ") && !l.contains(':'))
        && nonempty.iter().any(|l| is_ipconfig_field(l))
    {
        return Some((Kind::Ipconfig, crate::tr!("sniff-ipconfig")));
    }
    if nonempty
        .iter()
        .any(|l| l.trim_start().starts_with("SERVICE_NAME:"))
        && nonempty.iter().any(|l| l.trim_start().starts_with("STATE"))
    {
        return Some((Kind::ScQuery, crate::tr!("sniff-sc-query")));
    }
    if nonempty.first().is_some_and(|l| l.starts_with("SITE \"")) {
        return Some((Kind::AppcmdSite, crate::tr!("sniff-appcmd-site")));
    }
    if nonempty
        .first()
        .is_some_and(|l| l.starts_with("APPPOOL \""))
    {
        return Some((Kind::AppcmdApppool, crate::tr!("sniff-appcmd-apppool")));
    }
    if nonempty.iter().any(|l| l.starts_with("HKEY_"))
        && nonempty.iter().any(|l| is_reg_query_value(l))
    {
        return Some((Kind::RegQuery, crate::tr!("sniff-reg-query")));
    }
    if nonempty
        .iter()
        .take(5)
        .any(|l| l.contains("HotFixID") && (l.contains("InstalledOn") || l.contains("Caption")))
    {
        return Some((Kind::HotfixList, crate::tr!("sniff-hotfix-column")));
    }

    if nonempty.iter().take(40).any(|l| {
        let t = l.trim_start();
        t.starts_with("HotFixID=KB") || (t.starts_with("HotFixID") && t.contains(": KB"))
    }) {
        return Some((Kind::HotfixList, crate::tr!("sniff-hotfix-fields")));
    }

    // Headerless logs: decide by the shape of most lines. Indented lines continue the record
    // above them (.NET stack frames, `at` in English and `場所` in Japanese) and are left out.
    let sample: Vec<&str> = nonempty
        .iter()
        .copied()
        .filter(|l| !l.starts_with('#') && !l.starts_with([' ', '\t']))
        .take(50)
        .collect();
    if sample.is_empty() {
        return None;
    }
    let majority = |pred: &dyn Fn(&str) -> bool| {
        let n = sample.iter().filter(|l| pred(l)).count();
        n > 0 && n * 2 >= sample.len()
    };
    if majority(&is_wsus_sdlog_line) {
        return Some((Kind::WsusSoftwareDistributionLog, crate::tr!("sniff-sdlog")));
    }
    if majority(&is_wu_legacy_line) {
        return Some((Kind::WindowsUpdateLog, crate::tr!("sniff-wu-legacy")));
    }
    if majority(&is_wu_etw_line) {
        return Some((Kind::WindowsUpdateLog, crate::tr!("sniff-wu-etw")));
    }
    if majority(&is_httperr_line) {
        return Some((Kind::Httperr, crate::tr!("sniff-httperr-lines")));
    }
    if majority(&is_iis_line) {
        return Some((Kind::IisW3c, crate::tr!("sniff-iis-lines")));
    }
    None
}

/// `   Host Name . . . . . . . . : CLIENT01` or `   ホスト名 . . . . . . . .: CLIENT01`: an
/// indented label padded with dots up to the colon (Japanese labels have no space before it).
pub(crate) fn is_ipconfig_field(line: &str) -> bool {
    line.starts_with("   ")
        && line.split_once(':').is_some_and(|(label, _)| {
            let label = label.trim_end();
            label.ends_with('.') && label.contains(". ")
        })
}

/// `    Name    REG_SZ    data` as `reg query` prints values.
fn is_reg_query_value(line: &str) -> bool {
    line.starts_with("    ")
        && line
            .split("    ")
            .any(|part| part.trim().starts_with("REG_"))
}

fn digits(s: &[u8]) -> bool {
    !s.is_empty() && s.iter().all(u8::is_ascii_digit)
}

/// `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYY.MM.DD`, returning the separator.
pub(crate) fn date_prefix(b: &[u8]) -> Option<u8> {
    if b.len() < 10 || !digits(&b[..4]) || !digits(&b[5..7]) || !digits(&b[8..10]) {
        return None;
    }
    let sep = b[4];
    (matches!(sep, b'-' | b'/' | b'.') && b[7] == sep).then_some(sep)
}

/// `HH:MM:SS` at the start of `b`.
pub(crate) fn time_prefix(b: &[u8]) -> bool {
    b.len() >= 8
        && digits(&b[..2])
        && b[2] == b':'
        && digits(&b[3..5])
        && b[5] == b':'
        && digits(&b[6..8])
}

/// Legacy WindowsUpdate.log: `2016-09-08<TAB>10:48:43:109<TAB> 848<TAB>604<TAB>Misc<TAB>text`
/// (Microsoft's articles print the same lines with spaces, formats.md §6.1).
pub(crate) fn is_wu_legacy_line(line: &str) -> bool {
    let b = line.as_bytes();
    if date_prefix(b) != Some(b'-') || b.len() < 24 || !matches!(b[10], b'\t' | b' ') {
        return false;
    }
    let rest = &b[11..];
    if !time_prefix(rest) || rest.len() < 12 || rest[8] != b':' || !digits(&rest[9..12]) {
        return false;
    }
    let mut cols = line[23..].split(['\t', ' ']).filter(|c| !c.is_empty());
    let pid = cols.next().is_some_and(|c| digits(c.as_bytes()));
    let tid = cols
        .next()
        .is_some_and(|c| c.bytes().all(|x| x.is_ascii_hexdigit()));
    pid && tid && cols.next().is_some()
}

/// Windows 10+ `Get-WindowsUpdateLog` output: `2021/04/28 12:40:08.8784820 1224  7052  Component  text`
/// (also with dash or dotted dates, formats.md §6.2).
pub(crate) fn is_wu_etw_line(line: &str) -> bool {
    let b = line.as_bytes();
    if date_prefix(b).is_none() || b.len() < 28 || b[10] != b' ' {
        return false;
    }
    let rest = &b[11..];
    if !time_prefix(rest) || rest[8] != b'.' {
        return false;
    }
    let frac_end = rest[9..]
        .iter()
        .position(|c| !c.is_ascii_digit())
        .map_or(rest.len(), |p| p + 9);
    if frac_end - 9 < 3 {
        return false;
    }
    let mut cols = line[11 + frac_end..].split(' ').filter(|c| !c.is_empty());
    let pid = cols.next().is_some_and(|c| digits(c.as_bytes()));
    let tid = cols.next().is_some_and(|c| digits(c.as_bytes()));
    pid && tid && cols.next().is_some()
}

/// WSUS SoftwareDistribution.log: `2020-05-22 14:44:07.030 UTC Info w3wp.13 Class.Method text`.
pub(crate) fn is_wsus_sdlog_line(line: &str) -> bool {
    let b = line.as_bytes();
    date_prefix(b) == Some(b'-')
        && b.len() > 28
        && time_prefix(&b[11..])
        && b[19] == b'.'
        && line.get(23..28) == Some(" UTC ")
}

/// HTTPERR without a header: `date time c-ip c-port s-ip s-port version verb uri status siteid reason [queue]`.
pub(crate) fn is_httperr_line(line: &str) -> bool {
    let t: Vec<&str> = line.split(' ').collect();
    if !(12..=18).contains(&t.len())
        || date_prefix(t[0].as_bytes()) != Some(b'-')
        || !time_prefix(t[1].as_bytes())
    {
        return false;
    }
    digits(t[3].as_bytes()) && digits(t[5].as_bytes()) && (t[6] == "-" || t[6].starts_with("HTTP/"))
}

/// IIS W3C default layout without a header: date, time, then an HTTP method within the first
/// fields and a three-digit status later.
pub(crate) fn is_iis_line(line: &str) -> bool {
    let t: Vec<&str> = line.split(' ').collect();
    if t.len() < 8 || date_prefix(t[0].as_bytes()) != Some(b'-') || !time_prefix(t[1].as_bytes()) {
        return false;
    }
    let method = t[2..t.len().min(6)].iter().any(|f| {
        matches!(
            *f,
            "GET"
                | "POST"
                | "HEAD"
                | "PUT"
                | "DELETE"
                | "OPTIONS"
                | "PATCH"
                | "PROPFIND"
                | "CCM_POST"
                | "BITS_POST"
        ) || f.starts_with("RPC_")
    });
    let status = t[6..].iter().any(|f| {
        f.len() == 3 && digits(f.as_bytes()) && (f.starts_with(['1', '2', '3', '4', '5']))
    });
    method && status
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Option<Kind> {
        sniff(s.as_bytes()).kind
    }

    #[test]
    fn binary_and_empty_are_unknown_with_a_reason() {
        let e = sniff(b"");
        assert_eq!((e.kind, e.reason.en()), (None, "empty file"));
        let b = sniff(b"\x7fELF\x02\x01\x01\x00\x00\x00");
        assert!(b.kind.is_none() && b.reason.starts_with("binary"));
        assert_eq!(
            &*b.reason,
            "binary data (starts with 7f 45 4c 46 02 01 01 00), not a known evidence format"
        );
        assert_eq!(
            b.reason.local(crate::i18n::Lang::Ja),
            "バイナリ データ (先頭 7f 45 4c 46 02 01 01 00) で、既知の証拠の形式ではありません"
        );
    }

    #[test]
    fn w3c_logs_are_told_by_their_directives_whatever_their_records_hold() {
        let iis = "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n\
                   #Date: 2026-03-01 00:00:00\r\n#Fields: date time s-ip cs-method cs-uri-stem \
                   sc-status\r\n";
        let record = "2026-03-01 00:00:01 10.0.0.1 GET /<![LOG[$$<><thread= 200\r\n";
        for bom in ["", "\u{feff}"] {
            let log = format!("{bom}{iis}{record}");
            let fast = sniff(log.as_bytes());
            assert_eq!(fast.kind, Some(Kind::IisW3c), "{bom:?}");
            assert_eq!(fast.reason, sniff_text(iis).unwrap().1);
            assert_eq!(
                fast.encoding,
                sniff(format!("{bom}{iis}").as_bytes()).encoding
            );
        }
        // Without a whole directive line the full look decides, as before.
        assert_eq!(
            kind("#Software: Microsoft HTTP API 2.0"),
            Some(Kind::Httperr)
        );
        // A comment block that is not a W3C log's is left to the other rules.
        let commented = "# services of WSUS01\n\"Status\",\"Name\",\"DisplayName\"\n";
        assert_eq!(kind(commented), sniff_text(commented).map(|(k, _)| k));
        assert_eq!(
            w3c_directives(commented.as_bytes(), TextEncoding::UTF8),
            None
        );
    }

    #[test]
    fn headers_decide() {
        assert_eq!(
            kind("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\X]\r\n"),
            Some(Kind::RegExport)
        );
        assert_eq!(kind("REGEDIT4\n"), Some(Kind::RegExport));
        assert_eq!(kind("#Software: Microsoft HTTP API 2.0\n#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename\n"), Some(Kind::Httperr));
        assert_eq!(kind("#Software: Microsoft Internet Information Services 10.0\n#Fields: date time s-ip\n"), Some(Kind::IisW3c));
        assert_eq!(
            kind("<?xml version=\"1.0\"?>\n<configuration>\n<system.applicationHost>\n"),
            Some(Kind::ApplicationHostConfig)
        );
        assert_eq!(
            kind("<![LOG[hello]LOG]!><time=\"08:52:44.338+240\" date=\"07-14-2021\">"),
            Some(Kind::Cmtrace)
        );
        assert_eq!(kind("Successfully connected $$<SMS_WSUS_CONTROL_MANAGER><02-15-2020 14:26:10.093+480><thread=6104 (0x17D8)>"), Some(Kind::Cmtrace));
    }

    #[test]
    fn command_outputs_are_told_apart() {
        assert_eq!(kind("\nSERVICE_NAME: WsusService\n        TYPE               : 10  WIN32_OWN_PROCESS\n        STATE              : 1  STOPPED\n"), Some(Kind::ScQuery));
        assert_eq!(kind("\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\n    WUServer    REG_SZ    http://a:8530\n"), Some(Kind::RegQuery));
        assert_eq!(
            kind("\nCurrent WinHTTP proxy settings:\n\n    Direct access (no proxy server).\n"),
            Some(Kind::NetshWinhttpProxy)
        );
        assert_eq!(
            kind("\nWindows IP Configuration\n\n   Host Name . . . . : pc1\n"),
            Some(Kind::Ipconfig)
        );
        assert_eq!(kind("SITE \"WSUS Administration\" (id:1572271583,bindings:http/*:8530:,state:Started)\n"), Some(Kind::AppcmdSite));
        assert_eq!(
            kind("APPPOOL \"WsusPool\" (MgdVersion:v4.0,MgdMode:Integrated,state:Started)\n"),
            Some(Kind::AppcmdApppool)
        );
        assert_eq!(kind("\nSource        Description      HotFixID      InstalledBy          InstalledOn\n------        -----------      --------      -----------          -----------\nWSUS01        Update           KB5034439     NT AUTHORITY\\SYSTEM  1/10/2024 12:00:00 AM\n"), Some(Kind::HotfixList));
        assert_eq!(
            kind("[{\"Name\":\"WsusService\",\"ServiceName\":\"WsusService\",\"Status\":4}]"),
            Some(Kind::ServiceList)
        );
    }

    fn cp932(s: &str) -> Vec<u8> {
        encoding_rs::SHIFT_JIS.encode(s).0.into_owned()
    }

    #[test]
    fn japanese_console_output_is_recognised_by_its_structure() {
        let netsh = sniff(&cp932("\r\n現在の WinHTTP プロキシ設定:\r\n\r\n    直接アクセス (プロキシ サーバーなし)。\r\n\r\n"));
        assert_eq!(netsh.kind, Some(Kind::NetshWinhttpProxy));
        assert_eq!(
            netsh.encoding,
            Some(TextEncoding::Ansi(text::CodePage::SHIFT_JIS))
        );
        let ipconfig = sniff(&cp932("\r\nWindows IP 構成\r\n\r\n   ホスト名 . . . . . . . . . . . . . . . .: PC1\r\n   ノード タイプ . . . . . . . . . . . . . .: ハイブリッド\r\n"));
        assert_eq!(ipconfig.kind, Some(Kind::Ipconfig), "{}", ipconfig.reason);
        // The English header alone, without field lines, is not enough.
        assert_eq!(kind("Windows IP Configuration\r\nsomething else\r\n"), None);
        let reg = sniff(&cp932("\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\r\n    (既定)    REG_SZ    \r\n    WUServer    REG_SZ    http://wsus01:8530\r\n\r\n検索の完了: 該当 2 件\r\n"));
        assert_eq!(reg.kind, Some(Kind::RegQuery));
        assert!(reg.encoding_reason.unwrap().contains("932"));
    }

    #[test]
    fn a_softwaredistribution_log_full_of_japanese_stack_frames_is_recognised() {
        let log = "2018-10-22 01:02:03.456 UTC Error WsusService.27 ContentSyncAgent.ProcessSqlException System.Data.SqlClient.SqlException (0x80131904): タイムアウトに達しました。\r\n   場所 System.Data.SqlClient.SqlConnection.OnError(SqlException exception)\r\n   場所 Microsoft.UpdateServices.ServerSync.ContentSyncAgent.ProcessSqlException(SqlException e)\r\n   場所 Microsoft.UpdateServices.ServerSync.ContentSyncAgent.WakeUpWorkerThreadProc()\r\n";
        assert_eq!(kind(log), Some(Kind::WsusSoftwareDistributionLog));
    }

    #[test]
    fn headerless_logs_by_line_shape() {
        assert_eq!(kind("2016-09-08\t10:48:43:109\t 848\t604\tMisc\tWARNING: Send failed with hr = 80072ee2.\n"), Some(Kind::WindowsUpdateLog));
        assert_eq!(kind("2021/04/28 12:40:08.8784820 1224  7052  WebServices     *FAILED* [80240439] Web service call\n"), Some(Kind::WindowsUpdateLog));
        assert_eq!(
            kind("2024-04-11 10:00:00.1234567 13988 14228 Agent text\n"),
            Some(Kind::WindowsUpdateLog)
        );
        assert_eq!(kind("2002-07-05 18:45:09 172.31.77.6 2094 172.31.77.6 80 HTTP/1.1 GET /qos/1kbfile.txt 503 - ConnLimit\n"), Some(Kind::Httperr));
        assert_eq!(
            kind(
                "2022-05-08 01:26:01 10.1.1.8 POST /x.svc - 443 - 10.1.1.9 - - host 200 0 0 232\n"
            ),
            Some(Kind::IisW3c)
        );
        assert_eq!(kind("2020-05-22 14:44:07.030 UTC Info w3wp.13 ClientImplementation..ctor Initializing ClientWebService ProcessID = 380\n"), Some(Kind::WsusSoftwareDistributionLog));
    }

    #[test]
    fn unknown_text_names_its_first_line() {
        let s = sniff(b"hello world\nthis is prose\n");
        assert!(s.kind.is_none());
        assert!(s.reason.contains("'hello world'"));
    }

    #[test]
    fn scan_status_exports_are_recognised_by_their_header() {
        let csv = "Name0,LastScanState,LastErrorCode,LastScanTime\r\nPC01,3,0,2024-03-05 09:14:02.000\r\n";
        let s = sniff(csv.as_bytes());
        assert_eq!(s.kind, Some(Kind::ScanStatusExport));
        assert!(s.reason.contains("LastErrorCode"));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "\"Computer\"\t\"LastErrorCode\"\r\n\"PC01\"\t\"-2145107940\"\r\n".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(sniff(&utf16).kind, Some(Kind::ScanStatusExport));
        // A CSV of services is not one, nor is a list of error codes without machines.
        assert_eq!(
            kind("\"Name\",\"DisplayName\",\"Status\"\r\n"),
            Some(Kind::ServiceList)
        );
        assert_eq!(kind("LastErrorCode,LastScanState\r\n0,3\r\n"), None);
    }

    #[test]
    fn utf16_reg_export_is_recognised() {
        let mut v = vec![0xFF, 0xFE];
        for u in "Windows Registry Editor Version 5.00\r\n".encode_utf16() {
            v.extend_from_slice(&u.to_le_bytes());
        }
        let s = sniff(&v);
        assert_eq!(s.kind, Some(Kind::RegExport));
        assert_eq!(s.encoding, Some(TextEncoding::Utf16Le));
    }
}
