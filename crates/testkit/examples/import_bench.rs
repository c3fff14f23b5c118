//! Import benchmark helpers, driven by `tools/bench-import.sh`:
//!
//! - `generate FILE ROWS` writes a CSV of valid, distinct women (Persian headers, UTF-8 BOM,
//!   Qazvin's counties, Jalali birth dates) the way a province would hand it over: 2,000
//!   name pairs and 15,660 birth dates drawn independently, so a few rows resemble each
//!   other (same name and birth date) as in real lists, and mobiles that are all distinct;
//! - `direct FILE DB` inserts the same rows into a fresh SQLite database directly — one
//!   transaction, multi-row INSERTs, no validation — as the baseline the importer is compared
//!   with ("within 3× of inserting the same rows into SQLite directly"), with SQLite's
//!   default 4 KiB pages; `direct FILE DB PAGE_SIZE` picks another page size (Hamyar's
//!   databases use 8 KiB), to show how much of the gap the page size alone explains.
//!
//! The import itself is measured on the real command (`hamyar import women FILE`).

use std::io::Write;
use std::time::Instant;

use sqlx::Connection;

const FIRST_NAMES: [&str; 40] = [
    "فاطمه",
    "زهرا",
    "مریم",
    "معصومه",
    "سکینه",
    "زینب",
    "طاهره",
    "کبری",
    "رقیه",
    "لیلا",
    "سمیه",
    "اعظم",
    "اشرف",
    "پروین",
    "شهلا",
    "مهری",
    "فرشته",
    "نرگس",
    "سارا",
    "الهام",
    "ژیلا",
    "منیژه",
    "صدیقه",
    "خدیجه",
    "آمنه",
    "ربابه",
    "عصمت",
    "گلنار",
    "مینا",
    "نسرین",
    "پری",
    "شیرین",
    "هاجر",
    "بتول",
    "زیبا",
    "فریبا",
    "ملیحه",
    "نازنین",
    "راضیه",
    "عاطفه",
];
const LAST_NAMES: [&str; 50] = [
    "احمدی",
    "محمدی",
    "حسینی",
    "رضایی",
    "کریمی",
    "موسوی",
    "جعفری",
    "قاسمی",
    "صادقی",
    "رحیمی",
    "نوری",
    "کاظمی",
    "حیدری",
    "عباسی",
    "اکبری",
    "یوسفی",
    "امیری",
    "مرادی",
    "شریفی",
    "سلیمانی",
    "نجفی",
    "ملکی",
    "بهرامی",
    "زمانی",
    "خلیلی",
    "طاهری",
    "فرهادی",
    "قربانی",
    "محمودی",
    "باقری",
    "رستمی",
    "شجاعی",
    "کرمی",
    "نظری",
    "پورمحمد",
    "سبحانی",
    "افشار",
    "توکلی",
    "دهقان",
    "زارعی",
    "کوهی",
    "میرزایی",
    "نیکخواه",
    "وحیدی",
    "هاشمی",
    "یزدانی",
    "بابایی",
    "جلالی",
    "حاتمی",
    "رنجبر",
];
const COUNTIES: [&str; 6] = ["قزوین", "آبیک", "آوج", "البرز", "بوئین‌زهرا", "تاکستان"];
const CAUSES: [&str; 4] = ["همسر فوت‌شده", "مطلقه", "همسر معتاد", "زن خودسرپرست"];
const HEADERS: [&str; 16] = [
    "کد ملی",
    "نام",
    "نام خانوادگی",
    "نام پدر",
    "تاریخ تولد",
    "تلفن همراه",
    "شهرستان",
    "شهر یا روستا",
    "نوع سکونت",
    "نشانی",
    "تحصیلات",
    "مهارت‌ها",
    "شماره شبا",
    "علت سرپرستی",
    "دهک درآمدی",
    "یادداشت",
];

/// A valid national ID for a 9-digit body.
fn national_id(body: u64) -> String {
    let digits: Vec<u32> = format!("{body:09}")
        .chars()
        .map(|c| c.to_digit(10).unwrap_or(0))
        .collect();
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| d * (10 - i as u32))
        .sum();
    let remainder = sum % 11;
    let check = if remainder < 2 {
        remainder
    } else {
        11 - remainder
    };
    format!("{body:09}{check}")
}

