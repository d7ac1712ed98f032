//! `qari render FILE`: a text file laid out for a terminal that neither
//! reorders nor shapes Arabic (the streaming itself is
//! [`crate::render`]).

use std::fs::File;
use std::io::{BufRead, BufReader, Write};

use crate::render::{Align, RenderError, RenderOptions, render as render_text};
use crate::text::LayoutOptions;

use super::Error;
use super::args::{AlignArg, RenderArgs};

/// How `args` lay out: `terminal` is standard output's width in columns
/// when it is a terminal (an Arabic paragraph then starts at the right
/// edge), `None` for a pipe (unpadded, 80 columns, for scripts).
pub fn options(args: &RenderArgs, terminal: Option<usize>) -> RenderOptions {
    let layout = LayoutOptions {
        width: args
            .width
            .map_or_else(|| terminal.unwrap_or(80), |w| w as usize),
        direction: args.dir.into(),
        shape: !args.no_shape,
    };
    let align = match args.align {
        AlignArg::Left => Align::Left,
        AlignArg::Right => Align::Right,
        AlignArg::Auto if terminal.is_some() => Align::Right,
        AlignArg::Auto => Align::Left,
    };
    RenderOptions { layout, align }
}

/// Lays out `args.file` (`-`: `stdin`) with `options` onto `out`.
pub fn render(
    args: &RenderArgs,
    options: &RenderOptions,
    stdin: impl BufRead + Send,
    out: impl Write,
) -> Result<(), Error> {
    let name = args.file.display().to_string();
    let result = if name == "-" {
        render_text(stdin, out, options)
    } else {
        if args.file.is_dir() {
            return Err(Error::IsADirectory(name));
        }
        let file =
            File::open(&args.file).map_err(|e| Error::while_(format!("{name}: cannot open"), e))?;
        render_text(BufReader::with_capacity(1 << 16, file), out, options)
    };
    result.map_err(|error| match error {
        RenderError::Io(io) => Error::while_(name, io),
        error => Error::Render { name, error },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::args::{Cli, Command};
    use clap::Parser;

    fn args(line: &[&str]) -> RenderArgs {
        let cli = Cli::try_parse_from([&["qari", "render"], line].concat()).unwrap();
        match cli.command {
            Some(Command::Render(args)) => args,
            other => panic!("not render: {other:?}"),
        }
    }

    #[test]
    fn a_terminal_gives_its_width_and_right_alignment_a_pipe_80_and_left() {
        let piped = options(&args(&["-"]), None);
        assert_eq!((piped.layout.width, piped.align), (80, Align::Left));
        let terminal = options(&args(&["-"]), Some(120));
        assert_eq!((terminal.layout.width, terminal.align), (120, Align::Right));
        let given = options(&args(&["--width", "30", "--align", "left", "-"]), Some(120));
        assert_eq!((given.layout.width, given.align), (30, Align::Left));
    }

    #[test]
    fn renders_stdin_and_names_the_file_in_errors() {
        let args_ = args(&["--width", "20", "-"]);
        let mut out = Vec::new();
        render(
            &args_,
            &options(&args_, None),
            "abc def\n\nghi\n".as_bytes(),
            &mut out,
        )
        .unwrap();
        assert_eq!(out, b"abc def\n\nghi\n");

        let invalid = render(&args_, &options(&args_, None), &b"\xff"[..], Vec::new());
        assert_eq!(
            invalid.unwrap_err().to_string(),
            "-: invalid UTF-8 at byte 0"
        );
        let dir = tempfile::tempdir().unwrap();
        let folder = args(&[dir.path().to_str().unwrap()]);
        let refused = render(&folder, &options(&folder, None), &b""[..], Vec::new());
        assert!(
            matches!(refused, Err(Error::IsADirectory(_))),
            "{refused:?}"
        );
    }
}
