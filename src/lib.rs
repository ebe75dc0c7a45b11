//! klachtdesk: a terminal case manager for a complaint desk.
//!
//! Layers, each depending only on the ones below it:
//! `cli`/`tui`/`ui` → `app` → `store` → `domain`.

pub mod action;
pub mod app;
pub mod bench;
pub mod cli;
pub mod config;
pub mod demo;
pub mod desk;
pub mod domain;
pub mod exchange;
pub mod i18n;
pub mod identity;
pub mod keymap;
pub mod private_file;
pub mod remote;
pub mod sanitize;
pub mod server;
pub mod session;
pub mod ssh;
pub mod store;
pub mod templates;
pub mod tui;
pub mod ui;
