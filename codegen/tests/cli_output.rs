//! The CLI's output commands when their reader goes away early
//! (`graphdoc ir docs | head`): they stop quietly, without a panic.

use std::path::Path;
use std::process::{Command, Stdio};

#[test]
fn output_commands_stop_quietly_when_the_pipe_closes() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
    for args in [&["ir"][..], &["stats"], &["stats", "--json"], &["lint"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_graphdoc"))
            .args(args)
            .arg(&docs)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("graphdoc starts");
        // Close the reading end before graphdoc writes: its writes fail with EPIPE.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("graphdoc runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("error:"),
            "{args:?} reported an error: {stderr}"
        );
    }
}
