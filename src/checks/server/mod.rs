//! Checks of the WSUS server.

pub(crate) mod app_pool;
pub mod database;
pub mod events;
pub mod httperr;
pub mod iis_log;
pub mod services;
pub mod tls;
pub mod version;
pub mod website;
pub(crate) mod wsus;
