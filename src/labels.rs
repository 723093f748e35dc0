//! Labels in the site's language: every fixed word of the theme and the PDF ("Publications",
//! "Present", month names), from a built-in table per language (`src/labels/*.yaml`) with the
//! site's own words (`labels:` in cvsite.yaml) over it, and dates written as that language
//! writes them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::content::date::{DateBound, PartialDate};

/// The built-in tables, by primary language subtag: the one list of languages cvsite speaks.
const TABLES: [(&str, &str); 13] = [
    ("en", include_str!("labels/en.yaml")),
    ("de", include_str!("labels/de.yaml")),
    ("fr", include_str!("labels/fr.yaml")),
    ("es", include_str!("labels/es.yaml")),
    ("pt", include_str!("labels/pt.yaml")),
    ("it", include_str!("labels/it.yaml")),
    ("zh", include_str!("labels/zh.yaml")),
    ("ja", include_str!("labels/ja.yaml")),
    ("ko", include_str!("labels/ko.yaml")),
    ("ru", include_str!("labels/ru.yaml")),
    ("ar", include_str!("labels/ar.yaml")),
    ("he", include_str!("labels/he.yaml")),
    ("fa", include_str!("labels/fa.yaml")),
];

/// Languages written right to left, by primary subtag (with or without a table of ours).
const RIGHT_TO_LEFT: [&str; 10] = ["ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"];

