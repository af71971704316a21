//! One module per page.

mod churn;
mod customers;
mod data;
mod pyramid;
mod rfv;
mod satisfaction;
mod settings;
mod summary;

pub use churn::Churn;
pub use customers::Customers;
pub use data::Data;
pub use pyramid::Pyramid;
pub use rfv::Rfv;
pub use satisfaction::Satisfaction;
pub use settings::Settings;
pub use summary::Summary;
