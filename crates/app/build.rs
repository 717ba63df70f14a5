//! The release module keeps its relocations, which the post-build step needs to split it into parts loaded on
//! demand (scripts/postbuild.mjs, crates/app/src/later.rs). Only the application's own binary: the tests and
//! the spreadsheet worker are not split.
fn main() {
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    let release = std::env::var("PROFILE").is_ok_and(|p| p == "release");
    if wasm && release {
        println!("cargo:rustc-link-arg-bin=school-self-eval=--emit-relocs");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
