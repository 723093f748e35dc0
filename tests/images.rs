//! Pictures: the photo and the papers' thumbnails are cropped and resized at build time into
//! the sizes the pages show (1x and 2x, WebP with a JPEG or PNG fallback), with the photo's
//! shape and focal point, EXIF orientation, a report of image bytes, and files found again by
//! the next build without drifting from a full one.

mod common;

use std::io::Cursor;

use common::{Site, fixture};
use image::{ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};

const RED: Rgb<u8> = Rgb([220, 30, 30]);
const BLUE: Rgb<u8> = Rgb([30, 60, 200]);

/// A portrait photo, 600 x 800, red in its top 100 rows and blue below: a crop at the centre
/// loses the red, one a third from the top keeps it.
fn portrait() -> Vec<u8> {
    let img = RgbImage::from_fn(600, 800, |_, y| if y < 100 { RED } else { BLUE });
    jpeg(&img, None)
}

fn jpeg(img: &RgbImage, exif: Option<Vec<u8>>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 95);
    if let Some(exif) = exif {
        enc.set_exif_metadata(exif).unwrap();
    }
    enc.write_image(
        img,
        img.width(),
        img.height(),
        image::ExtendedColorType::Rgb8,
    )
    .unwrap();
    out
}

/// EXIF (TIFF, little-endian) with one tag: orientation 6, "turn a quarter clockwise".
fn exif_rotate_90() -> Vec<u8> {
    let mut t = b"II*\0\x08\0\0\0\x01\0".to_vec();
    t.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
    t.extend_from_slice(&[0, 0, 0, 0]);
    t
}

fn decode(bytes: &[u8]) -> image::DynamicImage {
    image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .unwrap()
        .decode()
        .unwrap()
}

fn is_red(p: &image::Rgb<u8>) -> bool {
    p[0] > 150 && p[2] < 100
}

/// The `<picture>` of the home page's photo, and its attributes.
fn photo_tag(site: &Site) -> String {
    let home = site.out("index.html");
    let at = home.find("<picture>").expect("a <picture>");
    home[at..at + home[at..].find("</picture>").unwrap()].to_string()
}

/// The files a `srcset` names, read from the output (the base path is `/lab/`).
fn files_of(site: &Site, srcset: &str) -> Vec<Vec<u8>> {
    srcset
        .split(", ")
        .map(|c| {
            let url = c.split(' ').next().unwrap();
            let rel = url.strip_prefix("/lab/").expect("under the base path");
            std::fs::read(site.path(&format!("public/{rel}"))).unwrap()
        })
        .collect()
}

fn attr<'a>(tag: &'a str, name: &str) -> &'a str {
    let at = tag
        .find(&format!(" {name}=\""))
        .unwrap_or_else(|| panic!("{name} in {tag}"));
    let rest = &tag[at + name.len() + 3..];
    &rest[..rest.find('"').unwrap()]
}

fn site_with_photo(photo: &[u8]) -> Site {
    let site = Site::copy_of(&fixture("full"));
    site.write("static/images/ada.jpg", photo);
    site.edit(
        "content/profile.yaml",
        "photo: images/ada.svg",
        "photo: images/ada.jpg",
    );
    site
}

