//! The library and the app in process, one binary: the state machine key by
//! key, whole screens, the palettes' contrast, the bundled article,
//! dictionaries, and writers at once.

#[path = "../common/mod.rs"]
mod common;

mod analyser;
mod app;
mod bundled_article;
mod concurrency;
mod dictionaries;
mod drafting;
mod following;
mod interlinear;
mod reading_choice;
mod screens;
mod theme_contrast;
