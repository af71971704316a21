//! Churn and value: P(alive) distribution, CLV by segment and tier, value classes.
