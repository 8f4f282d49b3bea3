#!/usr/bin/env python3
"""Writes a city-scale 多校划片 instance as the CSV files `youjun enroll match` reads:
students.csv (student_id,prefs,tier) and schools.csv (school_id,seats). Same shape as
bench/enroll/match_instance.hpp: 10 of the 15 schools near home, ranked by popularity + noise."""
import random
import sys

students, schools, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(1)
popularity = [rng.random() for _ in range(schools)]
with open(f"{out}/schools.csv", "w") as f:
    f.write("school_id,seats\n")
    left = students
    for j in range(schools):
        seats = left // (schools - j)
        left -= seats
        f.write(f"S{j},{seats}\n")
with open(f"{out}/students.csv", "w") as f:
    f.write("student_id,prefs,tier\n")
    lines = []
    for s in range(students):
        home = rng.randrange(schools)
        near = [(home + d) % schools for d in range(-7, 8)]
        near.sort(key=lambda j: -(popularity[j] + 0.5 * rng.random()))
        lines.append(f"P{s},{'|'.join(f'S{j}' for j in near[:10])},{1 + rng.randrange(3)}\n")
        if len(lines) == 100000:
            f.writelines(lines)
            lines = []
    f.writelines(lines)