#[test]
fn the_photo_is_cropped_and_resized_for_the_page_in_two_formats() {
    let site = site_with_photo(&portrait());
    let run = site.build_ok();
    let tag = photo_tag(&site);
    let img = &tag[tag.find("<img").unwrap()..];
    assert_eq!(attr(img, "width"), "176", "{tag}");
    assert_eq!(attr(img, "height"), "176");
    assert!(attr(img, "class").contains("photo-circle"), "{tag}");
    assert!(
        tag.contains("<source type=\"image/webp\" srcset=\""),
        "{tag}"
    );

    // 1x and 2x of each format, cropped square: the source has the pixels for 2x.
    let webp = files_of(&site, attr(&tag, "srcset"));
    let fallback = files_of(&site, attr(img, "srcset"));
    assert_eq!((webp.len(), fallback.len()), (2, 2), "{tag}");
    for (files, magic) in [(&webp, &b"RIFF"[..]), (&fallback, &b"\xFF\xD8"[..])] {
        for (file, size) in files.iter().zip([176, 352]) {
            assert!(file.starts_with(magic));
            let image = decode(file);
            assert_eq!((image.width(), image.height()), (size, size));
        }
    }
    // A portrait is cropped a third from the top, where faces are: the red top is kept.
    let big = decode(&fallback[1]).to_rgb8();
    assert!(is_red(big.get_pixel(176, 2)), "{:?}", big.get_pixel(176, 2));
    // The page loads the small files, not the 600 x 800 original, and the report says so.
    assert_eq!(
        attr(img, "src"),
        attr(img, "srcset").split(' ').next().unwrap()
    );
    let home_images: usize = fallback.iter().map(Vec::len).max().unwrap();
    let kb = format!("+ images ≤ {:.1} KB", home_images as f64 / 1024.0);
    assert!(run.stderr.contains(&kb), "{kb}: {}", run.stderr);

    // Link previews and resume.json name the resized photo, not the original.
    let largest = attr(img, "srcset")
        .split(", ")
        .last()
        .unwrap()
        .split(' ')
        .next()
        .unwrap();
    let og = format!("<meta property=\"og:image\" content=\"https://ada.example.org{largest}\">");
    assert!(site.out("index.html").contains(&og), "{og}");
    assert!(
        site.out("resume.json")
            .contains(&format!("\"image\": \"https://ada.example.org{largest}\""))
    );

    // The focal point moves the crop; the shape is the user's.
    site.edit(
        "content/profile.yaml",
        "photo: images/ada.jpg",
        "photo: images/ada.jpg\nphoto_focus: [50, 100]\nphoto_shape: rounded",
    );
    site.build_ok();
    let tag = photo_tag(&site);
    let img = &tag[tag.find("<img").unwrap()..];
    assert!(attr(img, "class").contains("photo-rounded"), "{tag}");
    let big = decode(&files_of(&site, attr(img, "srcset"))[1]).to_rgb8();
    assert!(!is_red(big.get_pixel(176, 2)), "the bottom of the photo");
}

#[test]
fn a_phone_photo_turned_by_exif_and_a_transparent_thumbnail() {
    // Stored 400 x 200 with "turn a quarter": shown 200 x 400.
    let sideways = RgbImage::from_fn(400, 200, |x, _| if x < 40 { RED } else { BLUE });
    let site = Site::copy_of(&fixture("full"));
    site.write(
        "static/papers/sideways.jpg",
        jpeg(&sideways, Some(exif_rotate_90())),
    );
    let logo = RgbaImage::from_fn(300, 150, |x, _| {
        Rgba([0, 0, 0, if x < 150 { 0 } else { 255 }])
    });
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(&logo, 300, 150, image::ExtendedColorType::Rgba8)
        .unwrap();
    site.write("static/papers/logo.png", png);
    let papers = site.read("content/publications.yaml");
    let papers = papers.replacen("- key:", "- preview: papers/sideways.jpg\n  key:", 1);
    let at = papers.match_indices("\n- key:").nth(1).unwrap().0;
    let papers = format!(
        "{}\n- preview: /papers/logo.png\n  key:{}",
        &papers[..at],
        &papers[at + 7..]
    );
    site.write("content/publications.yaml", papers);
    site.build_ok();
    let list = site.out("publications/index.html");
    let pictures: Vec<&str> = list
        .match_indices("<picture>")
        .map(|(i, _)| &list[i..])
        .collect();
    assert_eq!(pictures.len(), 2, "{list}");
    let of = |name: &str| {
        let tag = pictures
            .iter()
            .find(|t| t[..t.find("</picture>").unwrap()].contains(name));
        let tag = tag.unwrap_or_else(|| panic!("{name}: {list}"));
        let tag = &tag[..tag.find("</picture>").unwrap()];
        tag[tag.find("<img").unwrap()..].to_string()
    };
    let turned = of("sideways");
    assert_eq!(
        (attr(&turned, "width"), attr(&turned, "height")),
        ("96", "192")
    );
    assert!(turned.contains("loading=\"lazy\""), "{turned}");
    let file = decode(&files_of(&site, attr(&turned, "srcset"))[0]).to_rgb8();
    assert_eq!((file.width(), file.height()), (96, 192));
    // The red left edge, turned clockwise, is the top.
    assert!(is_red(file.get_pixel(48, 2)) && !is_red(file.get_pixel(48, 190)));

    // Transparency keeps a PNG fallback.
    let logo = of("logo");
    assert_eq!((attr(&logo, "width"), attr(&logo, "height")), ("96", "48"));
    let src = attr(&logo, "src");
    assert!(src.ends_with(".png"), "{logo}");
    let file = decode(&files_of(&site, src)[0]).to_rgba8();
    assert_eq!(file.get_pixel(10, 10)[3], 0, "still transparent");
}

