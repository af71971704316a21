//! One module per page.

mod data;
mod summary;

pub use data::Data;
pub use summary::Summary;
