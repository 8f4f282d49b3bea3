#!/usr/bin/env bash
# `youjun evaluate value-added` command-line contract: the JSON keys of the issue on the hand-worked data of
# tests/evaluate/value_added_test.cpp, the Chinese summary, bad input (exit 2, every bad cell, nothing on
# stdout), data that cannot be fitted, and 3,000 generated students recomputed by the independent Python
# reference (bench/evaluate/value_added_ref.py: exact rational normal equations) with and without context.
set -u
YJ=$(realpath "$1")
ROOT=$(cd "$(dirname "$(realpath "$0")")/../.." && pwd)
REF="$ROOT/bench/evaluate/value_added_ref.py"
source "$ROOT/tests/tap.sh"
T=$(mktemp -d /tmp/youjun-value-added.XXXXXX)
trap 'rm -rf "$T"' EXIT
cd "$T"

# current = 10 + 0.8·prior + e, Σe = 0 and Σprior·e = 0 by construction: A (intake 50) adds 5, B −1.5, C (intake 90) −3.
# σ² = 188/8; τ² = 785/72; A shrunk 5 · 785/1349 = 2.9096; raw ranks C, B, A; value added A, B, C; Spearman −1.
cat > hand.csv <<'CSV'
student_id,school_id,prior,current
A1,A,40,46
A2,A,50,56
A3,A,60,63
B1,B,30,27
B2,B,110,103
B3,B,70,64
B4,B,70,64
C1,C,80,71
C2,C,90,80
C3,C,100,86
CSV
"$YJ" evaluate value-added --scores hand.csv --json > hand.json 2> hand.err
check "value-added: the issue's JSON keys, the fit (10, 0.8) and school effects worked by hand, ranks reversed" python3 -c '
import json, math
r = json.load(open("hand.json"))
for k in ("profile", "rules", "model", "schools", "spearman_raw_vs_value_added"): assert k in r, k
m = r["model"]
assert set(m["coefficients"]) == {"intercept", "prior"} and m["students"] == 10, m
assert abs(m["coefficients"]["intercept"] - 10) < 1e-9 and abs(m["coefficients"]["prior"] - 0.8) < 1e-12, m
assert abs(m["r2"] - 960 / 1007) < 1e-12 and abs(m["residual_sd"] - math.sqrt(23.5)) < 1e-12, m
s = {x["school_id"]: x for x in r["schools"]}
for k in ("school_id", "students", "mean_prior", "mean_current", "raw_effect", "se", "shrunken_effect", "interval", "flag",
          "rank_raw_mean", "rank_value_added"): assert k in s["A"], k
assert abs(s["A"]["raw_effect"] - 5) < 1e-9 and abs(s["B"]["raw_effect"] + 1.5) < 1e-9 and abs(s["C"]["raw_effect"] + 3) < 1e-9
assert abs(s["A"]["shrunken_effect"] - 3925 / 1349) < 1e-9 and abs(r["shrinkage"]["tau2"] - 785 / 72) < 1e-9
assert s["A"]["mean_prior"] == 50 and s["A"]["mean_current"] == 55 and s["C"]["mean_current"] == 79
assert (s["A"]["rank_raw_mean"], s["A"]["rank_value_added"], s["C"]["rank_raw_mean"], s["C"]["rank_value_added"]) == (3, 1, 1, 3)
assert r["spearman_raw_vs_value_added"] == -1 and all(x["flag"] == "none" for x in r["schools"])
assert [x["school_id"] for x in r["largest_moves"]] == ["A", "C"]
assert any(x["key"] == "value_added.interval_z" and "铜陵" in x["cite"] for x in r["rules"])
print(s["A"]["shrunken_effect"], s["A"]["interval"])
'
"$YJ" evaluate value-added --scores hand.csv > hand.txt 2>&1
check "value-added text summary (zh-CN): the equation, τ², Spearman −1, A moves from 3rd to 1st" bash -c \
  "grep -q '本次成绩 = 10.000 + 0.8000 × 入学成绩' hand.txt && grep -q 'τ² = 10.903' hand.txt && grep -q 'Spearman 相关系数：-1.000' hand.txt && grep -q 'A：第 3 → 第 1' hand.txt && cat hand.txt"
