#!/usr/bin/env python3
"""Independent reference for `youjun balance evaluate` (issue 4), used by tests/cli/balance.sh and the
benchmark (scripts/bench_balance.sh).

  gen N SEED OUT.csv            N synthetic schools (primary, junior, nine_year) over N/100 counties
  from-demo DIR OUT.csv         the demo city's school_facts.csv + schools.csv (newest year) as an evaluate file
  check RESULT.json FILE.csv    recompute everything from FILE.csv with the national numbers below and
                                compare with the JSON; exit 1 naming the first difference
  time FILE.csv                 the reference computation alone, for the benchmark baseline

The national numbers are typed here from 教督〔2017〕6号 第六条 (not read from policy/), so the check is
independent of the engine and of the profile loader.
"""
import csv
import json
import math
import random
import sys
import time

KEYS = ["teachers_above_degree_per100", "backbone_teachers_per100", "pe_art_teachers_per100",
        "teaching_area_per_student", "sports_area_per_student", "equipment_value_per_student",
        "multimedia_rooms_per100"]
PER100 = [True, True, True, False, False, False, True]
FLOORS = {"primary": [4.2, 1.0, 0.9, 4.5, 7.5, 2000, 2.3], "junior": [5.3, 1.0, 0.9, 5.8, 10.2, 2500, 2.4]}
CV_MAX = {"primary": 0.50, "junior": 0.45}
SPLIT = {"nine_year": [1, 1.1], "twelve_year": [1, 1.1, 1.32], "complete_secondary": [1, 1.2]}
HEADER = ["school_id", "name", "county", "level", "students", "classes", "teachers_above_degree",
          "backbone_teachers", "pe_art_teachers", "teaching_area_m2", "sports_area_m2", "equipment_value_yuan",
          "multimedia_rooms", "students_junior", "classes_junior", "teachers_above_degree_junior",
          "backbone_teachers_junior", "pe_art_teachers_junior", "students_senior"]


