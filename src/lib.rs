//! cvsite: a static site generator for academic CV and portfolio websites.
//!
//! The data flow, one module per stage:
//! [`config`] and [`content`] load the site into a typed model → [`render::view`] shapes it for
//! templates → [`render`] plans and renders every page with [`templates`] → [`output`] writes
//! the site. [`site`] runs these steps in order.

pub mod background;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod colour;
pub mod config;
pub mod content;
pub mod css;
pub mod deploy;
pub mod diagnostics;
pub mod html;
pub mod images;
pub mod import;
pub mod init;
pub mod labels;
pub mod memo;
pub mod output;
pub mod pdf;
pub mod render;
pub mod route;
pub mod schema;
pub mod serve;
pub mod services;
pub mod site;
pub mod sync;
pub mod templates;
pub mod text;
pub mod theme;

pub use cmd::run;
