# shellcheck shell=bash
# Windows cross-build environment (Debian's rustc + -Zbuild-std, mingw-w64, Wine 8). Usage:
#   source "$(dirname "$0")/windows-env.sh" || exit 1  # installs/builds whatever is missing
#   wcargo_target x86_64-pc-windows-gnu test           # test binaries + doc-tests run in Wine
#   wcargo_target i686-pc-windows-gnu test --no-run    # i686: build only, there is no wine32
#   wcargo build -Zbuild-std=std,panic_abort --target x86_64-pc-windows-gnu   # same, by hand
# wcargo runs Debian's /usr/bin/cargo with RUSTC=/usr/bin/rustc, RUSTDOC=/usr/bin/rustdoc,
# RUSTC_BOOTSTRAP=1 and CARGO_TARGET_DIR=$CARGO_TARGET_DIR_WINDOWS, set for that call only so
# rustup's cargo keeps working in the same shell. wcargo_target TARGET SUBCMD ARGS... inserts
# "-Zbuild-std=std,panic_abort --target TARGET" after SUBCMD. Safe under set -euo pipefail.
# Generated files live in $WIN_TOOLS (target/windows-tools); delete it to start over.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)" || return 1
WIN_TOOLS="$ROOT/target/windows-tools"
WCARGO=/usr/bin/cargo
WRUSTC=/usr/bin/rustc
WRUSTDOC=/usr/bin/rustdoc
CARGO_TARGET_DIR_WINDOWS="$ROOT/target/windows"
export ROOT WIN_TOOLS WCARGO WRUSTC WRUSTDOC CARGO_TARGET_DIR_WINDOWS

_rassapi_fail() { echo "windows-env.sh: ERROR: $*" >&2; return 1; }
_rassapi_log() { echo "windows-env.sh: $*" >&2; }

# Install the Debian packages that are missing (apt-get update runs at most once).
# shellcheck source=scripts/packages.sh
source "$ROOT/scripts/packages.sh" || return 1
rassapi_ensure_packages() {
    ensure_packages rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64 gcc-mingw-w64-i686 \
        wine64 libclang-dev clang-14 || _rassapi_fail "missing Debian packages" || return
}

# _rassapi_build_dll OUT SRC CC [ARGS...]: build DLL OUT from C file SRC unless OUT is newer.
_rassapi_build_dll() {
    local out=$1 src=$2 cc=$3
    shift 3
    [[ -f $out && $out -nt $src ]] && return 0
    _rassapi_log "building $out"
    mkdir -p "${out%/*}" &&
        "$cc" -O2 -shared -s -o "$out.tmp" "$src" "$@" &&
        mv -f "$out.tmp" "$out" || _rassapi_fail "cannot build $out from $src" || return
}

# DLLs Wine 8 lacks, into the WINEPATH folder: bcryptprimitives.dll (Rust std imports
# ProcessPrng from it) and a stub rassapi.dll for tests/client_functions.rs. The i686
# stub is built only to prove it compiles (--kill-at: undecorated exports).
_rassapi_build_shim() {
    local src="$ROOT/scripts/wine-shim"
    _rassapi_build_dll "$WIN_TOOLS/shim/bcryptprimitives.dll" "$src/bcryptprimitives.c" \
        x86_64-w64-mingw32-gcc -ladvapi32 &&
        _rassapi_build_dll "$WIN_TOOLS/shim/rassapi.dll" "$src/rassapi.c" \
            x86_64-w64-mingw32-gcc &&
        _rassapi_build_dll "$WIN_TOOLS/i686-stub/rassapi.dll" "$src/rassapi.c" \
            i686-w64-mingw32-gcc -Wl,--kill-at
}

