# The SMS outbox (issue 21): a woman's consent and quiet hours.
sms-consent_in_future = روز رضایت نمی‌تواند بعد از امروز باشد.
sms-bad_quiet_hours = ساعت سکوت را به شکل ۲۱:۰۰-۰۸:۰۰ بنویسید.
