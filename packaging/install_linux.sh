#!/usr/bin/env bash
# Install a built bundle (dist/reception) for all users: /opt/reception, the `reception` command,
# the menu entry and the icons. Run as root after packaging/build_linux.sh. Data stays in each user's home.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${PREFIX:-/opt/reception}"
[ -x dist/reception/reception ] || { echo "Build first: packaging/build_linux.sh" >&2; exit 1; }

rm -rf "$prefix"
mkdir -p "$prefix"
cp -a dist/reception/. "$prefix/"
ln -sf "$prefix/reception" /usr/local/bin/reception
install -Dm644 resources/reception.desktop /usr/local/share/applications/reception.desktop
for size in 16 24 32 48 64 128 256; do
  install -Dm644 "resources/icons/app/reception-${size}.png" \
    "/usr/local/share/icons/hicolor/${size}x${size}/apps/reception.png"
done
install -Dm644 resources/icons/app/reception.svg /usr/local/share/icons/hicolor/scalable/apps/reception.svg
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q /usr/local/share/icons/hicolor || true
command -v update-desktop-database >/dev/null && update-desktop-database -q /usr/local/share/applications || true
echo "Installed in $prefix; run 'reception --self-test' to check it."
