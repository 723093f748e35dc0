//! Pictures: the images the pages show (the profile photo, the papers' thumbnails), cropped and
//! resized at build time into the sizes the pages use, at 1× and 2×, as WebP with a JPEG
//! fallback (PNG for an image with transparency). A 12 MB photo costs a phone a few KB.
//!
//! Each picture's files are named by a fingerprint of the source's bytes and of how it is
//! fitted, so a build finds them again: in the preview's memory ([`Cache`]), or in the output
//! of the last build, and decodes an image only when it or its fit changed.

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;
use std::path::Path;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use image::metadata::Orientation;
use image::{DynamicImage, ImageBuffer, ImageDecoder, ImageEncoder, ImageReader, Limits, imageops};
use rayon::prelude::*;
use serde::Serialize;

use crate::theme::{Origin, ThemeFile};

/// Where the made files go, inside the output.
pub const DIR: &str = "resized";

/// Bumped when the encoding changes: a file named by an older fingerprint is not reused.
const ENCODING: u32 = 1;
/// Quality of the lossy encodings (0-100): no visible loss at these sizes.
const WEBP_QUALITY: f32 = 80.0;
const JPEG_QUALITY: u8 = 82;

/// How a picture fills its place on a page, in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fit {
    /// Cropped to this box around a focal point (percent from the left and the top; `None`:
    /// the centre, or a third from the top for a portrait, where faces are).
    Cover {
        /// Width.
        width: u32,
        /// Height.
        height: u32,
        /// Focal point.
        focus: Option<(u8, u8)>,
    },
    /// This wide, as tall as its proportions make it.
    Width(u32),
}

/// The places the theme shows pictures in: one image may be in several, each its own size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Place {
    /// The profile photo.
    Photo,
    /// A paper's thumbnail.
    Thumbnail,
    /// A project's card.
    Card,
}

/// Each place's pictures by their source's address (`site.pictures.card[url]` in templates).
pub type Pictures = BTreeMap<Place, BTreeMap<String, Picture>>;

/// A picture a page shows: the address the views gave its source, and how it fits.
#[derive(Debug, Clone)]
pub struct Request {
    /// Where it is shown.
    pub place: Place,
    /// Its source's address, with the site's base path (`/lab/img/me.jpg`).
    pub url: String,
    /// Its place on the page.
    pub fit: Fit,
}

/// What a page needs to show a picture (`site.pictures.photo[url]` in templates).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Picture {
    /// Width on the page, CSS pixels.
    pub width: u32,
    /// Height on the page, CSS pixels.
    pub height: u32,
    /// The fallback at 1× (`<img src>`).
    pub src: String,
    /// The fallback at 1× and 2× (`<img srcset>`).
    pub srcset: String,
    /// The WebP files at 1× and 2× (`<source type="image/webp" srcset>`).
    pub webp_srcset: String,
    /// The largest fallback file (for link previews, which want one file of a common format).
    pub largest: String,
}

/// The pictures of one build, by their source's address, and the files they need.
#[derive(Debug, Default)]
pub struct Made {
    /// Each place's pictures (every place, empty or not).
    pub pictures: Pictures,
    /// Output path and bytes of each file.
    pub files: Vec<(String, Bytes)>,
    /// How many pictures there are, and how many were made anew.
    pub count: Count,
    /// Images shown as they are because they could not be read.
    pub warnings: Vec<String>,
}

/// How many pictures a build has, and how many it made anew (the others were found as an
/// earlier build made them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    /// Pictures.
    pub pictures: usize,
    /// Decoded, resized and encoded by this build.
    pub resized: usize,
}

/// Pictures made by earlier builds, by fingerprint: the preview keeps them in memory.
#[derive(Debug, Default)]
pub struct Cache(Mutex<HashMap<u128, Arc<Variants>>>);

/// A picture's files: its size on the page and each file's name and bytes.
#[derive(Debug)]
pub struct Variants {
    width: u32,
    height: u32,
    /// `(scale, file name, bytes)`, WebP first.
    webp: Vec<(u32, String, Bytes)>,
    fallback: Vec<(u32, String, Bytes)>,
}

