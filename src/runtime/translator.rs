//! Drafting translations with a command of the learner's choice (issue 16;
//! README, "Drafted translations"): `sh -c COMMAND` reads Arabic sentences
//! on its standard input, one per line, and writes the English on its
//! standard output, one line per input line (`lines` mode), or is run once
//! per sentence (`sentence` mode, and whenever the line count comes back
//! different). A non-zero exit, a time-out, empty output or output past
//! [`MAX_OUTPUT`] is an error for the batch, in one line; control
//! characters in the output are taken out.

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// The most a translator may print for one batch.
pub const MAX_OUTPUT: u64 = 1 << 20;
/// How long a batch may take by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// How sentences are handed to the command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// All of a batch at once, a sentence per line.
    #[default]
    Lines,
    /// One run per sentence.
    Sentence,
}

/// What a batch's translation has got to, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// The command gave `lines` lines for the batch's `sentences`: it is
    /// run once per sentence instead.
    OneByOne { lines: usize, sentences: usize },
    /// Run once per sentence: `done` of the batch translated so far.
    Sentence { done: usize },
}

/// A translator: the command, how it is fed, and how long it may take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translator {
    pub command: String,
    pub mode: Mode,
    pub timeout: Duration,
}

/// Why a batch got no translation. Each says what the command did.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TranslatorError {
    #[error("the translator {} could not start: {reason}", quoted(.command))]
    Start { command: String, reason: String },
    #[error("the translator {} exited with {status}{}", quoted(.command), said(.stderr))]
    Failed {
        command: String,
        status: String,
        stderr: String,
    },
    #[error("the translator {} took over {} s and was stopped", quoted(.command), .seconds)]
    TimedOut { command: String, seconds: u64 },
    #[error("the translator {} printed nothing", quoted(.command))]
    Empty { command: String },
    #[error("the translator {} printed over {} bytes for one batch", quoted(.command), MAX_OUTPUT)]
    TooMuch { command: String },
    /// Asked to stop (the reader quit while it ran).
    #[error("the translator {} was stopped", quoted(.command))]
    Stopped { command: String },
}

fn quoted(command: &str) -> String {
    crate::quote::quoted(command).to_string()
}

/// The last line the command wrote on its standard error, if any.
fn said(stderr: &str) -> String {
    match stderr.lines().rev().find(|l| !l.trim().is_empty()) {
        Some(line) => format!(": {}", line.trim()),
        None => String::new(),
    }
}

impl Translator {
    /// The name `en_translator` records and the reader shows: the
    /// command's first word, without its folder.
    pub fn name(&self) -> &str {
        let program = self.command.split_whitespace().next().unwrap_or("");
        program
            .rsplit('/')
            .find(|part| !part.is_empty())
            .unwrap_or(program)
    }

    /// English for each of `sentences`, in order.
    pub fn translate(&self, sentences: &[String]) -> Result<Vec<String>, TranslatorError> {
        self.translate_until(sentences, &AtomicBool::new(false))
    }

    /// As [`Translator::translate`], but a command still running when
    /// `stop` is set is killed at once (with what it started) and the
    /// batch is [`TranslatorError::Stopped`].
    pub fn translate_until(
        &self,
        sentences: &[String],
        stop: &AtomicBool,
    ) -> Result<Vec<String>, TranslatorError> {
        self.translate_watched(sentences, stop, &mut |_| {})
    }

