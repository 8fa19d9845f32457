//! Checks that read the results of a network probe of a WSUS server.

pub mod dns;
pub mod http;
pub mod soap;
pub mod tcp;
pub mod tls;
