#!/usr/bin/env python3
"""Writes a province-sized group history as the import templates' CSV files, for
tools/bench-history-import.sh: WOMEN women in Qazvin's counties, GROUPS groups with their
stage dates, MEMBERS memberships (each woman in one group of her county, a tenth of them
having left), a tenth of the groups falling inactive later, and VISITS_PER_GROUP visits a
group over the year 1404.

    tools/bench-history-import.py DIR [GROUPS] [MEMBERS_PER_GROUP] [VISITS_PER_GROUP]
"""
import csv
import os
import sys

COUNTIES = ["آبیک", "آوج", "البرز", "بوئین‌زهرا", "تاکستان", "قزوین"]


def national_id(serial):
    body = f"{200_000_000 + serial:09d}"
    total = sum(int(d) * (10 - i) for i, d in enumerate(body))
    r = total % 11
    return body + str(r if r < 2 else 11 - r)


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def main():
    out = sys.argv[1]
    groups = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    per_group = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    visits_per_group = int(sys.argv[4]) if len(sys.argv) > 4 else 12
    os.makedirs(out, exist_ok=True)
    women, group_rows, members, stages, visits = [], [], [], [], []
    for g in range(groups):
        county = COUNTIES[g % len(COUNTIES)]
        code = f"QZ-{g + 1:04d}"
        month = 1 + g % 12
        group_rows.append([code, f"گروه همیار {g + 1}", county, "خیاطی", "استیجاری",
                           f"1400/{month:02d}/05", f"1400/{month:02d}/20",
                           f"1401/{month:02d}/10", f"1401/{month:02d}/25"])
        if g % 10 == 0:
            stages.append([code, "غیرفعال", f"1403/{month:02d}/01", "سرمایه"])
        for m in range(per_group):
            serial = g * per_group + m
            nid = national_id(serial)
            last = ["احمدی", "کریمی", "رضایی", "موسوی", "حسینی", "جعفری", "صادقی"][serial % 7]
            women.append([nid, "مریم", last, "1360/01/01", county, "شهری", "همسر فوت‌شده"])
            role = "سرگروه" if m == 0 else "عضو"
            left = ["1402/06/30", "moved"] if m == per_group - 1 and g % 10 == 0 else ["", ""]
            members.append([code, nid, role, f"1401/{month:02d}/10"] + left)
        for v in range(visits_per_group):
            visits.append([code, f"1404/{v % 12 + 1:02d}/{1 + g % 28:02d}", "", "پایش ماهانه", "فعال", "", "بانک" if v % 3 == 0 else ""])
    write(f"{out}/women.csv", ["کد ملی", "نام", "نام خانوادگی", "تاریخ تولد", "شهرستان", "نوع سکونت", "علت سرپرستی"], women)
    write(f"{out}/groups.csv", ["کد گروه", "نام گروه", "شهرستان", "رشته کسب و کار", "محل کار", "تاریخ شناسایی", "تاریخ آموزش", "تاریخ ثبت", "تاریخ شروع فعالیت"], group_rows)
    write(f"{out}/stages.csv", ["کد گروه", "مرحله", "تاریخ", "علت غیرفعال شدن"], stages)
    write(f"{out}/members.csv", ["کد گروه", "کد ملی", "نقش در گروه", "تاریخ پیوستن", "تاریخ خروج", "علت خروج"], members)
    write(f"{out}/visits.csv", ["کد گروه", "تاریخ بازدید", "بازدیدکننده", "هدف بازدید", "یافته‌ها", "درخواست‌ها", "ارجاع‌ها"], visits)
    print(f"{len(women)} women, {len(group_rows)} groups, {len(stages)} stage moves, "
          f"{len(members)} memberships, {len(visits)} visits")


if __name__ == "__main__":
    main()
