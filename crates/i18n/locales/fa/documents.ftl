### The documents an office prints (issue 17): their words, and the links that print them.

documents-office_of_province = ادارهٔ کل بهزیستی استان { $province }
documents-office_of_country = سازمان بهزیستی کشور
documents-footer = تهیه‌شده با همیار در { $date }
documents-date = تاریخ
documents-number = شماره
documents-row = ردیف
documents-list-separator = ،{" "}

## Links on the pages that print.
documents-print = چاپ
documents-print-certificate = گواهی ثبت گروه
documents-print-agreement = توافق‌نامهٔ اعضا
documents-print-letter-bank = معرفی‌نامه به بانک
documents-print-letter-tvto = معرفی‌نامه به فنی و حرفه‌ای
documents-print-letter-health = معرفی‌نامه به شبکهٔ بهداشت
documents-print-payment_order = دستور پرداخت
documents-print-dossier = پروندهٔ چاپی
documents-print-visit_blank = فرم خالی بازدید
documents-print-visit_filled = فرم این بازدید
documents-print-monthly = گزارش ماهانهٔ عملکرد
documents-print-monthly-month = ماه (مثلاً ۱۴۰۵/۰۸)
documents-print-monthly-bad_month = ماه را به شکل سال/ماه بنویسید، مثلاً ۱۴۰۵/۰۸.
documents-print-pdf = PDF
documents-print-xlsx = اکسل

## The group's particulars.
documents-group-name = نام گروه
documents-group-code = کد گروه
documents-group-place = محل
documents-group-business = زمینهٔ فعالیت
documents-group-unit = واحد ناظر
documents-group-registered_on = تاریخ ثبت
documents-group-stage = مرحلهٔ کنونی
documents-group-members = تعداد اعضای کنونی
documents-group-social_worker = مددکار اجتماعی
documents-group-facilitator = تسهیل‌گر
documents-group-members_table = اعضای کنونی گروه
documents-member-name = نام و نام خانوادگی
documents-member-national_id = کد ملی
documents-member-role = نقش
documents-member-joined_on = تاریخ عضویت
documents-member-signature = امضا

## Signatures.
documents-signature-social_worker = مددکار اجتماعی
documents-signature-facilitator = تسهیل‌گر
documents-signature-county_head = رئیس ادارهٔ بهزیستی شهرستان
documents-signature-director = مدیرکل بهزیستی استان
documents-signature-prepared_by = تهیه‌کننده
documents-signature-proposer = پیشنهاددهنده
documents-signature-approver = تأییدکننده
documents-signature-finance = امور مالی
documents-signature-visitor = بازدیدکننده
documents-signature-group_head = سرگروه

## The registration certificate.
documents-certificate-title = گواهی ثبت گروه همیار
documents-certificate-number = شمارهٔ ثبت
documents-certificate-text = بدین‌وسیله گواهی می‌شود گروه همیار «{ $group }» در شهرستان { $county } با مشخصات زیر نزد این اداره ثبت شده و زیر نظر آن فعالیت می‌کند.

## The members' agreement.
documents-agreement-title = توافق‌نامهٔ اعضای گروه همیار
documents-agreement-text = ما اعضای گروه همیار «{ $group }» به کد { $code } در شهرستان { $county }، با آگاهی و رضایت کامل، بر بندهای زیر توافق می‌کنیم:
documents-agreement-article-1 = هدف گروه، توانمندسازی اقتصادی و اجتماعی اعضا از راه کسب‌وکار مشترک، پس‌انداز و آموزش است.
documents-agreement-article-2 = هر عضو در نشست‌های ماهانهٔ گروه شرکت می‌کند و سهم پس‌انداز ماهانهٔ خود را به‌موقع می‌پردازد.
documents-agreement-article-3 = تصمیم‌های گروه در نشست‌ها با رأی اکثریت اعضای حاضر گرفته و در صورت‌جلسه نوشته می‌شود.
documents-agreement-article-4 = کمک‌ها و تسهیلاتی که به گروه داده می‌شود، تنها برای کسب‌وکار گروه و به همان شرحی که تصویب شده هزینه می‌شود.
documents-agreement-article-5 = حساب‌های گروه شفاف است و هر عضو می‌تواند آن‌ها را ببیند؛ سرگروه گزارش آن را در هر نشست می‌دهد.
documents-agreement-article-6 = عضوی که از گروه کناره می‌گیرد، پس‌انداز خود را پس از تسویهٔ تعهداتش دریافت می‌کند.
documents-agreement-article-7 = اختلاف میان اعضا نخست در گروه و با میانجی‌گری مددکار اجتماعی حل می‌شود.

