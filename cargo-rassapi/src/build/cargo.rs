//! Runs `cargo build` with JSON messages: diagnostics go to stderr, the
//! DLLs come from the `compiler-artifact` messages (not from guessed
//! paths), and a failed link is explained when its cause is known.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::Value;

use super::BuildError;
use super::toolchain::{ENV_REMOVED, Invocation};

/// Runs the build; returns the DLLs of the `cdylib` targets it built.
pub fn run(invocation: Invocation) -> Result<Vec<PathBuf>, BuildError> {
    let mut args = invocation.args;
    // Before the user's arguments, which follow `build ...`.
    let at = args.iter().position(|a| a == "build").map_or(0, |i| i + 1);
    args.insert(at, "--message-format=json".into());
    eprintln!("cargo rassapi build: cargo {}", args.join(" "));
    let mut command = Command::new("cargo");
    command.args(&args).stdout(Stdio::piped());
    for var in ENV_REMOVED {
        command.env_remove(var);
    }
    command.envs(invocation.env);
    let mut child = command
        .spawn()
        .map_err(|e| BuildError::Tool(format!("cannot run cargo: {e}")))?;
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut dlls = Vec::new();
    let mut diagnostics = String::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| BuildError::Cargo(format!(": reading its output: {e}")))?;
        match serde_json::from_str::<Value>(&line) {
            Ok(message) => {
                if let Some(text) = message["message"]["rendered"].as_str() {
                    eprint!("{text}");
                    diagnostics.push_str(text);
                }
                dlls.extend(cdylib_files(&message));
            }
            Err(_) => eprintln!("{line}"),
        }
    }
    let status = child
        .wait()
        .map_err(|e| BuildError::Cargo(format!(": {e}")))?;
    if status.success() {
        Ok(dlls)
    } else {
        Err(BuildError::Cargo(explain(&diagnostics)))
    }
}

/// The `.dll` files of a `compiler-artifact` message of a `cdylib` target.
fn cdylib_files(message: &Value) -> Vec<PathBuf> {
    let is_cdylib = message["reason"] == "compiler-artifact"
        && message["target"]["crate_types"]
            .as_array()
            .is_some_and(|types| types.iter().any(|t| t == "cdylib"));
    if !is_cdylib {
        return Vec::new();
    }
    message["filenames"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|f| f.to_ascii_lowercase().ends_with(".dll"))
        .map(PathBuf::from)
        .collect()
}

/// What a failed build's diagnostics mean, where cargo rassapi knows.
fn explain(diagnostics: &str) -> String {
    let entries = [
        rassapi::nt4::ENTRY_SYMBOL_X86,
        rassapi::nt4::ENTRY_SYMBOL_X86_64,
    ];
    if diagnostics.contains(rassapi::nt4::PANIC_SYMBOL) {
        format!(
            ": a panic is reachable in the DLL (the link needs `{}`, which rassapi's panic handler calls only \
             when a panic survives optimisation). Inside RAS a panic cannot be caught without std: remove it \
             (`get` instead of indexing or slicing, `checked_*`/`wrapping_*` arithmetic, no `unwrap`/`expect`); \
             see the docs of rassapi::nt4",
            rassapi::nt4::PANIC_SYMBOL
        )
    } else if entries.iter().any(|e| diagnostics.contains(e)) && diagnostics.contains("entry") {
        ": the DLL has no entry point: depend on rassapi with \
         `default-features = false, features = [\"nt4\"]`, which supplies it"
            .into()
    } else {
        " (see the diagnostics above)".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dlls_come_from_cdylib_artifacts_only() {
        let dll = json!({"reason": "compiler-artifact", "target": {"crate_types": ["cdylib"]},
            "filenames": ["/t/a.dll", "/t/liba.dll.a"]});
        assert_eq!(cdylib_files(&dll), [PathBuf::from("/t/a.dll")]);
        let lib = json!({"reason": "compiler-artifact", "target": {"crate_types": ["lib"]},
            "filenames": ["/t/libr.rlib"]});
        assert!(cdylib_files(&lib).is_empty());
    }

    #[test]
    fn link_failures_are_explained() {
        let panic = explain("undefined reference to `rassapi_nt4_a_panic_is_reachable'");
        assert!(panic.contains("a panic is reachable"), "{panic}");
        let entry = explain("cannot find entry symbol _rassapi_nt4_entry@12; defaulting");
        assert!(entry.contains("features = [\"nt4\"]"), "{entry}");
        assert_eq!(explain("error[E0308]"), " (see the diagnostics above)");
    }
}
