//! R×F heatmap, score distributions and the segment treemap.
