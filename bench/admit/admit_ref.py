#!/usr/bin/env python3
"""Independent reference for `youjun admit quota` and `youjun admit match` (issue 7), written from the
issue text alone, with exact integer/fraction arithmetic. Used by tests/cli/admit.sh (cross-check) and
scripts/bench_admit.sh (generator and the baseline time).

  admit_ref.py gen STUDENTS SCHOOLS JUNIORS SEED DIR [full]   synthetic city (full: every list has 15 schools): high_schools.csv juniors.csv students.csv
  admit_ref.py check-quota RESULT.json HS.csv JS.csv SHARE [MIN_PER_JUNIOR]
  admit_ref.py check-match RESULT.json STUDENTS.csv HS.csv QUOTA.json SEED_HEX
  admit_ref.py match STUDENTS.csv HS.csv QUOTA.json SEED_HEX          (prints the time taken)
"""
import csv, hashlib, json, random, sys, time
from decimal import Decimal
from fractions import Fraction


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def gen(n, schools, juniors, seed, out, full_lists=False):
    rng = random.Random(seed)
    counties = ["县%d" % c for c in range(max(1, juniors // 40))]
    js = [("J%04d" % j, rng.choice(counties), rng.randint(0, 600)) for j in range(juniors)]
    hs = [("H%04d" % h, rng.randint(50, 700), 1 if h < schools // 3 else 0) for h in range(schools)]
    with open(out + "/juniors.csv", "w", encoding="utf-8") as f:
        f.write("js_id,name,county,graduates\n")
        for j, c, g in js:
            f.write("%s,初中%s,%s,%d\n" % (j, j, c, g))
    with open(out + "/high_schools.csv", "w", encoding="utf-8") as f:
        f.write("hs_id,name,plan,quality\n")
        for h, plan, q in hs:
            f.write("%s,高中%s,%d,%d\n" % (h, h, plan, q))
    quality = [h for h, _, q in hs if q]
    ids = [h for h, _, _ in hs]
    # Popularity: lower-numbered schools are wanted more (a realistic skew).
    cum, acc = [], 0.0
    for k in range(len(ids)):
        acc += 1.0 / (1 + k) ** 0.7
        cum.append(acc)
    with open(out + "/students.csv", "w", encoding="utf-8") as f:
        f.write("student_id,js_id,total,chinese,math,english,quota_eligible,quota_prefs,prefs\n")
        for s in range(n):
            j = rng.randrange(juniors)
            if s and rng.random() < 0.02:
                pass  # the same scores as the previous student: a full tie, decided by the lottery
            else:
                c, m, e = rng.randint(40, 120), rng.randint(30, 120), rng.randint(40, 120)
                total = c + m + e + rng.randint(100, 330) + rng.choice([0, 0.5])
            k = min(15, len(ids)) if full_lists else rng.randint(0, min(15, len(ids)))
            prefs = []
            while len(prefs) < k:
                h = rng.choices(ids, cum_weights=cum)[0]
                if h not in prefs:
                    prefs.append(h)
            qp = [h for h in prefs if h in quality][:2] if rng.random() < 0.8 else []
            f.write("Z%07d,%s,%s,%d,%d,%d,%d,%s,%s\n" % (s, js[j][0], total, c, m, e, rng.random() < 0.9,
                                                     "|".join(qp), "|".join(prefs)))


def quota(hs_rows, js_rows, share, minimum=0):
    share = Fraction(Decimal(str(share)))
    out = {}
    for h in hs_rows:
        if h["quality"] not in ("1", "是", "true"):
            out[h["hs_id"]] = (0, {})
            continue
        q = -((-int(h["plan"]) * share.numerator) // share.denominator)  # ceil
        pool = [(j["js_id"], int(j["graduates"])) for j in js_rows if int(j["graduates"]) > 0]
        seats = {}
        if minimum and minimum * len(pool) <= q:
            changed = True
            while changed:  # pin juniors whose proportional share is below the minimum
                changed = False
                free = [(i, g) for i, g in pool if i not in seats]
                left, g_sum = q - minimum * len(seats), sum(g for _, g in free)
                for i, g in free:
                    if Fraction(left * g, g_sum) < minimum:
                        seats[i] = minimum
                        changed = True
                        break
        free = [(i, g) for i, g in pool if i not in seats]
        left, g_sum = q - sum(seats.values()), sum(g for _, g in free)
        if g_sum:
            shares = {i: Fraction(left * g, g_sum) for i, g in free}
            base = {i: int(v) for i, v in shares.items()}
            rest = left - sum(base.values())
            order = sorted(free, key=lambda x: (-(shares[x[0]] - base[x[0]]), -x[1], x[0]))
            for i, _ in order[:rest]:
                base[i] += 1
            seats.update(base)
        out[h["hs_id"]] = (q, {i: n for i, n in seats.items() if n > 0})
    return out


def check_quota(result_path, hs_path, js_path, share, minimum=0):
    got = {h["hs_id"]: (h["quota_total"], h["by_junior"]) for h in json.load(open(result_path))["high_schools"]}
    want = quota(read_csv(hs_path), read_csv(js_path), share, minimum)
    for h, w in want.items():
        assert got[h][0] == w[0], (h, got[h][0], w[0])
        assert got[h][1] == w[1], (h, got[h][1], w[1])
    assert len(got) == len(want)
    print("quota: %d high schools equal" % len(want))


def match(students_path, hs_path, quota_path, seed):
    students = read_csv(students_path)
    plan = {h["hs_id"]: int(h["plan"]) for h in read_csv(hs_path)}
    by_junior = {h["hs_id"]: dict(h.get("by_junior", {})) for h in json.load(open(quota_path))["high_schools"]}
    t0 = time.time()
    dec = lambda v: Decimal(v)
    lottery = lambda sid: hashlib.sha256(("%s:%s" % (seed, sid)).encode()).hexdigest()
    key = lambda s: (-dec(s["total"]), -(dec(s["chinese"]) + dec(s["math"]) + dec(s["english"])), -dec(s["math"]),
                     -dec(s["chinese"]), -dec(s["english"]), lottery(s["student_id"]))
    order = sorted(students, key=key)
    left = dict(plan)
    result = {}
    for s in order:  # batch 1: quota seats of the student's junior school
        if s["quota_eligible"] not in ("1", "是", "true"):
            continue
        for h in filter(None, s["quota_prefs"].split("|")):
            seats = by_junior.get(h, {})
            if seats.get(s["js_id"], 0) > 0 and left[h] > 0:
                seats[s["js_id"]] -= 1
                left[h] -= 1
                result[s["student_id"]] = ("quota", h)
                break
    cutoff = {}
    for s in order:  # batch 2: plan minus what batch 1 took
        if s["student_id"] in result:
            continue
        for h in filter(None, s["prefs"].split("|")):
            if left[h] > 0:
                left[h] -= 1
                result[s["student_id"]] = ("unified", h)
                cutoff[h] = s["total"]
                break
    return result, cutoff, time.time() - t0


def check_match(result_path, students_path, hs_path, quota_path, seed):
    want, cutoff, _ = match(students_path, hs_path, quota_path, seed)
    r = json.load(open(result_path))
    n = 0
    for a in r["assignments"]:
        w = want.get(a["student_id"], (None, None))
        assert (a["batch"], a["hs_id"]) == w, (a, w)
        n += 1
    for h in r["high_schools"]:
        c = h["unified_cutoff_total"]
        w = cutoff.get(h["hs_id"])
        assert (c is None and w is None) or Decimal(str(c)) == Decimal(w), (h["hs_id"], c, w)
    print("match: %d students and %d schools equal" % (n, len(r["high_schools"])))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "gen":
        gen(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], "full" in sys.argv[7:])
    elif cmd == "check-quota":
        check_quota(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]) if len(sys.argv) > 6 else 0)
    elif cmd == "check-match":
        check_match(*sys.argv[2:7])
    elif cmd == "match":
        _, _, seconds = match(*sys.argv[2:6])
        print("%.3f" % seconds)
    else:
        sys.exit(__doc__)
