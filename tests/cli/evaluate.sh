#!/usr/bin/env bash
# `youjun evaluate fitness | fitness-graduation` command-line contract: the JSON keys of the issue, a
# student worked by hand, bad input (exit 2, every bad cell, nothing on stdout), 20,000 random records
# recomputed by the independent Python reference (bench/evaluate/fitness_ref.py), the graduation formula.
set -u
YJ=$(realpath "$1")
ROOT=$(cd "$(dirname "$(realpath "$0")")/../.." && pwd)
REF="$ROOT/bench/evaluate/fitness_ref.py"
source "$ROOT/tests/tap.sh"
T=$(mktemp -d /tmp/youjun-evaluate.XXXXXX)
trap 'rm -rf "$T"' EXIT
cd "$T"

H=student_id,grade,sex,height_cm,weight_kg,vital_capacity_ml,run_50m_s,sit_reach_cm,rope_skip_1min,sit_ups_1min,run_50x8_s,long_jump_cm,pull_ups,run_800m_s,run_1000m_s
# 初二男生 (tables policy/fitness/*.csv, grade 8 M): BMI 50 / 1.65² = 18.4 正常 100; 肺活量 3500 → 85; 50m 7.65 → 90;
# 坐位体前屈 12.0 → 80; 立定跳远 226 → 90; 引体向上 17 → 100 (+3); 1000米 3'40 → 100 (+2).
# 标准分 (1500 + 1275 + 1800 + 800 + 900 + 1000 + 2000) / 100 = 92.75 → 92.8; 总分 97.8 优秀.
printf '%s\nJ1,8,M,165.0,50.0,3500,7.65,12.0,,,,226,17,,3'"'"'40\n' "$H" > one.csv
"$YJ" evaluate fitness --records one.csv --json > one.json 2> one.err
check "fitness: the issue's JSON keys and a junior boy worked by hand (92.8 + 5 = 97.8, 优秀)" python3 -c '
import json
r = json.load(open("one.json"))
s = r["students"][0]
for k in ("student_id", "bmi", "bmi_band", "items", "standard_score", "bonus", "total", "level"): assert k in s, k
assert s["bmi"] == 18.4 and s["bmi_band"] == "正常", s
assert s["items"] == {"bmi": 100, "vital_capacity": 85, "run_50m": 90, "sit_reach": 80, "long_jump": 90, "pull_ups": 100, "run_1000m": 100}, s["items"]
assert s["bonus_items"] == {"pull_ups": 3, "run_1000m": 2}, s["bonus_items"]
assert s["standard_score"] == 92.8 and s["bonus"] == 5 and s["total"] == 97.8 and s["level"] == "优秀", s
assert any(x["key"] == "fitness.weights.secondary_male" and "教体艺〔2014〕5号" in x["cite"] for x in r["rules"])
print(s["total"], s["level"])
'
printf '%s\nA,0,M,120,22,1700,10.2,16.1,109,,,,,,\nB,1,W,120,22,abc,10.2,16.1,109,,,,,,\nA,1,M,120,9,1700,10.2,16.1,109,,,,,,\n' "$H" > bad.csv
"$YJ" evaluate fitness --records bad.csv --json > bad.json 2> bad.err
rc=$?
check "fitness bad input: exit 2, nothing on stdout, each bad cell named" bash -c \
  "test $rc = 2 && test ! -s bad.json && grep -q '^bad.csv:2:grade: ' bad.err && grep -q '^bad.csv:3:sex: ' bad.err && grep -q '^bad.csv:3:vital_capacity_ml: ' bad.err && grep -q '^bad.csv:4:student_id: ' bad.err && grep -q '^bad.csv:4:weight_kg: ' bad.err"
printf 'student_id,grade,sex\nA,1,M\n' > nocol.csv
"$YJ" evaluate fitness --records nocol.csv > /dev/null 2> nocol.err
rc=$?
check "fitness: a missing required column is named (exit 2)" bash -c "test $rc = 2 && grep -q 'height_cm' nocol.err"

python3 "$REF" gen 20000 11 rand.csv
"$YJ" evaluate fitness --records rand.csv --json --out rand.json --csv rand_out.csv 2> rand.err
check "fitness: 20,000 random records (all grades, both sexes, empty cells) agree with the Python reference" \
  python3 "$REF" check "$ROOT/policy/fitness" rand.csv rand.json