/// A picture's request, its fingerprint, its files, and whether this build made them.
type Found<'a> = (&'a Request, u128, Arc<Variants>, bool);

/// A file in WebP and in the fallback format.
type Encoded = (Vec<u8>, Vec<u8>);

/// Where to look for what earlier builds made.
pub struct Earlier<'a> {
    /// The preview's memory.
    pub cache: Option<&'a Cache>,
    /// The output folder as the last build left it.
    pub output: &'a Path,
}

/// Makes the pictures `requests` ask for. A request whose source is not an image of the site
/// that can be resized (an address elsewhere, an SVG, a GIF that may be animated) gets no
/// picture: the page shows the file as it is. So does an image the decoder cannot read (a
/// browser may): with a warning that names it. A file that cannot be read at all is an error.
pub fn make(
    requests: &[Request],
    statics: &[ThemeFile],
    base_path: &str,
    earlier: &Earlier<'_>,
) -> Result<Made, String> {
    let by_name: HashMap<&str, &ThemeFile> = statics.iter().map(|f| (f.name.as_str(), f)).collect();
    let mut wanted: Vec<(&Request, &ThemeFile)> = requests
        .iter()
        .filter_map(|r| {
            let name = source_name(&r.url, base_path)?;
            by_name.get(name.as_str()).map(|f| (r, *f))
        })
        .collect();
    wanted.sort_by(|a, b| (a.0.place, &a.0.url).cmp(&(b.0.place, &b.0.url)));
    wanted.dedup_by(|a, b| (a.0.place, &a.0.url) == (b.0.place, &b.0.url));
    // Per picture: made, or shown as it is (with a warning when it could not be read).
    let results: Vec<Result<Result<Found<'_>, Option<String>>, String>> = wanted
        .par_iter()
        .map(|(request, file)| {
            let display = format!("static/{}", file.name);
            let bytes = match &file.origin {
                Origin::Embedded(b) => Bytes::from_static(b),
                Origin::User(path) => Bytes::from(
                    std::fs::read(path).map_err(|e| format!("cannot read {display}: {e}"))?,
                ),
            };
            // The name too: the files are named after it.
            let key = crate::memo::hash_of(&(ENCODING, &bytes[..], request.fit, &file.name));
            if animated(&bytes) {
                return Ok(Err(None));
            }
            Ok(
                match find_or_make(&bytes, request.fit, &file.name, key, earlier) {
                    Ok((variants, encoded)) => Ok((*request, key, variants, encoded)),
                    Err(e) => Err(Some(format!(
                        "{display}: cannot read this image ({e}), so it is shown as it is, not \
                         resized; save it again as JPEG or PNG"
                    ))),
                },
            )
        })
        .collect();
    let mut made = Made::default();
    let mut used = std::collections::HashSet::new();
    for place in [Place::Photo, Place::Thumbnail, Place::Card] {
        made.pictures.insert(place, BTreeMap::new());
    }
    for result in results {
        let (request, key, variants, encoded) = match result? {
            Ok(found) => found,
            Err(warning) => {
                made.warnings.extend(warning);
                continue;
            }
        };
        used.insert(key);
        made.count.pictures += 1;
        made.count.resized += usize::from(encoded);
        let url_of = |name: &str| format!("{base_path}{DIR}/{name}");
        let srcset = |files: &[(u32, String, Bytes)]| {
            files
                .iter()
                .map(|(scale, name, _)| format!("{} {scale}x", url_of(name)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        made.pictures.entry(request.place).or_default().insert(
            request.url.clone(),
            Picture {
                width: variants.width,
                height: variants.height,
                src: url_of(&variants.fallback[0].1),
                srcset: srcset(&variants.fallback),
                webp_srcset: srcset(&variants.webp),
                largest: url_of(&variants.fallback[variants.fallback.len() - 1].1),
            },
        );
        for (_, name, bytes) in variants.webp.iter().chain(&variants.fallback) {
            made.files.push((format!("{DIR}/{name}"), bytes.clone()));
        }
    }
    // The preview keeps only what this build shows: a photo replaced ten times is not ten.
    if let Some(cache) = earlier.cache {
        lock(&cache.0).retain(|key, _| used.contains(key));
    }
    made.files.sort_by(|a, b| a.0.cmp(&b.0));
    made.files.dedup_by(|a, b| a.0 == b.0);
    Ok(made)
}

/// The file in `static/` an address names, if it is one this module resizes.
fn source_name(url: &str, base_path: &str) -> Option<String> {
    let rel = url.strip_prefix(base_path)?;
    let name = percent_encoding::percent_decode_str(rel)
        .decode_utf8()
        .ok()?
        .into_owned();
    let ext = Path::new(&name).extension()?.to_str()?.to_ascii_lowercase();
    matches!(ext.as_str(), "jpg" | "jpeg" | "png" | "webp").then_some(name)
}

fn find_or_make(
    bytes: &[u8],
    fit: Fit,
    name: &str,
    key: u128,
    earlier: &Earlier<'_>,
) -> Result<(Arc<Variants>, bool), String> {
    if let Some(cache) = earlier.cache
        && let Some(v) = lock(&cache.0).get(&key)
    {
        return Ok((Arc::clone(v), false));
    }
    let stem = file_stem(name, key);
    // The header alone tells the size and the orientation: enough to find the files an
    // earlier build made.
    let mut decoder = decoder(bytes)?;
    let orientation = decoder.orientation().map_err(|e| e.to_string())?;
    let (w, h) = decoder.dimensions();
    let (w, h) = if turns(orientation) { (h, w) } else { (w, h) };
    let plan = Plan::new(fit, w, h);
    let (variants, encoded) = match reuse(&plan, &stem, earlier.output) {
        Some(v) => (v, false),
        None => (encode(decoder, orientation, &plan, &stem)?, true),
    };
    let variants = Arc::new(variants);
    if let Some(cache) = earlier.cache {
        lock(&cache.0).insert(key, Arc::clone(&variants));
    }
    Ok((variants, encoded))
}

/// `img/Me Photo.JPG` → `me-photo-1a2b3c4d`: readable, and new whenever the source or its fit
/// changes.
fn file_stem(name: &str, key: u128) -> String {
    let stem = Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("image");
    let slug = crate::text::slug_or_hash(stem, "image");
    format!("{slug}-{:08x}", key as u32)
}

/// A decoder for the image, with limits that refuse a decompression bomb.
fn decoder(bytes: &[u8]) -> Result<Box<dyn ImageDecoder + '_>, String> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(20_000);
    limits.max_image_height = Some(20_000);
    limits.max_alloc = Some(1 << 30);
    reader.limits(limits);
    let decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    Ok(Box::new(decoder))
}

/// Whether an EXIF orientation turns the image a quarter (a phone's portrait photo is stored
/// sideways).
fn turns(o: Orientation) -> bool {
    matches!(
        o,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// The crop and the sizes a picture is made at.
#[derive(Debug, Clone, Copy)]
struct Plan {
    /// Size on the page.
    width: u32,
    height: u32,
    /// What to keep of the (oriented) source: x, y, width, height.
    crop: (u32, u32, u32, u32),
    /// The scales made: 1, and 2 when the source has the pixels for it.
    scales: u32,
}

impl Plan {
    fn new(fit: Fit, w: u32, h: u32) -> Plan {
        let (w, h) = (w.max(1), h.max(1));
        let (width, height, crop) = match fit {
            Fit::Width(width) => {
                let height = ((u64::from(width) * u64::from(h) + u64::from(w) / 2) / u64::from(w))
                    .max(1) as u32;
                (width, height, (0, 0, w, h))
            }
            Fit::Cover {
                width,
                height,
                focus,
            } => {
                // The largest region of the box's proportions, centred on the focal point as
                // far as the edges allow.
                let (fx, fy) = focus.unwrap_or(if h > w { (50, 33) } else { (50, 50) });
                let scale = f64::min(w as f64 / width as f64, h as f64 / height as f64);
                let cw = ((width as f64 * scale).round() as u32).clamp(1, w);
                let ch = ((height as f64 * scale).round() as u32).clamp(1, h);
                let at = |size: u32, cut: u32, pct: u8| -> u32 {
                    let centre = size as f64 * f64::from(pct.min(100)) / 100.0;
                    (centre - cut as f64 / 2.0)
                        .clamp(0.0, (size - cut) as f64)
                        .round() as u32
                };
                (width, height, (at(w, cw, fx), at(h, ch, fy), cw, ch))
            }
        };
        let scales = if crop.2 >= 2 * width && crop.3 >= 2 * height {
            2
        } else {
            1
        };
        Plan {
            width,
            height,
            crop,
            scales,
        }
    }

    /// Pixel size of the file at `scale` (never larger than the region it comes from).
    fn pixels(&self, scale: u32) -> (u32, u32) {
        (
            (self.width * scale).min(self.crop.2).max(1),
            (self.height * scale).min(self.crop.3).max(1),
        )
    }
}

fn fallback_ext(has_alpha: bool) -> &'static str {
    if has_alpha { "png" } else { "jpg" }
}

fn names(plan: &Plan, stem: &str, ext: &str) -> Vec<(u32, String)> {
    (1..=plan.scales)
        .map(|s| {
            let suffix = if s == 1 {
                String::new()
            } else {
                format!("@{s}x")
            };
            (s, format!("{stem}{suffix}.{ext}"))
        })
        .collect()
}

/// The files the last build wrote for this fingerprint, if all are there (its fallback a JPEG,
/// or a PNG for a picture with transparent pixels).
fn reuse(plan: &Plan, stem: &str, output: &Path) -> Option<Variants> {
    let dir = output.join(DIR);
    let read = |ext: &str| -> Option<Vec<(u32, String, Bytes)>> {
        names(plan, stem, ext)
            .into_iter()
            .map(|(s, n)| Some((s, n.clone(), Bytes::from(std::fs::read(dir.join(&n)).ok()?))))
            .collect()
    };
    Some(Variants {
        width: plan.width,
        height: plan.height,
        webp: read("webp")?,
        fallback: read(fallback_ext(false)).or_else(|| read(fallback_ext(true)))?,
    })
}

/// An animated PNG or WebP: resizing would keep its first frame, so it is shown as it is (as a
/// GIF is).
fn animated(bytes: &[u8]) -> bool {
    let png = bytes.starts_with(b"\x89PNG") && {
        // `acTL` comes before the first image data.
        let head = memchr::memmem::find(bytes, b"IDAT").unwrap_or(bytes.len());
        memchr::memmem::find(&bytes[..head], b"acTL").is_some()
    };
    // An extended WebP (`VP8X`) says so in its flags.
    let webp = bytes.get(..4) == Some(b"RIFF")
        && bytes.get(12..16) == Some(b"VP8X")
        && bytes.get(20).is_some_and(|flags| flags & 0x02 != 0);
    png || webp
}

/// A transform of the pixels from the image's colour profile to sRGB, unless it is sRGB or
/// cannot be read: the resized files carry no profile, and a browser takes such a file as sRGB,
/// so a phone's Display P3 photo would look washed out.
fn to_srgb(icc: &[u8], layout: moxcms::Layout) -> Option<Box<moxcms::Transform8BitExecutor>> {
    let from = moxcms::ColorProfile::new_from_slice(icc).ok()?;
    let srgb = moxcms::ColorProfile::new_srgb();
    if from.red_colorant == srgb.red_colorant
        && from.green_colorant == srgb.green_colorant
        && from.blue_colorant == srgb.blue_colorant
        && from.red_trc == srgb.red_trc
    {
        return None;
    }
    let options = moxcms::TransformOptions::default();
    from.create_transform_8bit(layout, &srgb, layout, options)
        .ok()
}

fn encode(
    mut decoder: Box<dyn ImageDecoder + '_>,
    orientation: Orientation,
    plan: &Plan,
    stem: &str,
) -> Result<Variants, String> {
    let icc = decoder.icc_profile().ok().flatten();
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    image.apply_orientation(orientation);
    // Transparent if a pixel is: an RGBA file that is all opaque (a plot's) gets a JPEG.
    let has_alpha = match &image {
        DynamicImage::ImageRgba8(b) => b.pixels().any(|p| p.0[3] != u8::MAX),
        other => other.color().has_alpha(),
    };
    let layout = if has_alpha {
        moxcms::Layout::Rgba
    } else {
        moxcms::Layout::Rgb
    };
    let srgb = icc.as_deref().and_then(|icc| to_srgb(icc, layout));
    let srgb = srgb.as_deref();
    let files = if has_alpha {
        scaled(&image.into_rgba8(), plan, srgb, |rgba, (w, h)| {
            let webp = webp::Encoder::from_rgba(rgba, w, h).encode(WEBP_QUALITY);
            let mut png = Vec::new();
            image::codecs::png::PngEncoder::new_with_quality(
                &mut png,
                image::codecs::png::CompressionType::Best,
                image::codecs::png::FilterType::Adaptive,
            )
            .write_image(rgba, w, h, image::ExtendedColorType::Rgba8)
            .map_err(|e| e.to_string())?;
            Ok((webp.to_vec(), png))
        })?
    } else {
        scaled(&image.into_rgb8(), plan, srgb, |rgb, (w, h)| {
            let webp = webp::Encoder::from_rgb(rgb, w, h).encode(WEBP_QUALITY);
            let mut jpg = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpg, JPEG_QUALITY)
                .encode(rgb, w, h, image::ExtendedColorType::Rgb8)
                .map_err(|e| e.to_string())?;
            Ok((webp.to_vec(), jpg))
        })?
    };
    let mut webp = Vec::new();
    let mut fallback = Vec::new();
    let ext = fallback_ext(has_alpha);
    for ((scale, name), (webp_bytes, fallback_bytes)) in
        names(plan, stem, "webp").into_iter().zip(files)
    {
        let fallback_name = format!("{}.{ext}", name.trim_end_matches(".webp"));
        webp.push((scale, name, Bytes::from(webp_bytes)));
        fallback.push((scale, fallback_name, Bytes::from(fallback_bytes)));
    }
    Ok(Variants {
        width: plan.width,
        height: plan.height,
        webp,
        fallback,
    })
}

/// The plan's crop of `image` at each of its scales, each encoded by `encode` (pixels, size).
/// A quick box filter brings a large source down to four times the largest size first, once:
/// Lanczos from there is as sharp, and a 24-megapixel photo takes milliseconds, not a second.
fn scaled<P>(
    image: &ImageBuffer<P, Vec<u8>>,
    plan: &Plan,
    srgb: Option<&moxcms::Transform8BitExecutor>,
    encode: impl Fn(&[u8], (u32, u32)) -> Result<Encoded, String>,
) -> Result<Vec<Encoded>, String>
where
    P: image::Pixel<Subpixel = u8> + 'static,
{
    let (x, y, w, h) = plan.crop;
    let region = imageops::crop_imm(image, x, y, w, h);
    let (bw, bh) = plan.pixels(plan.scales);
    let near = if w > 4 * bw && h > 4 * bh {
        imageops::thumbnail(&*region, 4 * bw, 4 * bh)
    } else {
        region.to_image()
    };
    (1..=plan.scales)
        .map(|scale| {
            let size = plan.pixels(scale);
            let pixels = if near.dimensions() == size {
                near.clone()
            } else {
                imageops::resize(&near, size.0, size.1, imageops::FilterType::Lanczos3)
            };
            // Converted once small: a fraction of the pixels of the source.
            match srgb {
                Some(t) => {
                    let mut out = vec![0; pixels.as_raw().len()];
                    t.transform(pixels.as_raw(), &mut out)
                        .map_err(|e| format!("colour profile: {e}"))?;
                    encode(&out, size)
                }
                None => encode(pixels.as_raw(), size),
            }
        })
        .collect()
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