def gen(n, seed, out):
    rng = random.Random(seed)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for i in range(n):
            level = rng.choice(["primary"] * 6 + ["junior"] * 3 + ["nine_year"])
            county = "县%03d" % (i % max(1, n // 100))
            def teachers(students, stage):
                q = rng.uniform(0.8, 1.4)
                return [round(students * FLOORS[stage][k] / 100 * q * rng.uniform(0.9, 1.1)) for k in range(3)]
            sp = rng.randint(60, 2000)
            stage = "junior" if level == "junior" else "primary"
            t = teachers(sp, stage)
            row = ["S%06d" % i, "学校%d" % i, county, level, sp, max(1, sp // 42)] + t
            total_w = sp * (1.1 if level == "junior" else 1)
            junior = ["", "", "", "", ""]
            if level == "nine_year":
                sj = rng.randint(60, 1200)
                junior = [sj, max(1, sj // 46)] + teachers(sj, "junior")
                total_w += sj * 1.1
            q = rng.uniform(0.75, 1.5)
            row += [round(total_w * 5 * q * rng.uniform(0.9, 1.1), 1), round(total_w * 9 * q * rng.uniform(0.8, 1.2), 1),
                    round(total_w * 2300 * q * rng.uniform(0.8, 1.2), 2), round(total_w * 2.5 / 100 * q)]
            w.writerow(row + junior + [""])


def from_demo(directory, out):
    schools = {}
    with open(f"{directory}/schools.csv", encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            schools[r["学校代码"]] = r
    with open(f"{directory}/school_facts.csv", encoding="utf-8-sig") as f:
        facts = list(csv.DictReader(f))
    year = max(r["学年"] for r in facts)
    kinds = {"小学": "primary", "初中": "junior", "九年一贯制": "nine_year", "十二年一贯制": "twelve_year",
             "完全中学": "complete_secondary"}
    rows = []
    for r in facts:
        s = schools[r["学校代码"]]
        kind = kinds.get(s["学段"])
        if r["学年"] != year or kind is None:
            continue
        g = [int(r[k]) for k in ["一年级学生数", "二年级学生数", "三年级学生数", "四年级学生数", "五年级学生数", "六年级学生数",
                                 "七年级学生数", "八年级学生数", "九年级学生数", "高一学生数", "高二学生数", "高三学生数"]]
        sp, sj, ss = sum(g[:6]), sum(g[6:9]), sum(g[9:])
        prim = [sp, r["小学班级数"], r["小学高于规定学历教师数"], r["小学县级以上骨干教师数"], r["小学体育艺术专任教师数"]]
        jun = [sj, r["初中班级数"], r["初中高于规定学历教师数"], r["初中县级以上骨干教师数"], r["初中体育艺术专任教师数"]]
        shared = [r["教学及辅助用房面积(平方米)"], r["体育运动场馆面积(平方米)"], r["教学仪器设备值(元)"], r["网络多媒体教室数"]]
        if kind in ("nine_year", "twelve_year") and (sp == 0 or sj == 0):
            continue  # the file format needs pupils in every level; the DB path skips the empty level
        if kind in ("junior", "complete_secondary"):
            row = jun + shared + [""] * 5 + [ss if kind == "complete_secondary" else ""]
        elif kind == "primary":
            row = prim + shared + [""] * 6
        else:
            row = prim + shared + jun + [ss if kind == "twelve_year" else ""]
        rows.append([r["学校代码"], s["学校名称"], s["区县名称"], kind] + row)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerows(rows)


def parts_of(path):
    """(school_id, county, stage, students, values) per part, in file order."""
    out = []
    with open(path, encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            kind = r["level"]
            shared = [float(r["teaching_area_m2"]), float(r["sports_area_m2"]), float(r["equipment_value_yuan"]),
                      float(r["multimedia_rooms"])]
            levels = []  # (stage, students, teachers, weight)
            if kind in ("primary", "nine_year", "twelve_year"):
                levels.append(("primary", int(r["students"]), [int(r[k]) for k in HEADER[6:9]]))
            if kind in ("junior", "complete_secondary"):
                levels.append(("junior", int(r["students"]), [int(r[k]) for k in HEADER[6:9]]))
            if kind in ("nine_year", "twelve_year"):
                levels.append(("junior", int(r["students_junior"]), [int(r[k]) for k in HEADER[15:18]]))
            weights = SPLIT.get(kind, [1])
            weighted = [w * lv[1] for w, lv in zip(weights, levels)]
            total = sum(weighted) + (weights[-1] * int(r["students_senior"]) if kind in ("twelve_year", "complete_secondary") else 0)
            for (stage, n, t), wn in zip(levels, weighted):
                share = wn / total
                amounts = t + [x * share for x in shared]
                values = [a * 100 / n if PER100[k] else a / n for k, a in enumerate(amounts)]
                out.append((r["school_id"], r["county"], stage, n, values))
    return out


def compliant(stage, values):
    met = [v >= f - 1e-9 * max(1, f) for v, f in zip(values, FLOORS[stage])]
    others = all(m or v >= 0.85 * f - 1e-9 * max(1, f) for m, v, f in zip(met, values, FLOORS[stage]))
    return sum(met) >= 6 and others


def reference(path):
    parts = parts_of(path)
    groups = {}
    for p in parts:
        groups.setdefault((p[1], p[2]), []).append(p)
    counties = {}
    for key, ps in groups.items():
        n = sum(p[3] for p in ps)
        cvs = []
        for k in range(7):
            mean = sum(p[3] * p[4][k] for p in ps) / n
            var = sum(p[3] * (p[4][k] - mean) ** 2 for p in ps) / n
            cvs.append(math.sqrt(var) / mean if mean else 0.0)
        counties[key] = (len(ps), n, cvs, sum(compliant(p[2], p[4]) for p in ps))
    return parts, counties


def check(result_path, path):
    res = json.load(open(result_path, encoding="utf-8"))
    parts, counties = reference(path)
    if len(res["schools"]) != len(parts):
        sys.exit(f"school parts: youjun {len(res['schools'])}, reference {len(parts)}")
    for got, (sid, county, stage, n, values) in zip(res["schools"], parts):
        if (got["school_id"], got["level"], got["students"]) != (sid, stage, n):
            sys.exit(f"part order differs at {sid} {stage}: youjun {got['school_id']} {got['level']}")
        for k, key in enumerate(KEYS):
            if abs(got["values"][key] - values[k]) > 1e-6 * max(1, abs(values[k])):
                sys.exit(f"{sid} {stage} {key}: youjun {got['values'][key]}, reference {values[k]}")
        if got["compliant"] != compliant(stage, values):
            sys.exit(f"{sid} {stage} compliant: youjun {got['compliant']}, reference {compliant(stage, values)}")
    if len(res["counties"]) != len(counties):
        sys.exit(f"counties: youjun {len(res['counties'])}, reference {len(counties)}")
    for c in res["counties"]:
        schools, n, cvs, ok = counties[(c["county"], c["level"])]
        if (c["schools"], c["students"], c["compliant_schools"]) != (schools, n, ok):
            sys.exit(f"{c['county']} {c['level']}: youjun {c['schools']}/{c['students']}/{c['compliant_schools']}, "
                     f"reference {schools}/{n}/{ok}")
        for k, key in enumerate(KEYS):
            if abs(c["cv"][key] - cvs[k]) > 2e-6:
                sys.exit(f"{c['county']} {c['level']} CV {key}: youjun {c['cv'][key]}, reference {cvs[k]}")
        if c["cv_pass"] != all(v <= CV_MAX[c["level"]] + 1e-9 for v in cvs):
            sys.exit(f"{c['county']} {c['level']} cv_pass differs")
    print(f"reference agrees: {len(parts)} school parts, {len(counties)} county levels")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "gen":
        gen(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    elif cmd == "from-demo":
        from_demo(sys.argv[2], sys.argv[3])
    elif cmd == "check":
        check(sys.argv[2], sys.argv[3])
    elif cmd == "time":
        t0 = time.perf_counter()
        _, counties = reference(sys.argv[2])
        print(f"reference: {len(counties)} county levels in {time.perf_counter() - t0:.3f} s")
