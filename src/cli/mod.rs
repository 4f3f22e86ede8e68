//! The command line: one file per subcommand, and what they share.

mod args;
mod build;
mod check;
mod format;
mod inputs;
mod manifest;
mod new;
mod output;
mod watch;

pub use crate::pipeline::{build_one, BuildResult, Outcome};
pub use args::{Cli, Command, CommonOptions, DiagnosticFormat, Shard};
pub use build::shard_of;

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
                crate::cli::output::say(&format!("error: {message}\n"));
                1
            }
        },
        Command::New { kind, file } => new::run_new(kind, &file),
        Command::Completions { shell } => print_generated(|out| {
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "handout",
                out,
            );
            Ok(())
        }),
        Command::Man { command } => man_page(command.as_deref()),
    }
}

/// `handout man [COMMAND]`: the page of the program, or of one of its commands.
fn man_page(name: Option<&str>) -> u8 {
    let program = <Cli as clap::CommandFactory>::command();
    let page = match name {
        None => program,
        Some(name) => {
            let names: Vec<String> = program
                .get_subcommands()
                .filter(|c| !c.is_hide_set())
                .map(|c| c.get_name().to_string())
                .filter(|n| n != "man")
                .collect();
            match program.find_subcommand(name).filter(|_| name != "man") {
                Some(command) => {
                    // clap keeps names as static strings; the process ends soon after.
                    let page: &'static str = format!("handout-{name}").leak();
                    command.clone().name(page)
                }
                None => {
                    crate::cli::output::say(&format!(
                        "error: there is no command \"{}\"\n  hint: the commands with a page are {}\n\n",
                        crate::diag::clip(name),
                        names.join(", ")
                    ));
                    return 2;
                }
            }
        }
    };
    print_generated(|out| clap_mangen::Man::new(page).render(out))
}

/// Writes a completion script or the manual page on stdout.
fn print_generated(write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>) -> u8 {
    let mut out = std::io::stdout().lock();
    match write(&mut out).and_then(|()| std::io::Write::flush(&mut out)) {
        Ok(()) => 0,
        Err(e) => {
            crate::cli::output::say(&format!("error: cannot write to standard output: {e}\n"));
            1
        }
    }
}
