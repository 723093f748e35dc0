//! `/cv.pdf`: typeset with Typst from the same content, checked with poppler's tools.
#![cfg(feature = "pdf")]

mod common;

use std::path::Path;
use std::process::Command;

use common::{Site, fixture, poppler};

fn info(pdf: &Path, extra: &[&str]) -> String {
    let out = Command::new("pdfinfo")
        .args(extra)
        .arg(pdf)
        .output()
        .expect("pdfinfo (bash tests/setup.sh)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The PDF's text, whitespace collapsed and quotes made plain.
fn text(pdf: &Path) -> String {
    let raw = poppler("pdftotext", &["-enc", "UTF-8"], pdf);
    raw.replace(['’', '‘'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_example_cv_pdf_carries_the_seed() {
    let site = Site::example();
    site.build_ok();
    let pdf = site.path("public/cv.pdf");
    let text = text(&pdf);
    let facts = [
        "Fuzhao Xue",
        "Ph.D. Candidate, National University of Singapore",
        "+65 83434586",
        "xuefuzhao@outlook.com",
        "Doctor of Philosophy (Ph.D.) in Computer Science",
        "Jul 2021 – Dec 2024 (expected)",
        "Supervisor: Yang You",
        "Thesis: Towards Efficient Transformer Scaling",
        "Google Ph.D. Fellowship",
        "President's Graduate Fellowship",
        "AAAI 2023 Distinguished Paper Award (Co-author)",
        "Master of Engineering (M.Eng.) in Computer Science and Engineering",
        "Supervisors: Eng-Siong Chng and Aixin Sun",
        "GPA: 5.0/5.0",
        "Machine Learning: Foundation Model Scaling, Conditional Computation, Adaptive Computation",
        "OpenMoE: An Early Effort on Open Mixture-of-Experts Language Models",
        "Fuzhao Xue, Zian Zheng, Yao Fu, Jinjie Ni, Zangwei Zheng, Wangchunshu Zhou and Yang You",
        "To Repeat or Not To Repeat: Insights from Scaling LLM under Token-Crisis",
        "NeurIPS 2023",
        "Adaptive Computation with Elastic Input Sequence",
        "Shenggui Li*, Fuzhao Xue*, Yongbin Li and Yang You",
        "ACL 2023",
        "Go Wider Instead of Deeper",
        "AAAI 2022",
        "* Equal contribution",
        "Industry Research",
        "Research Intern, Remote from Singapore",
        "Jan 2023 – Present",
        "Student Researcher, Remote from Singapore",
        "Academic Research",
        "Oct 2019 – Apr 2020",
        "Modeled relational thinking via Deep Graph Process, reducing WER by 10% relatively on Chime2&5 and SWBD.",
        "Python, C/C++, C#, Matlab",
        "T5x, Flaxfomer, Scenic, SeqIO, Deepspeed, Megatron, Huggingface",
        "Conference 2024: ICLR Reviewer, ICML Reviewer, COLM Reviewer",
        "Journal: TKDE Reviewer",
    ];
    let missing: Vec<&&str> = facts.iter().filter(|f| !text.contains(**f)).collect();
    assert!(
        missing.is_empty(),
        "cv.pdf lacks {missing:#?}\n\nit reads:\n{text}"
    );

    let info = info(&pdf, &[]);
    assert!(
        info.contains("Title:           Fuzhao Xue – Curriculum vitae"),
        "{info}"
    );
    assert!(info.contains("Author:          Fuzhao Xue"), "{info}");
    assert!(
        info.contains("Pages:           2\n"),
        "the seed CV fits on two pages: {info}"
    );
    assert!(info.contains("(A4)"), "{info}");
    // Clickable links, embedded fonts.
    let urls = info_urls(&pdf);
    assert!(
        urls.contains("mailto:xuefuzhao@outlook.com")
            && urls.contains("https://xuefuzhao.github.io/publications/xue2023adatape/"),
        "{urls}"
    );
    let fonts = poppler("pdffonts", &[], &pdf);
    assert!(
        fonts.lines().count() > 2 && fonts.lines().skip(2).all(|l| l.contains(" yes ")),
        "every font embedded:\n{fonts}"
    );
    // The site links to it.
    assert!(site.out("cv/index.html").contains("href=\"/cv.pdf\""));
    assert!(site.out("index.html").contains("href=\"/cv.pdf\""));
}

fn info_urls(pdf: &Path) -> String {
    info(pdf, &["-url"])
}

#[test]
fn letter_paper_and_every_section() {
    let site = Site::copy_of(&fixture("full"));
    site.edit("cvsite.yaml", "cv:\n", "cv:\n  paper: letter\n");
    site.build_ok();
    let pdf = site.path("public/cv.pdf");
    assert!(info(&pdf, &[]).contains("(letter)"));
    let text = text(&pdf);
    for fact in [
        "Young Researcher Award",
        "Proofs at Scale (Invited)",
        "CS101 Introduction to Proofs",
        "Conference 2023: EXC Program Chair",
        "Languages OCaml, Rust",
        "Started the Verification Lab.",
        "Bob Coauthor*, Ada Example* and Carol Senior†",
        "† Corresponding author",
        "Proofs & Refutations at Scale",
    ] {
        assert!(text.contains(fact), "cv.pdf lacks {fact:?}:\n{text}");
    }
}

#[test]
fn a_broken_typst_template_names_its_file_and_line() {
    let site = Site::copy_of(&fixture("full"));
    site.build_ok();
    let before = site.snapshot();
    site.write(
        "templates/cv.typ",
        "#let cv = json(\"cv.json\")\n= #cv.profile.name\n#cv.profile.nmae\n",
    );
    let r = site.run(&["build"]);
    assert_eq!(r.status, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("templates/cv.typ:3:"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("Typst error: dictionary does not contain key \"nmae\""),
        "{}",
        r.stderr
    );
    assert_eq!(before, site.snapshot(), "the previous output stays");
    // A syntax error, too.
    site.write("templates/cv.typ", "#let x = (\n");
    let r = site.run(&["build"]);
    assert_eq!(r.status, Some(1));
    assert!(r.stderr.contains("templates/cv.typ:"), "{}", r.stderr);
    assert!(r.stderr.contains("Typst error"), "{}", r.stderr);
}

#[test]
fn text_from_content_cannot_inject_typst_markup() {
    let site = Site::copy_of(&fixture("full"));
    site.edit(
        "content/awards.yaml",
        "title: Young Researcher Award",
        "title: 'Award #panic(\"x\") $x^2$ *not bold*'",
    );
    site.build_ok();
    let text = text(&site.path("public/cv.pdf"));
    assert!(
        text.contains("Award #panic(\"x\") $x^2$ *not bold*"),
        "{text}"
    );
}

#[test]
fn cv_variants_build_their_page_and_pdf() {
    let site = Site::copy_of(&fixture("full"));
    site.build_ok();
    // The fixture's `short` variant: education and publications only, no `minor` entries,
    // selected papers only.
    let short = common::text_of(&site.out("cv/short/index.html"));
    assert!(short.contains("Short CV"), "{short}");
    assert!(short.contains("Doctor of Philosophy (Ph.D.) in Computer Science"));
    assert!(
        !short.contains("Bachelor of Science"),
        "a `minor` entry left in"
    );
    assert!(short.contains("Proofs & Refutations at Scale"));
    assert!(
        !short.contains("Types for Everyone"),
        "an unselected paper left in"
    );
    assert!(
        !short.contains("Young Researcher Award") && !short.contains("CS101"),
        "sections not in the variant"
    );
    let full = common::text_of(&site.out("cv/index.html"));
    assert!(
        full.contains("Bachelor of Science") && full.contains("Types for Everyone"),
        "the full CV keeps everything"
    );
    assert!(
        site.out("cv/index.html")
            .contains("href=\"/lab/cv/short/\""),
        "the full CV links to the variant"
    );
    assert!(
        site.out("sitemap.xml")
            .contains("https://ada.example.org/lab/cv/short/")
    );
    let pdf = site.path("public/cv-short.pdf");
    let text = text(&pdf);
    assert!(
        text.contains("Proofs & Refutations at Scale")
            && !text.contains("Bachelor of Science")
            && !text.contains("TEACHING"),
        "{text}"
    );
    assert!(info(&pdf, &[]).contains("Pages:           1\n"));
}

#[test]
fn a_variant_name_must_fit_a_url() {
    let site = Site::copy_of(&fixture("full"));
    site.edit("cvsite.yaml", "    short:\n", "    Short CV:\n");
    let r = site.run(&["build"]);
    assert_eq!(r.status, Some(1));
    assert!(
        r.stderr
            .contains("cvsite.yaml:10:5: `Short CV` cannot name a CV variant"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("e.g. `short-cv`"), "{}", r.stderr);
}

#[test]
fn the_pdf_data_carries_styled_runs_and_no_html() {
    // A template that prints the data it is given: no HTML may reach the PDF, only runs.
    let site = Site::copy_of(&fixture("full"));
    site.write(
        "templates/cv.typ",
        "#let cv = json(\"cv.json\")\n#set page(width: 40cm, height: auto)\n#raw(repr((cv.education, cv.experience, cv.awards, cv.teaching, cv.profile.bio)))\n",
    );
    site.build_ok();
    let text = text(&site.path("public/cv.pdf"));
    assert!(text.contains("Best Thesis"), "{text}");
    assert!(
        text.contains("italic: true"),
        "the emphasis arrives as a run: {text}"
    );
    for tag in ["<em>", "<strong>", "<p>", "&lt;", "&amp;"] {
        assert!(!text.contains(tag), "{tag} reached the PDF data: {text}");
    }
}

#[test]
fn formulas_are_typeset_as_math_and_stay_data() {
    // Titles and venues from BibTeX keep their math; a formula holding Typst's syntax is
    // typeset as those characters, never run.
    let site = Site::copy_of(&fixture("full"));
    site.write(
        "content/publications.bib",
        r##"@article{math1, title = {The {$\alpha$}-test in $O(n^2)$ with $\frac{a}{b}$ and \texttt{grep}}, author = {Test, Ada}, journal = {Annals of {$\mathbb{R}$}}, year = 2020}
@article{math2, title = {Odd $\text{#panic("x")} \# x_{\mathrm{max}}$ and $\begin{pmatrix}a&b\end{pmatrix}$}, author = {Test, Ada}, journal = {J}, year = 2019}
"##,
    );
    site.build_ok();
    let text = text(&site.path("public/cv.pdf"));
    // Math italic letters (𝛼, 𝑛) are Typst's math fonts at work, not text that looks alike.
    assert!(
        text.contains("The 𝛼-test in 𝑂(𝑛2 ) with 𝑎𝑏"),
        "the formulas are typeset: {text}"
    );
    assert!(text.contains("Annals of ℝ"), "math in a venue: {text}");
    assert!(text.contains("#panic(\"x\") #𝑥max"), "{text}");
    // The binary embeds only the fonts the CV needs: each of them is found and embedded.
    let fonts = poppler("pdffonts", &[], &site.path("public/cv.pdf"));
    for font in [
        "LibertinusSerif-Regular",
        "NewCMMath-Book",
        "DejaVuSansMono-Bold",
    ] {
        assert!(fonts.contains(font), "{font} missing:\n{fonts}");
    }
    for latex in ["\\alpha", "\\frac", "$", "pmatrix"] {
        assert!(!text.contains(latex), "{latex} printed: {text}");
    }
}

#[test]
fn no_pdf_leaves_out_the_pdfs_and_their_links() {
    let site = Site::copy_of(&fixture("full"));
    let r = site.run(&["build", "--no-pdf"]);
    assert!(r.ok(), "{}", r.stderr);
    assert!(!site.path("public/cv.pdf").exists());
    let cv = site.out("cv/index.html");
    assert!(
        !cv.contains("cv.pdf\"") && !cv.contains("cv-short.pdf\""),
        "no link to a PDF that is not there"
    );
    // The same from cvsite.yaml; and a build without either has them.
    site.build_ok();
    assert!(site.path("public/cv.pdf").is_file());
    assert!(site.out("cv/index.html").contains("cv.pdf\""));
    site.edit("cvsite.yaml", "cv:\n", "cv:\n  pdf: false\n");
    let r = site.run(&["build"]);
    assert!(r.ok(), "{}", r.stderr);
    assert!(!site.path("public/cv.pdf").exists());
    assert!(
        !site.path("public/cv-short.pdf").exists(),
        "nor the variants'"
    );
}

#[test]
fn entries_keep_their_details_apart_and_highlights_do_not_repeat_papers() {
    let site = Site::copy_of(&fixture("full"));
    site.build_ok();
    // -layout keeps lines: an award's description is not on its issuer's line.
    let layout = poppler(
        "pdftotext",
        &["-enc", "UTF-8", "-layout"],
        &site.path("public/cv.pdf"),
    );
    let issuer = layout
        .lines()
        .find(|l| l.contains("Example Society"))
        .expect("the award's issuer");
    assert!(!issuer.contains("For work on"), "{issuer}");
    assert!(layout.contains("For work on"), "{layout}");
    // The highlighted paper is named there and listed in full once, under Publications.
    let text = text(&site.path("public/cv.pdf"));
    assert_eq!(
        text.matches("Proofs & Refutations at Scale").count(),
        2,
        "{text}"
    );
    assert_eq!(text.matches("Bob Coauthor").count(), 1, "{text}");
}
