//! One dropped file on the import screen: how it was read, its kind, which column holds which
//! field (editable), and its first rows.

use super::import::{Dropped, ImportFlow};
use super::{kind_name, megabytes, quoted};
use crate::i18n::plural;
use crate::import::{Field, FileKind, Format, Lang, ReadOptions};
use leptos::prelude::*;
use rust_i18n::t;

/// The file format's name (product names, the same in every language).
fn format_name(format: Format) -> &'static str {
    match format {
        Format::Csv => "CSV",
        Format::Xlsx => "Excel (XLSX)",
        Format::Xlsb => "Excel (XLSB)",
        Format::Xls => "Excel 97-2003 (XLS)",
        Format::Ods => "OpenDocument (ODS)",
    }
}

fn delimiter_name(c: char, lang: Lang) -> String {
    let l = lang.code();
    match c {
        '\t' => t!("data.file.delimiter_tab", locale = l).into_owned(),
        ';' => t!("data.file.delimiter_semicolon", locale = l).into_owned(),
        ',' => t!("data.file.delimiter_comma", locale = l).into_owned(),
        '|' => t!("data.file.delimiter_pipe", locale = l).into_owned(),
        other => quoted(&other.to_string(), lang),
    }
}

#[component]
pub fn MappingCard(flow: ImportFlow, file: Dropped) -> impl IntoView {
    let id = file.id;
    let lang = flow.lang();
    let text = move |key: &'static str| move || t!(key, locale = lang.get().code()).into_owned();
    let name = file.name.clone();
    let size = file.size;
    let body = move || {
        let lang = lang.get();
        let l = lang.code();
        match (&file.error, &file.inspection, &file.mapping) {
            (Some(error), _, _) => view! { <p class="notice notice--error" role="alert" data-testid="file-error">{error.message(lang)}</p> }.into_any(),
            (None, Some(info), Some(mapping)) => {
                let source = &info.source;
                let mut how = vec![format_name(source.format).to_owned()];
                how.extend(source.encoding.clone());
                how.extend(source.delimiter.map(|d| {
                    let name = delimiter_name(d, lang);
                    t!("data.file.delimiter", locale = l, name = name).into_owned()
                }));
                how.extend(source.sheet.as_ref().map(|s| t!("data.file.sheet_read", locale = l, name = s).into_owned()));
                how.push(t!("data.file.header_row", locale = l, row = source.header_row).into_owned());
                // Unknown in a first look: the progress line tells how far the reading is.
                if let Some(rows) = info.rows {
                    let shown = crate::format::count(rows as usize, lang);
                    how.push(plural(
                        t!("data.file.data_rows", locale = l, rows = shown),
                        &[("rows", rows as usize)],
                    ));
                }
                let kind = mapping.kind;
                let missing = mapping.missing_required();
                let sheets = info.sheets.clone();
                let current_sheet = source.sheet.clone().unwrap_or_default();
                view! {
                    <p class="mapping__source">{how.join(" · ")}</p>
                    <div class="mapping__controls">
                        <label class="field field--inline">
                            <span class="field__label">{t!("data.file.kind", locale = l).into_owned()}</span>
                            // The option values stay Spanish: they identify the kind, whatever the language.
                            <select data-testid="file-kind" on:change=move |ev| {
                                if let Some(k) = FileKind::ALL.into_iter().find(|k| k.name_es() == event_target_value(&ev)) {
                                    flow.set_kind(id, k);
                                }
                            }>
                                {FileKind::ALL.into_iter().map(|k| view! {
                                    <option value=k.name_es() selected=k == kind>{kind_name(k, lang)}</option>
                                }).collect_view()}
                            </select>
                        </label>
                        {(sheets.len() > 1).then(|| view! {
                            <label class="field field--inline">
                                <span class="field__label">{t!("data.file.sheet", locale = l).into_owned()}</span>
                                <select data-testid="file-sheet" on:change=move |ev| flow.reread(id, ReadOptions { sheet: Some(event_target_value(&ev)), ..Default::default() })>
                                    {sheets.iter().map(|s| view! { <option value=s.clone() selected=*s == current_sheet>{s.clone()}</option> }).collect_view()}
                                </select>
                            </label>
                        })}
                    </div>
                    {(!missing.is_empty()).then(|| {
                        let fields = missing.iter().map(|f| f.name(lang)).collect::<Vec<_>>().join(", ");
                        view! {
                            <p class="notice notice--error" data-testid="file-missing">
                                {t!("data.file.missing", locale = l, fields = fields).into_owned()}
                            </p>
                        }
                    })}
                    <ColumnsTable flow=flow id=id name=file.name.clone() headers=info.headers.clone() preview=info.preview.clone() kind=kind columns=mapping.columns.clone() lang=lang />
                }
                .into_any()
            }
            _ => view! { <p class="mapping__source">{t!("data.file.reading", locale = l).into_owned()}</p> }.into_any(),
        }
    };
    let remove_label = {
        let name = name.clone();
        move || {
            t!(
                "data.file.remove_label",
                locale = lang.get().code(),
                name = name
            )
            .into_owned()
        }
    };
    view! {
        <article class="mapping" data-testid="file-card" data-file=name.clone()>
            <header class="mapping__header">
                <h3 class="mapping__name">{name.clone()}</h3>
                <span class="mapping__size">{move || megabytes(size, lang.get())}</span>
                <button class="button button--small" on:click=move |_| flow.remove(id) aria-label=remove_label>{text("data.file.remove")}</button>
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
    name: String,
    headers: Vec<String>,
    preview: Vec<Vec<String>>,
    kind: FileKind,
    columns: Vec<Option<Field>>,
    lang: Lang,
) -> impl IntoView {
    let l = lang.code();
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
            let header = headers[c].as_str();
            view! {
                <th scope="col">
                    <div class="mapping__header-name">{header.to_owned()}</div>
                    <select class="mapping__field" data-testid=format!("column-{c}") aria-label=t!("data.file.column_label", locale = l, name = header).into_owned() on:change=on_change>
                        <option value="" selected=chosen.is_none()>{t!("data.file.skip_column", locale = l).into_owned()}</option>
                        {options.iter().enumerate().map(|(i, f)| view! {
                            <option value=i.to_string() selected=chosen == Some(i)>{f.name(lang)}</option>
                        }).collect_view()}
                    </select>
                </th>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="table mapping__table" aria-label=t!("data.file.table_label", locale = l, name = name).into_owned()>
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
