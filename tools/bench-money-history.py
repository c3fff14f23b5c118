#!/usr/bin/env python3
"""Writes a province's year of money as the import templates' CSV files, for
tools/bench-money-history.sh: PAYMENTS payments spread over 1405 on the demo province's
budget lines (each approved three days after it was spent and paid ten days after, on
paper), and one grant of two tranches for every demo group that has not ended (the first
approved and paid on paper, the second planned). The groups' codes are read from the
demo database.

    tools/bench-money-history.py DB DIR [PAYMENTS]
"""
import csv
import sqlite3
import sys

CATEGORIES = ["آموزش", "آماده‌سازی شغلی", "تقویت و تشکیل گروه", "سایر"]
KINDS = ["مجری دوره آموزشی", "خدمات آماده‌سازی شغلی", "کار تقویت و تشکیل گروه", "سایر"]


def day(n):
    """The n-th day of 1405 from 1405/01/20 (n below 230: before 1405/09/01; months of
    30 days are enough here)."""
    month, rest = divmod(n + 19, 30)
    return f"1405/{month + 1:02d}/{rest + 1:02d}"


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def main():
    db, out = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 300
    payments = []
    for i in range(count):
        c = i % len(CATEGORIES)
        base = i % 180
        payments.append([CATEGORIES[c], "", f"مجری شماره {i + 1}", KINDS[c], "100000",
                         day(base), f"س-{i + 1}", "", "", "", day(base + 3), day(base + 13),
                         "مریم احمدی"])
    write(f"{out}/payments.csv",
          ["ردیف بودجه", "شهرستان ردیف", "گیرنده", "نوع گیرنده", "مبلغ (ریال)", "تاریخ هزینه",
           "شماره سند", "شرح", "کد گروه‌ها", "کد ملی زنان", "تاریخ تأیید", "تاریخ پرداخت",
           "تأییدکننده روی کاغذ"], payments)
    codes = [row[0] for row in sqlite3.connect(db).execute(
        "SELECT code FROM hamyar_groups WHERE stage NOT IN ('dissolved', 'graduated') ORDER BY code")]
    grants = []
    for i, code in enumerate(codes):
        base = 40 + i % 150
        grants.append([code, "", f"سرمایه کار گروه {code}", "", "200000", day(base),
                       day(base + 2), day(base + 10), "100000", "1405/10/01", "", "",
                       "مریم احمدی"])
    write(f"{out}/grants.csv",
          ["کد گروه", "کد ملی", "هدف", "شرط‌های پرداخت", "مبلغ قسط ۱", "تاریخ برنامه قسط ۱",
           "تاریخ تأیید قسط ۱", "تاریخ پرداخت قسط ۱", "مبلغ قسط ۲", "تاریخ برنامه قسط ۲",
           "تاریخ تأیید قسط ۲", "تاریخ پرداخت قسط ۲", "تأییدکننده روی کاغذ"], grants)
    print(f"{len(payments)} payments, {len(grants)} grants")


if __name__ == "__main__":
    main()
