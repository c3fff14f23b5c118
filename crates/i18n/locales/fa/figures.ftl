### The catalogue of figures (`crates/app/src/figures/catalogue.rs` and
### `crates/app/src/group_life/visit_figures.rs`): each figure's name, then its definition —
### one sentence a person can check the number against, ending with a full stop. The dashboard,
### the visits' work list, the provincial PDF and the figures files (which carry both
### languages) show these words. An id is `figure-` and the figure's stable key with its dots
### written as underscores (`groups.active` → `figure-groups_active`).

## Groups and women

figure-groups_active = گروه‌های فعال
figure-groups_active-definition = گروه‌هایی که آخرین مرحلهٔ ثبت‌شده‌شان تا آن روز «فعال» یا «فعال‌شدهٔ دوباره» است.

figure-groups_open = گروه‌های پایان‌نیافته
figure-groups_open-definition = گروه‌هایی که تا آن روز شناسایی شده‌اند و هنوز منحل یا مستقل نشده‌اند (همهٔ مرحله‌ها جز «منحل» و «مستقل‌شده»).

figure-groups_formed = گروه‌های تشکیل‌شده
figure-groups_formed-definition = گروه‌هایی که در این بازه به مرحلهٔ «ثبت‌شده» رفته‌اند (تشکیل رسمی گروه).

figure-members_open_groups = اعضای گروه‌ها
figure-members_open_groups-definition = زنانی که در آن روز عضو دست‌کم یک گروه پایان‌نیافته‌اند؛ هر زن یک بار شمرده می‌شود.

figure-members_active_groups = اعضای گروه‌های فعال
figure-members_active_groups-definition = زنانی که در آن روز عضو دست‌کم یک گروه فعال (یا فعال‌شدهٔ دوباره) اند؛ هر زن یک بار شمرده می‌شود.

figure-members_joined = زنان پیوسته به گروه‌ها
figure-members_joined-definition = زنانی که در این بازه به گروهی از این مکان پیوسته‌اند؛ هر زن یک بار شمرده می‌شود.

figure-women_covered = زنان تحت پوشش
figure-women_covered-definition = زنان ثبت‌شده‌ای که وضعیت پوشش امروزشان «تحت پوشش» است (زنان ادغام‌شده در پروندهٔ دیگر شمرده نمی‌شوند).

figure-women_waiting = زنان پشت نوبت
figure-women_waiting-definition = زنان ثبت‌شده‌ای که امروز در فهرست انتظار پوشش‌اند.

figure-women_empowered = زنان توانمندشده
figure-women_empowered-definition = زنانی که پوششان در این بازه با علت «توانمند شده» پایان یافته است.

figure-groups_graduated = گروه‌های مستقل‌شده
figure-groups_graduated-definition = گروه‌هایی که در این بازه به مرحلهٔ «مستقل‌شده» رفته‌اند.

## The groups' business (their own bookkeeping, not programme money)

figure-business_sales = فروش گروه‌ها
figure-business_sales-definition = جمع فروش (درآمد) ماه‌های کسب‌وکاری که گروه‌های این مکان برای ماه‌های این بازه ثبت کرده‌اند.

figure-business_jobs = شغل‌های ایجادشده
figure-business_jobs-definition = برای هر گروهی که در آن روز فعال (یا فعال‌شدهٔ دوباره) است، شمار اعضای شاغل به‌علاوهٔ افراد به‌کارگرفته در آخرین ماه کسب‌وکاری که در این بازه ثبت کرده؛ جمع گروه‌ها.

## Visits (`group_life::visit_figures`): the term they rest on, over a span, and today

figure-visits_under_follow_up = گروه زیر پیگیری
figure-visits_under_follow_up-definition = گروه از روز نخستین ثبتش تا روزی که منحل یا مستقل شود زیر پیگیری است و بازدید بدهکار است.

figure-visits_recorded = بازدیدهای ثبت‌شده
figure-visits_recorded-definition = همهٔ بازدیدهایی که تاریخ انجامشان در این بازه است.

figure-visits_owed = بازدیدهای موعد
# "three" is the default of the province's no-visit months (NO_VISIT_MONTHS_DEFAULT).
figure-visits_owed-definition = در هر دورهٔ «بدون بازدید» استان (پیش‌فرض سه ماه) در این بازه، هر گروهی که در آن دوره زیر پیگیری بوده یک بازدید بدهکار است؛ جمع دوره‌ها.

figure-visits_kept = بازدیدهای انجام‌شده
figure-visits_kept-definition = گروه‌هایی که در هر دوره از این بازه دست‌کم یک بازدید در دوران پیگیری داشته‌اند؛ جمع دوره‌ها.

figure-visits_follow_ups_overdue = پیگیری‌های معوق
figure-visits_follow_ups_overdue-definition = پیگیری‌هایی که در بازدیدی خواسته شده، موعدشان پیش از امروز بوده و نه رسیدگی شده‌اند و نه بازدید بعدی گروه به آن‌ها پاسخ داده است؛ گروه منحل یا مستقل‌شده پیگیری بدهکار نیست.

figure-visits_follow_ups_due = پیگیری‌های سررسید نزدیک
# 14 is the days a follow-up counts as due ahead (DUE_WITHIN_DAYS; a test checks it).
figure-visits_follow_ups_due-definition = پیگیری‌های باز گروه‌های پایان‌نیافته که موعدشان از امروز تا ۱۴ روز دیگر است.

