//! A promise made to the complainant ("I'll call you back Thursday before
//! noon"): a deadline of its own, kept by logging the call back or marking it
//! done.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::moment;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Promise {
    /// What was promised, in the operator's words.
    pub what: String,
    /// When it is due.
    #[serde(with = "moment")]
    pub due: DateTime<Utc>,
    #[serde(with = "moment")]
    pub made_at: DateTime<Utc>,
    pub made_by: String,
    /// When it was kept; `None` while it is outstanding.
    #[serde(with = "moment::option")]
    pub kept_at: Option<DateTime<Utc>>,
}
