//! Writes every built-in template document into a folder, under the file names the web app fetches them by:
//! `template-assets <folder>`. The web build calls it (scripts/postbuild.mjs) because the app's own module
//! carries only the index of these files.

fn main() {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: template-assets <folder>");
        std::process::exit(2);
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("create the folder");
    let mut count = 0;
    for file in xzzp_templates::files() {
        let text = xzzp_templates::embedded_text(file).expect("built with the embed feature");
        std::fs::write(dir.join(file), text).expect("write a template file");
        count += 1;
    }
    println!("{count} template files in {}", dir.display());
}
