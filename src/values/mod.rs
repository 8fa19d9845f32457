//! Value types shared by the parsers, the facts and everything above them: times with what is
//! known of their clock, registry data, service states, and where a value was read. This is the
//! bottom layer: it imports nothing else of the crate.

mod evidence_ref;
pub mod iis;
pub mod machine;
pub mod registry;
pub mod service;
pub mod time;
pub(crate) mod wsus_url;

pub use evidence_ref::EvidenceRef;
pub use machine::MachineName;
pub use registry::RegData;
pub(crate) use service::RunState;
pub use service::StartType;
pub use time::Stamp;
