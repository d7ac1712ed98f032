//! Listening: the current sentence read aloud by `espeak-ng -v ar`, in a
//! child process so the interface never waits for it. The app says once
//! that the program is missing; this only reports it each time.

use std::io::ErrorKind;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// The speech synthesiser and what it is saying.
#[derive(Debug)]
pub struct Speech {
    program: PathBuf,
    child: Option<Child>,
}

/// What happened on `s`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spoken {
    Started,
    /// The program is not installed.
    Missing,
    Failed(String),
}

impl Default for Speech {
    fn default() -> Self {
        Speech::new(PathBuf::from("espeak-ng"))
    }
}

impl Speech {
    /// Speech through `program` (given `-v ar` and the text).
    pub fn new(program: PathBuf) -> Speech {
        Speech {
            program,
            child: None,
        }
    }

    /// Starts reading `text`, stopping what was being read.
    pub fn speak(&mut self, text: &str) -> Spoken {
        self.stop();
        let spawned = Command::new(&self.program)
            .args(["-v", "ar", "--", text])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        match spawned {
            Ok(child) => {
                self.child = Some(child);
                Spoken::Started
            }
            Err(error) if error.kind() == ErrorKind::NotFound => Spoken::Missing,
            Err(error) => Spoken::Failed(error.to_string()),
        }
    }

    /// Stops reading, if it is.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Whether it is reading now (a finished child is reaped).
    pub fn speaking(&mut self) -> bool {
        match &mut self.child {
            Some(child) => match child.try_wait() {
                Ok(None) => true,
                _ => {
                    self.child = None;
                    false
                }
            },
            None => false,
        }
    }
}

impl Drop for Speech {
    fn drop(&mut self) {
        self.stop();
    }
}
