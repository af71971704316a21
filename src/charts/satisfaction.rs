//! Satisfaction zones, the satisfaction × loyalty scatter with its quadrants, NPS and SERVQUAL gaps.
