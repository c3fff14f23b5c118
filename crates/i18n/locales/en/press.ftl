### The press summary.

nav-press = Press summary
press-title = Provincial press summary
press-figures = Figures
press-download = Download XLSX
press-download_pdf = Provincial report (PDF)
press-release_pdf = Press release, one page (PDF)
press-paragraph = Press paragraph
press-copy_hint = Select and copy the text; the figures are read from the system's data, the amounts in the unit chosen in your account.
press-counted_on = Groups and members counted on
press-active_groups = Active groups
press-active_members = Members of active groups
press-headline_spent = Spent on training, job preparation and strengthening
press-grants_committed = Grants committed
press-grants_paid = Grants paid
press-groups_granted = Groups granted
press-women_granted = Women granted
press-graduated_groups = Groups graduated
press-women_independent = Women empowered (left support)
press-paragraph_en = Press paragraph in English
press-copy = Copy the text
press-copied = Copied
press-sales = Groups' sales
press-jobs = Jobs created