/// A well-mixed pseudo-random number for row `n` and purpose `salt` (splitmix64), so names
/// and birth dates vary independently, as in a real province's list.
fn mixed(n: u64, salt: u64) -> u64 {
    let mut z = n
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(salt.wrapping_mul(0xBF58_476D_1CE4_E5B9));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The first name of row `n` in county `county` (an index into [`COUNTIES`]). Nobody in
/// Abyek is called گلنار, so the list benchmark can time a name search that matches tens of
/// thousands of women elsewhere and none in the county.
fn first_name(n: u64, county: usize) -> String {
    match FIRST_NAMES[(mixed(n, 1) % 40) as usize] {
        "گلنار" if COUNTIES[county] == "آبیک" => "گلاره".to_owned(),
        name => name.to_owned(),
    }
}

fn row(n: u64) -> [String; 16] {
    let i = n as usize;
    // Jalali months 1–6 have 31 days, 7–11 have 30; day 1–29 is valid in every month.
    let day_of_life = mixed(n, 3) % (45 * 12 * 29);
    let (year, month, day) = (
        1330 + day_of_life / (12 * 29),
        1 + day_of_life / 29 % 12,
        1 + day_of_life % 29,
    );
    let body = 100_000_000 + n * 7;
    let mut id = national_id(body);
    if id.chars().all(|c| c == id.chars().next().unwrap_or('0')) {
        id = national_id(body + 1);
    }
    [
        id,
        first_name(n, i % 6),
        LAST_NAMES[(mixed(n, 2) % 50) as usize].to_owned(),
        "علی".to_owned(),
        format!("{year}/{month:02}/{day:02}"),
        format!("0912{:07}", n % 10_000_000),
        COUNTIES[i % 6].to_owned(),
        "مرکز".to_owned(),
        if i.is_multiple_of(3) {
            "روستایی"
        } else {
            "شهری"
        }
        .to_owned(),
        format!("خیابان {} پلاک {}", i % 100, i % 50),
        "دیپلم".to_owned(),
        "خیاطی".to_owned(),
        String::new(),
        CAUSES[i % 4].to_owned(),
        (1 + i % 5).to_string(),
        String::new(),
    ]
}

fn generate(path: &str, rows: u64) -> std::io::Result<()> {
    let file = std::fs::File::create(path)?;
    let mut out = std::io::BufWriter::new(file);
    out.write_all("\u{feff}".as_bytes())?;
    writeln!(out, "{}", HEADERS.join(","))?;
    for n in 0..rows {
        writeln!(out, "{}", row(n).join(","))?;
    }
    out.flush()
}

/// Rows per INSERT statement in the baseline (same as the importer's store batches).
const CHUNK: usize = 500;

async fn direct(
    csv_path: &str,
    db_path: &str,
    page_size: u32,
) -> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let mut connection =
        sqlx::SqliteConnection::connect(&format!("sqlite://{db_path}?mode=rwc")).await?;
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "PRAGMA page_size={page_size};"
    )))
    .execute(&mut connection)
    .await?;
    sqlx::raw_sql(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE women (id INTEGER PRIMARY KEY, national_id TEXT NOT NULL UNIQUE, first_name TEXT, last_name TEXT, father_name TEXT, birth_date TEXT, mobile TEXT, county TEXT, locality TEXT, settlement TEXT, address TEXT, education TEXT, skills TEXT, sheba TEXT, headship_cause TEXT, income_decile TEXT, notes TEXT);",
    )
    .execute(&mut connection)
    .await?;
    let mut reader = csv::Reader::from_path(csv_path)?;
    let mut tx = connection.begin().await?;
    let mut batch: Vec<csv::StringRecord> = Vec::with_capacity(CHUNK);
    let mut total = 0_u64;
    for record in reader.records() {
        batch.push(record?);
        if batch.len() == CHUNK {
            total += insert_chunk(&mut tx, &batch).await?;
            batch.clear();
        }
    }
    total += insert_chunk(&mut tx, &batch).await?;
    tx.commit().await?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "direct insert: {total} rows in {seconds:.2} s = {:.0} rows/s",
        total as f64 / seconds
    );
    Ok(())
}

async fn insert_chunk(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    rows: &[csv::StringRecord],
) -> Result<u64, sqlx::Error> {
    if rows.is_empty() {
        return Ok(0);
    }
    let mut sql = String::from(
        "INSERT INTO women (national_id, first_name, last_name, father_name, birth_date, mobile, county, locality, settlement, address, education, skills, sheba, headship_cause, income_decile, notes) VALUES ",
    );
    for (r, _) in rows.iter().enumerate() {
        sql.push_str(if r == 0 { "(" } else { ",(" });
        for c in 0..16 {
            sql.push_str(if c == 0 { "?" } else { ",?" });
        }
        sql.push(')');
    }
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for record in rows {
        for cell in record.iter() {
            query = query.bind(cell.to_owned());
        }
    }
    Ok(query.execute(&mut **tx).await?.rows_affected())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("generate") => generate(&args[2], args[3].parse()?)?,
        Some("direct") => {
            let page_size = match args.get(4) {
                Some(size) => size.parse()?,
                None => 4096,
            };
            direct(&args[2], &args[3], page_size).await?
        }
        _ => eprintln!("usage: import_bench generate FILE ROWS | direct FILE DB [PAGE_SIZE]"),
    }
    Ok(())
}
