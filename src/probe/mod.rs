//! The network probe: tests a WSUS server the way the Windows Update agent would.
