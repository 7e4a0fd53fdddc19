//! The `dsoftmax` command: `main` maps outcomes to exit codes, nothing else.
//!
//! Exit codes: 0 everything checked is proved or holds, 1 something is
//! refuted, 2 a usage error or bad input (with a message on stderr), 3 nothing
//! refuted but something undecided.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(cli::Status::AllHold) => ExitCode::SUCCESS,
        Ok(cli::Status::Refuted) => ExitCode::from(1),
        Ok(cli::Status::Undecided) => ExitCode::from(3),
        Err(err) => {
            if !err.is::<cli::UsageError>() {
                eprintln!("dsoftmax: error: {err:#}");
            }
            ExitCode::from(2)
        }
    }
}
