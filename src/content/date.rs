//! Partial dates ("2021", "2021-07", "2021-07-15") and open or expected date ranges, as CVs use them.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

const EXPECTED_FORMS: &str = "a date like `2021`, `2021-07` or `2021-07-15`";

/// A date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Four-digit year.
    pub year: u16,
    /// 1-12, when known.
    pub month: Option<u8>,
    /// 1-31, when known (only with a month).
    pub day: Option<u8>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the date exists.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let parts: Vec<&str> = text.split('-').collect();
        let bad = |why: &str| format!("invalid date `{text}`: {why}; expected {EXPECTED_FORMS}");
        if parts.is_empty() || parts.len() > 3 {
            return Err(bad("wrong number of parts"));
        }
        let number = |s: &str, digits: usize, what: &str| -> Result<u16, String> {
            if s.len() != digits || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad(&format!("the {what} must have {digits} digits")));
            }
            Ok(s.parse().expect("checked digits"))
        };
        let year = number(parts[0], 4, "year")?;
        let month = match parts.get(1) {
            Some(m) => {
                let m = number(m, 2, "month")?;
                if !(1..=12).contains(&m) {
                    return Err(bad("the month must be from 01 to 12"));
                }
                Some(m as u8)
            }
            None => None,
        };
        let day = match (parts.get(2), month) {
            (Some(d), Some(m)) => {
                let d = number(d, 2, "day")?;
                let max = days_in_month(year, m);
                if d == 0 || d > u16::from(max) {
                    return Err(bad(&format!(
                        "{} {year} has days 01 to {max}",
                        MONTHS[usize::from(m) - 1]
                    )));
                }
                Some(d as u8)
            }
            _ => None,
        };
        Ok(PartialDate { year, month, day })
    }

    /// The machine-readable form, as written (`2021-07`), for `<time datetime>`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// An RFC 3339 timestamp at midnight UTC of the first day the date covers (for feeds).
    pub fn rfc3339(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T00:00:00Z",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    /// Human form: `2021`, `Jul 2021`, `15 Jul 2021`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{d} {} {}", MONTHS[usize::from(m) - 1], self.year),
            (Some(m), None) => write!(f, "{} {}", MONTHS[usize::from(m) - 1], self.year),
            _ => write!(f, "{}", self.year),
        }
    }
}

const DATE_PATTERN: &str = "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$";

impl schemars::JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A date: `2021`, `2021-07` or `2021-07-15`.",
            "anyOf": [
                { "type": "string", "pattern": DATE_PATTERN },
                { "type": "integer", "minimum": 1000, "maximum": 9999 }
            ]
        })
    }
}

impl schemars::JsonSchema for DateBound {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DateBound".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A date (`2021`, `2021-07`, `2021-07-15`), or `present`.",
            "anyOf": [
                { "type": "string", "pattern": DATE_PATTERN },
                { "type": "string", "enum": ["present", "now", "current", "ongoing"] },
                { "type": "integer", "minimum": 1000, "maximum": 9999 }
            ]
        })
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(DateVisitor {
            allow_present: false,
        })
        .map(|b| match b {
            DateBound::Date(date) => date,
            DateBound::Present => unreachable!("present is refused for plain dates"),
        })
    }
}

/// The end of a range: a date, or "present" for something still going on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBound {
    /// A known (or expected) date.
    Date(PartialDate),
    /// Still ongoing.
    Present,
}

impl<'de> Deserialize<'de> for DateBound {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(DateVisitor {
            allow_present: true,
        })
    }
}

impl Serialize for DateBound {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            DateBound::Date(d) => d.serialize(s),
            DateBound::Present => s.serialize_str("present"),
        }
    }
}

struct DateVisitor {
    allow_present: bool,
}

impl Visitor<'_> for DateVisitor {
    type Value = DateBound;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.allow_present {
            write!(f, "{EXPECTED_FORMS}, or `present`")
        } else {
            f.write_str(EXPECTED_FORMS)
        }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<DateBound, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<DateBound, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<DateBound, E> {
        let lower = v.trim().to_ascii_lowercase();
        if matches!(lower.as_str(), "present" | "now" | "current" | "ongoing") {
            return if self.allow_present {
                Ok(DateBound::Present)
            } else {
                Err(E::custom(format!(
                    "`{v}` is only allowed as the end of a range; expected {EXPECTED_FORMS}"
                )))
            };
        }
        PartialDate::parse(v)
            .map(DateBound::Date)
            .map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    #[test]
    fn parses_partial_dates() {
        assert_eq!(
            d("2021"),
            PartialDate {
                year: 2021,
                month: None,
                day: None
            }
        );
        assert_eq!(
            d("2021-07"),
            PartialDate {
                year: 2021,
                month: Some(7),
                day: None
            }
        );
        assert_eq!(d("2024-02-29").day, Some(29));
        assert_eq!(d("2021-07").to_string(), "Jul 2021");
        assert_eq!(d("2021-07-05").to_string(), "5 Jul 2021");
        assert_eq!(d("2021").to_string(), "2021");
        assert_eq!(d("2021-07-05").iso(), "2021-07-05");
    }

    #[test]
    fn rejects_malformed_dates() {
        for bad in [
            "21",
            "2021-7",
            "2021-13",
            "2023-02-29",
            "2021-00",
            "July 2021",
            "2021-07-01-01",
            "",
        ] {
            let err = PartialDate::parse(bad).unwrap_err();
            assert!(err.contains("expected a date like"), "{bad}: {err}");
        }
        assert!(
            PartialDate::parse("2021-13")
                .unwrap_err()
                .contains("01 to 12")
        );
    }

    #[test]
    fn deserializes_from_yaml() {
        let b: DateBound = serde_yaml::from_str("present").unwrap();
        assert_eq!(b, DateBound::Present);
        let y: PartialDate = serde_yaml::from_str("2021").unwrap();
        assert_eq!(y.year, 2021);
        assert!(serde_yaml::from_str::<PartialDate>("present").is_err());
        assert!(serde_yaml::from_str::<PartialDate>("2021-99").is_err());
    }
}
