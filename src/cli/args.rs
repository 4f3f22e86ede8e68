//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::Paper;

/// Turns handout definitions written in TOML into branded, print-ready PDF handouts.
#[derive(Debug, Parser)]
#[command(name = "handout", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build PDFs from handout and packet definitions.
    Build {
        /// .toml files or folders of them.
        #[arg(default_value = "templates")]
        paths: Vec<PathBuf>,
        /// The folder the PDFs are written to; with a single input, FILE.pdf names the
        /// PDF itself, and `-` writes it to standard output.
        #[arg(short, long, default_value = "out", value_name = "DIR|FILE.pdf|-")]
        out: PathBuf,
        #[command(flatten)]
        common: CommonOptions,
    },
    /// Check definitions for everything a build would find, writing nothing.
    Check {
        /// .toml files or folders of them.
        #[arg(default_value = "templates")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        common: CommonOptions,
    },
    /// Build, then rebuild what each saved change affects, until Ctrl-C.
    Watch {
        /// .toml files or folders of them.
        #[arg(default_value = "templates")]
        paths: Vec<PathBuf>,
        /// The folder the PDFs are written to.
        #[arg(short, long, default_value = "out")]
        out: PathBuf,
        #[command(flatten)]
        common: CommonOptions,
    },
    /// Print the JSON Schema of the format (committed as docs/handout.schema.json).
    #[command(hide = true)]
    Schema,
    /// Write a starter definition that builds as it is.
    New {
        /// What kind of starter.
        kind: StarterKind,
        /// The file to write.
        file: PathBuf,
    },
    /// Print a shell completion script on standard output.
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print a manual page (roff) on standard output: handout(1), or handout-COMMAND(1).
    Man {
        /// The command whose page to print (build, check, new or completions).
        command: Option<String>,
    },
}

/// Options shared by `build` and `check`.
#[derive(Debug, Clone, Args)]
pub struct CommonOptions {
    /// Use this brand file for every handout and packet.
    #[arg(long, value_name = "FILE")]
    pub brand: Option<PathBuf>,
    /// Print on this paper instead of the one each handout names.
    #[arg(long, value_enum)]
    pub paper: Option<PaperArg>,
    /// Body text at 18 pt, everything else scaled with it.
    #[arg(long)]
    pub large_print: bool,
    /// Print a JSON manifest on stdout.
    #[arg(long)]
    pub json: bool,
    /// With `check`: print each handout's reading grade, longest sentence, lowest contrast and review status.
    #[arg(long)]
    pub report: bool,
    /// Colour errors and warnings: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, value_name = "WHEN", default_value = "auto")]
    pub color: ColorArg,
    /// Print only errors: no warnings and no closing count.
    #[arg(short, long)]
    pub quiet: bool,
    /// Warnings fail the input too: no PDF is written for it and the exit status is 1.
    #[arg(long)]
    pub strict: bool,
    /// Work on part K of N only (1 <= K <= N); each input belongs to one part, by a hash of its path.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<Shard>,
    /// How errors and warnings are printed: in full, one line each, or as GitHub Actions annotations.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = DiagnosticFormat::Human)]
    pub diagnostic_format: DiagnosticFormat,
}

/// `--shard K/N`: part K (counted from 1) of N.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which part, 1 to `count`.
    pub index: u64,
    /// How many parts.
    pub count: u64,
}

fn parse_shard(text: &str) -> Result<Shard, String> {
    let wrong = || format!("\"{text}\" is not K/N; write it as 1/4 for the first of four parts");
    let (k, n) = text.split_once('/').ok_or_else(wrong)?;
    let index: u64 = k.trim().parse().map_err(|_| wrong())?;
    let count: u64 = n.trim().parse().map_err(|_| wrong())?;
    if count == 0 || index == 0 || index > count {
        return Err(format!(
            "\"{text}\" has no such part; K counts from 1 to N, as in 1/{}",
            count.max(1)
        ));
    }
    Ok(Shard { index, count })
}

/// `--diagnostic-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum DiagnosticFormat {
    /// The file, line and column, the quoted line and a hint.
    #[default]
    Human,
    /// One line each: `file:line:col: error: message`.
    Short,
    /// GitHub Actions workflow commands: `::error file=…,line=…,col=…::message`.
    Github,
}

/// When diagnostics are coloured.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorArg {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always, even into a file or a pipe.
    Always,
    /// Never.
    Never,
}

/// Paper sizes on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PaperArg {
    /// US Letter.
    Letter,
    /// ISO A4.
    A4,
    /// US Legal.
    Legal,
}

impl From<PaperArg> for Paper {
    fn from(arg: PaperArg) -> Paper {
        match arg {
            PaperArg::Letter => Paper::Letter,
            PaperArg::A4 => Paper::A4,
            PaperArg::Legal => Paper::Legal,
        }
    }
}

/// The starters `handout new` can write.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StarterKind {
    /// A several-page guide with headings, text, lists and callouts.
    Guide,
    /// A one-page timeline sheet.
    Timeline,
    /// A one-page checklist with contacts.
    Checklist,
    /// A packet of handouts.
    Packet,
}
