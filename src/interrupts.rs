//! SIGINT / SIGTERM during a crawl (`run`, `audit`, `demo`): the first signal asks the run to
//! stop ([`StopSignal::request`]); the run then ends its crawls, scores what was gathered,
//! writes the report marked incomplete and finishes the evidence snapshot (WARC files closed
//! cleanly, index, manifest), and the process exits with 128 + the signal number (130 for
//! SIGINT, 143 for SIGTERM), as shells do for a process killed by that signal.
//!
//! A second signal while the run is finishing exits at once with the same code, for an
//! operator who cannot wait: then the snapshot may lack its manifest (`ttdt verify` says so),
//! but records already written stay readable, since each is written whole.

use tokio::signal::unix::{SignalKind, signal};
use ttdt::runner::StopSignal;

/// Exit code of a run stopped by `signal` (`SIGINT` → 130, `SIGTERM` → 143).
pub fn exit_code(signal: &str) -> u8 {
    match signal {
        "SIGTERM" => 128 + 15,
        _ => 128 + 2,
    }
}

/// Install the handlers (on the current tokio runtime) and relay the first signal to `stop`.
pub fn listen(stop: StopSignal) -> std::io::Result<()> {
    let mut int = signal(SignalKind::interrupt())?;
    let mut term = signal(SignalKind::terminate())?;
    tokio::spawn(async move {
        loop {
            let name = tokio::select! {
                Some(()) = int.recv() => "SIGINT",
                Some(()) = term.recv() => "SIGTERM",
                else => return,
            };
            if let Some(first) = stop.requested() {
                eprintln!("ttdt: {name} lần hai: thoát ngay, không chờ ghi xong bằng chứng");
                std::process::exit(i32::from(exit_code(&first)));
            }
            eprintln!(
                "ttdt: {name}: dừng thu thập, đang ghi báo cáo (chưa hoàn tất) và bằng chứng đã có…"
            );
            stop.request(name);
        }
    });
    Ok(())
}
