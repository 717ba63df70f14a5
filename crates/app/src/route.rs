//! Hash-based routes (`#/survey`). They survive a reload on any static host, under any sub-path and from a
//! file opened by double-click, because the server only ever sees the page itself.

/// The areas of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// 首页
    Home,
    /// 学校信息
    School,
    /// 自评问卷
    Survey,
    /// 方案与台账: the plan documents
    Plan,
    /// 方案与台账: the ledger
    Ledger,
    /// 自评报告
    Report,
    /// 数据管理
    Data,
    /// 全员自评: 分工, 填报包 and 回收 (the principal's side)
    Staff,
    /// 教师填报: teacher mode on a package
    Teacher,
    /// 县区汇总: the county bureau's roll-up
    County,
    /// 评价框架: editing, importing and exporting frameworks
    Frameworks,
    /// Deliberately fails, to check that the crash notice appears (development builds only).
    CrashTest,
    /// Anything else.
    NotFound,
}

impl Route {
    /// The routes shown in the navigation, in order.
    pub const NAV: [Route; 8] = [
        Route::Home,
        Route::School,
        Route::Survey,
        Route::Plan,
        Route::Report,
        Route::Data,
        Route::Staff,
        Route::County,
    ];

    /// Parses `location.hash`.
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let first = path.split(['/', '?']).next().unwrap_or("");
        match first {
            "" => Route::Home,
            "school" => Route::School,
            "survey" => Route::Survey,
            "plan"
                if path
                    .trim_start_matches("plan")
                    .trim_start_matches('/')
                    .starts_with("ledger") =>
            {
                Route::Ledger
            }
            "plan" => Route::Plan,
            "report" => Route::Report,
            "data" => Route::Data,
            "staff" => Route::Staff,
            "teacher" => Route::Teacher,
            "county" => Route::County,
            "frameworks" => Route::Frameworks,
            // Only development builds can be made to fail on purpose.
            "crash-test" if cfg!(debug_assertions) => Route::CrashTest,
            _ => Route::NotFound,
        }
    }

    /// The navigation entry this route belongs to.
    pub fn nav(self) -> Route {
        match self {
            Route::Ledger => Route::Plan,
            r => r,
        }
    }

    /// The hash that leads here.
    pub fn hash(self) -> &'static str {
        match self {
            Route::Home | Route::NotFound => "#/",
            Route::School => "#/school",
            Route::Survey => "#/survey",
            Route::Plan => "#/plan",
            Route::Ledger => "#/plan/ledger",
            Route::Report => "#/report",
            Route::Data => "#/data",
            Route::Staff => "#/staff",
            Route::Teacher => "#/teacher",
            Route::County => "#/county",
            Route::Frameworks => "#/frameworks",
            Route::CrashTest => "#/crash-test",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_round_trip() {
        for r in Route::NAV {
            assert_eq!(Route::from_hash(r.hash()), r);
        }
        assert_eq!(Route::from_hash(""), Route::Home);
        assert_eq!(Route::from_hash("#"), Route::Home);
        assert_eq!(Route::from_hash("#/survey/abc"), Route::Survey);
        assert_eq!(Route::from_hash("#/survey?p=1"), Route::Survey);
        assert_eq!(Route::from_hash("#/nope"), Route::NotFound);
        assert_eq!(Route::from_hash(Route::Ledger.hash()), Route::Ledger);
        assert_eq!(Route::Ledger.nav(), Route::Plan);
        assert_eq!(Route::from_hash(Route::Teacher.hash()), Route::Teacher);
        assert_eq!(
            Route::from_hash(Route::Frameworks.hash()),
            Route::Frameworks
        );
    }
}