# rsbegin.o/rsend.o for i686-pc-windows-gnu, compiled from Debian's std source.
_rassapi_build_rtstartup() {
    local dir="$WIN_TOOLS/i686" ver src f
    ver="$("$WRUSTC" -V)" || _rassapi_fail "$WRUSTC does not run" || return
    for src in /usr/lib/rustlib/src/rust/library/rtstartup /usr/src/rustc-*/library/rtstartup; do
        [[ -f $src/rsbegin.rs ]] && break
    done
    [[ -f $src/rsbegin.rs ]] ||
        _rassapi_fail "no rtstartup/rsbegin.rs std source (package rust-web-src)" || return
    [[ -f $dir/rsbegin.o && -f $dir/rsend.o && "$(cat "$dir/stamp" 2>/dev/null)" == "$ver" &&
        $dir/rsbegin.o -nt $src/rsbegin.rs && $dir/rsend.o -nt $src/rsend.rs ]] && return 0
    _rassapi_log "building rsbegin.o/rsend.o for i686 into $dir"
    mkdir -p "$dir" || _rassapi_fail "cannot create $dir" || return
    for f in rsbegin rsend; do
        RUSTC_BOOTSTRAP=1 "$WRUSTC" --target i686-pc-windows-gnu --emit=obj -C panic=abort -O \
            -o "$dir/$f.o" "$src/$f.rs" || _rassapi_fail "cannot compile $src/$f.rs" || return
    done
    echo "$ver" >"$dir/stamp"
}

# Stops the wineserver of $WINEPREFIX, if one runs, and every Wine process on it (-k), and
# waits until it has exited and saved the registry (-w). Returns 0 when none runs.
rassapi_wineserver_stop() {
    "$WINESERVER_BIN" -k 2>/dev/null || true # status 1: none was running
    "$WINESERVER_BIN" -w
}

# Waits until the wineserver of $WINEPREFIX has exited (after its last program, with the
# registry saved): call it before anything removes or replaces the prefix.
rassapi_wineserver_wait() {
    "$WINESERVER_BIN" -w
}

# $WINE64: Wine without address space randomisation. Debian's wine64 8.0 comes without
# wine64-preloader, which reserves Wine's fixed addresses before anything else is mapped.
# Without it the kernel puts the brk heap anywhere in the gigabyte after the wine64 binary
# (0x7d000000), and where the heap lands on Wine's shared user data page (0x7ffe0000; about
# one process start in 2000 to 3000) the new process exits with status 1 before it runs,
# silently under WINEDEBUG=-all: Wine fails to start a program at all, and CreateProcess in a
# test (reg.exe) fails with ERROR_INTERNAL_ERROR (os error 1359). setarch -R (personality
# ADDR_NO_RANDOMIZE, inherited by every process Wine starts) puts the heap right after
# wine64, far below that page, every time.
_rassapi_build_wine_wrapper() {
    local out="$WIN_TOOLS/bin/wine64" text
    setarch -R true ||
        _rassapi_fail "setarch -R fails here (personality(ADDR_NO_RANDOMIZE) refused?); without it Wine fails to start about one program in 2000" || return
    text=$(printf '#!/bin/sh\n# Made by scripts/windows-env.sh: Wine without address space randomisation.\nexec setarch -R %q "$@"' "$WINE64_BIN")
    [[ -x $out && "$(cat "$out")" == "$text" ]] && return 0
    mkdir -p "${out%/*}" && printf '%s\n' "$text" >"$out.tmp" && chmod +x "$out.tmp" &&
        mv -f "$out.tmp" "$out" || _rassapi_fail "cannot write $out" || return
}

# Private Wine prefix, (re)created when missing, unfinished, or made by another Wine version.
# No dialogs: null graphics driver, no Mono/Gecko installers, no crash dialog, stdin=/dev/null.
# A wineserver still running on an old prefix is stopped before the prefix is removed (else it
# keeps the deleted directory, cannot save its registry there, and serves programs started on
# a new prefix that gets the same inode). The prefix counts as made only once its wineserver
# has exited (wineboot's programs done, the registry saved), so no test starts a half-made one.
_rassapi_init_wineprefix() {
    local ver reg="$WIN_TOOLS/wine-settings.reg" log="$WIN_TOOLS/wineboot.log"
    ver="$("$WINE64" --version)" || _rassapi_fail "$WINE64 --version failed" || return
    [[ "$(cat "$WINEPREFIX/.rassapi-ready" 2>/dev/null)" == "$ver" ]] && return 0
    _rassapi_log "creating Wine prefix $WINEPREFIX ($ver)"
    if [[ -d $WINEPREFIX ]]; then
        rassapi_wineserver_stop || _rassapi_fail "cannot stop the wineserver of $WINEPREFIX" || return
    fi
    rm -rf "$WINEPREFIX" && mkdir -p "$WINEPREFIX" ||
        _rassapi_fail "cannot create $WINEPREFIX" || return
    printf '%s\r\n' REGEDIT4 '' '[HKEY_CURRENT_USER\Software\Wine\Drivers]' '"Graphics"="null"' \
        '' '[HKEY_CURRENT_USER\Software\Wine\WineDbg]' '"ShowCrashDialog"=dword:00000000' >"$reg"
    if ! { "$WINE64" wineboot -u && "$WINE64" reg import "Z:${reg//\//\\}" && "$WINESERVER_BIN" -w &&
        "$WINE64" reg query 'HKCU\Software\Wine\Drivers' /v Graphics && "$WINESERVER_BIN" -w; } \
        </dev/null >"$log" 2>&1; then
        cat "$log" >&2
        _rassapi_fail "Wine prefix setup failed (log above, also in $log)" || return
    fi
    echo "$ver" >"$WINEPREFIX/.rassapi-ready.tmp" &&
        mv -f "$WINEPREFIX/.rassapi-ready.tmp" "$WINEPREFIX/.rassapi-ready"
}

