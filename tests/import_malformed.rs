//! Every malformed fixture under `tests/fixtures/import/bad_*` with the exact problem it must
//! produce: kind, spreadsheet row, column, severity — and nothing else.

use fideliza::import::{
    self, Field, FileKind, ImportError, Lang, ProblemKind, ReadOptions, Severity, auto_mapping,
};
use fideliza::model::{Dataset, Day, ymd};
use std::path::Path;

fn today() -> Day {
    ymd(2024, 3, 1).unwrap()
}

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A dataset whose customer file holds customer "007" only.
fn with_customer_file() -> Dataset {
    let bytes = b"cliente;nombre\n007;Ana\n";
    let table = import::read_table(bytes, "clientes.csv", &ReadOptions::default()).unwrap();
    let mapping = auto_mapping(FileKind::Customers, &table.headers);
    import::parse(&table, &mapping, &Dataset::default(), today())
        .unwrap()
        .data
}

struct Case {
    file: &'static str,
    kind: FileKind,
    problem: ProblemKind,
    row: u32,
    column: Option<&'static str>,
    severity: Severity,
    rows_valid: u64,
}

const fn case(
    file: &'static str,
    kind: FileKind,
    problem: ProblemKind,
    row: u32,
    column: Option<&'static str>,
    severity: Severity,
    rows_valid: u64,
) -> Case {
    Case {
        file,
        kind,
        problem,
        row,
        column,
        severity,
        rows_valid,
    }
}

use FileKind::{Complaints, Customers, Sales, Surveys};
use ProblemKind::*;
use Severity::{Error, Warning};

