-- Names and free text are stored with the Persian letters (issue 17): the Arabic yeh (ي, ى)
-- and kaf (ك) that Arabic keyboards and pasted text bring become ی and ک, as the parsers now
-- write them (`hamyar_domain::letters`). Only the letters change; the folded search keys
-- (`name_key`, `name_key_reversed`) already treated both forms as one, so they stay as
-- they are. Rows without such a letter are left untouched.

UPDATE women SET
    first_name = REPLACE(REPLACE(REPLACE(first_name, 'ي', 'ی'), 'ى', 'ی'), 'ك', 'ک'),
    last_name = REPLACE(REPLACE(REPLACE(last_name, 'ي', 'ی'), 'ى', 'ی'), 'ك', 'ک'),
    father_name = REPLACE(REPLACE(REPLACE(father_name, 'ي', 'ی'), 'ى', 'ی'), 'ك', 'ک'),
    locality = REPLACE(REPLACE(REPLACE(locality, 'ي', 'ی'), 'ى', 'ی'), 'ك', 'ک'),
    settlement = REPLACE(REPLACE(REPLACE(settlement, 'ي', 'ی'), 'ى', 'ی'), 'ك', 'ک'),
    address = REPLACE(REPLACE(REPLACE(address, 'ي', 'ی'), 'ى', 'ی'), 'ك', 'ک'),
    skills = REPLACE(REPLACE(REPLACE(skills, 'ي', 'ی'), 'ى', 'ی'), 'ك', 'ک'),
    notes = REPLACE(REPLACE(REPLACE(notes, 'ي', 'ی'), 'ى', 'ی'), 'ك', 'ک')
WHERE first_name LIKE '%ي%' OR first_name LIKE '%ى%' OR first_name LIKE '%ك%'
   OR last_name LIKE '%ي%' OR last_name LIKE '%ى%' OR last_name LIKE '%ك%'
   OR father_name LIKE '%ي%' OR father_name LIKE '%ى%' OR father_name LIKE '%ك%'
   OR locality LIKE '%ي%' OR locality LIKE '%ى%' OR locality LIKE '%ك%'
   OR settlement LIKE '%ي%' OR settlement LIKE '%ى%' OR settlement LIKE '%ك%'
   OR address LIKE '%ي%' OR address LIKE '%ى%' OR address LIKE '%ك%'
   OR skills LIKE '%ي%' OR skills LIKE '%ى%' OR skills LIKE '%ك%'
   OR notes LIKE '%ي%' OR notes LIKE '%ى%' OR notes LIKE '%ك%';

UPDATE household_members SET
    first_name = REPLACE(REPLACE(REPLACE(first_name, 'ي', 'ی'), 'ى', 'ی'), 'ك', 'ک'),
    last_name = REPLACE(REPLACE(REPLACE(last_name, 'ي', 'ی'), 'ى', 'ی'), 'ك', 'ک')
WHERE first_name LIKE '%ي%' OR first_name LIKE '%ى%' OR first_name LIKE '%ك%'
   OR last_name LIKE '%ي%' OR last_name LIKE '%ى%' OR last_name LIKE '%ك%';

UPDATE hamyar_groups SET
    name = REPLACE(REPLACE(REPLACE(name, 'ي', 'ی'), 'ى', 'ی'), 'ك', 'ک')
WHERE name LIKE '%ي%' OR name LIKE '%ى%' OR name LIKE '%ك%';

UPDATE supervising_units SET
    name = REPLACE(REPLACE(REPLACE(name, 'ي', 'ی'), 'ى', 'ی'), 'ك', 'ک')
WHERE name LIKE '%ي%' OR name LIKE '%ى%' OR name LIKE '%ك%';

UPDATE users SET
    display_name = REPLACE(REPLACE(REPLACE(display_name, 'ي', 'ی'), 'ى', 'ی'), 'ك', 'ک')
WHERE display_name LIKE '%ي%' OR display_name LIKE '%ى%' OR display_name LIKE '%ك%';

UPDATE payments SET
    payee = REPLACE(REPLACE(REPLACE(payee, 'ي', 'ی'), 'ى', 'ی'), 'ك', 'ک'),
    reference = REPLACE(REPLACE(REPLACE(reference, 'ي', 'ی'), 'ى', 'ی'), 'ك', 'ک'),
    description = REPLACE(REPLACE(REPLACE(description, 'ي', 'ی'), 'ى', 'ی'), 'ك', 'ک')
WHERE payee LIKE '%ي%' OR payee LIKE '%ى%' OR payee LIKE '%ك%'
   OR reference LIKE '%ي%' OR reference LIKE '%ى%' OR reference LIKE '%ك%'
   OR description LIKE '%ي%' OR description LIKE '%ى%' OR description LIKE '%ك%';

UPDATE grants SET
    purpose = REPLACE(REPLACE(REPLACE(purpose, 'ي', 'ی'), 'ى', 'ی'), 'ك', 'ک')
WHERE purpose LIKE '%ي%' OR purpose LIKE '%ى%' OR purpose LIKE '%ك%';
