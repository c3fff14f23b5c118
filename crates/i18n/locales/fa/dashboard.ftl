### Dashboards and figures.

nav-dashboard = داشبورد
dashboard-title = داشبورد
dashboard-place = محدوده
dashboard-from = از روز
dashboard-to = تا روز
dashboard-span_hint = بازه درون سال مالی است؛ خالی یعنی همهٔ سال.
dashboard-report = گزارش استان (PDF)
figures-definition = تعریف این رقم
figures-download = همهٔ ارقام با تعریفشان:
dashboard-total = جمع
dashboard-groups_by_stage = گروه‌ها بر پایهٔ مرحله
dashboard-groups = گروه
dashboard-groups_and_members = گروه‌ها و اعضا
dashboard-members_women_with_an_open = اعضا: زنانی که در روز شمارش عضو گروهی بودند که منحل یا مستقل نشده بود؛ زنی که عضو دو گروه در دو جا است در جمع یک بار شمرده می‌شود.
dashboard-groups_entering_each_stage_by = ورود گروه‌ها به هر مرحله در هر ماه
dashboard-how_groups_moved_in_the = حرکت گروه‌ها در این بازه
dashboard-each_number_counts_the_groups = هر عدد شمار گروه‌هایی است که در آن ماه به آن مرحله رسیدند.
dashboard-exits_in_the_span = خروج در این بازه
dashboard-empowered_in_the_span = توانمندشده در این بازه
dashboard-women_by_coverage_status = زنان سرپرست خانوار بر پایهٔ وضعیت پوشش
dashboard-women = نفر
dashboard-covered = تحت پوشش
dashboard-pensioner = مستمری‌بگیر
dashboard-waiting = پشت نوبت
dashboard-applicant = متقاضی
dashboard-exited = خارج‌شده
dashboard-women_covered_waiting_and_exited = زنان: پوشش، نوبت و خروج
dashboard-coverage_status_is_today_s = وضعیت پوشش امروز است؛ خروج‌ها در بازهٔ انتخاب‌شده شمرده شده‌اند.
dashboard-committed = تعهدشده
dashboard-budget_committed_and_paid = بودجه، تعهد و پرداخت
dashboard-rials = ریال
dashboard-committed_2 = تعهد
dashboard-the_fiscal_year_s_figures = ارقام سال مالی تا امروز، از دفتر کل.
dashboard-budget_up_to_the_span = بودجه تا پایان بازه؛ تعهد و پرداخت فقط درون بازه، از دفتر کل.
dashboard-budget_and_commitments_by_category = بودجه و تعهد هر ردیف
dashboard-programme_money_against_budget = پول برنامه در برابر بودجه
dashboard-programme_money_by_budget_category = پول برنامه بر پایهٔ ردیف بودجه
dashboard-grants = کمک‌ها
dashboard-groups_granted = گروه‌های دریافت‌کننده
dashboard-women_granted = زنان دریافت‌کننده
dashboard-average_per_group = میانگین هر گروه
dashboard-the_year_s_grants = کمک‌های بلاعوض سال
dashboard-grants_with_at_least_one = کمک‌هایی که دست‌کم یک قسط آن‌ها تصویب شده است.
dashboard-percent = درصد
dashboard-visits_kept_against_owed = بازدیدها: انجام‌شده در برابر موعد
dashboard-visits = بازدید
dashboard-owed = موعد
dashboard-kept = انجام‌شده
dashboard-visits_2 = بازدیدها
dashboard-groups_reporting = گروه‌های گزارش‌دهنده
dashboard-months_recorded = ماه‌های ثبت‌شده
dashboard-revenue = فروش
dashboard-the_groups_revenue_and_profit = فروش و سود کسب‌وکار گروه‌ها
dashboard-the_groups_business = کسب‌وکار گروه‌ها
dashboard-business_months_the_groups_recorded = ماه‌های کسب‌وکاری که گروه‌ها برای ماه‌های این بازه ثبت کرده‌اند.

## app/src/dashboard/period.rs
# $year: the fiscal year of the span
period-day_outside_year = این روز در سال مالی { $year } نیست؛ بازه باید درون همان سال باشد
period-span_ends_before_starts = پایان بازه پیش از آغاز آن است
period-span_has_started_yet_dashboard = این بازه هنوز آغاز نشده است؛ داشبورد آنچه را رخ داده نشان می‌دهد

## web/src/pages/dashboard.rs
# $year: the year as typed
dashboard-bad_year = سال مالی «{ $year }» پذیرفتنی نیست؛ سالی چهار رقمی مانند ۱۴۰۵ وارد کنید
# $field: the field's label (from, to); $problem: what is wrong with the date
dashboard-bad_day = { $field }: { $problem }

## reports/src/dashboard_view.rs
# $on: today; $overdue, $due, $owed: the counts of the visits-due list
dashboard-visits_today = امروز، { $on }: { $overdue } پیگیری معوق، { $due } پیگیری سررسید نزدیک و { $owed } گروه بی‌بازدید (همان شمار فهرست بازدیدهای سررسید).
# $from, $to: the span's first and last day; $state_on: the day the groups' and members' state is read
dashboard-span = از { $from } تا { $to }؛ وضعیت گروه‌ها و اعضا در روز { $state_on }؛ وضعیت پوشش زنان امروز
# $place: the province, county or the country; $year: the fiscal year
dashboard-heading = داشبورد { $place } — سال مالی { $year }
