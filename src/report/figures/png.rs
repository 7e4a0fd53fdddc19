//! Lossless PNG encoding, as small as the `png` crate can make it.
//!
//! A figure is mostly flat colour: when it has at most 256 colours it is
//! written as an indexed image (1, 2, 4 or 8 bits a pixel), else as RGB.
//! Each candidate filter strategy is tried at the encoder's best compression
//! and the smallest file is kept. Measured by `cargo bench` on the report's
//! figures at 2× (1400 × 880): the crate's default settings (RGB, default
//! compression) give 118–232 KB; these give 37–92 KB. oxipng is not used:
//! it builds C code (libdeflate), and the README's commands must need no C
//! compiler; what it would gain on top is not measured.

use png::{AdaptiveFilterType, BitDepth, ColorType, Compression, EncodingError, FilterType};
use std::collections::BTreeMap;

/// The pixels of an RGB buffer as a palette and one index per pixel, or
/// `None` when there are more than 256 colours.
fn palette(rgb: &[u8]) -> Option<(Vec<[u8; 3]>, Vec<u8>)> {
    let mut colours: BTreeMap<[u8; 3], u8> = BTreeMap::new();
    for px in rgb.chunks_exact(3) {
        let c = [px[0], px[1], px[2]];
        if !colours.contains_key(&c) {
            if colours.len() == 256 {
                return None;
            }
            colours.insert(c, 0);
        }
    }
    // Indices in colour order: deterministic, whatever order pixels come in.
    for (index, slot) in colours.values_mut().enumerate() {
        // At most 256 colours: the index fits in a byte.
        *slot = index as u8;
    }
    let indices = rgb.chunks_exact(3).map(|px| colours[&[px[0], px[1], px[2]]]).collect();
    Some((colours.into_keys().collect(), indices))
}

/// The fewest bits a pixel that index `n` colours.
fn depth_for(n: usize) -> u8 {
    match n {
        0..=2 => 1,
        3..=4 => 2,
        5..=16 => 4,
        _ => 8,
    }
}

/// Packs one index per pixel into rows of `bits`-bit pixels.
fn pack(indices: &[u8], width: usize, bits: u8) -> Vec<u8> {
    if bits == 8 {
        return indices.to_vec();
    }
    let per_byte = 8 / usize::from(bits);
    let mut out = Vec::new();
    for row in indices.chunks_exact(width) {
        for group in row.chunks(per_byte) {
            let mut byte = 0u8;
            for (k, &index) in group.iter().enumerate() {
                byte |= index << (8 - usize::from(bits) * (k + 1));
            }
            out.push(byte);
        }
    }
    out
}

/// The filter strategies tried.
const FILTERS: [(FilterType, AdaptiveFilterType); 3] = [
    (FilterType::NoFilter, AdaptiveFilterType::NonAdaptive),
    (FilterType::Paeth, AdaptiveFilterType::NonAdaptive),
    (FilterType::Sub, AdaptiveFilterType::Adaptive),
];

/// One encoding of `data` (already in the colour type and depth given).
fn encode_with(
    data: &[u8],
    (w, h): (u32, u32),
    colour: ColorType,
    depth: BitDepth,
    palette: Option<&[u8]>,
    (filter, adaptive): (FilterType, AdaptiveFilterType),
) -> Result<Vec<u8>, EncodingError> {
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, w, h);
        encoder.set_color(colour);
        encoder.set_depth(depth);
        if let Some(p) = palette {
            encoder.set_palette(p.to_vec());
        }
        encoder.set_compression(Compression::Best);
        encoder.set_filter(filter);
        encoder.set_adaptive_filter(adaptive);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(data)?;
    }
    Ok(bytes)
}

/// The smallest lossless PNG of an RGB buffer of `w` × `h` pixels.
///
/// # Errors
/// The encoder's, for a buffer of the wrong size.
pub fn encode(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>, EncodingError> {
    let (data, colour, depth, plte) = match palette(rgb) {
        Some((colours, indices)) => {
            let bits = depth_for(colours.len());
            let depth = match bits {
                1 => BitDepth::One,
                2 => BitDepth::Two,
                4 => BitDepth::Four,
                _ => BitDepth::Eight,
            };
            (pack(&indices, w as usize, bits), ColorType::Indexed, depth, Some(colours.concat()))
        }
        None => (rgb.to_vec(), ColorType::Rgb, BitDepth::Eight, None),
    };
    let mut best: Option<Vec<u8>> = None;
    for filter in FILTERS {
        let candidate = encode_with(&data, (w, h), colour, depth, plte.as_deref(), filter)?;
        if best.as_ref().is_none_or(|b| candidate.len() < b.len()) {
            best = Some(candidate);
        }
    }
    Ok(best.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_colours_are_packed_into_few_bits() {
        assert_eq!(depth_for(2), 1);
        assert_eq!(depth_for(16), 4);
        assert_eq!(depth_for(17), 8);
        assert_eq!(pack(&[1, 0, 1, 1, 0, 0, 0, 0, 1], 9, 1), vec![0b1011_0000, 0b1000_0000]);
        assert_eq!(pack(&[3, 1, 2], 3, 4), vec![0x31, 0x20]);
    }

    #[test]
    fn indexed_encoding_is_lossless() {
        // 3 × 2 pixels, three colours.
        let rgb = [255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 0, 0, 255, 255, 255, 255, 0, 0];
        let bytes = encode(&rgb, 3, 2).expect("encodes");
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().expect("a PNG");
        assert_eq!(reader.info().color_type, ColorType::Indexed);
        let mut buf = vec![0; reader.output_buffer_size()];
        let frame = reader.next_frame(&mut buf).expect("a frame");
        let palette = reader.info().palette.as_ref().expect("a palette").to_vec();
        let row_bytes = frame.line_size;
        let mut back = Vec::new();
        for y in 0..2 {
            for x in 0..3 {
                let byte = buf[y * row_bytes + x / 4];
                let index = usize::from((byte >> (6 - 2 * (x % 4))) & 0b11);
                back.extend_from_slice(&palette[3 * index..3 * index + 3]);
            }
        }
        assert_eq!(back, rgb);
    }
}
