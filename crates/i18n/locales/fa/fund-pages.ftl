## The group fund's pages (issue 20): the fund's page, the meeting screen, a loan, the
## share-out and the savings-group report (crates/web/src/pages/fund).

fund-page-title = صندوق گروه
fund-page-group_link = صندوق گروه: پس‌انداز، وام‌ها و جلسه‌ها
fund-page-back_to_group = بازگشت به گروه
fund-page-not_recorded = ثبت نشد؛ این موارد را درست کنید:
fund-page-not_keeper = شما می‌توانید صندوق را ببینید، اما ثبت جلسه با مسئولان صندوق است.

## the cycle
fund-page-no_cycle = دورهٔ بازی نیست
fund-page-cycle_title = دورهٔ { $number }: { $from } تا { $to }
fund-page-past_cycle = دورهٔ { $number }: { $from } تا { $to }، تقسیم‌شده در { $shared }
fund-page-share_value = ارزش هر سهم
fund-page-share_value_rials = ارزش هر سهم (ریال)
fund-page-max_shares = بیشترین سهم در هر جلسه
fund-page-meeting_every = فاصلهٔ جلسه‌ها
fund-page-fee = کارمزد
fund-page-fee_percent = کارمزد وام (درصد)
fund-page-loan_limit = سقف وام (چند برابر پس‌انداز)
fund-page-times_savings = { $times } برابر پس‌انداز
fund-page-max_term = بیشترین مدت وام (ماه)
fund-page-months = { $months } ماه
fund-page-social = سهم صندوق اجتماعی در هر جلسه
fund-page-social_rials = سهم صندوق اجتماعی در هر جلسه (ریال)
fund-page-starts_on = روز شروع
fund-page-ends_on = روز پایان
fund-page-rules = قواعدی که اعضا پذیرفته‌اند
fund-page-open_cycle = شروع دوره
fund-page-cycle_opened = دورهٔ صندوق شروع شد.

## where the fund stands
fund-page-position = موجودی صندوق
fund-page-cash = صندوقچه (نقد)
fund-page-bank = حساب بانکی
fund-page-social_fund = صندوق اجتماعی
fund-page-loans_owed = وام‌های پرداخت‌نشده
fund-page-surplus = مازاد دوره
fund-page-members = اعضا
fund-page-no_members = عضوی نیست.
fund-page-shares = سهم‌ها
fund-page-savings = پس‌انداز
fund-page-owes = بدهی
fund-page-days_late = { $days } روز دیرکرد
fund-page-on_time = به‌موقع

## meetings, loans, draws
fund-page-meetings = جلسه‌ها
fund-page-no_meetings = هنوز جلسه‌ای ثبت نشده است.
fund-page-meeting_title = جلسهٔ { $number } · { $day }
fund-page-cash_expected = نقد طبق دفتر
fund-page-cash_counted = نقد شمرده‌شده
fund-page-short = کسری { $amount }
fund-page-over = اضافه { $amount }
fund-page-loans = وام‌ها
fund-page-no_loans = وامی داده نشده است.
fund-page-loan_detail = { $day } · { $months } ماه · { $allocation }
fund-page-loan_active = جاری
fund-page-loan_repaid = تسویه‌شده
fund-page-loan_written_off = سوخت‌شده
fund-page-by_turn = به نوبت
fund-page-by_lottery = با قرعه
fund-page-draws = قرعه‌کشی‌ها
fund-page-no_draws = قرعه‌کشی‌ای ثبت نشده است.
fund-page-draw_title = قرعه‌کشی { $day } برای { $seats } نفر
fund-page-candidates = شرکت‌کنندگان
fund-page-winners = برندگان
fund-page-seed = بذر قرعه
fund-page-draw_new = قرعه‌کشی تازه
fund-page-draw_on = روز قرعه‌کشی
fund-page-seats = شمار برندگان
fund-page-draw_do = قرعه بکش
fund-page-draw_made = قرعه‌کشی ثبت شد.
fund-page-bad_candidate = «{ $text }» عضو شناخته‌شده‌ای نیست.

