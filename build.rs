//! Embeds the default theme (`templates/` and `static/`) into the binary, so `cvsite` works in any
//! folder. The file list is generated here so a new theme file needs no code change.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use walkdir::WalkDir;

fn main() {
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let manifest = Path::new(&manifest);
    let mut out = String::new();
    for (dir, konst, macro_name, ty) in [
        ("templates", "TEMPLATES", "include_str", "&str"),
        ("static", "STATIC_FILES", "include_bytes", "&[u8]"),
    ] {
        let root = manifest.join(dir);
        println!("cargo:rerun-if-changed={}", root.display());
        writeln!(
            out,
            "/// The default theme's `{dir}/` files: (path relative to `{dir}/`, contents)."
        )
        .unwrap();
        writeln!(out, "pub static {konst}: &[(&str, {ty})] = &[").unwrap();
        let mut files: Vec<_> = WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect();
        files.sort();
        for path in files {
            let rel = path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            writeln!(
                out,
                "    ({rel:?}, {macro_name}!({:?})),",
                path.display().to_string()
            )
            .unwrap();
        }
        writeln!(out, "];").unwrap();
    }
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("theme.rs");
    fs::write(dest, out).expect("write theme.rs");
}
