//! Hostile inputs in the library (articles, overlays, glossary, state) and
//! in dictionary folders: huge files, a
//! gzip bomb, shared dictionary bodies, FIFOs and links to `/dev/zero`. Each
//! case builds its input in a fresh temporary library, runs the real binary
//! with a time limit, and checks from outside the process that it finished
//! in time, under a peak RSS of 200 MB, and said in one line what it refused
//! and in which file.
//!
//! How the peak RSS is measured: `getrusage(RUSAGE_CHILDREN)` gives the
//! largest peak among the children a process has waited for, so each case
//! runs qari under a probe process of its own: this test binary again, with
//! only the `probe` test selected, which spawns qari, waits for it (killing
//! it after the time limit) and writes its own `RUSAGE_CHILDREN` peak, which
//! is then qari's alone. The probe also limits the address space to 4 GiB,
//! so that a regression fails the case instead of taking the machine's
//! memory.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a broken fixture should panic

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TIME_LIMIT: Duration = Duration::from_secs(20);
const RSS_LIMIT_KIB: i64 = 200 * 1024;
const HUNDRED_MB: usize = 100 * 1000 * 1000;

/// What the probe reports.
struct Outcome {
    code: Option<i32>,
    timed_out: bool,
    peak_kib: i64,
    stdout: String,
    stderr: String,
    seconds: f64,
}

/// Runs only as a probe (`QARI_PROBE_ARGS` set by [`run_probed`]): spawns
/// qari, waits at most [`TIME_LIMIT`], writes what happened.
#[test]
fn probe() {
    let Ok(args) = std::env::var("QARI_PROBE_ARGS") else {
        return; // the ordinary test run: nothing to do
    };
    let out = PathBuf::from(std::env::var("QARI_PROBE_OUT").unwrap());
    let four_gib = 4 << 30;
    nix::sys::resource::setrlimit(nix::sys::resource::Resource::RLIMIT_AS, four_gib, four_gib)
        .unwrap();
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_qari"))
        .args(args.split('\u{1f}'))
        .stdin(Stdio::null())
        .stdout(fs::File::create(out.join("stdout")).unwrap())
        .stderr(fs::File::create(out.join("stderr")).unwrap())
        .spawn()
        .unwrap();
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > TIME_LIMIT {
            timed_out = true;
            child.kill().unwrap();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let usage =
        nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN).unwrap();
    let code = status.code().map_or("none".to_owned(), |c| c.to_string());
    fs::write(
        out.join("result"),
        format!(
            "{code} {timed_out} {} {}",
            usage.max_rss(),
            start.elapsed().as_secs_f64()
        ),
    )
    .unwrap();
}

/// Runs `qari ARGS` under a probe of its own (see the header).
fn run_probed(args: &[&str], out: &Path) -> Outcome {
    fs::create_dir_all(out).unwrap();
    let status = Command::new(std::env::current_exe().unwrap())
        .args([
            "hostile_inputs::probe",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("QARI_PROBE_ARGS", args.join("\u{1f}"))
        .env("QARI_PROBE_OUT", out)
        .env_remove("QARI_LIBRARY")
        .env_remove("QARI_DICTIONARIES")
        .env_remove("XDG_CACHE_HOME")
        .env("HOME", out)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "the probe failed: {status}");
    let result = fs::read_to_string(out.join("result")).unwrap();
    let fields: Vec<&str> = result.split(' ').collect();
    Outcome {
        code: fields[0].parse().ok(),
        timed_out: fields[1] == "true",
        peak_kib: fields[2].parse().unwrap(),
        seconds: fields[3].parse().unwrap(),
        stdout: fs::read_to_string(out.join("stdout")).unwrap_or_default(),
        stderr: String::from_utf8_lossy(&fs::read(out.join("stderr")).unwrap()).into_owned(),
    }
}

/// The paths a case builds in.
struct Place {
    library: PathBuf,
    dictionaries: PathBuf,
    elsewhere: PathBuf,
}

impl Place {
    fn articles(&self) -> PathBuf {
        self.library.join("articles")
    }
    fn glossary(&self) -> PathBuf {
        self.library.join("glossary")
    }
    /// The overlay of the bundled article.
    fn overlay(&self) -> PathBuf {
        self.library.join("overlays/deir-ez-zor-2017.toml")
    }
}

fn mkfifo(path: &Path) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

fn link_to_dev_zero(path: &Path) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink("/dev/zero", path).unwrap();
}

