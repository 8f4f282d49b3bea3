#!/usr/bin/env bash
# `youjun enroll` command-line contract: the published lottery recomputed with coreutils sha256sum,
# verify (exit 0 identical, 1 different, 2 bad input), matching and its explanation.
set -u
YJ=$(realpath "$1")
source "$(dirname "$(realpath "$0")")/../tap.sh"
T=$(mktemp -d /tmp/youjun-enroll.XXXXXX)
trap 'rm -rf "$T"' EXIT
cd "$T"
exit_code() { "$@" >/dev/null 2>"$T/stderr"; echo $?; }

printf 'applicant_id,school_id,tier\nA3,S1,2\nA1,S1,1\nA2,S1,2\nA4,S2,1\nA5,S1,2\n' > app.csv
printf 'school_id,seats\nS1,2\nS2,0\n' > seats.csv
"$YJ" enroll lottery --applicants app.csv --seats seats.csv --seed 00FF --json --canonical-out canon.csv > res.json
check "lottery digest is sha256sum of the canonical file" bash -c \
  "test \"\$(sha256sum canon.csv | cut -c1-64)\" = \"\$(python3 -c 'import json;print(json.load(open(\"res.json\"))[\"applicants_sha256\"])')\""
check "lottery number is sha256sum of seed:id (seed lowercased)" bash -c \
  "test \"\$('$YJ' enroll number --seed 00FF A2 | cut -c1-64)\" = \"\$(printf '%s' '00ff:A2' | sha256sum | cut -c1-64)\""
# The draw order for S1, recomputed with coreutils only: tier, then number.
expected=$(for id in A1 A2 A3 A5; do tier=$(grep "^$id," app.csv | cut -d, -f3); printf '%s %s %s\n' "$tier" "$(printf '%s' "00ff:$id" | sha256sum | cut -c1-64)" "$id"; done | sort | awk '{print $3}' | paste -sd' ')
got=$(python3 -c 'import json;s=json.load(open("res.json"))["schools"][0];print(" ".join(s["admitted"]+s["waitlist"]))')
check "S1 draw order equals the sort by (tier, sha256sum) [$expected]" test "$got" = "$expected"
check "verify accepts the published result" bash -c "'$YJ' enroll verify --result res.json --applicants app.csv --seats seats.csv --seed 00ff | grep -q '^一致 OK'"
python3 -c 'import json;r=json.load(open("res.json"));w=r["schools"][0]["waitlist"];w[0],w[1]=w[1],w[0];json.dump(r,open("swapped.json","w"))'
rc=$(exit_code "$YJ" enroll verify --result swapped.json --applicants app.csv --seats seats.csv --seed 00ff)
check "verify exits 1 on one swapped pair and names it" bash -c "test $rc = 1 && '$YJ' enroll verify --result swapped.json --applicants app.csv --seats seats.csv --seed 00ff | grep -q '候补名单第 1 位'"
rc=$(exit_code "$YJ" enroll verify --result res.json --applicants app.csv --seats seats.csv --seed 0100)
check "verify exits 1 for another seed" test "$rc" = 1
printf 'applicant_id,school_id,tier\nA1,S1,1\nA1,S2,1\nA2,S1,x\n' > dup.csv
rc=$(exit_code "$YJ" enroll lottery --applicants dup.csv --seats seats.csv --seed 01)
check "duplicate applicant and bad tier: exit 2 with FILE:ROW:COLUMN" bash -c "test $rc = 2 && grep -q '^dup.csv:3:applicant_id: ' '$T/stderr' && grep -q '^dup.csv:4:tier: ' '$T/stderr'"
rc=$(exit_code "$YJ" enroll lottery --applicants app.csv --seats seats.csv --seed xyz)
check "a seed that is not hex is bad input" test "$rc" = 2

