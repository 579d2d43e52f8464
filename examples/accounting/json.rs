//! Just enough JSON output for one record per line, by hand.
//!
//! Strings are escaped so that the output is plain ASCII: any log viewer or
//! code page shows it the same, and no character can break a line.

use std::fmt::Write as _;

/// Appends `s` to `out` as a JSON string literal, quotes included.
///
/// `"` and `\` are escaped, control characters become `\n`, `\t`... or
/// `\u00XX`, and everything outside ASCII becomes `\uXXXX` (a surrogate
/// pair above U+FFFF), as RFC 8259 allows.
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                // Other controls, DEL and non-ASCII: one or two UTF-16 units.
                let mut units = [0; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    out.push('"');
}

/// Builds one JSON object, a field at a time, in the order written.
pub struct Object(String);

impl Object {
    pub fn new() -> Self {
        Object(String::from("{"))
    }

    fn key(&mut self, key: &str) -> &mut String {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        write_str(&mut self.0, key);
        self.0.push(':');
        &mut self.0
    }

    pub fn str(mut self, key: &str, value: &str) -> Self {
        write_str(self.key(key), value);
        self
    }

    /// A string, or `null` for `None`.
    pub fn opt_str(mut self, key: &str, value: Option<&str>) -> Self {
        match value {
            Some(value) => write_str(self.key(key), value),
            None => self.key(key).push_str("null"),
        }
        self
    }

    pub fn num(mut self, key: &str, value: u64) -> Self {
        let _ = write!(self.key(key), "{value}");
        self
    }

    /// A whole number, or `null` for `None`.
    pub fn opt_num(mut self, key: &str, value: Option<u64>) -> Self {
        match value {
            Some(value) => self.num(key, value),
            None => {
                self.key(key).push_str("null");
                self
            }
        }
    }

    /// A finite number with two decimals, or `null` for `None` (JSON has no
    /// NaN or infinity, so those are `null` too).
    pub fn opt_decimal(mut self, key: &str, value: Option<f64>) -> Self {
        match value.filter(|v| v.is_finite()) {
            Some(value) => {
                let _ = write!(self.key(key), "{value:.2}");
            }
            None => self.key(key).push_str("null"),
        }
        self
    }

    pub fn bool(mut self, key: &str, value: bool) -> Self {
        self.key(key).push_str(if value { "true" } else { "false" });
        self
    }

    /// A nested object.
    pub fn object(mut self, key: &str, value: Object) -> Self {
        self.key(key).push_str(&value.finish());
        self
    }

    /// An array of strings.
    pub fn strs(mut self, key: &str, values: &[String]) -> Self {
        let out = self.key(key);
        out.push('[');
        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_str(out, value);
        }
        out.push(']');
        self
    }

    /// The object's text, without a newline.
    pub fn finish(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::{Object, write_str};

    fn escaped(s: &str) -> String {
        let mut out = String::new();
        write_str(&mut out, s);
        out
    }

    #[test]
    fn escaper_handles_quotes_controls_and_non_ascii() {
        assert_eq!(escaped(""), r#""""#);
        assert_eq!(escaped(r#"CORP\alice "al""#), r#""CORP\\alice \"al\"""#);
        assert_eq!(escaped("a\nb\r\tc\u{8}\u{c}"), r#""a\nb\r\tc\b\f""#);
        assert_eq!(
            escaped("\0\u{1}\u{1f}\u{7f}"),
            r#""\u0000\u0001\u001f\u007f""#
        );
        assert_eq!(escaped("Jürgen"), r#""J\u00fcrgen""#);
        assert_eq!(escaped("\u{2028}"), r#""\u2028""#); // breaks JavaScript lines
        assert_eq!(escaped("😀"), r#""\ud83d\ude00""#); // surrogate pair
        assert_eq!(escaped("/ <>~"), r#""/ <>~""#); // printable ASCII as is
        assert!(escaped("Zoë\u{1}😀").is_ascii());
    }

    #[test]
    fn object_writes_every_kind_of_value() {
        let inner = Object::new().num("n", 1);
        let json = Object::new()
            .str("s", "x")
            .opt_str("none", None)
            .num("big", u64::MAX)
            .opt_num("some", Some(7))
            .opt_decimal("ratio", Some(2.0 / 3.0))
            .opt_decimal("nan", Some(f64::NAN))
            .bool("yes", true)
            .object("inner", inner)
            .strs("list", &["a".into(), "\"".into()])
            .strs("empty", &[])
            .finish();
        assert_eq!(
            json,
            r#"{"s":"x","none":null,"big":18446744073709551615,"some":7,"ratio":0.67,"nan":null,"yes":true,"inner":{"n":1},"list":["a","\""],"empty":[]}"#
        );
        assert_eq!(Object::new().finish(), "{}");
    }
}
