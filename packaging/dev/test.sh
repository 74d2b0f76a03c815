#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
vmstick_install_packages "$VMSTICK_SRC/packaging/dev/packages-build.txt" "$VMSTICK_SRC/packaging/dev/packages-test.txt"
vmstick_build default
cd "$VMSTICK_SRC"
ctest --preset default "$@"
