//! zstd layers as a sequence of frames.
//!
//! `ruzstd`'s streaming decoder reads one frame, but a zstd stream may hold
//! several, plus skippable frames carrying metadata (podman's `zstd:chunked`
//! layers are built that way). This reader walks the frame headers itself,
//! skips skippable frames and decodes the others one after another.

use ruzstd::decoding::{FrameDecoder, StreamingDecoder};
use std::io::{self, Chain, Cursor, Read};
use std::ops::RangeInclusive;

const FRAME_MAGIC: u32 = 0xFD2F_B528;
const SKIPPABLE_MAGIC: RangeInclusive<u32> = 0x184D_2A50..=0x184D_2A5F;

type Frame<R> = StreamingDecoder<Chain<Cursor<[u8; 4]>, R>, Box<FrameDecoder>>;

enum State<R: Read> {
    /// Positioned at a frame header (or the end).
    Between(R, Box<FrameDecoder>),
    InFrame(Frame<R>),
    Done,
    /// An error was returned; the stream position is unknown.
    Failed,
}

pub(crate) struct ZstdFrames<R: Read> {
    state: State<R>,
}

impl<R: Read> ZstdFrames<R> {
    pub(crate) fn new(source: R) -> Self {
        ZstdFrames { state: State::Between(source, Box::new(FrameDecoder::new())) }
    }
}

fn invalid(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.to_string())
}

/// Fills `buf` unless the stream ends first; returns how much was read.
fn read_up_to(source: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match source.read(&mut buf[got..])? {
            0 => break,
            n => got += n,
        }
    }
    Ok(got)
}

impl<R: Read> Read for ZstdFrames<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            match std::mem::replace(&mut self.state, State::Failed) {
                State::Done => {
                    self.state = State::Done;
                    return Ok(0);
                }
                State::Failed => return Err(invalid("the zstd stream already failed")),
                State::InFrame(mut frame) => {
                    let n = frame.read(buf)?;
                    if n > 0 {
                        self.state = State::InFrame(frame);
                        return Ok(n);
                    }
                    let (chain, decoder) = frame.into_parts();
                    self.state = State::Between(chain.into_inner().1, decoder);
                }
                State::Between(mut source, decoder) => {
                    let mut magic = [0u8; 4];
                    match read_up_to(&mut source, &mut magic)? {
                        0 => {
                            self.state = State::Done;
                            return Ok(0);
                        }
                        4 => {}
                        _ => return Err(invalid("truncated zstd frame header")),
                    }
                    let number = u32::from_le_bytes(magic);
                    if SKIPPABLE_MAGIC.contains(&number) {
                        let mut length = [0u8; 4];
                        if read_up_to(&mut source, &mut length)? < 4 {
                            return Err(invalid("truncated zstd skippable frame"));
                        }
                        let length = u64::from(u32::from_le_bytes(length));
                        if io::copy(&mut (&mut source).take(length), &mut io::sink())? < length {
                            return Err(invalid("truncated zstd skippable frame"));
                        }
                        self.state = State::Between(source, decoder);
                    } else if number == FRAME_MAGIC {
                        let frame =
                            StreamingDecoder::new_with_decoder(Cursor::new(magic).chain(source), decoder)
                                .map_err(|e| invalid(&format!("malformed zstd frame: {e}")))?;
                        self.state = State::InFrame(frame);
                    } else {
                        return Err(invalid(&format!("bad zstd frame magic number 0x{number:08x}")));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruzstd::encoding::{compress_to_vec, CompressionLevel};

    fn frame(data: &[u8]) -> Vec<u8> {
        compress_to_vec(data, CompressionLevel::Fastest)
    }

    #[test]
    fn frames_and_skippable_frames_are_read_in_order() {
        let mut stream = frame(b"first ");
        stream.extend_from_slice(&0x184D_2A5Eu32.to_le_bytes());
        stream.extend_from_slice(&3u32.to_le_bytes());
        stream.extend_from_slice(b"xyz");
        stream.extend(frame(b"second"));
        let mut out = String::new();
        ZstdFrames::new(&stream[..]).read_to_string(&mut out).unwrap();
        assert_eq!(out, "first second");
    }

    #[test]
    fn garbage_and_truncation_are_errors() {
        let mut stream = frame(b"ok");
        stream.extend_from_slice(b"junk");
        let err = ZstdFrames::new(&stream[..]).read_to_end(&mut Vec::new()).unwrap_err();
        assert!(err.to_string().contains("bad zstd frame magic number"), "{err}");
        let whole = frame(b"some data that is long enough");
        let cut = &whole[..whole.len() - 6];
        assert!(ZstdFrames::new(cut).read_to_end(&mut Vec::new()).is_err());
    }
}
