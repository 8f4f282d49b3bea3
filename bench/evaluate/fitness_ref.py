#!/usr/bin/env python3
"""Independent reference for `youjun evaluate fitness` (issue 8 §1), written from the issue text and
the 2014 standard's 说明 with exact decimal arithmetic, reading the same table files (policy/fitness/*.csv).
The weights and bonus items are written out here from the standard's 单项指标与权重 table, not read from
the profile, so a wrong profile value shows up as a difference. Used by tests/cli/evaluate.sh and
scripts/bench_evaluate.sh.

  fitness_ref.py gen N SEED OUT.csv                 synthetic records (all grades, both sexes, some empty cells)
  fitness_ref.py score TABLES_DIR RECORDS.csv        prints JSON {student_id: [standard, bonus, total, level, {item: points}]}
  fitness_ref.py check TABLES_DIR RECORDS.csv RESULT.json   compares with youjun's result; exit 1 on the first difference
"""
import csv, json, random, sys, time
from decimal import Decimal, ROUND_HALF_UP

WEIGHTS = {  # 教体艺〔2014〕5号 单项指标与权重
    "1-2": {"bmi": 15, "vital_capacity": 15, "run_50m": 20, "sit_reach": 30, "rope_skip": 20},
    "3-4": {"bmi": 15, "vital_capacity": 15, "run_50m": 20, "sit_reach": 20, "rope_skip": 20, "sit_ups": 10},
    "5-6": {"bmi": 15, "vital_capacity": 15, "run_50m": 20, "sit_reach": 10, "rope_skip": 10, "sit_ups": 20, "run_50x8": 10},
    "M": {"bmi": 15, "vital_capacity": 15, "run_50m": 20, "sit_reach": 10, "long_jump": 10, "pull_ups": 10, "run_1000m": 20},
    "F": {"bmi": 15, "vital_capacity": 15, "run_50m": 20, "sit_reach": 10, "long_jump": 10, "sit_ups": 10, "run_800m": 20},
}
BONUS = {"primary": {"rope_skip": 20}, "M": {"pull_ups": 10, "run_1000m": 10}, "F": {"sit_ups": 10, "run_800m": 10}}
COLUMN = {"vital_capacity": "vital_capacity_ml", "run_50m": "run_50m_s", "sit_reach": "sit_reach_cm", "rope_skip": "rope_skip_1min",
          "sit_ups": "sit_ups_1min", "run_50x8": "run_50x8_s", "long_jump": "long_jump_cm", "pull_ups": "pull_ups",
          "run_800m": "run_800m_s", "run_1000m": "run_1000m_s"}
TIMED = {"run_50m", "run_50x8", "run_800m", "run_1000m"}


def weights_for(grade, sex):
    if grade <= 2: return WEIGHTS["1-2"]
    if grade <= 4: return WEIGHTS["3-4"]
    if grade <= 6: return WEIGHTS["5-6"]
    return WEIGHTS[sex]


def bonus_for(grade, sex):
    return BONUS["primary"] if grade <= 6 else BONUS[sex]


