//! Every visible string of the app in Spanish (the default) and English.
//!
//! The texts live in `locales/*.yml`, one file per area of the app, in rust-i18n's format 2: each
//! key carries its `es` and `en` text side by side, so a translator sees both at once. rust-i18n
//! compiles them into the binary (no file is fetched at run time). Look a text up with
//! `t!("key", locale = lang.code())`; values are filled with `%{name}` placeholders:
//! `t!("summary.finding_top", locale = lang.code(), share = …)`.
//!
//! Two native tests keep the files honest: every key has both languages, and every key the code
//! names exists.

use crate::import::Lang;

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
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.ends_with("i18n.rs") {
                    continue; // its docs show made-up keys
                }
                let text = std::fs::read_to_string(&path).unwrap();
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
        }
        assert!(missing.is_empty(), "unknown keys: {missing:#?}");
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