check "fitness --csv: one row per student with points and level" python3 -c '
import csv
rows = list(csv.DictReader(open("rand_out.csv", encoding="utf-8-sig")))
assert len(rows) == 20000 and rows[0]["level"] in ("优秀", "良好", "及格", "不及格"), rows[0]
assert "run_1000m_points" in rows[0] and "rope_skip_bonus" in rows[0]
'
check "fitness summary: per school and class groups, level counts add up, rates match the counts" python3 -c '
import json
r = json.load(open("rand.json"))
all_ = [a for a in r["summary"] if a["scope"] == "all"][0]
assert all_["students"] == 20000 and sum(all_["levels"].values()) == 20000
assert abs(all_["pass_rate"] - round((20000 - all_["levels"]["不及格"]) / 20000, 4)) < 1e-9
schools = [a for a in r["summary"] if a["scope"] == "school"]
assert sum(a["students"] for a in schools) == 20000 and len(schools) == 41, len(schools)
assert any(a["scope"] == "class" and a["class"].startswith("SC") for a in r["summary"])
'
"$YJ" evaluate fitness --records one.csv --csv grades.csv --grades-only > /dev/null 2>&1
printf '%s\nZ9,1,F,120,22,1000,11.9,0.0,120,,,,,,\n' "$(cat one.csv)" > two.csv
"$YJ" evaluate fitness --records two.csv --csv grades2.csv --grades-only > /dev/null 2>&1
check "fitness --grades-only: the school export has student_id, grade, class and level only, in student_id order" python3 -c '
import csv
rows = list(csv.reader(open("grades2.csv", encoding="utf-8-sig")))
assert rows[0] == ["student_id", "grade", "class_id", "level"], rows[0]
assert [r[0] for r in rows[1:]] == ["J1", "Z9"] and rows[1][3] == "优秀" and rows[2][3] == "及格", rows
'
"$YJ" evaluate fitness --records rand.csv --profile yichang > yc.txt
check "fitness text summary under 宜昌: targets 95 % / 60 % reported" grep -q '目标：合格率 ≥ 95%' yc.txt

# Graduation: S1 final 80, others 70, 75.5, 71 → 40 + 36.083… = 76.1; S2 one year → 65.4.
printf 'student_id,year,total\nS1,2024,75.5\nS1,2026,80\nS1,2023,70\nS1,2025,71\nS2,2026,65.4\n' > totals.csv
"$YJ" evaluate fitness-graduation --scores totals.csv --json > grad.json 2> grad.err
check "fitness-graduation: 毕业当年 × 50 % + 其他学年平均 × 50 % (76.1), one year only → that year" python3 -c '
import json
r = json.load(open("grad.json"))
s = {x["student_id"]: x for x in r["students"]}
assert s["S1"]["graduation_score"] == 76.1 and s["S1"]["other_mean"] == 72.2 and s["S1"]["level"] == "及格", s["S1"]
assert s["S2"]["graduation_score"] == 65.4 and s["S2"]["other_years"] == 0
assert any(x["key"] == "fitness.graduation.final_year_weight" for x in r["rules"])
'
printf 'student_id,year,total\nS1,2026,130\n' > gbad.csv
"$YJ" evaluate fitness-graduation --scores gbad.csv > /dev/null 2> gbad.err
rc=$?
check "fitness-graduation bad input: a total above 120 is refused (exit 2)" bash -c "test $rc = 2 && grep -q '^gbad.csv:2:total: ' gbad.err"

# Vision: the hand-worked screenings of tests/evaluate/vision_test.cpp (50 % → 60 %, same grade mix −33.33).
cat > vs.csv <<'CSV'
student_id,date,left_uncorrected,right_uncorrected,spherical_equivalent_left,spherical_equivalent_right,grade,school_id,ortho_k
A,2025-05-10,4.8,5.0,-0.75,0.00,3,S1,
B,2025-05-10,4.9,4.9,-0.25,-0.25,3,S1,
C,2025-05-10,5.0,5.1,0.25,0.00,3,S2,
D,2025-05-10,5.0,5.0,,,4,S2,1
A,2026-05-11,4.7,4.9,-1.00,-0.50,4,S1,
B,2026-05-11,4.8,4.9,-0.50,-0.25,4,S1,
C,2026-05-11,5.0,5.0,0.00,0.00,4,S2,
D,2026-05-11,5.0,5.0,,,5,S2,1
E,2026-05-11,4.6,5.0,,,1,S2,
CSV
"$YJ" evaluate vision --screenings vs.csv --profile shaoxing --json --students > vs.json 2> vs.err
check "vision: rates 50 % → 60 % (+10 points, 绍兴 target −1 missed), same grade mix −33.33, cohort 2/4 → 3/4, S1 furthest behind" python3 -c '
import json
r = json.load(open("vs.json"))
city = [c for c in r["changes"] if c["scope"] == "all"][0]
assert city["change_points"] == 10.0 and city["target_drop_points"] == 1.0 and not city["target_met"], city
assert city["same_grade_mix_change_points"] == -33.33, city
assert r["schools_behind"][0]["school_id"] == "S1" and r["schools_behind"][0]["change_points"] == 50.0
co = [c for c in r["cohorts"] if c["grade"] is None][0]
assert co["students"] == 4 and co["myopia_rate_before"] == 0.5 and co["myopia_rate_after"] == 0.75, co
st = {(s["student_id"], s["year"]): s["status"] for s in r["students"]}
assert st[("B", 2025)] == "视力不良" and st[("B", 2026)] == "近视" and st[("D", 2025)] == "近视"
assert any(x["key"] == "vision.target.annual_drop" and "000 绍兴" in x["cite"] for x in r["rules"])
'
printf 'student_id,date,left_uncorrected,right_uncorrected,spherical_equivalent_left,spherical_equivalent_right\nA,2026-05-11,0.8,4.9,-1,-1\n' > vbad.csv
"$YJ" evaluate vision --screenings vbad.csv > /dev/null 2> vbad.err
rc=$?
check "vision bad input: decimal acuity instead of 五分记录 is refused (exit 2)" bash -c "test $rc = 2 && grep -q '^vbad.csv:2:left_uncorrected: ' vbad.err"

