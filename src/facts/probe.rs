//! Results of network probes of WSUS servers.

#[derive(Debug, Clone, Default)]
pub struct ProbeFacts {}

impl ProbeFacts {
    pub fn merge(&mut self, _other: ProbeFacts) {}
}
