# shellcheck shell=bash
# ensure_packages PKG...: installs the Debian packages that are missing
# (apt-get update first, only when something is missing), as root or with
# `sudo -n`. Returns 1 with the install command on stderr when it cannot.
# Sourced by scripts/test, scripts/robust and scripts/windows-env.sh.
ensure_packages() {
    local missing=() p sudo=()
    for p in "$@"; do # shellcheck disable=SC2016 # ${db:...} is dpkg's, not bash's
        [[ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" == installed ]] ||
            missing+=("$p")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    echo "ensure_packages: installing ${missing[*]}" >&2
    [[ $EUID -eq 0 ]] || sudo=(sudo -n)
    if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"; } </dev/null >&2; then
        echo "ensure_packages: could not install; run as root: apt-get install ${missing[*]}" >&2
        return 1
    fi
}
