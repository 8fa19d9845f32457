//! End-to-end tests of the `wsus-doctor` binary, one module per topic, built as one test binary.

mod util;

mod cli;
mod client;
mod diagnosis;
mod examples;
mod export;
mod hostile;
mod i18n;
mod live;
mod logs;
mod machines;
mod probe;
mod redact;
mod report;
mod scan_status;
mod server;
mod tls_url;