# 公民同招: a private school drawn by the same lottery; its losers fall back to their public school, and a
# file that would select by interview is refused with the policy's citation.
printf 'applicant_id,school_id,tier,fallback_school_id\nA1,M1,1,G1\nA2,M1,1,G2\nA3,M1,1,G1\nA4,G1,1,\n' > priv.csv
printf 'school_id,seats,sector\nM1,1,民办\nG1,100,公办\n' > privseats.csv
"$YJ" enroll lottery --applicants priv.csv --seats privseats.csv --seed 0a --json > priv.json
check "公民同招: the two not drawn at the private school are placed at their fallback schools" python3 -c '
import json; r = json.load(open("priv.json"))
m1 = [s for s in r["schools"] if s["school_id"] == "M1"][0]
assert m1["sector"] == "private" and len(m1["admitted"]) == 1, m1
fb = {f["applicant_id"]: f["school_id"] for f in r["fallbacks"]}
want = {"A1": "G1", "A2": "G2", "A3": "G1"}
assert fb == {a: want[a] for a in m1["waitlist"]}, (fb, m1)
assert any(x["key"] == "enroll.selection.tier_and_lottery_only" for x in r["rules"])
'
check "公民同招: verify accepts the result with fallbacks" bash -c "'$YJ' enroll verify --result priv.json --applicants priv.csv --seats privseats.csv --seed 0a | grep -q '^一致 OK'"
printf 'applicant_id,school_id,tier,面试成绩\nA1,M1,1,95\n' > exam.csv
rc=$(exit_code "$YJ" enroll lottery --applicants exam.csv --seats privseats.csv --seed 0a)
check "公民同招: an interview column is refused (exit 2) citing 000 绍兴 (十三)" bash -c "test $rc = 2 && grep -q '^exam.csv:1:面试成绩: 录取只看类别与摇号号码.*000 绍兴' '$T/stderr'"

# Eligibility: tiers from the profile; under Jinhua's profile a home used by another household in 2024
# does not count in 2026, and the tiers feed the lottery.
printf 'applicant_id,school_id,household_id,home_id,hukou_in_catchment,owns_home_in_catchment\nE1,S1,H1,R1,是,是\nE2,S1,H2,R2,是,是\nE3,S1,H3,,否,否\n' > elig.csv
printf 'home_id,household_id,year,applicant_id\nR1,H9,2024,OLD1\nR2,H9,2023,OLD2\n' > homes.csv
"$YJ" enroll eligibility --applications elig.csv --history homes.csv --year 2026 --policy jinhua --json --out elig.json --lottery-out elig-lottery.csv 2>/dev/null
check "eligibility (jinhua): a home used by another household 2 years ago does not count, 3 years ago it does" python3 -c '
import json; r = {a["applicant_id"]: a for a in json.load(open("elig.json"))["applicants"]}
assert r["E1"]["tier"] == 3 and r["E1"]["flags"][0]["kind"] == "home_used_by_other_household", r["E1"]
assert "OLD1" in r["E1"]["flags"][0]["message"] and "002 金华" in r["E1"]["flags"][0]["message"]
assert r["E2"]["tier"] == 1 and r["E2"]["flags"] == [], r["E2"]
assert r["E3"]["tier"] is None and r["E3"]["derivation"][-1].endswith("统筹安排")
'
check "eligibility --lottery-out is a lottery applicants file (tiered applicants only)" bash -c \
  "test \"\$(cat elig-lottery.csv)\" = \"\$(printf 'applicant_id,school_id,tier\nE1,S1,3\nE2,S1,1')\" && '$YJ' enroll lottery --applicants elig-lottery.csv --seats seats.csv --seed 01 --json | grep -q '\"E2\"'"
rc=$(exit_code "$YJ" enroll eligibility --applications elig.csv --policy national --year 2026)
check "eligibility (national): no one-household rule, so no home is checked and stderr says so" bash -c "test $rc = 0 && grep -q '未核对房产' '$T/stderr'"

