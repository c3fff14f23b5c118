//! The typst `World` the renderer compiles in: two embedded fonts, one
//! embedded template and one data file, and nothing else.
//!
//! typst asks its world for every file, font and the date. This world answers
//! only from memory: the template `report.typ` compiled into the crate, the
//! document as `/data.json`, the letterhead's logo (checked by `Logo::new`) as
//! `/logo.png` or `/logo.svg`, and the Vazirmatn fonts in `fonts/`. It never
//! reads the disk, the system fonts, the network (no packages) or the clock, so
//! a render is deterministic and works offline. The parts that do not change
//! between renders (standard library, parsed fonts, the parsed template) are
//! built once per process.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::document::{Logo, LogoFormat};

/// The layout of every report; reads the document from `/data.json`.
const TEMPLATE: &str = include_str!("report.typ");

/// Vazirmatn 33.0.3 (OFL-1.1), see `fonts/README.md`.
const FONT_FILES: [&[u8]; 2] = [
    include_bytes!("../fonts/Vazirmatn-Regular.ttf"),
    include_bytes!("../fonts/Vazirmatn-Bold.ttf"),
];

/// The virtual path the template reads the document from.
const DATA_PATH: &str = "/data.json";

/// What every render shares, built on first use.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
    data_id: FileId,
    png_logo_id: FileId,
    svg_logo_id: FileId,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    assert_eq!(
        fonts.len(),
        FONT_FILES.len(),
        "an embedded font did not parse"
    );
    let book = FontBook::from_fonts(&fonts);
    let main_id = project_file("/report.typ");
    Shared {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(book),
        fonts,
        main: Source::new(main_id, TEMPLATE.to_owned()),
        data_id: project_file(DATA_PATH),
        png_logo_id: project_file(LogoFormat::Png.path()),
        svg_logo_id: project_file(LogoFormat::Svg.path()),
    }
});

fn project_file(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a constant absolute path is valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// One render's world: the shared parts plus this document's data and logo.
pub(crate) struct ReportWorld {
    shared: &'static Shared,
    data: Bytes,
    logo: Option<(FileId, Bytes)>,
}

impl ReportWorld {
    /// A world whose `/data.json` holds `json`, with the letterhead's logo if any.
    pub(crate) fn new(json: Vec<u8>, logo: Option<&Logo>) -> Self {
        let shared: &'static Shared = &SHARED;
        let logo = logo.map(|logo| {
            let id = match logo.format() {
                LogoFormat::Png => shared.png_logo_id,
                LogoFormat::Svg => shared.svg_logo_id,
            };
            (id, logo.bytes().clone())
        });
        Self {
            shared,
            data: Bytes::new(json),
            logo,
        }
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.shared.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.shared.main.id() {
            Ok(self.shared.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.shared.data_id {
            Ok(self.data.clone())
        } else if id == self.shared.main.id() {
            Ok(Bytes::from_string(self.shared.main.clone()))
        } else if let Some((_, bytes)) = self.logo.as_ref().filter(|(logo, _)| *logo == id) {
            Ok(bytes.clone())
        } else {
            Err(FileError::NotFound(id.vpath().get_with_slash().into()))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    /// No clock: a report's content must not depend on when it was rendered.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
