#!/usr/bin/env bash
# Builds every libFuzzer target in fuzz/*_fuzz.cpp (clang, ASan + UBSan) into build-fuzz/ and runs each
# for FUZZ_SECONDS seconds (default 60) on its corpus fuzz/corpus/<target>/, which it keeps and extends.
# One line per target: "fuzz <target>: <runs> runs, <n> corpus files, no crash"; on a crash, hang,
# leak or sanitizer report it names the reproducer file and exits 1. See fuzz/README.md.
#   FUZZ_SECONDS=60        seconds per target
#   FUZZ_TARGETS="csv_fuzz json_body_fuzz"   only these (default: all)
#   FUZZ_MAX_CORPUS=200    corpus files per target before it is minimised with -merge=1
#   CXX=clang++            the compiler (must be clang with libFuzzer: libclang-rt-dev)
set -euo pipefail
shopt -s inherit_errexit
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_MAX_CORPUS=${FUZZ_MAX_CORPUS:-200}
MAX_LEN=4096
OUT=build-fuzz
CXX=${CXX:-clang++}
[[ $CXX == *clang++* ]] || CXX=clang++  # a GCC from the environment cannot build libFuzzer targets
VERSION=$(sed -n 's/^project(youjun VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
FLAGS=(-std=c++20 -O1 -g "-fsanitize=fuzzer,address,undefined" -fno-sanitize-recover=undefined -Isrc
       "-DYOUJUN_VERSION=\"${VERSION:-0}-fuzz\"")

if ! command -v "$CXX" >/dev/null 2>&1; then
  echo "fuzz: skipped: $CXX not found (Debian/Ubuntu: apt-get install clang libclang-rt-dev)"
  exit 0
fi
mkdir -p "$OUT/obj" "$OUT/logs" "$OUT/artifacts"
probe=$OUT/obj/probe
if ! printf 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }\n' |
    nice -n 10 "$CXX" -x c++ - -fsanitize=fuzzer,address,undefined -o "$probe" >"$probe.log" 2>&1; then
  echo "fuzz: skipped: $CXX cannot link libFuzzer targets (Debian/Ubuntu: apt-get install clang libclang-rt-dev)"
  sed 's/^/  /' "$probe.log" | tail -n 5
  exit 0
fi

