//! Typst as a library: a minimal `World` holding the template, the CV data and the fonts
//! that ship inside the binary, with the site's own (`fonts/`) after them for the scripts ours
//! lack; no system fonts, no downloads: the same PDF on every machine.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, Severity};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::layout::{Frame, FrameItem};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

use crate::diagnostics::{SourceError, SourceFile};

/// The font files built into the binary: only what the CV uses (Libertinus Serif for the text,
/// New Computer Modern Math for formulas, DejaVu Sans Mono for code). All of typst-assets' fonts
/// would add 6 MB to every download; licences in `fonts/NOTICE`.
const FONT_FILES: [&[u8]; 9] = [
    include_bytes!("fonts/LibertinusSerif-Regular.otf"),
    include_bytes!("fonts/LibertinusSerif-Italic.otf"),
    include_bytes!("fonts/LibertinusSerif-Bold.otf"),
    include_bytes!("fonts/LibertinusSerif-BoldItalic.otf"),
    include_bytes!("fonts/LibertinusSerif-Semibold.otf"),
    include_bytes!("fonts/LibertinusSerif-SemiboldItalic.otf"),
    include_bytes!("fonts/NewCMMath-Book.otf"),
    include_bytes!("fonts/DejaVuSansMono.ttf"),
    // Code in a paper's (semibold) title.
    include_bytes!("fonts/DejaVuSansMono-Bold.ttf"),
];

/// The embedded fonts, loaded once.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

struct CvWorld {
    main: Source,
    data: Bytes,
    /// The built-in fonts and the site's, when it has any (else the built-in book is used).
    fonts: Option<(LazyHash<FontBook>, Vec<Font>)>,
}

/// The built-in fonts followed by the site's, or `None` when the site has none.
fn with_site_fonts(site: &super::SiteFonts) -> Option<(LazyHash<FontBook>, Vec<Font>)> {
    let mut fonts = FONTS.1.clone();
    fonts.extend(
        site.files()
            .flat_map(|(_, b)| Font::iter(Bytes::new(b.clone()))),
    );
    (fonts.len() > FONTS.1.len()).then(|| (LazyHash::new(FontBook::from_fonts(&fonts)), fonts))
}

/// The characters a typeset document drew with no glyph (a font's "missing" box): no font of
/// the PDF has them. In the order met, each once.
fn missing_glyphs(document: &PagedDocument) -> Vec<char> {
    fn walk(frame: &Frame, seen: &mut std::collections::HashSet<char>, out: &mut Vec<char>) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => walk(&group.frame, seen, out),
                FrameItem::Text(text) => {
                    let boxes = text.glyphs.iter().filter(|g| g.id == 0);
                    let chars = boxes.flat_map(|g| text.text[g.range()].chars());
                    out.extend(chars.filter(|c| !c.is_whitespace() && seen.insert(*c)));
                }
                _ => {}
            }
        }
    }
    let (mut seen, mut out) = (Default::default(), Vec::new());
    for page in document.pages() {
        walk(&page.frame, &mut seen, &mut out);
    }
    out
}

/// A typeset PDF, and the characters in it that no font had (see [`missing_glyphs`]).
pub struct Typeset {
    /// The PDF file.
    pub pdf: Vec<u8>,
    /// Characters shown as empty boxes.
    pub missing: Vec<char>,
}

fn file_id(path: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("valid virtual path"),
    )
    .intern()
}

impl World for CvWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.as_ref().map_or(&FONTS.0, |(book, _)| book)
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().get_without_slash().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == file_id("cv.json") {
            Ok(self.data.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(FileError::NotFound(id.vpath().get_without_slash().into()))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        let fonts = self.fonts.as_ref().map_or(&FONTS.1, |(_, f)| f);
        fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // Builds are reproducible: a template cannot read the clock.
        None
    }
}

/// Typesets `template` (Typst source) with `data` (the CV as JSON) into a PDF, with the
/// built-in fonts and the site's; a Typst error is reported at its line and column in the
/// template.
pub fn compile(
    template: &SourceFile,
    data: String,
    fonts: &super::SiteFonts,
    ident: &str,
) -> Result<Typeset, SourceError> {
    let world = CvWorld {
        main: Source::new(file_id("cv.typ"), template.text.to_string()),
        data: Bytes::from_string(data),
        fonts: with_site_fonts(fonts),
    };
    let at = |span: typst::syntax::DiagSpan| -> (usize, usize) {
        world
            .range(span)
            .filter(|_| span.id() == Some(world.main.id()))
            .and_then(|r| world.main.lines().byte_to_line_column(r.start))
            .map_or((1, 1), |(l, c)| (l + 1, c + 1))
    };
    let report = |diags: &[typst::diag::SourceDiagnostic]| -> SourceError {
        let first = diags
            .iter()
            .find(|d| d.severity == Severity::Error)
            .unwrap_or(&diags[0]);
        let (line, column) = at(first.span);
        let hints: Vec<String> = first.hints.iter().map(|h| h.v.to_string()).collect();
        template
            .error_at(line, column, format!("Typst error: {}", first.message))
            .with_help((!hints.is_empty()).then(|| hints.join("; ")))
    };
    let document = typst::compile::<PagedDocument>(&world).output;
    let pdf = document.map_err(|e| report(&e)).and_then(|document| {
        let options = typst_pdf::PdfOptions {
            ident: Smart::Custom(ident.to_string()),
            ..Default::default()
        };
        let pdf = typst_pdf::pdf(&document, &options).map_err(|e| report(&e))?;
        let missing = missing_glyphs(&document);
        Ok(Typeset { pdf, missing })
    });
    // Typst memoizes its work in a process-wide cache, which grows with every compile of new
    // data unless told to forget: a long preview would hold every PDF it ever made (40 edits of
    // a 1,000-paper site took it from 240 MB to 1.3 GB). Results unused by the last 3
    // compiles are dropped (typst-cli keeps 10 when watching; with 3 the preview of that site
    // held 335 MB after 40 edits against 440 MB with 10, and the next PDF still took 0.1 s,
    // not 0.6).
    typst::comemo::evict(3);
    pdf
}
