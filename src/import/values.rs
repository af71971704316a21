//! Cell values: numbers (decimal comma or point, thousands separators, currency symbols),
//! dates (day/month order per column, ISO, two-digit years, Excel serials, a time part),
//! yes/no and the customer-file categories.

use crate::model::{Day, Household, Insurance, Motive, ymd};

/// Which character separates decimals in a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DecimalSep {
    /// `1.234,50`
    Comma,
    /// `1,234.50`
    Point,
}

/// Values looked at when deciding a column's decimal separator or date order.
pub(crate) const SAMPLE: usize = 5_000;

/// Currency markers removed from amounts (case-insensitive), longest first.
const CURRENCIES: [&str; 8] = ["s/.", "us$", "pen", "usd", "s/", "$", "€", "£"];

/// True when a cell looks like data (a number, amount or date) rather than a header.
pub(crate) fn looks_like_data(cell: &str) -> bool {
    let rest = cell.trim_start_matches("S/.").trim_start_matches("S/");
    cell.bytes().any(|b| b.is_ascii_digit())
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || " .,:/-+$€()%\u{a0}".contains(c))
}

/// Decides the decimal separator of a column from its values: a value with both `.` and `,`
/// votes for the later one; a single separator followed by other than exactly three digits is a
/// decimal separator; repeated separators are thousands separators. `default` breaks a tie.
pub(crate) fn decimal_sep<'a>(
    values: impl Iterator<Item = &'a str>,
    default: DecimalSep,
) -> DecimalSep {
    let (mut comma, mut point) = (0usize, 0usize);
    for v in values.filter(|v| !v.is_empty()).take(SAMPLE) {
        let (c, p) = (v.rfind(','), v.rfind('.'));
        let digits_after = |i: usize| v[i + 1..].bytes().take_while(u8::is_ascii_digit).count();
        match (c, p) {
            (Some(c), Some(p)) if c > p => comma += 1,
            (Some(_), Some(_)) => point += 1,
            (Some(_), None) if v.matches(',').count() > 1 => point += 1,
            (Some(c), None) if digits_after(c) != 3 => comma += 1,
            (None, Some(_)) if v.matches('.').count() > 1 => comma += 1,
            (None, Some(p)) if digits_after(p) != 3 => point += 1,
            _ => {}
        }
    }
    match comma.cmp(&point) {
        std::cmp::Ordering::Greater => DecimalSep::Comma,
        std::cmp::Ordering::Less => DecimalSep::Point,
        std::cmp::Ordering::Equal => default,
    }
}

