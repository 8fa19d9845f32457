//! The `wsus-doctor` binary: parses the command line, calls the library, maps the outcome to an
//! exit status (0: no check failed, 1: a check failed, 2: the tool could not run).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    let code = match cli::run(std::env::args_os().collect()) {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (`wsus-doctor ... | head`) is not an error.
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("wsus-doctor: {e:#}");
            2
        }
    };
    ExitCode::from(code)
}