printf 'student_id,prefs,tier\na,X,1\nb,X|Y,1\nc,Y,1\nd,,1\n' > st.csv
printf 'school_id,seats\nX,1\nY,1\n' > sc.csv
"$YJ" enroll match --students st.csv --schools sc.csv --seed 00ff --json --compare-boston > match.json
check "match result is stable and complete" python3 -c '
import json; r = json.load(open("match.json"))
a = {x["student_id"]: x["school_id"] for x in r["assignments"]}
assert len(a) == 4 and a["d"] is None and sorted(r["unassigned"]) == sorted(k for k, v in a.items() if v is None)
assert r["stats"]["serial_dictatorship"] is True and "comparison" in r'
check "verify accepts the matching" bash -c "'$YJ' enroll verify --result match.json --students st.csv --schools sc.csv --seed 00ff | grep -q '^一致 OK'"
python3 -c '
import json; r = json.load(open("match.json"))
x = [a for a in r["assignments"] if a["school_id"] is not None]
x[0]["school_id"], x[1]["school_id"] = x[1]["school_id"], x[0]["school_id"]
json.dump(r, open("match_bad.json", "w"))'
rc=$(exit_code "$YJ" enroll verify --result match_bad.json --students st.csv --schools sc.csv --seed 00ff)
check "verify exits 1 on a tampered matching" test "$rc" = 1
check "explain names the choice and the cutoff" bash -c "'$YJ' enroll match --students st.csv --schools sc.csv --seed 00ff --explain b | grep -q '第 1 志愿 X'"
printf 'student_id,prefs,tier\na,X|X,1\n' > twice.csv
rc=$(exit_code "$YJ" enroll match --students twice.csv --schools sc.csv --seed 01)
check "a school listed twice is bad input" bash -c "test $rc = 2 && grep -q '^twice.csv:2:prefs: ' '$T/stderr'"

# Catchment lookup: the demo city's own map; a school's own coordinates (from schools.csv, WGS-84) fall
# in that school's catchment.
"$YJ" demo generate --seed 3 --scale 0.2 --out city >/dev/null 2>&1
python3 - <<'PY'
import csv
rows = list(csv.DictReader(open('city/schools.csv', encoding='utf-8-sig')))
with open('pts.csv', 'w') as f:
    f.write('point_id,lon,lat\n')
    for r in rows:
        if r['经度'] and r['办学性质'] in ('公办', 'public') and r['学段'] in ('小学', 'primary'):
            f.write(f"{r['学校代码']},{r['经度']},{r['纬度']}\n")
    f.write('far,100.0,40.0\n')
PY
"$YJ" enroll locate --catchments city/catchments.geojson --points pts.csv --json --out loc.json 2>/dev/null
check "locate puts each public primary school in its own catchment and a far point in none" python3 -c '
import json
r = json.load(open("loc.json"))
schools = {c["catchment_id"]: c["schools"] for c in r["catchments"]}
pts = {p["point_id"]: p["catchments"] for p in r["points"]}
assert pts.pop("far") == [], "far point"
assert len(pts) >= 5, len(pts)
for pid, cs in pts.items():
    assert any(pid in schools[c] for c in cs), (pid, cs)
assert r["summary"]["outside"] >= 1
'
"$YJ" enroll locate --catchments city/catchments.geojson --points pts.csv --stage primary --json --out locp.json 2>/dev/null
check "locate --stage primary: only primary catchments, and each school point lies in its own" python3 -c '
import json
r = json.load(open("locp.json"))
assert r["catchments"] and all("primary" in c["catchment_id"] for c in r["catchments"]), r["catchments"][:3]
schools = {c["catchment_id"]: c["schools"] for c in r["catchments"]}
for p in r["points"]:
    if p["point_id"] == "far": continue
    assert len(p["catchments"]) >= 1 and all(p["point_id"] in schools[c] or len(p["catchments"]) > 1 for c in p["catchments"]), p
'
printf 'point_id,lon,lat\np1,120.5,30\np1,120.5,30\np2,190,30\n' > badpts.csv
rc=$(exit_code "$YJ" enroll locate --catchments city/catchments.geojson --points badpts.csv)
check "locate: duplicate point and bad longitude are bad input with FILE:ROW:COLUMN" bash -c "test $rc = 2 && grep -q '^badpts.csv:3:point_id: ' '$T/stderr' && grep -q '^badpts.csv:4:lon: ' '$T/stderr'"

# Seat warning on the demo city's files, recomputed independently in Python from the same files and the
# policy values the result cites.
"$YJ" enroll warn --catchments city/catchments.geojson --cohorts city/birth_cohorts.csv --housing city/new_housing.csv \
  --seats city/intake_seats.csv --year 2026 --json --out warn.json 2>/dev/null
