//! Hash indexes of the embedded lexicon tables (`data/*.tsv`, `data/cedict-names.txt`), written
//! to `OUT_DIR` for `src/lexicon.rs` to embed beside them (see `src/lexicon/slots.rs`).

#[allow(dead_code)]
#[path = "src/lexicon/slots.rs"]
mod slots;

const TABLES: [&str; 6] = [
    "cedict-en.tsv",
    "cedict-zh.tsv",
    "cedict-names.txt",
    "cedict-cores.tsv",
    "wordnet-synonyms.tsv",
    "wordnet-kinds.tsv",
];

fn main() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/lexicon/slots.rs");
    for table in TABLES {
        let path = std::path::Path::new("data").join(table);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        std::fs::write(out.join(format!("{table}.slots")), slots::build(&text))
            .unwrap_or_else(|error| panic!("writing the index of {table}: {error}"));
    }
}
