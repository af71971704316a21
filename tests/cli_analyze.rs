//! `fideliza analyze` run as a process: demo files in, customers.csv and summary.json out,
//! import problems reported like the app's import screen.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fideliza(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fideliza"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// A fresh folder in the system temp dir, removed first if a previous run left it.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fideliza-analyze-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn demo(dir: &Path, customers: &str) {
    let out = fideliza(&["generate", "--customers", customers, "--out", s(dir)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn analyses_the_four_demo_files() {
    let dir = temp_dir("demo");
    let input = dir.join("in");
    let result = dir.join("out");
    demo(&input, "500");
    let out = fideliza(&[
        "analyze",
        "--sales",
        s(&input.join("ventas.csv")),
        "--customers",
        s(&input.join("clientes.csv")),
        "--surveys",
        s(&input.join("encuestas.csv")),
        "--complaints",
        s(&input.join("quejas.csv")),
        "--out",
        s(&result),
    ]);
    assert!(
        out.status.success(),
        "{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("clientes.csv: 500 filas leídas, 500 importadas"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Devolución"),
        "returns are reported as warnings: {stdout}"
    );

    let customers = std::fs::read_to_string(result.join("customers.csv")).unwrap();
    let mut lines = customers.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("customer_id,first_purchase,last_purchase,purchases,recency_days,frequency,value,margin,r_score,f_score,v_score,rfv_code,segment,tier,"), "{header}");
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 500);
    assert!(
        rows.iter().any(|r| r.starts_with("00451,")),
        "leading zeros kept"
    );
    assert!(rows.iter().any(|r| r.contains(",champions,")));
    assert!(rows.iter().any(|r| r.contains(",platino,")));
    assert!(header.ends_with(",median_gap_days,overdue,p_alive,expected_purchases_90d,expected_spend,predicted_value_12m,clv_12m"), "{header}");
    let columns: Vec<&str> = header.split(',').collect();
    let col = |name: &str| columns.iter().position(|c| *c == name).unwrap();
    let cells: Vec<Vec<&str>> = rows.iter().map(|r| r.split(',').collect()).collect();
    assert!(cells.iter().all(|c| c.len() == columns.len()));
    assert!(
        cells.iter().any(|c| c[col("overdue")] == "true"),
        "some customers are overdue"
    );
    let number = |c: &Vec<&str>, name: &str| c[col(name)].parse::<f64>().ok();
    let p_alive: Vec<f64> = cells.iter().filter_map(|c| number(c, "p_alive")).collect();
    assert!(p_alive.iter().all(|p| (0.0..=1.0).contains(p)));

    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(result.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["as_of_date"], "2026-10-31");
    assert_eq!(summary["params"]["window_months"], 12);
    assert!(
        summary.get("customers").is_none(),
        "per-customer rows live in customers.csv"
    );
    for key in [
        "kpis",
        "segments",
        "pyramid",
        "migration",
        "zones",
        "quadrants",
        "nps",
        "servqual",
        "value_classes",
        "overdue",
        "trend",
        "cohorts",
        "pareto",
    ] {
        assert!(summary.get(key).is_some(), "summary.json lacks {key}");
    }
    assert_eq!(summary["servqual"].as_array().unwrap().len(), 5);
    assert_eq!(summary["inputs"].as_array().unwrap().len(), 4);
    assert!(summary["kpis"]["active_customers"].as_u64().unwrap() > 350);
    // A model that did not fit leaves its columns empty and says so on the terminal.
    let bgnbd_fitted = summary["models"]["bgnbd"].get("Ok").is_some();
    assert_eq!(
        bgnbd_fitted,
        p_alive.len() > 400,
        "p_alive present exactly when BG/NBD fitted"
    );
    assert_eq!(
        !bgnbd_fitted,
        stdout.contains("aviso: modelo BG/NBD"),
        "{stdout}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn as_of_and_window_months_move_the_window() {
    let dir = temp_dir("window");
    demo(&dir.join("in"), "200");
    let out = fideliza(&[
        "analyze",
        "--sales",
        s(&dir.join("in/ventas.csv")),
        "--as-of",
        "2026-06-30",
        "--window-months",
        "6",
        "--out",
        s(&dir.join("out")),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("out/summary.json")).unwrap()).unwrap();
    assert_eq!(summary["as_of_date"], "2026-06-30");
    assert_eq!(summary["window_start_date"], "2025-12-30");
    std::fs::remove_dir_all(dir).unwrap();
}

// LF line ends: with CRLF the importer (at commit 927041d) numbers rows one too low.
const BAD_SALES: &str = "boleta;fecha;cod_cliente;importe\nB1;05/03/2026;007;12,50\nB2;06/03/2026;008;doce\nB3;07/03/2026;009;30,00\n";

#[test]
fn rows_with_errors_are_reported_and_stop_the_analysis() {
    let dir = temp_dir("bad");
    let sales = dir.join("ventas.csv");
    std::fs::write(&sales, BAD_SALES).unwrap();
    let out_dir = dir.join("out");
    // `fideliza analyze --sales ventas.csv [extra…] --out out`
    let analyze = |extra: &[&str]| {
        fideliza(
            &[
                &["analyze", "--sales", s(&sales)],
                extra,
                &["--out", s(&out_dir)],
            ]
            .concat(),
        )
    };
    let out = analyze(&[]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("3 filas leídas, 2 importadas"), "{stdout}");
    assert!(
        stdout.contains("Fila 3, columna «importe»: «doce» no es un número"),
        "{stdout}"
    );
    assert!(text(&out.stderr).contains("--skip-invalid"));
    let report = std::fs::read_to_string(dir.join("out/import_report_ventas.csv")).unwrap();
    assert!(report.contains("3;importe;doce;"), "{report}");
    assert!(
        !dir.join("out/customers.csv").exists(),
        "no analysis on invalid input"
    );

    let out = analyze(&["--skip-invalid"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let customers = std::fs::read_to_string(dir.join("out/customers.csv")).unwrap();
    assert_eq!(
        customers.lines().count(),
        3,
        "header and the two valid customers:\n{customers}"
    );
    assert!(customers.contains("\n007,") && customers.contains("\n009,"));

    // One line: the counts read in the singular.
    std::fs::write(
        &sales,
        "boleta;fecha;cod_cliente;importe\nB1;05/03/2026;007;12,50\n",
    )
    .unwrap();
    let stdout = text(&analyze(&[]).stdout);
    assert!(stdout.contains("1 fila leída, 1 importada"), "{stdout}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn unreadable_inputs_fail_with_exit_1_and_a_plain_message() {
    let dir = temp_dir("missing");
    let out = fideliza(&[
        "analyze",
        "--sales",
        s(&dir.join("no-existe.csv")),
        "--out",
        s(&dir.join("out")),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("error: no se pudo leer") && err.contains("no-existe.csv"),
        "{err}"
    );

    let no_amount = dir.join("ventas.csv");
    std::fs::write(&no_amount, "cliente;fecha\n007;05/03/2026\n").unwrap();
    let out = fideliza(&[
        "analyze",
        "--sales",
        s(&no_amount),
        "--out",
        s(&dir.join("out")),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!text(&out.stderr).contains("panicked"));
    assert!(
        text(&out.stderr).starts_with("error: ventas.csv:"),
        "{}",
        text(&out.stderr)
    );

    let out = fideliza(&["analyze", "--out", s(&dir)]);
    assert_eq!(out.status.code(), Some(2), "--sales is required");
    std::fs::remove_dir_all(dir).unwrap();
}
