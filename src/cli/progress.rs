//! A progress bar on standard error for long reads, shown only when standard error is a terminal.
//! It polls the evidence layer's byte counter, so parsers need no progress plumbing.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use wsus_doctor::evidence::BYTES_READ;

/// Inputs smaller than this finish before a bar would be worth drawing.
const MIN_BYTES: u64 = 64 << 20;

pub struct Progress {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    pub fn start(total_bytes: u64) -> Progress {
        let stop = Arc::new(AtomicBool::new(false));
        if total_bytes < MIN_BYTES || !std::io::stderr().is_terminal() {
            return Progress { stop, thread: None };
        }
        let start = BYTES_READ.load(Ordering::Relaxed);
        let bar = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} reading evidence {bar:40} {bytes}/{total_bytes} {bytes_per_sec} {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        let flag = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            while !flag.load(Ordering::Relaxed) {
                let read = BYTES_READ.load(Ordering::Relaxed).saturating_sub(start);
                bar.set_position(read.min(total_bytes));
                std::thread::sleep(Duration::from_millis(100));
            }
            bar.finish_and_clear();
        });
        Progress {
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
