//! The demo written as CSV: headers, delimiters, number and date formats, Windows-1252 bytes.

use fideliza::demo::{CsvDialect, CsvKind, DemoConfig, generate, write_csv};
use fideliza::model::{Complaint, Customer, Dataset, Motive, Sale, Survey, ymd};

fn written(data: &Dataset, kind: CsvKind, dialect: &CsvDialect) -> Vec<u8> {
    let mut out = Vec::new();
    write_csv(data, kind, dialect, &mut out).unwrap();
    out
}

fn win1252_text(bytes: &[u8]) -> String {
    let (text, _, errors) = encoding_rs::WINDOWS_1252.decode(bytes);
    assert!(!errors);
    text.into_owned()
}

/// A hand-made dataset whose every written byte is known.
fn tiny() -> Dataset {
    let mut d = Dataset::default();
    let ana = d.customer_ids.intern("00451");
    let jose = d.customer_ids.intern("C000002");
    let ticket = d.tickets.intern("B001-00000001");
    let product = d.products.intern("Pañales Huggies G x 50");
    let category = d.categories.intern("Bebé");
    let store = d.stores.intern("Jesús María");
    let channel = d.channels.intern("Mostrador");
    let payment = d.payments.intern("Yape");
    d.sales.push(Sale {
        customer: ana,
        day: ymd(2026, 3, 5).unwrap(),
        amount: 1234.5,
        ticket: Some(ticket).into(),
        margin: Some(234.5).into(),
        product: Some(product).into(),
        category: Some(category).into(),
        quantity: Some(2.0).into(),
        store: Some(store).into(),
        channel: Some(channel).into(),
        payment: Some(payment).into(),
    });
    d.sales.push(Sale {
        customer: jose,
        day: ymd(2026, 3, 9).unwrap(),
        amount: -12.5,
        ..Sale::default()
    });
    d.customers.push(Customer {
        key: ana,
        name: Some("Ana Núñez \"Anita\" Peña".into()),
        motive: Some(Motive::Chronic),
        consent: Some(true),
        ..Customer::default()
    });
    d.servqual_dimensions = vec!["fiabilidad".into(), "empatia".into()];
    d.surveys.push(Survey {
        customer: jose,
        day: ymd(2026, 4, 1).unwrap(),
        overall: 4.0,
        recommend: Some(8.0),
        expectations: vec![Some(7.0), Some(6.5)],
        perceptions: vec![Some(5.0), None],
        comment: Some("Bien; rápido, pero caro 🙂".into()),
    });
    d.complaints.push(Complaint {
        customer: ana,
        day: ymd(2026, 4, 2).unwrap(),
        reason: None,
        resolved: Some(false),
    });
    d
}

#[test]
fn sales_in_pos_dialect_match_a_peruvian_export_byte_for_byte() {
    let bytes = written(&tiny(), CsvKind::Sales, &CsvDialect::pos_peru());
    let mut expected = b"boleta;fecha;cod_cliente;producto;categoria;cantidad;importe;costo;local;canal;medio_pago\r\n".to_vec();
    expected.extend_from_slice(b"B001-00000001;05/03/2026;00451;Pa\xf1ales Huggies G x 50;Beb\xe9;2;1234,50;1000,00;Jes\xfas Mar\xeda;Mostrador;Yape\r\n");
    expected.extend_from_slice(b";09/03/2026;C000002;;;;-12,50;;;;\r\n");
    assert_eq!(
        String::from_utf8_lossy(&bytes),
        String::from_utf8_lossy(&expected)
    );
    assert_eq!(bytes, expected);
}

#[test]
fn sales_in_plain_dialect_are_utf8_comma_and_iso() {
    let text = String::from_utf8(written(&tiny(), CsvKind::Sales, &CsvDialect::plain())).unwrap();
    let lines: Vec<&str> = text.split('\n').collect();
    assert_eq!(
        lines[0],
        "boleta,fecha,cod_cliente,producto,categoria,cantidad,importe,costo,local,canal,medio_pago"
    );
    assert_eq!(
        lines[1],
        "B001-00000001,2026-03-05,00451,Pañales Huggies G x 50,Bebé,2,1234.50,1000.00,Jesús María,Mostrador,Yape"
    );
    assert_eq!(lines[2], ",2026-03-09,C000002,,,,-12.50,,,,");
    assert_eq!(lines[3], "");
}

