//! One module per page.

mod summary;

pub use summary::Summary;
