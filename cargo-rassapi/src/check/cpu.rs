//! The `cpu` check: every instruction of every executable section, decoded
//! with iced-x86 and classified by the CPUID features it needs, against the
//! oldest CPU each Windows (and Rust's target for it) runs on. Also the
//! first-`ret` search of the `stdcall` check.

use iced_x86::{
    Code, CpuidFeature, Decoder, DecoderOptions, Formatter, GasFormatter, Instruction, Mnemonic,
};
use rassapi::registration::WindowsVersion;

use super::Check;
use super::pe::PeImage;
use crate::{Arch, TargetWindows};

/// How many offending instructions (and undecodable bytes) a FAIL names.
const SHOWN: usize = 10;

/// What a Pentium (i586) has: the 8086 to 486 instructions, the x87 FPU,
/// CPUID, RDTSC, CMPXCHG8B, and PAUSE (`rep nop`, a plain NOP there).
/// RDMSR/WRMSR (MSR) are privileged, so rejected too.
const PENTIUM: &[CpuidFeature] = &[
    CpuidFeature::INTEL8086,
    CpuidFeature::INTEL186,
    CpuidFeature::INTEL286,
    CpuidFeature::INTEL386,
    CpuidFeature::INTEL486,
    CpuidFeature::FPU,
    CpuidFeature::FPU287,
    CpuidFeature::FPU387,
    CpuidFeature::CPUID,
    CpuidFeature::TSC,
    CpuidFeature::CX8,
    CpuidFeature::PAUSE,
];

/// What a Pentium 4 adds (the stock `i686-pc-windows-*` CPU of Rust): P6's
/// CMOV/FCMOV/FCOMI, long NOPs and SYSENTER, then MMX, SSE, SSE2 and FXSR.
const PENTIUM4_EXTRA: &[CpuidFeature] = &[
    CpuidFeature::CMOV,
    CpuidFeature::MULTIBYTENOP,
    CpuidFeature::SEP,
    CpuidFeature::MMX,
    CpuidFeature::FXSR,
    CpuidFeature::SSE,
    CpuidFeature::SSE2,
    CpuidFeature::CLFSH,
];

/// The x86-64 baseline (every AMD64 CPU) beyond [`PENTIUM`]: long mode,
/// CMOV, MMX, SSE, SSE2, FXSR, SYSCALL, long NOPs, CLFLUSH.
const X86_64_EXTRA: &[CpuidFeature] = &[
    CpuidFeature::X64,
    CpuidFeature::CMOV,
    CpuidFeature::MULTIBYTENOP,
    CpuidFeature::MMX,
    CpuidFeature::FXSR,
    CpuidFeature::SSE,
    CpuidFeature::SSE2,
    CpuidFeature::SYSCALL,
    CpuidFeature::CLFSH,
];

/// What Windows 8.1 x64 requires of the CPU beyond the baseline.
const WINDOWS_8_1_X64_EXTRA: &[CpuidFeature] = &[CpuidFeature::CMPXCHG16B, CpuidFeature::PREFETCHW];

/// What Rust's stock `x86_64-pc-windows-*` targets (Windows 10 and later)
/// enable beyond that: SSE3 (and CMPXCHG16B).
const RUST_X86_64_WINDOWS_EXTRA: &[CpuidFeature] = &[CpuidFeature::SSE3];

/// The first x64 Windows that requires CMPXCHG16B and PREFETCHW.
const WINDOWS_8_1: WindowsVersion = WindowsVersion::new(6, 3);

/// The CPU a DLL for a Windows and architecture must run on.
#[derive(Debug, Clone)]
pub struct CpuProfile {
    /// The CPU, as in "Windows NT 4.0 on a Pentium".
    pub cpu: &'static str,
    /// A short name of the instruction set, for the PASS line.
    pub summary: &'static str,
    /// The CPUID features it has.
    pub allowed: Vec<CpuidFeature>,
}

