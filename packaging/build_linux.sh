#!/usr/bin/env bash
# Build the Linux one-folder bundle (dist/reception/), run its self-test with no screen, print its size.
# Exits non-zero when the build or the self-test fails. Usage: packaging/build_linux.sh [--no-install]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" != "--no-install" ]; then
  python -m pip install -q -e ".[desk]" "pyinstaller>=6.10,<7"
fi

start=$(date +%s)
python -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/reception-linux.spec
built=$(( $(date +%s) - start ))
echo "Built dist/reception in ${built} s."

# The self-test must pass inside the bundle with no display at all, in a throwaway home.
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
if ! env -u DISPLAY -u WAYLAND_DISPLAY RECEPTION_HOME="$home" dist/reception/reception --self-test; then
  echo "The bundle's self-test FAILED." >&2
  exit 1
fi

size=$(du -sh dist/reception | cut -f1)
bytes=$(du -sb dist/reception | cut -f1)
files=$(find dist/reception -type f | wc -l)
echo "Bundle size: ${size} (${bytes} bytes, ${files} files); build time ${built} s."
echo "Largest parts:"
# (awk stops printing, not reading: a `head` here would SIGPIPE `sort` and fail the script under pipefail)
du -s dist/reception/_internal/* 2>/dev/null | sort -rn | awk 'NR <= 8 {printf "  %6.1f MB  %s\n", $1/1024, $2}'
