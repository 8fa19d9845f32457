//! Windows service states as `sc query`, `Get-Service` and the service control manager name them.

use serde::Serialize;

/// A service's run state (the SERVICE_* states of `sc query`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RunState {
    Stopped,
    StartPending,
    StopPending,
    Running,
    ContinuePending,
    PausePending,
    Paused,
    Unknown,
}

impl RunState {
    /// From `sc query`'s state number (1..7) or PowerShell's status names.
    pub fn parse(s: &str) -> RunState {
        match s
            .trim()
            .to_ascii_lowercase()
            .replace(['_', ' '], "")
            .as_str()
        {
            "1" | "stopped" => RunState::Stopped,
            "2" | "startpending" => RunState::StartPending,
            "3" | "stoppending" => RunState::StopPending,
            "4" | "running" => RunState::Running,
            "5" | "continuepending" => RunState::ContinuePending,
            "6" | "pausepending" => RunState::PausePending,
            "7" | "paused" => RunState::Paused,
            _ => RunState::Unknown,
        }
    }
}

/// How a service starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StartType {
    Boot,
    System,
    Automatic,
    AutomaticDelayed,
    Manual,
    Disabled,
    Unknown,
}

impl StartType {
    pub fn parse(s: &str) -> StartType {
        match s
            .trim()
            .to_ascii_lowercase()
            .replace(['_', ' ', '(', ')'], "")
            .as_str()
        {
            "0" | "boot" | "bootstart" => StartType::Boot,
            "1" | "system" | "systemstart" => StartType::System,
            "2" | "auto" | "automatic" | "autostart" => StartType::Automatic,
            "autodelayedstart" | "automaticdelayedstart" | "automaticdelayed" => {
                StartType::AutomaticDelayed
            }
            "3" | "manual" | "demand" | "demandstart" => StartType::Manual,
            "4" | "disabled" => StartType::Disabled,
            _ => StartType::Unknown,
        }
    }
}
