//! A dictionary's definitions file: `NAME.dict`, or dictzip's `NAME.dict.dz`
//! (gzip whose header's extra field, subfield `RA`, lists the compressed
//! size of each chunk of the data, every chunk deflated on its own).
//!
//! Two ways to read it:
//! - whole ([`read_definitions`]), when a dictionary is indexed: the file
//!   within [`DICTIONARY_FILE`], the decompressed data within
//!   [`DICTIONARY_DATA`], counted before it is kept, so a gzip bomb costs
//!   no memory;
//! - one entry's span at a time ([`Definitions`]), once the index is cached:
//!   a positional read in a plain `.dict`; for a `.dict.dz`, only the
//!   chunks covering the span, inflated as raw deflate, each at most its
//!   chunk length, the last [`RECENT_CHUNKS`] kept. A `.dict.dz` without
//!   `RA` is inflated whole, as above, when it is opened.

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use flate2::{Decompress, FlushDecompress, Status};

use super::DictError;
use crate::files::{DICTIONARY_DATA, DICTIONARY_FILE, FileError, open_regular, read_capped};

/// One file of a dictionary, within [`DICTIONARY_FILE`]; errors name it.
pub(super) fn read_file(path: &Path) -> Result<Vec<u8>, DictError> {
    Ok(read_capped(path, DICTIONARY_FILE)?)
}

/// The definitions file of the dictionary whose main file is `main`
/// (`NAME.index` or `NAME.ifo`): `NAME.dict` if present (even as a FIFO or
/// a dangling link: reading it says what is wrong), else `NAME.dict.dz`;
/// true for the compressed one.
pub(super) fn definitions_file(main: &Path) -> Result<(PathBuf, bool), DictError> {
    let plain = main.with_extension("dict");
    if fs::symlink_metadata(&plain).is_ok() {
        return Ok((plain, false));
    }
    let zipped = main.with_extension("dict.dz");
    if fs::symlink_metadata(&zipped).is_err() {
        return Err(DictError::MissingDefinitions {
            plain,
            zipped,
            main: main.to_path_buf(),
        });
    }
    Ok((zipped, true))
}

/// The definitions of the dictionary whose main file is `main` (`NAME.index`
/// or `NAME.ifo`): `NAME.dict`, else `NAME.dict.dz` decompressed.
pub(super) fn read_definitions(main: &Path) -> Result<Vec<u8>, DictError> {
    let (path, zipped) = definitions_file(main)?;
    let bytes = read_file(&path)?;
    if zipped {
        inflate(&path, &bytes)
    } else {
        Ok(bytes)
    }
}

/// A dictionary's definitions, read one span at a time.
#[derive(Debug)]
pub(super) enum Definitions {
    /// `NAME.dict`: each span read where it is.
    Plain { path: PathBuf, file: File },
    /// A `.dict.dz` with dictzip's chunk table.
    Chunked {
        path: PathBuf,
        file: File,
        chunks: Chunks,
        /// The chunks inflated last, most recent first (at most
        /// [`RECENT_CHUNKS`]): a reader's lookups come back to them.
        recent: Recent,
    },
    /// A `.dict.dz` without one: inflated whole.
    Whole { path: PathBuf, data: Vec<u8> },
}

/// Chunks inflated lately, by number, most recent first.
pub(super) type Recent = Mutex<Vec<(usize, Arc<Vec<u8>>)>>;

/// dictzip's chunk table: every chunk but the last holds `length` bytes
/// of the data once inflated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Chunks {
    length: u16,
    /// Where in the file each chunk starts, then where the last one ends.
    starts: Vec<u64>,
}

/// How many bytes of a gzip header are read at most looking for the chunk
/// table (the extra field is at most 64 KiB; file name and comment, which
/// may follow it, are short).
const HEADER_CAP: u64 = 1 << 20;
/// How many inflated chunks a dictionary keeps (at most 64 KiB each):
/// FreeDict's have about 55 chunks of 57 KiB.
const RECENT_CHUNKS: usize = 64;

