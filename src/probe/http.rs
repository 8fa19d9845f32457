//! Step 5: the files and pages a client requests first, over HTTP/1.1 written by hand on the
//! probe's own connection (plain or the recorded TLS one): every request is timed on its own,
//! the status line and headers are read as sent, bodies are bounded, and `Connection: close`
//! keeps one request per connection, as simple to reason about as a browser test but with the
//! agent's view of errors. The test URLs and expected answers are KB3090184's (formats.md §9.5).

use super::net::{self, NetError, Route, HR_INVALID_RESPONSE};
use crate::i18n::Text;
use crate::knowledge::hresult::for_http_status;
use crate::probe::model::{HttpExchange, HttpStep, StepOutcome, StepStatus};
use std::io::Read;
use std::time::{Duration, Instant};

/// Bodies are read up to this size: the probe needs the start of a file or an error page, and a
/// misdirected URL must not make it download a large file.
const BODY_LIMIT: usize = 1 << 20;
/// Longest response head accepted.
const HEAD_LIMIT: usize = 64 * 1024;

/// A response's status line and headers.
#[derive(Debug, Clone, Default)]
pub struct Head {
    pub status: u16,
    pub reason: String,
    pub headers: Vec<(String, String)>,
    /// Bytes read past the head (the start of the body).
    pub rest: Vec<u8>,
}