/// Parses a number written with `sep` as decimal separator. Accepts spaces, currency symbols
/// (`S/`, `S/.`, `$`, `US$`, `PEN`…), a sign before or after, and accounting parentheses
/// `(12,50)`. Thousands separators must group by three; a lone "thousands" separator that does
/// not (`12.5` in a decimal-comma column) is read as the decimal separator.
pub(crate) fn parse_number(s: &str, sep: DecimalSep) -> Option<f64> {
    if let Some(n) = plain_number(s.as_bytes(), sep) {
        return Some(n);
    }
    let mut buf = [0u8; 64];
    let mut len = 0;
    for b in s.bytes().filter(|b| !b.is_ascii_whitespace()) {
        *buf.get_mut(len)? = b;
        len += 1;
    }
    let mut t: &str = std::str::from_utf8(&buf[..len]).ok()?;
    // Remove the no-break spaces Excel uses as thousands separators.
    let owned;
    if t.contains(['\u{a0}', '\u{202f}']) {
        owned = t.replace(['\u{a0}', '\u{202f}'], "");
        t = &owned;
    }
    let mut negative = false;
    loop {
        let before = t.len();
        if let Some(r) = t.strip_prefix('-') {
            negative = !negative;
            t = r;
        } else if let Some(r) = t.strip_prefix('+') {
            t = r;
        } else if let Some(r) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
            negative = !negative;
            t = r;
        } else if let Some(r) = t.strip_suffix('-') {
            negative = !negative;
            t = r;
        }
        for cur in CURRENCIES {
            if t.len() >= cur.len()
                && t.is_char_boundary(cur.len())
                && t[..cur.len()].eq_ignore_ascii_case(cur)
            {
                t = &t[cur.len()..];
            }
            let n = t.len();
            if n >= cur.len()
                && t.is_char_boundary(n - cur.len())
                && t[n - cur.len()..].eq_ignore_ascii_case(cur)
            {
                t = &t[..n - cur.len()];
            }
        }
        if t.len() == before {
            break;
        }
    }
    // A value with both separators says itself which one is the decimal: the later one.
    let sep = match (t.rfind(','), t.rfind('.')) {
        (Some(c), Some(p)) if c > p => DecimalSep::Comma,
        (Some(_), Some(_)) => DecimalSep::Point,
        _ => sep,
    };
    let (dec, thou) = match sep {
        DecimalSep::Comma => (',', '.'),
        DecimalSep::Point => ('.', ','),
    };
    if t.is_empty()
        || !t
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }
    let (int, frac) = match t.rfind(dec) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    if int.contains(dec) || frac.is_some_and(|f| f.contains(thou)) {
        return None;
    }
    let (int, frac) = if int.contains(thou) {
        let mut groups = int.split(thou);
        let first = groups.next().unwrap_or("");
        let grouped = (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3);
        match (grouped, frac, int.matches(thou).count()) {
            (true, _, _) => (int, frac),
            // A single misplaced "thousands" separator with no decimal one: it is the decimal.
            (false, None, 1) => {
                let i = int.find(thou).expect("contains");
                (&int[..i], Some(&int[i + 1..]))
            }
            _ => return None,
        }
    } else {
        (int, frac)
    };
    let mut out = [0u8; 72];
    let mut n = 0;
    if negative {
        out[0] = b'-';
        n = 1;
    }
    for b in int.bytes().filter(u8::is_ascii_digit) {
        out[n] = b;
        n += 1;
    }
    if n == usize::from(negative) {
        out[n] = b'0';
        n += 1;
    }
    if let Some(f) = frac {
        out[n] = b'.';
        n += 1;
        out[n..n + f.len()].copy_from_slice(f.as_bytes());
        n += f.len();
    }
    std::str::from_utf8(&out[..n]).ok()?.parse().ok()
}

/// Exact powers of ten up to 10^15 (every one is a double).
const POWERS_OF_TEN: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// The fast path of [`parse_number`] for what nearly every cell holds: an optional `-`, digits,
/// and optionally the column's decimal separator followed by digits (`1234`, `-12,50`), at most
/// 15 digits in all. `None` sends anything else to the general parser.
///
/// The result is the one `str::parse` gives: the digits form an integer below 2^53 and the
/// power of ten is exact, so the one division is correctly rounded.
fn plain_number(s: &[u8], sep: DecimalSep) -> Option<f64> {
    let dec = match sep {
        DecimalSep::Comma => b',',
        DecimalSep::Point => b'.',
    };
    let (negative, digits) = match s.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, s),
    };
    let (mut mantissa, mut count, mut frac_digits, mut seen_dec) = (0u64, 0usize, 0usize, false);
    let mut int_digits = 0usize;
    for &b in digits {
        if b.is_ascii_digit() {
            mantissa = mantissa * 10 + u64::from(b - b'0');
            count += 1;
            if seen_dec {
                frac_digits += 1;
            } else {
                int_digits += 1;
            }
        } else if b == dec && !seen_dec {
            seen_dec = true;
        } else {
            return None;
        }
        if count > 15 {
            return None;
        }
    }
    if int_digits == 0 || (seen_dec && frac_digits == 0) {
        return None;
    }
    let n = mantissa as f64 / POWERS_OF_TEN[frac_digits];
    Some(if negative { -n } else { n })
}

/// Day and month order of a column's slash/dash/dot dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateOrder {
    /// `dd/mm/yyyy` (the default).
    DayMonth,
    /// `mm/dd/yyyy`.
    MonthDay,
}

/// The date order of a column: month-first only when some value's second number exceeds 12
/// and no value's first number does.
pub(crate) fn date_order<'a>(values: impl Iterator<Item = &'a str>) -> DateOrder {
    let (mut day_first, mut month_first) = (false, false);
    for v in values.filter(|v| !v.is_empty()).take(SAMPLE) {
        if let Some([a, b, _]) = numeric_parts(date_part(v))
            && a.len() <= 2
        {
            day_first |= a.parse::<u32>().is_ok_and(|a| a > 12);
            month_first |= b.parse::<u32>().is_ok_and(|b| b > 12);
        }
    }
    if month_first && !day_first {
        DateOrder::MonthDay
    } else {
        DateOrder::DayMonth
    }
}