## An introduction letter.
documents-letter-title = معرفی‌نامه
documents-letter-to = به:
documents-letter-greeting = با سلام و احترام،
documents-letter-group = بدین‌وسیله گروه همیار «{ $group }» به کد { $code } با { $members } عضو، که زیر پوشش این اداره در شهرستان { $county } فعالیت می‌کند، برای { $purpose } معرفی می‌شود.
documents-letter-woman = بدین‌وسیله خانم { $name } فرزند { $father } به کد ملی { $national_id }، که زیر پوشش این اداره در شهرستان { $county } است، برای { $purpose } معرفی می‌شود.
documents-letter-closing = خواهشمند است همکاری لازم را مبذول فرمایید.
documents-recipient-bank = بانک
documents-recipient-bank-purpose = گشایش حساب و دریافت تسهیلات
documents-recipient-tvto = سازمان آموزش فنی و حرفه‌ای
documents-recipient-tvto-purpose = گذراندن دوره‌های آموزش مهارت
documents-recipient-health = شبکهٔ بهداشت و درمان
documents-recipient-health-purpose = دریافت خدمات بهداشتی و کارت بهداشت

## A payment order.
documents-payment-title = دستور پرداخت
documents-payment-number = شمارهٔ پرداخت
documents-payment-status = وضعیت
documents-payment-line = ردیف بودجه
documents-payment-payee = دریافت‌کننده
documents-payment-payee_kind = نوع دریافت‌کننده
documents-payment-amount = مبلغ
documents-payment-spent_on = تاریخ هزینه
documents-payment-description = شرح
documents-payment-reference = شمارهٔ سند
documents-payment-proposed_by = پیشنهاددهنده
documents-payment-approved_by = تأییدکننده
documents-payment-paid_on = تاریخ پرداخت
documents-payment-for = در وجه و برای
documents-payment-elsewhere = و { $count } گروه یا فرد در جاهای دیگر
documents-payment-text_withheld = شرح این پرداخت برای شما نشان داده نمی‌شود، چون به جاهایی بیرون از حوزهٔ شما هم مربوط است.

## A visit form.
documents-visit-title = فرم بازدید نظارتی گروه همیار
documents-visit-number = شمارهٔ بازدید
documents-visit-last = آخرین بازدید
documents-visit-answers = گزارش بازدید
documents-visit-visited_on = تاریخ بازدید
documents-visit-visitor = بازدیدکننده
documents-visit-purpose = هدف بازدید
documents-visit-findings = یافته‌ها
documents-visit-requests = درخواست‌های اعضا
documents-visit-referrals = ارجاع‌ها
documents-visit-follow_up_due = موعد پیگیری

## A woman's dossier.
documents-dossier-title = پروندهٔ زن سرپرست خانوار
documents-dossier-number = شمارهٔ پرونده
documents-dossier-name = نام و نام خانوادگی
documents-dossier-father = نام پدر
documents-dossier-birth_date = تاریخ تولد
documents-dossier-mobile = تلفن همراه
documents-dossier-address = نشانی
documents-dossier-education = تحصیلات
documents-dossier-skills = مهارت‌ها
documents-dossier-headship = علت سرپرستی
documents-dossier-household = تعداد افراد خانوار
documents-dossier-coverage = وضعیت پوشش
documents-dossier-masked = شناسه‌ها و نشانی برای نقش شما پوشانده شده است.
documents-dossier-household_table = اعضای خانوار
documents-dossier-relation = نسبت
documents-dossier-activity = وضعیت فعالیت
documents-dossier-coverage_table = سابقهٔ پوشش
documents-dossier-since = از تاریخ
documents-dossier-reason = علت
documents-dossier-decided_by = تصمیم‌گیرنده
documents-dossier-confidential = این سند محرمانه است؛ چاپ آن به نام شما در سامانه ثبت شد.

## The monthly performance report.
documents-monthly-title = گزارش ماهانهٔ عملکرد گروه‌های همیار — { $place }
documents-monthly-span = ارقام این ماه از { $from } تا { $to } و ارقام روزانه در روز { $counted_on } شمرده شده‌اند؛ هر رقم همان است که کاتالوگ ارقام سامانه تعریف می‌کند و تعریف آن در پایان آمده است.
documents-monthly-figures = ارقام ماه و از آغاز سال
documents-monthly-figure = رقم
documents-monthly-year_to_date = از آغاز سال
documents-monthly-by_county = ارقام ماه به تفکیک شهرستان
documents-monthly-county = شهرستان
documents-monthly-definitions = تعریف ارقام

## The press PDF.
documents-press-figures = ارقام اصلی