## the meeting screen
fund-page-meeting_screen = جلسهٔ صندوق
fund-page-held_on = روز جلسه
fund-page-amounts_in_rials = مبلغ‌ها به ریال
fund-page-present = حاضر
fund-page-shares_bought = سهم خریده‌شده
fund-page-shares_range = ۰ تا { $max }
fund-page-social_paid = صندوق اجتماعی
fund-page-repayment = بازپرداخت
fund-page-fine = جریمه
fund-page-new_loans = وام‌های تازه
fund-page-loan = وام
fund-page-borrower = وام‌گیرنده
fund-page-amount_rials = مبلغ (ریال)
fund-page-term_months = مدت (ماه)
fund-page-by_draw = نوبت یا قرعه
fund-page-open_draw = برندهٔ قرعهٔ { $day }: { $winners }
fund-page-guarantors = ضامن‌ها
fund-page-cash_box = صندوقچه
fund-page-cash_before = نقد پیش از جلسه (طبق دفتر)
fund-page-expected_hint = نقد پایان جلسه باید برابر باشد با: نقد پیش از جلسه + سهم‌ها، صندوق اجتماعی، بازپرداخت‌ها و جریمه‌ها − وام‌های تازه − آنچه به بانک می‌رود. اختلاف جدا ثبت می‌شود.
fund-page-to_bank = به بانک (ریال؛ برداشت از بانک با منفی)
fund-page-cash_counted_rials = نقد شمرده‌شده در پایان جلسه (ریال)
fund-page-note = یادداشت
fund-page-save_meeting = ثبت جلسه
fund-page-meeting_saved = جلسهٔ صندوق ثبت شد.

## a loan
fund-page-loan_title = وام صندوق
fund-page-disbursed_on = روز پرداخت
fund-page-principal = اصل وام
fund-page-fee_disclosed = { $amount } ({ $percent } اصل وام)
fund-page-owed_total = بدهی کل (اصل و کارمزد)
fund-page-term = مدت
fund-page-allocation = شیوهٔ واگذاری
fund-page-repaid = بازپرداخت‌شده
fund-page-written_off_amount = سوخت‌شده
fund-page-outstanding = مانده
fund-page-lateness = دیرکرد
fund-page-closed_on = بسته‌شده در { $day }
fund-page-schedules = جدول اقساط
fund-page-schedule_title = نسخهٔ { $version } از { $day }
fund-page-repayments = بازپرداخت‌ها
fund-page-no_repayments = هنوز بازپرداختی نشده است.
fund-page-reschedule = تقسیط دوباره
fund-page-from_day = از روز
fund-page-decision = تصمیم گروه
fund-page-day = روز
fund-page-write_off = سوخت وام
fund-page-rescheduled = اقساط تازه ثبت شد.
fund-page-written_off = وام به تصمیم گروه سوخت شد.

## the share-out
fund-page-share_out_title = تقسیم صندوق
fund-page-share_out_sums = آنچه تقسیم می‌شود
fund-page-distributable = قابل تقسیم
fund-page-total_shares = همهٔ سهم‌ها
fund-page-share_out_how = نقد و بانک، منهای صندوق اجتماعی، به نسبت سهم‌های هر عضو تقسیم می‌شود.
fund-page-share_out_parts = سهم هر عضو
fund-page-profit = سود (یا زیان)
fund-page-payout = پرداختی
fund-page-share_out_loans = هنوز { $amount } وام پرداخت‌نشده هست؛ پیش از تقسیم باید بازپرداخت یا سوخت شود.
fund-page-share_out_no_shares = هنوز سهمی خریده نشده است.
fund-page-share_out_do = تقسیم و بستن دوره
fund-page-shared_out = صندوق تقسیم شد و دوره بسته شد.

## the savings-group report
fund-page-report_nav = گزارش صندوق‌ها
fund-page-report_title = گزارش صندوق‌های گروه‌ها
fund-page-report_intro = شاخص‌های گروه‌های پس‌انداز از دفتر صندوق‌ها حساب می‌شود؛ کنار هر درصد، صورت و مخرج آن آمده است.
fund-page-report_heading = { $place }، { $from } تا { $to }
fund-page-by_county = به تفکیک شهرستان
fund-page-by_group = به تفکیک گروه
fund-page-groups_in_county = گروه‌ها در گزارش هر شهرستان آمده‌اند؛ نام شهرستان را باز کنید.
fund-page-no_funds = صندوقی نیست.
fund-page-terms = { $numerator } ÷ { $denominator }
fund-page-return_terms = درآمد خالص { $net } ÷ میانگین { $average }، برای { $days } روز به سال
fund-page-members_terms = اعضا: { $start } در آغاز، { $end } در پایان
fund-page-r_groups = گروه‌ها
fund-page-r_savings_per_member = پس‌انداز هر عضو
fund-page-r_utilisation = بهره‌گیری از صندوق وام
fund-page-r_par30 = پرتفوی در خطر (بیش از ۳۰ روز)
fund-page-r_write_off = نسبت سوخت
fund-page-r_return_savings = بازده سالانهٔ پس‌انداز
fund-page-r_return_assets = بازده سالانهٔ دارایی‌ها
fund-page-r_attendance = حضور
fund-page-r_dropout = ریزش اعضا
fund-page-r_retention = ماندگاری اعضا
fund-page-r_average_loan = میانگین وام
fund-page-r_borrowing = اعضای وام‌گیرنده
