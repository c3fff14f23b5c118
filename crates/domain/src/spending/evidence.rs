//! What an evidence file (an invoice, a contract, a receipt) may be: a PDF, JPEG or PNG of at
//! most [`MAX_EVIDENCE_BYTES`]. The kind is read from the file's first bytes, never from its
//! name or the browser's content type, so a renamed executable is not stored as "a PDF".

use crate::message::{Message, MessageArg};

/// The largest evidence file accepted: 10 MiB.
pub const MAX_EVIDENCE_BYTES: usize = 10 * 1024 * 1024;

/// The kinds of file accepted as evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvidenceKind {
    Pdf,
    Jpeg,
    Png,
}

impl EvidenceKind {
    /// Recognises the kind from the file's magic bytes.
    pub fn sniff(bytes: &[u8]) -> Option<EvidenceKind> {
        if bytes.starts_with(b"%PDF-") {
            Some(EvidenceKind::Pdf)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(EvidenceKind::Jpeg)
        } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
            Some(EvidenceKind::Png)
        } else {
            None
        }
    }

    /// The MIME type stored and sent with a download.
    pub fn content_type(self) -> &'static str {
        match self {
            EvidenceKind::Pdf => "application/pdf",
            EvidenceKind::Jpeg => "image/jpeg",
            EvidenceKind::Png => "image/png",
        }
    }

    /// Checks a file and returns its kind.
    pub fn check(bytes: &[u8]) -> Result<EvidenceKind, EvidenceError> {
        if bytes.is_empty() {
            return Err(EvidenceError::Empty);
        }
        if bytes.len() > MAX_EVIDENCE_BYTES {
            return Err(EvidenceError::TooLarge {
                size_bytes: bytes.len(),
            });
        }
        EvidenceKind::sniff(bytes).ok_or(EvidenceError::NotAccepted)
    }
}

/// Why a file is not accepted as evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EvidenceError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {size_bytes} bytes, more than 10 MiB")]
    TooLarge { size_bytes: usize },
    #[error("only PDF, JPEG and PNG files are accepted")]
    NotAccepted,
}

impl EvidenceError {
    /// What is wrong with the file.
    pub fn message(&self) -> Message {
        match self {
            EvidenceError::Empty => Message::new("evidence-empty"),
            EvidenceError::TooLarge { size_bytes } => {
                Message::new("evidence-too_large").arg("size", MessageArg::digits(size_bytes))
            }
            EvidenceError::NotAccepted => Message::new("evidence-not_accepted"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_recognised_by_their_first_bytes() {
        assert_eq!(EvidenceKind::check(b"%PDF-1.7\n..."), Ok(EvidenceKind::Pdf));
        assert_eq!(
            EvidenceKind::check(&[0xFF, 0xD8, 0xFF, 0xE0, 0]),
            Ok(EvidenceKind::Jpeg)
        );
        assert_eq!(
            EvidenceKind::check(b"\x89PNG\r\n\x1a\nrest"),
            Ok(EvidenceKind::Png)
        );
        assert_eq!(EvidenceKind::Png.content_type(), "image/png");
    }

    #[test]
    fn other_files_empty_files_and_big_files_are_refused() {
        assert_eq!(
            EvidenceKind::check(b"MZ\x90\x00 a program named invoice.pdf"),
            Err(EvidenceError::NotAccepted)
        );
        assert_eq!(EvidenceKind::check(b""), Err(EvidenceError::Empty));
        let mut big = b"%PDF-".to_vec();
        big.resize(MAX_EVIDENCE_BYTES + 1, b' ');
        assert!(matches!(
            EvidenceKind::check(&big),
            Err(EvidenceError::TooLarge { .. })
        ));
        assert_eq!(
            EvidenceError::NotAccepted.message().id(),
            "evidence-not_accepted"
        );
    }
}
