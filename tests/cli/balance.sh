#!/usr/bin/env bash
# `youjun balance evaluate` command-line contract: bad input (exit 2, every bad row), results recomputed by
# the independent Python reference (bench/balance/balance_ref.py) on a synthetic province sample and on the
# demo city, the database path equal to the file path, and a city profile tightening the CV limit.
set -u
YJ=$(realpath "$1")
ROOT=$(cd "$(dirname "$(realpath "$0")")/../.." && pwd)
REF="$ROOT/bench/balance/balance_ref.py"
source "$ROOT/tests/tap.sh"
T=$(mktemp -d /tmp/youjun-balance.XXXXXX)
trap 'rm -rf "$T"' EXIT
cd "$T"

H=school_id,name,county,level,students,classes,teachers_above_degree,backbone_teachers,pe_art_teachers,teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms
printf '%s\nA1,甲,县A,primary,0,3,5,1,1,450,750,200000,3\nA2,乙,县A,middle,100,3,5,1,1,450,750,200000,3\nA3,丙,县A,junior,100,3,5,1,1,x,750,200000,3\n' "$H" > bad.csv
"$YJ" balance evaluate --schools bad.csv --json > bad.json 2> bad.err
rc=$?
check "bad input: exit 2, nothing on stdout" bash -c "test $rc = 2 && test ! -s bad.json"
check "bad input: each bad row reported as FILE:ROW:COLUMN" bash -c \
  "grep -q '^bad.csv:2:students: ' bad.err && grep -q '^bad.csv:3:level: ' bad.err && grep -q '^bad.csv:4:teaching_area_m2: ' bad.err"
printf 'school_id,name\nA,甲\n' > cols.csv
rc=$("$YJ" balance evaluate --schools cols.csv > /dev/null 2> cols.err; echo $?)
check "missing columns: exit 2 naming each" bash -c "test $rc = 2 && test \$(grep -c '缺少必填列' cols.err) = 11"

python3 "$REF" gen 600 11 sample.csv
"$YJ" balance evaluate --schools sample.csv --json --out sample.json 2> /dev/null
check "600 synthetic schools: every value, compliance and CV equals the Python reference" python3 "$REF" check sample.json sample.csv

"$YJ" demo generate --seed 5 --scale 0.3 --out city > /dev/null 2>&1
"$YJ" demo load --db city.db --dir city > /dev/null 2>&1
python3 "$REF" from-demo city city.csv
year=$(python3 -c 'import json;print(json.load(open("city/manifest.json"))["latest_school_year"][:4])')
"$YJ" balance evaluate --schools city.csv --year "$year" --json --out city.json 2> /dev/null
check "demo city file: equals the Python reference" python3 "$REF" check city.json city.csv
"$YJ" balance evaluate --db city.db --json --out db.json 2> /dev/null
check "demo city database (newest school year): same parts, compliance and CVs as the file" python3 -c '
import json
a, b = json.load(open("city.json")), json.load(open("db.json"))
key = lambda s: (s["school_id"], s["level"])
fa = {key(s): (s["compliant"], s["values"]) for s in a["schools"]}
fb = {key(s): (s["compliant"], s["values"]) for s in b["schools"]}
# The file format cannot hold a 一贯制 school with an empty level; the database path evaluates its other level.
assert set(fa) <= set(fb) and len(fb) - len(fa) <= 5, (len(fa), len(fb))
for k in fa: assert fa[k] == fb[k], (k, fa[k], fb[k])
assert a["year"] == b["year"], (a["year"], b["year"])
if len(fa) == len(fb):
    assert [c["cv"] for c in a["counties"]] == [c["cv"] for c in b["counties"]]
'
"$YJ" balance evaluate --db city.db --profile shaoxing --year 2025 --json --out sx.json 2> /dev/null
check "绍兴 2025: junior CV limit < 0.30 and primary < 0.35, cited to 004" python3 -c '
import json; r = json.load(open("sx.json"))
lim = {(c["level"], c["cv_limit"], c["cv_compare"]) for c in r["counties"]}
assert lim == {("primary", 0.35, "<"), ("junior", 0.3, "<")}, lim
assert all("004" in c["cv_cite"] for c in r["counties"])
for c in r["counties"]:
    assert c["cv_pass"] == all(v < c["cv_limit"] for v in c["cv"].values()), c
