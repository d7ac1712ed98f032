//! The real `qari` binary from the outside, one binary: commands and their
//! output, the reader in a pseudo-terminal, speech, hostile inputs, the
//! glossary file under concurrent writers and kills, and the Anki export read
//! by Anki.

#[path = "../common/mod.rs"]
mod common;

mod alignment;
mod anki_import;
mod articles;
mod cli;
mod glossary_persistence;
mod hostile_inputs;
mod pty;
mod speech;
mod translate;