/// Writes `head`, then `unit` repeated to about `size` bytes, then `tail`.
fn write_repeated(path: &Path, head: &str, unit: &str, size: usize, tail: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut file = std::io::BufWriter::new(fs::File::create(path).unwrap());
    file.write_all(head.as_bytes()).unwrap();
    let block = unit.repeat((1 << 20) / unit.len());
    let mut written = 0;
    while written < size {
        file.write_all(block.as_bytes()).unwrap();
        written += block.len();
    }
    file.write_all(tail.as_bytes()).unwrap();
}

/// A one-sentence article of about `size` bytes.
fn one_sentence_article(path: &Path, size: usize) {
    write_repeated(path, "[[sentence]]\nar = \"", "كلمة ", size, "\"\n");
}

/// A dictd dictionary `name` in `dir` with one entry over `data`.
fn dictd_index(dir: &Path, name: &str, length: usize) {
    fs::create_dir_all(dir).unwrap();
    fs::write(
        dir.join(format!("{name}.index")),
        format!("كتاب\tA\t{}\n", dictd_base64(length)),
    )
    .unwrap();
}

fn dictd_base64(mut value: usize) -> String {
    const DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[value % 64]);
        value /= 64;
        if value == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap()
}

/// A gzip file of 2 MB that inflates to 2.2 GB of zeros: one member of
/// 16 MiB of zeros, repeated (dictzip readers read every member).
fn gzip_bomb(path: &Path) {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(&vec![0; 16 << 20]).unwrap();
    let member = encoder.finish().unwrap();
    let mut file = fs::File::create(path).unwrap();
    for _ in 0..(2200_usize << 20) / (16 << 20) {
        file.write_all(&member).unwrap();
    }
}

/// A StarDict dictionary whose 2,000 entries all point at one 1 MB body.
fn stardict_shared_body(dir: &Path, arabic_headwords: bool) {
    fs::create_dir_all(dir).unwrap();
    let mut body = String::from("m");
    let mut n = 0;
    while body.len() < 1 << 20 {
        // Arabic words, different ones, for a reverse index.
        body.push_str(&format!("كتاب{}، ", arabic_number(n)));
        n += 1;
    }
    body.push('\0');
    let mut idx = Vec::new();
    for i in 0..2000 {
        let headword = if arabic_headwords {
            format!("كلمة{}", arabic_number(i))
        } else {
            format!("word{i}")
        };
        idx.extend_from_slice(headword.as_bytes());
        idx.push(0);
        idx.extend_from_slice(&0u32.to_be_bytes());
        idx.extend_from_slice(&(body.len() as u32).to_be_bytes());
    }
    fs::write(dir.join("shared.dict"), &body).unwrap();
    fs::write(dir.join("shared.idx"), &idx).unwrap();
    fs::write(
        dir.join("shared.ifo"),
        format!(
            "StarDict's dict ifo file\nversion=2.4.2\nbookname=shared\nwordcount=2000\nidxfilesize={}\n",
            idx.len()
        ),
    )
    .unwrap();
}

/// `n` spelt with Arabic letters (digits would be taken for numerals).
fn arabic_number(mut n: usize) -> String {
    const LETTERS: [char; 10] = ['ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز'];
    let mut out = Vec::new();
    loop {
        out.push(LETTERS[n % 10]);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.into_iter().rev().collect()
}

/// What a case expects.
struct Case {
    name: &'static str,
    setup: fn(&Place),
    /// The subcommand and its arguments (`--library` and `--dictionaries`
    /// are added); `{elsewhere}` is replaced by a folder outside the library.
    args: &'static [&'static str],
    /// The exit status expected.
    success: bool,
    /// The file the one-line message names (end of its path).
    names: &'static str,
    /// What that line must also say.
    says: &'static [&'static str],
    /// Something else to check afterwards.
    then: fn(&Place, &Outcome),
}