/// Declares the labels once: the table's struct, the overrides' struct (every label optional,
/// with the same documentation, for the schema), and the list of names.
macro_rules! labels {
    ($( $(#[doc = $doc:literal])+ $name:ident, )*) => {
        /// Every fixed text of the theme and the PDF, in one language; templates read them as
        /// `labels.NAME`, the PDF as `cv.labels.NAME`. `{name}`-style words are filled in.
        #[derive(Debug, Clone, Hash, Deserialize, Serialize)]
        #[serde(deny_unknown_fields)]
        pub struct Labels {
            $( $(#[doc = $doc])+ pub $name: String, )*
        }

        /// `labels:` in cvsite.yaml: your own words for any label of the theme and the PDF
        /// (a section's title, a menu entry), over the built-in table of the site's language.
        #[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct LabelOverrides {
            $(
                $(#[doc = $doc])+
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $name: Option<String>,
            )*
        }

        impl Labels {
            /// Puts the site's own words over the table's.
            fn apply(&mut self, o: &LabelOverrides) {
                $( if let Some(v) = &o.$name { self.$name = v.clone(); } )*
            }

            /// Each label with its name.
            pub fn each(&self) -> Vec<(&'static str, &str)> {
                vec![ $( (stringify!($name), self.$name.as_str()), )* ]
            }
        }

        impl LabelOverrides {
            /// Each label the site sets, with its name.
            pub fn each(&self) -> Vec<(&'static str, &str)> {
                let mut out = Vec::new();
                $( if let Some(v) = &self.$name { out.push((stringify!($name), v.as_str())); } )*
                out
            }
        }
    };
}

labels! {
    /// The link that skips the menu, for keyboards and screen readers.
    skip_to_content,
    /// The main menu's name, for screen readers.
    main_menu,
    /// The theme switch's name (light, dark or system), for screen readers.
    colour_theme,
    /// The light theme, as the switch names it.
    theme_light,
    /// The dark theme.
    theme_dark,
    /// The theme of the visitor's system.
    theme_system,
    /// The footer's last words.
    built_with,
    /// Menu: the home page.
    home,
    /// Menu and title: the CV page.
    cv,
    /// Menu and titles: the publication list, and the CV's section of it.
    publications,
    /// Menu and title: the projects page.
    projects,
    /// Menu and titles: the talks page, and the CV's section.
    talks,
    /// Menu and title: the posts page.
    posts,
    /// Menu and titles: the news page, and the home page's and CV's section.
    news,
    /// Menu, title and button of the search page.
    search,
    /// The CV page's description, for search engines.
    cv_description,
    /// The publication list's description.
    publications_description,
    /// A filtered publication list's description.
    publications_filter_description,
    /// The news page's description.
    news_description,
    /// The projects page's description.
    projects_description,
    /// The talks page's description.
    talks_description,
    /// The posts page's description.
    posts_description,
    /// The search page's description.
    search_description,
    /// The missing page's description.
    not_found_description,
    /// The missing page's title and heading.
    not_found,
    /// What the missing page says.
    not_found_text,
    /// The missing page's link home.
    go_home,
    /// The missing page's link to the CV.
    read_cv,
    /// The photo's description, for screen readers.
    portrait_of,
    /// The home page's button to the CV.
    curriculum_vitae,
    /// The short link to a PDF.
    pdf,
    /// The biography's name, for screen readers.
    biography,
    /// Section: research interests, on the home page and in the CV.
    research_interests,
    /// Section: research highlights (`projects.yaml`), on the home page and in the CV.
    research_highlights,
    /// The home page's link to the projects page.
    projects_in_detail,
    /// The home page's link to every news item.
    all_news,
    /// Section: the home page's selected publications.
    selected_publications,
    /// The home page's link to the publication list.
    all_publications,
    /// The CV page's button to its PDF.
    download_pdf,
    /// A CV variant's link back to the full CV.
    full_cv,
    /// Before the links to the CV's other versions.
    other_versions,
    /// Section: education.
    education,
    /// A degree with its field.
    degree_in,
    /// Before a thesis title.
    thesis,
    /// Grade point average.
    gpa,
    /// Before one advisor's name.
    supervisor,
    /// Before several advisors' names.
    supervisors,
    /// Section: experience.
    experience,
    /// Mentors of a past position.
    worked_with,
    /// Mentors of a current position.
    working_with,
    /// Between the names of a list but the last two.
    list_separator,
    /// Between the last two names of a list.
    list_and,
    /// Before the link to a full publication list elsewhere.
    full_publication_list,
    /// Section: awards and honours.
    awards,
    /// Section: teaching.
    teaching,
    /// Section: service.
    service,
    /// Section: skills.
    skills,
    /// An invited talk's badge.
    invited,
    /// The end of a range still going on ("2021 – Present").
    present,
    /// After a date still to come (a degree's).
    expected,
    /// Legend of `*`.
    equal_contribution,
    /// Legend of `†`.
    corresponding_author,
    /// A paper's abstract.
    abstract_text,
    /// A paper's citation section.
    cite,
    /// The button that copies a paper's BibTeX.
    copy_bibtex,
    /// The link that downloads a paper's BibTeX file.
    download_bib,
    /// Said when the BibTeX is copied.
    copied,
    /// Said when the browser refuses to copy.
    copy_failed,
    /// Before the links to every paper as BibTeX and CSL-JSON.
    download_all,
    /// The publication filters' name, for screen readers.
    filter_publications,
    /// The filter showing every paper.
    all,
    /// A paper's tags, for screen readers.
    tags,
    /// Where a preprint appeared.
    preprint,
    /// Type: conference papers.
    conference_papers,
    /// Type: journal articles.
    journal_articles,
    /// Type: workshop papers.
    workshop_papers,
    /// Type, and the year group of undated preprints.
    preprints,
    /// Type: theses.
    theses,
    /// Type: books.
    books,
    /// Type: book chapters.
    book_chapters,
    /// Type: patents.
    patents,
    /// Type: technical reports.
    technical_reports,
    /// Type: other.
    other,
    /// The year group of undated papers.
    undated,
    /// A paper's link: its code.
    code,
    /// A link: a project page.
    project,
    /// A paper's link: supplementary material.
    supplement,
    /// A paper's link: a blog post.
    blog,
    /// A link: slides.
    slides,
    /// A link: a video.
    video,
    /// A paper's link: a poster.
    poster,
    /// A paper's link: a web page.
    web,
    /// A talk's link: the event.
    event,
    /// A project card's list of papers.
    papers,
    /// The link to the Atom feed.
    subscribe,
    /// What the search field searches.
    search_what,
    /// Said on the search page without JavaScript.
    search_needs_js,
    /// How many results: `{count}`.
    results,
    /// Said when nothing is found.
    nothing_found,
    /// Said while the search index loads.
    loading,
    /// Said when the search index cannot load.
    search_failed,
    /// A search result that is a paper.
    paper,
    /// A search result that is a post.
    post,
    /// A search result that is a page.
    page,
    /// The comments under a post, for screen readers.
    comments,
    /// The language's name in itself, in the language switch of a site of several ("Deutsch").
    language_name,
}

/// How dates are written (`date_format` in cvsite.yaml).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DateFormat {
    /// Months abbreviated, as the language does: "Jun 2023", "5 Jun 2023".
    #[default]
    Short,
    /// Months in full: "June 2023".
    Long,
    /// ISO 8601, the same in every language: "2023-06", "2023-06-05".
    Iso,
}

/// Which way the site's language is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left (Arabic, Hebrew, Persian, ...).
    Rtl,
}

/// A built-in table: a language's labels and how it writes dates.
#[derive(Debug, Clone, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    /// Month names as written with a year alone ("June 2023").
    months: [String; 12],
    /// Their abbreviations.
    months_short: [String; 12],
    /// Month names as written with a day, where they differ (Russian "5 июня").
    #[serde(default)]
    months_of: Option<[String; 12]>,
    /// "{month} {year}".
    month_year: String,
    /// "{day} {month} {year}".
    day_month_year: String,
    /// The same with abbreviated months, where they differ (Spanish "jun. 2023", not
    /// "jun. de 2023").
    #[serde(default)]
    month_year_short: Option<String>,
    /// With a day and an abbreviated month, where it differs.
    #[serde(default)]
    day_month_year_short: Option<String>,
    labels: Labels,
}

/// The site's language: its labels (the table's, under the site's own) and its dates.
#[derive(Debug, Clone, Hash)]
pub struct Locale {
    /// The BCP 47 tag, as configured (`de-CH`).
    pub tag: String,
    /// Which way it is written.
    pub dir: Direction,
    /// Every label.
    pub labels: Labels,
    table: Table,
    format: DateFormat,
}

impl Locale {
    /// The locale of `language` (`de`, `pt-BR`), with the site's own labels over the built-in
    /// table; a language without a table takes English, and says so in `warning`.
    pub fn new(language: &str, overrides: &LabelOverrides, format: DateFormat) -> Locale {
        let primary = primary_subtag(language);
        let ours = (primary != "zh" || !is_traditional_chinese(language))
            .then(|| table(&primary))
            .flatten();
        let table = ours.unwrap_or_else(|| table("en").expect("English is built in"));
        let mut labels = table.labels.clone();
        labels.apply(overrides);
        Locale {
            tag: language.to_string(),
            dir: if RIGHT_TO_LEFT.contains(&primary.as_str()) {
                Direction::Rtl
            } else {
                Direction::Ltr
            },
            labels,
            table,
            format,
        }
    }

    /// What to tell when the language has no built-in table (or, for Chinese, not the script
    /// of ours): its labels are English where the site sets none.
    pub fn warning(language: &str, overrides: &LabelOverrides) -> Option<String> {
        let primary = primary_subtag(language);
        let traditional = primary == "zh" && is_traditional_chinese(language);
        if table(&primary).is_some() && !traditional {
            return None;
        }
        let set = overrides.each().len();
        let all = Labels::names().len();
        (set < all).then(|| {
            let known: Vec<&str> = TABLES.iter().map(|(code, _)| *code).collect();
            format!(
                "cvsite.yaml: cvsite has no labels in `{language}`{}; the {} labels `labels:` does \
                 not set are in English (built in: {})",
                if traditional {
                    " (Traditional Chinese)"
                } else {
                    ""
                },
                all - set,
                known.join(", ")
            )
        })
    }

    /// A date, as the language writes it: "Jun 2023", "5. Juni 2023", "2023年6月".
    pub fn date(&self, d: &PartialDate) -> String {
        let Some(m) = d.month else {
            return d.year.to_string();
        };
        if self.format == DateFormat::Iso {
            return d.iso();
        }
        let i = usize::from(m) - 1;
        let names = match (self.format, d.day, &self.table.months_of) {
            (DateFormat::Short, _, _) => &self.table.months_short,
            (_, Some(_), Some(of)) => of,
            _ => &self.table.months,
        };
        let t = &self.table;
        let short = self.format == DateFormat::Short;
        let pattern = match (d.day, short) {
            (Some(_), true) => t.day_month_year_short.as_ref(),
            (None, true) => t.month_year_short.as_ref(),
            _ => None,
        };
        let pattern = pattern.unwrap_or(match d.day {
            Some(_) => &t.day_month_year,
            None => &t.month_year,
        });
        fill(
            pattern,
            &[
                ("month", &names[i]),
                ("year", &d.year.to_string()),
                ("day", &d.day.map(|x| x.to_string()).unwrap_or_default()),
            ],
        )
    }

    /// A range the way a CV reads: "Jul 2021 – Dec 2024 (expected)", "Jan 2023 – Present".
    pub fn range(
        &self,
        start: Option<&PartialDate>,
        end: Option<&DateBound>,
        expected: bool,
    ) -> String {
        let present = &self.labels.present;
        let mut text = match (start, end) {
            (Some(s), Some(DateBound::Date(e))) if s == e => self.date(s),
            (Some(s), Some(DateBound::Date(e))) => format!("{} – {}", self.date(s), self.date(e)),
            (Some(s), Some(DateBound::Present)) => format!("{} – {present}", self.date(s)),
            (Some(s), None) => self.date(s),
            (None, Some(DateBound::Date(e))) => self.date(e),
            (None, Some(DateBound::Present)) => present.clone(),
            (None, None) => String::new(),
        };
        if expected && !text.is_empty() {
            text.push_str(&format!(" ({})", self.labels.expected));
        }
        text
    }

    /// The language as giscus names its translations: `zh-CN` for Chinese, else the primary
    /// subtag (`de`), English for one it lacks.
    pub fn giscus_lang(&self) -> String {
        match primary_subtag(&self.tag).as_str() {
            "zh" if is_traditional_chinese(&self.tag) => "zh-TW".to_string(),
            "zh" => "zh-CN".to_string(),
            "pt" => "pt".to_string(),
            p if table(p).is_some() => p.to_string(),
            _ => "en".to_string(),
        }
    }

    /// Joins names as the language does: "A, B and C".
    pub fn join(&self, items: &[impl AsRef<str>]) -> String {
        self.labels.join(items)
    }
}

/// `label` with each `{key}` replaced by its value.
pub fn fill(label: &str, values: &[(&str, &str)]) -> String {
    let mut out = label.to_string();
    for (key, value) in values {
        out = out.replace(&format!("{{{key}}}"), value);
    }
    out
}

impl Labels {
    /// Joins names as the language does: "A, B and C".
    pub fn join(&self, items: &[impl AsRef<str>]) -> String {
        match items {
            [] => String::new(),
            [one] => one.as_ref().to_string(),
            [init @ .., last] => {
                let head: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
                format!(
                    "{}{}{}",
                    head.join(&self.list_separator),
                    self.list_and,
                    last.as_ref()
                )
            }
        }
    }

    /// Every label's name.
    pub fn names() -> Vec<&'static str> {
        table("en")
            .expect("English is built in")
            .labels
            .each()
            .into_iter()
            .map(|(name, _)| name)
            .collect()
    }
}