# 五育: W2 of tests/evaluate/wuyu_test.cpp (71, 70, 71, 71, 64 → 69.4, 合格) under 成都's 20 % weights.
cat > wy.csv <<'CSV'
student_id,term,school_id,class_id,conduct_grade,service_hours,academic_grade,fitness_total,exercise_days,art_grade,art_practice_hours,labour_hours,labour_grade
W2,2026-1,S1,1,B,10,C,80,45,B,8,16,B
W1,2026-1,S1,1,A,20,A,100,90,A,16,32,A
CSV
"$YJ" evaluate wuyu --records wy.csv --profile chengdu --json > wy.json 2> wy.err
"$YJ" evaluate wuyu --records wy.csv --profile chengdu --json --grades-only > wyg.json 2> wyg.err
check "wuyu: dimensions and index by hand (69.4 合格), class means for the radar, cited 002 成都; --grades-only has levels only, by student_id" python3 -c '
import json
r = json.load(open("wy.json"))
s = {x["student_id"]: x for x in r["students"]}
assert s["W2"]["dimensions"] == {"moral": 71, "intellectual": 70, "physical": 71, "aesthetic": 71, "labour": 64}, s["W2"]
assert s["W2"]["index"] == 69.4 and s["W2"]["level"] == "合格", s["W2"]
assert [d["label"] for d in r["dimensions"]] == ["德", "智", "体", "美", "劳"]
cls = [g for g in r["groups"] if g["scope"] == "class"][0]
assert cls["class"] == "S1/1" and cls["index_mean"] == 84.7, cls
assert any("002 成都" in x["cite"] for x in r["rules"])
g = json.load(open("wyg.json"))
assert [x["student_id"] for x in g["students"]] == ["W1", "W2"]
assert all(set(x) == {"student_id", "term", "level"} for x in g["students"]), g["students"]
'

# demo load stores the demo's fitness and vision files as datasets and 五育 records of three schools.
"$YJ" demo generate --seed 5 --scale 0.05 --out city > /dev/null 2>&1
"$YJ" demo load --db city.db --dir city > /dev/null 2>&1
sqlite3 city.db "SELECT kind, record_count FROM health_datasets ORDER BY kind" > ds.txt
sqlite3 city.db "SELECT COUNT(*), COUNT(DISTINCT student_id), COUNT(DISTINCT school_code) FROM wuyu_records" > wr.txt
sqlite3 city.db "SELECT DISTINCT school_code FROM wuyu_records" > wr_schools.txt
check "demo load: fitness and vision datasets with every row of the demo files, 9 五育 indicators for each student of 3 schools" python3 -c '
import csv
fit = list(csv.DictReader(open("city/fitness_records.csv", encoding="utf-8")))
vis = sum(1 for _ in open("city/vision_screenings.csv", encoding="utf-8")) - 1
ds = dict(l.strip().split("|") for l in open("ds.txt"))
assert int(ds["fitness"]) == len(fit) and int(ds["vision"]) == vis, ds
n, students, schools = map(int, open("wr.txt").read().strip().split("|"))
assert schools == 3 and n == 9 * students, (n, students, schools)
chosen = {l.strip() for l in open("wr_schools.txt")}
assert students == sum(1 for r in fit if r["school_id"] in chosen) > 0, students
'

echo "# evaluate CLI: $n_ok passed, $n_fail failed"
exit $((n_fail > 0))
