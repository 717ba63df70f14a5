//! 「压缩照片」: a smaller JPEG copy of a large photo, made in the page when the user asks for it (the original
//! is what is kept by default).
//!
//! The photo is decoded by an `<img>` from an object URL (which applies its EXIF orientation, so the copy
//! stands as the user sees it), drawn on an `HTMLCanvasElement` with the longer edge at most
//! [`SHRINK_MAX_EDGE`] over white (a transparent PNG does not turn black), and encoded with
//! `HTMLCanvasElement.toBlob` as JPEG at [`SHRINK_JPEG_QUALITY`]. All of it exists in Chromium 86;
//! `OffscreenCanvas` and `convertToBlob` are not used.

use js_sys::{Array, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use xzzp_core::evidence::limits::{shrink_size, SHRINK_JPEG_QUALITY};
use xzzp_core::evidence::Shrunk;

/// A photo made smaller: the new file (JPEG, named `…​.jpg`) and what was done.
pub struct ShrunkPhoto {
    /// The copy to store instead of the original.
    pub file: web_sys::File,
    /// Sizes before and after.
    pub shrunk: Shrunk,
}

/// Decodes an image file in an `<img>`.
async fn decode(file: &web_sys::Blob) -> Result<web_sys::HtmlImageElement, JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(file)?;
    let img = web_sys::HtmlImageElement::new()?;
    let loaded = Promise::new(&mut |ok, fail| {
        img.set_onload(Some(&ok));
        img.set_onerror(Some(&fail));
    });
    img.set_src(&url);
    let result = JsFuture::from(loaded).await;
    img.set_onload(None);
    img.set_onerror(None);
    let _ = web_sys::Url::revoke_object_url(&url);
    result.map(|_| img)
}

/// Encodes a canvas as JPEG through `toBlob` (a callback turned into a promise).
async fn to_jpeg(canvas: &web_sys::HtmlCanvasElement) -> Result<web_sys::Blob, JsValue> {
    let mut failed: Option<JsValue> = None;
    let done = Promise::new(&mut |ok, fail| {
        let cb = Closure::once_into_js(move |blob: JsValue| {
            let _ = if blob.is_null() {
                fail.call1(&JsValue::NULL, &JsValue::from_str("toBlob gave no image"))
            } else {
                ok.call1(&JsValue::NULL, &blob)
            };
        });
        if let Err(e) = canvas.to_blob_with_type_and_encoder_options(
            cb.unchecked_ref(),
            "image/jpeg",
            &JsValue::from_f64(SHRINK_JPEG_QUALITY),
        ) {
            failed = Some(e);
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    Ok(JsFuture::from(done).await?.unchecked_into())
}

/// The name of the copy: the same stem with `.jpg`.
fn jpeg_name(name: &str) -> String {
    let stem = xzzp_core::file_name::stem(name);
    if stem.is_empty() {
        "照片.jpg".into()
    } else {
        format!("{stem}.jpg")
    }
}

/// Makes the smaller copy of a photo, or `Ok(None)` when the copy would not be smaller (the original is then
/// kept). An image the browser cannot decode is an error.
pub async fn shrink(file: &web_sys::File) -> Result<Option<ShrunkPhoto>, JsValue> {
    let img = decode(file).await?;
    let (w, h) = (img.natural_width(), img.natural_height());
    if w == 0 || h == 0 {
        return Err(JsValue::from_str("no pixels"));
    }
    let (nw, nh) = shrink_size(w, h).unwrap_or((w, h));
    let canvas: web_sys::HtmlCanvasElement = leptos::prelude::document()
        .create_element("canvas")?
        .unchecked_into();
    canvas.set_width(nw);
    canvas.set_height(nh);
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .unchecked_into();
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, nw as f64, nh as f64);
    ctx.set_image_smoothing_enabled(true);
    ctx.draw_image_with_html_image_element_and_dw_and_dh(&img, 0.0, 0.0, nw as f64, nh as f64)?;
    let blob = to_jpeg(&canvas).await?;
    // Free the canvas's pixels now rather than at the next collection: a 12-megapixel photo is 48 MB of them.
    canvas.set_width(0);
    canvas.set_height(0);
    if blob.size() >= file.size() {
        return Ok(None);
    }
    let opts = web_sys::FilePropertyBag::new();
    opts.set_type("image/jpeg");
    opts.set_last_modified(file.last_modified());
    let copy = web_sys::File::new_with_blob_sequence_and_options(
        &Array::of1(&blob),
        &jpeg_name(&file.name()),
        &opts,
    )?;
    Ok(Some(ShrunkPhoto {
        file: copy,
        shrunk: Shrunk {
            original_size: file.size() as u64,
            original_width: w,
            original_height: h,
            width: nw,
            height: nh,
        },
    }))
}
