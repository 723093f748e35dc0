//! A site in two languages: the `full` fixture (English) with a Chinese translation
//! (`tests/fixtures/translation-zh`): both build, each page links to itself in the other
//! language, what is not translated falls back to English, and the site's files are shared.

mod common;

use common::{bilingual, text_of};

/// The `hreflang` links of a page: (language, address).
fn alternates(html: &str) -> Vec<(String, String)> {
    html.split("<link rel=\"alternate\" hreflang=\"")
        .skip(1)
        .map(|rest| {
            let (lang, rest) = rest.split_once('"').unwrap();
            let href = rest
                .split("href=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            (lang.to_string(), href.to_string())
        })
        .collect()
}

const ROOT: &str = "https://ada.example.org/lab/";

#[test]
fn both_languages_build_and_link_to_each_other() {
    let site = bilingual();
    let build = site.build_ok();
    assert!(!build.stderr.contains("broken link"), "{}", build.stderr);

    // The default language at the root, as before; the translation under /zh/.
    let en = site.out("index.html");
    let zh = site.out("zh/index.html");
    assert!(en.contains(r#"<html lang="en-GB" dir="ltr">"#));
    assert!(zh.contains(r#"<html lang="zh" dir="ltr">"#));
    assert!(zh.contains("<title>Ada Example 的主页</title>"));
    let zh_text = text_of(&zh);
    for chinese in [
        "助理教授",
        "研究方向",
        "形式验证",
        "最新动态",
        "可扩展的证明",
    ] {
        assert!(
            zh_text.contains(chinese),
            "`{chinese}` not on /zh/: {zh_text}"
        );
    }
    assert!(text_of(&en).contains("Assistant Professor"));

    // Each page names itself in both languages, and the default for others.
    let home = [
        ("en-GB".to_string(), ROOT.to_string()),
        ("zh".to_string(), format!("{ROOT}zh/")),
        ("x-default".to_string(), ROOT.to_string()),
    ];
    assert_eq!(alternates(&en), home);
    assert_eq!(alternates(&zh), home);
    let about = alternates(&site.out("zh/about/index.html"));
    assert!(
        about.contains(&("en-GB".into(), format!("{ROOT}about/"))),
        "{about:?}"
    );
    // A page only in Chinese names itself alone.
    let join = site.out("zh/join/index.html");
    assert_eq!(
        alternates(&join),
        [("zh".to_string(), format!("{ROOT}zh/join/"))]
    );
    // The switch: to the same page in the other language, or to its home page.
    assert!(en.contains(r#"<a href="/lab/zh/" hreflang="zh" lang="zh">中文</a>"#));
    let cv = site.out("cv/index.html");
    assert!(cv.contains(r#"<a href="/lab/zh/cv/" hreflang="zh" lang="zh">中文</a>"#));
    assert!(join.contains(r#"<a href="/lab/" hreflang="en-GB" lang="en-GB">English</a>"#));

    // The sitemaps list the alternates; robots.txt names both sitemaps.
    let sitemap = site.out("zh/sitemap.xml");
    assert!(sitemap.contains(&format!(
        r#"<url><loc>{ROOT}zh/cv/</loc><xhtml:link rel="alternate" hreflang="en-GB" href="{ROOT}cv/"/>"#
    )));
    assert!(site.out("sitemap.xml").contains(&format!(
        r#"<xhtml:link rel="alternate" hreflang="zh" href="{ROOT}zh/about/"/>"#
    )));
    let robots = site.out("robots.txt");
    assert!(robots.contains(&format!(
        "Sitemap: {ROOT}sitemap.xml\nSitemap: {ROOT}zh/sitemap.xml"
    )));
    assert!(!site.path("public/zh/robots.txt").exists());
}

#[test]
fn what_is_not_translated_is_shown_in_the_default_language() {
    let site = bilingual();
    site.build_ok();
    // Education is not translated: its entries as written, under Chinese headings and dates.
    let cv = text_of(&site.out("zh/cv/index.html"));
    assert!(
        cv.contains("教育背景") && cv.contains("Doctor of Philosophy"),
        "{cv}"
    );
    assert!(cv.contains("2022年1月 – 至今"), "{cv}");
    // A page not translated keeps its address (and its front matter's slug).
    let contact = text_of(&site.out("zh/contact-us/index.html"));
    assert!(contact.contains("Write to ada@example.org"), "{contact}");
    // The translated page takes the place of the English one at the same address.
    let about = text_of(&site.out("zh/about/index.html"));
    assert!(
        about.contains("我们的实验室") && !about.contains("Our lab"),
        "{about}"
    );
    assert!(text_of(&site.out("about/index.html")).contains("Our lab"));
    // Each language has its own PDF, feed and search-free extras; the papers' exports are one.
    assert!(site.path("public/zh/cv.pdf").is_file());
    assert!(site.path("public/zh/atom.xml").is_file());
    assert!(site.path("public/publications.bib").is_file());
    assert!(!site.path("public/zh/publications.bib").exists());
    let paper = site.out("zh/publications/index.html");
    assert!(
        paper.contains(r#"href="/lab/publications.bib""#),
        "the shared export"
    );
}

#[test]
fn the_sites_files_are_shared_not_copied() {
    let site = bilingual();
    site.build_ok();
    for shared in ["css", "js", "images", "papers", "favicon.svg", "CNAME"] {
        assert!(site.path(&format!("public/{shared}")).exists(), "{shared}");
        assert!(
            !site.path(&format!("public/zh/{shared}")).exists(),
            "zh/{shared}"
        );
    }
    let zh = site.out("zh/index.html");
    assert!(zh.contains(r#"href="/lab/css/style.css""#));
    assert!(zh.contains(r#"src="/lab/images/ada.svg""#));
}

#[test]
fn a_translations_files_are_checked_like_the_sites() {
    let site = bilingual();
    // Publications are one for all languages.
    site.write("content/zh/publications.yaml", "[]");
    let run = site.run(&["build"]);
    assert!(!run.ok());
    assert!(
        run.stderr.contains("content/zh/publications.yaml"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(site.path("content/zh/publications.yaml")).unwrap();
    // A misnamed file of the translation is named, with the right name.
    site.write("content/zh/talk.yaml", "[]");
    let run = site.run(&["build"]);
    assert!(!run.ok());
    assert!(
        run.stderr.contains("content/zh/talk.yaml") && run.stderr.contains("talks.yaml"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(site.path("content/zh/talk.yaml")).unwrap();
    // A language folder the configuration does not name is an unknown folder.
    site.write("content/fr/bio.md", "Bonjour.");
    let run = site.run(&["build"]);
    assert!(!run.ok());
    assert!(run.stderr.contains("unknown folder `fr`"), "{}", run.stderr);
    std::fs::remove_dir_all(site.path("content/fr")).unwrap();
    // A link of the translation to a page it does not have is a broken link.
    site.write("content/zh/bio.md", "见[这里](/zh/nowhere/)。");
    let build = site.build_ok();
    assert!(
        build.stderr.contains("content/zh/bio.md") && build.stderr.contains("/zh/nowhere/"),
        "{}",
        build.stderr
    );
}

#[test]
fn the_preview_serves_both_languages_and_follows_a_translated_file() {
    let site = bilingual();
    let server = common::Server::start(site.root(), &["--no-pdf"]);
    let zh = server.get("/lab/zh/");
    assert_eq!(zh.status, 200);
    assert!(zh.body.contains("助理教授"));
    assert_eq!(server.get("/lab/zh/join/").status, 200);
    site.edit("content/zh/profile.yaml", "助理教授", "副教授");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while !server.get("/lab/zh/").body.contains("副教授") {
        assert!(
            std::time::Instant::now() < deadline,
            "the preview kept the old text"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    // The default language is as it was.
    assert!(server.get("/lab/").body.contains("Assistant Professor"));
}

#[test]
fn a_translation_keeps_the_address_its_original_chose_and_its_folder_is_its_own() {
    let site = bilingual();
    // contact.md sets `slug: contact-us`; its translation does not, and keeps that address.
    site.write(
        "content/zh/pages/contact.md",
        "---\ntitle: 联系\n---\n请写信。\n",
    );
    site.build_ok();
    assert!(text_of(&site.out("zh/contact-us/index.html")).contains("请写信"));
    assert!(!site.path("public/zh/contact").exists());

    // `zh:` alone is a translation with nothing of its own.
    let config = site.read("cvsite.yaml");
    let bare = config.replace("  zh:\n    title:", "  zh:\n  ko:\n    title:");
    site.write("cvsite.yaml", &bare);
    site.build_ok();
    assert!(site.out("zh/index.html").contains(r#"<html lang="zh""#));
    assert!(site.out("ko/index.html").contains(r#"<html lang="ko""#));

    // A folder the site has already, or a name that is not a language, is refused at its line.
    site.write("content/pages/lab.md", "---\ntitle: Lab\n---\nThe lab.\n");
    site.write("static/ja/notes.txt", "notes");
    for (tag, why) in [
        ("lab", "already has a folder `lab/`"),
        ("ja", "already has a folder `ja/`"),
        ("en-GB", "is the site's language"),
        ("zh_CN", "not a language tag"),
    ] {
        site.write("cvsite.yaml", format!("{config}\n  {tag}:\n"));
        let run = site.run(&["build"]);
        assert!(!run.ok(), "{tag}");
        assert!(
            run.stderr.contains(why) && run.stderr.contains("cvsite.yaml:"),
            "{tag}: {}",
            run.stderr
        );
    }
}
