//! The protocol between glose and an isolated plugin host: frames of a 4-byte
//! little-endian length and a JSON message, over the child's stdin (requests) and a
//! private copy of its original stdout (responses).

use std::io::{self, Read, Write};

use glose_core::{Annotation, Attrs, Diagnostic, EntityId, Label, Span};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The largest frame either side accepts (a document of tens of megabytes with millions
/// of annotations still fits).
pub(crate) const MAX_FRAME: usize = 1 << 30;

/// An annotation on the wire.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct WireAnnotation {
    pub(crate) s: usize,
    pub(crate) e: usize,
    pub(crate) l: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub(crate) t: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) n: Option<String>,
    #[serde(default, skip_serializing_if = "Attrs::is_empty")]
    pub(crate) a: Attrs,
    pub(crate) c: f32,
}

impl WireAnnotation {
    pub(crate) fn from_annotation(a: &Annotation) -> Self {
        WireAnnotation {
            s: a.span.start,
            e: a.span.end,
            l: a.label.as_str().to_owned(),
            t: a.tagger.to_owned(),
            n: a.entity.as_ref().map(|e| e.as_str().to_owned()),
            a: a.attrs.clone(),
            c: a.confidence,
        }
    }

    /// The annotation, with `label` already checked by the caller.
    pub(crate) fn into_annotation(self, label: Label) -> Annotation {
        let mut a = Annotation::new(Span::new(self.s, self.e), label).with_confidence(self.c);
        a.entity = self.n.map(|n| EntityId::new(&n));
        a.attrs = self.a;
        a
    }
}

/// glose → plugin host.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum Request {
    Tag {
        path: String,
        text: String,
        annotations: Vec<WireAnnotation>,
    },
}

/// What a loaded plugin says it is.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Identity {
    pub(crate) name: String,
    pub(crate) version: String,
    pub(crate) description: String,
    /// The ABI version it was built against.
    pub(crate) abi: (u32, u32),
}

/// Plugin host → glose.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum Response {
    /// The plugin loaded: what it is.
    Ready {
        plugin: Identity,
        requires: Vec<String>,
        provides: Vec<String>,
    },
    /// The plugin could not be loaded.
    StartFailed {
        message: String,
    },
    Tagged {
        annotations: Vec<WireAnnotation>,
        diagnostics: Vec<Diagnostic>,
    },
    Failed {
        message: String,
    },
    Cancelled,
}

pub(crate) fn write_frame(w: &mut impl Write, message: &impl Serialize) -> io::Result<()> {
    let bytes = serde_json::to_vec(message).map_err(io::Error::other)?;
    if bytes.len() > MAX_FRAME {
        return Err(io::Error::other(format!(
            "message of {} bytes is too large",
            bytes.len()
        )));
    }
    w.write_all(&(bytes.len() as u32).to_le_bytes())?;
    w.write_all(&bytes)?;
    w.flush()
}

/// Reads a frame; `None` at a clean end of stream.
pub(crate) fn read_frame<T: DeserializeOwned>(r: &mut impl Read) -> io::Result<Option<T>> {
    let mut len = [0u8; 4];
    let mut got = 0;
    while got < 4 {
        match r.read(&mut len[got..])? {
            0 if got == 0 => return Ok(None),
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => got += n,
        }
    }
    let len = u32::from_le_bytes(len) as usize;
    if len > MAX_FRAME {
        return Err(io::Error::other(format!(
            "frame of {len} bytes is too large"
        )));
    }
    let mut bytes = vec![0; len];
    r.read_exact(&mut bytes)?;
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip() {
        let mut buf = Vec::new();
        write_frame(
            &mut buf,
            &Response::Failed {
                message: "x".into(),
            },
        )
        .unwrap();
        write_frame(&mut buf, &Response::Cancelled).unwrap();
        let mut r = &buf[..];
        assert!(
            matches!(read_frame(&mut r).unwrap(), Some(Response::Failed { message }) if message == "x")
        );
        assert!(matches!(
            read_frame(&mut r).unwrap(),
            Some(Response::Cancelled)
        ));
        assert!(read_frame::<Response>(&mut r).unwrap().is_none());
        // A truncated frame is an error, not a clean end.
        let mut r = &buf[..3];
        assert!(read_frame::<Response>(&mut r).is_err());
        let huge = (u32::MAX).to_le_bytes();
        assert!(read_frame::<Response>(&mut &huge[..]).is_err());
    }
}
