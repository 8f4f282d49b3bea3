#!/usr/bin/env bash
# Command-line contract tests: exit codes (0 ok, 2 bad input, 1 failure), error lines
# FILE:ROW:COLUMN: message, encodings, export headers. Prints "ok - name" / "not ok - name".
set -u
YJ=$(realpath "$1")
source "$(dirname "$(realpath "$0")")/../tap.sh"  # before any cd: $0 may be relative
T=$(mktemp -d /tmp/youjun-cli.XXXXXX)
trap 'rm -rf "$T"' EXIT
cd "$T"
exit_code() { "$@" >/dev/null 2>"$T/stderr"; echo $?; }

check "version prints the version" bash -c "'$YJ' version | grep -qx 'youjun [0-9.]*'"
check "db init applies migrations" bash -c "'$YJ' db init --db city.db && '$YJ' db status --db city.db | grep -q '^001  001_core'"

printf '\xef\xbb\xbf学校代码,学校名称,区县代码,区县名称,学段,办学性质,城乡类别,地址,经度,纬度\r\n3306020001,越城区鲁迅小学,330602,越城区,小学,公办,城区,"鲁迅路1号,东门",120.58,30.00\r\n3306030001,柯桥区齐贤镇中学,330603,柯桥区,初中,公办,镇区,,,\r\n' > schools.csv
check "import schools (UTF-8 BOM, CRLF, quoted comma)" bash -c "'$YJ' import schools schools.csv --db city.db | grep -q '2 行，新增 2'"
check "a command-line import is audited (cli:<user>) and the chain verifies" bash -c "'$YJ' audit list --db city.db | grep -q '\"action\": \"import.schools\"' && '$YJ' audit verify --db city.db | grep -q '审计日志完整'"
check "re-import is idempotent" bash -c "'$YJ' import schools schools.csv --db city.db | grep -q '新增 0，更新 0，未变 2'"

printf 'school_code,name,district_code,district_name,level,ownership,locale\n3306040001,上虞区实验小学,330604,上虞区,primary,public,urban\n' | iconv -f UTF-8 -t GB18030 > gbk.csv
printf '学校代码,学校名称,区县代码,区县名称,学段,办学性质,城乡类别\n3306040002,上虞区百官小学,330604,上虞区,小学,公办,城区\n' | iconv -f UTF-8 -t GB18030 > gbk_zh.csv
check "import GBK files (English and Chinese headers)" bash -c "'$YJ' import schools gbk.csv gbk_zh.csv --db city.db"
check "GBK text stored as UTF-8" bash -c "'$YJ' export schools --db city.db --out all.csv && grep -q '上虞区百官小学' all.csv"

cp city.db before.db
printf '学校代码,学校名称,区县代码,区县名称,学段,办学性质,城乡类别\n3306040003,好学校,330604,上虞区,幼儿园,公办,城区\n3306040004,,330604,上虞区,小学,公办,城区\n' > bad.csv
rc=$(exit_code "$YJ" import schools bad.csv --db city.db)
check "bad import exits 2" test "$rc" = 2
check "bad import reports every bad row as FILE:ROW:COLUMN" bash -c "grep -q '^bad.csv:2:学段: ' '$T/stderr' && grep -q '^bad.csv:3:学校名称: ' '$T/stderr'"
check "bad import leaves the database unchanged" bash -c "'$YJ' export schools --db city.db --out after.csv && '$YJ' export schools --db before.db --out before.csv && cmp -s after.csv before.csv"

# A facts file with every column (header from an empty export), zeros, and a non-numeric area.
"$YJ" export school_facts --db city.db --out facts_tmpl.csv > /dev/null
sed '1s/^\xef\xbb\xbf//; s/\r$//' facts_tmpl.csv | head -1 > facts_bad.csv
awk -F, 'NR==1 { for (i = 1; i <= NF; i++) printf "%s%s", (i > 1 ? "," : ""), ($i == "学校代码" ? "3306020001" : $i == "学年" ? "2025-2026" : $i ~ /^教学及辅助用房面积/ ? "abc" : "0"); print "" }' facts_bad.csv >> facts_bad.csv
rc=$(exit_code "$YJ" import school_facts facts_bad.csv --db city.db)
check "non-numeric area is rejected with its column" bash -c "test $rc = 2 && grep -q '^facts_bad.csv:2:教学及辅助用房面积(平方米): ' '$T/stderr'"

rc=$(exit_code "$YJ" import schools nope.csv --db city.db)
check "missing file is bad input" test "$rc" = 2
rc=$(exit_code "$YJ" import nonsense schools.csv --db never.db)
check "unknown kind is bad input (exit 2, the kinds listed), no database or key created" bash -c "test $rc = 2 && grep -q '未知的导入类型 nonsense（可用：schools、school_facts、teachers、students）' '$T/stderr' && ! test -e never.db && ! test -e never.db.key"

check "export xlsx" bash -c "'$YJ' export schools --db city.db --out s.xlsx && test -s s.xlsx && '$YJ' import schools s.xlsx --db city.db | grep -q '新增 0'"
check "export header is Chinese" bash -c "head -c 200 all.csv | grep -q '学校代码,学校名称,区县代码,区县名称,学段'"

