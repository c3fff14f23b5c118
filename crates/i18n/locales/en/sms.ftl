# The SMS outbox (issue 21): a woman's consent and quiet hours.
sms-consent_in_future = The day of consent cannot be after today.
sms-bad_quiet_hours = Write the quiet hours as 21:00-08:00.
