### Training certificates: the PDF and the public verification page (issue 18).

## app/src/training/certificate.rs
training-certificates-code_too_long = کد گواهی بیش از { $max } نویسه ندارد.
training-certificates-not_completed = این زن دوره را به پایان نرسانده است و گواهی ندارد.

## reports/src/documents/training_certificate.rs
training-certificates-title = گواهی پایان دوره‌ی آموزشی
training-certificates-code = کد گواهی
training-certificates-text = بدین‌وسیله گواهی می‌شود خانم { $name } به کد ملی { $national_id } دوره‌ی آموزشی «{ $course }» را به مدت { $hours } ساعت گذرانده و در تاریخ { $completed_on } با موفقیت به پایان رسانده است.
training-certificates-name = نام و نام خانوادگی
training-certificates-national_id = کد ملی
training-certificates-course = دوره
training-certificates-category = نوع آموزش
training-certificates-skill_standard = کد استاندارد مهارت
training-certificates-hours = مدت دوره (ساعت)
training-certificates-run = کد دوره
training-certificates-provider = مجری آموزش
training-certificates-dates = زمان برگزاری
training-certificates-span = از { $from } تا { $to }
training-certificates-completed_on = تاریخ پایان دوره
training-certificates-skill_certificate_no = شماره‌ی گواهی ملی مهارت
training-certificates-check = درستی این گواهی را هر کس می‌تواند در نشانی { $address } با کد { $code } بررسی کند.
training-certificates-signature-provider = مجری آموزش
training-certificates-signature-coordinator = هماهنگ‌کننده‌ی آموزش شهرستان

## web/src/pages/certificates.rs
training-certificates-verify-title = بررسی گواهی آموزش همیار
training-certificates-verify-intro = کد گواهی را همان‌طور که روی آن چاپ شده بنویسید؛ خط تیره لازم نیست.
training-certificates-verify-submit = بررسی
training-certificates-county = شهرستان
training-certificates-verify-found = این گواهی را همیار صادر کرده است.
training-certificates-verify-unknown = این کد گواهی در همیار ثبت نشده است
training-certificates-verify-rate_limited = بررسی‌های ناموفق از این نشانی بسیار بوده است؛ { $minutes } دقیقه‌ی دیگر دوباره تلاش کنید.
