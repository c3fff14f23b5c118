## The outcome report (`/outcomes/report`, issue 19): each woman's baseline paired with her
## latest form in the span, by county, business field and cohort.

outcomes-report-title = گزارش پیامدها
outcomes-report-intro = برای هر زن، فرم پایه با آخرین فرم او در این بازه مقایسه می‌شود؛ کنار هر رقم، شمار زنانی آمده که آن رقم از آن‌هاست.
outcomes-report-dashboard = داشبورد
outcomes-report-by_county = به تفکیک شهرستان
outcomes-report-by_field = به تفکیک رشتهٔ کسب‌وکار گروه
outcomes-report-by_cohort = به تفکیک سال آغاز گروه
outcomes-report-name = نام
outcomes-report-own_income = تغییر درآمد خودش (ماهانه)
outcomes-report-earning = زنان درآمددار
outcomes-report-pension = زنان مستمری‌بگیر
outcomes-report-self_esteem = تغییر عزت‌نفس (روزنبرگ)
outcomes-report-graduated = خروج با توانمندی
outcomes-report-returned = بازگشت به پوشش
outcomes-report-hidden = کمتر از ۵
outcomes-report-women_unit = زن
outcomes-report-cohort_of = گروه‌های سال
outcomes-report-nothing = در این بازه زنی فرم پایه و فرم بعدی ندارد.
outcomes-report-small_cells = خانه‌هایی که کمتر از پنج زن دارند، و خانه‌ای که از روی آن‌ها به دست می‌آید، «کمتر از ۵» نوشته شده‌اند.
outcomes-report-definitions = درآمد خودش یعنی درآمد کار خودش و کسب‌وکار گروه؛ عزت‌نفس نمرهٔ کل مقیاس روزنبرگ (۰ تا ۳۰) است؛ هر زن در شهرستانِ آخرین فرمش، در رشتهٔ گروهی که آن روز در آن بود و در سال آغاز نخستین گروهش شمرده می‌شود.
