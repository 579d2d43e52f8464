//! The target of a `no_std` DLL, derived from the installed nightly's own
//! `*-pc-windows-gnu` spec (`rustc -Z unstable-options --print
//! target-spec-json`), so it follows rustc's spec format wherever that
//! moves instead of a file written for one nightly.

use serde_json::{Map, Value, json};

use super::BuildError;
use crate::Arch;
use crate::TargetWindows;

/// What changes in the stock spec, and why.
#[derive(Clone, Copy, Debug)]
pub struct CoreTarget {
    /// The architecture.
    pub arch: Arch,
    /// Keep the stock CPU and float ABI (`pentium4`, SSE2): the negative
    /// control `cargo rassapi check` must reject for NT 4.0.
    pub stock_cpu: bool,
}

impl CoreTarget {
    /// The stock target it is derived from.
    pub fn base_triple(self) -> String {
        format!("{}-pc-windows-gnu", self.arch.triple_arch())
    }

    /// The spec's file stem, which is also the directory cargo puts the
    /// build in (`target/<name>/<profile>/`).
    pub fn name(self) -> &'static str {
        match (self.arch, self.stock_cpu) {
            (Arch::X86, false) => "i586-rassapi-nt4",
            (Arch::X86, true) => "i686-rassapi-nt4-stock-cpu",
            (Arch::X86_64, _) => "x86_64-rassapi-core",
        }
    }

    /// The entry point's symbol, defined by rassapi's feature `nt4`.
    pub fn entry_symbol(self) -> &'static str {
        match self.arch {
            Arch::X86 => rassapi::nt4::ENTRY_SYMBOL_X86,
            Arch::X86_64 => rassapi::nt4::ENTRY_SYMBOL_X86_64,
        }
    }

    /// Derives the spec from the stock one.
    ///
    /// * x86: `cpu` `pentium`, no MMX/SSE (`-mmx,-sse,-sse2,+x87`) and no
    ///   `rustc-abi` (the stock `x86-sse2` passes floats in SSE registers,
    ///   which a Pentium lacks), unless [`stock_cpu`](Self::stock_cpu).
    /// * `panic-strategy` `abort`, no unwind tables.
    /// * No start-up or end objects (`rsbegin.o`/`rsend.o` pull in
    ///   `libgcc_eh`, msvcrt and P6 code; mingw's `dllcrt2.o` a TLS
    ///   directory and msvcrt imports), no C runtime or libgcc libraries:
    ///   `-nostdlib -nostartfiles`, only `-lkernel32`.
    /// * OS and subsystem version of the oldest Windows of the architecture
    ///   (4.0 for x86, 5.2 for x86-64), a fixed image base, no
    ///   `--dynamicbase`, no timestamp, the entry point of rassapi's `nt4`.
    /// * `function-sections`, so the linker drops what LTO left.
    pub fn derive(self, stock: &Value) -> Result<Value, BuildError> {
        let mut spec: Map<String, Value> = stock
            .as_object()
            .cloned()
            .ok_or_else(|| BuildError::Spec("the stock target spec is not a JSON object".into()))?;
        let flavor = spec
            .get("linker-flavor")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if flavor != "gnu-cc" {
            return Err(BuildError::Spec(format!(
                "{} now links with linker flavor '{flavor}'; cargo rassapi knows 'gnu-cc' (mingw-w64 gcc)",
                self.base_triple()
            )));
        }
        if self.arch == Arch::X86 && !self.stock_cpu {
            spec.insert("cpu".into(), json!("pentium"));
            spec.insert("features".into(), json!("-mmx,-sse,-sse2,+x87"));
            spec.remove("rustc-abi");
        }
        if self.arch == Arch::X86_64 {
            // The stock `+cmpxchg16b,+sse3,+lahfsahf` are Windows 8.1's
            // minimum; the first x86-64 Windows (5.2) ran on CPUs without.
            spec.remove("features");
        }
        spec.insert("panic-strategy".into(), json!("abort"));
        spec.insert("requires-uwtable".into(), json!(false));
        spec.insert("default-uwtable".into(), json!(false));
        spec.insert("function-sections".into(), json!(true));
        for key in [
            "pre-link-objects",
            "pre-link-objects-fallback",
            "post-link-objects",
            "post-link-objects-fallback",
            "crt-objects-fallback",
            "late-link-args-dynamic",
            "late-link-args-static",
            // Describes the stock target (e.g. "Windows 10+"), not this one.
            "metadata",
        ] {
            spec.remove(key);
        }
        let version = TargetWindows::core_header_version(self.arch);
        let mut args = vec![
            "-fno-use-linker-plugin".to_owned(),
            "-nostdlib".into(),
            "-nostartfiles".into(),
            "-Wl,--disable-auto-image-base".into(),
            "-Wl,--disable-dynamicbase".into(),
            "-Wl,--no-insert-timestamp".into(),
        ];
        if self.arch == Arch::X86 {
            args.push("-Wl,--enable-stdcall-fixup".into());
            args.push("-Wl,--image-base,0x10000000".into());
        }
        for (what, value) in [
            ("major-os-version", version.major),
            ("minor-os-version", version.minor),
            ("major-subsystem-version", version.major),
            ("minor-subsystem-version", version.minor),
        ] {
            args.push(format!("-Wl,--{what},{value}"));
        }
        args.push(format!("-Wl,--entry,{}", self.entry_symbol()));
        spec.insert("pre-link-args".into(), json!({ flavor.clone(): args }));
        spec.insert("late-link-args".into(), json!({ flavor: ["-lkernel32"] }));
        Ok(Value::Object(spec))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parts of rustc's i686-pc-windows-gnu spec the derivation reads
    /// or must remove.
    fn stock() -> Value {
        json!({
            "arch": "x86",
            "cpu": "pentium4",
            "rustc-abi": "x86-sse2",
            "linker-flavor": "gnu-cc",
            "linker": "i686-w64-mingw32-gcc",
            "requires-uwtable": true,
            "pre-link-objects": {"dynamic-dylib": ["rsbegin.o"]},
            "post-link-objects-fallback": {"dynamic-dylib": ["rsend.o"]},
            "crt-objects-fallback": "mingw",
            "late-link-args": {"gnu-cc": ["-lmsvcrt", "-lkernel32"]},
            "late-link-args-static": {"gnu-cc": ["-lgcc_eh"]},
            "pre-link-args": {"gnu-cc": ["-Wl,--dynamicbase"], "gnu": ["--dynamicbase"]},
            "metadata": {"description": "32-bit MinGW (Windows 10+)"},
        })
    }

    #[test]
    fn nt4_target_is_a_pentium_without_c_runtime() {
        let t = CoreTarget {
            arch: Arch::X86,
            stock_cpu: false,
        };
        let spec = t.derive(&stock()).unwrap();
        assert_eq!(spec["cpu"], "pentium");
        assert_eq!(spec["features"], "-mmx,-sse,-sse2,+x87");
        assert!(spec.get("rustc-abi").is_none());
        assert_eq!(spec["panic-strategy"], "abort");
        assert_eq!(spec["requires-uwtable"], false);
        for gone in [
            "pre-link-objects",
            "post-link-objects-fallback",
            "crt-objects-fallback",
            "late-link-args-static",
            "metadata",
        ] {
            assert!(spec.get(gone).is_none(), "{gone} kept");
        }
        assert_eq!(spec["late-link-args"], json!({"gnu-cc": ["-lkernel32"]}));
        let pre: Vec<&str> = spec["pre-link-args"]["gnu-cc"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        for want in [
            "-nostdlib",
            "-nostartfiles",
            "-Wl,--major-os-version,4",
            "-Wl,--minor-subsystem-version,0",
            "-Wl,--entry,_rassapi_nt4_entry@12",
            "-Wl,--disable-dynamicbase",
        ] {
            assert!(pre.contains(&want), "{want} missing from {pre:?}");
        }
        assert!(
            !pre.iter()
                .any(|a| a.contains("--dynamicbase") && !a.contains("disable"))
        );
        assert!(spec["pre-link-args"].get("gnu").is_none());
        assert_eq!(spec["linker"], "i686-w64-mingw32-gcc");
    }

    #[test]
    fn stock_cpu_control_keeps_the_pentium4_abi() {
        let spec = CoreTarget {
            arch: Arch::X86,
            stock_cpu: true,
        }
        .derive(&stock())
        .unwrap();
        assert_eq!(spec["cpu"], "pentium4");
        assert_eq!(spec["rustc-abi"], "x86-sse2");
        assert_eq!(spec["panic-strategy"], "abort");
    }

    #[test]
    fn x86_64_core_target_names_its_entry_and_5_2() {
        let mut stock = stock();
        stock["arch"] = json!("x86_64");
        stock["features"] = json!("+cmpxchg16b,+sse3,+lahfsahf");
        let spec = CoreTarget {
            arch: Arch::X86_64,
            stock_cpu: false,
        }
        .derive(&stock)
        .unwrap();
        let pre = spec["pre-link-args"]["gnu-cc"].to_string();
        assert!(pre.contains("--entry,rassapi_nt4_entry\""), "{pre}");
        assert!(
            pre.contains("major-os-version,5") && pre.contains("minor-os-version,2"),
            "{pre}"
        );
        assert!(!pre.contains("--image-base,"), "{pre}");
        assert!(spec.get("features").is_none(), "x86-64 baseline only");
    }

    #[test]
    fn another_linker_flavor_is_an_error_naming_it() {
        let mut stock = stock();
        stock["linker-flavor"] = json!("gnu-lld-cc");
        let err = CoreTarget {
            arch: Arch::X86,
            stock_cpu: false,
        }
        .derive(&stock)
        .unwrap_err();
        assert!(err.to_string().contains("gnu-lld-cc"), "{err}");
    }
}
