//! The two languages of the user interface; their texts are in `locales/*.yml` (see [`crate::i18n`]).

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