fn nothing(_: &Place, _: &Outcome) {}

fn bundled_article_listed(_: &Place, outcome: &Outcome) {
    assert!(
        outcome.stdout.contains("deir-ez-zor-2017"),
        "{}",
        outcome.stdout
    );
}

fn glossary_listed(_: &Place, outcome: &Outcome) {
    // The bundled glossary is still there.
    assert!(outcome.stdout.lines().count() > 100, "{}", outcome.stdout);
}

fn still_a_fifo(place: &Place, _: &Outcome) {
    let kind = fs::symlink_metadata(place.glossary().join("user.toml"))
        .unwrap()
        .file_type();
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&kind));
}

fn user_toml_untouched(place: &Place, _: &Outcome) {
    let size = fs::metadata(place.glossary().join("user.toml"))
        .unwrap()
        .len();
    assert!(size >= HUNDRED_MB as u64, "{size}");
}

fn lookup_found_bundled(_: &Place, outcome: &Outcome) {
    assert!(outcome.stdout.contains("ally"), "{}", outcome.stdout);
}

fn shared_body_found(_: &Place, outcome: &Outcome) {
    assert!(outcome.stdout.contains("[shared"), "{}", outcome.stdout);
    assert!(!outcome.stderr.contains("shared"), "{}", outcome.stderr);
}

const NOT_REGULAR: &[&str] = &["not a regular file"];

