#!/usr/bin/env bash
# `youjun timetable inspect` against an independent reader: every one of the 236 real school files of
# Debian's fet-data is read by youjun and by Python's xml.etree (a different XML parser, counting the
# elements itself); sizes, active activities and hours, per-teacher weekly hours and constraint counts
# must agree. Then a bad file: exit 2, each problem with its line.
set -uo pipefail
YJ=$(realpath "$1")
source "$(dirname "$0")/../tap.sh"
T=$(mktemp -d /tmp/youjun-timetable.XXXXXX)
trap 'rm -rf "$T"' EXIT
EXAMPLES=/usr/share/doc/fet-data/examples

check "fet-data: all 236 real school files read, and every count equals xml.etree's" python3 - "$YJ" "$EXAMPLES" <<'PY'
import json, os, subprocess, sys
import xml.etree.ElementTree as ET
yj, root = sys.argv[1], sys.argv[2]
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".fet"))
assert len(files) == 236, len(files)
def name(e):
    n = e.find("Name")
    return (n.text if n is not None else e.text) or ""
bad = 0
for path in files:
    fet = ET.parse(path).getroot()
    lst = lambda tag, item: fet.find(tag).findall(item) if fet.find(tag) is not None else []
    years = lst("Students_List", "Year")
    groups = {name(g) for y in years for g in y.findall("Group")}
    subgroups = {name(s) for y in years for g in y.findall("Group") for s in g.findall("Subgroup")}
    active = [a for a in lst("Activities_List", "Activity") if (a.findtext("Active") or "true") != "false"]
    teacher_hours = {name(t): 0 for t in lst("Teachers_List", "Teacher")}
    for a in active:
        for t in a.findall("Teacher"):
            teacher_hours[t.text or ""] += int(a.findtext("Duration"))
    kids = lambda tag: len(list(fet.find(tag))) if fet.find(tag) is not None else 0
    expected = {
        "days": len(lst("Days_List", "Day")), "hours_per_day": len(lst("Hours_List", "Hour")),
        "subjects": len(lst("Subjects_List", "Subject")), "teachers": len(teacher_hours),
        "activity_tags": len(lst("Activity_Tags_List", "Activity_Tag")), "rooms": len(lst("Rooms_List", "Room")),
        "years": len(years), "groups": len(groups), "subgroups": len(subgroups),
        "activities": len(lst("Activities_List", "Activity")), "active": len(active),
        "active_hours": sum(int(a.findtext("Duration")) for a in active),
        "time": kids("Time_Constraints_List"), "space": kids("Space_Constraints_List"),
        "teacher_hours": teacher_hours,
    }
    out = subprocess.run([yj, "timetable", "inspect", path, "--json"], capture_output=True, text=True)
    if out.returncode != 0:
        print(path, "exit", out.returncode, out.stderr[:300]); bad += 1; continue
    s = json.loads(out.stdout)
    got = {k: s[k] for k in ("days", "hours_per_day", "subjects", "teachers", "activity_tags", "rooms")}
    got.update({k: s["students"][k] for k in ("years", "groups", "subgroups")})
    got.update({"activities": s["activities"]["total"], "active": s["activities"]["active"],
                "active_hours": s["activities"]["active_hours"], "time": s["constraints"]["time"],
                "space": s["constraints"]["space"],
                "teacher_hours": {r["teacher"]: r["hours"] for r in s["teacher_hours"]}})
    if got != expected:
        bad += 1
        print(path, {k: (got[k], expected[k]) for k in expected if got[k] != expected[k]})
print(len(files), "files,", bad, "differ")
sys.exit(1 if bad else 0)
PY

# A bad file: an unknown teacher, a duration longer than the day, a duplicate activity id, a missing subject
# and a Number_of_Days that does not match; each reported as FILE:LINE:element, nothing printed on stdout.
cat > "$T/bad.fet" <<'FET'
<?xml version="1.0" encoding="UTF-8"?>
<fet version="6.0.0">
<Institution_Name>测试学校</Institution_Name>
<Days_List>
<Number_of_Days>3</Number_of_Days>
<Day><Name>周一</Name></Day>
<Day><Name>周二</Name></Day>
</Days_List>
<Hours_List>
<Number_of_Hours>2</Number_of_Hours>
<Hour><Name>第1节</Name></Hour>
<Hour><Name>第2节</Name></Hour>
</Hours_List>
<Subjects_List><Subject><Name>语文</Name></Subject></Subjects_List>
<Teachers_List><Teacher><Name>王老师</Name></Teacher></Teachers_List>
<Students_List><Year><Name>七年级</Name><Number_of_Students>90</Number_of_Students></Year></Students_List>
<Activities_List>
<Activity><Teacher>李老师</Teacher><Subject>语文</Subject><Students>七年级</Students><Duration>1</Duration><Id>1</Id></Activity>
<Activity><Teacher>王老师</Teacher><Subject>语文</Subject><Students>七年级</Students><Duration>3</Duration><Id>1</Id></Activity>
<Activity><Teacher>王老师</Teacher><Students>七年级</Students><Duration>1</Duration><Id>2</Id></Activity>
</Activities_List>
</fet>
FET
"$YJ" timetable inspect "$T/bad.fet" > "$T/bad.out" 2> "$T/bad.err"
rc=$?
check "bad FET file: exit 2, five problems each with its line, nothing on stdout" bash -c "
  test $rc = 2 && ! test -s '$T/bad.out' &&
  grep -q 'bad.fet:5:Number_of_Days: 声明 3 个，实有 2 个' '$T/bad.err' &&
  grep -q 'bad.fet:18:Teacher: 教师“李老师”不在教师名单中' '$T/bad.err' &&
  grep -q 'bad.fet:19:Duration: 时长 3 超过每天的课时数 2' '$T/bad.err' &&
  grep -q 'bad.fet:19:Id: 活动编号 1 重复' '$T/bad.err' &&
  grep -q 'bad.fet:20:Subject: 缺少 <Subject>' '$T/bad.err' &&
  test \$(grep -c '^.*bad.fet:[0-9]*:' '$T/bad.err') = 5"
printf 'not xml' > "$T/junk.fet"
rc=$("$YJ" timetable inspect "$T/junk.fet" >/dev/null 2>"$T/junk.err"; echo $?)
check "not XML: exit 2 with the parser's reason" bash -c "test $rc = 2 && grep -q 'junk.fet:1:: 不是有效的 XML' '$T/junk.err'"

echo "timetable cli: $n_ok passed, $n_fail failed"
[ $n_fail -eq 0 ]