impl Head {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A whole response.
#[derive(Debug, Clone, Default)]
pub struct Response {
    pub head: Head,
    pub body: Vec<u8>,
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Parses a status line and headers (the body part of the result is left empty).
fn parse_head(bytes: &[u8]) -> Option<Head> {
    let text = String::from_utf8_lossy(bytes);
    let mut lines = text.split("\r\n");
    let status_line = lines.next()?;
    let mut parts = status_line.splitn(3, ' ');
    let version = parts.next()?;
    if !version.starts_with("HTTP/") {
        return None;
    }
    let code = parts.next()?;
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let status: u16 = code.parse().ok()?;
    let reason = parts.next().unwrap_or("").to_string();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Some(Head {
        status,
        reason,
        headers,
        rest: Vec::new(),
    })
}

fn read_some(
    stream: &mut dyn Read,
    buf: &mut Vec<u8>,
    deadline: Instant,
) -> Result<usize, NetError> {
    if Instant::now() > deadline {
        return Err(NetError::new(
            "no complete answer within the time-out",
            net::HR_TIMEOUT,
        ));
    }
    let mut chunk = [0u8; 16 * 1024];
    match stream.read(&mut chunk) {
        Ok(n) => {
            buf.extend_from_slice(chunk.get(..n).unwrap_or_default());
            Ok(n)
        }
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => Ok(1),
        Err(e) => Err(net::describe_io(&e, crate::tr!("probe-during-reading"))),
    }
}

/// Reads a response head.
pub(crate) fn read_head(stream: &mut dyn Read, deadline: Instant) -> Result<Head, NetError> {
    let mut buf = Vec::new();
    loop {
        if let Some(end) = find(&buf, b"\r\n\r\n") {
            let mut head = parse_head(buf.get(..end).unwrap_or_default()).ok_or_else(|| {
                NetError::new(
                    crate::tr!(
                        "probe-http-not-http",
                        start = format!("{:?}", excerpt(&buf))
                    ),
                    HR_INVALID_RESPONSE,
                )
            })?;
            head.rest = buf.get(end + 4..).unwrap_or_default().to_vec();
            return Ok(head);
        }
        if buf.len() > HEAD_LIMIT {
            return Err(NetError::new(
                crate::tr!("probe-http-head-too-long"),
                HR_INVALID_RESPONSE,
            ));
        }
        if read_some(stream, &mut buf, deadline)? == 0 {
            return Err(if buf.is_empty() {
                NetError::new(
                    crate::tr!("probe-http-closed-without-answer"),
                    net::HR_CONNECTION_ERROR,
                )
            } else {
                NetError::new(
                    crate::tr!(
                        "probe-http-not-http",
                        start = format!("{:?}", excerpt(&buf))
                    ),
                    HR_INVALID_RESPONSE,
                )
            });
        }
    }
}

fn excerpt(b: &[u8]) -> String {
    String::from_utf8_lossy(b.get(..b.len().min(60)).unwrap_or_default()).into_owned()
}

/// Decodes a chunked body; what cannot be decoded is returned as is.
fn dechunk(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(eol) = find(rest, b"\r\n") {
        let size_text = String::from_utf8_lossy(rest.get(..eol).unwrap_or_default()).into_owned();
        let size_text = size_text.split(';').next().unwrap_or("").trim().to_string();
        let Ok(size) = usize::from_str_radix(&size_text, 16) else {
            return body.to_vec();
        };
        if size == 0 {
            return out;
        }
        let start = eol + 2;
        let Some(data) = start.checked_add(size).and_then(|end| rest.get(start..end)) else {
            out.extend_from_slice(rest.get(start..).unwrap_or_default());
            return out;
        };
        out.extend_from_slice(data);
        rest = rest.get(start + size + 2..).unwrap_or_default(); // start + size was checked above
    }
    out
}

/// Reads a response: the head, then the body up to its length, the end of the chunks, the end of
/// the stream or [`BODY_LIMIT`].
pub(crate) fn read_response(
    stream: &mut dyn Read,
    deadline: Instant,
) -> Result<Response, NetError> {
    let head = read_head(stream, deadline)?;
    let mut body = head.rest.clone();
    let length: Option<usize> = head
        .header("content-length")
        .and_then(|v| v.trim().parse().ok());
    let chunked = head
        .header("transfer-encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    loop {
        let complete = match length {
            Some(n) => body.len() >= n,
            None if chunked => body.ends_with(b"0\r\n\r\n"),
            None => false,
        };
        if complete || body.len() >= BODY_LIMIT {
            break;
        }
        match read_some(stream, &mut body, deadline) {
            Ok(0) if length.is_some() || chunked => return Err(cut_short(&body, length)),
            Ok(0) => break,
            Ok(_) => {}
            // A TLS peer that closes without close_notify, after a complete answer, is common; a
            // body still arriving at the time-out is not complete.
            Err(e) if length.is_none() && !chunked && e.hresult != net::HR_TIMEOUT => break,
            Err(e) => return Err(e),
        }
    }
    if chunked {
        body = dechunk(&body);
    }
    if let Some(n) = length {
        body.truncate(n);
    }
    Ok(Response { head, body })
}

/// A connection closed before the body its headers announced: WinHttpReadData fails with
/// ERROR_WINHTTP_CONNECTION_ERROR, "the connection with the server has been reset or terminated"
/// (<https://learn.microsoft.com/en-us/windows/win32/api/winhttp/nf-winhttp-winhttpreaddata>).
fn cut_short(body: &[u8], length: Option<usize>) -> NetError {
    let message = match length {
        Some(n) => crate::tr!("probe-http-cut-short", read = body.len(), announced = n),
        None => crate::tr!("probe-http-cut-short-chunked", read = body.len()),
    };
    NetError::new(message, net::HR_CONNECTION_ERROR)
}

/// Sends one request on a fresh connection and reads the answer.
pub fn request(
    route: &Route,
    method: &str,
    path: &str,
    extra_headers: &[(&str, &str)],
    body: &[u8],
    timeout: Duration,
) -> Result<Response, NetError> {
    let deadline = Instant::now() + timeout;
    let mut stream = net::open(route, timeout)?;
    let target = if route.via_proxy && route.tls.is_none() {
        format!("http://{}{path}", route.authority)
    } else {
        path.to_string()
    };
    let mut req = format!(
        "{method} {target} HTTP/1.1\r\nHost: {}\r\nUser-Agent: {}/{}\r\nConnection: close\r\n",
        route.authority,
        crate::TOOL_NAME,
        crate::TOOL_VERSION
    );
    for (n, v) in extra_headers {
        req.push_str(&format!("{n}: {v}\r\n"));
    }
    if method == "POST" {
        req.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    req.push_str("\r\n");
    let mut bytes = req.into_bytes();
    bytes.extend_from_slice(body);
    std::io::Write::write_all(&mut stream, &bytes)
        .map_err(|e| net::describe_io(&e, crate::tr!("probe-during-sending")))?;
    let _ = std::io::Write::flush(&mut stream);
    read_response(&mut stream, deadline)
}

/// The IIS sub-status named in an IIS error page ("HTTP Error 403.4 - Forbidden", "403.4 - SSL
/// required"); IIS does not send it on the wire (KB943891).
pub(crate) fn substatus_from_page(status: u16, body: &[u8]) -> Option<u32> {
    let text = String::from_utf8_lossy(body.get(..body.len().min(64 * 1024)).unwrap_or_default())
        .into_owned();
    let prefix = format!("{status}.");
    let mut from = 0;
    while let Some(i) = text.get(from..).and_then(|t| t.find(&prefix)) {
        let start = from + i + prefix.len();
        let before_ok = from + i == 0
            || !text
                .as_bytes()
                .get(from + i - 1)
                .is_some_and(|b| b.is_ascii_digit() || *b == b'.');
        let digits: String = text
            .get(start..)
            .unwrap_or("")
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if before_ok && !digits.is_empty() && digits.len() <= 3 {
            return digits.parse().ok();
        }
        from = start;
    }
    None
}

/// What one endpoint must answer.
struct Endpoint {
    path: &'static str,
    expected: &'static str,
    /// Extra test on the body of a 200 answer.
    body_check: fn(&Response) -> Result<(), Text>,
}

fn cabinet(r: &Response) -> Result<(), Text> {
    // A cabinet file starts with the signature "MSCF" (Microsoft Cabinet Format).
    if r.body.starts_with(b"MSCF") {
        Ok(())
    } else {
        Err(crate::tr!(
            "probe-http-not-cabinet",
            start = format!("{:?}", excerpt(&r.body))
        ))
    }
}

fn xml(r: &Response) -> Result<(), Text> {
    let text = String::from_utf8_lossy(&r.body);
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('<') && roxmltree::Document::parse(t).is_ok() {
        Ok(())
    } else {
        Err(crate::tr!(
            "probe-http-not-xml",
            start = format!("{:?}", excerpt(&r.body))
        ))
    }
}

fn anything(_: &Response) -> Result<(), Text> {
    Ok(())
}

const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        path: "/selfupdate/wuident.cab",
        expected: "200 with a cabinet file (MSCF)",
        body_check: cabinet,
    },
    Endpoint {
        path: "/ClientWebService/wusserverversion.xml",
        expected: "200 with XML",
        body_check: xml,
    },
    Endpoint {
        path: "/SimpleAuthWebService/SimpleAuth.asmx",
        expected: "200",
        body_check: anything,
    },
];

/// What a status means for a WSUS client endpoint (KB4025764, KB943891, formats.md §9.3).
pub(crate) fn status_meaning(status: u16, substatus: Option<u32>) -> Text {
    match (status, substatus) {
        (403, Some(4)) => crate::tr!("probe-http-meaning-403-4"),
        (403, Some(7)) => crate::tr!("probe-http-meaning-403-7"),
        (403, _) => crate::tr!("probe-http-meaning-403"),
        (404, _) => crate::tr!("probe-http-meaning-404"),
        (503, _) => crate::tr!("probe-http-meaning-503"),
        (401, _) => crate::tr!("probe-http-meaning-401"),
        (500, _) => crate::tr!("probe-http-meaning-500"),
        (407, _) => crate::tr!("probe-http-meaning-407"),
        _ => match crate::knowledge::http_status::lookup(status, substatus) {
            // The status and its registered name are what the server said: not translated.
            Some(e) => format!("{status} {}", e.name).into(),
            None => crate::tr!("probe-http-unexpected-status", status = status),
        },
    }
}

/// Requests each endpoint once.
pub fn run(route: &Route, budget: &super::Budget) -> HttpStep {
    let start = Instant::now();
    let mut exchanges = Vec::new();
    for ep in ENDPOINTS {
        let Some(timeout) = budget.step() else {
            break;
        };
        let t = Instant::now();
        let r = request(route, "GET", ep.path, &[], &[], timeout);
        let ms = t.elapsed().as_millis() as u64;
        exchanges.push(judge(ep.path, ep.expected, r, ms, ep.body_check));
    }
    let ms = start.elapsed().as_millis() as u64;
    let outcome = match exchanges.iter().find(|e| e.outcome.is_fail()) {
        Some(bad) => StepOutcome::fail(
            ms,
            crate::tr!(
                "probe-http-path-failed",
                path = &bad.path,
                message = &bad.outcome.message
            ),
            bad.outcome.hresult,
        ),
        None if exchanges.len() < ENDPOINTS.len() => {
            StepOutcome::fail(ms, crate::tr!("probe-http-deadline"), Some(net::HR_TIMEOUT))
        }
        None => StepOutcome::pass(ms, crate::tr!("probe-http-pass", count = exchanges.len())),
    };
    HttpStep { outcome, exchanges }
}

fn judge(
    path: &str,
    expected: &str,
    r: Result<Response, NetError>,
    ms: u64,
    body_check: fn(&Response) -> Result<(), Text>,
) -> HttpExchange {
    let mut x = HttpExchange {
        method: "GET",
        path: path.to_string(),
        expected: expected.to_string(),
        status: None,
        substatus: None,
        content_type: None,
        server: None,
        body_bytes: 0,
        duration_ms: ms,
        outcome: StepOutcome::pass(ms, ""),
    };
    let r = match r {
        Ok(r) => r,
        Err(e) => {
            x.outcome = StepOutcome::fail(ms, e.message, Some(e.hresult));
            return x;
        }
    };
    x.status = Some(r.head.status);
    x.content_type = r.head.header("content-type").map(str::to_string);
    x.server = r.head.header("server").map(str::to_string);
    x.body_bytes = r.body.len() as u64;
    if r.head.status == 200 {
        x.outcome = match body_check(&r) {
            Ok(()) => StepOutcome::pass(ms, crate::tr!("probe-http-ok", bytes = r.body.len())),
            Err(why) => StepOutcome::fail(ms, why, Some(HR_INVALID_RESPONSE)),
        };
        return x;
    }
    x.substatus = substatus_from_page(r.head.status, &r.body);
    let mut meaning = status_meaning(r.head.status, x.substatus);
    if let (300..=399, Some(to)) = (r.head.status, r.head.header("location")) {
        meaning = crate::tr!("probe-http-redirect", meaning = meaning, to = to);
    }
    x.outcome = StepOutcome {
        status: StepStatus::Fail,
        duration_ms: ms,
        message: meaning,
        hresult: for_http_status(r.head.status).or(Some(0x8024402B)),
    };
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_and_bodies_are_read() {
        let raw =
            b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 5\r\nServer: x\r\n\r\nhelloEXTRA";
        let r = read_response(&mut &raw[..], Instant::now() + Duration::from_secs(5)).unwrap();
        assert_eq!(r.head.status, 503);
        assert_eq!(r.head.header("SERVER"), Some("x"));
        assert_eq!(r.body, b"hello");
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nMSCF\r\n2\r\nab\r\n0\r\n\r\n";
        let r = read_response(&mut &chunked[..], Instant::now() + Duration::from_secs(5)).unwrap();
        assert_eq!(dechunk(b"ffffffffffffffff\r\nab"), b"ab");
        assert_eq!(r.body, b"MSCFab");
        let e = read_response(
            &mut &b"garbage\r\n\r\n"[..],
            Instant::now() + Duration::from_secs(5),
        )
        .unwrap_err();
        assert_eq!(e.hresult, HR_INVALID_RESPONSE);
        let e = read_response(&mut &b""[..], Instant::now() + Duration::from_secs(5)).unwrap_err();
        assert_eq!(e.hresult, net::HR_CONNECTION_ERROR);
    }

    #[test]
    fn a_body_shorter_than_announced_is_a_connection_error() {
        let deadline = Instant::now() + Duration::from_secs(5);
        let short = b"HTTP/1.0 200 OK\r\nContent-Length: 100\r\n\r\nMSCF only part";
        let e = read_response(&mut &short[..], deadline).unwrap_err();
        assert_eq!(e.hresult, net::HR_CONNECTION_ERROR);
        assert!(
            e.message.contains("after 14 of the 100 bytes"),
            "{}",
            e.message
        );
        assert_eq!(
            e.message.local(crate::i18n::Lang::Ja),
            "サーバーは Content-Length で示した 100 バイトのうち 14 バイトを送った後で接続を閉じました"
        );
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nMSCF\r\n";
        let e = read_response(&mut &chunked[..], deadline).unwrap_err();
        assert_eq!(e.hresult, net::HR_CONNECTION_ERROR);
        // Without a length, the end of the stream is the end of the body.
        let open = b"HTTP/1.0 200 OK\r\n\r\nMSCF whole";
        assert_eq!(
            read_response(&mut &open[..], deadline).unwrap().body,
            b"MSCF whole"
        );
    }

    #[test]
    fn iis_sub_status_is_read_from_the_error_page() {
        assert_eq!(
            substatus_from_page(403, b"<h3>HTTP Error 403.4 - Forbidden</h3>"),
            Some(4)
        );
        assert_eq!(
            substatus_from_page(403, b"403.7 - Client certificate required"),
            Some(7)
        );
        assert_eq!(substatus_from_page(403, b"Forbidden 10.403.5"), None);
        assert_eq!(substatus_from_page(404, b"nothing"), None);
    }
}
