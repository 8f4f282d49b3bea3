#!/usr/bin/env bash
# Installs every Debian package and npm package youjun needs. Idempotent and quiet when done.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake pkg-config git
  libcpp-httplib-dev nlohmann-json3-dev libcli11-dev libfmt-dev libtomlplusplus-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql-15 libsodium-dev libargon2-dev libssl-dev zlib1g-dev
  libxlsxwriter-dev libminizip-dev libpugixml-dev libboost-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  chromium fonts-noto-cjk hyperfine curl bc
)
# Node 20 + npm: use the machine's own when present (CI images ship one), else Debian's.
command -v node >/dev/null 2>&1 || APT_PACKAGES+=(nodejs)
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(npm)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "安装系统软件包 installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ -f web/package-lock.json ]; then
  stamp=web/node_modules/.youjun-lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s web/package-lock.json "$stamp"; then
    echo "安装前端依赖 npm ci (web/)"
    (cd web && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    cp web/package-lock.json "$stamp"
  fi
fi