    /// As [`Translator::translate_until`], telling `progress` when the
    /// command is run once per sentence and how far that has got.
    pub fn translate_watched(
        &self,
        sentences: &[String],
        stop: &AtomicBool,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Vec<String>, TranslatorError> {
        if sentences.is_empty() {
            return Ok(Vec::new());
        }
        if self.mode == Mode::Lines {
            let input: Vec<String> = sentences.iter().map(|s| one_line(s)).collect();
            let output = self.run(&(input.join("\n") + "\n"), stop)?;
            let mut lines: Vec<String> = output.lines().map(clean).collect();
            // Blank lines before the first translation or after the last
            // are not lines of it (Argos Translate ends with one).
            while lines.last().is_some_and(String::is_empty) {
                lines.pop();
            }
            let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(0);
            let lines = &lines[first..];
            if lines.len() == sentences.len() && lines.iter().all(|l| !l.is_empty()) {
                return Ok(lines.to_vec());
            }
            progress(Progress::OneByOne {
                lines: lines.len(),
                sentences: sentences.len(),
            });
        }
        let mut english = Vec::with_capacity(sentences.len());
        for sentence in sentences {
            let output = self.run(&(one_line(sentence) + "\n"), stop)?;
            // One sentence's English on several lines is one line here;
            // `run` refuses output with nothing left once cleaned.
            english.push(clean(&output.lines().collect::<Vec<_>>().join(" ")));
            progress(Progress::Sentence {
                done: english.len(),
            });
        }
        Ok(english)
    }

    /// Runs the command on `input`; its standard output.
    fn run(&self, input: &str, stop: &AtomicBool) -> Result<String, TranslatorError> {
        let command = || self.command.clone();
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(&self.command)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // Its own process group, so a time-out stops what it started.
            .process_group(0)
            .spawn()
            .map_err(|e| TranslatorError::Start {
                command: command(),
                reason: e.to_string(),
            })?;
        let mut stdin = child.stdin.take();
        let input = input.to_owned();
        // Written on a thread: a command that prints before it has read
        // everything would otherwise block both sides.
        let writer = thread::spawn(move || {
            if let Some(stdin) = stdin.as_mut() {
                // A command that stops reading early is not an error here.
                let _ = stdin.write_all(input.as_bytes());
            }
        });
        let over = Arc::new(AtomicBool::new(false));
        let stdout = capture(child.stdout.take(), Arc::clone(&over));
        let stderr = capture(child.stderr.take(), Arc::new(AtomicBool::new(false)));
        let status = match wait(&mut child, self.timeout, &over, stop) {
            Waited::Exited(status) => status,
            ended => {
                kill_group(&child);
                let _ = child.wait();
                return Err(match ended {
                    Waited::TooMuch => TranslatorError::TooMuch { command: command() },
                    Waited::Stopped => TranslatorError::Stopped { command: command() },
                    _ => TranslatorError::TimedOut {
                        command: command(),
                        seconds: self.timeout.as_secs(),
                    },
                });
            }
        };
        let _ = writer.join();
        let stdout = stdout.join().unwrap_or_default();
        let stderr = stderr.join().unwrap_or_default();
        if over.load(Ordering::Relaxed) {
            return Err(TranslatorError::TooMuch { command: command() });
        }
        if !status.success() {
            let status = match status.code() {
                Some(code) => format!("status {code}"),
                None => "a signal".to_owned(),
            };
            return Err(TranslatorError::Failed {
                command: command(),
                status,
                stderr,
            });
        }
        // Nothing but spaces and control characters is nothing.
        if clean(&stdout).is_empty() {
            return Err(TranslatorError::Empty { command: command() });
        }
        Ok(stdout)
    }
}

/// Reads a pipe to its end on a thread, keeping at most [`MAX_OUTPUT`]
/// bytes; past them it sets `over` and stops reading (the command is then
/// stopped).
fn capture(
    pipe: Option<impl Read + Send + 'static>,
    over: Arc<AtomicBool>,
) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let Some(pipe) = pipe else {
            return String::new();
        };
        let mut bytes = Vec::new();
        let _ = pipe.take(MAX_OUTPUT + 1).read_to_end(&mut bytes);
        if bytes.len() as u64 > MAX_OUTPUT {
            over.store(true, Ordering::Relaxed);
            bytes.truncate(MAX_OUTPUT as usize);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// How waiting for the command ended.
enum Waited {
    Exited(ExitStatus),
    TimedOut,
    TooMuch,
    Stopped,
}

/// Waits for `child` up to `timeout`, or until it has printed too much,
/// or `stop` is set.
fn wait(child: &mut Child, timeout: Duration, over: &AtomicBool, stop: &AtomicBool) -> Waited {
    let deadline = Instant::now() + timeout;
    loop {
        if over.load(Ordering::Relaxed) {
            return Waited::TooMuch;
        }
        if stop.load(Ordering::Relaxed) {
            return Waited::Stopped;
        }
        match child.try_wait() {
            Ok(Some(status)) => return Waited::Exited(status),
            Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(5)),
            Ok(None) | Err(_) => return Waited::TimedOut,
        }
    }
}

/// Kills the child's process group (it leads its own).
fn kill_group(child: &Child) {
    if let Ok(pid) = i32::try_from(child.id()) {
        let group = nix::unistd::Pid::from_raw(pid);
        // Gone already is fine.
        let _ = nix::sys::signal::killpg(group, nix::sys::signal::Signal::SIGKILL);
    }
}

/// A sentence on one line (a line break inside it would count as two).
fn one_line(sentence: &str) -> String {
    sentence.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A line of output without control characters (a tab is a space), its
/// spaces collapsed.
fn clean(line: &str) -> String {
    let kept: String = line
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .filter(|c| !c.is_control())
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn translator(command: &str, mode: Mode) -> Translator {
        Translator {
            command: command.to_owned(),
            mode,
            timeout: Duration::from_secs(5),
        }
    }

    fn sentences(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|s| (*s).to_owned()).collect()
    }

    /// A stand-in that "translates" by upper-casing Latin letters and
    /// putting EN: in front, line by line.
    const GOOD: &str = "while IFS= read -r line; do printf 'EN: %s\\n' \"$line\"; done";

    #[test]
    fn a_good_translator_gives_a_line_per_sentence_in_either_mode() {
        let input = sentences(&["جملة أولى.", "جملة\nثانية."]);
        for mode in [Mode::Lines, Mode::Sentence] {
            let out = translator(GOOD, mode).translate(&input).unwrap();
            assert_eq!(out, ["EN: جملة أولى.", "EN: جملة ثانية."], "{mode:?}");
        }
        assert_eq!(translator(GOOD, Mode::Lines).name(), "while");
        let installed = translator("/opt/mt/bin/argos-translate --from ar", Mode::Lines);
        assert_eq!(installed.name(), "argos-translate");
    }

    #[test]
    fn the_wrong_number_of_lines_falls_back_to_one_run_per_sentence() {
        // One line for the whole batch, whatever it is given; per sentence
        // that is one line each.
        let joiner = "tr '\\n' ' '; echo";
        let mut seen = Vec::new();
        let out = translator(joiner, Mode::Lines)
            .translate_watched(
                &sentences(&["أ.", "ب."]),
                &AtomicBool::new(false),
                &mut |p| seen.push(p),
            )
            .unwrap();
        assert_eq!(out, ["أ.", "ب."]);
        assert_eq!(
            seen,
            [
                Progress::OneByOne {
                    lines: 1,
                    sentences: 2
                },
                Progress::Sentence { done: 1 },
                Progress::Sentence { done: 2 },
            ]
        );
    }

    #[test]
    fn blank_lines_after_the_last_translation_do_not_count_as_lines() {
        // As Argos Translate's command line does: it takes its standard
        // input as one text, ends it with a blank paragraph, and prints.
        let runs = std::env::temp_dir().join(format!("qari-runs-{}", std::process::id()));
        let _ = std::fs::remove_file(&runs);
        let command = format!("echo run >> {}; {GOOD}; echo; echo '  '", runs.display());
        let out = translator(&command, Mode::Lines)
            .translate(&sentences(&["أ.", "ب."]))
            .unwrap();
        assert_eq!(out, ["EN: أ.", "EN: ب."]);
        let counted = std::fs::read_to_string(&runs).unwrap();
        let _ = std::fs::remove_file(&runs);
        assert_eq!(counted.lines().count(), 1, "one run for the batch");
    }

    #[test]
    fn failures_time_outs_empty_output_and_control_characters() {
        let input = sentences(&["أ."]);
        let failing = translator("echo 'no model installed' >&2; exit 3", Mode::Lines);
        assert_eq!(
            failing.translate(&input).unwrap_err().to_string(),
            "the translator \"echo 'no model installed' >&2; exit 3\" exited with status 3: no model installed"
        );
        let mut hanging = translator("sleep 30", Mode::Lines);
        hanging.timeout = Duration::from_millis(300);
        let started = Instant::now();
        let error = hanging.translate(&input).unwrap_err();
        assert_eq!(
            error,
            TranslatorError::TimedOut {
                command: "sleep 30".into(),
                seconds: 0
            }
        );
        assert!(started.elapsed() < Duration::from_secs(5));
        let silent = translator("cat > /dev/null", Mode::Lines);
        assert_eq!(
            silent.translate(&input).unwrap_err().to_string(),
            "the translator \"cat > /dev/null\" printed nothing"
        );
        let escapes = translator("printf 'A\\033[2J\\tB\\a\\n'", Mode::Lines);
        assert_eq!(escapes.translate(&input).unwrap(), ["A[2J B"]);
        let missing = translator("no-such-translator-qari", Mode::Lines);
        let said = missing.translate(&input).unwrap_err().to_string();
        assert!(said.contains("exited with status 127"), "{said}");
        let flood = translator("yes English", Mode::Lines);
        assert_eq!(
            flood.translate(&input).unwrap_err(),
            TranslatorError::TooMuch {
                command: "yes English".into()
            }
        );
    }

    #[test]
    fn a_translator_asked_to_stop_is_killed_with_what_it_started() {
        let marker = std::env::temp_dir().join(format!("qari-stop-{}", std::process::id()));
        let _ = std::fs::remove_file(&marker);
        // The child it starts would leave the marker behind if it lived.
        let command = format!("sleep 2 && touch {}", marker.display());
        let mut slow = translator(&command, Mode::Lines);
        slow.timeout = Duration::from_secs(30);
        let stop = Arc::new(AtomicBool::new(false));
        let stopper = {
            let stop = Arc::clone(&stop);
            thread::spawn(move || {
                thread::sleep(Duration::from_millis(200));
                stop.store(true, Ordering::Relaxed);
            })
        };
        let started = Instant::now();
        let error = slow
            .translate_until(&sentences(&["أ."]), &stop)
            .unwrap_err();
        assert_eq!(error, TranslatorError::Stopped { command });
        assert!(started.elapsed() < Duration::from_secs(2));
        let _ = stopper.join();
        thread::sleep(Duration::from_millis(2500));
        assert!(!marker.exists(), "the translator's child outlived the stop");
    }
}