const CASES: &[Case] = &[
    Case {
        name: "article: 100 MB, one sentence",
        setup: |p| one_sentence_article(&p.articles().join("big.toml"), HUNDRED_MB),
        args: &["list"],
        success: true,
        names: "articles/big.toml",
        says: &["8 MiB cap"],
        then: bundled_article_listed,
    },
    Case {
        name: "article: 6 MB, one sentence (under the file cap)",
        setup: |p| one_sentence_article(&p.articles().join("long.toml"), 6_000_000),
        args: &["list"],
        success: true,
        names: "articles/long.toml",
        says: &["10,000-character cap"],
        then: bundled_article_listed,
    },
    Case {
        name: "article: a FIFO",
        setup: |p| mkfifo(&p.articles().join("fifo.toml")),
        args: &["list"],
        success: true,
        names: "articles/fifo.toml",
        says: NOT_REGULAR,
        then: bundled_article_listed,
    },
    Case {
        name: "article: a link to /dev/zero",
        setup: |p| link_to_dev_zero(&p.articles().join("zero.toml")),
        args: &["list"],
        success: true,
        names: "articles/zero.toml",
        says: NOT_REGULAR,
        then: bundled_article_listed,
    },
    Case {
        name: "article: a 100 MB copy of the bundled article, as qari writes them",
        setup: |p| {
            let path = p.articles().join("deir-ez-zor-2017.toml");
            let head =
                "# A qari article (format: README.md, \"Article files\").\n\n[[sentence]]\nar = \"";
            write_repeated(&path, head, "كلمة ", HUNDRED_MB, "\"\n");
        },
        args: &["list"],
        success: true,
        names: "articles/deir-ez-zor-2017.toml",
        says: &["8 MiB cap"],
        then: bundled_article_listed,
    },
    Case {
        name: "overlay: 100 MB",
        setup: |p| {
            let entry = "[[sentence]]\nnumber = 1\nar = \"كلمة\"\nen = \"word\"\n\n";
            write_repeated(&p.overlay(), "", entry, HUNDRED_MB, "");
        },
        args: &["list"],
        success: true,
        names: "overlays/deir-ez-zor-2017.toml",
        says: &["16 MiB cap", "shown without your changes"],
        then: bundled_article_listed,
    },
    Case {
        name: "overlay: a FIFO",
        setup: |p| mkfifo(&p.overlay()),
        args: &["list"],
        success: true,
        names: "overlays/deir-ez-zor-2017.toml",
        says: NOT_REGULAR,
        then: bundled_article_listed,
    },
    Case {
        name: "overlay: a link to /dev/zero",
        setup: |p| link_to_dev_zero(&p.overlay()),
        args: &["list"],
        success: true,
        names: "overlays/deir-ez-zor-2017.toml",
        says: NOT_REGULAR,
        then: bundled_article_listed,
    },
    Case {
        name: "state.toml: a FIFO",
        setup: |p| mkfifo(&p.library.join("state.toml")),
        args: &["list"],
        success: true,
        names: "state.toml",
        says: NOT_REGULAR,
        then: bundled_article_listed,
    },
    Case {
        name: "state.toml: a link to /dev/zero",
        setup: |p| link_to_dev_zero(&p.library.join("state.toml")),
        args: &["list"],
        success: true,
        names: "state.toml",
        says: NOT_REGULAR,
        then: bundled_article_listed,
    },
    Case {
        name: "glossary: 100 MB file",
        setup: |p| {
            let entry = "[[entry]]\nheadword = \"كلمة\"\nsenses = [\"word\"]\n\n";
            write_repeated(&p.glossary().join("big.toml"), "", entry, HUNDRED_MB, "");
        },
        args: &["glossary", "list"],
        success: true,
        names: "glossary/big.toml",
        says: &["8 MiB cap"],
        then: glossary_listed,
    },
    Case {
        name: "glossary: a FIFO",
        setup: |p| mkfifo(&p.glossary().join("fifo.toml")),
        args: &["glossary", "list"],
        success: true,
        names: "glossary/fifo.toml",
        says: NOT_REGULAR,
        then: glossary_listed,
    },
    Case {
        name: "glossary: a link to /dev/zero",
        setup: |p| link_to_dev_zero(&p.glossary().join("zero.toml")),
        args: &["glossary", "list"],
        success: true,
        names: "glossary/zero.toml",
        says: NOT_REGULAR,
        then: glossary_listed,
    },
    Case {
        name: "glossary: user.toml a FIFO, then an add",
        setup: |p| mkfifo(&p.glossary().join("user.toml")),
        args: &["glossary", "add", "كتاب", "--gloss", "book"],
        success: false,
        names: "glossary/user.toml",
        says: NOT_REGULAR,
        then: still_a_fifo,
    },
    Case {
        name: "glossary: user.toml of 100 MB, then an add",
        setup: |p| {
            let entry = "[[entry]]\nheadword = \"كلمة\"\nsenses = [\"word\"]\n\n";
            write_repeated(&p.glossary().join("user.toml"), "", entry, HUNDRED_MB, "");
        },
        args: &["glossary", "add", "كتاب", "--gloss", "book"],
        success: false,
        names: "glossary/user.toml",
        says: &["8 MiB cap"],
        then: user_toml_untouched,
    },
    Case {
        name: "glossary import: 100 MB CSV",
        setup: |p| {
            let row = "headword,senses\n";
            write_repeated(
                &p.elsewhere.join("big.csv"),
                row,
                "كلمة,word\n",
                HUNDRED_MB,
                "",
            );
        },
        args: &["glossary", "import", "{elsewhere}/big.csv"],
        success: false,
        names: "big.csv",
        says: &["8 MiB cap"],
        then: nothing,
    },
    Case {
        name: "glossary import: a FIFO",
        setup: |p| mkfifo(&p.elsewhere.join("fifo.csv")),
        args: &["glossary", "import", "{elsewhere}/fifo.csv"],
        success: false,
        names: "fifo.csv",
        says: NOT_REGULAR,
        then: nothing,
    },
    Case {
        name: "import: 100 MB of text",
        setup: |p| write_repeated(&p.elsewhere.join("big.txt"), "", "كلمة. ", HUNDRED_MB, ""),
        args: &["import", "{elsewhere}/big.txt"],
        success: false,
        names: "big.txt",
        says: &["2 MiB cap"],
        then: nothing,
    },
    Case {
        name: "import: a link to /dev/zero",
        setup: |p| link_to_dev_zero(&p.elsewhere.join("zero.txt")),
        args: &["import", "{elsewhere}/zero.txt"],
        success: false,
        names: "zero.txt",
        says: NOT_REGULAR,
        then: nothing,
    },
    Case {
        name: "dictd: a 2 MB gzip bomb as .dict.dz",
        setup: |p| {
            dictd_index(&p.dictionaries, "bomb", 10);
            gzip_bomb(&p.dictionaries.join("bomb.dict.dz"));
        },
        args: &["lookup", "حليف"],
        success: true,
        names: "bomb.dict.dz",
        says: &["256 MiB cap"],
        then: lookup_found_bundled,
    },
    Case {
        name: "dictd: .index a FIFO",
        setup: |p| mkfifo(&p.dictionaries.join("fifo.index")),
        args: &["lookup", "حليف"],
        success: true,
        names: "fifo.index",
        says: NOT_REGULAR,
        then: lookup_found_bundled,
    },
    Case {
        name: "dictd: .index a link to /dev/zero",
        setup: |p| link_to_dev_zero(&p.dictionaries.join("zero.index")),
        args: &["lookup", "حليف"],
        success: true,
        names: "zero.index",
        says: NOT_REGULAR,
        then: lookup_found_bundled,
    },
    Case {
        name: "dictd: .dict a FIFO",
        setup: |p| {
            dictd_index(&p.dictionaries, "d", 10);
            mkfifo(&p.dictionaries.join("d.dict"));
        },
        args: &["lookup", "حليف"],
        success: true,
        names: "d.dict",
        says: NOT_REGULAR,
        then: lookup_found_bundled,
    },
    Case {
        name: "dictd: .dict missing",
        setup: |p| dictd_index(&p.dictionaries, "lonely", 10),
        args: &["lookup", "حليف"],
        success: true,
        names: "lonely.dict",
        says: &["missing"],
        then: lookup_found_bundled,
    },
    Case {
        name: "stardict: .ifo a link to /dev/zero",
        setup: |p| link_to_dev_zero(&p.dictionaries.join("zero.ifo")),
        args: &["lookup", "حليف"],
        success: true,
        names: "zero.ifo",
        says: NOT_REGULAR,
        then: lookup_found_bundled,
    },
    Case {
        name: "stardict: 2,000 Arabic headwords sharing one 1 MB body",
        setup: |p| stardict_shared_body(&p.dictionaries, true),
        args: &["lookup", "كلمةتثج"],
        success: true,
        names: "",
        says: &[],
        then: shared_body_found,
    },
    Case {
        name: "stardict: 2,000 English headwords sharing one 1 MB Arabic body",
        setup: |p| stardict_shared_body(&p.dictionaries, false),
        args: &["lookup", "كتابثث"],
        success: true,
        names: "",
        says: &[],
        then: shared_body_found,
    },
];

