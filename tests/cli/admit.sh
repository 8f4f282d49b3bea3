#!/usr/bin/env bash
# `youjun admit quota | score | match | verify` command-line contract: bad input (exit 2, every bad cell),
# a hand-worked quota, results recomputed by the independent Python reference (bench/admit/admit_ref.py)
# on a synthetic city, verify accepting the published result and naming a tampered one, --explain.
set -u
YJ=$(realpath "$1")
ROOT=$(cd "$(dirname "$(realpath "$0")")/../.." && pwd)
REF="$ROOT/bench/admit/admit_ref.py"
source "$ROOT/tests/tap.sh"
T=$(mktemp -d /tmp/youjun-admit.XXXXXX)
trap 'rm -rf "$T"' EXIT
cd "$T"

# standards.md §4.1 example: plan 20 × 0.5 = 10 seats over 120, 95, 40, 245 graduates → 2, 2, 1, 5.
printf 'hs_id,name,plan,quality\nH1,一中,20,1\nH2,职高,300,0\n' > hs.csv
printf 'js_id,name,county,graduates\nA,甲,县A,120\nB,乙,县A,95\nC,丙,县A,40\nD,丁,县A,245\n' > js.csv
"$YJ" admit quota --high-schools hs.csv --juniors js.csv --year 2026 --json > quota.json 2> quota.err
check "quota: national 50 %, largest remainder gives 2, 2, 1, 5 (standards.md §4.1)" python3 -c '
import json
r = json.load(open("quota.json"))
h = {x["hs_id"]: x for x in r["high_schools"]}
assert r["share"] == 0.5, r["share"]
assert h["H1"]["quota_total"] == 10 and h["H1"]["by_junior"] == {"A": 2, "B": 2, "C": 1, "D": 5}, h["H1"]
assert h["H2"]["quota_total"] == 0 and h["H2"]["by_junior"] == {}
assert any(x["key"] == "admission.quota_allocation.min_share" and "教督" in x["cite"] for x in r["rules"])
'
"$YJ" admit quota --high-schools hs.csv --juniors js.csv --profile jinhua --year 2025 --json > jh.json 2> /dev/null
check "quota: 金华 2025 share 85 % → ceil(20 × 0.85) = 17 seats, cited to 002 金华" python3 -c '
import json
r = json.load(open("jh.json"))
assert r["share"] == 0.85 and r["high_schools"][0]["quota_total"] == 17, r["high_schools"][0]
assert any("002 金华" in x["cite"] for x in r["rules"])
'
"$YJ" admit quota --high-schools hs.csv --juniors js.csv --profile shaoxing --year 2026 --json > /dev/null 2> sx.err
rc=$?
check "quota: 绍兴 gives seats within the county, so a quality school without county is bad input (exit 2)" \
  bash -c "test $rc = 2 && grep -q '^hs.csv:2:county: ' sx.err"
printf 'hs_id,name,plan,quality\nH1,一中,-3,1\nH1,二中,10,x\n' > badhs.csv
printf 'js_id,name,county,graduates\nA,甲,县A,1.5\n' > badjs.csv
"$YJ" admit quota --high-schools badhs.csv --juniors badjs.csv --json > bad.json 2> bad.err
rc=$?
check "quota bad input: exit 2, nothing on stdout, each cell reported" bash -c \
  "test $rc = 2 && test ! -s bad.json && grep -q '^badhs.csv:2:plan: ' bad.err && grep -q '^badhs.csv:3:hs_id: ' bad.err && grep -q '^badhs.csv:3:quality: ' bad.err && grep -q '^badjs.csv:2:graduates: ' bad.err"
"$YJ" admit verify --result quota.json --high-schools hs.csv --juniors js.csv > v.out 2>&1
check "verify: the published quota recomputes (exit 0)" bash -c "test $? = 0 && grep -q '一致 OK' v.out"
python3 -c '
import json
r = json.load(open("quota.json")); r["high_schools"][0]["by_junior"]["A"] = 3; r["high_schools"][0]["by_junior"]["D"] = 4
json.dump(r, open("quota_bad.json", "w"))'
"$YJ" admit verify --result quota_bad.json --high-schools hs.csv --juniors js.csv > vb.out 2>&1
rc=$?
check "verify: a moved quota seat is named (exit 1)" bash -c "test $rc = 1 && grep -q 'H1 的 by_junior' vb.out"

# Composite score: every bad cell, and the CSV that feeds admit match.
printf 'student_id,chinese,math,english,science,social,pe,comprehensive\nK1,121,100,100,100,80,40,A\nK2,100,100,100,100,80,40,E\n' > sc_bad.csv
"$YJ" admit score --students sc_bad.csv --json > sc_bad.json 2> sc_bad.err
rc=$?
check "score bad input: above full marks and unknown grade, exit 2" bash -c \
  "test $rc = 2 && test ! -s sc_bad.json && grep -q '^sc_bad.csv:2:chinese: .*超过满分 120' sc_bad.err && grep -q '^sc_bad.csv:3:comprehensive: ' sc_bad.err"
