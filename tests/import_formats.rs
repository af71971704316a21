//! Every supported format, encoding and dialect read end to end from a fixture under
//! `tests/fixtures/import/ok_*`: what the table, the mapping and the parsed dataset hold.

use fideliza::import::{
    self, Field, FileKind, Format, Hooks, ImportError, Progress, ReadOptions, Table, auto_mapping,
};
use fideliza::model::{Dataset, Day, Household, Insurance, Motive, SatisfactionScale, ymd};
use std::path::Path;
use std::sync::atomic::AtomicBool;

fn today() -> Day {
    ymd(2024, 3, 1).unwrap()
}

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(name: &str) -> Table {
    import::read_table(&fixture(name), name, &ReadOptions::default()).unwrap()
}

/// Reads, guesses the kind, maps automatically and parses into `into`; asserts no problem.
fn import_clean(name: &str, into: &Dataset) -> (Table, Dataset) {
    let table = read(name);
    let kind = import::guess_kind(&table.headers).unwrap();
    let mapping = auto_mapping(kind, &table.headers);
    assert_eq!(mapping.missing_required(), vec![], "{name}");
    let parsed = import::parse(&table, &mapping, into, today()).unwrap();
    let unexpected: Vec<_> = parsed
        .report
        .problems
        .iter()
        .filter(|p| p.kind != import::ProblemKind::NegativeAmount)
        .collect();
    assert!(unexpected.is_empty(), "{name}: {unexpected:?}");
    assert_eq!(parsed.report.rows_valid, parsed.report.rows_read, "{name}");
    (table, parsed.data)
}

fn ids(data: &Dataset) -> Vec<&str> {
    data.sales
        .iter()
        .map(|s| data.customer_ids.name(s.customer))
        .collect()
}

fn amounts(data: &Dataset) -> Vec<f64> {
    data.sales.iter().map(|s| s.amount).collect()
}

fn days(data: &Dataset) -> Vec<Day> {
    data.sales.iter().map(|s| s.day).collect()
}

