//! verbatim answers questions about a forum with verbatim, attributed quotes.
pub mod knowledge;
pub mod normalize;