impl Definitions {
    /// The definitions of the dictionary whose main file is `main`: the
    /// plain file, or the compressed one's chunk table (read from its
    /// header), or, without one, the whole compressed file inflated.
    pub(super) fn open(main: &Path) -> Result<Definitions, DictError> {
        let (path, zipped) = definitions_file(main)?;
        let file = open_regular(&path)?;
        if !zipped {
            return Ok(Definitions::Plain { path, file });
        }
        let header = read_header(BufReader::new(&file).take(HEADER_CAP))
            .map_err(|source| FileError::io(&path, source))?;
        match header {
            Some(chunks) => Ok(Definitions::Chunked {
                path,
                file,
                chunks,
                recent: Mutex::new(Vec::new()),
            }),
            None => {
                let data = read_definitions(main)?;
                Ok(Definitions::Whole { path, data })
            }
        }
    }

    /// The `length` bytes of the data at `offset`; a span past the end of
    /// the data, or longer than [`DICTIONARY_DATA`], is an error.
    pub(super) fn read(&self, offset: u64, length: u64) -> Result<Vec<u8>, DictError> {
        let (Definitions::Plain { path, .. }
        | Definitions::Chunked { path, .. }
        | Definitions::Whole { path, .. }) = self;
        let short = || DictError::ShortSpan {
            path: path.clone(),
            offset,
            length,
        };
        if length > DICTIONARY_DATA.limit {
            return Err(short());
        }
        match self {
            Definitions::Whole { data, .. } => usize::try_from(offset)
                .ok()
                .zip(usize::try_from(offset + length).ok())
                .and_then(|(start, end)| data.get(start..end))
                .map(<[u8]>::to_vec)
                .ok_or_else(short),
            Definitions::Plain { file, .. } => {
                let mut bytes = vec![0; usize::try_from(length).map_err(|_| short())?];
                match file.read_exact_at(&mut bytes, offset) {
                    Ok(()) => Ok(bytes),
                    Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => Err(short()),
                    Err(error) => Err(FileError::io(path, error).into()),
                }
            }
            Definitions::Chunked {
                file,
                chunks,
                recent,
                ..
            } => read_chunks(path, file, chunks, recent, offset, length)?.ok_or_else(short),
        }
    }
}

