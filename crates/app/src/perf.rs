//! Timing marks for the benchmark (`scripts/bench`): `performance.measure` entries named after the work
//! measured, visible in the browser's performance timeline. They cost a few microseconds.

/// Runs `f` and records how long it took as a `performance.measure` entry called `name`.
pub fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let perf = web_sys::window().and_then(|w| w.performance());
    let Some(p) = perf else { return f() };
    let start = format!("{name}:start");
    let _ = p.mark(&start);
    let out = f();
    let end = format!("{name}:end");
    let _ = p.mark(&end);
    let _ = p.measure_with_start_mark_and_end_mark(name, &start, &end);
    out
}

/// Records a `performance.mark` called `name`.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}