'
"$YJ" balance evaluate --db city.db --profile shaoxing --year 2024 --json --out sx24.json 2> /dev/null
check "绍兴 2024: the national limits still apply" python3 -c '
import json; r = json.load(open("sx24.json"))
assert {(c["level"], c["cv_limit"]) for c in r["counties"]} == {("primary", 0.5), ("junior", 0.45)}
'
"$YJ" balance plan --schools sample.csv --json --out plan.json 2> /dev/null
check "plan: every non-compliant part is compliant after its additions (reference floors), whole units, priced" python3 -c '
import json, sys
sys.path.insert(0, "'"$ROOT"'/bench/balance"); import balance_ref as ref
plan, ev = json.load(open("plan.json")), json.load(open("sample.json"))
before = {(s["school_id"], s["level"]): s for s in ev["schools"]}
unit = {"人": 150000, "m²": None, "元": 1, "间": 60000}
assert len(plan["schools"]) == sum(1 for s in ev["schools"] if not s["compliant"]), len(plan["schools"])
for p in plan["schools"]:
    s = before[(p["school_id"], p["level"])]
    values = dict(s["values"])
    for a in p["additions"]:
        assert a["amount"] == int(a["amount"]) and a["amount"] > 0, a
        values[a["key"]] = a["value_after"]
        if a["unit"] in ("人", "间") and "school_amount" not in a:
            assert abs(a["cost_yuan"] - a["amount"] * unit[a["unit"]]) < 1, a
    assert ref.compliant(p["level"], [values[k] for k in ref.KEYS]), p
    assert p["compliant_after"], p
'
"$YJ" balance plan --db city.db --profile shaoxing --year 2025 --json --out sxplan.json 2> /dev/null
check "plan (demo city, 绍兴 2025): counties over the CV limit name their pullers and pass after the raise" python3 -c '
import json
plan = json.load(open("sxplan.json"))
failing = {(c["county"], c["level"]) for c in json.load(open("sx.json"))["counties"] if not c["cv_pass"]}
assert failing and {(c["county"], c["level"]) for c in plan["counties"]} >= failing, failing
for c in plan["counties"]:
    assert c["cv_pass_after"] and all(v < c["cv_limit"] for v in c["cv_after"].values()), c["county"]
    for key in (k for k, v in c["cv_before"].items() if v > c["cv_limit"]):
        assert len(c["pullers"][key]) >= 1
print(len(plan["counties"]), "county levels planned; total", plan["total_cost_yuan"], "元")
'
printf 'district,creation,achieved_year,rate\n柯桥区,national_quality_balanced_county,2021,\n诸暨市,national_quality_balanced_county,,\n上虞区,city_demo_towns,,85%%\n' > achieved.csv
"$YJ" balance creations --achieved achieved.csv --year 2023 --json > creations.json 2> creations.err
check "五大创建 2023: 柯桥 on time, 诸暨 (2021) and 上虞 towns (2022, 85 %) behind, counted" python3 -c '
import json; r = json.load(open("creations.json"))
st = {(d["district"], c["creation"]): c["status"] for d in r["districts"] for c in d["creations"]}
assert st[("柯桥区", "national_quality_balanced_county")] == "achieved"
assert st[("诸暨市", "national_quality_balanced_county")] == "behind"
assert st[("上虞区", "city_demo_towns")] == "behind"
assert st[("越城区", "national_quality_balanced_county")] == "due"
assert r["behind"] == sum(1 for v in st.values() if v == "behind") and r["behind"] >= 3, r["behind"]
'
printf 'district,creation\n西湖区,city_demo_towns\n' > badach.csv
rc=$("$YJ" balance creations --achieved badach.csv > /dev/null 2> badach.err; echo $?)
check "五大创建: an unknown district is bad input (exit 2, row named)" bash -c "test $rc = 2 && grep -q '^badach.csv:2:district: ' badach.err"
"$YJ" balance exchange --db city.db --county 越城区 --level primary --json --out exchange.json 2> /dev/null
check "exchange: same-subject swaps, required share met, CVs recomputed from the database before and after" python3 -c '
import json, sqlite3, math
r = json.load(open("exchange.json")); db = sqlite3.connect("city.db")
sy = r["school_year"]
pupils = dict(db.execute("SELECT s.code, f.students_g1+f.students_g2+f.students_g3+f.students_g4+f.students_g5+f.students_g6 "
  "FROM school_facts f JOIN schools s ON s.code=f.school_code WHERE f.school_year=? AND s.district_code=? AND s.ownership=\"public\"",
  (sy, r["district_code"])).fetchall())
