//! The loyalty pyramid and the tier migration between windows.
