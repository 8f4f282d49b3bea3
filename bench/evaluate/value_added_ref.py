#!/usr/bin/env python3
"""Independent reference for `youjun evaluate value-added` (issue 8 §4), written from the method in
docs/value-added.md with pure Python: the regression is solved from the normal equations in exact rational
arithmetic (fractions.Fraction, Gauss–Jordan), where youjun uses floating-point QR (Eigen), so the two share
no code and no numerical method. The policy numbers (z = 1.96, 10 students) are written out here, not read
from the profile, so a wrong profile value shows up as a difference. Used by tests/cli/value_added.sh.

  value_added_ref.py gen N SEED OUT.csv                 synthetic scores: ~N/75 schools of varied size and intake,
                                                       context columns ses (0–1) and migrant (0/1)
  value_added_ref.py fit DATA.csv [ctx,…]              prints the reference result as JSON
  value_added_ref.py check DATA.csv RESULT.json [ctx,…] compares with youjun's JSON; exit 1 on the first difference
"""
import csv, itertools, json, math, random, sys
from fractions import Fraction

Z = 1.96            # value_added.interval_z (national)
MIN_STUDENTS = 10   # value_added.min_students (national)


def gen(n, seed, out):
    rng = random.Random(seed)
    schools = []
    for j in range(max(3, n // 75)):
        intake = rng.gauss(70, 10)                  # schools differ in the prior scores they take in
        effect = rng.gauss(0, 3)                    # and in what they add
        ses = min(0.95, max(0.05, rng.gauss(0.5, 0.15) + (intake - 70) / 100))
        schools.append((f"S{j + 1:03d}", intake, effect, ses))
    # One school with a weak intake and a strong effect, one the other way round: the raw ranking and the
    # value-added ranking must disagree about them.
    schools[0] = (schools[0][0], 55.0, 6.0, 0.3)
    schools[1] = (schools[1][0], 85.0, -5.0, 0.7)
    # Sizes: a few small schools (below value_added.min_students) among larger ones.
    weights = list(itertools.accumulate(0.15 if j % 9 == 4 else 1.0 for j in range(len(schools))))
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["student_id", "school_id", "prior", "current", "ses", "migrant"])
        for i in range(n):
            sid, intake, effect, school_ses = rng.choices(schools, cum_weights=weights)[0]
            prior = rng.gauss(intake, 12)
            ses = min(1.0, max(0.0, rng.gauss(school_ses, 0.15)))
            migrant = 1 if rng.random() < 0.2 else 0
            current = 15 + 0.75 * prior + 4 * ses - 1.5 * migrant + effect + rng.gauss(0, 8)
            w.writerow([f"P{i:06d}", sid, f"{prior:.1f}", f"{current:.1f}", f"{ses:.2f}", migrant])


def solve(a, b):
    """Gauss–Jordan on a p×p system of Fractions; exact."""
    p = len(a)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(p):
        pivot = next(r for r in range(c, p) if m[r][c] != 0)
        m[c], m[pivot] = m[pivot], m[c]
        for r in range(p):
            if r != c and m[r][c] != 0:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    return [m[i][p] / m[i][i] for i in range(p)]


def ranks_desc(values):
    """1 = largest; ties share the smallest rank."""
    order = sorted(range(len(values)), key=lambda i: -values[i])
    ranks = [0] * len(values)
    for pos, i in enumerate(order):
        ranks[i] = ranks[order[pos - 1]] if pos and values[i] == values[order[pos - 1]] else pos + 1
    return ranks


def fit(path, context):
    with open(path, encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    names = ["intercept", "prior"] + context
    xs = [[Fraction(1), Fraction(r["prior"])] + [Fraction(r[c]) for c in context] for r in rows]
    ys = [Fraction(r["current"]) for r in rows]
    n, p = len(rows), len(names)
    xtx = [[sum(x[a] * x[b] for x in xs) for b in range(p)] for a in range(p)]
    xty = [sum(x[a] * y for x, y in zip(xs, ys)) for a in range(p)]
    beta = solve(xtx, xty)
    resid = [y - sum(b * v for b, v in zip(beta, x)) for x, y in zip(xs, ys)]
    rss = sum(e * e for e in resid)
    ybar = sum(ys) / n
    tss = sum((y - ybar) ** 2 for y in ys)
    sigma = math.sqrt(rss / (n - p))
    groups = {}
    for r, y, e in zip(rows, ys, resid):
        g = groups.setdefault(r["school_id"], [0, Fraction(0), Fraction(0), Fraction(0)])
        g[0] += 1; g[1] += Fraction(r["prior"]); g[2] += y; g[3] += e
    ids = sorted(groups)
    raw = [float(groups[s][3] / groups[s][0]) for s in ids]
    se2 = [sigma * sigma / groups[s][0] for s in ids]
    j = len(ids)
    mean_raw = sum(raw) / j
    tau2 = max(0.0, sum((v - mean_raw) ** 2 for v in raw) / (j - 1) - sum(se2) / j)
    schools = []
    for k, s in enumerate(ids):
        cnt, sp, sy, _ = groups[s]
        lam = tau2 / (tau2 + se2[k]) if se2[k] > 0 else 1.0
        eff, sd = lam * raw[k], math.sqrt(lam * se2[k])
        lo, hi = eff - Z * sd, eff + Z * sd
        flag = "none" if cnt < MIN_STUDENTS else "above" if lo > 0 else "below" if hi < 0 else "none"
        schools.append({"school_id": s, "students": cnt, "mean_prior": float(sp / cnt), "mean_current": float(sy / cnt),
                        "raw_effect": raw[k], "se": math.sqrt(se2[k]), "shrunken_effect": eff, "interval": [lo, hi],
                        "flag": flag})
    rm = ranks_desc([s["mean_current"] for s in schools])
    rv = ranks_desc([s["shrunken_effect"] for s in schools])
    for s, a, b in zip(schools, rm, rv):
        s["rank_raw_mean"], s["rank_value_added"] = a, b
    # No ties in generated data: the textbook formula 1 − 6Σd²/(J(J² − 1)) applies.
    assert len(set(rm)) == j and len(set(rv)) == j, "ties: the textbook Spearman formula does not apply"
    rho = 1 - 6 * sum((a - b) ** 2 for a, b in zip(rm, rv)) / (j * (j * j - 1))
    return {"model": {"coefficients": dict(zip(names, map(float, beta))), "r2": float(1 - rss / tss),
                      "residual_sd": sigma, "students": n},
            "shrinkage": {"tau2": tau2}, "schools": schools, "spearman_raw_vs_value_added": rho}


def close(a, b, what, tol=1e-7):
    if abs(a - b) > tol * max(1.0, abs(b)):
        sys.exit(f"{what}: youjun {a!r}, reference {b!r}")


def check(data, result, context):
    ref = fit(data, context)
    got = json.load(open(result, encoding="utf-8"))
    for k, v in ref["model"]["coefficients"].items():
        close(got["model"]["coefficients"][k], v, f"coefficient {k}")
    for k in ("r2", "residual_sd"):
        close(got["model"][k], ref["model"][k], k)
    if got["model"]["students"] != ref["model"]["students"]: sys.exit("students differ")
    close(got["shrinkage"]["tau2"], ref["shrinkage"]["tau2"], "tau2")
    close(got["spearman_raw_vs_value_added"], ref["spearman_raw_vs_value_added"], "spearman")
    if [s["school_id"] for s in got["schools"]] != [s["school_id"] for s in ref["schools"]]: sys.exit("school list differs")
    flags = {"above": 0, "below": 0, "none": 0}
    for g, r in zip(got["schools"], ref["schools"]):
        sid = r["school_id"]
        for k in ("students", "rank_raw_mean", "rank_value_added", "flag"):
            if g[k] != r[k]: sys.exit(f"{sid} {k}: youjun {g[k]!r}, reference {r[k]!r}")
        for k in ("mean_prior", "mean_current", "raw_effect", "se", "shrunken_effect"):
            close(g[k], r[k], f"{sid} {k}")
        close(g["interval"][0], r["interval"][0], f"{sid} interval low")
        close(g["interval"][1], r["interval"][1], f"{sid} interval high")
        flags[r["flag"]] += 1
    keys = {x["key"] for x in got["rules"]}
    if not {"value_added.interval_z", "value_added.min_students"} <= keys: sys.exit(f"rules not cited: {keys}")
    print(f"{len(ref['schools'])} schools agree; flags {flags}; tau2 {ref['shrinkage']['tau2']:.3f}; "
          f"spearman {ref['spearman_raw_vs_value_added']:.3f}")


def main():
    cmd = sys.argv[1]
    if cmd == "gen":
        gen(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    elif cmd == "fit":
        print(json.dumps(fit(sys.argv[2], sys.argv[3].split(",") if len(sys.argv) > 3 else []), indent=2, ensure_ascii=False))
    elif cmd == "check":
        check(sys.argv[2], sys.argv[3], sys.argv[4].split(",") if len(sys.argv) > 4 else [])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
