### Groups: the list, forming a group, members, stages, settings.

nav-groups = گروه‌های همیار
groups-title = گروه‌های همیار
groups-new_title = تشکیل گروه
groups-edit_title = ویرایش گروه
groups-page_title = گروه
groups-settings_title = تنظیمات گروه‌های استان
groups-new = تشکیل گروه تازه
groups-edit = ویرایش
groups-back = بازگشت به فهرست گروه‌ها
groups-settings = تنظیمات استان
groups-search = نام یا کد گروه
groups-all = همه
groups-none = گروهی با این ویژگی‌ها پیدا نشد.
groups-total = شمار گروه‌ها
groups-by_stage = شمار گروه‌ها بر پایهٔ مرحله
groups-report = گروه‌های فعال و ثبت‌شده
groups-active_on = فعال در تاریخ
groups-registered_in = ثبت‌شده در سال
groups-report_hint = از پیشینهٔ مراحل گروه‌ها شمرده می‌شود، برای هر تاریخ گذشته.
field-on = تاریخ
groups-fields = رشته‌های کسب‌وکار
groups-put_field = افزودن یا ویرایش رشته
groups-field_saved = رشتهٔ کسب‌وکار ذخیره شد.
groups-field_active = در فهرست فرم‌ها باشد
groups-retired = کنارگذاشته
field-position = ترتیب
groups-name = نام گروه
groups-details = مشخصات
groups-timeline = مراحل گروه
groups-move = ثبت مرحلهٔ تازه
groups-no_move = کار این گروه پایان یافته است.
groups-members = اعضا
groups-past_members = اعضای پیشین
groups-no_members = هنوز عضوی ثبت نشده است.
groups-add_member = افزودن عضو
groups-add_member_hint = زن باید پیش‌تر در ثبت سرپرستان خانوار ثبت شده باشد.
groups-leave = ثبت خروج
groups-staff = مددکار و تسهیلگر
groups-assign = واگذاری
groups-nobody = هیچ‌کس
groups-no_staff = هنوز کسی واگذار نشده است.
groups-members_count = شمار اعضای کنونی
groups-size_limits = بازهٔ اندازهٔ گروه
groups-allow_two_groups = عضویت هم‌زمان یک زن در دو گروه پذیرفته است
groups-units = واحدهای ناظر
groups-add_unit = افزودن واحد ناظر
groups-no_units = هنوز واحد ناظری ثبت نشده است.
groups-created = گروه تشکیل شد.
groups-updated = گروه ذخیره شد.
groups-stage_moved = مرحلهٔ تازه ثبت شد.
groups-member_added = عضو افزوده شد.
groups-member_left = خروج عضو ثبت شد.
groups-staff_assigned = واگذاری ثبت شد.
groups-settings_saved = تنظیمات استان ذخیره شد.
groups-unit_added = واحد ناظر افزوده شد.
groups-decided_by = ثبت‌کننده
groups-since = از
groups-code = کد گروه
field-code_hint = خالی بگذارید تا خودکار شماره بخورد.
field-supervising_unit = واحد ناظر
field-business_field = رشتهٔ کسب‌وکار
field-business_field_other = کسب‌وکار (برای «سایر»)
field-premises = محل کار
field-premises_address = نشانی محل کار
field-stage = مرحله
field-effective_on = تاریخ
field-inactive_reason = علت غیرفعال شدن
field-note = یادداشت
field-joined_on = تاریخ پیوستن
field-left_on = تاریخ خروج
field-leave_reason = علت خروج
field-leave_note = توضیح خروج
field-duty = وظیفه
field-user = کاربر
field-from_on = از تاریخ
field-min = کمینهٔ اعضا
field-max = بیشینهٔ اعضا
groups-unit_kind = نوع واحد
field-members = اعضا
field-identified_on = تاریخ شناسایی
field-identified_on_hint = برای گروه تازه خالی بگذارید (امروز)؛ برای گروهی که پیش‌تر شناسایی شده، تاریخ آن را بنویسید.

## app/src/groups/forming.rs
forming-another_group_province_has_code = این کد را گروه دیگری در همین استان دارد
forming-someone_else_edited_group_meanwhile = کس دیگری در این میان این گروه را ویرایش کرده است؛ صفحه را دوباره باز کنید
forming-choose_business_field_from_list = رشتهٔ کسب‌وکار را از فهرست انتخاب کنید
forming-supervising_unit_one_county_s = واحد ناظر باید از واحدهای همین شهرستان باشد
forming-identification_date_cannot_after_today = تاریخ شناسایی نمی‌تواند بعد از امروز باشد

## app/src/groups/lifecycle.rs
lifecycle-choose_new_stage_from_list = مرحلهٔ تازه را از فهرست انتخاب کنید
lifecycle-graduate_through_proposal = استقلال گروه با پیشنهاد و شواهد آن و تأیید کارشناس ثبت می‌شود؛ از بخش «استقلال گروه» پیشنهاد دهید.
lifecycle-choose_why_group_became_inactive = علت غیرفعال شدن را انتخاب کنید
lifecycle-note_at_most_1_000 = یادداشت حداکثر ۱۰۰۰ نویسه است
lifecycle-explain_reason_other = برای علت «سایر» توضیح بنویسید

