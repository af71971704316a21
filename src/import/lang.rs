//! The two languages of the user interface, for messages the importer produces.

use serde::{Deserialize, Serialize};

/// Language of a user-facing message.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// Spanish (the default: the app is made for Peruvian businesses).
    #[default]
    Es,
    /// English.
    En,
}

impl Lang {
    /// Picks the Spanish or the English text.
    pub fn pick<'a>(self, es: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Es => es,
            Lang::En => en,
        }
    }
}
