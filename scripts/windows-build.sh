#!/usr/bin/env bash
# Builds wsus-doctor.exe for Windows (x86_64-pc-windows-gnu) on Debian, installing what it
# needs. Usage: scripts/windows-build.sh [--release | --dist]
# Output: target/x86_64-pc-windows-gnu/{debug,release,dist}/wsus-doctor.exe, a single file that needs
# only the DLLs every Windows 10 / Server 2016 and later has.
#
# Two ways to a Windows standard library, tried in order:
#   1. rustup's prebuilt one (`rustup target add x86_64-pc-windows-gnu`);
#   2. Debian's Rust (rustc-web, cargo-web) with its standard library sources (rust-web-src),
#      built for the target with -Zbuild-std. Compiler and sources must be the same version,
#      so this route uses Debian's pair throughout.
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-pc-windows-gnu
profile=debug
cargo_args=(build --locked --target "$target")
if [[ "${1:-}" == "--release" ]]; then
    profile=release
    cargo_args+=(--release)
elif [[ "${1:-}" == "--dist" ]]; then
    # The release build stripped of debug information: the file to hand out.
    profile=dist
    cargo_args+=(--profile dist)
fi

apt_install() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if ((${#missing[@]})); then
        echo "windows-build: installing ${missing[*]}" >&2
        local sudo=()
        [[ $(id -u) -eq 0 ]] || sudo=(sudo)
        "${sudo[@]}" apt-get update -qq
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

# wine and wine64 are for scripts/wine-tests.sh, which runs the build.
apt_install gcc-mingw-w64-x86-64 wine wine64
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc

if command -v rustup >/dev/null && rustup target add "$target" >/dev/null 2>&1; then
    echo "windows-build: route 1 (rustup target $target)" >&2
    cargo "${cargo_args[@]}"
else
    echo "windows-build: rustup has no $target here; route 2 (Debian's Rust with -Zbuild-std)" >&2
    apt_install rustc-web cargo-web rust-web-src
    env -u RUSTUP_TOOLCHAIN PATH=/usr/bin:/bin:/usr/sbin:/sbin \
        RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
        /usr/bin/cargo "${cargo_args[@]}" -Zbuild-std=std,panic_abort
fi

exe="target/$target/$profile/wsus-doctor.exe"
# A single file: only system DLLs may be imported (no mingw runtime DLLs next to the .exe).
if command -v x86_64-w64-mingw32-objdump >/dev/null; then
    foreign=$(x86_64-w64-mingw32-objdump -p "$exe" | sed -n 's/.*DLL Name: //p' \
        | grep -viE '^(kernel32|ntdll|ktmw32|advapi32|bcrypt|bcryptprimitives|ws2_32|userenv|crypt32|secur32|ncrypt|ole32|oleaut32|shell32|user32|msvcrt|ucrtbase|iphlpapi|dbghelp|api-ms-win-[a-z0-9-]+)\.dll$' || true)
    if [[ -n "$foreign" ]]; then
        echo "windows-build: $exe imports non-system DLLs: $foreign" >&2
        exit 1
    fi
fi
echo "$exe"
