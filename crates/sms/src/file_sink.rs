//! A gateway that writes messages to a file, one JSON object per line
//! (`{"local_id":…,"key":…,"mobile":…,"body":…}`). The file is the message, so it holds the
//! number and the text: keep it where the database is kept. A local id already in the file is
//! not written again (the file is read once, when the first message is sent), so the sink
//! keeps the outbox's promise of one message per local id. It cannot know whether a phone got
//! a message: every message it took stays pending.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use async_trait::async_trait;
use hamyar_app::sms::{DeliveryStatus, GatewayError, GatewayReceipt, OutgoingSms, SmsGateway};
use serde::{Deserialize, Serialize};
use tokio::io::AsyncWriteExt;
use tokio::sync::Mutex;

/// Appends messages to a file.
#[derive(Debug)]
pub struct FileSink {
    path: PathBuf,
    /// Local ids in the file; `None` until it is first read.
    written: Mutex<Option<HashSet<i64>>>,
}

#[derive(Serialize, Deserialize)]
struct Line {
    local_id: i64,
    key: String,
    mobile: String,
    body: String,
}

impl FileSink {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            written: Mutex::new(None),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    async fn written_ids(&self) -> Result<HashSet<i64>, GatewayError> {
        let text = match tokio::fs::read_to_string(&self.path).await {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(_) => return Err(GatewayError::Transient("file_read".into())),
        };
        Ok(text
            .lines()
            .filter_map(|line| serde_json::from_str::<Line>(line).ok())
            .map(|line| line.local_id)
            .collect())
    }
}

fn receipt(local_id: i64) -> GatewayReceipt {
    GatewayReceipt {
        provider_message_id: format!("file-{local_id}"),
    }
}

#[async_trait]
impl SmsGateway for FileSink {
    async fn send(&self, outgoing: &OutgoingSms) -> Result<GatewayReceipt, GatewayError> {
        let mut written = self.written.lock().await;
        if written.is_none() {
            *written = Some(self.written_ids().await?);
        }
        let ids = written.get_or_insert_with(HashSet::new);
        if ids.contains(&outgoing.local_id) {
            return Ok(receipt(outgoing.local_id));
        }
        let mut line = serde_json::to_string(&Line {
            local_id: outgoing.local_id,
            key: outgoing.idempotency_key.clone(),
            mobile: outgoing.mobile.clone(),
            body: outgoing.body.clone(),
        })
        .map_err(|_| GatewayError::Permanent("file_encode".into()))?;
        line.push('\n');
        let mut file = tokio::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .await
            .map_err(|_| GatewayError::Transient("file_open".into()))?;
        file.write_all(line.as_bytes())
            .await
            .map_err(|_| GatewayError::Transient("file_write".into()))?;
        file.flush()
            .await
            .map_err(|_| GatewayError::Transient("file_write".into()))?;
        ids.insert(outgoing.local_id);
        Ok(receipt(outgoing.local_id))
    }

    async fn delivery_status(
        &self,
        provider_message_ids: &[String],
    ) -> Result<Vec<(String, DeliveryStatus)>, GatewayError> {
        Ok(provider_message_ids
            .iter()
            .map(|id| (id.clone(), DeliveryStatus::Pending))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outgoing(local_id: i64) -> OutgoingSms {
        OutgoingSms {
            local_id,
            idempotency_key: format!("saving_receipt.meeting.1.woman.{local_id}"),
            mobile: "09121234567".into(),
            body: "رسید پس‌انداز\nبهزیستی".into(),
        }
    }

    #[tokio::test]
    async fn a_local_id_is_written_once_even_by_a_sink_opened_again() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("outbox.jsonl");
        let sink = FileSink::new(&path);
        assert_eq!(sink.send(&outgoing(1)).await.unwrap(), receipt(1));
        sink.send(&outgoing(1)).await.unwrap();
        sink.send(&outgoing(2)).await.unwrap();
        let reopened = FileSink::new(&path);
        reopened.send(&outgoing(2)).await.unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<Line> = text
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].body, "رسید پس‌انداز\nبهزیستی");
        let status = reopened.delivery_status(&["file-1".into()]).await.unwrap();
        assert_eq!(status, [("file-1".to_owned(), DeliveryStatus::Pending)]);
    }
}
