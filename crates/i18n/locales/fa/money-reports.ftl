### Money reports: spending by line, place and month.

money_reports-title = گزارش بودجه، تعهد و پرداخت
money_reports-as_of = تا پایان روز
money_reports-as_of_hint = خالی: تا امروز
money_reports-subtotal = جمع
money_reports-by_category = جمع هر ردیف در استان
money_reports-total = جمع کل
money_reports-headline = هزینهٔ آموزش، آماده‌سازی شغلی و تقویت گروه‌ها در این سال
money_reports-download = دریافت فایل
money_reports-none = در این تاریخ ردیف بودجه‌ای برای نمایش نیست.
money_reports-drill_title = اسناد پشت یک رقم
money_reports-date = تاریخ
money_reports-description = شرح
money_reports-who = ثبت‌کننده
money_reports-amount = مبلغ
money_reports-reversal = برگشت سند
money_reports-hidden = (برای نقش شما پنهان است)
money_reports-no_transactions = سندی نیست.
money_reports-page = صفحه
money_reports-previous = قبلی
money_reports-next = بعدی
money_reports-back = بازگشت به گزارش