# Sources and libraries each target needs (only those: the targets do not link the whole program).
IO_SOURCES=(src/io/*.cpp src/core/row_error.cpp)
IO_PACKAGES=(minizip xlsxwriter)
IO_LIBS=(-lpugixml)
# json_body_fuzz includes src/server/handlers_admin.cpp itself (for its anonymous-namespace helpers).
SERVER_SOURCES=(src/core/*.cpp src/auth/*.cpp src/store/connection.cpp src/store/sqlite_connection.cpp
                src/store/postgres_connection.cpp src/server/api.cpp src/server/db_pool.cpp
                src/server/handlers_auth.cpp)
SERVER_PACKAGES=(sqlite3 libpq libsodium libargon2 libcrypto)
SERVER_LIBS=(-lpthread)

target_setup() {  # sets SOURCES, PACKAGES, LIBS for target $1
  case $1 in
    csv_fuzz | gb18030_fuzz | xlsx_xml_fuzz) SOURCES=("${IO_SOURCES[@]}") PACKAGES=("${IO_PACKAGES[@]}") LIBS=("${IO_LIBS[@]}") ;;
    json_body_fuzz) SOURCES=("${SERVER_SOURCES[@]}") PACKAGES=("${SERVER_PACKAGES[@]}") LIBS=("${SERVER_LIBS[@]}") ;;
    geojson_fuzz) SOURCES=("${IO_SOURCES[@]}" src/enroll/catchments.cpp src/enroll/enroll_files.cpp src/geo/coords.cpp
                  src/core/id_number.cpp src/core/dates.cpp)
                  PACKAGES=("${IO_PACKAGES[@]}") LIBS=("${IO_LIBS[@]}") ;;
    fet_fuzz) SOURCES=(src/timetable/fet_file.cpp src/core/row_error.cpp) PACKAGES=(nlohmann_json) LIBS=(-lpugixml) ;;
    *) echo "fuzz: scripts/fuzz.sh does not know the sources of $1: add it to target_setup" >&2; return 1 ;;
  esac
}

# Objects are cached in build-fuzz/obj and rebuilt when the source, a header it includes (-MMD) or the
# flags changed.
stamp="${FLAGS[*]} $($CXX --version | head -n 1)"
if [[ ! -f $OUT/obj/flags || $(cat "$OUT/obj/flags") != "$stamp" ]]; then
  find "$OUT/obj" -name '*.o' -delete
  printf '%s' "$stamp" >"$OUT/obj/flags"
fi

stale() {  # object $1: missing, or older than one of the files it was built from
  local o=$1 d=${1%.o}.d dep
  [[ -f $o && -f $d ]] || return 0
  # shellcheck disable=SC2013  # a dependency file is a list of words
  for dep in $(sed -e 's/^[^:]*://' -e 's/\\$//' "$d"); do
    [[ -e $dep && ! $dep -nt $o ]] || return 0
  done
  return 1
}

compile() {  # source $1 -> prints the object path
  local src=$1 obj=$OUT/obj/${1%.cpp}.o
  shift
  if stale "$obj"; then
    mkdir -p "$(dirname "$obj")"
    echo "fuzz: compiling $src" >&2
    nice -n 10 "$CXX" "${FLAGS[@]}" "$@" -MMD -MF "${obj%.o}.d" -c "$src" -o "$obj" >&2 || return 1
  fi
  echo "$obj"
}

build() {  # target $1 -> $OUT/$1; explicit returns: it runs as an `if` condition, where set -e is off
  local t=$1 cflags libs objs=() src obj bin=$OUT/$1
  target_setup "$t" || return 1
  cflags=$(pkg-config --cflags "${PACKAGES[@]}") || return 1
  libs=$(pkg-config --libs "${PACKAGES[@]}") || return 1
  for src in "fuzz/$t.cpp" "${SOURCES[@]}"; do
    # shellcheck disable=SC2086  # pkg-config output is a list of words
    obj=$(compile "$src" $cflags) || return 1
    objs+=("$obj")
  done
  local relink=0 o
  [[ -f $bin && ! scripts/fuzz.sh -nt $bin ]] || relink=1
  for o in "${objs[@]}"; do [[ $o -nt $bin ]] && relink=1; done
  if ((relink)); then
    echo "fuzz: linking $bin" >&2
    # shellcheck disable=SC2086
    nice -n 10 "$CXX" "${FLAGS[@]}" "${objs[@]}" $libs "${LIBS[@]}" -o "$bin" || return 1
  fi
}

dictionary_of() {  # fuzz/<target>.dict, fuzz/<target without _fuzz>.dict or fuzz/<first word>.dict
  local t=$1 d
  for d in "fuzz/$t.dict" "fuzz/${t%_fuzz}.dict" "fuzz/${t%%_*}.dict"; do
    [[ -f $d ]] && { echo "$d"; return; }
  done
  return 0
}

count_files() { find "$1" -maxdepth 1 -type f | wc -l; }

if [[ -n ${FUZZ_TARGETS:-} ]]; then
  read -r -a targets <<<"$FUZZ_TARGETS"
else
  targets=()
  for f in fuzz/*_fuzz.cpp; do targets+=("$(basename "$f" .cpp)"); done
fi

failed=0
built=()
for t in "${targets[@]}"; do
  if build "$t"; then
    built+=("$t")
  else
    echo "fuzz $t: FAILED to build (compiler output above)"
    rm -f "$OUT/$t"
    failed=$((failed + 1))
  fi
done

for t in "${built[@]}"; do
  corpus=fuzz/corpus/$t
  artifacts=$OUT/artifacts/$t/
  log=$OUT/logs/$t.log
  mkdir -p "$corpus"
  rm -rf "$artifacts" && mkdir -p "$artifacts"
  args=(-max_total_time="$FUZZ_SECONDS" -max_len="$MAX_LEN" -timeout=10 -print_final_stats=1
        -artifact_prefix="$artifacts")
  dict=$(dictionary_of "$t")
  [[ -n $dict ]] && args+=(-dict="$dict")
  rc=0
  nice -n 10 "$OUT/$t" "${args[@]}" "$corpus" >"$log" 2>&1 || rc=$?
  if ((rc != 0)); then
    crash=$(find "$artifacts" -type f | head -n 1)
    echo "fuzz $t: FAILED (exit $rc), reproducer: ${crash:-none written}, log: $log"
    grep -E 'ERROR: |SUMMARY: |runtime error|invariant broken|exception escaped|Test unit written' "$log" | head -n 8 | sed 's/^/  /'
    [[ -n $crash ]] && echo "  rerun: $OUT/$t $crash"
    failed=$((failed + 1))
    continue
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
  [[ -n $runs ]] || runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
  # Keep the corpus small: nothing over the length limit, and past FUZZ_MAX_CORPUS files it is minimised
  # into a fresh directory: a small set of inputs that covers every edge the corpus covers
  # (-set_cover_merge=1 picks a near-minimal set; -use_counters=0: hit counts are not new coverage).
  find "$corpus" -maxdepth 1 -type f -size +${MAX_LEN}c -delete
  if (($(count_files "$corpus") > FUZZ_MAX_CORPUS)); then
    merged=$OUT/merge/$t
    rm -rf "$merged" && mkdir -p "$merged"
    if nice -n 10 "$OUT/$t" -set_cover_merge=1 -use_counters=0 -max_len=$MAX_LEN -timeout=10 "$merged" "$corpus" >>"$log" 2>&1; then
      find "$corpus" -maxdepth 1 -type f -delete
      mv "$merged"/* "$corpus"/ 2>/dev/null || true
    fi
    rm -rf "$merged"
  fi
  echo "fuzz $t: ${runs:-?} runs, $(count_files "$corpus") corpus files, no crash"
done

if ((failed)); then
  echo "fuzz: $failed of ${#targets[@]} targets failed"
  exit 1
fi
