-- Hamyar groups for SQLite: the group itself, the reference lists it draws on (supervising
-- units, business fields), its lifecycle history, the history of its social worker and
-- facilitator, and its members. Must describe the same tables and columns as
-- migrations/postgres/0005_groups.sql (checked by tests/migrations_agree.rs).
-- The table is `hamyar_groups`, not `groups`: GROUPS is a keyword of both engines' window
-- syntax. Dates are ISO `YYYY-MM-DD` text, instants `storage_timestamp` text. The current
-- stage is kept in the row for lists and counts; the history is the truth, and "active on a
-- date" is answered from the history.

-- Who supervises a group: the county welfare office or a partner NGO centre.
CREATE TABLE supervising_units (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    province_id INTEGER NOT NULL REFERENCES places (id),
    county_id INTEGER NOT NULL REFERENCES places (id),
    kind TEXT NOT NULL CHECK (kind IN ('welfare_office', 'ngo_centre')),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    UNIQUE (county_id, name_key)
);

-- The maintained list of business fields; `other` lets a group describe its own.
CREATE TABLE business_fields (
    code TEXT PRIMARY KEY NOT NULL,
    name_fa TEXT NOT NULL,
    name_en TEXT NOT NULL,
    position INTEGER NOT NULL,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

INSERT INTO business_fields (code, name_fa, name_en, position) VALUES
    ('tailoring', 'خیاطی', 'Tailoring', 1),
    ('carpet_kilim', 'قالی و گلیم‌بافی', 'Carpet and kilim weaving', 2),
    ('embroidery', 'سوزن‌دوزی', 'Embroidery', 3),
    ('handicrafts', 'صنایع دستی', 'Handicrafts', 4),
    ('pottery', 'سفالگری', 'Pottery', 5),
    ('bread_pastry', 'نان و شیرینی', 'Bread and pastry', 6),
    ('ready_meals', 'غذای آماده', 'Ready meals', 7),
    ('food_packaging', 'بسته‌بندی مواد غذایی', 'Food packaging', 8),
    ('herbal_distillates', 'عرقیات گیاهی', 'Herbal distillates', 9),
    ('greenhouse', 'گلخانه', 'Greenhouse', 10),
    ('livestock', 'دامداری', 'Livestock', 11),
    ('kindergarten', 'مهدکودک', 'Kindergarten', 12),
    ('hairdressing', 'آرایشگری', 'Hairdressing', 13),
    ('printing', 'چاپ', 'Printing', 14),
    ('cleaning', 'خدمات نظافتی', 'Cleaning services', 15),
    ('transport', 'حمل‌ونقل', 'Transport', 16),
    ('other', 'سایر', 'Other', 99);

CREATE TABLE hamyar_groups (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    province_id INTEGER NOT NULL REFERENCES places (id),
    county_id INTEGER NOT NULL REFERENCES places (id),
    locality TEXT NOT NULL,
    supervising_unit_id INTEGER NULL REFERENCES supervising_units (id),
    business_field TEXT NOT NULL REFERENCES business_fields (code),
    business_field_other TEXT NOT NULL,
    premises TEXT NOT NULL CHECK (premises IN ('own', 'rented', 'home')),
    premises_address TEXT NOT NULL,
    stage TEXT NOT NULL,
    social_worker_id INTEGER NULL REFERENCES users (id),
    facilitator_id INTEGER NULL REFERENCES users (id),
    notes TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (province_id, code)
);

CREATE INDEX hamyar_groups_county_stage ON hamyar_groups (county_id, stage);
CREATE INDEX hamyar_groups_province_stage ON hamyar_groups (province_id, stage);
CREATE INDEX hamyar_groups_name_key ON hamyar_groups (name_key);

-- One row per move of the lifecycle; `effective_on` is the date the move took effect (it may
-- be earlier than `recorded_at`). The latest row by (effective_on, id) is the current stage.
-- decided_by has no foreign key, like audit_log.actor_user_id: history outlives accounts.
CREATE TABLE group_stage_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    group_id INTEGER NOT NULL REFERENCES hamyar_groups (id),
    stage TEXT NOT NULL,
    inactive_reason TEXT NULL,
    note TEXT NOT NULL,
    effective_on TEXT NOT NULL,
    decided_by INTEGER NULL,
    decided_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE INDEX group_stage_history_group ON group_stage_history (group_id, effective_on, id);
CREATE INDEX group_stage_history_stage ON group_stage_history (stage, effective_on);

-- Who was the group's social worker or facilitator from when (user_id NULL: nobody).
CREATE TABLE group_staff_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    group_id INTEGER NOT NULL REFERENCES hamyar_groups (id),
    duty TEXT NOT NULL CHECK (duty IN ('social_worker', 'facilitator')),
    user_id INTEGER NULL,
    user_name TEXT NOT NULL,
    from_on TEXT NOT NULL,
    assigned_by INTEGER NULL,
    assigned_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE INDEX group_staff_history_group ON group_staff_history (group_id, id);

-- A woman's membership of a group: joined, possibly left. Overlaps are refused by the
-- application (inside the write transaction), which also knows the provincial setting that
-- may allow two active groups at once.
CREATE TABLE group_members (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    group_id INTEGER NOT NULL REFERENCES hamyar_groups (id),
    woman_id INTEGER NOT NULL REFERENCES women (id),
    role TEXT NOT NULL CHECK (role IN ('head', 'treasurer', 'secretary', 'member')),
    joined_on TEXT NOT NULL,
    left_on TEXT NULL,
    leave_reason TEXT NULL,
    leave_note TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (left_on IS NULL OR left_on >= joined_on)
);

CREATE INDEX group_members_group ON group_members (group_id, joined_on);
CREATE INDEX group_members_woman ON group_members (woman_id, joined_on);