figure-visits_groups_owed_a_visit = گروه‌های بی‌بازدید
figure-visits_groups_owed_a_visit-definition = گروه‌های زیر پیگیری که از آخرین بازدیدشان (یا اگر هرگز بازدید نشده‌اند، از ثبتشان) بیش از شمار ماه‌های «بدون بازدید» استان گذشته است.

## Money and grants (shown only to those who may see money)

figure-money_headline_spent = هزینهٔ آموزش، آماده‌سازی شغلی و تقویت گروه‌ها
figure-money_headline_spent-definition = مبلغ تعهدشده (تأییدشده یا پرداخت‌شده) تا آن روز از ردیف‌های بودجهٔ امسالِ همان محل در سه سرفصل آموزش، آماده‌سازی شغلی و تقویت گروه‌ها (استان: ردیف‌های ستاد استان و همهٔ شهرستان‌هایش؛ شهرستان: ردیف‌های خود شهرستان).

figure-grants_committed = کمک بلاعوض تعهدشده
figure-grants_committed-definition = جمع قسط‌های تأییدشده یا پرداخت‌شدهٔ کمک‌های بلاعوض امسال به گروه‌ها و زنان.

figure-grants_paid = کمک بلاعوض پرداخت‌شده
figure-grants_paid-definition = جمع قسط‌های پرداخت‌شدهٔ کمک‌های بلاعوض امسال.

figure-grants_groups = گروه‌های کمک‌گرفته
figure-grants_groups-definition = گروه‌هایی که امسال دست‌کم یک قسط کمک بلاعوض تأییدشده یا پرداخت‌شده دارند.

figure-grants_women = زنان کمک‌گرفته
figure-grants_women-definition = زنانی که امسال کمک بلاعوضی به نام خودشان گرفته‌اند یا از قسط تأییدشدهٔ کمک گروهشان سهم دارند؛ هر زن یک بار.

## Training (`training::report`): the runs whose last session falls in the span, their women and
## what the ledger paid for them; the hours of the sessions held in the span

figure-training_runs = دوره‌های آموزشی برگزارشده
figure-training_runs-definition = دوره‌هایی که جلسهٔ آخرشان در این بازه برگزار شده است؛ دورهٔ لغوشده شمرده نمی‌شود.

figure-training_enrolled = ثبت‌نام در دوره‌ها
figure-training_enrolled-definition = ثبت‌نام زنان در دوره‌هایی که در این بازه به پایان رسیده‌اند، با انصراف‌ها؛ زنی که در دو دوره بوده دو بار شمرده می‌شود.

figure-training_completed = تکمیل دوره
figure-training_completed-definition = ثبت‌نام‌هایی از همین دوره‌ها که تکمیل دوره برایشان ثبت شده است.

figure-training_women = زنان آموزش‌دیده
figure-training_women-definition = زنانی که دست‌کم یکی از دوره‌های پایان‌یافته در این بازه را تکمیل کرده‌اند؛ هر زن یک بار.

figure-training_hours = ساعت‌های آموزش
figure-training_hours-definition = جمع ساعت جلسه‌هایی که در این بازه برگزار شده‌اند، از هر دوره‌ای، پیش از لغو دوره اگر لغو شده باشد.

figure-training_paid = پرداخت برای دوره‌ها
figure-training_paid-definition = پرداخت‌های دفتر کل که به نام دوره‌های پایان‌یافته در این بازه انجام شده‌اند.

figure-training_cost_per_completer = هزینه برای هر تکمیل دوره
figure-training_cost_per_completer-definition = پرداخت برای همین دوره‌ها تقسیم بر شمار تکمیل دوره، گرد به نزدیک‌ترین ریال؛ بی‌تکمیل دوره نشان داده نمی‌شود.

## Outcomes (`outcomes::report`): each woman's baseline form paired with her latest form in
## the span; a share or a mean is left out when fewer than five women are behind it

figure-outcomes_women_paired = زنان پیگیری‌شده از فرم پایه
figure-outcomes_women_paired-definition = زنانی که فرم اقتصاد خانوارِ پایه و فرمی بعدی در این بازه دارند و در هر دو درآمد خودش نوشته شده است: زنانِ پشتِ سهم درآمددارها و تغییر درآمد.

figure-outcomes_earning_share = زنان درآمددار (درصد)
figure-outcomes_earning_share-definition = از همین زنان، درصد کسانی که درآمد خودش (کار خودش و کسب‌وکار گروه) در آخرین فرمش در این بازه بیش از صفر است؛ با کمتر از پنج زن نشان داده نمی‌شود.

figure-outcomes_self_esteem_change = تغییر عزت‌نفس (دهم امتیاز)
figure-outcomes_self_esteem_change-definition = میانگین تغییر نمرهٔ کل روزنبرگ (۰ تا ۳۰) از فرم پایهٔ هر زن تا آخرین فرمش در این بازه، به دهم امتیاز؛ با کمتر از پنج زن نشان داده نمی‌شود.

figure-outcomes_returned = بازگشت به پوشش
figure-outcomes_returned-definition = زنانی که روزی با علت «توانمند شده» از پوشش خارج شده‌اند و پوششان در این بازه دوباره آغاز شده است؛ هر زن یک بار.
