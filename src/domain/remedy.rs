//! What the complainant wants (ISO 10002's "remedy sought"), recorded at
//! intake, and whether the outcome granted it.

use serde::{Deserialize, Serialize};

/// The kind of remedy a complainant asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Remedy {
    Apology,
    Correction,
    Refund,
    Call,
    Other,
}

/// The remedy sought, with the complainant's own words (required for
/// [`Remedy::Other`], optional otherwise).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemedySought {
    pub remedy: Remedy,
    pub text: String,
}

/// Whether the outcome gave the complainant the remedy sought.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Granted {
    Granted,
    Partly,
    Not,
}