pupils = {k: v for k, v in pupils.items() if v > 0}
cnt = {k: [0, 0] for k in pupils}
for school, edu, bb in db.execute("SELECT school_code, education, backbone_level FROM teachers t JOIN schools s ON s.code=t.school_code "
                                  "WHERE s.district_code=? AND t.level=\"primary\"", (r["district_code"],)):
    if school in cnt:
        cnt[school][0] += edu in ("associate", "bachelor", "postgraduate"); cnt[school][1] += bb != "none"
def cv(k):
    n = sum(pupils.values()); xs = {s: 100 * cnt[s][k] / pupils[s] for s in pupils}
    m = sum(pupils[s] * xs[s] for s in pupils) / n
    return math.sqrt(sum(pupils[s] * (xs[s] - m) ** 2 for s in pupils) / n) / m
before = (cv(0), cv(1))
for m in r["moves"]:
    for k, flag in ((0, m["above_degree"]), (1, m["backbone"])):
        cnt[m["from_school"]][k] -= flag; cnt[m["to_school"]][k] += flag
after = (cv(0), cv(1))
got = r["cv"]
assert abs(got["teachers_above_degree_per100"]["before"] - before[0]) < 1e-9 and abs(got["backbone_teachers_per100"]["before"] - before[1]) < 1e-9, (got, before)
assert abs(got["teachers_above_degree_per100"]["after"] - after[0]) < 1e-9 and abs(got["backbone_teachers_per100"]["after"] - after[1]) < 1e-9, (got, after)
assert after[0] <= before[0] + 1e-12 and after[1] <= before[1] + 1e-12
assert r["moved"] == len(r["moves"]) >= r["required_moves"] > 0 and r["share_met"]
pairs = {}
for m in r["moves"]:
    assert m["from_school"] != m["to_school"] and m["years_at_school"] >= 6
for a, b in zip(r["moves"][0::2], r["moves"][1::2]):
    assert a["subject"] == b["subject"] and a["from_school"] == b["to_school"] and a["to_school"] == b["from_school"], (a, b)
print("moves", r["moved"], "CV", [round(x, 4) for x in before], "->", [round(x, 4) for x in after])
'
check "exchange reads teachers: an audit entry teachers.read" bash -c "sqlite3 city.db \"SELECT COUNT(*) FROM audit_log WHERE action = 'teachers.read'\" | grep -qx 1"
"$YJ" balance exchange --db city.db --county 越城区 --level primary --same-title --json --out exchange-title.json 2> /dev/null
check "exchange --same-title: partners share subject and 职称, so no school's count of any title changes" python3 -c '
import json, collections
r = json.load(open("exchange-title.json"))
assert r["same_title"] and r["moved"] >= r["required_moves"] > 0
net = collections.Counter()
for a, b in zip(r["moves"][0::2], r["moves"][1::2]):
    assert a["title"] and a["title"] == b["title"] and a["subject"] == b["subject"], (a, b)
for m in r["moves"]:
    net[(m["from_school"], m["title"])] -= 1; net[(m["to_school"], m["title"])] += 1
assert all(v == 0 for v in net.values()), [k for k, v in net.items() if v]
'
"$YJ" balance report --db city.db --county 越城区 --format xlsx --out report.xlsx 2> /dev/null
"$YJ" balance report --db city.db --county 越城区 --format html --out report.html 2> /dev/null
check "report: the workbook has one sheet per indicator group and the county's CVs of evaluate" python3 -c '
import json, zipfile, re
z = zipfile.ZipFile("report.xlsx")
names = re.findall(r"<sheet name=\"([^\"]+)\"", z.read("xl/workbook.xml").decode())
assert names == ["概况", "资源配置", "差异系数", "班额校额", "经费", "达标规划", "依据"], names
ev = json.load(open("db.json"))
cv = [c for c in ev["counties"] if c["county"] == "越城区"]
html = open("report.html", encoding="utf-8").read()
assert "越城区义务教育优质均衡" in html and "<svg" in html
for c in cv:
    for v in c["cv"].values():
        assert f"{v:.4f}" in html, (c["level"], v)
'
"$YJ" balance report --db city.db --county 越城区 --format pdf --out report.pdf 2> pdf.err
check "report: PDF printed by Chromium with the Noto CJK font embedded" bash -c "head -c 5 report.pdf | grep -q '%PDF-' && grep -a -q 'FontName /[A-Z]*+NotoSansCJK' report.pdf"
echo "balance cli: $n_ok passed, $n_fail failed"
[ $n_fail -eq 0 ]
