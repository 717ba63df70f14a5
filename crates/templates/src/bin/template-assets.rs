//! Writes every built-in template document into a folder, under the file names the web app fetches them by:
//! `template-assets <folder>`. The web build calls it (scripts/postbuild.mjs) because the app's own module
//! carries only the index of these files. It prints one line per file, `<file> <id>`, the id of the framework or
//! plan template the file belongs to (the boot script fetches early those the stored data names).

fn main() {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: template-assets <folder>");
        std::process::exit(2);
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("create the folder");
    let mut count = 0;
    for id in xzzp_templates::template_ids() {
        for file in xzzp_templates::files_for(id) {
            let text = xzzp_templates::embedded_text(file).expect("built with the embed feature");
            std::fs::write(dir.join(file), text).expect("write a template file");
            println!("{file} {id}");
            count += 1;
        }
    }
    eprintln!("{count} template files in {}", dir.display());
}
