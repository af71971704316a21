//! Delimiter sniffing: which of `;` `,` tab `|` splits the first lines into the most rows of
//! one consistent width.

/// Candidates, in order of preference on a tie (`;` first: Excel's CSV in Spanish locales).
const CANDIDATES: [u8; 4] = [b';', b',', b'\t', b'|'];

/// Bytes of the file looked at.
pub(crate) const SAMPLE: usize = 64 * 1024;

/// Records looked at per candidate.
const RECORDS: usize = 50;

/// The delimiter of a whole CSV text ([`sniff_start`] of all of it).
#[cfg(test)]
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    sniff_start(text, false)
}

/// Guesses the delimiter of a CSV text from its start. For each candidate the first records are
/// parsed (quotes respected); the score is how many of them have the most common width, provided
/// that width is at least two; ties go to the wider split, then to the order `;` `,` tab `|`.
/// A one-column file gets `;`.
///
/// `text` holds at least the first [`SAMPLE`] bytes of the whole text, or all of it (the CSV
/// reader decodes no more of a Windows-1252 file for this); `more` says the whole text is longer.
pub(crate) fn sniff_start(text: &str, more: bool) -> u8 {
    let mut end = text.len().min(SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = more || end < text.len();
    let sample = &text.as_bytes()[..end];
    let mut best = (0usize, 0usize, CANDIDATES[0]);
    for &delimiter in &CANDIDATES {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(sample);
        let mut widths: Vec<usize> = Vec::with_capacity(RECORDS);
        let mut record = csv::ByteRecord::new();
        while widths.len() < RECORDS && reader.read_byte_record(&mut record).unwrap_or(false) {
            widths.push(record.len());
        }
        // The sample may cut the last record short: ignore it unless it is the whole file.
        if cut && widths.len() > 1 {
            widths.pop();
        }
        let (width, count) = mode(&widths);
        if width >= 2 && (count, width) > (best.0, best.1) {
            best = (count, width, delimiter);
        }
    }
    best.2
}

/// The most frequent value and its count (the larger value on a tie).
fn mode(values: &[usize]) -> (usize, usize) {
    let mut best = (0, 0);
    for &v in values {
        let count = values.iter().filter(|&&w| w == v).count();
        if (count, v) > (best.1, best.0) {
            best = (v, count);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::sniff_delimiter;

    #[test]
    fn picks_the_consistent_delimiter() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2,5;3\n4;5,5;6\n"), b';');
        assert_eq!(sniff_delimiter("a,b,c\n1,\"2;5\",3\n4,5,6\n"), b',');
        assert_eq!(sniff_delimiter("a\tb\n1\t2\n"), b'\t');
        assert_eq!(sniff_delimiter("a|b|c\n1|2|3\n"), b'|');
        assert_eq!(sniff_delimiter("cliente\n001\n002\n"), b';');
        // Decimal commas split each line in two, but `;` splits it wider.
        assert_eq!(
            sniff_delimiter("cliente;importe;x\n1;2,5;a\n2;3,5;b\n"),
            b';'
        );
    }
}
