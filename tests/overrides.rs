//! A site's own templates and static files replace the embedded theme's, file by file.

mod common;

use common::{Site, fixture};

#[test]
fn user_template_replaces_the_embedded_one() {
    let site = Site::copy_of(&fixture("full"));
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}<div class=\"my-page\">{{ doc.title }}|{{ doc.html | safe }}</div>{% endblock content %}\n",
    );
    site.build_ok();
    let about = site.out("about/index.html");
    assert!(
        about.contains("<div class=\"my-page\">About the lab|"),
        "{about}"
    );
    // Still wrapped in the embedded base.html, and other pages keep the embedded templates.
    assert!(about.contains("class=\"skip-link\""));
    assert!(site.out("cv/index.html").contains("class=\"cv\""));
}

#[test]
fn user_partial_is_used_by_embedded_templates() {
    let site = Site::copy_of(&fixture("full"));
    site.write(
        "templates/partials/publication.html",
        "<li class=\"mine\">{{ p.title }}</li>\n",
    );
    site.build_ok();
    let pubs = site.out("publications/index.html");
    assert!(
        pubs.contains("<li class=\"mine\">Types for Everyone</li>"),
        "{pubs}"
    );
}

#[test]
fn user_static_file_replaces_the_embedded_one_and_adds_new_ones() {
    let site = Site::copy_of(&fixture("full"));
    site.write("static/css/style.css", "body { color: rebeccapurple; }\n");
    site.write("static/files/cv-2024.txt", "extra");
    site.write("static/files/cv-2024.txt~", "editor backup");
    site.build_ok();
    // Replaced, and minified as the built-in one is.
    assert_eq!(site.out("css/style.css"), "body{color:rebeccapurple}");
    assert_eq!(site.out("files/cv-2024.txt"), "extra");
    assert!(
        !site.path("public/files/cv-2024.txt~").exists(),
        "editor backups are not published"
    );
    // The embedded favicon is still there.
    assert!(site.out("favicon.svg").contains("<svg"));
}

#[test]
fn embedded_theme_is_used_without_any_theme_folder() {
    let site = Site::copy_of(&fixture("full"));
    assert!(!site.path("templates").exists());
    site.build_ok();
    let css = site.out("css/style.css");
    // Minified, as sites get it.
    assert!(css.contains("prefers-color-scheme:dark") && css.contains("@media print"));
    assert!(!css.contains("/*"), "comments are left out");
}

#[test]
fn list_templates_see_each_authors_and_tags_fields() {
    // Authors and tags are shared between papers' values: each paper still sees its own.
    let site = Site::copy_of(&fixture("full"));
    site.write(
        "templates/partials/publication.html",
        "<li>{{ p.key }}:{% for a in p.authors %}[{{ a.name }}{% if a.owner %} me{% endif %}\
         {% if a.equal %} eq{% endif %}{% if a.corresponding %} corr{% endif %}\
         {% if a.url %} {{ a.url }}{% endif %}]{% endfor %}\
         {% for t in p.tags %}#{{ t.slug }}{% endfor %}</li>\n",
    );
    site.build_ok();
    let pubs = site.out("publications/index.html");
    for expected in [
        "<li>example2023proofs:[Bob Coauthor eq][Ada Example me eq]\
         [Carol Senior corr https://carol.example.org/]#verification</li>",
        "<li>example2021types:[Ada Example me][Dan Student]</li>",
        "<li>example2024draft:[Ada Example me]</li>",
    ] {
        assert!(pubs.contains(expected), "{expected} in {pubs}");
    }
}

/// A misspelt field in a site's own template is a warning naming it (issue 13): Tera reads
/// `{% if profile.postion %}` as false without a word. The theme's templates, copied as they
/// are, give none.
#[test]
fn a_misspelt_field_in_a_template_is_a_warning() {
    let site = Site::copy_of(&fixture("full"));
    let theme = std::fs::read_to_string(common::repo().join("templates/index.html")).unwrap();
    site.write("templates/index.html", &theme);
    let r = site.run(&["build", "--no-pdf"]);
    assert!(r.ok() && !r.stderr.contains("warning"), "{}", r.stderr);
    let broken = theme
        .replacen("{%- if profile.position or", "{%- if profile.postion or", 1)
        .replacen(
            "{%- for g in profile.interests %}",
            "{%- for g in profile.interests %}{% if g.aera %}x{% endif %}",
            1,
        );
    site.write("templates/index.html", &broken);
    let r = site.run(&["build", "--no-pdf"]);
    assert!(r.ok(), "{}", r.stderr);
    let line = 1 + broken[..broken.find("profile.postion").unwrap()]
        .matches('\n')
        .count();
    assert!(
        r.stderr.contains(&format!(
            "warning: templates/index.html:{line}:12: `profile.postion`: `profile` has no field `postion`, so this is always empty or false; did you mean `position`?"
        )),
        "{}",
        r.stderr
    );
    // A loop over a field that is not there: Tera stops on it, and the check of the template
    // before it does not panic (it once subtracted past zero).
    let looped = theme.replacen(
        "{%- for g in profile.interests %}",
        "{%- for l in profile.linkz %}{% if l.url %}x{% endif %}{% endfor %}{%- for g in profile.interests %}",
        1,
    );
    site.write("templates/index.html", &looped);
    let r2 = site.run(&["build", "--no-pdf"]);
    assert_eq!(r2.status, Some(1), "{}", r2.stderr);
    assert!(!r2.stderr.contains("panicked"), "{}", r2.stderr);
    // A field after a string literal is read (the literal was once skipped twice over).
    let after_string = theme.replacen(
        "{%- for g in profile.interests %}",
        "{% if \"a\" ~ profile.afiliation %}{% endif %}{%- for g in profile.interests %}",
        1,
    );
    site.write("templates/index.html", &after_string);
    let r3 = site.run(&["build", "--no-pdf"]);
    assert!(
        r3.stderr
            .contains("`profile.afiliation`: `profile` has no field `afiliation`"),
        "{}",
        r3.stderr
    );
    assert!(
        r.stderr.contains("`g.aera`: `g` has no field `aera`, so this is always empty or false; did you mean `area`?"),
        "{}",
        r.stderr
    );
}