"$YJ" evaluate value-added --scores hand.csv --out hand_out.json > hand_out.stdout 2>&1
check "value-added --out writes the JSON to the file, nothing to stdout" bash -c \
  "test ! -s hand_out.stdout && python3 -c 'import json; json.load(open(\"hand_out.json\"))'"

printf 'student_id,school_id,prior,current,ses\nS1,K1,50,60,0.2\n,K1,50,60,0.1\nS1,K2,abc,60,0.3\nS4,,50,,x\n' > bad.csv
"$YJ" evaluate value-added --scores bad.csv --context ses --json > bad.json 2> bad.err
rc=$?
check "value-added bad input: exit 2, nothing on stdout, each bad cell as FILE:ROW:COLUMN (repeated id, number expected)" bash -c \
  "test $rc = 2 && test ! -s bad.json && grep -q '^bad.csv:3:student_id: ' bad.err && grep -q '^bad.csv:4:student_id: .*第 2 行' bad.err && grep -q '^bad.csv:4:prior: ' bad.err && grep -q '^bad.csv:5:school_id: ' bad.err && grep -q '^bad.csv:5:current: ' bad.err && grep -q '^bad.csv:5:ses: ' bad.err"
"$YJ" evaluate value-added --scores hand.csv --context ses > /dev/null 2> nocol.err
rc=$?
check "value-added: a --context column missing from the file is named (exit 2)" bash -c "test $rc = 2 && grep -q '^hand.csv:1:ses: ' nocol.err"
printf 'student_id,school_id,prior,current\nS1,K1,50,2\nS2,K2,50,3\nS3,K1,50,5\nS4,K2,50,1\n' > flat.csv
"$YJ" evaluate value-added --scores flat.csv > /dev/null 2> flat.err
rc=$?
check "value-added: a constant prior cannot be fitted — the file and column are named (exit 2)" bash -c "test $rc = 2 && grep -q '^flat.csv:0:prior: ' flat.err"
printf 'student_id,school_id,prior,current\nS1,K1,40,2\nS2,K1,50,3\nS3,K1,60,5\n' > one.csv
"$YJ" evaluate value-added --scores one.csv > /dev/null 2> one.err
rc=$?
check "value-added: one school only is refused (value added compares schools; exit 2)" bash -c "test $rc = 2 && grep -q '至少需要两所学校' one.err"
"$YJ" evaluate value-added --scores hand.csv --profile nowhere > /dev/null 2>&1
rc=$?
check "value-added: an unknown profile is a failure (exit 1)" test $rc = 1

python3 "$REF" gen 3000 7 gen.csv
"$YJ" evaluate value-added --scores gen.csv --context ses,migrant --json --out gen_ctx.json 2> gen_ctx.err
check "value-added: 3,000 students, 40 schools, context ses,migrant — coefficients, effects, intervals, flags, ranks agree with the Python reference" \
  python3 "$REF" check gen.csv gen_ctx.json ses,migrant
"$YJ" evaluate value-added --scores gen.csv --json --out gen.json 2> gen.err
check "value-added: the same students without context agree with the Python reference" python3 "$REF" check gen.csv gen.json
check "value-added: the generated weak-intake, strong-progress school S001 ranks far higher by value added than by raw mean" python3 -c '
import json
r = json.load(open("gen_ctx.json"))
s = {x["school_id"]: x for x in r["schools"]}
a, b = s["S001"], s["S002"]
assert a["mean_prior"] < 60 and a["rank_value_added"] <= 3 and a["rank_raw_mean"] >= 20 and a["flag"] == "above", a
assert b["mean_prior"] > 80 and b["rank_raw_mean"] <= 10 and b["flag"] == "below", b
assert 0 < r["spearman_raw_vs_value_added"] < 0.8, r["spearman_raw_vs_value_added"]
small = [x for x in r["schools"] if x["students"] < 10]
assert small and all(x["flag"] == "none" and x["below_min_students"] for x in small), small
# Shrinkage pulls the small schools harder toward 0 than the large ones.
big = [x for x in r["schools"] if x["students"] > 50]
assert max(x["reliability"] for x in small) < min(x["reliability"] for x in big)
print(a["rank_raw_mean"], "→", a["rank_value_added"], "|", b["rank_raw_mean"], "→", b["rank_value_added"])
'

echo "# value-added CLI: $n_ok passed, $n_fail failed"
exit $((n_fail > 0))