#[test]
fn utf8_semicolon_decimal_comma_currency_and_leading_zeros() {
    let (table, data) = import_clean("ok_utf8_semicolon.csv", &Dataset::default());
    assert_eq!(table.source.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(table.source.delimiter, Some(';'));
    assert_eq!(ids(&data), ["007", "0008", "007"]);
    assert_eq!(amounts(&data), [1234.5, 12.5, -3.0]);
    assert_eq!(
        days(&data),
        [
            ymd(2024, 2, 5).unwrap(),
            ymd(2024, 2, 6).unwrap(),
            ymd(2024, 2, 13).unwrap()
        ]
    );
    assert_eq!(
        data.tickets.names().collect::<Vec<_>>(),
        ["B001-1", "B001-2", "B001-3"]
    );
    assert_eq!(
        data.products.names().collect::<Vec<_>>(),
        ["Paracetamol 500 mg", "Jarabe"]
    );
}

#[test]
fn utf8_bom_comma_point_decimals_iso_dates_with_time_crlf() {
    let (table, data) = import_clean("ok_utf8_bom_comma.csv", &Dataset::default());
    assert_eq!(
        table.headers[0], "customer_id",
        "the BOM is not part of the first header"
    );
    assert_eq!(table.source.delimiter, Some(','));
    assert_eq!(amounts(&data), [1234.5, 99.9]);
    assert_eq!(
        days(&data),
        [ymd(2024, 2, 5).unwrap(), ymd(2024, 2, 6).unwrap()]
    );
    assert_eq!(data.stores.names().collect::<Vec<_>>(), ["Centro"]);
}

#[test]
fn utf16_with_bom_tab_and_pipe() {
    let (table, data) = import_clean("ok_utf16le_tab.csv", &Dataset::default());
    assert_eq!(table.source.encoding.as_deref(), Some("UTF-16LE"));
    assert_eq!(table.source.delimiter, Some('\t'));
    assert_eq!(
        table.headers,
        [
            "Código Cliente",
            "Fecha de Venta",
            "Monto (S/)",
            "Categoría"
        ]
    );
    assert_eq!(ids(&data), ["001", "002"]);
    assert_eq!(
        data.categories.names().collect::<Vec<_>>(),
        ["Genérico", "Marca"]
    );

    let (table, data) = import_clean("ok_utf16be_pipe.csv", &Dataset::default());
    assert_eq!(table.source.encoding.as_deref(), Some("UTF-16BE"));
    assert_eq!(table.source.delimiter, Some('|'));
    assert_eq!(ids(&data), ["Ñ1", "Ñ2"]);
}

#[test]
fn windows_1252_is_detected_and_decoded() {
    let (table, data) = import_clean("ok_win1252.csv", &Dataset::default());
    assert_eq!(table.source.encoding.as_deref(), Some("windows-1252"));
    assert_eq!(table.headers[0], "Código de cliente");
    assert_eq!(ids(&data), ["00123", "00124"]);
    assert_eq!(amounts(&data), [1500.0, 7.9]);
    assert_eq!(data.stores.names().collect::<Vec<_>>(), ["Peña Alta"]);
    assert_eq!(
        data.payments.names().collect::<Vec<_>>(),
        ["Tarjeta débito", "Efectivo"]
    );
}

#[test]
fn quoted_fields_with_delimiters_quotes_and_newlines() {
    let (table, data) = import_clean("ok_quoted_multiline.csv", &Dataset::default());
    assert_eq!(
        data.products.names().collect::<Vec<_>>(),
        ["Crema; 50 g", "Kit \"bebé\"\nsegunda línea", "Gasa"]
    );
    // The quoted newline is not a row of its own in a spreadsheet.
    let lines: Vec<u32> = table.rows().map(|r| r.line()).collect();
    assert_eq!(lines, [2, 3, 4]);
}

#[test]
fn month_first_dates_are_detected_per_column() {
    let (_, data) = import_clean("ok_month_first.csv", &Dataset::default());
    assert_eq!(
        days(&data),
        [ymd(2024, 2, 5).unwrap(), ymd(2024, 2, 13).unwrap()]
    );
    assert_eq!(amounts(&data), [1234.5, 5.0]);
}

#[test]
fn two_digit_years_pivot_on_today() {
    let (_, data) = import_clean("ok_two_digit_years.csv", &Dataset::default());
    assert_eq!(
        days(&data),
        [ymd(2024, 2, 5).unwrap(), ymd(1999, 12, 31).unwrap()]
    );
}

#[test]
fn title_lines_and_blank_rows_are_skipped_with_true_row_numbers() {
    let (table, data) = import_clean("ok_title_lines.csv", &Dataset::default());
    assert_eq!(table.source.header_row, 3);
    assert_eq!(table.rows().map(|r| r.line()).collect::<Vec<_>>(), [4, 6]);
    assert_eq!(data.sales.len(), 2);
}

#[test]
fn xlsx_sheet_choice_title_rows_serial_dates_and_numbers() {
    let bytes = fixture("ok_sales.xlsx");
    assert_eq!(
        import::sheet_names(&bytes, "ventas.xlsx").unwrap(),
        ["Resumen", "Ventas"]
    );
    let opts = ReadOptions {
        sheet: Some("Ventas".into()),
        ..ReadOptions::default()
    };
    let table = import::read_table(&bytes, "ventas.xlsx", &opts).unwrap();
    assert_eq!(table.source.format, Format::Xlsx);
    assert_eq!(table.source.sheet.as_deref(), Some("Ventas"));
    assert_eq!(table.source.header_row, 3);
    assert_eq!(table.headers, ["Cliente", "Fecha", "Importe", "Boleta"]);
    assert_eq!(
        import::preview(&table, 1),
        [["007", "2024-02-05", "1234.5", "B-1"]]
    );
    assert_eq!(
        table.rows().map(|r| r.line()).collect::<Vec<_>>(),
        [4, 6, 7]
    );
    let mapping = auto_mapping(FileKind::Sales, &table.headers);
    let parsed = import::parse(&table, &mapping, &Dataset::default(), today()).unwrap();
    assert!(
        parsed.report.problems.is_empty(),
        "{:?}",
        parsed.report.problems
    );
    let data = parsed.data;
    assert_eq!(ids(&data), ["007", "8", "009"]);
    assert_eq!(
        days(&data),
        [
            ymd(2024, 2, 5).unwrap(),
            ymd(2024, 2, 6).unwrap(),
            ymd(2024, 2, 7).unwrap()
        ]
    );
    assert_eq!(amounts(&data), [1234.5, 20.0, 1500.0]);

    let missing = ReadOptions {
        sheet: Some("Hoja9".into()),
        ..ReadOptions::default()
    };
    assert!(matches!(
        import::read_table(&bytes, "ventas.xlsx", &missing),
        Err(ImportError::SheetNotFound { .. })
    ));
    // The first sheet by default: a summary without a header row of labels.
    let first = import::read_table(&bytes, "ventas.xlsx", &ReadOptions::default());
    assert!(
        matches!(first, Err(ImportError::NoHeaderRow { .. })),
        "{first:?}"
    );
}

#[test]
fn ods_is_read_by_the_range_reader() {
    let (table, data) = import_clean("ok_sales.ods", &Dataset::default());
    assert_eq!(table.source.format, Format::Ods);
    assert_eq!(ids(&data), ["007", "008"]);
    assert_eq!(amounts(&data), [10.5, 20.0]);
    assert_eq!(
        days(&data),
        [ymd(2024, 2, 5).unwrap(), ymd(2024, 2, 6).unwrap()]
    );
}

#[test]
fn customers_surveys_complaints_then_sales_share_one_customer_list() {
    let (table, data) = import_clean("ok_customers.csv", &Dataset::default());
    let mapping = auto_mapping(FileKind::Customers, &table.headers);
    assert_eq!(mapping.columns[2], Some(Field::Document));
    assert_eq!(data.customers.len(), 2);
    let ana = &data.customers[0];
    assert_eq!(data.customer_ids.name(ana.key), "007");
    assert_eq!(ana.document.as_deref(), Some("07654321"));
    assert_eq!(ana.birth_date, ymd(1965, 3, 15));
    assert_eq!(ana.household, Some(Household::Family));
    assert_eq!(ana.family_size, Some(4));
    assert_eq!(ana.motive, Some(Motive::Chronic));
    assert_eq!(ana.insurance, Some(Insurance::Essalud));
    assert_eq!(ana.preferred_channel.as_deref(), Some("delivery"));
    assert_eq!(ana.signup, ymd(2020, 6, 1));
    assert_eq!(ana.consent, Some(true));
    let luis = &data.customers[1];
    assert_eq!(
        (luis.document.as_ref(), luis.insurance, luis.consent),
        (None, Some(Insurance::None), Some(false))
    );

    let (_, data) = import_clean("ok_surveys.csv", &data);
    assert_eq!(data.survey_scale, SatisfactionScale::OneToFive);
    assert_eq!(data.servqual_dimensions, ["Fiabilidad", "Empatía"]);
    let s = &data.surveys[0];
    assert_eq!((s.overall, s.recommend), (5.0, Some(9.0)));
    assert_eq!(s.expectations, [Some(6.0), Some(5.0)]);
    assert_eq!(s.perceptions, [Some(7.0), Some(4.0)]);
    assert_eq!(s.comment.as_deref(), Some("Muy amable; rápido"));
    assert_eq!(data.surveys[1].perceptions, [Some(5.0), None]);

    let (_, data) = import_clean("ok_complaints.csv", &data);
    let resolved: Vec<_> = data.complaints.iter().map(|c| c.resolved).collect();
    assert_eq!(resolved, [Some(true), Some(false)]);

    let (_, data) = import_clean("ok_utf8_semicolon.csv", &data);
    assert_eq!(
        data.customer_ids.len(),
        2,
        "sales reuse the customer file's ids"
    );
    assert_eq!(data.sales.len(), 3);
}

#[test]
fn parse_leaves_the_input_dataset_untouched_and_reimporting_customers_updates_them() {
    let (_, once) = import_clean("ok_customers.csv", &Dataset::default());
    let before = once.clone();
    let (_, twice) = import_clean("ok_customers.csv", &once);
    assert_eq!(once, before);
    assert_eq!(twice.customers.len(), 2);
}

#[test]
fn progress_is_reported_and_cancel_stops_the_import() {
    let mut text = String::from("cliente;fecha;importe\n");
    for i in 0..40_000 {
        text.push_str(&format!("{i};05/02/2024;{},50\n", i % 100));
    }
    let mut seen: Vec<Progress> = Vec::new();
    let mut on_progress = |p: Progress| seen.push(p);
    let mut hooks = Hooks {
        on_progress: Some(&mut on_progress),
        cancel: None,
    };
    let table = import::read_table_with(
        text.as_bytes(),
        "v.csv",
        &ReadOptions::default(),
        &mut hooks,
    )
    .unwrap();
    assert_eq!(table.len(), 40_000);
    let last = *seen.last().unwrap();
    assert_eq!(
        (last.bytes_done, last.bytes_total, last.rows),
        (text.len() as u64, text.len() as u64, 40_000)
    );
    assert!(seen.len() >= 3);

    let cancel = AtomicBool::new(true);
    let mut hooks = Hooks {
        on_progress: None,
        cancel: Some(&cancel),
    };
    let mapping = auto_mapping(FileKind::Sales, &table.headers);
    let result = import::parse_with(&table, &mapping, &Dataset::default(), today(), &mut hooks);
    assert_eq!(result.unwrap_err(), ImportError::Cancelled);
}

#[test]
fn forced_encoding_delimiter_and_header_row() {
    let bytes = fixture("ok_win1252.csv");
    let opts = ReadOptions {
        encoding: Some("latin1".into()),
        delimiter: Some(b';'),
        header_row: Some(1),
        ..Default::default()
    };
    let table = import::read_table(&bytes, "v.csv", &opts).unwrap();
    assert_eq!(table.headers[0], "Código de cliente");
    let opts = ReadOptions {
        encoding: Some("ebcdic-martian".into()),
        ..Default::default()
    };
    assert!(matches!(
        import::read_table(&bytes, "v.csv", &opts),
        Err(ImportError::UnknownEncoding { label: Some(_), .. })
    ));
}

#[test]
fn report_csv_download_round_trips_through_the_reader() {
    let table = read("bad_after_title.csv");
    let parsed = import::parse(
        &table,
        &auto_mapping(FileKind::Sales, &table.headers),
        &Dataset::default(),
        today(),
    )
    .unwrap();
    let csv = parsed.report.to_csv(import::Lang::Es);
    let back = import::read_table(csv.as_bytes(), "reporte.csv", &ReadOptions::default()).unwrap();
    assert_eq!(
        back.headers,
        [
            "fila", "columna", "valor", "problema", "gravedad", "mensaje"
        ]
    );
    assert_eq!(
        import::preview(&back, 1)[0][..4],
        ["6", "importe", "S/ 2O,00", "Número no válido"]
    );
}

// ------------------------------------------------------------------------------------------
// Row numbers of CSV files. A row's number is the one a spreadsheet (Excel, LibreOffice) shows
// when it opens the file: every line end outside quotes starts a new row, empty lines included;
// a record whose quoted field holds line breaks is one row, numbered where the record starts,
// and the next record is the next row (the breaks inside quotes are not rows). Line ends are
// `\r\n`, `\n` or a lone `\r`, whatever the encoding.

/// The data rows' numbers and the problems' (row, column) when `bytes` is read as sales.
fn row_numbers(bytes: &[u8]) -> (u32, Vec<u32>, Vec<(u32, String)>) {
    let table = import::read_table(bytes, "ventas.csv", &ReadOptions::default()).unwrap();
    let lines = table.rows().map(|r| r.line()).collect();
    let mapping = auto_mapping(FileKind::Sales, &table.headers);
    let parsed = import::parse(&table, &mapping, &Dataset::default(), today()).unwrap();
    let problems = parsed
        .report
        .problems
        .iter()
        .map(|p| (p.row, p.column.clone().unwrap_or_default()))
        .collect();
    (table.source.header_row, lines, problems)
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn crlf_rows_are_numbered_as_a_spreadsheet_shows_them() {
    // Regression (CSV row numbers): the `csv` crate dates a record before it consumes the
    // previous record's `\n`, so in CRLF files every data row was numbered one too low (the
    // first data row was "row 1", the header's number).
    let table =
        import::read_table(b"a;b\r\n1;2\r\n3;4\r\n", "f.csv", &ReadOptions::default()).unwrap();
    assert_eq!(table.source.header_row, 1);
    assert_eq!(table.rows().map(|r| r.line()).collect::<Vec<_>>(), [2, 3]);

    let bytes = b"cliente;fecha;importe\r\n001;05/02/2024;10,00\r\n002;06/02/2024;doce\r\n";
    let table = import::read_table(bytes, "ventas.csv", &ReadOptions::default()).unwrap();
    let mapping = auto_mapping(FileKind::Sales, &table.headers);
    let parsed = import::parse(&table, &mapping, &Dataset::default(), today()).unwrap();
    assert_eq!(parsed.report.problems.len(), 1);
    assert!(
        parsed.report.problems[0]
            .message(import::Lang::Es)
            .starts_with("Fila 3, columna «importe»"),
        "{}",
        parsed.report.problems[0].message(import::Lang::Es)
    );
}

#[test]
fn lf_rows_are_numbered_as_a_spreadsheet_shows_them() {
    // Regression (CSV row numbers): pins the LF numbering the CRLF fix must keep.
    let table = import::read_table(b"a;b\n1;2\n3;4\n", "f.csv", &ReadOptions::default()).unwrap();
    assert_eq!(table.source.header_row, 1);
    assert_eq!(table.rows().map(|r| r.line()).collect::<Vec<_>>(), [2, 3]);
    assert_eq!(
        row_numbers(b"cliente;fecha;importe\n001;05/02/2024;10,00\n002;06/02/2024;doce\n"),
        (1, vec![2, 3], vec![(3, "importe".into())])
    );
}

#[test]
fn empty_lines_in_the_middle_count_as_rows() {
    // Regression (CSV row numbers): the `csv` crate skips empty lines without counting them
    // in a record's position, so every row below an empty line was numbered too low, in LF
    // files too.
    let lf = b"cliente;fecha;importe\n001;05/02/2024;10,00\n\n\n002;06/02/2024;doce\n\n";
    assert_eq!(
        row_numbers(lf),
        (1, vec![2, 5], vec![(5, "importe".into())])
    );
    let crlf = b"cliente;fecha;importe\r\n001;05/02/2024;10,00\r\n\r\n\r\n002;06/02/2024;doce\r\n";
    assert_eq!(
        row_numbers(crlf),
        (1, vec![2, 5], vec![(5, "importe".into())])
    );
    // Empty lines above the header count too.
    let above = b"\r\n\r\ncliente;fecha;importe\r\n002;06/02/2024;doce\r\n";
    assert_eq!(
        row_numbers(above),
        (3, vec![4], vec![(4, "importe".into())])
    );
}

#[test]
fn title_lines_above_the_header_keep_the_row_numbers() {
    // Regression (CSV row numbers): a title and an empty line above the header shifted the
    // header's and every data row's number in CRLF files.
    let bytes = "Reporte de ventas – Botica Peña\r\n\r\ncliente;fecha;importe\r\n\
                 001;05/02/2024;10,00\r\n002;06/02/2024;doce\r\n";
    assert_eq!(
        row_numbers(bytes.as_bytes()),
        (3, vec![4, 5], vec![(5, "importe".into())])
    );
    // A forced header row is the number a spreadsheet shows, in CRLF files too.
    let opts = ReadOptions {
        header_row: Some(3),
        ..ReadOptions::default()
    };
    let table = import::read_table(bytes.as_bytes(), "f.csv", &opts).unwrap();
    assert_eq!(table.headers, ["cliente", "fecha", "importe"]);
    assert_eq!(table.rows().map(|r| r.line()).collect::<Vec<_>>(), [4, 5]);
}

#[test]
fn a_quoted_field_with_line_breaks_is_one_row_numbered_where_it_starts() {
    // Regression (CSV row numbers): a record spanning text lines 2–3 is row 2 (where it
    // starts) and the next record is row 3, as in a spreadsheet; in CRLF files the rows after
    // it were numbered too low, and a `\r\n` inside quotes counted differently from a `\n`.
    for nl in ["\n", "\r\n", "\r"] {
        let text = format!(
            "cliente;fecha;importe;producto{nl}\
             001;05/02/2024;10,00;\"Kit{nl}bebé\"{nl}\
             002;31/02/2024;20,00;\"Gasa{nl}{nl}estéril\"{nl}\
             003;07/02/2024;doce;Crema{nl}"
        );
        assert_eq!(
            row_numbers(text.as_bytes()),
            (
                1,
                vec![2, 3, 4],
                vec![(3, "fecha".into()), (4, "importe".into())]
            ),
            "line end {nl:?}"
        );
    }
}

#[test]
fn windows_1252_crlf_rows_are_numbered_as_a_spreadsheet_shows_them() {
    // Regression (CSV row numbers): the Windows-1252 path splits the raw bytes before
    // decoding; its CRLF rows were numbered one too low, like UTF-8's.
    let text = "Código Cliente;Fecha;Importe;Local\r\n\
                00123;05/02/2024;S/ 12,5O;Peña Alta\r\n\
                00124;06/02/2024;3,00;Peña Alta\r\n\
                00125;30/02/2024;3,00;Centro\r\n";
    let bytes = windows_1252(text);
    let table = import::read_table(&bytes, "v.csv", &ReadOptions::default()).unwrap();
    assert_eq!(table.source.encoding.as_deref(), Some("windows-1252"));
    assert_eq!(
        row_numbers(&bytes),
        (
            1,
            vec![2, 3, 4],
            vec![(2, "Importe".into()), (4, "Fecha".into())]
        )
    );
}

#[test]
fn row_numbers_agree_across_line_ends_encodings_and_bom() {
    // Regression (CSV row numbers): one file, with a title, empty lines and a quoted line
    // break, written with every line end, encoding and byte-order mark the reader accepts,
    // gives the rows a spreadsheet shows (empty lines were not counted, and CRLF and CR line
    // ends shifted the numbers further).
    let lines = [
        "Reporte de ventas – Botica Peña",
        "",
        "cliente;fecha;importe;producto",
        "001;05/02/2024;10,00;Gasa",
        "",
        "",
        "002;06/02/2024;doce;\"Kit \"\"bebé\"\"<NL>segunda línea\"",
        "003;31/02/2024;30,00;Crema",
        ";;;",
        "004;07/02/2024;S/ 1,5O;Algodón",
        "",
    ];
    let want = (
        3,
        vec![4, 7, 8, 10],
        vec![
            (7, "importe".to_owned()),
            (8, "fecha".to_owned()),
            (10, "importe".to_owned()),
        ],
    );
    for nl in ["\n", "\r\n", "\r"] {
        let text = lines.join(nl).replace("<NL>", nl);
        let encodings: [(&str, Vec<u8>); 5] = [
            ("UTF-8", text.as_bytes().to_vec()),
            (
                "UTF-8 BOM",
                [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(),
            ),
            ("UTF-16LE", utf16(&text, false)),
            ("UTF-16BE", utf16(&text, true)),
            ("windows-1252", windows_1252(&text)),
        ];
        for (name, bytes) in encodings {
            assert_eq!(row_numbers(&bytes), want, "{name}, line end {nl:?}");
        }
    }
}

/// A large synthetic sales file in `encoding`'s bytes: accented headers and cells, quoted
/// amounts and quoted line breaks, CRLF line ends.
fn large_sales(rows: usize, to_bytes: fn(&str) -> Vec<u8>) -> Vec<u8> {
    let mut text = String::from("Código cliente;Fecha;Importe;Descripción\r\n");
    for i in 0..rows {
        text.push_str(&format!(
            "{i:06};05/02/2024;\"1.234,5{}\";\"línea {i}\r\ncon salto; y ñ\"\r\n",
            i % 10
        ));
    }
    to_bytes(&text)
}

/// The first look at a large file ([`import::read_head`]) shows what reading the whole file
/// will: headers, kind, delimiter, encoding and first rows, wherever the head ends (within a
/// quoted line break or a character of several bytes included).
#[test]
fn a_files_head_shows_its_headers_and_first_rows() {
    let utf8_bom = |t: &str| [b"\xEF\xBB\xBF".as_slice(), t.as_bytes()].concat();
    for bytes in [large_sales(5000, windows_1252), large_sales(5000, utf8_bom)] {
        let opts = ReadOptions::default();
        let whole = import::read_table(&bytes, "ventas.csv", &opts).unwrap();
        assert_eq!(whole.len(), 5000);
        let first_rows = import::preview(&whole, 5);
        // A head holding at least six rows (the preview's five whole, whatever the sixth).
        let cuts = (600..1400).chain([import::HEAD_BYTES, bytes.len()]);
        for n in cuts {
            let head = import::read_head(&bytes[..n], "ventas.csv", &opts)
                .unwrap_or_else(|| panic!("a head of {n} bytes gives a first look"));
            assert_eq!(head.headers, whole.headers, "cut at {n}");
            assert_eq!(head.source, whole.source, "cut at {n}");
            assert_eq!(import::preview(&head, 5), first_rows, "cut at {n}");
            assert!(head.len() > 5 && head.len() <= whole.len(), "cut at {n}");
        }
        let all = import::read_head(&bytes, "ventas.csv", &opts).unwrap();
        assert_eq!(all.len(), whole.len());
        assert_eq!(
            import::guess_kind(&all.headers),
            Some(FileKind::Sales),
            "{:?}",
            all.headers
        );
    }
}

/// A head cannot give a first look at a workbook, at UTF-16 text or without a whole line: the
/// whole file is read first.
#[test]
fn no_first_look_at_workbooks_utf16_or_a_head_without_a_line() {
    let opts = ReadOptions::default();
    for name in ["ok_sales.xlsx", "ok_utf16le_tab.csv", "ok_utf16be_pipe.csv"] {
        let bytes = fixture(name);
        assert!(import::read_head(&bytes, name, &opts).is_none(), "{name}");
    }
    let no_bom = &utf16("Cliente\tFecha\tImporte\n7\t05/02/2024\t10\n", false)[2..];
    assert!(import::read_head(no_bom, "f.csv", &opts).is_none());
    let text = b"Cliente;Fecha;Importe\n7;05/02/2024;10\n";
    let forced = ReadOptions {
        encoding: Some("utf-16le".into()),
        ..ReadOptions::default()
    };
    assert!(import::read_head(text, "f.csv", &forced).is_none());
    assert!(import::read_head(&text[..20], "f.csv", &opts).is_none());
    assert_eq!(import::read_head(text, "f.csv", &opts).unwrap().len(), 1);
}
