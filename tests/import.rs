//! `cvsite import`: JSON Resume and RenderCV files become a site that builds without edits and
//! shows every imported entry; what has no place is reported; nothing is overwritten by accident.

mod common;

use common::{fixture, run_in, text_of};

fn import(format: &str, file: &str) -> (tempfile::TempDir, common::Run) {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("import").join(file);
    let r = run_in(dir.path(), &["import", format, src.to_str().unwrap()]);
    assert!(r.ok(), "{}", r.stderr);
    (dir, r)
}

fn built_text(dir: &std::path::Path, page: &str) -> String {
    let r = run_in(dir, &["build"]);
    assert!(r.ok(), "the imported site does not build:\n{}", r.stderr);
    text_of(&std::fs::read_to_string(dir.join("public").join(page)).unwrap())
}

#[test]
fn json_resume_import_builds_and_shows_every_entry() {
    let (dir, r) = import("jsonresume", "resume.json");
    let cv = built_text(dir.path(), "cv/index.html");
    for fact in [
        "Grace Imported",
        "Research Scientist",
        "+1 555 0199",
        "Arlington, Virginia, US",
        "Compiler Corp",
        "Mar 2021 – Present",
        "Leads the optimizer team.",
        "Shipped a new register allocator.",
        "University of Somewhere",
        "1 Sep 2019 – 28 Feb 2021",
        "Example University",
        "PhD in Computer Science",
        "GPA: 4.0",
        "Courses: Type Theory, Compilers",
        "Best Dissertation Award",
        "ACM SIGPLAN",
        "Certified Kubernetes Administrator",
        "Fast Register Allocation",
        "Types for Optimizers",
        "Languages Rust, OCaml",
        "Spoken languages English (Native), French (Fluent)",
        "Compilers: Register allocation, SSA",
        "Volunteering 2023: PLDI Program Committee Member",
        "OptiCC",
        "An optimizing C compiler. 10% faster code",
        // A file of the schema before 1.0 names the organization `company`.
        "Old Schema Labs",
        // A degree with no end date is under way.
        "LLM in Law",
        "Sep 2023 – Present",
    ] {
        assert!(cv.contains(fact), "/cv/ lacks {fact:?}:\n{cv}");
    }
    let home = std::fs::read_to_string(dir.path().join("public/index.html")).unwrap();
    assert!(text_of(&home).contains("Grace works on compilers and programming languages."));
    for link in [
        "https://github.com/grace",
        "https://scholar.google.com/citations?user=G1",
        "https://mastodon.example/@grace",
    ] {
        assert!(home.contains(link), "home lacks {link}");
    }
    // What had no place is reported.
    for skipped in [
        "basics.image",
        "references",
        "skills (Languages).level",
        "publications[0]",
        "work[0].url",
        "work[2].url",
    ] {
        assert!(
            r.stderr.contains(skipped),
            "the report lacks {skipped}:\n{}",
            r.stderr
        );
    }
    // The old homepage is not where the new site will be published.
    let config = std::fs::read_to_string(dir.path().join("cvsite.yaml")).unwrap();
    assert!(
        config.contains("base_url: https://your-name.github.io/  # change to"),
        "{config}"
    );
    assert!(
        r.stderr.contains("Set `base_url` in cvsite.yaml"),
        "{}",
        r.stderr
    );
    let profile = std::fs::read_to_string(dir.path().join("content/profile.yaml")).unwrap();
    assert!(
        profile.contains("website: https://grace.example.org/"),
        "{profile}"
    );
    // The imported files carry schema lines that resolve.
    assert!(dir.path().join("schemas/experience.schema.json").is_file());
    let exp = std::fs::read_to_string(dir.path().join("content/experience.yaml")).unwrap();
    assert!(exp.starts_with("# yaml-language-server: $schema=../schemas/experience.schema.json\n"));
}

