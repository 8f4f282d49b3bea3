#!/usr/bin/env bash
# Installs every Debian package and npm package youjun needs. Idempotent and quiet when done.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake pkg-config git
  libcpp-httplib-dev nlohmann-json3-dev libcli11-dev libfmt-dev libtomlplusplus-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql-15 postgresql-15-postgis-3 libsodium-dev libargon2-dev libssl-dev zlib1g-dev
  libxlsxwriter-dev libhpdf-dev libminizip-dev libpugixml-dev libboost-dev libmimalloc-dev
  libgtest-dev libgmock-dev libbenchmark-dev libeigen3-dev
  chromium fonts-noto-cjk poppler-utils poppler-data hyperfine curl bc time python3 fet-data
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
    # npm treats a failed download of an optional package as a warning, so a registry hiccup (or an
    # npm that misjudges the platform) can leave out Vite's native bundler, rolldown's platform
    # binding, and the build fails later with "Cannot find module ../rolldown-binding...". So: check
    # that rolldown loads; if not, add its binding for this platform explicitly, then retry npm ci.
    log=$(mktemp /tmp/youjun-npm.XXXXXX)
    rolldown_loads() { (cd web && node --input-type=module -e "await import('rolldown')") >>"$log" 2>&1; }
    add_rolldown_binding() {
      local binding version
      binding="@rolldown/binding-$(node -p "process.platform + '-' + process.arch")-gnu"
      version=$(cd web && node -p "require('./node_modules/rolldown/package.json').optionalDependencies['$binding'] || ''")
      [ -n "$version" ] && [ "$version" != undefined ] || return 1
      echo "补装 adding $binding@$version"
      (cd web && npm install --no-save --force --no-audit --no-fund "$binding@$version") >>"$log" 2>&1
    }
    installed=false
    for attempt in 1 2 3; do
      echo "安装前端依赖 npm ci (web/)"
      if (cd web && npm ci --no-audit --no-fund --loglevel=warn) >"$log" 2>&1 &&
         { rolldown_loads || { add_rolldown_binding && rolldown_loads; }; }; then
        installed=true; break
      fi
      echo "npm ci 不完整 incomplete, attempt $attempt of 3:" >&2
      tail -n 15 "$log" >&2
      sleep $((attempt * 5))
    done
    if [ "$installed" != true ]; then
      echo "错误 error: 前端依赖安装失败 npm ci failed 3 times; full log: $log" >&2
      exit 1
    fi
    rm -f "$log"
    cp web/package-lock.json "$stamp"
  fi
fi