# Cargo for Windows targets: Debian's cargo/rustc, separate target dir.
wcargo() {
    local env=(PATH="/usr/bin:$PATH" RUSTC="$WRUSTC" RUSTDOC="$WRUSTDOC" RUSTC_BOOTSTRAP=1
        CARGO_TARGET_DIR="$CARGO_TARGET_DIR_WINDOWS") us=$'\x1f'
    # A set RUSTFLAGS/CARGO_ENCODED_RUSTFLAGS (even empty) hides CARGO_TARGET_*_RUSTFLAGS:
    # append the rsbegin.o folder there too, or i686 links fail ("cannot find rsbegin.o").
    [[ -z ${RUSTFLAGS+x} ]] || env+=(RUSTFLAGS="$RUSTFLAGS -L native=$WIN_TOOLS/i686")
    if [[ -n ${CARGO_ENCODED_RUSTFLAGS+x} ]]; then
        local e=$CARGO_ENCODED_RUSTFLAGS
        env+=(CARGO_ENCODED_RUSTFLAGS="${e:+$e$us}-L${us}native=$WIN_TOOLS/i686")
    fi
    env "${env[@]}" "$WCARGO" "$@"
}

# wcargo_target TARGET SUBCOMMAND [ARGS...]
wcargo_target() {
    [[ $# -ge 2 ]] || _rassapi_fail "usage: wcargo_target TARGET SUBCOMMAND [ARGS...]" || return
    local target=$1 sub=$2
    shift 2
    wcargo "$sub" -Zbuild-std=std,panic_abort --target "$target" "$@"
}

WINE64_BIN="$(command -v wine64 || echo /usr/lib/wine/wine64)"  # Debian keeps it off PATH
WINESERVER_BIN="${WINE64_BIN%/*}/wineserver"
WINE64="$WIN_TOOLS/bin/wine64"  # runs $WINE64_BIN without address space randomisation (below)
export WINE64 WINE64_BIN
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
export CARGO_TARGET_I686_PC_WINDOWS_GNU_LINKER=i686-w64-mingw32-gcc
export CARGO_TARGET_I686_PC_WINDOWS_GNU_RUSTFLAGS="-L native=$WIN_TOOLS/i686"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER="$WINE64"
export WINEPREFIX="$WIN_TOOLS/wineprefix" WINEDEBUG="${WINEDEBUG:--all}"  # caller may override
export WINEDLLOVERRIDES="mscoree,mshtml,winemenubuilder.exe=d"  # no Mono/Gecko/menu prompts
WINEPATH="$WIN_TOOLS/shim"
export WINEPATH="Z:${WINEPATH//\//\\}"  # Windows form of the shim folder

# One-time setup, serialised with flock so parallel callers do not race.
rassapi_windows_setup() {
    mkdir -p "$WIN_TOOLS" || _rassapi_fail "cannot create $WIN_TOOLS" || return
    (
        flock -w 3600 9 || _rassapi_fail "cannot lock $WIN_TOOLS/.lock" || exit
        rassapi_ensure_packages || exit
        [[ -x $WINE64_BIN ]] || _rassapi_fail "$WINE64_BIN missing (package wine64)" || exit
        _rassapi_build_shim && _rassapi_build_rtstartup && _rassapi_build_wine_wrapper &&
            _rassapi_init_wineprefix
    ) 9>"$WIN_TOOLS/.lock"
}
rassapi_windows_setup || return 1
