//! Checks of the Windows Update client.

pub mod configmgr;
pub mod policy;
pub mod proxy;
pub mod reaches_server;
pub mod wu_log;
