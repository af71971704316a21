//! One module per page.

mod campaigns;
mod churn;
mod customers;
mod data;
mod presentation;
mod pyramid;
mod report;
mod rfv;
mod satisfaction;
mod settings;
mod summary;

pub use campaigns::Campaigns;
pub use churn::Churn;
pub use customers::Customers;
pub use data::Data;
pub use presentation::Presentation;
pub use pyramid::Pyramid;
pub use report::Report;
pub use rfv::Rfv;
pub use satisfaction::Satisfaction;
pub use settings::Settings;
pub use summary::Summary;
