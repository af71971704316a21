//! Pure importer: bytes of CSV/XLSX in, a dataset and a problem report out.
