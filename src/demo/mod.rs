//! Deterministic demo and benchmark dataset generator.
