//! The headline findings of the summary page, written in plain words from the analysis.