printf 'student_id,js_id,chinese,math,english,science,social,pe,comprehensive,quota_eligible,quota_prefs,prefs\nK1,A,110,120,99.5,140,88,40,b,1,H1,H1\n' > sc.csv
"$YJ" admit score --students sc.csv --json --csv sc_out.csv > sc.json 2> /dev/null
check "score: 110+120+99.5+140+88+40+16 = 613.5, and the CSV carries total and the other columns" python3 -c '
import csv, json
r = json.load(open("sc.json"))
assert r["students"][0]["total"] == 613.5 and r["students"][0]["components"]["comprehensive"]["points"] == 16, r["students"][0]
assert r["full_total"] == 670  # 120 × 3 + 150 + 100 + 40 + 20
row = next(csv.DictReader(open("sc_out.csv")))
assert row["total"] == "613.5" and row["js_id"] == "A" and row["prefs"] == "H1", row
'
"$YJ" admit score --students sc.csv --profile changzhi --json > cz.json 2> cz.err
rc=$?
check "score: 长治 needs its own columns (身体素质, 艺术素养 …): exit 2 naming them" bash -c \
  "test $rc = 2 && grep -q 'physical_quality' cz.err && grep -q 'arts_literacy' cz.err"

# A synthetic city: 3,000 students, 60 high schools, 80 juniors; quota and admission against the reference.
python3 "$REF" gen 3000 60 80 7 .
"$YJ" admit quota --high-schools high_schools.csv --juniors juniors.csv --year 2026 --json --out q.json 2> /dev/null
check "synthetic city quota equals the reference (exact fractions)" python3 "$REF" check-quota q.json high_schools.csv juniors.csv 0.5
SEED=9f3c2a
"$YJ" admit match --students students.csv --high-schools high_schools.csv --quota q.json --seed $SEED --year 2026 --json --out m.json 2> m.err
check "match: every student's batch and school, and every cutoff, equal the reference" python3 "$REF" check-match m.json students.csv high_schools.csv q.json $SEED
check "match: totals tie often enough that the lottery decided some places" python3 -c '
import json
r = json.load(open("m.json"))
n = sum(1 for a in r["assignments"] if a.get("lottery_tie"))
assert n > 10, n
assert any(h["quota_returned"] > 0 for h in r["high_schools"])
assert all(h["quota_filled"] + h["unified_filled"] + h["vacant"] == h["plan"] for h in r["high_schools"])
'
"$YJ" admit verify --result m.json --students students.csv --high-schools high_schools.csv --quota q.json --seed $SEED > mv.out 2>&1
check "verify: the published admission recomputes (exit 0)" bash -c "test $? = 0 && grep -q '一致 OK' mv.out"
python3 -c '
import json
r = json.load(open("m.json"))
a = next(x for x in r["assignments"] if x["batch"] == "unified" and x["choice_rank"] > 1)
a["choice_rank"] = 1
json.dump(r, open("m_bad.json", "w"))
print(a["student_id"])' > tampered.txt
"$YJ" admit verify --result m_bad.json --students students.csv --high-schools high_schools.csv --quota q.json --seed $SEED > mvb.out 2>&1
rc=$?
check "verify: a changed choice is named with the student (exit 1)" bash -c "test $rc = 1 && grep -q \"考生 $(cat tampered.txt) 的 choice_rank\" mvb.out"
"$YJ" admit verify --result m.json --students students.csv --high-schools high_schools.csv --quota q.json --seed 00 > mvs.out 2>&1
check "verify: another seed is a mismatch (exit 1)" bash -c "test $? = 1 && grep -q '种子不符' mvs.out"
who=$(python3 -c '
import json
r = json.load(open("m.json"))
print(next(x["student_id"] for x in r["assignments"] if x["batch"] == "unified" and x["choice_rank"] > 2))')
"$YJ" admit match --students students.csv --high-schools high_schools.csv --quota q.json --seed $SEED --year 2026 --explain "$who" > ex.txt 2>&1
check "explain: each school above the one admitted is named with the last admitted student's place" bash -c \
  "grep -q '第 1 志愿 .*未录取——.*已由排在你前面的考生录满（最后录取者 位次 ' ex.txt && grep -q '第 3 志愿 .*录取' ex.txt"
"$YJ" admit match --students students.csv --high-schools high_schools.csv --quota q.json --seed $SEED --profile shenzhen --quota-min-total 400 > /dev/null 2> sz.err
rc=$?
check "match: 深圳 has phased out the quota score line, so --quota-min-total is refused" bash -c "test $rc = 2 && grep -q 'min_line_allowed' sz.err"
"$YJ" admit match --students students.csv --high-schools high_schools.csv --quota q.json --seed $SEED --quota-min-total 450 --year 2026 --json --out line.json 2> /dev/null
check "match: with a quota line of 450 nobody below it takes a quota seat" python3 -c '
import json
r = json.load(open("line.json"))
q = [a for a in r["assignments"] if a["batch"] == "quota"]
assert q and min(a["total"] for a in q) >= 450, min(a["total"] for a in q)
assert any(x["key"] == "quota_min_total" for x in r["rules"])
'
printf 'student_id,js_id,total,chinese,math,english,quota_eligible,quota_prefs,prefs\nS1,J0001,500,100,100,100,1,H0000|H0000,H0001\nS2,J0001,500,100,100,100,1,,H0001|H9999\n' > badst.csv
"$YJ" admit match --students badst.csv --high-schools high_schools.csv --quota q.json --seed $SEED > /dev/null 2> badst.err
rc=$?
check "match bad input: a school listed twice and an unknown school, exit 2" bash -c \
  "test $rc = 2 && grep -q '^badst.csv:2:quota_prefs: .*填报了两次' badst.err && grep -q '^badst.csv:3:prefs: .*H9999' badst.err"

# The demo city's 中考 cycle under the 绍兴 profile: quota (60 %, within the county) → score → match → verify.
"$YJ" demo generate --seed 5 --scale 0.3 --out city > /dev/null 2>&1
"$YJ" admit quota --high-schools city/zk_high_schools.csv --juniors city/zk_juniors.csv --profile shaoxing --year 2026 --json --out cq.json 2> /dev/null
"$YJ" admit score --students city/zk_candidates.csv --profile shaoxing --csv scored.csv > /dev/null 2> /dev/null
"$YJ" admit match --students scored.csv --high-schools city/zk_high_schools.csv --quota cq.json --seed 20260701 --profile shaoxing --year 2026 --json --out cm.json 2> /dev/null
check "demo 中考 (绍兴): every quality school gives ≥ 60 % of its plan to juniors of its own county, and they are taken" python3 -c '
import csv, json
q, m = json.load(open("cq.json")), json.load(open("cm.json"))
county = {j["js_id"]: j["county"] for j in q["juniors"]}
quality = [h for h in q["high_schools"] if h["quality"]]
assert quality
for h in quality:
    assert h["quota_total"] * 100 >= 60 * h["plan"], h
    assert all(county[j] == h["county"] for j in h["by_junior"]), h["hs_id"]
filled = {h["hs_id"]: h for h in m["high_schools"]}
share = sum(filled[h["hs_id"]]["quota_filled"] for h in quality) / sum(h["plan"] for h in quality)
assert share >= 0.55, share
admitted = sum(1 for a in m["assignments"] if a["hs_id"])
assert admitted > 0.8 * len(m["assignments"]), (admitted, len(m["assignments"]))
print("quota filled %.1f %% of quality plans; %d of %d admitted" % (100 * share, admitted, len(m["assignments"])))
'
"$YJ" admit verify --result cm.json --students scored.csv --high-schools city/zk_high_schools.csv --quota cq.json --seed 20260701 > cv.out 2>&1
check "demo 中考: the published admission verifies with the profile and year it names" bash -c "test $? = 0 && grep -q '策略 shaoxing，2026 年' cv.out"
"$YJ" admit export --result cm.json --high-schools city/zk_high_schools.csv --out adm.xlsx > /dev/null 2>&1
check "export: the workbook has the list by school and place, the cutoffs equal to the result, and the rules" python3 -c '
import json, sys
sys.path.insert(0, "'"$ROOT"'/tests/cli")
from xlsx_read import sheets
m = json.load(open("cm.json"))
book = sheets("adm.xlsx")
assert list(book) == ["录取名单", "录取线", "未录取", "说明"], list(book)
rows = book["录取名单"]
assert rows[0][:5] == ["录取学校代码", "录取学校", "录取批次", "志愿序号", "考生号"], rows[0]
admitted = [a for a in m["assignments"] if a["hs_id"]]
assert len(rows) - 1 == len(admitted)
keys = [(r[0], int(r[6])) for r in rows[1:]]
assert keys == sorted(keys)
want = {a["student_id"]: a for a in admitted}
for r in rows[1:50]:
    a = want[r[4]]
    assert r[0] == a["hs_id"] and int(r[3]) == a["choice_rank"] and float(r[5]) == a["total"], (r, a)
cut = {r[0]: r for r in book["录取线"][1:]}
for h in m["high_schools"]:
    c = h["unified_cutoff_total"]
    assert (cut[h["hs_id"]][7] == "" and c is None) or float(cut[h["hs_id"]][7]) == c, (h, cut[h["hs_id"]])
about = dict((r + [""])[:2] for r in book["说明"][1:])
assert about["名额分配比例"] == "0.6（策略 shaoxing，2026 年）", about
assert "standards.md §4.2" in about["admission.tiebreak"], about
assert len(book["未录取"]) - 1 == len(m["assignments"]) - len(admitted)
'
echo "admit cli: $n_ok passed, $n_fail failed"
[ $n_fail -eq 0 ]
