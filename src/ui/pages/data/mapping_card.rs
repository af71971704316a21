//! One dropped file on the import screen: how it was read, its kind, which column holds which
//! field (editable), and its first rows.

use super::import::{Dropped, ImportFlow};
use crate::import::{Field, FileKind, Format, Lang, ReadOptions};
use leptos::prelude::*;

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Csv => "CSV",
        Format::Xlsx => "Excel (XLSX)",
        Format::Xlsb => "Excel (XLSB)",
        Format::Xls => "Excel 97-2003 (XLS)",
        Format::Ods => "OpenDocument (ODS)",
    }
}

fn delimiter_name(c: char) -> String {
    match c {
        '\t' => "tabulador".into(),
        ';' => "punto y coma".into(),
        ',' => "coma".into(),
        '|' => "barra vertical".into(),
        other => format!("«{other}»"),
    }
}

#[component]
pub fn MappingCard(flow: ImportFlow, file: Dropped) -> impl IntoView {
    let id = file.id;
    let size = crate::format::number(file.size / 1_048_576.0, 1, Lang::Es);
    let body = match (&file.error, &file.inspection, &file.mapping) {
        (Some(error), _, _) => view! { <p class="notice notice--error" role="alert" data-testid="file-error">{error.clone()}</p> }.into_any(),
        (None, Some(info), Some(mapping)) => {
            let source = &info.source;
            let mut how = vec![format_name(source.format).to_owned()];
            how.extend(source.encoding.clone());
            how.extend(source.delimiter.map(|d| format!("separador {}", delimiter_name(d))));
            how.extend(source.sheet.as_ref().map(|s| format!("hoja «{s}»")));
            how.push(format!("encabezados en la fila {}", source.header_row));
            how.push(format!("{} filas de datos", crate::format::count(info.rows as usize, Lang::Es)));
            let kind = mapping.kind;
            let missing = mapping.missing_required();
            let sheets = info.sheets.clone();
            let current_sheet = source.sheet.clone().unwrap_or_default();
            view! {
                <p class="mapping__source">{how.join(" · ")}</p>
                <div class="mapping__controls">
                    <label class="field field--inline">
                        <span class="field__label">"Tipo de archivo"</span>
                        <select data-testid="file-kind" on:change=move |ev| {
                            if let Some(k) = FileKind::ALL.into_iter().find(|k| k.name_es() == event_target_value(&ev)) {
                                flow.set_kind(id, k);
                            }
                        }>
                            {FileKind::ALL.into_iter().map(|k| view! {
                                <option value=k.name_es() selected=k == kind>{k.name_es()}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    {(sheets.len() > 1).then(|| view! {
                        <label class="field field--inline">
                            <span class="field__label">"Hoja"</span>
                            <select data-testid="file-sheet" on:change=move |ev| flow.reread(id, ReadOptions { sheet: Some(event_target_value(&ev)), ..Default::default() })>
                                {sheets.iter().map(|s| view! { <option value=s.clone() selected=*s == current_sheet>{s.clone()}</option> }).collect_view()}
                            </select>
                        </label>
                    })}
                </div>
                {(!missing.is_empty()).then(|| view! {
                    <p class="notice notice--error" data-testid="file-missing">
                        {format!("Falta indicar la columna de: {}.", missing.iter().map(|f| f.name_es()).collect::<Vec<_>>().join(", "))}
                    </p>
                })}
                <ColumnsTable flow=flow id=id headers=info.headers.clone() preview=info.preview.clone() kind=kind columns=mapping.columns.clone() />
            }
            .into_any()
        }
        _ => view! { <p class="mapping__source">"Leyendo…"</p> }.into_any(),
    };
    view! {
        <article class="mapping" data-testid="file-card" data-file=file.name.clone()>
            <header class="mapping__header">
                <h3 class="mapping__name">{file.name.clone()}</h3>
                <span class="mapping__size">{format!("{size} MB")}</span>
                <button class="button button--small" on:click=move |_| flow.remove(id) aria-label=format!("Quitar {}", file.name)>"Quitar"</button>
            </header>
            {body}
        </article>
    }
}

/// The file's columns, each with the field it holds (a select), over the first rows.
#[component]
fn ColumnsTable(
    flow: ImportFlow,
    id: u32,
    headers: Vec<String>,
    preview: Vec<Vec<String>>,
    kind: FileKind,
    columns: Vec<Option<Field>>,
) -> impl IntoView {
    let selects = columns
        .iter()
        .enumerate()
        .map(|(c, current)| {
            let mut options: Vec<Field> = kind.fields().to_vec();
            if let Some(f) = current.as_ref().filter(|f| !options.contains(f)) {
                options.push(f.clone());
            }
            let chosen = current.as_ref().and_then(|f| options.iter().position(|o| o == f));
            let choices = options.clone();
            let on_change = move |ev| {
                let picked = event_target_value(&ev).parse::<usize>().ok().and_then(|i| choices.get(i).cloned());
                flow.edit(id, |d| {
                    if let Some(m) = d.mapping.as_mut() {
                        // A field belongs to one column: taking it frees the other.
                        if let Some(f) = &picked {
                            m.columns.iter_mut().filter(|x| x.as_ref() == Some(f)).for_each(|x| *x = None);
                        }
                        m.columns[c] = picked;
                    }
                });
            };
            view! {
                <th scope="col">
                    <div class="mapping__header-name">{headers[c].clone()}</div>
                    <select class="mapping__field" data-testid=format!("column-{c}") aria-label=format!("Dato de la columna {}", headers[c]) on:change=on_change>
                        <option value="" selected=chosen.is_none()>"(no importar)"</option>
                        {options.iter().enumerate().map(|(i, f)| view! {
                            <option value=i.to_string() selected=chosen == Some(i)>{f.name_es()}</option>
                        }).collect_view()}
                    </select>
                </th>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="table mapping__table">
                <thead><tr>{selects}</tr></thead>
                <tbody>
                    {preview.into_iter().map(|row| view! {
                        <tr>{row.into_iter().map(|cell| view! { <td>{cell}</td> }).collect_view()}</tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
