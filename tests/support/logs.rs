//! The bot's log lines, captured while a test runs.

use std::cell::RefCell;
use std::io::Write;
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

use super::PATIENCE;

/// The log lines of the bot while the returned guard lives, at debug level and up for
/// verbatim's own events. Tests run on a current-thread runtime, so everything the bot does
/// outside the blocking pool logs on the test's own thread, and each thread writes to its own
/// capture.
///
/// One subscriber for the whole test binary, rather than one per test: tracing remembers
/// whether a log statement is wanted when it first runs, and with a subscriber per thread a
/// statement first reached by a test that captures nothing would stay unwanted for the tests
/// that do.
pub fn capture_logs() -> (Capturing, Logs) {
    static SUBSCRIBER: Once = Once::new();
    SUBSCRIBER.call_once(|| {
        let subscriber = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("verbatim=debug"))
            .with_ansi(false)
            .with_writer(|| ThisThreadsCapture)
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("one subscriber for the tests");
    });
    let logs = Logs::default();
    CAPTURE.with(|capture| *capture.borrow_mut() = Some(logs.clone()));
    (Capturing(()), logs)
}

thread_local! {
    /// Where the log lines of this thread go, while a test captures them.
    static CAPTURE: RefCell<Option<Logs>> = const { RefCell::new(None) };
}

/// Captures this thread's log lines until dropped.
pub struct Capturing(());

impl Drop for Capturing {
    fn drop(&mut self) {
        CAPTURE.with(|capture| capture.borrow_mut().take());
    }
}

/// Writes a log line to the capture of the thread it was made on, or nowhere.
struct ThisThreadsCapture;

impl Write for ThisThreadsCapture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        CAPTURE.with(|capture| match capture.borrow_mut().as_mut() {
            Some(logs) => logs.write(bytes),
            None => Ok(bytes.len()),
        })
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Captured log text.
#[derive(Clone, Default)]
pub struct Logs(Arc<Mutex<Vec<u8>>>);

impl Logs {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }

    /// Waits until a line holds `needle` and returns the lines that do.
    pub async fn wait_for(&self, needle: &str) -> Vec<String> {
        let started = Instant::now();
        loop {
            let lines = self.lines_with(needle);
            if !lines.is_empty() {
                return lines;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "no log line with {needle:?}:\n{}",
                self.text()
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Waits until `count` lines hold `needle` and returns them.
    pub async fn wait_for_count(&self, needle: &str, count: usize) -> Vec<String> {
        let started = Instant::now();
        loop {
            let lines = self.lines_with(needle);
            if lines.len() >= count {
                return lines;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "{} of {count} log lines with {needle:?}:\n{}",
                lines.len(),
                self.text()
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// The lines holding `needle`.
    pub fn lines_with(&self, needle: &str) -> Vec<String> {
        self.text()
            .lines()
            .filter(|line| line.contains(needle))
            .map(str::to_owned)
            .collect()
    }
}

impl Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
