//! Resumen: monthly trend and the Pareto curve.