#[test]
fn hostile_inputs_are_refused_in_one_line_in_bounded_time_and_memory() {
    let only = std::env::var("QARI_HOSTILE_ONLY").ok();
    let mut failures = Vec::new();
    for (number, case) in CASES.iter().enumerate() {
        if only
            .as_deref()
            .is_some_and(|only| !case.name.contains(only))
        {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let place = Place {
            library: dir.path().join("library"),
            dictionaries: dir.path().join("dictionaries"),
            elsewhere: dir.path().join("elsewhere"),
        };
        for folder in [&place.library, &place.dictionaries, &place.elsewhere] {
            fs::create_dir_all(folder).unwrap();
        }
        (case.setup)(&place);
        let elsewhere = place.elsewhere.display().to_string();
        let mut args: Vec<String> = case
            .args
            .iter()
            .map(|a| a.replace("{elsewhere}", &elsewhere))
            .collect();
        args.extend([
            "--library".to_owned(),
            place.library.display().to_string(),
            "--dictionaries".to_owned(),
            place.dictionaries.display().to_string(),
        ]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let outcome = run_probed(&args, &dir.path().join(format!("probe{number}")));
        println!(
            "{:<64} peak RSS {:>7} KiB, {:.2} s, exit {:?}{}",
            case.name,
            outcome.peak_kib,
            outcome.seconds,
            outcome.code,
            if outcome.timed_out { ", TIMED OUT" } else { "" }
        );
        let checked = std::panic::catch_unwind(|| {
            assert!(!outcome.timed_out, "killed after {TIME_LIMIT:?}");
            assert!(
                outcome.peak_kib < RSS_LIMIT_KIB,
                "peak RSS {} KiB",
                outcome.peak_kib
            );
            assert_eq!(
                outcome.code == Some(0),
                case.success,
                "exit {:?}; stderr: {}",
                outcome.code,
                outcome.stderr
            );
            if !case.names.is_empty() {
                let lines: Vec<&str> = outcome
                    .stderr
                    .lines()
                    .filter(|l| l.contains(case.names))
                    .collect();
                assert_eq!(lines.len(), 1, "stderr: {}", outcome.stderr);
                for says in case.says {
                    assert!(lines[0].contains(says), "{:?} lacks {says:?}", lines[0]);
                }
            }
            (case.then)(&place, &outcome);
        });
        if let Err(panic) = checked {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            failures.push(format!("{}: {}", case.name, message));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Issue 13's budget for a cold `qari lookup`: with the analyser and both
/// FreeDict dictionaries cached (in `~/.cache/qari`, made by a first
/// lookup), a new process looking one word up peaks under 40 MB resident,
/// and the dictionaries add at most 10 MiB to one without them. (Loading
/// them whole cost about 34 MB, the lexicon parsed from text 31 MB.)
#[test]
#[cfg_attr(
    not(feature = "system-tests"),
    ignore = "needs FreeDict in /usr/share/dictd (--features system-tests)"
)]
fn a_cold_lookup_through_the_dictionary_cache_is_light() {
    let dir = tempfile::tempdir().unwrap();
    let (library, none) = (dir.path().join("library"), dir.path().join("none"));
    fs::create_dir_all(&none).unwrap();
    let lookup = |dictionaries: &Path, out: &str| {
        let args = [
            "lookup",
            "كتاب",
            "--library",
            library.to_str().unwrap(),
            "--dictionaries",
            dictionaries.to_str().unwrap(),
        ];
        run_probed(&args, &dir.path().join(out))
    };
    let freedict = Path::new("/usr/share/dictd");
    let building = lookup(freedict, "home");
    assert_eq!(building.code, Some(0), "{}", building.stderr);
    let cached = lookup(freedict, "home");
    assert_eq!(cached.stdout, building.stdout);
    let caches = fs::read_dir(dir.path().join("home/.cache/qari"))
        .unwrap()
        .count();
    assert_eq!(caches, 3, "the analyser's and the two dictionaries'");
    // Twice: the first makes the analyser's cache in that home.
    lookup(&none, "other-home");
    let without = lookup(&none, "other-home");
    println!(
        "qari lookup كتاب: building the caches {} KiB, {:.3} s; cached {} KiB, {:.3} s; \
         no dictionaries {} KiB, {:.3} s",
        building.peak_kib,
        building.seconds,
        cached.peak_kib,
        cached.seconds,
        without.peak_kib,
        without.seconds
    );
    assert!(
        cached.peak_kib - without.peak_kib < 10 * 1024,
        "{} KiB with the dictionaries cached, {} KiB without dictionaries",
        cached.peak_kib,
        without.peak_kib
    );
    assert!(
        cached.peak_kib < 40 * 1024,
        "{} KiB with the caches made, over 40 MB",
        cached.peak_kib
    );
}
