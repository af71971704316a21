//! The JavaScript shape of every message between page and worker: `{ json, buffers, file? }`,
//! where `json` is a [`Request`](super::Request) or [`Response`](super::Response) as JSON text,
//! `buffers` are `ArrayBuffer`s transferred (not copied) beside it, and `file` is a dropped
//! `File`. Both sides build and open envelopes only here.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

/// A message ready to post, with the list of buffers to transfer.
pub struct Envelope {
    /// The object to post.
    pub message: Object,
    /// Its buffers, to pass as the transfer list.
    pub transfer: Array,
}

/// Wraps `json`, `buffers` (copied out of wasm memory) and an optional `file` into an envelope.
pub fn seal<'a>(
    json: String,
    buffers: impl IntoIterator<Item = &'a Vec<u8>>,
    file: Option<&web_sys::File>,
) -> Envelope {
    let message = Object::new();
    let transfer = Array::new();
    for bytes in buffers {
        transfer.push(&Uint8Array::from(bytes.as_slice()).buffer());
    }
    let set = |key: &str, value: &JsValue| {
        Reflect::set(&message, &key.into(), value).expect("setting a field of a plain object");
    };
    set("json", &json.into());
    set("buffers", &transfer);
    if let Some(file) = file {
        set("file", file);
    }
    Envelope { message, transfer }
}

/// The JSON text of a received envelope (empty when absent, which the reader then refuses).
pub fn json(message: &JsValue) -> String {
    Reflect::get(message, &"json".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// The buffers of a received envelope, left in JavaScript memory until read: each is copied
/// into wasm memory when asked for, so that a reader can spread the copies over its tasks (a
/// million sales lines copied at once held the page for tens of milliseconds) or skip them.
#[derive(Default)]
pub struct Buffers(Vec<Uint8Array>);

impl Buffers {
    /// How many buffers came.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether none came.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Buffer `i`, copied into wasm memory.
    pub fn copy(&self, i: usize) -> Option<Vec<u8>> {
        self.0.get(i).map(Uint8Array::to_vec)
    }

    /// Every buffer, copied into wasm memory.
    pub fn into_vecs(self) -> Vec<Vec<u8>> {
        self.0.iter().map(|b| b.to_vec()).collect()
    }
}

/// The buffers of a received envelope.
pub fn buffers(message: &JsValue) -> Buffers {
    Buffers(
        Reflect::get(message, &"buffers".into())
            .ok()
            .and_then(|b| b.dyn_into::<Array>().ok())
            .map(|a| a.iter().map(|b| Uint8Array::new(&b)).collect())
            .unwrap_or_default(),
    )
}

/// The dropped file of a received envelope, if it carries one.
pub fn file(message: &JsValue) -> Option<web_sys::File> {
    Reflect::get(message, &"file".into())
        .ok()
        .filter(|f| f.is_instance_of::<web_sys::File>())
        .map(JsCast::unchecked_into)
}