#[test]
fn rendercv_import_builds_and_shows_every_entry() {
    let (dir, r) = import("rendercv", "rendercv.yaml");
    let cv = built_text(dir.path(), "cv/index.html");
    for fact in [
        "Ren Imported",
        "Assistant Professor of Robotics",
        "+1-412-555-0100",
        "PhD in Robotics",
        "Robot University, Pittsburgh, PA",
        "Sep 2015 – May 2020",
        "Thesis: Learning to Grasp",
        "Robot Lab",
        "Jan 2021 – Present",
        "Won a large grant.",
        "Learning to Grasp Anything",
        "Ren Imported and Sam Coauthor",
        "Robotics Journal, 2022",
        "GraspNet",
        "A dataset of grasps. 1M grasps",
        "Programming Python, C++, ROS",
        "NSF CAREER Award",
        "Best Paper Award",
        "Robots That Learn",
        "ETH Robotics Seminar, Zurich",
        "Introduction to Robotics",
        // Numbered and bullet entries of patents and service; a name that is a link.
        "A Gripper That Learns, US Patent 12,345,678",
        "A Second Gripper, US Patent 12,345,679",
        "Reviewer, Conference on Robot Learning",
        "Serving Models Fast",
        "FlashInfer Team",
    ] {
        assert!(cv.contains(fact), "/cv/ lacks {fact:?}:\n{cv}");
    }
    let html = std::fs::read_to_string(dir.path().join("public/cv/index.html")).unwrap();
    assert!(
        html.contains("<strong class=\"owner\">Ren Imported</strong>"),
        "the owner's bold marks become highlighting"
    );
    // A marked spelling that is not the profile's name becomes an alias, and is highlighted.
    assert!(
        html.contains("<strong class=\"owner\">R. Imported</strong>"),
        "the marked spelling is the owner's"
    );
    assert!(html.contains("<a href=\"https://flashinfer.example/\">FlashInfer Team</a>"));
    assert!(
        !r.stderr.contains("not a date"),
        "an empty date is no date: {}",
        r.stderr
    );
    assert!(
        text_of(&std::fs::read_to_string(dir.path().join("public/index.html")).unwrap())
            .contains("Ren builds robots that learn.")
    );
    for skipped in [
        "cv.photo",
        "cv.sections.misc[0]",
        "cv.sections.misc[1]",
        "design",
    ] {
        assert!(
            r.stderr.contains(skipped),
            "the report lacks {skipped}:\n{}",
            r.stderr
        );
    }
    let config = std::fs::read_to_string(dir.path().join("cvsite.yaml")).unwrap();
    assert!(
        config.contains("base_url: https://your-name.github.io/")
            && config.contains("aliases: [\"R. Imported\"]"),
        "{config}"
    );
}

#[test]
fn existing_files_are_kept_unless_forced() {
    let (dir, _) = import("jsonresume", "resume.json");
    std::fs::write(
        dir.path().join("content/profile.yaml"),
        "name: Edited By Hand\n",
    )
    .unwrap();
    let src = fixture("import").join("resume.json");
    let r = run_in(dir.path(), &["import", "jsonresume", src.to_str().unwrap()]);
    assert_eq!(r.status, Some(1));
    assert!(
        r.stderr.contains("exist already") && r.stderr.contains("content/profile.yaml"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("content/profile.yaml")).unwrap(),
        "name: Edited By Hand\n"
    );
    let r = run_in(
        dir.path(),
        &["import", "jsonresume", src.to_str().unwrap(), "--force"],
    );
    assert!(r.ok(), "{}", r.stderr);
    assert!(
        std::fs::read_to_string(dir.path().join("content/profile.yaml"))
            .unwrap()
            .contains("Grace Imported")
    );
}

#[test]
fn a_broken_input_file_is_reported_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("resume.json");
    std::fs::write(&bad, "{\n  \"basics\": {\n    \"name\": \"X\",\n  }\n}\n").unwrap();
    let r = run_in(dir.path(), &["import", "jsonresume", bad.to_str().unwrap()]);
    assert_eq!(r.status, Some(1));
    assert!(
        r.stderr.contains("resume.json:4:3: not valid JSON"),
        "{}",
        r.stderr
    );
    assert!(!dir.path().join("content").exists(), "nothing written");
}