# PostgreSQL (scripts/with-postgres.sh provides the server): migrate, copy the SQLite office database to
# the city server, back it up and restore it into a fresh database; the exports must be identical.
if [ -n "${YOUJUN_TEST_PG_URL:-}" ]; then
  pg_base=${YOUJUN_TEST_PG_URL%/*}
  db_name="cli_$$"
  psql -q "$YOUJUN_TEST_PG_URL" -c "CREATE DATABASE ${db_name}" -c "CREATE DATABASE ${db_name}_r" >/dev/null
  PG="$pg_base/$db_name"; PGR="$pg_base/${db_name}_r"
  check "db init on PostgreSQL" bash -c "'$YJ' db init --db '$PG' && '$YJ' db status --db '$PG' | grep -q 'backend: postgresql; 待应用 pending: 0'"
  check "db copy SQLite -> PostgreSQL" bash -c "'$YJ' db copy --from city.db --to '$PG' | grep -q '^已复制'"
  check "copied data exports identically" bash -c "'$YJ' export schools --db '$PG' --out pg.csv && cmp -s pg.csv after.csv"
  rc=$(exit_code "$YJ" db copy --from city.db --to "$PG")
  check "db copy into a non-empty database is refused" bash -c "test $rc = 1 && grep -q '不是空库' '$T/stderr'"
  check "db backup + restore on PostgreSQL" bash -c "'$YJ' db backup --db '$PG' --out pg.dump && '$YJ' db restore --from pg.dump --db '$PGR' && '$YJ' export schools --db '$PGR' --out pgr.csv && cmp -s pgr.csv after.csv"
  check "db backup + restore on SQLite" bash -c "'$YJ' db backup --db city.db --out lite.bak && '$YJ' db restore --from lite.bak --db restored.db && '$YJ' export schools --db restored.db --out r.csv && cmp -s r.csv after.csv"
  rc=$(exit_code "$YJ" import schools bad.csv --db "$PG")
  check "bad import on PostgreSQL exits 2 with row errors" bash -c "test $rc = 2 && grep -q '^bad.csv:2:学段: ' '$T/stderr'"
  # Optional PostGIS (issue 5 §1): the same lookup computed by the server gives the same file, byte for byte;
  # A = [0,1]², B = [1,2]×[0,1]: a point on their shared edge is in both and flagged.
  cat > sq.geojson <<'GEO'
{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"catchment_id":"A","school_code":"SA"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},
{"type":"Feature","properties":{"catchment_id":"B","school_code":"SB"},"geometry":{"type":"Polygon","coordinates":[[[1,0],[2,0],[2,1],[1,1],[1,0]]]}}]}
GEO
  printf 'point_id,lon,lat\np1,0.5,0.5\np2,1,0.5\np3,1.5,0.25\np4,3,3\n' > sqpts.csv
  "$YJ" enroll locate --catchments sq.geojson --points sqpts.csv --out sq-cpp.csv 2>/dev/null
  check "enroll locate --postgis gives the C++ path's answer (A; A|B on the border; B; none)" bash -c "'$YJ' enroll locate --db '$PG' --postgis --catchments sq.geojson --points sqpts.csv --out sq-gis.csv 2>/dev/null && cmp -s sq-cpp.csv sq-gis.csv && grep -qx 'p2,A|B,是' sq-gis.csv && grep -qx 'p4,,否' sq-gis.csv"
  rc=$(exit_code "$YJ" enroll locate --postgis --catchments sq.geojson --points sqpts.csv)
  check "enroll locate --postgis without --db is bad input" bash -c "test $rc = 2 && grep -q 'postgresql' '$T/stderr'"
  rc=$(exit_code "$YJ" enroll locate --db city.db --postgis --catchments sq.geojson --points sqpts.csv)
  check "enroll locate --postgis on a SQLite database fails clearly" bash -c "test $rc = 1 && grep -q 'PostGIS 只能用于 PostgreSQL' '$T/stderr'"
  psql -q "$YOUJUN_TEST_PG_URL" -c "DROP DATABASE ${db_name} WITH (FORCE)" -c "DROP DATABASE ${db_name}_r WITH (FORCE)" >/dev/null
fi

# The key guard: with encrypted rows stored, a command that cannot find the key file refuses to start a
# new key (rows under two keys would duplicate).
printf 'id_number,name,gender,birth_date,hukou_type,migrant,school_code,grade,class_no\n11010519491231002X,测试,F,1949-12-31,nonlocal,0,3306020001,5,1\n' > stu.csv
"$YJ" import students stu.csv --db city.db > /dev/null 2>&1
mv city.db.key city.db.key.away
rc=$(exit_code "$YJ" import schools schools.csv --db city.db)
check "missing key file next to encrypted rows is refused" bash -c "test $rc = 1 && grep -q '找不到个人信息密钥文件' '$T/stderr' && test ! -e city.db.key"
mv city.db.key.away city.db.key

echo "cli: $n_ok passed, $n_fail failed"
[ $n_fail -eq 0 ]