impl CpuProfile {
    /// The profile for `windows` on `arch`.
    pub fn new(windows: TargetWindows, arch: Arch) -> Self {
        let mut allowed = PENTIUM.to_vec();
        let (cpu, summary) = match arch {
            Arch::X86 if !windows.std_runs() => {
                ("a Pentium", "i586 (no SSE/MMX/CMOV/FCOMI/long NOP/P6+)")
            }
            Arch::X86 => {
                allowed.extend_from_slice(PENTIUM4_EXTRA);
                ("a Pentium 4", "Pentium 4 (up to SSE2, no SSE3/AVX)")
            }
            Arch::X86_64 => {
                allowed.extend_from_slice(X86_64_EXTRA);
                if windows.version < WINDOWS_8_1 {
                    (
                        "the first x86-64 CPUs",
                        "x86-64 baseline (up to SSE2, no SSE3/CMPXCHG16B/AVX)",
                    )
                } else if !windows.std_runs() {
                    allowed.extend_from_slice(WINDOWS_8_1_X64_EXTRA);
                    (
                        "an x86-64 CPU with CMPXCHG16B",
                        "x86-64 with CMPXCHG16B (up to SSE2, no SSE3/AVX)",
                    )
                } else {
                    allowed.extend_from_slice(WINDOWS_8_1_X64_EXTRA);
                    allowed.extend_from_slice(RUST_X86_64_WINDOWS_EXTRA);
                    (
                        "an x86-64 CPU with CMPXCHG16B and SSE3",
                        "x86-64 with CMPXCHG16B and SSE3 (no SSSE3/AVX)",
                    )
                }
            }
        };
        Self {
            cpu,
            summary,
            allowed,
        }
    }

    /// The features of `instruction` this CPU lacks (empty: it runs).
    ///
    /// `tzcnt` (`F3 0F BC`) is `rep bsf`: a CPU without BMI1 runs it as
    /// `bsf`, which gives the same result for a non-zero operand. LLVM
    /// emits it only where the operand cannot be zero (`cttz` with zero
    /// undefined), on every CPU, so it counts as the 386's `bsf`.
    pub fn lacks(&self, instruction: &Instruction) -> Vec<CpuidFeature> {
        let runs_as_bsf = instruction.mnemonic() == Mnemonic::Tzcnt;
        instruction
            .cpuid_features()
            .iter()
            .copied()
            .filter(|f| !(runs_as_bsf && *f == CpuidFeature::BMI1))
            .filter(|f| !self.allowed.contains(f))
            .collect()
    }
}

/// The decoder's bitness for `arch`.
pub fn bitness(arch: Arch) -> u32 {
    match arch {
        Arch::X86 => 32,
        Arch::X86_64 => 64,
    }
}

