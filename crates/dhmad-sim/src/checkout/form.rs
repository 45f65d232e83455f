//! Reads the checkout form: `application/x-www-form-urlencoded`, or `multipart/form-data` for the
//! proof upload (file metadata is kept, the content is counted and dropped).

use super::page::MAX_PROOF_BYTES;
use crate::store::Attachment;
use axum::extract::{Form, FromRequest, Multipart, Request};
use axum::http::{StatusCode, header};

/// What a checkout form sent.
#[derive(Debug, Default)]
pub struct Input {
    /// `perform` or `abandon`.
    pub op: String,
    /// Dispute / cancellation / correction reason.
    pub reason: Option<String>,
    /// `review_proof`: `accept` or `correct`.
    pub decision: Option<String>,
    /// `submit_proof`: seller's note.
    pub note: Option<String>,
    /// `sign_contract`: the agreement box was ticked.
    pub agree: bool,
    /// `submit_proof`: the uploaded file (a file input left empty gives `None`).
    pub file: Option<Attachment>,
}

impl Input {
    fn set(&mut self, name: &str, value: String) {
        match name {
            "op" => self.op = value,
            "reason" => self.reason = Some(value),
            "decision" => self.decision = Some(value),
            "note" => self.note = Some(value),
            "agree" => self.agree = !value.is_empty(),
            _ => {}
        }
    }
}

const TOO_LARGE: (StatusCode, &str) = (
    StatusCode::PAYLOAD_TOO_LARGE,
    "The file is larger than 5 MB. Choose a smaller file.",
);
const UNREADABLE: (StatusCode, &str) = (
    StatusCode::BAD_REQUEST,
    "The form could not be read. Please try again.",
);

/// Parses the request body by its content type.
pub async fn read(req: Request) -> Result<Input, (StatusCode, &'static str)> {
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let mut input = Input::default();
    if !multipart {
        let Form(pairs) = Form::<Vec<(String, String)>>::from_request(req, &())
            .await
            .map_err(|_| UNREADABLE)?;
        for (k, v) in pairs {
            input.set(&k, v);
        }
        return Ok(input);
    }
    let mut mp = Multipart::from_request(req, &())
        .await
        .map_err(|_| UNREADABLE)?;
    let fail = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            TOO_LARGE
        } else {
            UNREADABLE
        }
    };
    while let Some(mut field) = mp.next_field().await.map_err(fail)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name != "file" {
            let text = field.text().await.map_err(fail)?;
            input.set(&name, text);
            continue;
        }
        let file_name = field.file_name().unwrap_or_default().to_owned();
        let mime_type = field
            .content_type()
            .filter(|m| !m.is_empty())
            .unwrap_or("application/octet-stream")
            .to_owned();
        let mut size: u64 = 0;
        while let Some(chunk) = field.chunk().await.map_err(fail)? {
            size += chunk.len() as u64;
            if size > MAX_PROOF_BYTES {
                return Err(TOO_LARGE);
            }
        }
        // A file input left empty still sends a part, with an empty file name.
        if !file_name.is_empty() {
            input.file = Some(Attachment {
                mime_type,
                name: file_name,
                size,
            });
        }
    }
    Ok(input)
}
