//! The command line: one file per subcommand, and what they share.

mod args;
mod build;
mod check;
mod inputs;
mod new;
mod output;
mod packet;
mod pipeline;
mod watch;

pub use args::{Cli, Command, CommonOptions};
pub use pipeline::{build_one, BuildResult, Outcome};

/// Runs a parsed command line and returns the exit status: 0, 1 or 2.
pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Build { paths, out, common } => {
            output::set_style(common.color, common.quiet);
            build::run_build(&paths, &out, &common)
        }
        Command::Check { paths, common } => {
            output::set_style(common.color, common.quiet);
            check::run_check(&paths, &common)
        }
        Command::Watch { paths, out, common } => {
            output::set_style(common.color, common.quiet);
            watch::run_watch(&paths, &out, &common)
        }
        Command::Schema => match crate::load::format::json_schema() {
            Ok(schema) => {
                print!("{schema}");
                0
            }
            Err(message) => {
                eprintln!("error: {message}");
                1
            }
        },
        Command::New { kind, file } => new::run_new(kind, &file),
    }
}
