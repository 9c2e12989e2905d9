//! Embeds the default model when the repository has one (`model/fr-news.glner`); a
//! build without it has no default model and says so at run time.

fn main() {
    let model = std::path::Path::new("model/fr-news.glner");
    println!("cargo::rerun-if-changed=model/fr-news.glner");
    println!("cargo::rustc-check-cfg=cfg(glose_default_model)");
    if model.is_file() {
        println!("cargo::rustc-cfg=glose_default_model");
    }
}
