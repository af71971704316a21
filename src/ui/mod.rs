//! The Leptos app: state, pages and components. Pages only display what the engine computed.

mod ahead;
mod app;
mod components;
pub(crate) mod download;
mod echarts;
mod pages;
mod refit;
pub(crate) mod route;
mod state;

pub use app::App;
pub(crate) use echarts::rehearse as rehearse_chart;
pub use echarts::{ChartCard, ChartClick, EChart};
pub use state::{AppState, Status};
pub(crate) use state::{
    in_slices, in_tasks, mark, next_paint, prepare_in_slices, prepare_in_tasks,
};
