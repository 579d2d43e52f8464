//! The demo's records as an aligned text table.

use crate::record::Record;
use crate::time::rfc3339;

/// Column titles, and whether the column holds numbers (aligned right).
const COLUMNS: [(&str, bool); 12] = [
    ("SESSION", false),
    ("USER", false),
    ("PORT", false),
    ("DEVICE", false),
    ("START (UTC)", false),
    ("DURATION", true),
    ("SENT", true),
    ("RECEIVED", true),
    ("CONNECT", true),
    ("IP", false),
    ("ERRORS", true),
    ("NOTES", false),
];

type Row = [String; COLUMNS.len()];

/// One row per record; below, the details of data problems and rejected
/// calls, too long for a cell.
pub fn render(records: &[Record]) -> String {
    let mut rows: Vec<Row> = vec![COLUMNS.map(|(title, _)| title.to_string())];
    let (mut problems, mut rejected) = (Vec::new(), Vec::new());
    for record in records {
        rows.push(row(record));
        match record {
            Record::Session(s) => {
                let whose = format!("{} on {}", s.user, s.port);
                problems.extend(s.problems.iter().map(|p| format!("  {whose}: {p}")));
            }
            Record::Failure(f) => {
                let at = rfc3339(f.at);
                rejected.push(format!("  {at} {} ({}): {}", f.callback, f.reason, f.error));
            }
        }
    }
    let mut out = aligned(&rows);
    for (title, lines) in [
        (
            "Problems in the data (the rest of each record holds):",
            problems,
        ),
        (
            "Rejected calls (the export told on_error instead of on_hangup):",
            rejected,
        ),
    ] {
        if !lines.is_empty() {
            out.push_str(&format!("\n{title}\n{}\n", lines.join("\n")));
        }
    }
    out
}

fn row(record: &Record) -> Row {
    let dash = || "-".to_string();
    match record {
        Record::Session(s) => {
            let mut notes = Vec::new();
            if s.multilink {
                notes.push("multilink".to_string());
            }
            if let (Some(sent), Some(received)) = (s.compression_sent, s.compression_received) {
                notes.push(format!("compression {sent:.2}/{received:.2}"));
            }
            if !s.problems.is_empty() {
                notes.push("see problems".to_string());
            }
            [
                s.session_id.clone(),
                format!("{}\\{}", s.domain, s.user),
                s.port.clone(),
                s.device_type.clone(),
                rfc3339(s.start.into()),
                s.duration_secs.map_or_else(dash, hms),
                thousands(s.port_traffic.bytes_sent.into()),
                thousands(s.port_traffic.bytes_received.into()),
                s.connect_bps.map_or_else(dash, |bps| thousands(bps.into())),
                s.ip.map_or_else(dash, |ip| ip.to_string()),
                s.errors.total().to_string(),
                notes.join(", "),
            ]
        }
        Record::Failure(f) => {
            let mut row = COLUMNS.map(|_| dash());
            row[COLUMNS.len() - 1] = format!("REJECTED ({}), see below", f.reason);
            row
        }
    }
}

/// Pads every column to its widest cell, with a rule under the titles.
fn aligned(rows: &[Row]) -> String {
    let widths: Vec<usize> = (0..COLUMNS.len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .zip(COLUMNS)
            .map(|((cell, &w), (_, right))| match right {
                true => format!("{cell:>w$}"),
                false => format!("{cell:<w$}"),
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
        if i == 0 {
            let total = widths.iter().sum::<usize>() + 2 * (COLUMNS.len() - 1);
            out.push_str(&"-".repeat(total));
            out.push('\n');
        }
    }
    out
}

/// 3725 seconds as `1:02:05`.
fn hms(secs: u64) -> String {
    format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
}

/// 1234567 as `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{hms, thousands};

    #[test]
    fn number_formats() {
        assert_eq!(hms(0), "0:00:00");
        assert_eq!(hms(3725), "1:02:05");
        assert_eq!(hms(100 * 3600), "100:00:00");
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(4_294_967_295), "4,294,967,295");
    }
}