def rows_of(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def load_tables(d):
    items, bonus, bmi = {}, {}, {}
    for key in COLUMN:
        items[key] = {}
        for r in rows_of("%s/%s.csv" % (d, key)):
            items[key].setdefault((int(r["grade"]), r["sex"]), []).append((int(r["points"]), Decimal(r["threshold"])))
    for key in ("rope_skip", "pull_ups", "sit_ups", "run_800m", "run_1000m"):
        bonus[key] = {}
        for r in rows_of("%s/bonus_%s.csv" % (d, key)):
            bonus[key].setdefault((int(r["grade"]), r["sex"]), []).append((int(r["bonus"]), Decimal(r["threshold"])))
    for r in rows_of("%s/bmi.csv" % d):
        lo = Decimal(r["min"]) if r["min"] else None
        hi = Decimal(r["max"]) if r["max"] else None
        bmi.setdefault((int(r["grade"]), r["sex"]), []).append((r["band"], int(r["points"]), lo, hi))
    return items, bonus, bmi


def seconds(text):
    for sep in ("'", ":"):
        if sep in text:
            m, s = text.rstrip('"').split(sep)
            return int(m) * 60 + Decimal(s)
    return Decimal(text)


def best(rows, value, timed):
    # All rows the value reaches; the most points among them (not relying on the file's order).
    reached = [p for p, t in rows if (value <= t if timed else value >= t)]
    return max(reached) if reached else 0


def score(tables, rec):
    items, bonus, bmi_t = tables
    g, sex = int(rec["grade"]), rec["sex"]
    pts, out_bonus = {}, 0
    std = Decimal(0)
    for key, w in weights_for(g, sex).items():
        if key == "bmi":
            if not rec["height_cm"] or not rec["weight_kg"]:
                p = 0
            else:
                h = Decimal(rec["height_cm"]) / 100
                b = (Decimal(rec["weight_kg"]) / (h * h)).quantize(Decimal("0.1"), ROUND_HALF_UP)
                p = [pp for band, pp, lo, hi in bmi_t[(g, sex)] if (lo is None or b >= lo) and (hi is None or b <= hi)][0]
                pts["bmi"] = p
        else:
            text = rec.get(COLUMN[key], "")
            if not text:
                p = 0
            else:
                p = best(items[key][(g, sex)], seconds(text), key in TIMED)
                pts[key] = p
        std += Decimal(p) * w / 100
    std = std.quantize(Decimal("0.1"), ROUND_HALF_UP)
    for key, mx in bonus_for(g, sex).items():
        text = rec.get(COLUMN[key], "")
        if text:
            out_bonus += min(mx, best(bonus[key][(g, sex)], seconds(text), key in TIMED))
    out_bonus = min(out_bonus, 20)
    total = std + out_bonus
    level = "优秀" if total >= 90 else "良好" if total >= 80 else "及格" if total >= 60 else "不及格"
    return [str(std.normalize()), out_bonus, str(total.normalize()), level, pts]


def gen(n, seed, out):
    rng = random.Random(seed)
    cols = ["student_id", "grade", "sex", "height_cm", "weight_kg"] + list(COLUMN.values()) + ["school_id", "class_id"]
    ranges = {"vital_capacity": (300, 5500, 0), "run_50m": (6.5, 15.0, 1), "sit_reach": (-10.0, 28.0, 1), "rope_skip": (0, 200, 0),
              "sit_ups": (0, 65, 0), "run_50x8": (80, 150, 0), "long_jump": (100, 290, 0), "pull_ups": (0, 25, 0),
              "run_800m": (170, 320, 0), "run_1000m": (180, 340, 0)}
    with open(out, "w", encoding="utf-8") as f:
        f.write(",".join(cols) + "\n")
        for i in range(n):
            g, sex = rng.randint(1, 12), rng.choice("MF")
            h = 110 + 5 * g + rng.uniform(-10, 10)
            wgt = h * h / 10000 * rng.uniform(13, 30)
            row = {"student_id": "S%07d" % i, "grade": g, "sex": sex, "height_cm": "%.1f" % h, "weight_kg": "%.1f" % wgt,
                   "school_id": "SC%03d" % rng.randint(0, 40), "class_id": str(rng.randint(1, 8))}
            if rng.random() < 0.01: row["weight_kg"] = ""
            for key in weights_for(g, sex):
                if key == "bmi" or rng.random() < 0.02: continue
                lo, hi, dec = ranges[key]
                v = rng.uniform(lo, hi)
                row[COLUMN[key]] = ("%d" % round(v)) if dec == 0 else ("%.1f" % v)
            f.write(",".join(str(row.get(c, "")) for c in cols) + "\n")


def main():
    cmd = sys.argv[1]
    if cmd == "gen":
        gen(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
        return 0
    tables = load_tables(sys.argv[2])
    t0 = time.time()
    with open(sys.argv[3], encoding="utf-8") as f:
        recs = list(csv.DictReader(f))
    ref = {r["student_id"]: score(tables, r) for r in recs}
    print("fitness_ref: %d records in %.3f s" % (len(recs), time.time() - t0), file=sys.stderr)
    if cmd == "score":
        json.dump(ref, sys.stdout, ensure_ascii=False)
        return 0
    got = json.load(open(sys.argv[4], encoding="utf-8"))
    if len(got["students"]) != len(ref):
        print("count differs: %d vs %d" % (len(got["students"]), len(ref)))
        return 1
    for s in got["students"]:
        std, bonus, total, level, pts = ref[s["student_id"]]
        mine = [str(Decimal(str(s["standard_score"])).normalize()), s["bonus"], str(Decimal(str(s["total"])).normalize()), s["level"], s["items"]]
        if mine != [std, bonus, total, level, pts]:
            print("student %s differs:\n  youjun    %s\n  reference %s" % (s["student_id"], mine, [std, bonus, total, level, pts]))
            return 1
    print("all %d students agree" % len(ref))
    return 0


if __name__ == "__main__":
    sys.exit(main())