/// Reads a gzip header up to its data: dictzip's chunk table if the extra
/// field has one (subfield `RA`, version 1, a non-zero chunk length),
/// else `None`. An I/O error or a header cut short is an error.
fn read_header(mut input: impl BufRead) -> io::Result<Option<Chunks>> {
    let mut fixed = [0u8; 10];
    input.read_exact(&mut fixed)?;
    let flags = fixed[3];
    if fixed[..3] != [0x1f, 0x8b, 8] || flags & 4 == 0 {
        return Ok(None);
    }
    let mut length = [0u8; 2];
    input.read_exact(&mut length)?;
    let mut extra = vec![0u8; usize::from(u16::from_le_bytes(length))];
    input.read_exact(&mut extra)?;
    let mut at = 10 + 2 + extra.len() as u64;
    // The file name, then the comment, each ended by NUL.
    for flag in [8, 16] {
        if flags & flag != 0 {
            let mut text = Vec::new();
            at += input.read_until(0, &mut text)? as u64;
            if text.last() != Some(&0) {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
        }
    }
    if flags & 2 != 0 {
        input.read_exact(&mut length)?; // the header's CRC
        at += 2;
    }
    Ok(chunk_table(&extra).map(|(length, sizes)| {
        let mut starts = Vec::with_capacity(sizes.len() + 1);
        starts.push(at);
        for size in sizes {
            at += u64::from(size);
            starts.push(at);
        }
        Chunks { length, starts }
    }))
}

/// The chunk length and the chunks' compressed sizes of a gzip extra
/// field's `RA` subfield, if it has a valid one.
fn chunk_table(mut extra: &[u8]) -> Option<(u16, Vec<u16>)> {
    let number = |bytes: &[u8], at: usize| {
        bytes
            .get(at..at + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
    };
    while extra.len() >= 4 {
        let length = usize::from(number(extra, 2)?);
        let data = extra.get(4..4 + length)?;
        if extra[..2] == *b"RA" {
            let (version, chunk, count) = (number(data, 0)?, number(data, 2)?, number(data, 4)?);
            let sizes = (0..usize::from(count))
                .map(|i| number(data, 6 + 2 * i))
                .collect::<Option<Vec<u16>>>()?;
            return (version == 1 && chunk > 0).then_some((chunk, sizes));
        }
        extra = &extra[4 + length..];
    }
    None
}

/// The `length` bytes at `offset` of a dictzip file's data: only the
/// chunks covering them are inflated (those in `recent` are not again).
/// `None` when the span is past the chunks, or a chunk does not inflate to
/// its length.
fn read_chunks(
    path: &Path,
    file: &File,
    chunks: &Chunks,
    recent: &Recent,
    offset: u64,
    length: u64,
) -> Result<Option<Vec<u8>>, DictError> {
    if length == 0 {
        return Ok(Some(Vec::new()));
    }
    let chunk_length = u64::from(chunks.length);
    let (Ok(first), Ok(last)) = (
        usize::try_from(offset / chunk_length),
        usize::try_from((offset + length - 1) / chunk_length),
    ) else {
        return Ok(None);
    };
    if last + 1 >= chunks.starts.len() {
        return Ok(None);
    }
    let skip = (offset - first as u64 * chunk_length) as usize;
    if first == last {
        // Within one chunk: no copy of the chunk.
        let inflated = inflated_chunk(path, file, chunks, recent, first)?;
        return Ok(inflated.and_then(|data| Some(data.get(skip..skip + length as usize)?.to_vec())));
    }
    let full = usize::from(chunks.length);
    let mut data = Vec::with_capacity(full * (last - first + 1));
    for chunk in first..=last {
        let Some(inflated) = inflated_chunk(path, file, chunks, recent, chunk)? else {
            return Ok(None);
        };
        data.extend_from_slice(&inflated);
    }
    Ok(data.get(skip..skip + length as usize).map(<[u8]>::to_vec))
}

/// Chunk `chunk`, inflated: from `recent`, else read and inflated (and
/// kept there). `None` for a chunk that is not full but not the last.
fn inflated_chunk(
    path: &Path,
    file: &File,
    chunks: &Chunks,
    recent: &Recent,
    chunk: usize,
) -> Result<Option<Arc<Vec<u8>>>, DictError> {
    let mut recent = recent.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(at) = recent.iter().position(|(number, _)| *number == chunk) {
        let kept = recent.remove(at);
        let inflated = Arc::clone(&kept.1);
        recent.insert(0, kept);
        return Ok(Some(inflated));
    }
    let (Some(&from), Some(&to)) = (chunks.starts.get(chunk), chunks.starts.get(chunk + 1)) else {
        return Ok(None);
    };
    let mut compressed = vec![0; usize::try_from(to - from).unwrap_or(0)];
    file.read_exact_at(&mut compressed, from)
        .map_err(|source| FileError::io(path, source))?;
    let full = usize::from(chunks.length);
    let inflated = inflate_chunk(&compressed, full);
    // Every chunk but the file's last is full.
    if chunk + 2 < chunks.starts.len() && inflated.len() != full {
        return Ok(None);
    }
    let inflated = Arc::new(inflated);
    recent.insert(0, (chunk, Arc::clone(&inflated)));
    recent.truncate(RECENT_CHUNKS);
    Ok(Some(inflated))
}

/// One dictzip chunk inflated (raw deflate, flushed at its end), at most
/// `cap` bytes; what inflates before an error.
fn inflate_chunk(input: &[u8], cap: usize) -> Vec<u8> {
    let mut inflater = Decompress::new(false);
    let mut out = Vec::with_capacity(cap);
    while out.len() < cap {
        let consumed = inflater.total_in() as usize;
        let Some(rest) = input.get(consumed..) else {
            break;
        };
        let before = (inflater.total_in(), out.len());
        match inflater.decompress_vec(rest, &mut out, FlushDecompress::Sync) {
            Ok(Status::StreamEnd) | Err(_) => break,
            Ok(_) if (inflater.total_in(), out.len()) == before => break,
            Ok(_) => {}
        }
    }
    out
}

/// Decompresses gzip `bytes` (every member, as dictzip has), refusing more
/// than [`DICTIONARY_DATA`]: a first pass only counts (a gzip bomb is
/// refused without being held), the second keeps.
fn inflate(path: &Path, bytes: &[u8]) -> Result<Vec<u8>, DictError> {
    let cap = DICTIONARY_DATA;
    let broken = |source: io::Error| DictError::NotGzip {
        path: path.to_path_buf(),
        source,
    };
    let too_large =
        || FileError::too_large(path, cap, "more than that once decompressed".to_owned()).into();
    let mut decoder = flate2::read::MultiGzDecoder::new(bytes).take(cap.limit + 1);
    let size = io::copy(&mut decoder, &mut io::sink()).map_err(broken)?;
    if size > cap.limit {
        return Err(too_large());
    }
    let mut data = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    flate2::read::MultiGzDecoder::new(bytes)
        .take(cap.limit + 1)
        .read_to_end(&mut data)
        .map_err(broken)?;
    if data.len() as u64 > cap.limit {
        return Err(too_large());
    }
    Ok(data)
}

#[cfg(test)]
pub(super) mod tests {
    use std::io::Write;

    use flate2::{Compress, Compression, FlushCompress};

    use super::*;

    /// `data` as dictzip writes it: chunks of `chunk` bytes, each deflated
    /// on its own, listed in the header's `RA` subfield, after which come
    /// a file name and, with `more`, a comment and a header CRC.
    pub(in crate::dict) fn dictzip(data: &[u8], chunk: usize, more: bool) -> Vec<u8> {
        let pieces: Vec<Vec<u8>> = (data.chunks(chunk).enumerate())
            .map(|(i, part)| {
                let last = (i + 1) * chunk >= data.len();
                let mut deflate = Compress::new(Compression::best(), false);
                let mut out = Vec::with_capacity(2 * part.len() + 64);
                let flush = if last {
                    FlushCompress::Finish
                } else {
                    FlushCompress::Full
                };
                deflate.compress_vec(part, &mut out, flush).unwrap();
                out
            })
            .collect();
        let mut ra = Vec::new();
        for number in [1, chunk, pieces.len()] {
            ra.extend((number as u16).to_le_bytes());
        }
        for piece in &pieces {
            ra.extend((piece.len() as u16).to_le_bytes());
        }
        // Another subfield first, as a writer may put one.
        let mut extra = b"XY\x01\x00z".to_vec();
        extra.extend(b"RA");
        extra.extend((ra.len() as u16).to_le_bytes());
        extra.extend(ra);
        let flags = if more { 4 | 8 | 16 | 2 } else { 4 | 8 };
        let mut out = vec![0x1f, 0x8b, 8, flags, 0, 0, 0, 0, 2, 3];
        out.extend((extra.len() as u16).to_le_bytes());
        out.extend(extra);
        out.extend(b"test.dict\0");
        if more {
            out.extend(b"a comment\0");
            let mut crc = flate2::Crc::new();
            crc.update(&out);
            out.extend((crc.sum() as u16).to_le_bytes());
        }
        for piece in pieces {
            out.extend(piece);
        }
        let mut crc = flate2::Crc::new();
        crc.update(data);
        out.extend(crc.sum().to_le_bytes());
        out.extend((data.len() as u32).to_le_bytes());
        out
    }

    /// Text to compress: Arabic and English lines, not repetitive enough
    /// to compress away.
    fn sample(length: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut n = 7u32;
        while out.len() < length {
            n = n.wrapping_mul(1_103_515_245).wrapping_add(12345);
            let word = ["حكومة", "Government", "سيطر", "ally", "الحليف", "\n", "1. "]
                [(n >> 16) as usize % 7];
            out.extend(word.as_bytes());
        }
        out
    }

    /// Every span of `data` that matters to chunks of 37 bytes: within one,
    /// across a boundary, across many, at the ends, empty.
    fn spans(length: u64) -> Vec<(u64, u64)> {
        let mut out = vec![(0, 0), (0, 1), (0, length), (length, 0), (length - 1, 1)];
        for start in [0, 1, 20, 36, 37, 38, 73, 74, 100, 350, length - 40] {
            for span in [1, 2, 17, 37, 38, 74, 75, 200] {
                if start + span <= length {
                    out.push((start, span));
                }
            }
        }
        out
    }

    #[test]
    fn chunk_reads_equal_the_whole_inflate() {
        let dir = tempfile::tempdir().unwrap();
        let main = dir.path().join("t.index");
        let data = sample(1000);
        for more in [false, true] {
            std::fs::write(dir.path().join("t.dict.dz"), dictzip(&data, 37, more)).unwrap();
            // The whole file, as an index is built, is the data.
            assert_eq!(read_definitions(&main).unwrap(), data);
            let definitions = Definitions::open(&main).unwrap();
            assert!(
                matches!(definitions, Definitions::Chunked { .. }),
                "{definitions:?}"
            );
            let length = data.len() as u64;
            for (offset, span) in spans(length) {
                let read = definitions.read(offset, span).unwrap();
                assert_eq!(
                    read,
                    &data[offset as usize..(offset + span) as usize],
                    "{offset} {span}"
                );
            }
            for (offset, span) in [
                (length, 1),
                (length - 1, 2),
                (5000, 10),
                (u32::MAX.into(), 1),
            ] {
                let error = definitions.read(offset, span).unwrap_err();
                assert!(
                    error
                        .to_string()
                        .contains("t.dict.dz: no definition at byte"),
                    "{error}"
                );
            }
        }
    }

    #[test]
    fn gzip_without_a_chunk_table_and_plain_files_read_spans_too() {
        let dir = tempfile::tempdir().unwrap();
        let main = dir.path().join("t.index");
        let data = sample(500);
        std::fs::write(dir.path().join("t.dict.dz"), gzip(&data)).unwrap();
        let whole = Definitions::open(&main).unwrap();
        assert!(matches!(whole, Definitions::Whole { .. }), "{whole:?}");
        std::fs::write(dir.path().join("t.dict"), &data).unwrap();
        let plain = Definitions::open(&main).unwrap();
        assert!(matches!(plain, Definitions::Plain { .. }), "{plain:?}");
        for definitions in [whole, plain] {
            for (offset, span) in spans(data.len() as u64) {
                let read = definitions.read(offset, span).unwrap();
                assert_eq!(read, &data[offset as usize..(offset + span) as usize]);
            }
            assert!(definitions.read(data.len() as u64, 1).is_err());
        }
    }

    /// A damaged dictzip file: chunks that do not inflate, a chunk table
    /// past the end of the file, a header cut short. Errors, never a
    /// panic, and never more than a chunk's length from one chunk.
    #[test]
    fn damaged_dictzip_files_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let main = dir.path().join("t.index");
        let data = sample(400);
        let good = dictzip(&data, 37, false);
        let zipped = dir.path().join("t.dict.dz");
        for at in (0..good.len()).step_by(3) {
            for damage in [0x00, 0xff, 0x55] {
                let mut bad = good.clone();
                bad[at] ^= damage | 1;
                std::fs::write(&zipped, &bad).unwrap();
                let Ok(definitions) = Definitions::open(&main) else {
                    continue;
                };
                for (offset, span) in [(0, 400), (30, 20), (390, 10)] {
                    if let Ok(read) = definitions.read(offset, span) {
                        assert_eq!(read.len() as u64, span);
                    }
                }
            }
            std::fs::write(&zipped, &good[..at]).unwrap();
            if let Ok(definitions) = Definitions::open(&main) {
                let _ = definitions.read(0, 400);
            }
        }
    }

    #[test]
    fn the_chunk_table_is_read_from_the_extra_field() {
        let mut extra = b"RA".to_vec();
        extra.extend([10, 0, 1, 0, 0x10, 0, 2, 0, 5, 0, 6, 0]);
        assert_eq!(chunk_table(&extra), Some((16, vec![5, 6])));
        // Version 2, chunk length 0, sizes cut short, no RA: none.
        for bad in [
            &b"RA\x0a\x00\x02\x00\x10\x00\x02\x00\x05\x00\x06\x00"[..],
            b"RA\x0a\x00\x01\x00\x00\x00\x02\x00\x05\x00\x06\x00",
            b"RA\x08\x00\x01\x00\x10\x00\x02\x00\x05\x00",
            b"XY\x00\x00",
            b"RA\xff\xff",
            b"",
        ] {
            assert_eq!(chunk_table(bad), None, "{bad:?}");
        }
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn every_member_is_read_and_broken_gzip_is_named() {
        let mut two = gzip(b"first ");
        two.extend(gzip(b"second"));
        let path = Path::new("x.dict.dz");
        assert_eq!(inflate(path, &two).unwrap(), b"first second");
        let broken = inflate(path, b"\x1f\x8bnot gzip").unwrap_err();
        assert!(
            broken
                .to_string()
                .starts_with("x.dict.dz: not valid gzip: "),
            "{broken}"
        );
    }
}
