//! Semantic model.
