//! Knowledge folders for the tests that reload: a fresh copy of the small good pack per test,
//! and edits to it as a moderator would make them.

use std::path::{Path, PathBuf};

/// The small good pack every reload test starts from.
pub const GOOD_PACK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/good-mini");

/// A fresh folder `group/test` under Cargo's test temp dir, holding a copy of [`GOOD_PACK`].
pub fn knowledge_folder(group: &str, test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(group)
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the knowledge folder");
    copy_pack(Path::new(GOOD_PACK), &dir);
    dir
}

/// Copies a pack's manifest and source, as the small packs name them.
pub fn copy_pack(from: &Path, to: &Path) {
    for file in ["pack.toml", "source.txt"] {
        std::fs::copy(from.join(file), to.join(file)).expect("copy the pack");
    }
}

/// Replaces `before` with `after` in both the manifest and the source, which must both hold it.
pub fn replace_in_pack(dir: &Path, before: &str, after: &str) {
    for file in ["pack.toml", "source.txt"] {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).expect("read the pack");
        assert!(text.contains(before), "{file} holds {before:?}");
        std::fs::write(&path, text.replace(before, after)).expect("write the pack");
    }
}
