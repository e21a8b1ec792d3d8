//! `verbatim run` as a process: started with only the environment a test gives it, its
//! standard error read line by line, signalled, and waited for.

use std::time::{Duration, Instant};

use tokio::sync::mpsc;

use super::PATIENCE;

/// The most verbose log filter: every target at trace level, serenity's frame-quoting WebSocket
/// module included, which only a filter naming it turns on.
pub const EVERYTHING: &str = "trace,serenity::gateway::ws=trace";

/// `verbatim run` itself, as a process, with only the given environment.
pub fn verbatim_run(env: &[(&str, &str)]) -> std::process::Command {
    verbatim(&["run"], env)
}

/// `verbatim` with `args`, as a process, with only the given environment.
pub fn verbatim(args: &[&str], env: &[(&str, &str)]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_verbatim"));
    command
        .args(args)
        .env_clear()
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    for (name, value) in env {
        command.env(name, value);
    }
    command
}

/// Runs `command` to its end and returns what it printed; a guard against hanging, not a
/// timing assertion.
pub async fn output_of(mut command: std::process::Command) -> std::process::Output {
    let child = command.spawn().expect("start verbatim");
    let waited = tokio::time::timeout(
        PATIENCE,
        tokio::task::spawn_blocking(move || child.wait_with_output()),
    )
    .await;
    waited
        .expect("verbatim exits")
        .expect("join")
        .expect("output")
}

/// Runs `command`, which must refuse its input with exit code 2, and returns what it said on
/// standard error.
pub async fn refusal_of(command: std::process::Command) -> String {
    let output = output_of(command).await;
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(
        output.status.code(),
        Some(2),
        "exit code 2, bad input: {stderr}"
    );
    stderr
}

/// A running `verbatim run` whose standard error is read line by line as it comes.
pub struct BotProcess {
    pub child: std::process::Child,
    lines: mpsc::UnboundedReceiver<String>,
    /// Every line read so far.
    pub log: Vec<String>,
}

impl BotProcess {
    pub fn spawn(mut command: std::process::Command) -> BotProcess {
        let mut child = command.spawn().expect("start verbatim run");
        let stderr = child.stderr.take().expect("piped standard error");
        let (sender, lines) = mpsc::unbounded_channel();
        std::thread::spawn(move || {
            let reader = std::io::BufReader::new(stderr);
            for line in std::io::BufRead::lines(reader).map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
        BotProcess {
            child,
            lines,
            log: Vec::new(),
        }
    }

    /// The first line read so far that holds `needle`.
    pub fn logged(&self, needle: &str) -> Option<&str> {
        self.log
            .iter()
            .find(|line| line.contains(needle))
            .map(String::as_str)
    }

    /// Reads the log until a line holds `needle`, and returns that line.
    pub async fn wait_for_line(&mut self, needle: &str) -> String {
        let found = tokio::time::timeout(PATIENCE, async {
            while let Some(line) = self.lines.recv().await {
                self.log.push(line.clone());
                if line.contains(needle) {
                    return Some(line);
                }
            }
            None
        })
        .await;
        match found {
            Ok(Some(line)) => line,
            _ => panic!(
                "no log line with {needle:?}; the log so far:\n{}",
                self.log.join("\n")
            ),
        }
    }

    /// Sends the process a signal (SIGHUP, SIGTERM, SIGINT).
    pub fn signal(&self, signal: libc::c_int) {
        let pid = libc::pid_t::try_from(self.child.id()).expect("a process id");
        // SAFETY: kill(2) with a process id this test started and a valid signal number.
        let sent = unsafe { libc::kill(pid, signal) };
        assert_eq!(sent, 0, "kill({pid}, {signal})");
    }

    /// Waits for the process to exit; returns its exit status and the rest of its log.
    pub async fn wait_for_exit(mut self, patience: Duration) -> (std::process::ExitStatus, String) {
        let started = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait for verbatim run") {
                break status;
            }
            if started.elapsed() > patience {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!(
                    "verbatim run did not exit within {patience:?}; its log:\n{}",
                    self.log.join("\n")
                );
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        // The reader thread ends with the process's standard error.
        while let Some(line) = self.lines.recv().await {
            self.log.push(line);
        }
        (status, self.log.join("\n"))
    }
}

impl Drop for BotProcess {
    fn drop(&mut self) {
        // A test that failed midway leaves no bot behind: a process it started, by its handle.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