/// `de` of `de-CH`, lower-cased.
fn primary_subtag(language: &str) -> String {
    let primary = language.split(['-', '_']).next().unwrap_or_default();
    primary.trim().to_ascii_lowercase()
}

/// `zh-Hant`, `zh-TW`, `zh-HK`, `zh-MO`: written in the script our Chinese table is not.
fn is_traditional_chinese(language: &str) -> bool {
    language
        .split(['-', '_'])
        .skip(1)
        .any(|s| ["hant", "tw", "hk", "mo"].contains(&s.to_ascii_lowercase().as_str()))
}

/// The built-in table of a primary subtag.
fn table(primary: &str) -> Option<Table> {
    let (_, text) = TABLES.iter().find(|(code, _)| *code == primary)?;
    Some(serde_yaml::from_str(text).expect("the built-in tables are checked by the tests"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<String> {
        let mut out: Vec<String> = s
            .split('{')
            .skip(1)
            .filter_map(|rest| Some(rest.split_once('}')?.0.to_string()))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn every_table_is_complete_and_keeps_the_placeholders() {
        let en = table("en").unwrap();
        for (code, text) in TABLES {
            let t: Table = serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{code}: {e}"));
            for ((name, ours), (_, theirs)) in t.labels.each().into_iter().zip(en.labels.each()) {
                assert!(!ours.trim().is_empty(), "{code}: `{name}` is empty");
                assert_eq!(
                    placeholders(ours),
                    placeholders(theirs),
                    "{code}: `{name}` must keep the placeholders of English"
                );
            }
            for pattern in [&t.month_year, &t.day_month_year] {
                assert!(
                    pattern.contains("{month}") && pattern.contains("{year}"),
                    "{code}"
                );
            }
            assert!(t.day_month_year.contains("{day}"), "{code}");
        }
    }

    fn d(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    #[test]
    fn dates_as_each_language_writes_them() {
        let none = LabelOverrides::default();
        let en = Locale::new("en", &none, DateFormat::Short);
        assert_eq!(en.date(&d("2023-06")), "Jun 2023");
        assert_eq!(en.date(&d("2023-06-05")), "5 Jun 2023");
        assert_eq!(en.date(&d("2023")), "2023");
        let long = Locale::new("en-GB", &none, DateFormat::Long);
        assert_eq!(long.date(&d("2023-06")), "June 2023");
        let iso = Locale::new("de", &none, DateFormat::Iso);
        assert_eq!(iso.date(&d("2023-06-05")), "2023-06-05");
        let de = Locale::new("de-AT", &none, DateFormat::Long);
        assert_eq!(de.date(&d("2023-06-05")), "5. Juni 2023");
        let es = Locale::new("es", &none, DateFormat::Short);
        assert_eq!(es.date(&d("2023-06")), "jun. 2023");
        let es = Locale::new("es", &none, DateFormat::Long);
        assert_eq!(es.date(&d("2023-06")), "junio de 2023");
        let zh = Locale::new("zh-CN", &none, DateFormat::Short);
        assert_eq!(zh.date(&d("2023-06")), "2023年6月");
        let ru = Locale::new("ru", &none, DateFormat::Long);
        assert_eq!(ru.date(&d("2023-06")), "июнь 2023");
        assert_eq!(ru.date(&d("2023-06-05")), "5 июня 2023");
        assert_eq!(
            de.range(Some(&d("2021-07")), Some(&DateBound::Present), false),
            format!("Juli 2021 – {}", de.labels.present)
        );
        assert_eq!(
            en.range(Some(&d("2021")), Some(&DateBound::Date(d("2025"))), true),
            "2021 – 2025 (expected)"
        );
        let (s, e) = (d("2021-07"), DateBound::Date(d("2024-12")));
        assert_eq!(en.range(Some(&s), None, false), "Jul 2021");
        assert_eq!(en.range(None, Some(&e), true), "Dec 2024 (expected)");
        assert_eq!(
            en.range(Some(&s), Some(&DateBound::Date(s)), false),
            "Jul 2021"
        );
        assert_eq!(en.range(None, None, true), "");
    }

    #[test]
    fn the_sites_own_words_win_and_direction_follows_the_language() {
        let own = LabelOverrides {
            news: Some("Neuigkeiten".into()),
            ..Default::default()
        };
        let de = Locale::new("de", &own, DateFormat::Short);
        assert_eq!(de.labels.news, "Neuigkeiten");
        assert_eq!(de.dir, Direction::Ltr);
        assert_eq!(
            Locale::new("ar-EG", &own, DateFormat::Short).dir,
            Direction::Rtl
        );
        assert_eq!(
            Locale::new("ur", &own, DateFormat::Short).dir,
            Direction::Rtl
        );
        assert_eq!(
            Locale::new("he", &own, DateFormat::Short).dir,
            Direction::Rtl
        );
        assert!(Locale::warning("de", &own).is_none());
        assert!(Locale::warning("nl", &own).unwrap().contains("`nl`"));
        assert!(Locale::warning("zh-TW", &own).is_some());
        assert!(Locale::warning("zh-Hans", &own).is_none());
        assert_eq!(Locale::new("nl", &own, DateFormat::Short).labels.cv, "CV");
        let en = Locale::new("en", &own, DateFormat::Short);
        assert_eq!(en.join(&["A", "B", "C"]), "A, B and C");
    }
}
