### Training certificates: the PDF and the public verification page (issue 18).

## app/src/training/certificate.rs
training-certificates-code_too_long = A certificate code has at most { $max } characters.
training-certificates-not_completed = She has not completed this course, so there is no certificate.

## reports/src/documents/training_certificate.rs
training-certificates-title = Certificate of course completion
training-certificates-code = Certificate code
training-certificates-text = This certifies that { $name }, national ID { $national_id }, attended the { $hours }-hour course “{ $course }” and completed it on { $completed_on }.
training-certificates-name = Name
training-certificates-national_id = National ID
training-certificates-course = Course
training-certificates-category = Kind of training
training-certificates-skill_standard = Skill standard code
training-certificates-hours = Length (hours)
training-certificates-run = Course run code
training-certificates-provider = Training provider
training-certificates-dates = Held
training-certificates-span = from { $from } to { $to }
training-certificates-completed_on = Completed on
training-certificates-skill_certificate_no = National skill certificate number
training-certificates-check = Anyone can check this certificate at { $address } with the code { $code }.
training-certificates-signature-provider = Training provider
training-certificates-signature-coordinator = County training coordinator

## web/src/pages/certificates.rs
training-certificates-verify-title = Check a Hamyar training certificate
training-certificates-verify-intro = Type the code as it is printed on the certificate; the hyphen may be left out.
training-certificates-verify-submit = Check
training-certificates-county = County
training-certificates-verify-found = Hamyar issued this certificate.
training-certificates-verify-unknown = This certificate code is not registered in Hamyar
training-certificates-verify-rate_limited = Too many unsuccessful checks from this address; try again in { $minutes } min.
