//! The `wsus-doctor` binary: parses the command line, calls the library, maps the outcome to an
//! exit status (0: no check failed, 1: a check failed, 2: the tool could not run).

mod cli;

use std::process::ExitCode;

/// The exit status of a run interrupted by Ctrl-C or a termination signal (128 + SIGINT, as
/// shells report an interrupted command).
const INTERRUPTED: i32 = 130;

fn main() -> ExitCode {
    // An interrupted run removes its temporary folders (an expanded bundle can be gigabytes)
    // before exiting. ctrlc's `termination` feature covers SIGINT, SIGTERM and SIGHUP on Unix and
    // Ctrl-C, Ctrl-Break and closing the console on Windows.
    let _ = ctrlc::set_handler(|| {
        wsus_doctor::evidence::scratch::remove_all_on_interrupt();
        std::process::exit(INTERRUPTED);
    });
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
            // The message may carry a file name from an archive: escaped like all text output.
            cli::say_lines(&format!("{e:#}"));
            2
        }
    };
    ExitCode::from(code)
}
