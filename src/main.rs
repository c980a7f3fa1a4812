//! Entry point: parse, run, print the error once, pick the exit code.
//! 0 success (and a closed stdout pipe), 1 runtime failure, 2 usage error or bad value.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;
use owo_colors::OwoColorize;

use ciliumrs::cli::Cli;
use ciliumrs::error::{Error, Kind};
use ciliumrs::output::{self, ColorChoice, Format, Output};

/// `-o json` decides the error format even when parsing fails.
fn wants_json(args: &[String]) -> bool {
    args.windows(2).any(|w| (w[0] == "-o" || w[0] == "--output") && w[1] == "json")
        || args.iter().any(|a| a == "-ojson" || a == "--output=json")
}

/// `--color` decides error colors even when parsing fails (the last one given wins).
fn color_choice(args: &[String]) -> ColorChoice {
    let mut choice = ColorChoice::Auto;
    for (i, a) in args.iter().enumerate() {
        let v = match a.strip_prefix("--color=") {
            Some(v) => v,
            None if a == "--color" => args.get(i + 1).map_or("", String::as_str),
            None => continue,
        };
        choice = match v {
            "always" => ColorChoice::Always,
            "never" => ColorChoice::Never,
            _ => ColorChoice::Auto,
        };
    }
    choice
}

fn print_error(err: &Error, json: bool, color: ColorChoice) {
    let mut e = std::io::stderr().lock();
    if json {
        let kind = if err.kind() == Kind::Usage { "usage" } else { "runtime" };
        let _ = e.write_all(b"{\"error\":");
        let _ = output::write_json_str(&mut e, err.message());
        let _ = writeln!(e, ",\"kind\":\"{kind}\"}}");
    } else if output::use_color(color, std::io::stderr().is_terminal()) {
        let _ = writeln!(e, "{} {}", "ciliumrs:".red().bold(), err.message());
    } else {
        let _ = writeln!(e, "ciliumrs: {}", err.message());
    }
}

/// clap's error as one line: everything before its usage section, without `error: `.
fn clap_one_line(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let parts: Vec<&str> = text
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty())
        .collect();
    let line = parts.join(" ");
    let line = line.trim_start_matches("error: ").trim();
    if line.is_empty() { "invalid arguments".to_string() } else { line.to_string() }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
    let json = wants_json(&args);
    let color = color_choice(&args);
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint!("{}", e.render());
            return ExitCode::from(2);
        }
        Err(e) => {
            print_error(&Error::usage(clap_one_line(&e)), json, color);
            return ExitCode::from(2);
        }
    };
    output::widen_stdout_pipe();
    let stdout_color = output::use_color(cli.color.into(), std::io::stdout().is_terminal());
    let mut out = Output::new(Box::new(std::io::stdout()), cli.output.into(), stdout_color);
    let result = ciliumrs::cmd::run(&cli, &mut out).and_then(|()| out.flush().map_err(Error::from));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if err.kind() != Kind::BrokenPipe {
                print_error(&err, Format::from(cli.output) == Format::Json, cli.color.into());
            }
            ExitCode::from(err.exit_code() as u8)
        }
    }
}
