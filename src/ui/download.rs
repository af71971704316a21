//! Saving bytes produced in the page (a report, a backup) as a file the user downloads.

use wasm_bindgen::JsCast;

/// Offers `bytes` as a download named `file_name` of MIME type `mime`.
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let document = leptos::prelude::document();
    if let Ok(anchor) = document.create_element("a") {
        let anchor: web_sys::HtmlAnchorElement = anchor.unchecked_into();
        anchor.set_href(&url);
        anchor.set_download(file_name);
        anchor.click();
    }
    // Revoked later: revoking at once may cancel the download before the browser starts it.
    gloo::timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

/// Offers the resource at `url` (a `data:` or `blob:` address) as a download named `file_name`.
pub fn download_url(file_name: &str, url: &str) {
    let document = leptos::prelude::document();
    if let Ok(anchor) = document.create_element("a") {
        let anchor: web_sys::HtmlAnchorElement = anchor.unchecked_into();
        anchor.set_href(url);
        anchor.set_download(file_name);
        anchor.click();
    }
}
