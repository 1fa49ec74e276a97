#!/usr/bin/env bash
# Installs the Debian packages paperlab needs, only when some are missing: it is run before
# `npm start`, `npm test` and `npm run notebook`, so it must cost nothing on a ready machine.
# Exit codes: 0 ready, 2 no apt-get here, 3 packages missing and no root or sudo, 4 apt failed.
# The native compute path's build packages are optional: when they cannot be installed, one line
# says so and native.ts falls back to the wasm/JS path.
set -euo pipefail

packages=(
  jupyter-core jupyter-client jupyter-nbconvert python3-nbclient jupyter-notebook  # kernels, replay
  chromium                                   # real-browser tests of rendered reports
  python3-sklearn python3-pandas libopenblas0-pthread  # oracles in tests (benchmarks name their own peers)
  dataset-fashion-mnist                      # offline Fashion-MNIST (idx files under /usr/share/datasets)
)
native_packages=(g++ make libopenblas-dev liblapacke-dev libdnnl-dev)  # src/library/native
# A single-node Slurm for `paperlab sweep --on slurm` and its test (src/cli/setup/slurm-cluster.sh).
# Opt-in (PAPERLAB_SLURM=1; .ci/run sets it): on a machine with systemd, installing them enables
# system munge/slurm services, which a laptop does not want; the bundled cluster uses none of them.
cluster_packages=(slurm-wlm munge)

install_optional_cluster() {
  [[ "${PAPERLAB_SLURM:-}" == 1 && "${PAPERLAB_SKIP_SYSTEM:-}" != 1 ]] || return 0
  local missing=() p status log
  for p in "${cluster_packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  log=$(mktemp /tmp/paperlab-apt-slurm.XXXXXX.log)
  if [[ $(id -u) -eq 0 ]] && { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; }; } >"$log" 2>&1; then
    rm -f "$log"
  else
    echo "paperlab setup: could not install ${missing[*]} (PAPERLAB_SLURM=1; needs root and apt; log: $log): the bundled Slurm cluster cannot start" >&2
  fi
}

install_optional_native() {
  install_optional_cluster
  local missing=() p status
  for p in "${native_packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 || "${PAPERLAB_SKIP_SYSTEM:-}" == 1 || "${PAPERLAB_NATIVE:-}" == off ]] && return 0
  local log
  log=$(mktemp /tmp/paperlab-apt-native.XXXXXX.log)
  if [[ $(id -u) -eq 0 ]] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$log" 2>&1; then
    rm -f "$log"
  elif [[ $(id -u) -eq 0 ]] && { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >>"$log" 2>&1; then
    rm -f "$log"
  else
    echo "paperlab setup: could not install ${missing[*]} (native compute's build needs them; log: $log): the wasm/JS path will run" >&2
  fi
}

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then install_optional_native; exit 0; fi
[[ "${PAPERLAB_SKIP_SYSTEM:-}" == 1 ]] && { echo "paperlab setup: skipping missing Debian packages (PAPERLAB_SKIP_SYSTEM=1): ${missing[*]}" >&2; exit 0; }

echo "paperlab setup: installing Debian packages: ${missing[*]}" >&2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "paperlab setup: no apt-get on this machine; install these packages (or their equivalents) yourself: ${missing[*]}" >&2
  exit 2
fi
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "paperlab setup: need root to install: ${missing[*]}" >&2
  echo "  run: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 3
fi
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp /tmp/paperlab-apt.XXXXXX.log)
if ! { "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  echo "paperlab setup: apt-get failed while installing: ${missing[*]} (full log: $log)" >&2
  exit 4
fi
rm -f "$log"
install_optional_native
echo "paperlab setup: done" >&2