const CASES: &[Case] = &[
    case(
        "bad_missing_customer.csv",
        Sales,
        MissingValue,
        4,
        Some("cliente"),
        Error,
        2,
    ),
    case(
        "bad_missing_date.csv",
        Sales,
        MissingValue,
        3,
        Some("fecha"),
        Error,
        2,
    ),
    case(
        "bad_missing_amount.csv",
        Sales,
        MissingValue,
        4,
        Some("importe"),
        Error,
        2,
    ),
    case(
        "bad_amount_text.csv",
        Sales,
        InvalidNumber,
        3,
        Some("importe"),
        Error,
        2,
    ),
    case(
        "bad_amount_two_decimal_commas.csv",
        Sales,
        InvalidNumber,
        3,
        Some("importe"),
        Error,
        2,
    ),
    case(
        "bad_amount_thousands.csv",
        Sales,
        InvalidNumber,
        3,
        Some("importe"),
        Error,
        1,
    ),
    case(
        "bad_date_text.csv",
        Sales,
        InvalidDate,
        4,
        Some("fecha"),
        Error,
        2,
    ),
    case(
        "bad_date_feb30.csv",
        Sales,
        InvalidDate,
        2,
        Some("fecha"),
        Error,
        2,
    ),
    case(
        "bad_date_iso_month13.csv",
        Sales,
        InvalidDate,
        3,
        Some("fecha"),
        Error,
        1,
    ),
    case(
        "bad_date_future.csv",
        Sales,
        FutureDate,
        4,
        Some("fecha"),
        Error,
        2,
    ),
    case(
        "bad_date_too_old.csv",
        Sales,
        ImplausibleDate,
        2,
        Some("fecha"),
        Error,
        2,
    ),
    case(
        "bad_date_far_future.csv",
        Sales,
        ImplausibleDate,
        3,
        Some("fecha"),
        Error,
        2,
    ),
    case(
        "bad_date_two_digit_year.csv",
        Sales,
        ImplausibleDate,
        3,
        Some("fecha"),
        Error,
        1,
    ),
    case(
        "bad_date_mixed_order.csv",
        Sales,
        InvalidDate,
        2,
        Some("fecha"),
        Error,
        1,
    ),
    case(
        "bad_negative_amount.csv",
        Sales,
        NegativeAmount,
        4,
        Some("importe"),
        Warning,
        3,
    ),
    case(
        "bad_negative_parentheses.csv",
        Sales,
        NegativeAmount,
        3,
        Some("importe"),
        Warning,
        3,
    ),
    case(
        "bad_zero_amount.csv",
        Sales,
        ZeroAmount,
        3,
        Some("importe"),
        Warning,
        3,
    ),
    case(
        "bad_duplicate_line.csv",
        Sales,
        DuplicateRow,
        4,
        None,
        Warning,
        3,
    ),
    case(
        "bad_unknown_customer.csv",
        Sales,
        UnknownCustomer,
        3,
        Some("cliente"),
        Warning,
        2,
    ),
    case("bad_extra_cells.csv", Sales, ExtraCells, 3, None, Error, 1),
    case(
        "bad_quantity.csv",
        Sales,
        InvalidNumber,
        3,
        Some("cantidad"),
        Warning,
        2,
    ),
    case(
        "bad_cost.csv",
        Sales,
        InvalidNumber,
        3,
        Some("costo"),
        Warning,
        2,
    ),
    case(
        "bad_after_multiline.csv",
        Sales,
        InvalidDate,
        3,
        Some("fecha"),
        Error,
        1,
    ),
    case(
        "bad_after_title.csv",
        Sales,
        InvalidNumber,
        6,
        Some("importe"),
        Error,
        1,
    ),
    case(
        "bad_win1252_amount.csv",
        Sales,
        InvalidNumber,
        2,
        Some("Importe"),
        Error,
        1,
    ),
    case(
        "bad_utf16_date.csv",
        Sales,
        InvalidDate,
        3,
        Some("fecha"),
        Error,
        1,
    ),
    // Regression (CSV row numbers): in CRLF files, and after empty lines, problems named a row
    // above the one a spreadsheet shows, because the `csv` crate dates a record before it
    // consumes the previous `\n` and any empty lines. This Windows-1252 CRLF file has a title,
    // empty lines and the bad amount on row 7 (it was reported as row 6, the header as row 1).
    case(
        "bad_win1252_crlf_blank_lines.csv",
        Sales,
        InvalidNumber,
        7,
        Some("Importe"),
        Error,
        2,
    ),
    case(
        "bad_xlsx_amount.xlsx",
        Sales,
        InvalidNumber,
        4,
        Some("Importe"),
        Error,
        2,
    ),
    case(
        "bad_xlsx_missing_customer.xlsx",
        Sales,
        MissingValue,
        3,
        Some("Cliente"),
        Error,
        1,
    ),
    case(
        "bad_customer_repeated.csv",
        Customers,
        DuplicateCustomer,
        4,
        Some("cliente"),
        Error,
        2,
    ),
    case(
        "bad_customer_missing_id.csv",
        Customers,
        MissingValue,
        3,
        Some("cliente"),
        Error,
        1,
    ),
    case(
        "bad_customer_birth_date.csv",
        Customers,
        InvalidDate,
        3,
        Some("fecha_nacimiento"),
        Warning,
        2,
    ),
    case(
        "bad_customer_birth_future.csv",
        Customers,
        ImplausibleDate,
        3,
        Some("fecha_nacimiento"),
        Warning,
        2,
    ),
    case(
        "bad_customer_age.csv",
        Customers,
        InvalidValue,
        3,
        Some("edad"),
        Warning,
        2,
    ),
    case(
        "bad_customer_family_size.csv",
        Customers,
        InvalidValue,
        2,
        Some("miembros_familia"),
        Warning,
        2,
    ),
    case(
        "bad_customer_insurance.csv",
        Customers,
        InvalidValue,
        3,
        Some("seguro"),
        Warning,
        2,
    ),
    case(
        "bad_customer_consent.csv",
        Customers,
        InvalidValue,
        4,
        Some("consentimiento"),
        Warning,
        3,
    ),
    case(
        "bad_survey_out_of_scale.csv",
        Surveys,
        ScoreOutOfScale,
        12,
        Some("satisfaccion"),
        Error,
        24,
    ),
    case(
        "bad_survey_recommend.csv",
        Surveys,
        ScoreOutOfScale,
        5,
        Some("recomendaria"),
        Warning,
        4,
    ),
    case(
        "bad_survey_servqual.csv",
        Surveys,
        ScoreOutOfScale,
        5,
        Some("P_fiabilidad"),
        Warning,
        4,
    ),
    case(
        "bad_survey_missing_overall.csv",
        Surveys,
        MissingValue,
        5,
        Some("satisfaccion"),
        Error,
        3,
    ),
    case(
        "bad_survey_overall_text.csv",
        Surveys,
        InvalidNumber,
        5,
        Some("satisfaccion"),
        Error,
        3,
    ),
    case(
        "bad_complaint_resolved.csv",
        Complaints,
        InvalidValue,
        3,
        Some("resuelto"),
        Warning,
        2,
    ),
    case(
        "bad_complaint_future.csv",
        Complaints,
        FutureDate,
        2,
        Some("fecha"),
        Error,
        1,
    ),
    case(
        "bad_complaint_missing_date.csv",
        Complaints,
        MissingValue,
        2,
        Some("fecha"),
        Error,
        0,
    ),
];

