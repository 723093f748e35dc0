//! The site's language: labels and dates on the pages and in the PDF, the site's own labels,
//! right-to-left languages, and the home page's settings.

mod common;

use common::{Site, fixture, poppler, text_of};

/// The full fixture in `language`, with `extra` settings.
fn site_in(language: &str, extra: &str) -> Site {
    let site = Site::copy_of(&fixture("full"));
    site.edit(
        "cvsite.yaml",
        "language: en-GB",
        &format!("language: {language}"),
    );
    if !extra.is_empty() {
        let config = site.read("cvsite.yaml");
        site.write("cvsite.yaml", format!("{config}\n{extra}\n"));
    }
    site
}

fn pdf_text(site: &Site) -> String {
    let raw = poppler("pdftotext", &["-enc", "UTF-8"], &site.path("public/cv.pdf"));
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_german_site_has_german_labels_and_dates_on_pages_and_in_the_pdf() {
    let site = site_in("de", "");
    let build = site.build_ok();
    assert!(!build.stderr.contains("labels"), "{}", build.stderr);
    let home = site.out("index.html");
    assert!(home.contains(r#"<html lang="de" dir="ltr">"#));
    let text = text_of(&home);
    for german in [
        "Zum Inhalt springen",
        "Lebenslauf",
        "Publikationen",
        "Forschungsinteressen",
        "Ausgewählte Publikationen",
        "Erstellt mit cvsite",
        // 2024-01-15 and 2023-06-01 in news.yaml, as German writes them.
        "15. Jan. 2024",
        "1. Juni 2023",
    ] {
        assert!(
            text.contains(german),
            "`{german}` not on the home page: {text}"
        );
    }
    for english in [
        "Skip to content",
        "Research interests",
        "Selected publications",
    ] {
        assert!(!text.contains(english), "`{english}` left in English");
    }
    let cv = text_of(&site.out("cv/index.html"));
    for german in ["Ausbildung", "Jan. 2022 – heute", "Sept. 2015 – Juni 2020"] {
        assert!(cv.contains(german), "`{german}` not in the CV: {cv}");
    }
    assert!(!cv.contains("Present") && !cv.contains("Education"), "{cv}");
    assert!(
        site.out("404.html")
            .contains("<h1>Seite nicht gefunden</h1>")
    );
    // No page shows an English label the German table words otherwise (labels of 9 characters
    // or more: shorter ones, "Code" or "Web", may be words of the content).
    let table = |code: &str| -> serde_yaml::Mapping {
        let path = common::repo().join(format!("src/labels/{code}.yaml"));
        let t: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        t["labels"].as_mapping().unwrap().clone()
    };
    let (en, de) = (table("en"), table("de"));
    let english: Vec<&str> = en
        .iter()
        .filter(|(k, v)| de.get(*k) != Some(*v))
        .filter_map(|(_, v)| v.as_str())
        .map(|v| v.split('{').next().unwrap().trim())
        .filter(|v| v.chars().count() >= 9)
        .collect();
    assert!(english.len() > 40, "{english:?}");
    for (path, bytes) in common::snapshot(&site.path("public")) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let text = text_of(&html);
        for label in &english {
            let attribute = format!("\"{label}");
            assert!(
                !text.contains(label) && !html.contains(&attribute),
                "{path} shows `{label}`"
            );
        }
    }

    let pdf = pdf_text(&site);
    for german in [
        "AKTUELLES",
        "AUSBILDUNG",
        "BERUFSERFAHRUNG",
        "Jan. 2022 – heute",
    ] {
        assert!(pdf.contains(german), "`{german}` not in the PDF: {pdf}");
    }
    assert!(
        !pdf.contains("EDUCATION") && !pdf.contains("Present"),
        "{pdf}"
    );
    let info = poppler("pdfinfo", &[], &site.path("public/cv.pdf"));
    assert!(info.contains("Ada Example – Lebenslauf"), "{info}");
}

#[test]
fn an_arabic_site_is_written_right_to_left() {
    let site = site_in("ar", "");
    site.build_ok();
    let home = site.out("index.html");
    assert!(
        home.contains(r#"<html lang="ar" dir="rtl">"#),
        "{}",
        &home[..200]
    );
    assert!(text_of(&home).contains("الاهتمامات البحثية"));
    // A language with no table of ours still gets its direction.
    let site = site_in("ur", "");
    let build = site.build_ok();
    assert!(site.out("index.html").contains(r#"dir="rtl""#));
    assert!(
        build.stderr.contains("no labels in `ur`"),
        "{}",
        build.stderr
    );
}

#[test]
fn the_sites_own_labels_win_and_a_misspelt_one_is_named() {
    let site = site_in(
        "de",
        "labels:\n  news: Neuigkeiten\n  research_intrests: Themen",
    );
    let run = site.run(&["build"]);
    assert!(!run.ok());
    assert!(run.stderr.contains("cvsite.yaml:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("did you mean `research_interests`?"),
        "{}",
        run.stderr
    );
    assert!(!site.path("public").exists(), "nothing is written");

    site.edit("cvsite.yaml", "research_intrests", "research_interests");
    site.build_ok();
    let home = text_of(&site.out("index.html"));
    assert!(
        home.contains("Neuigkeiten") && home.contains("Themen"),
        "{home}"
    );
    assert!(!home.contains("Aktuelles"), "{home}");
    assert!(pdf_text(&site).contains("NEUIGKEITEN"));
}

#[test]
fn dates_long_or_iso() {
    let site = site_in("en", "date_format: long");
    site.build_ok();
    assert!(text_of(&site.out("index.html")).contains("15 January 2024"));
    let site = site_in("fr", "date_format: iso");
    site.build_ok();
    let cv = text_of(&site.out("cv/index.html"));
    assert!(cv.contains("2015-09 – 2020-06"), "{cv}");
    // A misspelt format is named with the ones there are.
    let site = site_in("en", "date_format: longer");
    let run = site.run(&["build"]);
    assert!(!run.ok());
    assert!(run.stderr.contains("short"), "{}", run.stderr);
}

#[test]
fn the_home_page_shows_its_sections_in_the_order_given() {
    let site = site_in(
        "en",
        "home:\n  sections: [news, bio]\n  photo: false\n  contact: false",
    );
    site.build_ok();
    let home = site.out("index.html");
    let (news, bio) = (home.find(r#"id="news""#), home.find(r#"class="bio""#));
    assert!(
        news.is_some() && bio.is_some() && news < bio,
        "news, then bio"
    );
    assert!(
        !home.contains(r#"id="selected""#),
        "no selected publications"
    );
    assert!(!home.contains(r#"id="interests""#));
    assert!(!home.contains("photo photo-"), "no photo");
    assert!(!home.contains(r#"class="contact""#) && !home.contains(r#"class="cv-link""#));

    // The default: every section with content, photo and contact.
    let site = site_in("en", "");
    site.build_ok();
    let home = site.out("index.html");
    let at = |s: &str| home.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(at(r#"class="bio""#) < at(r#"id="interests""#));
    assert!(at(r#"id="news""#) < at(r#"id="selected""#));
    assert!(home.contains("photo photo-") && home.contains(r#"class="contact""#));
}

#[test]
fn a_pdf_in_a_script_the_built_in_fonts_lack_takes_the_sites_own_font() {
    // Chinese labels: the build says which characters would be boxes, and which font to get.
    let site = site_in("zh", "");
    let build = site.build_ok();
    assert!(
        build.stderr.contains("cv.pdf: its fonts lack")
            && build.stderr.contains("Noto Serif CJK SC"),
        "{}",
        build.stderr
    );
    // Inuktitut and Tifinagh in a news item: in no built-in font, in DejaVu Sans.
    let site = site_in("en", "");
    site.edit(
        "content/news.yaml",
        "text: Started the [Verification Lab](https://lab.example.org/).",
        "text: \"Started the lab: ᐃᓄᒃᑎᑐᑦ ⵜⵉⴼⵉⵏⴰⵖ.\"",
    );
    let build = site.build_ok();
    assert!(
        build.stderr.contains("its fonts lack 12 character(s)") && build.stderr.contains("ᐃ"),
        "{}",
        build.stderr
    );
    // A font that has them in the site's fonts/ (DejaVu Sans, from tests/setup.sh).
    let dejavu = std::path::Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    site.write(
        "fonts/DejaVuSans.ttf",
        std::fs::read(dejavu).expect("bash tests/setup.sh"),
    );
    let build = site.build_ok();
    assert!(!build.stderr.contains("its fonts lack"), "{}", build.stderr);
    let pdf = pdf_text(&site);
    assert!(pdf.contains("ᐃᓄᒃᑎᑐᑦ") && pdf.contains("ⵜⵉⴼⵉⵏⴰⵖ"), "{pdf}");
    // The font is for the PDF only: not copied to the website.
    assert!(!site.path("public/fonts").exists());
}