## app/src/groups/members.rs
# $since: the day she joined the other group; $group: its name
members-in_another_group = این زن از { $since } عضو گروه «{ $group }» است و استان عضویت هم‌زمان در دو گروه را نپذیرفته است
members-woman_registered_another_county_group = این زن در شهرستان دیگری ثبت شده است؛ اعضای هر گروه از زنان شهرستان همان گروه‌اند
members-group_has_ended_takes_new = کار این گروه پایان یافته است و عضو تازه نمی‌پذیرد
members-woman_national_id_registered_within = زنی با این کد ملی در ثبت سرپرستان خانوار (در محدودهٔ شما) نیست؛ نخست او را ثبت کنید
members-woman_already_member_group_at = این زن در همین بازه عضو این گروه است
members-member_s_leaving_already_recorded = خروج این عضو پیش‌تر ثبت شده است

## app/src/groups/reference.rs
# $kinds: the kinds of unit, joined
reference-choose_unit_kind = نوع واحد را انتخاب کنید: { $kinds }
reference-write_unit_s_name_at = نام واحد را بنویسید (حداکثر ۱۵۰ نویسه)
reference-choose_county_from_list = شهرستان را از فهرست انتخاب کنید
reference-unit_name_exists_county = واحدی با همین نام در این شهرستان هست
reference-field_s_code_holds_only = کد رشته فقط حروف کوچک لاتین، رقم و _ است
reference-write_field_s_persian_name = نام فارسی رشته را بنویسید

## app/src/groups/staff.rs
# $since: the start of the latest assignment
staff-start_before_latest_assignment = تاریخ آغاز نمی‌تواند پیش از آخرین واگذاری همین وظیفه ({ $since }) باشد
# $duty: the duty (facilitator, supervisor…)
staff-user_cannot_hold_duty = این کاربر نمی‌تواند { $duty } این گروه باشد؛ از فهرست انتخاب کنید
staff-choose_duty = وظیفه را انتخاب کنید
staff-start_date_cannot_after_today = تاریخ آغاز نمی‌تواند بعد از امروز باشد

## domain/src/groups/group.rs
group-business_field_required = رشتهٔ کسب‌وکار انتخاب نشده است
group-field_other_say_what_business = برای رشتهٔ «سایر» بنویسید کسب‌وکار گروه چیست
group-group_s_name_required = نام گروه وارد نشده است
group-group_code_may_hold_only = کد گروه فقط می‌تواند حروف لاتین، رقم و خط تیره داشته باشد و حداکثر ۲۰ نویسه باشد

## domain/src/groups/lifecycle.rs
lifecycle-date_move_cannot_after_today = تاریخ تغییر مرحله نمی‌تواند بعد از امروز باشد
# $stage: the stage the group has ended in, as «منحل»
lifecycle-stage_ended = گروه «{ $stage }» است و کارش پایان یافته؛ مرحلهٔ دیگری پس از آن نمی‌آید
# $from: the group's stage
# $to: the stage asked for
# $allowed: the stages that may follow, joined by «یا» ("or" in English)
lifecycle-move_not_allowed = گروه از مرحلهٔ «{ $from }» نمی‌تواند به «{ $to }» برود؛ مرحلهٔ بعد می‌تواند { $allowed } باشد
# $last_on: the date of the last move (the Jalali date in Persian, the stored ISO date in English)
lifecycle-move_before_last = تاریخ تغییر مرحله نمی‌تواند پیش از آخرین تغییر ({ $last_on }) باشد

## domain/src/groups/membership.rs
membership-enter_number_from_2_30 = عددی از ۲ تا ۳۰ وارد کنید
membership-maximum_cannot_below_minimum = بیشینه نمی‌تواند از کمینه کمتر باشد
# $joined_on: the date the member joined, as ۱۴۰۴/۰۳/۱۰
membership-left_before_joined = تاریخ خروج نمی‌تواند پیش از تاریخ پیوستن ({ $joined_on }) باشد
# $what: the date's name, a message of its own (membership-what_joined_on and the like)
membership-date_required = { $what } وارد نشده است
# $what: the date's name, a message of its own (membership-what_joined_on and the like)
membership-date_after_today = { $what } نمی‌تواند بعد از امروز باشد
# The names of a membership's dates, in membership-date_required and membership-date_after_today.
membership-what_joined_on = تاریخ پیوستن
membership-what_left_on = تاریخ خروج
# $members: the number of members
# $min: the province's minimum
membership-too_few_members = گروه { $members } عضو دارد؛ کمینهٔ استان { $min } عضو است
# $members: the number of members
# $max: the province's maximum
membership-too_many_members = گروه { $members } عضو دارد؛ بیشینهٔ استان { $max } عضو است

## web/src/pages/groups/list.rs
list-write_year_four_digits_like = سال را با چهار رقم بنویسید، مانند ۱۴۰۴
