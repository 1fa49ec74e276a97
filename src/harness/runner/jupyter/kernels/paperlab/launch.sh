#!/usr/bin/env bash
# Starts tslab at the repository root, whatever folder the notebook lives in: tslab compiles
# cells with rootDir = its working directory, so `import ... from "./src"` only works from the root.
# Found relative to this file, so the spec must be used in place (JUPYTER_PATH), never copied by
# `jupyter kernelspec install`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../../../.." && pwd)"
cd "$root"
# exec: the kernel must be this process, so a signal to it (interrupt) reaches tslab itself.
exec node --require "$here/tslab-patches.js" "$root/node_modules/tslab/bin/tslab" kernel --config-path "$1"
