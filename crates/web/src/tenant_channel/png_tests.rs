use super::*;

/// A PNG read back the way a strict reader would: signature, every
/// chunk's CRC, IHDR as written, the zlib header, stored blocks with their
/// NLEN, the Adler-32, and the rows. Only what `black_and_white` writes is
/// understood; anything else is an error. Returns width, height and the
/// dark pixels, row by row.
pub(crate) fn decode(png: &[u8]) -> Result<(u32, u32, Vec<bool>), String> {
    let mut rest = png.strip_prefix(&SIGNATURE).ok_or("no PNG signature")?;
    let mut chunks = Vec::new();
    while !rest.is_empty() {
        let len = u32::from_be_bytes(rest.get(..4).ok_or("short")?.try_into().unwrap()) as usize;
        let kind = rest.get(4..8).ok_or("short")?;
        let data = rest.get(8..8 + len).ok_or("short chunk")?;
        let crc = rest.get(8 + len..12 + len).ok_or("no CRC")?;
        if crc32(&rest[4..8 + len]).to_be_bytes() != crc {
            return Err(format!("bad CRC in {}", String::from_utf8_lossy(kind)));
        }
        chunks.push((kind.to_vec(), data.to_vec()));
        rest = &rest[12 + len..];
    }
    let kinds: Vec<&[u8]> = chunks.iter().map(|(k, _)| k.as_slice()).collect();
    if kinds != [&b"IHDR"[..], b"IDAT", b"IEND"] {
        return Err("chunks are not IHDR, IDAT, IEND".into());
    }
    let header = &chunks[0].1;
    let width = u32::from_be_bytes(header[..4].try_into().unwrap());
    let height = u32::from_be_bytes(header[4..8].try_into().unwrap());
    if header[8..] != [1, 0, 0, 0, 0] {
        return Err("not 1-bit greyscale".into());
    }
    let raw = inflate_stored(&chunks[1].1)?;
    let row_bytes = (width as usize).div_ceil(8);
    if raw.len() != (row_bytes + 1) * height as usize {
        return Err("wrong amount of pixel data".into());
    }
    let mut dark = Vec::with_capacity((width * height) as usize);
    for row in raw.chunks(row_bytes + 1) {
        if row[0] != 0 {
            return Err("a filter other than none".into());
        }
        dark.extend((0..width as usize).map(|x| row[1 + x / 8] & (0x80 >> (x % 8)) == 0));
    }
    Ok((width, height, dark))
}

fn inflate_stored(zlib: &[u8]) -> Result<Vec<u8>, String> {
    let (cmf, flg) = (zlib[0], zlib[1]);
    if cmf & 0x0F != 8 || !(u16::from(cmf) << 8 | u16::from(flg)).is_multiple_of(31) {
        return Err("bad zlib header".into());
    }
    let mut at = 2;
    let mut out = Vec::new();
    loop {
        let head = zlib[at];
        if head & 0b110 != 0 {
            return Err("not a stored block".into());
        }
        let len = u16::from_le_bytes([zlib[at + 1], zlib[at + 2]]);
        let nlen = u16::from_le_bytes([zlib[at + 3], zlib[at + 4]]);
        if nlen != !len {
            return Err("NLEN is not the complement of LEN".into());
        }
        let start = at + 5;
        out.extend_from_slice(zlib.get(start..start + len as usize).ok_or("short block")?);
        at = start + len as usize;
        if head & 1 == 1 {
            break;
        }
    }
    if zlib.get(at..) != Some(&adler32(&out).to_be_bytes()[..]) {
        return Err("bad Adler-32 or trailing bytes".into());
    }
    Ok(out)
}

#[test]
fn a_small_image_reads_back_pixel_for_pixel() {
    // Widths that do and do not fill their last byte.
    for (width, height) in [(1, 1), (8, 2), (13, 5), (33, 33)] {
        let dark = |x: u32, y: u32| (x * 7 + y * 3).is_multiple_of(5);
        let png = black_and_white(width, height, dark);
        let (w, h, pixels) = decode(&png).unwrap();
        assert_eq!((w, h), (width, height));
        let expected: Vec<bool> = (0..height)
            .flat_map(|y| (0..width).map(move |x| dark(x, y)))
            .collect();
        assert_eq!(pixels, expected, "{width}×{height}");
    }
}

#[test]
fn the_file_starts_with_the_signature_and_a_checked_ihdr() {
    let png = black_and_white(20, 10, |_, _| false);
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&png[8..16], b"\0\0\0\x0dIHDR");
    assert_eq!(&png[16..24], &[0, 0, 0, 20, 0, 0, 0, 10]);
    let crc = crc32(&png[12..29]).to_be_bytes();
    assert_eq!(&png[29..33], &crc);
    assert!(
        png.ends_with(b"\0\0\0\0IEND\xae\x42\x60\x82"),
        "the fixed IEND"
    );
}

#[test]
fn more_than_one_stored_block_when_the_pixels_need_it() {
    // 2048 × 300 at one bit a pixel: 257 bytes a row, 77,100 in all.
    let png = black_and_white(2048, 300, |x, y| x == y);
    let (w, h, pixels) = decode(&png).unwrap();
    assert_eq!((w, h), (2048, 300));
    assert!(pixels[5 * 2048 + 5] && !pixels[5 * 2048 + 6]);
    // A broken byte is caught by the chunk's CRC.
    let mut broken = png.clone();
    broken[60] ^= 1;
    assert!(decode(&broken).is_err());
}
