//! Opening connections for the probe's steps, and naming their failures the way WinHTTP (and so
//! the Windows Update agent) names them (winhttp.h codes as HRESULTs, formats.md §7.2).

use super::tls::TlsSetup;
use crate::i18n::Text;
use crate::tr;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// ERROR_WINHTTP_TIMEOUT.
pub(crate) const HR_TIMEOUT: u32 = 0x80072EE2;
/// ERROR_WINHTTP_NAME_NOT_RESOLVED.
pub(crate) const HR_NAME_NOT_RESOLVED: u32 = 0x80072EE7;
/// ERROR_WINHTTP_CANNOT_CONNECT: refused, unreachable.
pub(crate) const HR_CANNOT_CONNECT: u32 = 0x80072EFD;
/// ERROR_WINHTTP_CONNECTION_ERROR: reset or aborted.
pub(crate) const HR_CONNECTION_ERROR: u32 = 0x80072EFE;
/// ERROR_WINHTTP_INVALID_SERVER_RESPONSE.
pub(crate) const HR_INVALID_RESPONSE: u32 = 0x80072F78;
/// ERROR_WINHTTP_SECURE_FAILURE.
pub(crate) const HR_SECURE_FAILURE: u32 = 0x80072F8F;

/// A byte stream to the server, plain or TLS.
pub(crate) trait Stream: Read + Write + Send {}
impl<T: Read + Write + Send> Stream for T {}

/// A failure on the network, named for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetError {
    pub message: crate::i18n::Text,
    pub hresult: u32,
}

impl NetError {
    pub fn new(message: impl Into<crate::i18n::Text>, hresult: u32) -> Self {
        NetError {
            message: message.into(),
            hresult,
        }
    }
}

/// How the requests reach the server: its address (or the proxy's), the proxy, TLS.
#[derive(Clone)]
pub struct Route {
    /// The address connected to: the server's, or the proxy's.
    pub addr: SocketAddr,
    /// `host:port` of the server, for `Host:`, CONNECT and absolute-form requests.
    pub authority: String,
    pub via_proxy: bool,
    pub tls: Option<TlsSetup>,
}

/// The class of a failed `connect`.
pub(crate) fn classify_connect(e: &io::Error) -> crate::probe::model::ConnectResult {
    use crate::probe::model::ConnectResult;
    match e.kind() {
        io::ErrorKind::ConnectionRefused => ConnectResult::Refused,
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => ConnectResult::TimedOut,
        io::ErrorKind::HostUnreachable | io::ErrorKind::NetworkUnreachable => {
            ConnectResult::Unreachable
        }
        _ => ConnectResult::Failed,
    }
}

/// The HRESULT for a failed connection attempt.
pub(crate) fn connect_hresult(r: crate::probe::model::ConnectResult) -> u32 {
    use crate::probe::model::ConnectResult;
    match r {
        ConnectResult::TimedOut => HR_TIMEOUT,
        _ => HR_CANNOT_CONNECT,
    }
}

/// Names an I/O error met while talking to the server. `what` says during what.
pub fn describe_io(e: &io::Error, what: Text) -> NetError {
    if let Some(tls) = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
    {
        let (hresult, message) = super::tls::describe_error(tls);
        return NetError::new(tr!("probe-io-tls", what = what, message = message), hresult);
    }
    // The operating system's own words for the error stay as it gave them.
    let error = e.to_string();
    match e.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => {
            NetError::new(tr!("probe-io-timeout", what = what), HR_TIMEOUT)
        }
        io::ErrorKind::ConnectionReset
        | io::ErrorKind::ConnectionAborted
        | io::ErrorKind::BrokenPipe => NetError::new(
            tr!("probe-io-reset", what = what, error = error),
            HR_CONNECTION_ERROR,
        ),
        io::ErrorKind::UnexpectedEof => {
            NetError::new(tr!("probe-io-eof", what = what), HR_CONNECTION_ERROR)
        }
        io::ErrorKind::ConnectionRefused => {
            NetError::new(tr!("probe-io-refused", what = what), HR_CANNOT_CONNECT)
        }
        _ => NetError::new(
            tr!("probe-io-other", what = what, error = error),
            HR_CONNECTION_ERROR,
        ),
    }
}

