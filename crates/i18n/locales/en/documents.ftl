### The documents an office prints (issue 17): their words, and the links that print them.

documents-office_of_province = Welfare Organization of { $province } Province
documents-office_of_country = State Welfare Organization of Iran
documents-footer = Prepared with Hamyar on { $date }
documents-date = Date
documents-number = Number
documents-row = No.
documents-list-separator = ,{" "}

## Links on the pages that print.
documents-print = Print
documents-print-certificate = Registration certificate
documents-print-agreement = Members' agreement
documents-print-letter-bank = Letter to the bank
documents-print-letter-tvto = Letter to technical and vocational training
documents-print-letter-health = Letter to the health network
documents-print-payment_order = Payment order
documents-print-dossier = Printable file
documents-print-visit_blank = Blank visit form
documents-print-visit_filled = This visit's form
documents-print-monthly = Monthly performance report
documents-print-monthly-month = Month (e.g. 1405/08)
documents-print-monthly-bad_month = Write the month as year/month, e.g. 1405/08.
documents-print-pdf = PDF
documents-print-xlsx = Excel

## The group's particulars.
documents-group-name = Group
documents-group-code = Group code
documents-group-place = Place
documents-group-business = Business
documents-group-unit = Supervising unit
documents-group-registered_on = Registered on
documents-group-stage = Stage now
documents-group-members = Members now
documents-group-social_worker = Social worker
documents-group-facilitator = Facilitator
documents-group-members_table = The group's present members
documents-member-name = Name
documents-member-national_id = National ID
documents-member-role = Role
documents-member-joined_on = Member since
documents-member-signature = Signature

## Signatures.
documents-signature-social_worker = Social worker
documents-signature-facilitator = Facilitator
documents-signature-county_head = Head of the county welfare office
documents-signature-director = Director General of the province
documents-signature-prepared_by = Prepared by
documents-signature-proposer = Proposed by
documents-signature-approver = Approved by
documents-signature-finance = Finance office
documents-signature-visitor = Visitor
documents-signature-group_head = Head of the group

## The registration certificate.
documents-certificate-title = Registration certificate of a Hamyar group
documents-certificate-number = Registration number
documents-certificate-text = This certifies that the Hamyar group “{ $group }” in { $county } is registered with this office, with the particulars below, and works under its supervision.

## The members' agreement.
documents-agreement-title = Agreement of the members of a Hamyar group
documents-agreement-text = We, the members of the Hamyar group “{ $group }”, code { $code }, in { $county }, knowingly and freely agree to the following:
documents-agreement-article-1 = The group's aim is its members' economic and social empowerment through a shared business, savings and training.
documents-agreement-article-2 = Every member attends the group's monthly meetings and pays her monthly savings on time.
documents-agreement-article-3 = The group decides in its meetings by a majority of the members present, and the decisions are written in the minutes.
documents-agreement-article-4 = Grants and loans given to the group are spent only on the group's business, as they were approved.
documents-agreement-article-5 = The group's accounts are open to every member; the head of the group reports on them at every meeting.
documents-agreement-article-6 = A member who leaves the group receives her savings once her obligations are settled.
documents-agreement-article-7 = Disagreements between members are settled first within the group, with the social worker's mediation.

## An introduction letter.
documents-letter-title = Letter of introduction
documents-letter-to = To:
documents-letter-greeting = Dear Sir or Madam,
documents-letter-group = We introduce the Hamyar group “{ $group }”, code { $code }, of { $members } members, which works under this office in { $county }, for { $purpose }.
documents-letter-woman = We introduce Ms { $name }, daughter of { $father }, national ID { $national_id }, who is covered by this office in { $county }, for { $purpose }.
documents-letter-closing = We thank you for your cooperation.
documents-recipient-bank = the bank
documents-recipient-bank-purpose = opening an account and receiving a loan
documents-recipient-tvto = the Technical and Vocational Training Organization
documents-recipient-tvto-purpose = taking skills training courses
documents-recipient-health = the health network
documents-recipient-health-purpose = receiving health services and a health card

## A payment order.
documents-payment-title = Payment order
documents-payment-number = Payment number
documents-payment-status = Status
documents-payment-line = Budget line
documents-payment-payee = Payee
documents-payment-payee_kind = Kind of payee
documents-payment-amount = Amount
documents-payment-spent_on = Spent on
documents-payment-description = Description
documents-payment-reference = Voucher number
documents-payment-proposed_by = Proposed by
documents-payment-approved_by = Approved by
documents-payment-paid_on = Paid on
documents-payment-for = Paid to and for
documents-payment-elsewhere = and { $count } groups or people elsewhere
documents-payment-text_withheld = This payment's description is not shown to you, as it also concerns places outside your scope.

## A visit form.
documents-visit-title = Monitoring visit form of a Hamyar group
documents-visit-number = Visit number
documents-visit-last = Last visit
documents-visit-answers = Visit report
documents-visit-visited_on = Visited on
documents-visit-visitor = Visitor
documents-visit-purpose = Purpose
documents-visit-findings = Findings
documents-visit-requests = Members' requests
documents-visit-referrals = Referrals
documents-visit-follow_up_due = Follow-up due

## A woman's dossier.
documents-dossier-title = File of a woman head of household
documents-dossier-number = File number
documents-dossier-name = Name
documents-dossier-father = Father's name
documents-dossier-birth_date = Born on
documents-dossier-mobile = Mobile
documents-dossier-address = Address
documents-dossier-education = Education
documents-dossier-skills = Skills
documents-dossier-headship = Cause of headship
documents-dossier-household = Household size
documents-dossier-coverage = Coverage
documents-dossier-masked = Identifiers and the address are masked for your role.
documents-dossier-household_table = Household members
documents-dossier-relation = Relation
documents-dossier-activity = Activity
documents-dossier-coverage_table = Coverage history
documents-dossier-since = Since
documents-dossier-reason = Reason
documents-dossier-decided_by = Decided by
documents-dossier-confidential = This document is confidential; printing it was recorded in your name.

## The monthly performance report.
documents-monthly-title = Monthly performance report of the Hamyar groups — { $place }
documents-monthly-span = The month's figures run from { $from } to { $to } and the figures of a day are counted on { $counted_on }; each figure is the one the catalogue of figures defines, and its definition is given at the end.
documents-monthly-figures = The month's figures and the year's so far
documents-monthly-figure = Figure
documents-monthly-year_to_date = Year to date
documents-monthly-by_county = The month's figures by county
documents-monthly-county = County
documents-monthly-definitions = What each figure means

## The press PDF.
documents-press-figures = Headline figures