#[test]
fn customers_quote_what_needs_quoting_and_write_spanish_values() {
    let text = win1252_text(&written(
        &tiny(),
        CsvKind::Customers,
        &CsvDialect::pos_peru(),
    ));
    let mut lines = text.split("\r\n");
    assert_eq!(
        lines.next().unwrap(),
        "cod_cliente;nombre;dni;telefono;email;fecha_nacimiento;sexo;distrito;tipo_hogar;tamano_familia;\
         nivel_socioeconomico;medio_pago;motivo_compra;seguro;canal_preferido;fecha_registro;acepta_publicidad"
    );
    assert_eq!(
        lines.next().unwrap(),
        "00451;\"Ana Núñez \"\"Anita\"\" Peña\";;;;;;;;;;;Crónico;;;;Sí"
    );
}

#[test]
fn surveys_have_servqual_pairs_and_unmappable_characters_become_question_marks() {
    let bytes = written(&tiny(), CsvKind::Surveys, &CsvDialect::pos_peru());
    let text = win1252_text(&bytes);
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "cod_cliente;fecha;satisfaccion_general;recomendaria;E_fiabilidad;P_fiabilidad;E_empatia;P_empatia;comentario"
    );
    assert_eq!(
        lines[1],
        "C000002;01/04/2026;4;8;7;5;6,50;;\"Bien; rápido, pero caro ?\""
    );
    let plain =
        String::from_utf8(written(&tiny(), CsvKind::Surveys, &CsvDialect::plain())).unwrap();
    assert!(
        plain.contains(",\"Bien; rápido, pero caro 🙂\"\n"),
        "{plain}"
    );
}

#[test]
fn complaints_have_their_header_and_yes_no_in_spanish() {
    let text = win1252_text(&written(
        &tiny(),
        CsvKind::Complaints,
        &CsvDialect::pos_peru(),
    ));
    assert_eq!(
        text,
        "cod_cliente;fecha;motivo;resuelta\r\n00451;02/04/2026;;No\r\n"
    );
}

#[test]
fn the_demo_writes_four_consistent_files_in_windows_1252() {
    let data = generate(&DemoConfig {
        customers: 300,
        ..DemoConfig::default()
    });
    let dialect = CsvDialect::pos_peru();
    let expected_rows = [
        data.sales.len(),
        data.customers.len(),
        data.surveys.len(),
        data.complaints.len(),
    ];
    for (kind, rows) in CsvKind::ALL.into_iter().zip(expected_rows) {
        let bytes = written(&data, kind, &dialect);
        let text = win1252_text(&bytes);
        let lines: Vec<&str> = text.strip_suffix("\r\n").unwrap().split("\r\n").collect();
        assert_eq!(lines.len(), rows + 1, "{kind:?}");
        let columns = lines[0].split(';').count();
        assert!(
            lines.iter().all(|l| l.split(';').count() == columns),
            "{kind:?} rows have the header's width"
        );
    }
    let sales = written(&data, CsvKind::Sales, &dialect);
    // In Windows-1252 "ñ", "é" and "ú" are the single bytes F1, E9 and FA: not valid UTF-8.
    assert!(std::str::from_utf8(&sales).is_err());
    assert!(sales.windows(4).any(|w| w == b"Pa\xf1a"), "ñ of Pañales");
    assert!(sales.windows(5).any(|w| w == b"Gen\xe9r"), "é of Genérico");
    let customers = written(&data, CsvKind::Customers, &dialect);
    assert!(
        customers.windows(5).any(|w| w == b"Jes\xfas"),
        "ú of Jesús María"
    );
    assert!(
        customers.windows(4).any(|w| w == b"S\xe1nc"),
        "á of Sánchez"
    );
    assert!(customers.windows(3).any(|w| w == b"e\xf1a"), "ñ of Peña");
    assert!(
        !customers.windows(2).any(|w| w == "ñ".as_bytes()),
        "no UTF-8 sequence left"
    );
}

#[test]
fn write_errors_reach_the_caller() {
    struct Full;
    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "disco lleno",
            ))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let err = write_csv(&tiny(), CsvKind::Sales, &CsvDialect::plain(), &mut Full).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::StorageFull);
}