/// A TCP stream whose every read and write ends by one instant. A socket time-out bounds each
/// read alone, and rustls' `complete_io` keeps reading until the handshake completes: a server
/// sending one byte a second would otherwise hold a step as long as it likes. Here each call gets
/// only the time left, and fails as timed out once none is.
pub struct Deadlined {
    tcp: TcpStream,
    deadline: Instant,
}

impl Deadlined {
    pub fn new(tcp: TcpStream, deadline: Instant) -> Self {
        Deadlined { tcp, deadline }
    }

    fn time_left(&self) -> io::Result<Duration> {
        self.deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
            .ok_or_else(|| io::Error::new(io::ErrorKind::TimedOut, "the time-out passed"))
    }
}

impl Read for Deadlined {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.time_left()?;
        self.tcp.set_read_timeout(Some(left))?;
        self.tcp.read(buf)
    }
}

impl Write for Deadlined {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let left = self.time_left()?;
        self.tcp.set_write_timeout(Some(left))?;
        self.tcp.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.tcp.flush()
    }
}

/// Connects over TCP with a time-out on the connection and on every read and write.
pub(crate) fn connect_tcp(addr: SocketAddr, timeout: Duration) -> io::Result<TcpStream> {
    let s = TcpStream::connect_timeout(&addr, timeout)?;
    s.set_read_timeout(Some(timeout))?;
    s.set_write_timeout(Some(timeout))?;
    s.set_nodelay(true)?;
    Ok(s)
}

/// Connects to the route's address; everything on the connection ends by `timeout` from now.
pub fn connect(route: &Route, timeout: Duration) -> Result<Deadlined, NetError> {
    let deadline = Instant::now() + timeout;
    let tcp = connect_tcp(route.addr, timeout).map_err(|e| {
        let r = classify_connect(&e);
        NetError::new(
            tr!(
                "probe-cannot-connect",
                address = route.addr.to_string(),
                error = e.to_string()
            ),
            connect_hresult(r),
        )
    })?;
    Ok(Deadlined::new(tcp, deadline))
}

/// Opens a stream along the route: TCP, CONNECT through the proxy for https, then TLS; every step
/// and the request on it end by `timeout` from now.
pub(crate) fn open(route: &Route, timeout: Duration) -> Result<Box<dyn Stream>, NetError> {
    let mut tcp = connect(route, timeout)?;
    let Some(tls) = &route.tls else {
        return Ok(Box::new(tcp));
    };
    if route.via_proxy {
        proxy_connect(&mut tcp, &route.authority, timeout)?;
    }
    let conn = rustls::ClientConnection::new(tls.config.clone(), tls.server_name.clone())
        .map_err(|e| NetError::new(format!("TLS set-up: {e}"), HR_SECURE_FAILURE))?;
    let mut stream = rustls::StreamOwned::new(conn, tcp);
    while stream.conn.is_handshaking() {
        stream
            .conn
            .complete_io(&mut stream.sock)
            .map_err(|e| describe_io(&e, tr!("probe-during-tls-handshake")))?;
    }
    Ok(Box::new(stream))
}

/// Asks an HTTP proxy for a tunnel to `authority` (`CONNECT host:port`), as WinHTTP does for https.
pub(crate) fn proxy_connect(
    tcp: &mut Deadlined,
    authority: &str,
    timeout: Duration,
) -> Result<(), NetError> {
    let req = format!("CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n\r\n");
    tcp.write_all(req.as_bytes())
        .map_err(|e| describe_io(&e, tr!("probe-during-proxy-connect")))?;
    let head = super::http::read_head(tcp, Instant::now() + timeout).map_err(|e| {
        NetError::new(
            tr!(
                "probe-io-tls",
                what = tr!("probe-during-proxy-connect"),
                message = e.message
            ),
            e.hresult,
        )
    })?;
    match head.status {
        200..=299 => Ok(()),
        407 => Err(NetError::new(tr!("probe-proxy-auth"), 0x8024401B)),
        s => Err(NetError::new(
            tr!(
                "probe-proxy-refused",
                status = format!("{s} {}", head.reason)
            ),
            crate::knowledge::hresult::for_http_status(s).unwrap_or(HR_CANNOT_CONNECT),
        )),
    }
}
