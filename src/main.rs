//! The `handout` command: parse arguments, dispatch, print diagnostics, exit.

use std::process::ExitCode;

use clap::Parser;

use handout::cli::{run, Cli};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // Help and version go to stdout with success; mistakes are usage errors (2).
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    ExitCode::from(run(cli))
}