/// The bytes of `data` at `ip` for an instruction decoded from `base`.
fn bytes_hex(data: &[u8], base: u64, instruction: &Instruction) -> String {
    let start = usize::try_from(instruction.ip() - base).unwrap_or(usize::MAX);
    data.get(start..start.saturating_add(instruction.len()))
        .unwrap_or_default()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What decoding the executable sections found.
#[derive(Debug, Default)]
pub struct Scan {
    /// Instructions decoded.
    pub instructions: usize,
    /// Instructions the CPU lacks.
    pub offending: usize,
    /// The first [`SHOWN`] of them: `VA [bytes] text (FEATURES)`.
    pub shown: Vec<String>,
    /// Undecodable byte sequences.
    pub invalid: usize,
    /// The first [`SHOWN`] of them: `VA [bytes]`.
    pub shown_invalid: Vec<String>,
    /// Executable sections decoded, by name.
    pub sections: Vec<String>,
    /// `cpuid` instructions: the DLL can choose code by what the CPU has.
    pub cpuid: usize,
}

/// Decodes every executable section of `image` completely.
pub fn scan(image: &PeImage<'_>, arch: Arch, profile: &CpuProfile) -> Scan {
    let mut scan = Scan::default();
    let mut formatter = GasFormatter::new();
    let mut instruction = Instruction::default();
    for section in image.sections.iter().filter(|s| s.executable) {
        scan.sections
            .push(section.name.trim_end_matches('\0').to_owned());
        let base = image.image_base.wrapping_add(u64::from(section.rva));
        let mut decoder = Decoder::with_ip(bitness(arch), section.data, base, DecoderOptions::NONE);
        while decoder.can_decode() {
            decoder.decode_out(&mut instruction);
            if instruction.code() == Code::INVALID {
                scan.invalid += 1;
                if scan.shown_invalid.len() < SHOWN {
                    let bytes = bytes_hex(section.data, base, &instruction);
                    scan.shown_invalid
                        .push(format!("{:#x} [{bytes}]", instruction.ip()));
                }
                continue;
            }
            scan.instructions += 1;
            if instruction.mnemonic() == Mnemonic::Cpuid {
                scan.cpuid += 1;
            }
            let lacks = profile.lacks(&instruction);
            if lacks.is_empty() {
                continue;
            }
            scan.offending += 1;
            if scan.shown.len() < SHOWN {
                let mut text = String::new();
                formatter.format(&instruction, &mut text);
                let features: Vec<String> = lacks.iter().map(|f| format!("{f:?}")).collect();
                scan.shown.push(format!(
                    "{:#x} [{}] {text} ({})",
                    instruction.ip(),
                    bytes_hex(section.data, base, &instruction),
                    features.join(", ")
                ));
            }
        }
    }
    scan
}

/// The `cpu` check of `image` for `windows` on `arch`.
pub fn check(image: &PeImage<'_>, windows: TargetWindows, arch: Arch) -> Check {
    let profile = CpuProfile::new(windows, arch);
    let scan = scan(image, arch, &profile);
    let more = |shown: usize, total: usize| if total > shown { ", …" } else { "" };
    // Bytes that are no instruction: data the linker put in the code
    // section (GNU ld's constructor lists: 0xffffffff, ..., 0). Shown, not
    // failed: the code is checked, and data never runs.
    let invalid = if scan.invalid == 0 {
        String::new()
    } else {
        format!(
            "; {} undecodable byte sequence(s), data in a code section: {}{}",
            scan.invalid,
            scan.shown_invalid.join(", "),
            more(scan.shown_invalid.len(), scan.invalid)
        )
    };
    if scan.instructions == 0 {
        return Check::fail("cpu", "no instructions in any executable section");
    }
    // From Windows 10 on a DLL has `std`, which carries code for newer CPUs
    // that it selects at run time (the memchr inside std, say, keeps AVX2
    // searches behind a function pointer it sets only on such a CPU); a
    // linear scan cannot see that selection, so these are listed, not
    // failed. Before 10 (no_std DLLs, NT 4.0 does not even save SSE
    // registers) every instruction must run on the oldest CPU.
    if scan.offending > 0 && windows.std_runs() {
        return Check::pass(
            "cpu",
            format!(
                "{} instructions in {}, all {} but {} left to run-time selection \
                 (not proved per instruction; the DLL runs CPUID {} time(s)): {}{}{invalid}",
                scan.instructions,
                scan.sections.join(" "),
                profile.summary,
                scan.offending,
                scan.cpuid,
                scan.shown.join(", "),
                more(scan.shown.len(), scan.offending)
            ),
        );
    }
    if scan.offending > 0 {
        return Check::fail(
            "cpu",
            format!(
                "{} instruction(s) {windows} on {} lacks: {}{}{invalid}",
                scan.offending,
                profile.cpu,
                scan.shown.join(", "),
                more(scan.shown.len(), scan.offending)
            ),
        );
    }
    Check::pass(
        "cpu",
        format!(
            "{} instructions in {}, all {}{invalid}",
            scan.instructions,
            scan.sections.join(" "),
            profile.summary
        ),
    )
}

/// The first near or far `ret` at or after `ip` within `bytes` (at most
/// 16 KiB on): the DLLs are stripped, so nothing else bounds a function.
pub fn first_ret(arch: Arch, ip: u64, bytes: &[u8]) -> Option<Instruction> {
    let bytes = &bytes[..bytes.len().min(0x4000)];
    let mut decoder = Decoder::with_ip(bitness(arch), bytes, ip, DecoderOptions::NONE);
    decoder
        .iter()
        .find(|i| matches!(i.mnemonic(), Mnemonic::Ret | Mnemonic::Retf))
}

/// The bytes a `ret` pops besides the return address.
pub fn ret_pops(ret: &Instruction) -> u16 {
    if ret.op_count() == 1 {
        ret.immediate16()
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn windows(name: &str) -> TargetWindows {
        name.parse().expect("a Windows name")
    }

    /// The features `profile` lacks for the one instruction in `bytes`.
    fn lacks(profile: &CpuProfile, bitness: u32, bytes: &[u8]) -> Vec<CpuidFeature> {
        let mut decoder = Decoder::with_ip(bitness, bytes, 0x1000, DecoderOptions::NONE);
        let instruction = decoder.decode();
        assert_ne!(instruction.code(), Code::INVALID, "{bytes:02x?}");
        assert_eq!(instruction.len(), bytes.len(), "{bytes:02x?}");
        profile.lacks(&instruction)
    }

    #[test]
    fn pentium_has_its_own_instructions() {
        let p = CpuProfile::new(windows("nt4"), Arch::X86);
        for bytes in [
            &[0x0f, 0x0b][..],   // ud2
            &[0x0f, 0x00, 0xe0], // verr ax
            &[0xf3, 0x90],       // pause
            &[0x0f, 0xa2],       // cpuid
            &[0x0f, 0x31],       // rdtsc
            &[0x0f, 0xc7, 0x0e], // cmpxchg8b (esi)
            &[0xd8, 0xd9],       // fcomp st(1)
            &[0xdf, 0xe0],       // fnstsw ax
            &[0x9e],             // sahf
            &[0x0f, 0xc8],       // bswap eax
            &[0xd9, 0xfe],       // fsin (387)
            &[0x90],             // nop
        ] {
            assert_eq!(lacks(&p, 32, bytes), [], "{bytes:02x?}");
        }
    }

    #[test]
    fn pentium_lacks_p6_and_later() {
        let p = CpuProfile::new(windows("nt4"), Arch::X86);
        let cases: &[(&[u8], CpuidFeature)] = &[
            (&[0x0f, 0x45, 0xc1], CpuidFeature::CMOV), // cmovne eax, ecx
            (&[0xdb, 0xf1], CpuidFeature::CMOV),       // fcomi st, st(1)
            (&[0xda, 0xc1], CpuidFeature::CMOV),       // fcmovb
            (&[0x0f, 0x77], CpuidFeature::MMX),        // emms
            (&[0x66, 0x0f, 0xef, 0xc0], CpuidFeature::SSE2), // pxor xmm0, xmm0
            (&[0x0f, 0x1f, 0x40, 0x00], CpuidFeature::MULTIBYTENOP),
            (&[0x0f, 0x34], CpuidFeature::SEP),        // sysenter
            (&[0xc5, 0xf8, 0x77], CpuidFeature::AVX),  // vzeroupper
            (&[0x0f, 0xae, 0x00], CpuidFeature::FXSR), // fxsave
            (&[0x0f, 0x32], CpuidFeature::MSR),        // rdmsr
        ];
        for (bytes, feature) in cases {
            assert!(lacks(&p, 32, bytes).contains(feature), "{bytes:02x?}");
        }
    }

    #[test]
    fn windows_10_x86_is_a_pentium_4() {
        let p4 = CpuProfile::new(windows("2016"), Arch::X86);
        assert_eq!(lacks(&p4, 32, &[0x0f, 0x45, 0xc1]), []);
        assert_eq!(lacks(&p4, 32, &[0x66, 0x0f, 0xef, 0xc0]), []);
        assert_eq!(lacks(&p4, 32, &[0x0f, 0x1f, 0x40, 0x00]), []);
        assert_eq!(
            lacks(&p4, 32, &[0xf2, 0x0f, 0x7c, 0xc1]),
            [CpuidFeature::SSE3]
        ); // haddps
        assert_eq!(lacks(&p4, 32, &[0xc5, 0xf8, 0x77]), [CpuidFeature::AVX]);
    }

    #[test]
    fn x86_64_baseline_and_later() {
        let cmpxchg16b = [0x48, 0x0f, 0xc7, 0x0e];
        let haddps = [0xf2, 0x0f, 0x7c, 0xc1];
        let old = CpuProfile::new(windows("2003"), Arch::X86_64);
        assert_eq!(lacks(&old, 64, &[0x48, 0x0f, 0x45, 0xc1]), []); // cmovne rax, rcx
        assert_eq!(lacks(&old, 64, &[0x0f, 0x05]), []); // syscall
        assert_eq!(lacks(&old, 64, &cmpxchg16b), [CpuidFeature::CMPXCHG16B]);
        let new = CpuProfile::new(windows("2016"), Arch::X86_64);
        assert_eq!(lacks(&new, 64, &cmpxchg16b), []);
        assert_eq!(lacks(&new, 64, &haddps), []);
        assert_eq!(
            lacks(&new, 64, &[0x66, 0x0f, 0x38, 0x00, 0xc1]),
            [CpuidFeature::SSSE3]
        ); // pshufb
        assert_eq!(lacks(&new, 64, &[0xc5, 0xf8, 0x77]), [CpuidFeature::AVX]);
    }

    #[test]
    fn tzcnt_is_rep_bsf_but_lzcnt_is_not() {
        let p = CpuProfile::new(windows("nt4"), Arch::X86);
        assert_eq!(lacks(&p, 32, &[0xf3, 0x0f, 0xbc, 0xca]), []); // tzcnt ecx, edx
        assert_eq!(lacks(&p, 32, &[0x0f, 0xbc, 0xca]), []); // bsf ecx, edx
        assert!(!lacks(&p, 32, &[0xf3, 0x0f, 0xbd, 0xca]).is_empty()); // lzcnt: not bsr
        let new = CpuProfile::new(windows("2025"), Arch::X86_64);
        assert_eq!(lacks(&new, 64, &[0xf3, 0x48, 0x0f, 0xbc, 0xca]), []);
    }

    #[test]
    fn first_ret_and_its_pop() {
        // mov eax, 1; ret 0xc; ret
        let code = [0xb8, 1, 0, 0, 0, 0xc2, 0x0c, 0x00, 0xc3];
        let ret = first_ret(Arch::X86, 0x1000, &code).expect("a ret");
        assert_eq!((ret.ip(), ret_pops(&ret)), (0x1005, 12));
        let plain = first_ret(Arch::X86, 0x1000, &code[8..]).expect("a ret");
        assert_eq!(ret_pops(&plain), 0);
        assert!(first_ret(Arch::X86, 0x1000, &code[..5]).is_none());
    }
}