check "warn: every school-year equals a Python recomputation of the model (births + homes × factor, shared by seats)" python3 - <<'PY'
import csv, json
r = json.load(open("warn.json"))
rule = {x["key"]: float(x["value"]) for x in r["rules"]}
age = {"primary": rule["enroll.warning.entry_age.primary"], "junior": rule["enroll.warning.entry_age.junior"]}
per_home, amber, red = rule["enroll.warning.children_per_home"], rule["enroll.warning.amber_ratio"], rule["enroll.warning.red_ratio"]
feats = [f["properties"] for f in json.load(open("city/catchments.geojson"))["features"]]
births = {(x["catchment_id"], int(x["birth_year"])): int(x["children"]) for x in csv.DictReader(open("city/birth_cohorts.csv"))}
homes = [(x["catchment_id"], int(x["year"]), int(x["homes"])) for x in csv.DictReader(open("city/new_housing.csv"))]
seats = {(x["school_id"], x["stage"]): int(x["seats"]) for x in csv.DictReader(open("city/intake_seats.csv"))}
want = {}
for f in feats:
    schools = f.get("school_codes") or [f["school_code"]]
    for i, y in enumerate(r["years"]):
        demand = births[(f["catchment_id"], y - int(age[f["stage"]]))] + per_home * sum(h for c, yr, h in homes if c == f["catchment_id"] and yr <= y)
        total = sum(seats[(s, f["stage"])] for s in schools)
        for s in schools:
            share = demand * seats[(s, f["stage"])] / total if total else demand / len(schools)
            want[(s, f["stage"], y)] = want.get((s, f["stage"], y), 0) + share
assert len(r["schools"]) * len(r["years"]) == len(want), (len(r["schools"]), len(want))
lights = {"red": 0, "amber": 0, "green": 0}
for s in r["schools"]:
    for y in s["years"]:
        d = want[(s["school_id"], s["stage"], y["entry_year"])]
        assert abs(y["demand"] - round(d, 1)) < 0.051, (s["school_id"], y, d)
        n = seats[(s["school_id"], s["stage"])]
        light = "red" if (d > 0 and n == 0) or (n and d / n > red) else "amber" if n and d / n > amber else "green"
        assert y["light"] == light, (s["school_id"], y, d, n)
    lights[s["light"]] += 1
assert lights["red"] >= 1 and lights["green"] >= 1, lights
assert r["summary"]["red"] == lights["red"] and r["summary"]["green"] == lights["green"]
PY
"$YJ" demo load --db city.db --dir city >/dev/null 2>&1
sqlite3 city.db "SELECT status FROM enroll_runs WHERE method = 'lottery'" > run-status.txt
sqlite3 city.db "SELECT result_json FROM enroll_runs WHERE method = 'lottery'" > demo-run.json
check "demo load publishes the 公民同招 lottery, and verify recomputes it from the demo files and seed 20260901" bash -c \
  "test \"\$(cat run-status.txt)\" = published && '$YJ' enroll verify --result demo-run.json --applicants city/lottery_applicants.csv --seats city/lottery_seats.csv --seed 20260901 | grep -q '^一致 OK'"
sqlite3 city.db "SELECT status FROM enroll_runs WHERE method = 'match'" > match-status.txt
sqlite3 city.db "SELECT result_json FROM enroll_runs WHERE method = 'match'" > demo-match.json
# A small city may have no 多校划片 zone: then no match run either (the e2e city at scale 1 has one).
if [ "$(wc -l < city/match_students.csv)" -gt 1 ]; then
  check "demo load publishes the 多校划片 match, and verify recomputes it from the demo files and seed 20260902" bash -c \
    "test \"\$(cat match-status.txt)\" = published && '$YJ' enroll verify --result demo-match.json --students city/match_students.csv --schools city/match_schools.csv --seed 20260902 | grep -q '^一致 OK'"
else
  check "a demo without 多校划片 zones has no match run" test ! -s match-status.txt
fi
python3 -c '
import csv
rows = list(csv.DictReader(open("city/addresses.csv", encoding="utf-8-sig")))
with open("addr-points.csv", "w") as f:
    f.write("point_id,lon,lat\n")
    for r in rows: f.write(",".join([r["address_id"], r["lon"], r["lat"]]) + "\n")
