//! The text engine: every string qari draws goes through here.
//!
//! Given a paragraph of logical text, a base direction and a width in cells,
//! [`layout`] returns visual lines ready for a terminal that neither reorders
//! nor shapes: wrapped at UAX #14 opportunities, reordered per UAX #9 by whole
//! grapheme clusters, mirrored, Arabic shaped into presentation forms, each
//! line with its exact width in cells and a map back to the logical text.
//!
//! Pure: no terminal I/O and no ratatui types, so the reader, the CLI and the
//! tests share this one code path. It is a crate of its own (`qari-text`,
//! re-exported as `qari::text`) so that the compiler keeps it so: it can use
//! only the four Unicode crates its manifest names.

mod bidi_data;
mod clusters;
mod fast;
mod layout;
mod mirror;
mod reorder;
mod shape;
mod unicode_tables;
mod units;
mod width;
mod wrap;

#[cfg(test)]
mod layout_tests;

pub use layout::{
    Cluster, Direction, LayoutOptions, Layouter, Line, Paragraph, layout, layout_general,
    takes_fast_path,
};
pub use mirror::mirror;
pub use shape::{Form, unshape, unshape_char};
pub use width::{cluster_width, text_width};
