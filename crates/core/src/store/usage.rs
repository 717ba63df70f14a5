//! How full the browser's storage is, and when to warn.

use crate::i18n::{Lang, Localized};

/// How many UTF-16 code units (keys plus values) one site may keep in localStorage. Chromium, Edge and Firefox
/// allow 5 Mi of them (measured in Chromium 156: 5 242 879 fit).
pub const LOCAL_CAPACITY_CHARS: u64 = 5 * 1024 * 1024;

/// From this share of a quota on, every page warns that storage is nearly full.
pub const NEARLY_FULL: f64 = 0.8;

/// What is known of the storage in use.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Usage {
    /// localStorage taken by this tool, in UTF-16 code units.
    pub local_app: u64,
    /// localStorage taken by the whole site, in UTF-16 code units.
    pub local_all: u64,
    /// What the browser reports for the site's other storage (IndexedDB, caches): (bytes used, quota), when it
    /// reports it (`navigator.storage.estimate()`).
    pub estimate: Option<(u64, u64)>,
    /// Whether the browser promised to keep the data (`navigator.storage.persist()`), when known.
    pub persisted: Option<bool>,
}

impl Usage {
    /// The share of localStorage's capacity in use.
    pub fn local_share(&self) -> f64 {
        self.local_all as f64 / LOCAL_CAPACITY_CHARS as f64
    }

    /// The share of the browser's quota in use, when it reports one.
    pub fn quota_share(&self) -> Option<f64> {
        self.estimate
            .filter(|(_, q)| *q > 0)
            .map(|(u, q)| u as f64 / q as f64)
    }

    /// Whether either storage is nearly full.
    pub fn nearly_full(&self) -> bool {
        self.local_share() >= NEARLY_FULL || self.quota_share().is_some_and(|s| s >= NEARLY_FULL)
    }
}

/// The usage line of the data page.
pub struct UsageText(pub Usage);

fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 * 1024 {
        format!("{:.1} GB", bytes as f64 / 1024.0 / 1024.0 / 1024.0)
    } else if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / 1024.0 / 1024.0)
    } else {
        format!("{:.0} KB", bytes as f64 / 1024.0)
    }
}

impl Localized for UsageText {
    fn text(&self, lang: Lang) -> String {
        let u = &self.0;
        // Browsers count localStorage in UTF-16 code units, two bytes each.
        let app = size(u.local_app * 2);
        let pct = u.local_share() * 100.0;
        let mut out = match lang {
            Lang::Zh => format!("本工具数据约 {app}；本网站已用浏览器本地存储的 {pct:.0}%（上限约 10 MB）"),
            Lang::En => format!("This tool's data: about {app}; {pct:.0}% of the browser's local storage for this site is used (limit about 10 MB)"),
        };
        if let Some((used, quota)) = u.estimate {
            out.push_str(&match lang {
                Lang::Zh => format!(
                    "；大容量存储已用 {}，浏览器允许约 {}",
                    size(used),
                    size(quota)
                ),
                Lang::En => format!(
                    "; large storage: {} used of about {} the browser allows",
                    size(used),
                    size(quota)
                ),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_is_nearly_full_from_eighty_percent_of_either_quota() {
        let mut u = Usage {
            local_all: LOCAL_CAPACITY_CHARS * 79 / 100,
            ..Usage::default()
        };
        assert!(!u.nearly_full());
        u.local_all = LOCAL_CAPACITY_CHARS * 80 / 100 + 1;
        assert!(u.nearly_full());
        u.local_all = 0;
        u.estimate = Some((81, 100));
        assert!(u.nearly_full());
        u.estimate = Some((1, 0));
        assert!(!u.nearly_full());
        u.local_app = 512;
        u.estimate = Some((3 * 1024 * 1024, 2 * 1024 * 1024 * 1024));
        assert_eq!(
            UsageText(u).text(Lang::Zh),
            "本工具数据约 1 KB；本网站已用浏览器本地存储的 0%（上限约 10 MB）；大容量存储已用 3.0 MB，浏览器允许约 2.0 GB"
        );
        assert!(UsageText(u)
            .text(Lang::En)
            .starts_with("This tool's data: about 1 KB"));
    }
}