'
"$YJ" enroll locate --catchments city/catchments.geojson --points addr-points.csv --stage primary --json --out addr-loc.json 2>/dev/null
check "every demo address lies in a primary catchment, 6 per catchment and 12 per 多校划片 zone (enroll locate on the files)" python3 -c '
import json; r = json.load(open("addr-loc.json")); g = json.load(open("city/catchments.geojson"))
primary = [f["properties"] for f in g["features"] if f["properties"]["stage"] == "primary"]
multi = sum(1 for p in primary if p["kind"] == "multi")
assert len(r["points"]) == 6 * (len(primary) - multi) + 12 * multi, (len(r["points"]), len(primary), multi)
assert all(p["catchments"] for p in r["points"]), [p for p in r["points"] if not p["catchments"]][:3]
'

"$YJ" enroll warn --db city.db --year 2026 --json --out warndb.json 2>/dev/null
check "warn --db (the files stored by demo load) gives the same schools and lights as warn on the files" python3 -c '
import json; a = json.load(open("warn.json")); b = json.load(open("warndb.json"))
assert a["schools"] == b["schools"] and a["summary"] == b["summary"], "differs"
housing = len(open("city/new_housing.csv", encoding="utf-8-sig").read().splitlines()) > 1  # a small city may have none
assert b["datasets"] == ["catchments v1", "birth_cohorts v1"] + (["new_housing v1"] if housing else []) + ["intake_seats v1"], b["datasets"]
'
"$YJ" enroll locate --db city.db --points pts.csv --json --out locdb.json 2>/dev/null
check "locate --db gives the same points as locate on the file" python3 -c '
import json; a = json.load(open("loc.json")); b = json.load(open("locdb.json")); assert a["points"] == b["points"]
'
printf 'catchment_id,birth_year,children\nnowhere,2020,5\n' > badcoh.csv
rc=$(exit_code "$YJ" enroll warn --catchments city/catchments.geojson --cohorts badcoh.csv --seats city/intake_seats.csv --year 2026)
check "warn: an unknown catchment is bad input with FILE:ROW:COLUMN" bash -c "test $rc = 2 && grep -q '^badcoh.csv:2:catchment_id: 学区 nowhere 不在学区文件中' '$T/stderr'"
head -2 city/intake_seats.csv > fewseats.csv
rc=$(exit_code "$YJ" enroll warn --catchments city/catchments.geojson --cohorts city/birth_cohorts.csv --seats fewseats.csv --year 2026)
check "warn: schools without seats are named, exit 2" bash -c "test $rc = 2 && grep -q '^fewseats.csv:0:school_id: 学区 .* 没有 2026、2027、2028 年的学位数' '$T/stderr'"

# 随迁子女 share per county, stateless on the demo files, against a count done here in Python.
"$YJ" enroll migrant-share --schools city/schools.csv --students city/students.csv --json --out migrant.json 2>/dev/null
check "migrant-share: per-district counts and shares equal a Python count of the CSV files (grades 1-9)" python3 - <<'PY'
import csv, json
r = json.load(open("migrant.json"))
schools = {x["学校代码"]: x for x in csv.DictReader(open("city/schools.csv", encoding="utf-8-sig"))}
want = {}
for st in csv.DictReader(open("city/students.csv", encoding="utf-8-sig")):
    if st["随迁子女"] != "是" or not 1 <= int(st["年级"]) <= 9: continue
    s = schools[st["学校代码"]]
    m, p = want.get(s["区县代码"], (0, 0))
    want[s["区县代码"]] = (m + 1, p + (s["办学性质"] == "公办"))
got = {d["district_code"]: (d["migrants"], d["in_public"]) for d in r["districts"] if d["district_code"]}
assert got == want, (got, want)
city = r["districts"][-1]
assert city["district_code"] is None and city["migrants"] == sum(m for m, _ in want.values())
for d in r["districts"]:
    assert d["meets"] == (d["share"] >= 0.85), d
assert r["rules"][0]["key"] == "enroll.migrant.public_share.min"
PY
rc=$(exit_code "$YJ" enroll migrant-share --schools city/schools.csv)
check "migrant-share: --schools without --students is bad input" test "$rc" = 2

echo "enroll cli: $n_ok passed, $n_fail failed"
[ $n_fail -eq 0 ]
