//! Checks of the Windows Update client.

pub mod configmgr;
pub mod policy;
pub mod proxy;
pub(crate) mod reaches_server;
pub(crate) mod scan_status;
pub(crate) mod wu_log;
