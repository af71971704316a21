//! `fideliza generate` run as a process on temporary folders.

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
    let dir = std::env::temp_dir().join(format!("fideliza-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn read(dir: &Path, file: &str) -> Vec<u8> {
    std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn writes_the_four_files_in_the_pos_dialect() {
    let dir = temp_dir("pos");
    let out = fideliza(&[
        "generate",
        "--customers",
        "300",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("300 clientes"), "{stdout}");
    let sales = read(&dir, "ventas.csv");
    assert!(sales.starts_with(b"boleta;fecha;cod_cliente;producto;categoria;cantidad;importe;costo;local;canal;medio_pago\r\n"));
    assert!(
        std::str::from_utf8(&sales).is_err(),
        "Windows-1252, not UTF-8"
    );
    let lines = sales
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .count();
    assert!(
        (2_500..=4_000).contains(&(lines - 1)),
        "{lines} lines for 300 customers"
    );
    let customers = read(&dir, "clientes.csv");
    assert_eq!(
        customers
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .count(),
        301
    );
    assert!(read(&dir, "encuestas.csv").starts_with(
        b"cod_cliente;fecha;satisfaccion_general;recomendaria;E_fiabilidad;P_fiabilidad;"
    ));
    assert!(read(&dir, "quejas.csv").starts_with(b"cod_cliente;fecha;motivo;resuelta\r\n"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn same_seed_same_bytes_and_another_seed_other_bytes() {
    let (a, b, c) = (temp_dir("seed-a"), temp_dir("seed-b"), temp_dir("seed-c"));
    for (dir, seed) in [(&a, "5"), (&b, "5"), (&c, "6")] {
        let out = fideliza(&[
            "generate",
            "--customers",
            "200",
            "--seed",
            seed,
            "--dialect",
            "plain",
            "--out",
            dir.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    for file in ["ventas.csv", "clientes.csv", "encuestas.csv", "quejas.csv"] {
        assert_eq!(read(&a, file), read(&b, file), "{file}");
    }
    assert_ne!(read(&a, "ventas.csv"), read(&c, "ventas.csv"));
    let plain = String::from_utf8(read(&a, "ventas.csv")).expect("plain is UTF-8");
    let first_row = plain.lines().nth(1).unwrap();
    assert!(first_row.contains(",2024-11-01,"), "{first_row}");
    for dir in [a, b, c] {
        std::fs::remove_dir_all(dir).unwrap();
    }
}

#[test]
fn end_and_months_set_the_date_range() {
    let dir = temp_dir("range");
    let out = fideliza(&[
        "generate",
        "--customers",
        "100",
        "--end",
        "2025-12-31",
        "--months",
        "3",
        "--dialect",
        "plain",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let sales = String::from_utf8(read(&dir, "ventas.csv")).unwrap();
    let dates: Vec<&str> = sales
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    assert_eq!(dates.iter().min(), Some(&"2025-10-01"));
    assert!(dates.iter().max().unwrap() <= &"2025-12-31");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn usage_errors_exit_2_with_a_message_and_no_panic() {
    for args in [
        vec!["generate", "--customers", "0", "--out", "x"],
        vec!["generate", "--customers", "muchos", "--out", "x"],
        vec!["generate", "--customers", "10"],
        vec!["generate", "--dialect", "excel", "--out", "x"],
        vec!["generate", "--end", "31/12/2025", "--out", "x"],
        vec!["generar"],
    ] {
        let out = fideliza(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("error"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    let bad_date = stderr(&fideliza(&[
        "generate",
        "--end",
        "31/12/2025",
        "--out",
        "x",
    ]));
    assert!(bad_date.contains("AAAA-MM-DD"), "{bad_date}");
}

#[test]
fn an_unwritable_output_fails_with_exit_1_and_names_the_path() {
    let dir = temp_dir("blocked");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("not-a-folder");
    std::fs::write(&file, b"x").unwrap();
    let target = file.join("out");
    let out = fideliza(&[
        "generate",
        "--customers",
        "10",
        "--out",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: no se pudo crear la carpeta"),
        "{err}"
    );
    assert!(err.contains("not-a-folder"), "{err}");
    assert!(!err.contains("panicked"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn help_is_readable_in_spanish_with_english_hints() {
    let out = fideliza(&["generate", "--help"]);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "--customers",
        "Número de clientes",
        "(number of customers)",
        "--dialect",
        "Windows-1252",
        "--out",
        "--seed",
    ] {
        assert!(help.contains(needle), "{needle} missing from:\n{help}");
    }
    let top = String::from_utf8_lossy(&fideliza(&["--help"]).stdout).into_owned();
    assert!(
        top.contains("generate") && top.contains("Ejemplos (examples)"),
        "{top}"
    );
}
