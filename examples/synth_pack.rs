//! Writes a synthetic knowledge collection for scale testing:
//! `cargo run --release --example synth_pack -- PASSAGES DIR`, then
//! `verbatim --knowledge DIR check` and `verbatim --knowledge DIR ask "..."`.
//! See `benches/support/synth.rs` for what it holds, and BENCHMARKS.md for the figures.

#[path = "../benches/support/synth.rs"]
mod synth;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(passages), Some(dir)) = (
        args.first().and_then(|n| n.parse::<usize>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: synth_pack PASSAGES DIR");
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(dir);
    match synth::write_packs(&dir, passages) {
        Ok(synthetic) => {
            let questions = synth::questions(&synthetic, 1000);
            if let Err(error) =
                std::fs::write(dir.join("questions.txt"), questions.join("\n") + "\n")
            {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
            println!(
                "wrote {passages} passages and {} questions to {}",
                questions.len(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: cannot write packs: {error}");
            ExitCode::FAILURE
        }
    }
}
