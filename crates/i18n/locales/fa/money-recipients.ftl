### Money by recipient.

money_recipients-title_groups = هزینه و کمک به تفکیک گروه
money_recipients-title_women = هزینه و کمک به تفکیک زن سرپرست خانوار
money_recipients-groups = به تفکیک گروه
money_recipients-women = به تفکیک زن
money_recipients-code = کد / کد ملی
money_recipients-name = نام
money_recipients-payments_committed = هزینهٔ تعهدشده
money_recipients-payments_paid = هزینهٔ پرداخت‌شده
money_recipients-grants_committed = کمک بلاعوض تعهدشده
money_recipients-grants_paid = کمک بلاعوض پرداخت‌شده
money_recipients-none = در این سال هزینه یا کمکی برای گروه یا زنی ثبت نشده است.
money_recipients-note = هزینه‌ای که به چند گروه (یا چند زن) پیوند خورده به‌تساوی میان آن‌ها تقسیم می‌شود، پس جمع ردیف‌ها همان مبلغ هزینه است؛ سهم هر زن از کمک گروهش در سوابق تسهیلات او آمده است.