#[test]
fn each_malformed_file_reports_exactly_its_problem() {
    let mut failures = Vec::new();
    for c in CASES {
        let table = import::read_table(&fixture(c.file), c.file, &ReadOptions::default())
            .unwrap_or_else(|e| panic!("{}: {e}", c.file));
        assert_eq!(
            import::guess_kind(&table.headers),
            Some(c.kind),
            "{}: kind",
            c.file
        );
        let mapping = auto_mapping(c.kind, &table.headers);
        let into = if c.problem == UnknownCustomer {
            with_customer_file()
        } else {
            Dataset::default()
        };
        let report = import::parse(&table, &mapping, &into, today())
            .unwrap()
            .report;
        let got: Vec<_> = report
            .problems
            .iter()
            .map(|p| (p.kind, p.row, p.column.as_deref(), p.severity))
            .collect();
        let want = vec![(c.problem, c.row, c.column, c.severity)];
        if got != want || report.rows_valid != c.rows_valid {
            failures.push(format!(
                "{}: got {got:?} with {} valid rows, want {want:?} with {}",
                c.file, report.rows_valid, c.rows_valid
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn there_are_at_least_thirty_malformed_fixtures_and_each_is_asserted() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("bad_"))
        .collect();
    on_disk.sort();
    let whole_file = [
        "bad_binary.csv",
        "bad_broken.xlsx",
        "bad_empty.csv",
        "bad_missing_columns.csv",
        "bad_no_header.csv",
    ];
    let mut asserted: Vec<String> = CASES
        .iter()
        .map(|c| c.file.to_owned())
        .chain(whole_file.map(String::from))
        .collect();
    asserted.sort();
    assert_eq!(on_disk, asserted);
    assert!(on_disk.len() >= 30);
}

#[test]
fn duplicate_and_out_of_scale_problems_name_the_related_row_and_scale() {
    let table = import::read_table(
        &fixture("bad_duplicate_line.csv"),
        "d.csv",
        &ReadOptions::default(),
    )
    .unwrap();
    let parsed = import::parse(
        &table,
        &auto_mapping(Sales, &table.headers),
        &Dataset::default(),
        today(),
    )
    .unwrap();
    assert_eq!(parsed.report.problems[0].related, Some(2));
    assert_eq!(
        parsed.data.sales.len(),
        3,
        "a duplicate line is flagged, not dropped"
    );
    assert_eq!(
        parsed.report.problems[0].message(Lang::Es),
        "Fila 4: la línea es idéntica a la fila 2. Si es un error, borre una de las dos."
    );
    let table = import::read_table(
        &fixture("bad_survey_out_of_scale.csv"),
        "e.csv",
        &ReadOptions::default(),
    )
    .unwrap();
    let parsed = import::parse(
        &table,
        &auto_mapping(Surveys, &table.headers),
        &Dataset::default(),
        today(),
    )
    .unwrap();
    assert_eq!(parsed.report.problems[0].related, Some(5));
    assert_eq!(
        parsed.report.problems[0].message(Lang::En),
        "Row 12, column “satisfaccion”: “9” is outside the scale (maximum 5). Check the score. The row is not imported."
    );
}

#[test]
fn whole_file_failures_are_errors_with_plain_messages() {
    let read = |name: &str| import::read_table(&fixture(name), name, &ReadOptions::default());
    assert!(matches!(
        read("bad_no_header.csv"),
        Err(ImportError::NoHeaderRow { .. })
    ));
    assert!(matches!(
        read("bad_empty.csv"),
        Err(ImportError::NoHeaderRow { .. })
    ));
    assert!(matches!(
        read("bad_binary.csv"),
        Err(ImportError::UnknownEncoding { label: None, .. })
    ));
    let broken = read("bad_broken.xlsx").unwrap_err();
    assert!(matches!(broken, ImportError::Unreadable { .. }));
    assert!(
        broken
            .message(Lang::Es)
            .starts_with("No se pudo leer «bad_broken.xlsx»")
    );

    let table = read("bad_missing_columns.csv").unwrap();
    let mapping = auto_mapping(Sales, &table.headers);
    let err = import::parse(&table, &mapping, &Dataset::default(), today()).unwrap_err();
    assert_eq!(
        err,
        ImportError::MissingColumns {
            missing: vec![Field::Date, Field::Amount]
        }
    );
    assert_eq!(
        err.message(Lang::Es),
        "Faltan columnas obligatorias: «Fecha», «Importe». Indique qué columna del archivo corresponde a cada una."
    );
}
