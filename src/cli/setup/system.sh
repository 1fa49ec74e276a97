#!/usr/bin/env bash
# Installs the Debian packages paperlab needs, only when some are missing: it is run before
# `npm start`, `npm test` and `npm run notebook`, so it must cost nothing on a ready machine.
# Exit codes: 0 ready, 2 no apt-get here, 3 packages missing and no root or sudo, 4 apt failed.
set -euo pipefail

packages=(
  jupyter-core jupyter-client jupyter-nbconvert python3-nbclient jupyter-notebook  # kernels, replay
  chromium                                   # real-browser tests of rendered reports
  python3-sklearn python3-pandas libopenblas0-pthread  # oracles in tests (benchmarks name their own peers)
  dataset-fashion-mnist                      # offline Fashion-MNIST (idx files under /usr/share/datasets)
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
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
echo "paperlab setup: done" >&2
