//! Pure analytics engine (see DOMAIN.md). No browser crate, no clock, no I/O.
