//! What to do about a finding: the wording and the exact commands.

use serde::Serialize;

/// The shell a remedy command is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Shell {
    PowerShell,
    Cmd,
}

/// A command to run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Command {
    pub shell: Shell,
    pub line: String,
    /// What the command does, when several are offered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// What to do about a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Remedy {
    pub text: String,
    pub commands: Vec<Command>,
}

impl Remedy {
    pub fn new(text: impl Into<String>) -> Self {
        Remedy {
            text: text.into(),
            commands: Vec::new(),
        }
    }

    pub fn powershell(mut self, line: impl Into<String>) -> Self {
        self.commands.push(Command {
            shell: Shell::PowerShell,
            line: line.into(),
            comment: None,
        });
        self
    }

    pub fn cmd(mut self, line: impl Into<String>) -> Self {
        self.commands.push(Command {
            shell: Shell::Cmd,
            line: line.into(),
            comment: None,
        });
        self
    }

    /// Adds a comment to the last command.
    pub fn comment(mut self, text: impl Into<String>) -> Self {
        if let Some(c) = self.commands.last_mut() {
            c.comment = Some(text.into());
        }
        self
    }
}