#[test]
fn an_al_folio_site_imports_with_one_command_and_builds() {
    // al-folio's own example content (tests/fixtures/alfolio/SOURCE.md).
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("alfolio");
    let r = run_in(dir.path(), &["import", "al-folio", src.to_str().unwrap()]);
    assert!(r.ok(), "{}", r.stderr);
    let cv = built_text(dir.path(), "cv/index.html");
    for fact in [
        "You R. Name",
        "University of Zurich, Zurich, Switzerland",
        "Federal teaching diploma",
        "Professor of Theoretical Physics",
        "Institute for Advanced Study, Princeton University",
        "1933 – 1955",
        "Nobel Prize in Physics",
        "Topic 1.",
    ] {
        assert!(cv.contains(fact), "/cv/ lacks {fact:?}:\n{cv}");
    }
    let home = std::fs::read_to_string(dir.path().join("public/index.html")).unwrap();
    for fact in [
        "A simple inline announcement.",
        "https://scholar.google.com/citations?user=qc6CJjYAAAAJ",
        "https://inspirehep.net/authors/1010907",
        "prof_pic.jpg",
    ] {
        assert!(home.contains(fact), "home lacks {fact:?}");
    }
    // Every paper of papers.bib, al-folio's PDF folder resolved, a selected paper on the home page.
    let csl: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("public/publications.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(csl.len(), 9);
    let paper = std::fs::read_to_string(
        dir.path()
            .join("public/publications/physrev-47-777/index.html"),
    )
    .unwrap();
    assert!(
        paper.contains("href=\"/assets/pdf/en-us/example_pdf.pdf\""),
        "the PDF link"
    );
    // google_scholar_id, with the Scholar user of _data/socials.yml.
    assert!(
        paper.contains("citation_for_view=qc6CJjYAAAAJ:qyhmnyLat1gC"),
        "the paper on the owner's Scholar profile"
    );
    assert!(
        dir.path()
            .join("public/assets/pdf/en-us/example_pdf.pdf")
            .is_file()
    );
    let list = std::fs::read_to_string(dir.path().join("public/publications/index.html")).unwrap();
    assert!(
        list.contains("src=\"/assets/img/publication_preview/brownian-motion.gif\""),
        "the preview thumbnail"
    );
    // A long announcement is a post; projects are pages and research highlights.
    assert!(
        dir.path()
            .join("public/posts/a-long-announcement-with-details/index.html")
            .is_file()
    );
    assert!(
        dir.path()
            .join("public/projects-1-project/index.html")
            .is_file()
    );
    // What had no place is reported, with its reason; and the site's links hold.
    for skipped in [
        "_data/en-us/cv.yml[0] (General Information)",
        "rss_icon",
        "Liquid tags",
        // The site's other language, with how to import it.
        "_pages/pt-br/",
        "--language pt-br",
    ] {
        assert!(
            r.stderr.contains(skipped),
            "the report lacks {skipped}:\n{}",
            r.stderr
        );
    }
    let check = run_in(dir.path(), &["check"]);
    let broken: Vec<&str> = check
        .stderr
        .lines()
        .filter(|l| l.contains("broken"))
        .collect();
    assert!(
        broken.iter().all(|l| l.starts_with("content/bio.md")),
        "only the old site's own link in the biography is left: {broken:?}"
    );
}

#[test]
fn an_al_folio_site_imports_its_other_language_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("alfolio");
    let src = src.to_str().unwrap();
    let r = run_in(
        dir.path(),
        &["import", "al-folio", src, "--language", "pt-br"],
    );
    assert!(r.ok(), "{}", r.stderr);
    assert!(r.stderr.contains("--language en-us"), "{}", r.stderr);
    let config = std::fs::read_to_string(dir.path().join("cvsite.yaml")).unwrap();
    assert!(config.contains("language: pt-br"), "{config}");
    // The Portuguese biography and CV, whose sections are named in Portuguese.
    let home = built_text(dir.path(), "index.html");
    assert!(home.contains("Escreva sua biografia aqui"), "{home}");
    let cv = built_text(dir.path(), "cv/index.html");
    for fact in ["University of Zurich, Zurique, Suíça", "Prêmio Nobel"] {
        assert!(cv.contains(fact), "/cv/ lacks {fact:?}:\n{cv}");
    }
    let page = std::fs::read_to_string(dir.path().join("public/index.html")).unwrap();
    assert!(page.contains("<html lang=\"pt-br\""));
    // A language the site does not have: refused, naming those it has; nothing written.
    let other = tempfile::tempdir().unwrap();
    let r = run_in(
        other.path(),
        &["import", "al-folio", src, "--language", "fr"],
    );
    assert!(!r.ok());
    assert!(r.stderr.contains("it has en-us, pt-br"), "{}", r.stderr);
    assert!(!other.path().join("content").exists());
}

#[test]
fn an_academicpages_site_imports_with_one_command_and_builds() {
    // academicpages' own example content (tests/fixtures/academicpages/SOURCE.md).
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("academicpages");
    let r = run_in(
        dir.path(),
        &["import", "academicpages", src.to_str().unwrap()],
    );
    assert!(r.ok(), "{}", r.stderr);
    let cv = built_text(dir.path(), "cv/index.html");
    for fact in [
        "Your Sidebar Name",
        "Red Brick University",
        "Paper Title Number 1",
        "Journal 1, 2009",
        "Tutorial 1 on Relevant Topic in Your Field",
        "UC-Berkeley Institute for Testing Science",
        "Teaching experience 1",
        "Undergraduate course",
    ] {
        assert!(cv.contains(fact), "/cv/ lacks {fact:?}:\n{cv}");
    }
    // Every paper, talk and course; the papers' PDFs now on the new site; the posts, with the
    // future one as a draft.
    let csl: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("public/publications.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(csl.len(), 5);
    let paper = std::fs::read_to_string(
        dir.path()
            .join("public/publications/2009-10-01-paper-title-number-1/index.html"),
    )
    .unwrap();
    assert!(
        paper.contains("href=\"/files/paper1.pdf\""),
        "the PDF is the site's own"
    );
    assert!(dir.path().join("public/files/paper1.pdf").is_file());
    assert!(
        dir.path()
            .join("public/posts/blog-post-1/index.html")
            .is_file()
    );
    let future =
        std::fs::read_to_string(dir.path().join("content/posts/2199-01-01-future-post.md"))
            .unwrap();
    assert!(future.contains("draft: true"), "{future}");
    // The authors academicpages keeps only in its citations are reported, quoted.
    assert!(
        r.stderr.contains("2009-10-01-paper-title-number-1.md authors: set to you; the citation says: Your Name, You. (2009)"),
        "{}",
        r.stderr
    );
    let check = run_in(dir.path(), &["check"]);
    assert!(check.ok(), "{}", check.stderr);
}