#[test]
fn the_next_build_finds_the_files_again_and_equals_a_full_build() {
    let site = site_with_photo(&portrait());
    site.build_ok();
    let first = site.snapshot();
    // Found in the last build's output: nothing decoded, the same files.
    let run = site.run(&["build", "-v"]);
    assert!(run.ok(), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("1 picture (0 resized, 1 as the last build made it)"),
        "{}",
        run.stderr
    );
    assert_eq!(site.snapshot(), first);
    // A build into an empty folder makes the same bytes.
    let run = site.run(&["build", "-v", "-o", "fresh"]);
    assert!(
        run.stderr.contains("1 picture (1 resized"),
        "{}",
        run.stderr
    );
    let fresh = common::snapshot(&site.path("fresh"));
    let resized = |s: &std::collections::BTreeMap<String, Vec<u8>>| {
        s.iter()
            .filter(|(k, _)| k.contains("resized/"))
            .map(|(k, v)| (k.rsplit('/').next().unwrap().to_string(), v.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(resized(&fresh), resized(&first));
    assert_eq!(resized(&first).len(), 4);

    // A new photo under the same name: new files, the old ones gone.
    let photo = RgbImage::from_fn(500, 500, |_, _| RED);
    site.write("static/images/ada.jpg", jpeg(&photo, None));
    site.build_ok();
    let after = resized(&site.snapshot());
    assert_eq!(after.len(), 4);
    assert!(
        after
            .iter()
            .all(|(name, _)| !resized(&first).iter().any(|(n, _)| n == name))
    );
    // 500 pixels are enough for the 352-pixel 2x.
    assert!(after.iter().any(|(n, _)| n.contains("@2x")));
}

#[test]
fn a_small_photo_gets_no_2x_and_an_unreadable_one_is_shown_as_it_is() {
    let site = site_with_photo(&jpeg(&RgbImage::from_fn(200, 200, |_, _| BLUE), None));
    site.build_ok();
    let tag = photo_tag(&site);
    assert!(!tag.contains("2x"), "no upscaling: {tag}");
    assert_eq!(attr(&tag[tag.find("<img").unwrap()..], "width"), "176");

    // An image the decoder cannot read (a browser might) is shown as it is, with a warning.
    site.write("static/images/ada.jpg", b"\xFF\xD8 not really a JPEG");
    let run = site.build_ok();
    assert!(
        run.stderr
            .contains("warning: static/images/ada.jpg: cannot read this image"),
        "{}",
        run.stderr
    );
    let home = site.out("index.html");
    assert!(!home.contains("<picture>"));
    assert!(home.contains("src=\"/lab/images/ada.jpg\""), "{home}");

    // A focal point outside the photo is named where it is written.
    site.write("static/images/ada.jpg", portrait());
    site.edit(
        "content/profile.yaml",
        "photo: images/ada.jpg",
        "photo: images/ada.jpg\nphoto_focus: [50, 120]",
    );
    let run = site.run(&["build"]);
    assert!(!run.ok());
    assert!(run.stderr.contains("profile.yaml:5"), "{}", run.stderr);
    assert!(run.stderr.contains("0 to 100"), "{}", run.stderr);
}

#[test]
fn an_svg_photo_and_an_address_elsewhere_are_shown_as_they_are() {
    let site = Site::copy_of(&fixture("full"));
    // A name with a space: its address is percent-encoded, and still weighed.
    let svg = site.read("static/images/ada.svg");
    site.write("static/images/Ada Photo.svg", &svg);
    site.edit(
        "content/profile.yaml",
        "photo: images/ada.svg",
        "photo: images/Ada Photo.svg",
    );
    site.edit(
        "content/publications.yaml",
        "- key: example2023proofs\n",
        "- key: example2023proofs\n  preview: https://example.org/thumb.png\n",
    );
    let run = site.build_ok();
    let home = site.out("index.html");
    assert!(!home.contains("<picture>"));
    assert!(
        home.contains("src=\"/lab/images/Ada%20Photo.svg\""),
        "{home}"
    );
    let kb = format!("+ images ≤ {:.1} KB", svg.len() as f64 / 1024.0);
    assert!(run.stderr.contains(&kb), "{kb}: {}", run.stderr);
    let list = site.out("publications/index.html");
    assert!(
        list.contains("<img class=\"pub-preview\" src=\"https://example.org/thumb.png\""),
        "{list}"
    );
    assert!(!site.path("public/resized").exists());
}

#[test]
fn colour_profiles_become_srgb_opaque_pngs_get_a_jpeg_and_animations_stay() {
    let site = Site::copy_of(&fixture("full"));
    // A phone's photo in Display P3: the same numbers are a more saturated red than in sRGB.
    let p3 = moxcms::ColorProfile::new_display_p3().encode().unwrap();
    let img = RgbImage::from_pixel(400, 400, Rgb([200, 60, 60]));
    let mut photo = Vec::new();
    let mut enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut photo, 95);
    enc.set_icc_profile(p3).unwrap();
    enc.write_image(&img, 400, 400, image::ExtendedColorType::Rgb8)
        .unwrap();
    site.write("static/images/ada.jpg", photo);
    site.edit(
        "content/profile.yaml",
        "photo: images/ada.svg",
        "photo: images/ada.jpg",
    );
    // A plot saved as RGBA with nothing transparent, and an animated PNG.
    let plot = RgbaImage::from_pixel(200, 150, Rgba([250, 250, 250, 255]));
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(&plot, 200, 150, image::ExtendedColorType::Rgba8)
        .unwrap();
    site.write("static/papers/plot.png", &png);
    // `acTL` after the signature and IHDR (8 + 25 bytes) makes it an APNG.
    let mut apng = png[..33].to_vec();
    apng.extend_from_slice(b"\0\0\0\x08acTL\0\0\0\x01\0\0\0\0\0\0\0\0");
    apng.extend_from_slice(&png[33..]);
    site.write("static/papers/anim.png", apng);
    let papers = site.read("content/publications.yaml");
    let papers = papers
        .replacen(
            "- key: example2023proofs\n",
            "- key: example2023proofs\n  preview: papers/plot.png\n",
            1,
        )
        .replacen(
            "- key: example2021types\n",
            "- key: example2021types\n  preview: papers/anim.png\n",
            1,
        );
    site.write("content/publications.yaml", papers);
    site.build_ok();

    let tag = photo_tag(&site);
    let img = &tag[tag.find("<img").unwrap()..];
    let out = decode(&files_of(&site, attr(img, "srcset"))[0]).to_rgb8();
    let p = out.get_pixel(88, 88);
    assert!(
        p[0] >= 210 && p[1] <= 52 && p[2] <= 55,
        "converted to sRGB: {p:?}"
    );

    let list = site.out("publications/index.html");
    let plot = list
        .split("class=\"pub-preview\" src=\"")
        .find(|s| s.starts_with("/lab/resized/plot-"))
        .unwrap();
    assert!(plot[..plot.find('"').unwrap()].ends_with(".jpg"), "{list}");
    assert!(
        list.contains("<img class=\"pub-preview\" src=\"/lab/papers/anim.png\""),
        "{list}"
    );
}
