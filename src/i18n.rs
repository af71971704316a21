//! Every visible string of the app in Spanish (the default) and English.
//!
//! The texts live in `locales/*.yml`, one file per area of the app, in rust-i18n's format 2: each
//! key carries its `es` and `en` text side by side, so a translator sees both at once. rust-i18n
//! compiles them into the binary (no file is fetched at run time). Look a text up with
//! `t!("key", locale = lang.code())`; values are filled with `%{name}` placeholders:
//! `t!("summary.finding_top", locale = lang.code(), share = …)`.
//!
//! **Plurals.** Spanish and English both have two forms, one (`n = 1`) and other (0, 2…). A text
//! writes each word that agrees with a count as a group `[name:one|other]` naming the count's
//! placeholder, e.g. `"%{n} [n:cliente|clientes]"`, and the code passes the counts to
//! [`plural`] after `t!`: `plural(t!("key", locale = …, n = format::count(n, l)), &[("n", n)])`.
//!
//! Native tests keep the files honest: every key has both languages, every key the code names
//! exists, every group is well formed and names a placeholder of its text, and every text with
//! groups goes through [`plural`] in the code.

use crate::import::Lang;

/// `text` with every `[name:one|other]` group replaced by its `one` form when the count `name`
/// in `counts` is 1, else its `other` form. A group whose count is not given keeps its `other`
/// form (the tests ensure the code gives every count).
pub fn plural(text: impl AsRef<str>, counts: &[(&str, usize)]) -> String {
    let text = text.as_ref();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some((name, one, other, after)) = group(&rest[open + 1..]) else {
            out.push_str(&rest[..=open]);
            rest = &rest[open + 1..];
            continue;
        };
        out.push_str(&rest[..open]);
        let n = counts.iter().find(|(k, _)| *k == name).map(|c| c.1);
        out.push_str(if n == Some(1) { one } else { other });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The `name:one|other]` after a `[`, split, with the text after the `]`.
fn group(s: &str) -> Option<(&str, &str, &str, &str)> {
    let close = s.find(']')?;
    let (name, forms) = s[..close].split_once(':')?;
    let (one, other) = forms.split_once('|')?;
    let is_name = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    (is_name && !other.contains('|')).then_some((name, one, other, &s[close + 1..]))
}

impl Lang {
    /// Every language of the interface, in menu order.
    pub const ALL: [Lang; 2] = [Lang::Es, Lang::En];

    /// The locale code of `locales/*.yml` (`es`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Es => "es",
            Lang::En => "en",
        }
    }

    /// The language of a locale code (as stored in the browser); `None` for any other.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(lang: Lang) -> BTreeSet<String> {
        crate::_rust_i18n_backend()
            .messages_for_locale(lang.code())
            .unwrap_or_default()
            .into_iter()
            .map(|(k, _)| k.into_owned())
            .collect()
    }

    #[test]
    fn every_key_has_both_languages() {
        let es = keys(Lang::Es);
        let en = keys(Lang::En);
        assert!(es.len() > 10, "locales/*.yml were not loaded");
        let only_es: Vec<_> = es.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&es).collect();
        assert!(only_es.is_empty(), "keys without English: {only_es:?}");
        assert!(only_en.is_empty(), "keys without Spanish: {only_en:?}");
    }

    /// Every `t!("…"` literal under `src/` names a key of the locale files (a typo would show
    /// the raw key on screen).
    #[test]
    fn every_key_the_code_names_exists() {
        let known = keys(Lang::Es);
        let mut missing = Vec::new();
        for (path, text) in sources() {
            if path.ends_with("i18n.rs") {
                continue; // its docs show made-up keys
            }
            for (at, _) in text.match_indices("t!(\"") {
                // `t!(` itself, not the end of `format!(` or `print!(`.
                let before = text[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let key = text[at + 4..].split('"').next().unwrap();
                if !known.contains(key) {
                    missing.push(format!("{}: {key}", path.display()));
                }
            }
        }
        assert!(missing.is_empty(), "unknown keys: {missing:#?}");
    }

    /// Whether code ending with `before` is inside the arguments of a `plural(` call: some
    /// parenthesis left open before it (walking back, each `)` closes one `(`) follows `plural`.
    fn inside_plural(before: &str) -> bool {
        let mut closed = 0;
        for (at, c) in before.char_indices().rev() {
            match c {
                ')' => closed += 1,
                '(' if closed > 0 => closed -= 1,
                '(' if before[..at].ends_with("plural") => return true,
                _ => {}
            }
        }
        false
    }

    /// Every file under `src/` with its text.
    fn sources() -> Vec<(std::path::PathBuf, String)> {
        let mut files = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let text = std::fs::read_to_string(&path).unwrap();
                    files.push((path, text));
                }
            }
        }
        files
    }

    /// Every key's text in one language.
    fn texts(lang: Lang) -> Vec<(String, String)> {
        crate::_rust_i18n_backend()
            .messages_for_locale(lang.code())
            .unwrap_or_default()
            .into_iter()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    /// The count names of a text's plural groups.
    fn group_names(text: &str) -> Vec<&str> {
        text.match_indices('[')
            .filter_map(|(at, _)| group(&text[at + 1..]).map(|g| g.0))
            .collect()
    }

    #[test]
    fn plural_picks_the_form_of_each_count() {
        let text = "%{a} [a:fila leída|filas leídas] · %{b} [b:aviso|avisos]";
        assert_eq!(
            plural(text, &[("a", 1), ("b", 2)]),
            "%{a} fila leída · %{b} avisos"
        );
        assert_eq!(
            plural(text, &[("a", 0), ("b", 1)]),
            "%{a} filas leídas · %{b} aviso"
        );
        // Brackets that are not groups stay; a count not given takes the other form.
        assert_eq!(plural("[x] [1:a|b] [n:a]", &[]), "[x] b [n:a]");
        assert_eq!(plural("[n:|s]", &[("n", 1)]), "");
    }

    /// Every `[name:one|other]` group names a `%{name}` of its own text, and the Spanish and
    /// English texts of a key count the same things.
    #[test]
    fn plural_groups_name_a_placeholder_of_their_text() {
        let mut bad = Vec::new();
        let en: std::collections::BTreeMap<_, _> = texts(Lang::En).into_iter().collect();
        for (key, es) in texts(Lang::Es) {
            for (lang, text) in [("es", es.as_str()), ("en", en[&key].as_str())] {
                for name in group_names(text) {
                    if !text.contains(&format!("%{{{name}}}")) {
                        bad.push(format!("{key} ({lang}): [{name}:…] without %{{{name}}}"));
                    }
                }
                let opened = text.matches('[').count();
                if opened != group_names(text).len() {
                    bad.push(format!("{key} ({lang}): a '[' that is not a plural group"));
                }
            }
        }
        assert!(bad.is_empty(), "{bad:#?}");
    }

    /// Every `t!("key"` whose text (in either language) has plural groups is inside a
    /// `plural(` call, so no `[n:…|…]` reaches the screen.
    #[test]
    fn texts_with_plurals_go_through_plural() {
        let with_groups: BTreeSet<String> = [Lang::Es, Lang::En]
            .into_iter()
            .flat_map(texts)
            .filter(|(_, text)| !group_names(text).is_empty())
            .map(|(key, _)| key)
            .collect();
        assert!(with_groups.len() > 10, "the plural texts were not found");
        let mut bare = Vec::new();
        for (path, text) in sources() {
            for (at, _) in text.match_indices("t!(") {
                let Some(key) = text[at + 3..].trim_start().strip_prefix('"') else {
                    continue;
                };
                let key = key.split('"').next().unwrap();
                if with_groups.contains(key) && !inside_plural(&text[..at]) {
                    bare.push(format!("{}: {key}", path.display()));
                }
            }
        }
        assert!(
            bare.is_empty(),
            "texts with plural groups outside plural(): {bare:#?}"
        );
    }

    #[test]
    fn a_text_follows_the_language_asked_for() {
        assert_eq!(
            rust_i18n::t!("nav.summary", locale = Lang::Es.code()),
            "Resumen"
        );
        assert_eq!(
            rust_i18n::t!("nav.summary", locale = Lang::En.code()),
            "Summary"
        );
        assert_eq!(Lang::from_code("en"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
    }
}