/// The date before a time part (`"01/02/2024 10:30"`, `"2024-02-01T10:30:00"`); a value whose
/// tail is not a time (`"5 de febrero"`) is kept whole, and so fails as a date.
fn date_part(v: &str) -> &str {
    let cut = v.find(' ').or_else(|| v.find('T').filter(|&i| i >= 8));
    match cut {
        Some(i)
            if v[i + 1..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
                && v[i..].contains(':') =>
        {
            &v[..i]
        }
        _ => v,
    }
}

fn split3(v: &str) -> Option<[&str; 3]> {
    let sep = v.find(['/', '-', '.'])?;
    let sep = v.as_bytes()[sep] as char;
    let mut parts = v.split(sep);
    let out = [parts.next()?, parts.next()?, parts.next()?];
    parts.next().is_none().then_some(out)
}

fn numeric_parts(v: &str) -> Option<[&str; 3]> {
    split3(v).filter(|p| {
        p.iter()
            .all(|x| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// Month number from a Spanish or English name or abbreviation (`ene`, `Jan`, `setiembre`).
fn month_name(s: &str) -> Option<u32> {
    let lower = s.to_lowercase();
    let key: String = lower.chars().take(3).collect();
    let m = match key.as_str() {
        "ene" | "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "abr" | "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "ago" | "aug" => 8,
        "set" | "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dic" | "dec" => 12,
        _ => return None,
    };
    lower.chars().all(char::is_alphabetic).then_some(m)
}

/// Parses a date: `dd/mm/yyyy` or `mm/dd/yyyy` per `order` (also with `-` or `.`), ISO
/// `yyyy-mm-dd`, `yyyymmdd`, `05-ene-2024`, an Excel serial number (1900 system), each
/// optionally followed by a time. Two-digit years fall in the century that puts them at or
/// before `pivot_year` (the caller passes the current year + 1).
pub(crate) fn parse_date(v: &str, order: DateOrder, pivot_year: i32) -> Option<Day> {
    if let Some(day) = plain_date(v.as_bytes(), order) {
        return day;
    }
    let d = date_part(v.trim());
    if !d.is_empty()
        && d.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && d.matches('.').count() <= 1
    {
        if d.len() == 8 && !d.contains('.') {
            return ymd(
                d[..4].parse().ok()?,
                d[4..6].parse().ok()?,
                d[6..].parse().ok()?,
            );
        }
        let serial: f64 = d.parse().ok()?;
        return (1.0..=2_958_465.0).contains(&serial).then(|| {
            // Excel counts 1900-02-29 (serial 60), a day that never was.
            let serial = serial.floor() as i32;
            if serial > 60 {
                serial - 25_569
            } else {
                serial - 25_568
            }
        });
    }
    let [a, b, c] = split3(d)?;
    let year = |y: &str| -> Option<i32> {
        match y.len() {
            4 => y.parse().ok(),
            2 => {
                let y: i32 = y.parse().ok()?;
                let century = pivot_year - pivot_year.rem_euclid(100);
                Some(if century + y <= pivot_year {
                    century + y
                } else {
                    century - 100 + y
                })
            }
            _ => None,
        }
    };
    let num = |x: &str| x.parse::<u32>().ok().filter(|_| (1..=2).contains(&x.len()));
    if a.len() == 4 {
        return ymd(year(a)?, num(b)?, num(c)?);
    }
    if let Some(m) = b
        .starts_with(|c: char| c.is_alphabetic())
        .then(|| month_name(b))
        .flatten()
    {
        return ymd(year(c)?, m, num(a)?);
    }
    match order {
        DateOrder::DayMonth => ymd(year(c)?, num(b)?, num(a)?),
        DateOrder::MonthDay => ymd(year(c)?, num(a)?, num(b)?),
    }
}

/// The fast path of [`parse_date`] for the two usual ten-character forms, `dd/mm/yyyy` (or
/// `mm/dd/yyyy` per `order`) and `yyyy-mm-dd`, with the same separator (`/`, `-` or `.`) twice.
/// `Some(result)` is what the general parser returns for such a value; `None` sends anything
/// else to it.
fn plain_date(b: &[u8], order: DateOrder) -> Option<Option<Day>> {
    let &[b0, b1, b2, b3, b4, b5, b6, b7, b8, b9] = b else {
        return None;
    };
    let digit = |c: u8| c.is_ascii_digit().then(|| u32::from(c - b'0'));
    let two = |h: u8, l: u8| Some(digit(h)? * 10 + digit(l)?);
    let four = |a: u8, b: u8, c: u8, d: u8| Some(two(a, b)? * 100 + two(c, d)?);
    let is_sep = |c: u8| matches!(c, b'/' | b'-' | b'.');
    if is_sep(b2) && b5 == b2 {
        let (x, y, year) = (two(b0, b1)?, two(b3, b4)?, four(b6, b7, b8, b9)?);
        let (month, day) = match order {
            DateOrder::DayMonth => (y, x),
            DateOrder::MonthDay => (x, y),
        };
        Some(civil_day(year as i32, month, day))
    } else if is_sep(b4) && b7 == b4 {
        let (year, month, day) = (four(b0, b1, b2, b3)?, two(b5, b6)?, two(b8, b9)?);
        Some(civil_day(year as i32, month, day))
    } else {
        None
    }
}

/// [`ymd`] without going through chrono (the day number of a date is needed for every row):
/// `None` when the date does not exist. Years 1900–2155 read a table; others compute.
pub(crate) fn civil_day(year: i32, month: u32, day: u32) -> Option<Day> {
    let (start, leap) = match usize::try_from(year - TABLE_FIRST_YEAR) {
        Ok(i) if i + 1 < YEAR_STARTS.len() => {
            (YEAR_STARTS[i], YEAR_STARTS[i + 1] - YEAR_STARTS[i] == 366)
        }
        _ if (-9999..=9999).contains(&year) => (days_from_civil(year, 1, 1), is_leap(year)),
        _ => return ymd(year, month, day),
    };
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if !(1..=days_in_month).contains(&day) {
        return None;
    }
    const BEFORE_MONTH: [i32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let leap_day = i32::from(leap && month > 2);
    Some(start + BEFORE_MONTH[month as usize - 1] + leap_day + day as i32 - 1)
}

/// First year of [`YEAR_STARTS`].
const TABLE_FIRST_YEAR: i32 = 1900;

/// The day number of 1 January of each year from 1900 to 2156 (computed at compile time, so
/// that reading a date divides nothing: size-optimised builds keep real divisions).
const YEAR_STARTS: [Day; 257] = {
    let mut starts = [0; 257];
    let mut i = 0;
    while i < starts.len() {
        starts[i] = days_from_civil(TABLE_FIRST_YEAR + i as i32, 1, 1);
        i += 1;
    }
    starts
};

const fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days from 1970-01-01 of a valid proleptic Gregorian date (H. Hinnant's days_from_civil:
/// eras of 400 years starting on 1 March).
const fn days_from_civil(year: i32, month: u32, day: u32) -> Day {
    let (m, d) = (month as i32, day as i32);
    let y = if m <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Reads yes/no in Spanish or English (`sí`, `si`, `s`, `yes`, `1`, `x`, `true` / `no`, `n`, `0`, `false`).
pub(crate) fn parse_bool(v: &str) -> Option<bool> {
    match v.to_lowercase().as_str() {
        "si" | "sí" | "s" | "yes" | "y" | "1" | "x" | "true" | "verdadero" | "v" | "ok"
        | "acepta" | "autoriza" => Some(true),
        "no" | "n" | "0" | "false" | "falso" | "f" | "no acepta" | "no autoriza" => Some(false),
        _ => None,
    }
}

fn key(v: &str) -> String {
    super::synonyms::normalize(v)
}

/// Reads a household type (`individual`, `unipersonal`, `familia`, `family`…).
pub(crate) fn parse_household(v: &str) -> Option<Household> {
    let k = key(v);
    if [
        "individual",
        "unipersonal",
        "solo",
        "sola",
        "single",
        "persona_sola",
    ]
    .contains(&k.as_str())
    {
        Some(Household::Individual)
    } else if k.starts_with("famil") || k == "hogar_familiar" {
        Some(Household::Family)
    } else {
        None
    }
}

/// Reads a purchase motive (`agudo`, `crónico`, `preventivo` and their English names).
pub(crate) fn parse_motive(v: &str) -> Option<Motive> {
    let k = key(v);
    if k.starts_with("agud") || k.starts_with("acut") {
        Some(Motive::Acute)
    } else if k.starts_with("cronic") || k.starts_with("chronic") {
        Some(Motive::Chronic)
    } else if k.starts_with("prevent") || k.starts_with("prevenc") {
        Some(Motive::Preventive)
    } else {
        None
    }
}

/// Reads a health insurance (`ESSALUD`, `EPS`, `privado`, `ninguno`…).
pub(crate) fn parse_insurance(v: &str) -> Option<Insurance> {
    let k = key(v);
    match k.as_str() {
        "essalud" | "es_salud" | "seguro_social" => Some(Insurance::Essalud),
        "eps" => Some(Insurance::Eps),
        "ninguno" | "ninguna" | "sin_seguro" | "none" | "no" | "no_tiene" => Some(Insurance::None),
        _ if k.contains("privad") || k.contains("private") || k == "particular" => {
            Some(Insurance::Private)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DecimalSep::{Comma, Point};

    #[test]
    fn numbers_in_both_locales_with_currency() {
        assert_eq!(parse_number("1.234,50", Comma), Some(1234.5));
        assert_eq!(parse_number("1,234.50", Point), Some(1234.5));
        assert_eq!(parse_number("S/ 1.234,50", Comma), Some(1234.5));
        assert_eq!(parse_number("S/. 12,5", Comma), Some(12.5));
        assert_eq!(parse_number("-S/ 12,50", Comma), Some(-12.5));
        assert_eq!(parse_number("$1,000,000", Point), Some(1_000_000.0));
        assert_eq!(parse_number("(12.50)", Point), Some(-12.5));
        assert_eq!(parse_number("12,50-", Comma), Some(-12.5));
        assert_eq!(parse_number("1 234,5", Comma), Some(1234.5));
        assert_eq!(parse_number("1\u{a0}234,5", Comma), Some(1234.5));
        assert_eq!(parse_number("12.5", Comma), Some(12.5));
        assert_eq!(parse_number(",5", Comma), Some(0.5));
        assert_eq!(parse_number("PEN 10", Point), Some(10.0));
        assert_eq!(parse_number("S/ 1.500,00", Point), Some(1500.0));
        assert_eq!(parse_number("1,500.25", Comma), Some(1500.25));
        assert_eq!(parse_number("1.2.3", Comma), None);
        assert_eq!(parse_number("12,34,5", Point), None);
        assert_eq!(parse_number("abc", Point), None);
        assert_eq!(parse_number("", Point), None);
        assert_eq!(parse_number("S/", Point), None);
        assert_eq!(parse_number("1e5", Point), None);
    }

    #[test]
    fn decimal_separator_by_evidence() {
        assert_eq!(decimal_sep(["1.234,5", "3"].into_iter(), Point), Comma);
        assert_eq!(decimal_sep(["12,5", "1,25"].into_iter(), Point), Comma);
        assert_eq!(decimal_sep(["12.5", "1.234"].into_iter(), Comma), Point);
        assert_eq!(decimal_sep(["1,234,567"].into_iter(), Comma), Point);
        assert_eq!(decimal_sep(["1.234"].into_iter(), Comma), Comma);
        assert_eq!(decimal_sep(["1.234"].into_iter(), Point), Point);
    }

    #[test]
    fn dates_in_every_written_form() {
        let d = ymd(2024, 2, 5);
        let dm = DateOrder::DayMonth;
        assert_eq!(parse_date("05/02/2024", dm, 2027), d);
        assert_eq!(parse_date("5/2/2024", dm, 2027), d);
        assert_eq!(parse_date("02/05/2024", DateOrder::MonthDay, 2027), d);
        assert_eq!(parse_date("2024-02-05", DateOrder::MonthDay, 2027), d);
        assert_eq!(parse_date("2024-02-05T10:30:00", dm, 2027), d);
        assert_eq!(parse_date("05/02/2024 10:30", dm, 2027), d);
        assert_eq!(parse_date("05.02.2024", dm, 2027), d);
        assert_eq!(parse_date("05-02-24", dm, 2027), d);
        assert_eq!(parse_date("05-feb-2024", dm, 2027), d);
        assert_eq!(parse_date("05-ENE-24", dm, 2027), ymd(2024, 1, 5));
        assert_eq!(parse_date("20240205", dm, 2027), d);
        assert_eq!(parse_date("45327", dm, 2027), d);
        assert_eq!(parse_date("45327.75", dm, 2027), d);
        assert_eq!(parse_date("15/03/65", dm, 2027), ymd(1965, 3, 15));
        assert_eq!(parse_date("15/03/27", dm, 2027), ymd(2027, 3, 15));
        assert_eq!(parse_date("31/02/2024", dm, 2027), None);
        assert_eq!(parse_date("13/13/2024", dm, 2027), None);
        assert_eq!(parse_date("ayer", dm, 2027), None);
        assert_eq!(parse_date("5 de febrero", dm, 2027), None);
        assert_eq!(parse_date("5 10:30", dm, 2027), ymd(1900, 1, 5));
        assert_eq!(parse_date("1/2/2024/5", dm, 2027), None);
    }

    #[test]
    fn civil_day_is_ymd() {
        for year in (-2400..=-2300)
            .chain(-1..=1)
            .chain(1890..=2160)
            .chain(9990..=10_001)
        {
            for month in 0..=13 {
                for day in 0..=32 {
                    assert_eq!(
                        civil_day(year, month, day),
                        ymd(year, month, day),
                        "{year}-{month}-{day}"
                    );
                }
            }
        }
        assert_eq!(civil_day(i32::MAX, 1, 1), None);
    }

    #[test]
    fn fast_paths_agree_with_the_general_parsers() {
        let numbers = [
            "0",
            "-0",
            "7",
            "007",
            "12,50",
            "-12,50",
            "12.50",
            "1.234",
            "1,234",
            "123456789012345",
            "1234567890123456",
            "0,1",
            "-0,000000000000001",
            "99999999999999,9",
            "12,",
            ",5",
            "1,2,3",
            "--1",
            "-",
            "",
            "1e5",
            "9007199254740993",
        ];
        for v in numbers {
            for sep in [Comma, Point] {
                let general = {
                    // The general parser, bypassing the fast path: a leading `+` is stripped.
                    let plus = format!("+{v}");
                    parse_number(&plus, sep)
                };
                if let Some(fast) = plain_number(v.as_bytes(), sep) {
                    assert_eq!(
                        Some(fast.to_bits()),
                        general.map(f64::to_bits),
                        "{v} {sep:?}"
                    );
                }
            }
        }
        let dates = [
            "05/02/2024",
            "29/02/2023",
            "29/02/2024",
            "31/04/2024",
            "12/31/2024",
            "00/01/2024",
            "2024-02-05",
            "2024.02.05",
            "05.02.2024",
            "05-02-2024",
            "0000-01-01",
            "05/02-2024",
            "2024/13/01",
        ];
        for v in dates {
            for order in [DateOrder::DayMonth, DateOrder::MonthDay] {
                let general = parse_date(&format!(" {v}"), order, 2027);
                assert_eq!(
                    plain_date(v.as_bytes(), order).unwrap_or(general),
                    general,
                    "{v}"
                );
            }
        }
    }

    #[test]
    fn date_order_from_values_above_twelve() {
        assert_eq!(
            date_order(["01/02/2024", "13/02/2024"].into_iter()),
            DateOrder::DayMonth
        );
        assert_eq!(
            date_order(["01/02/2024", "02/13/2024"].into_iter()),
            DateOrder::MonthDay
        );
        assert_eq!(date_order(["01/02/2024"].into_iter()), DateOrder::DayMonth);
        assert_eq!(date_order(["2024-12-31"].into_iter()), DateOrder::DayMonth);
    }

    #[test]
    fn categories_and_yes_no() {
        assert_eq!(parse_bool("Sí"), Some(true));
        assert_eq!(parse_bool("NO"), Some(false));
        assert_eq!(parse_bool("quizás"), None);
        assert_eq!(parse_household("Familia"), Some(Household::Family));
        assert_eq!(parse_motive("Crónico"), Some(Motive::Chronic));
        assert_eq!(parse_insurance("EsSalud"), Some(Insurance::Essalud));
        assert_eq!(parse_insurance("Seguro privado"), Some(Insurance::Private));
        assert_eq!(parse_insurance("SIS"), None);
        assert_eq!(parse_insurance("Privado"), Some(Insurance::Private));
    }

    #[test]
    fn header_or_data() {
        assert!(looks_like_data("S/ 12,50"));
        assert!(looks_like_data("01/02/2024"));
        assert!(!looks_like_data("cliente"));
        assert!(!looks_like_data("P1"));
    }
}
