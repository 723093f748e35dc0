//! `cvsite theme eject` and `cvsite theme diff`: the built-in theme copied into a site builds
//! the same site; a site's copies compared with the built-in files.

mod common;

use common::{Site, fixture};

#[test]
fn an_ejected_theme_builds_the_same_site() {
    let site = Site::copy_of(&fixture("full"));
    site.build_ok();
    let before = site.snapshot();
    let run = site.run(&["theme", "eject"]);
    assert!(run.ok(), "{}", run.stderr);
    assert!(site.path("templates/index.html").is_file());
    assert!(site.path("templates/partials/picture.html").is_file());
    // The style sheet as written, to edit: comments and all.
    let css = site.read("static/css/style.css");
    assert!(
        css.starts_with("/* cvsite default theme."),
        "{}",
        &css[..80]
    );
    let build = site.build_ok();
    assert!(!build.stderr.contains("warning"), "{}", build.stderr);
    let after = site.snapshot();
    let changed: Vec<&String> = after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(v))
        .map(|(k, _)| k)
        .collect();
    assert!(changed.is_empty(), "differ after eject: {changed:?}");
    assert_eq!(after.len(), before.len());
}

#[test]
fn eject_copies_what_is_named_and_replaces_nothing() {
    let site = Site::copy_of(&fixture("full"));
    let run = site.run(&["theme", "eject", "index.html", "static/css/style.css"]);
    assert!(run.ok(), "{}", run.stderr);
    assert!(site.path("templates/index.html").is_file());
    assert!(site.path("static/css/style.css").is_file());
    assert!(!site.path("templates/base.html").exists());

    // A file the site has: nothing is copied, not even the others named.
    site.write("templates/index.html", "mine");
    let run = site.run(&["theme", "eject", "base.html", "index.html"]);
    assert!(!run.ok());
    assert!(
        run.stderr.contains("templates/index.html"),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("templates/index.html"), "mine");
    assert!(!site.path("templates/base.html").exists());

    // A misspelt name gets the closest.
    let run = site.run(&["theme", "eject", "indx.html"]);
    assert!(!run.ok());
    assert!(
        run.stderr.contains("did you mean `templates/index.html`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn diff_shows_how_the_sites_copies_differ() {
    let site = Site::copy_of(&fixture("full"));
    let run = site.run(&["theme", "diff"]);
    assert!(
        run.ok() && run.stderr.contains("uses the built-in theme"),
        "{}",
        run.stderr
    );

    assert!(
        site.run(&["theme", "eject", "index.html", "base.html"])
            .ok()
    );
    site.edit(
        "templates/index.html",
        "<h2 id=\"selected\">{{ labels.selected_publications }}</h2>",
        "<h2 id=\"selected\">Chosen papers</h2>",
    );
    let run = site.run(&["theme", "diff"]);
    assert!(run.ok(), "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("--- built-in templates/index.html\n+++ templates/index.html\n@@ "),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("\n-  <h2 id=\"selected\">{{ labels.selected_publications }}</h2>\n+  <h2 id=\"selected\">Chosen papers</h2>\n"), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("templates/base.html: the same as the built-in file"),
        "{}",
        run.stderr
    );
    // One file by name; a file the site has no copy of is said so.
    let run = site.run(&["theme", "diff", "base.html"]);
    assert!(run.ok() && run.stdout.is_empty(), "{}", run.stdout);
    let run = site.run(&["theme", "diff", "post.html"]);
    assert!(!run.ok());
    assert!(
        run.stderr
            .contains("the site has no templates/post.html of its own"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_sites_own_style_sheet_is_minified_and_a_licence_kept() {
    let site = Site::copy_of(&fixture("full"));
    site.write(
        "static/css/extra.css",
        "/*! Font: OFL-1.1 */\n/* my notes */\n.mine {\n  color: red;\n}\n",
    );
    site.build_ok();
    assert_eq!(
        site.out("css/extra.css"),
        "/*! Font: OFL-1.1 */.mine{color:red}"
    );
}

/// The full fixture, and its configuration without its own theme settings.
fn without_theme() -> (Site, String) {
    let site = Site::copy_of(&fixture("full"));
    let config = site.read("cvsite.yaml");
    let config = config
        .split("# A colour of its own")
        .next()
        .unwrap()
        .to_string();
    (site, config)
}

#[test]
fn an_accent_colour_and_fonts_from_the_settings() {
    let (site, config) = without_theme();
    site.write(
        "cvsite.yaml",
        format!("{config}theme:\n  accent: \"#7b2d8e\"\n  fonts: serif\n"),
    );
    site.build_ok();
    let home = site.out("index.html");
    assert!(
        home.contains("<style>@media screen{:root{--accent:#7b2d8e;"),
        "{home}"
    );
    // Dark as the system's choice, and as the visitor's with the theme switch.
    assert!(
        home.contains("(prefers-color-scheme:dark){:root:not([data-theme=light]){--accent:#"),
        "{home}"
    );
    assert!(
        home.contains("@media screen{:root[data-theme=dark]{--accent:#"),
        "{home}"
    );
    assert!(home.contains(":root{--font:var(--system-serif)}"), "{home}");
    let before = site.snapshot();

    // Too light to read on a white page: refused where it is written, with one that would do.
    site.write(
        "cvsite.yaml",
        format!("{config}theme:\n  accent: \"#8fb8ef\"\n"),
    );
    let run = site.run(&["build"]);
    assert!(!run.ok());
    let line = config.lines().count() + 2;
    assert!(
        run.stderr.contains(&format!("cvsite.yaml:{line}:")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("contrast with the page"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("has enough, in the same hue"),
        "{}",
        run.stderr
    );
    assert_eq!(site.snapshot(), before, "nothing written");

    site.write("cvsite.yaml", format!("{config}theme:\n  accent: purple\n"));
    let run = site.run(&["build"]);
    assert!(!run.ok());
    assert!(
        run.stderr.contains("is not a colour: write it as #rrggbb"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_font_of_the_sites_own_from_static() {
    let (site, config) = without_theme();
    // A real font file (DejaVu Sans, from tests/setup.sh), with a space in its name.
    let dejavu = std::fs::read("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
        .expect("bash tests/setup.sh");
    site.write("static/fonts/Ada Sans.ttf", &dejavu);
    site.write("static/fonts/Ada Sans Bold.woff2", &dejavu);
    let font = "theme:\n  font:\n    family: Ada Sans\n    files:\n      - fonts/Ada Sans.ttf\n      - {file: fonts/Ada Sans Bold.woff2, weight: 700}\n";
    site.write("cvsite.yaml", format!("{config}{font}"));
    site.build_ok();
    let home = site.out("index.html");
    for css in [
        r#"@font-face{font-family:"Ada Sans";src:url("/lab/fonts/Ada%20Sans.ttf") format("truetype");font-weight:400;font-style:normal;font-display:swap}"#,
        r#"src:url("/lab/fonts/Ada%20Sans%20Bold.woff2") format("woff2");font-weight:700;"#,
        r#":root{--font:"Ada Sans",var(--system-font)}"#,
    ] {
        assert!(home.contains(css), "{css} not in {home}");
    }
    assert!(site.path("public/fonts/Ada Sans.ttf").is_file());

    // For the long text only, with `fonts: serif` kept as the fallback of the rest.
    let long = font.replace("    files:", "    used_for: long_text\n    files:");
    site.write("cvsite.yaml", format!("{config}{long}"));
    site.build_ok();
    assert!(
        site.out("index.html")
            .contains(r#":root{--serif:"Ada Sans",var(--system-serif)}"#)
    );

    // A file that is not there is named, with the one that is.
    let before = site.snapshot();
    let wrong = font.replace("fonts/Ada Sans.ttf", "fonts/AdaSans.ttf");
    site.write("cvsite.yaml", format!("{config}{wrong}"));
    let run = site.run(&["build"]);
    assert!(!run.ok());
    let line = config.lines().count() + 5;
    assert!(
        run.stderr.contains(&format!("cvsite.yaml:{line}:")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("static/fonts/AdaSans.ttf does not exist"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `fonts/Ada Sans.ttf`?"),
        "{}",
        run.stderr
    );
    assert_eq!(site.snapshot(), before, "nothing written");
    // A name that would end the style sheet's string is refused.
    let hostile = font.replace("family: Ada Sans", "family: 'Ada\"}body{display:none'");
    site.write("cvsite.yaml", format!("{config}{hostile}"));
    let run = site.run(&["build"]);
    assert!(!run.ok());
    assert!(
        run.stderr.contains("is not a font's name"),
        "{}",
        run.stderr
    );
}
