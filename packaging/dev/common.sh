# Shared by run.sh and test.sh: install what is missing, then build.
# shellcheck shell=bash
set -euo pipefail

VMSTICK_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Installs the packages listed in the given files that are not installed yet.
# Uses sudo when not root; asks apt only when something is missing.
vmstick_install_packages() {
  local wanted=() missing=() pkg
  for list in "$@"; do
    while read -r pkg; do
      [[ -z "$pkg" || "$pkg" == \#* ]] && continue
      wanted+=("$pkg")
    done < "$list"
  done
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  echo "vmstick: installing ${missing[*]}" >&2
  local sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Configures and builds one CMake preset (default, asan, nogui, release).
vmstick_build() {
  local preset="$1"
  cd "$VMSTICK_SRC"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
}
