//! The report's charts as inline SVG, written by hand: deterministic (the same report gives the
//! same bytes, which keeps snapshots stable), readable with JavaScript disabled, and printable.
//!
//! The data drawn is [`crate::report::charts::Charts`]; the timeline chart reads
//! `report.timeline`.

use super::super::charts::BurstSpan;
use super::super::{Report, TimelineEvent};
use super::escape;
use crate::diagnosis::timeline::Side;
use crate::finding::{CheckId, Status};
use jiff::Timestamp;
use std::fmt::Write;

/// Chart width in SVG units; the SVG scales to the page width through its viewBox.
const WIDTH: f64 = 960.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 20.0;
/// More points than this are summed into wider buckets, so a week of logs stays a small page.
const MAX_BUCKETS: i64 = 720;

/// A rendered chart, or the sentence saying why there is none.
#[derive(Debug, serde::Serialize)]
pub(crate) struct Chart {
    pub svg: Option<String>,
    pub caption: String,
}

impl Chart {
    fn absent(why: String) -> Chart {
        Chart {
            svg: None,
            caption: why,
        }
    }
}

fn has_iis_logs(report: &Report) -> bool {
    report
        .inventory
        .files
        .iter()
        .any(|f| f.kind == Some(crate::evidence::Kind::IisW3c))
}

/// A message in the report's language.
fn say(report: &Report, t: crate::i18n::Text) -> String {
    t.local(report.lang).into_owned()
}

fn no_iis_reason(report: &Report, chart: crate::i18n::Text) -> String {
    if has_iis_logs(report) {
        say(report, crate::tr!("chart-none-no-figures", chart = chart))
    } else {
        say(report, crate::tr!("chart-none-no-iis-log", chart = chart))
    }
}

/// The bursts of 503 answers, for the table under the chart.
pub fn bursts(report: &Report) -> &[BurstSpan] {
    report.charts.as_ref().map_or(&[], |c| c.bursts.as_slice())
}

fn parse_time(s: &str) -> Option<i64> {
    s.parse::<Timestamp>().ok().map(|t| t.as_second())
}

fn hhmm(secs: i64, with_date: bool) -> String {
    let Ok(t) = Timestamp::from_second(secs) else {
        return String::new();
    };
    if with_date {
        t.strftime("%m-%d %H:%M").to_string()
    } else {
        t.strftime("%H:%M").to_string()
    }
}

fn day(secs: i64) -> String {
    Timestamp::from_second(secs)
        .map(|t| t.strftime("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// A linear time axis over `[start, end)` seconds, mapped to the plot's x range.
struct TimeAxis {
    start: i64,
    end: i64,
    x0: f64,
    x1: f64,
}

impl TimeAxis {
    fn new(start: i64, end: i64) -> TimeAxis {
        TimeAxis {
            start,
            end: end.max(start + 60),
            x0: LEFT,
            x1: WIDTH - RIGHT,
        }
    }

    fn x(&self, secs: i64) -> f64 {
        let span = (self.end - self.start) as f64;
        self.x0 + (secs - self.start) as f64 / span * (self.x1 - self.x0)
    }

    /// Tick marks and UTC labels at a round interval, at most about eight of them.
    fn ticks(&self, o: &mut String, y_top: f64, y_axis: f64, report: &Report) {
        const STEPS: &[i64] = &[
            1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080,
        ];
        let span_min = (self.end - self.start) / 60;
        let step = STEPS
            .iter()
            .copied()
            .find(|s| span_min / s <= 8)
            .unwrap_or(10080)
            * 60;
        let with_date = day(self.start) != day(self.end - 1) || step >= 86_400;
        let mut t = (self.start + step - 1).div_euclid(step) * step;
        while t <= self.end {
            let x = self.x(t);
            let _ = write!(
                o,
                r##"<line class="grid" x1="{x:.1}" y1="{y_top:.1}" x2="{x:.1}" y2="{y_axis:.1}"/><text class="tick" x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"##,
                y_axis + 16.0,
                hhmm(t, with_date)
            );
            t += step;
        }
        let _ = write!(
            o,
            r##"<text class="axis-title" x="{:.1}" y="{:.1}" text-anchor="end">UTC, {}</text>"##,
            self.x1,
            y_axis + 34.0,
            if with_date {
                let (from, to) = (day(self.start), day(self.end - 1));
                say(report, crate::tr!("window-dates", from = from, to = to))
            } else {
                day(self.start)
            }
        );
    }
}

/// A round upper bound and tick step for counts up to `max`.
fn nice_scale(max: u64) -> (u64, u64) {
    let max = max.max(1);
    let mut step = 1u64;
    loop {
        for m in [1u64, 2, 5] {
            let s = step.saturating_mul(m);
            if max.div_ceil(s) <= 5 {
                return (max.div_ceil(s) * s, s);
            }
        }
        step = step.saturating_mul(10);
    }
}

fn svg_open(o: &mut String, height: f64, label: &str) {
    let _ = write!(
        o,
        r##"<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg"><title>{}</title>"##,
        escape(label),
        escape(label)
    );
}

/// One series of the per-minute chart: how it is drawn and named.
struct Series {
    label: &'static str,
    class: &'static str,
}

const SERIES: &[Series] = &[
    Series {
        label: "5xx (all)",
        class: "s-5xx",
    },
    Series {
        label: "503",
        class: "s-503",
    },
    Series {
        label: "401 + 403",
        class: "s-auth",
    },
    Series {
        label: "404",
        class: "s-404",
    },
];

/// A series' name in the legend: status codes read the same in every language.
fn series_label(report: &Report, series: &Series) -> String {
    if series.class == "s-5xx" {
        escape(&say(report, crate::tr!("chart-series-5xx")))
    } else {
        series.label.to_string()
    }
}

/// Requests and errors per minute, with the 503 bursts shaded.
pub(crate) fn per_minute(report: &Report) -> Chart {
    let name = || crate::tr!("chart-per-minute-name");
    let Some(data) = report.charts.as_ref().map(|c| &c.iis_per_minute) else {
        return Chart::absent(no_iis_reason(report, name()));
    };
    let mut points: Vec<(i64, usize)> = data
        .minutes
        .iter()
        .enumerate()
        .filter_map(|(i, m)| parse_time(m).map(|t| (t.div_euclid(60) * 60, i)))
        .collect();
    points.sort_unstable();
    let (Some(&(first, _)), Some(&(last, _))) = (points.first(), points.last()) else {
        return Chart::absent(say(
            report,
            crate::tr!("chart-per-minute-no-minute", chart = name()),
        ));
    };
    // A series counted by steps of several minutes is drawn by whole steps.
    let step = i64::from(data.step_minutes.max(1));
    let span_min = (last - first) / 60 + step;
    let bucket_min = (span_min + MAX_BUCKETS - 1) / MAX_BUCKETS;
    let bucket_min = (bucket_min + step - 1) / step * step;
    let buckets = usize::try_from((span_min + bucket_min - 1) / bucket_min).unwrap_or(1);
    let at = |v: &[u64], i: usize| v.get(i).copied().unwrap_or(0);
    // Sums per bucket: total, 5xx, 503, 401+403, 404.
    let mut sums = vec![[0u64; 5]; buckets];
    for &(t, i) in &points {
        let b = usize::try_from((t - first) / 60 / bucket_min).unwrap_or(0);
        if let Some(s) = sums.get_mut(b) {
            s[0] += at(&data.total, i);
            s[1] += at(&data.status_5xx, i);
            s[2] += at(&data.status_503, i);
            s[3] += at(&data.status_401, i) + at(&data.status_403, i);
            s[4] += at(&data.status_404, i);
        }
    }
    let max = sums.iter().map(|s| s[0].max(s[1])).max().unwrap_or(0);
    let (top, step) = nice_scale(max);
    let (y_top, y_axis) = (16.0, 236.0);
    let y = |v: u64| y_axis - v as f64 / top as f64 * (y_axis - y_top);
    let axis = TimeAxis::new(first, first + span_min * 60);
    let bw = bucket_min * 60;
    let per = if bucket_min == 1 {
        crate::tr!("chart-per-one-minute")
    } else {
        crate::tr!("chart-per-minutes", minutes = bucket_min)
    };

    let mut o = String::new();
    svg_open(
        &mut o,
        300.0,
        &say(report, crate::tr!("chart-per-minute-title", per = &per)),
    );
    for b in bursts(report) {
        let (Some(s), Some(e)) = (parse_time(&b.start), parse_time(&b.end)) else {
            continue;
        };
        let (x0, x1) = (axis.x(s.max(first)), axis.x((e + 60).min(axis.end)));
        if x1 <= x0 {
            continue;
        }
        let _ = write!(
            o,
            r##"<rect class="burst" x="{x0:.1}" y="{y_top:.1}" width="{:.1}" height="{:.1}"><title>{}</title></rect><text class="burst-label" x="{:.1}" y="{:.1}">503</text>"##,
            (x1 - x0).max(2.0),
            y_axis - y_top,
            escape(&say(
                report,
                crate::tr!(
                    "chart-burst-title",
                    from = &b.start,
                    to = &b.end,
                    count = b.total,
                    peak = b.peak_per_minute
                )
            )),
            x0 + 3.0,
            y_top + 12.0
        );
    }
    let mut v = 0;
    while v <= top {
        let yy = y(v);
        let _ = write!(
            o,
            r##"<line class="grid" x1="{LEFT}" y1="{yy:.1}" x2="{:.1}" y2="{yy:.1}"/><text class="tick" x="{:.1}" y="{:.1}" text-anchor="end">{v}</text>"##,
            WIDTH - RIGHT,
            LEFT - 6.0,
            yy + 4.0
        );
        v += step;
    }
    let _ = write!(
        o,
        r##"<text class="axis-title" x="14" y="{:.1}" transform="rotate(-90 14 {:.1})" text-anchor="middle">{}</text>"##,
        (y_top + y_axis) / 2.0,
        (y_top + y_axis) / 2.0,
        escape(&say(report, crate::tr!("chart-requests-per", per = &per)))
    );
    axis.ticks(&mut o, y_top, y_axis, report);
    // Total requests as bars, one path for all of them.
    o.push_str(r##"<path class="s-total" d=""##);
    for (i, s) in sums.iter().enumerate() {
        if s[0] == 0 {
            continue;
        }
        let t = first + i as i64 * bw;
        let (x0, x1) = (axis.x(t), axis.x(t + bw));
        let _ = write!(
            o,
            "M{x0:.1} {y_axis:.1}V{:.1}H{:.1}V{y_axis:.1}Z",
            y(s[0]),
            (x1 - 0.3).max(x0 + 0.5)
        );
    }
    let all_requests = escape(&say(report, crate::tr!("chart-all-requests")));
    let _ = write!(o, r##""><title>{all_requests}</title></path>"##);
    // Error series as step lines, so a single bad minute is visible.
    for (k, series) in SERIES.iter().enumerate() {
        if sums.iter().all(|s| s[k + 1] == 0) {
            continue;
        }
        let _ = write!(o, r##"<path class="line {}" d=""##, series.class);
        for (i, s) in sums.iter().enumerate() {
            let t = first + i as i64 * bw;
            let cmd = if i == 0 { 'M' } else { 'L' };
            let yy = y(s[k + 1]);
            let _ = write!(o, "{cmd}{:.1} {yy:.1}H{:.1}", axis.x(t), axis.x(t + bw));
        }
        let _ = write!(
            o,
            r##""><title>{}</title></path>"##,
            series_label(report, series)
        );
    }
    let _ = write!(
        o,
        r##"<line class="axis" x1="{LEFT}" y1="{y_axis:.1}" x2="{:.1}" y2="{y_axis:.1}"/>"##,
        WIDTH - RIGHT
    );
    // Legend.
    let ly = 290.0;
    let mut lx = LEFT;
    let _ = write!(
        o,
        r##"<rect class="s-total" x="{lx:.1}" y="{:.1}" width="14" height="10"/><text class="legend" x="{:.1}" y="{ly:.1}">{all_requests}</text>"##,
        ly - 9.0,
        lx + 18.0
    );
    lx += 110.0;
    for series in SERIES {
        let _ = write!(
            o,
            r##"<line class="line {}" x1="{lx:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}"/><text class="legend" x="{:.1}" y="{ly:.1}">{}</text>"##,
            series.class,
            ly - 4.0,
            lx + 22.0,
            ly - 4.0,
            lx + 26.0,
            series_label(report, series)
        );
        lx += 100.0;
    }
    let _ = write!(
        o,
        r##"<rect class="burst" x="{lx:.1}" y="{:.1}" width="14" height="10"/><text class="legend" x="{:.1}" y="{ly:.1}">{}</text></svg>"##,
        ly - 9.0,
        lx + 18.0,
        escape(&say(report, crate::tr!("chart-burst-legend")))
    );
    let total: u64 = sums.iter().map(|s| s[0]).sum();
    let errors: u64 = sums.iter().map(|s| s[1]).sum();
    Chart {
        svg: Some(o),
        caption: say(
            report,
            crate::tr!(
                "chart-per-minute-caption",
                per = per,
                total = total,
                errors = errors
            ),
        ),
    }
}

/// The fill class of a status code, by class of answer.
fn status_class(code: &str) -> &'static str {
    match code.as_bytes() {
        // 206 is the partial content of update downloads, not the 200 of the web services: its
        // own colour keeps the two apart in the endpoint chart.
        b"206" => "c-206",
        [b'2', ..] => "c-2xx",
        [b'3', ..] => "c-3xx",
        b"401" | b"403" => "c-auth",
        b"404" => "c-404",
        [b'4', ..] => "c-4xx",
        b"503" => "c-503",
        [b'5', ..] => "c-5xx",
        _ => "c-other",
    }
}

/// One bar of the endpoint chart: the answers of one endpoint family by status code.
struct EndpointRow<'a> {
    name: &'a String,
    codes: Vec<(&'a String, u64)>,
    total: u64,
}

/// Status mix per endpoint family, as 100 % stacked bars.
pub fn status_by_endpoint(report: &Report) -> Chart {
    let name = || crate::tr!("chart-endpoints-name");
    let Some(data) = report
        .charts
        .as_ref()
        .map(|c| &c.status_by_endpoint)
        .filter(|d| !d.is_empty())
    else {
        return Chart::absent(no_iis_reason(report, name()));
    };
    let mut rows: Vec<EndpointRow> = data
        .iter()
        .map(|(name, codes)| {
            let mut c: Vec<(&String, u64)> = codes.iter().map(|(k, v)| (k, *v)).collect();
            // Numeric order of codes, whatever their string order.
            c.sort_by_key(|(k, _)| (k.parse::<u32>().unwrap_or(u32::MAX), k.to_string()));
            let total = c.iter().map(|(_, v)| v).sum();
            EndpointRow {
                name,
                codes: c,
                total,
            }
        })
        .filter(|r| r.total > 0)
        .collect();
    if rows.is_empty() {
        return Chart::absent(no_iis_reason(report, name()));
    }
    rows.sort_by(|a, b| b.total.cmp(&a.total).then(a.name.cmp(b.name)));
    let (label_w, total_w, row_h) = (200.0, 90.0, 30.0);
    let (x0, x1) = (label_w, WIDTH - total_w);
    let height = rows.len() as f64 * row_h + 44.0;
    let mut o = String::new();
    svg_open(
        &mut o,
        height,
        &say(report, crate::tr!("chart-endpoints-title")),
    );
    let mut codes_seen: Vec<&String> = Vec::new();
    for (r, EndpointRow { name, codes, total }) in rows.iter().enumerate() {
        let y = 8.0 + r as f64 * row_h;
        let _ = write!(
            o,
            r##"<text class="row-label" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            label_w - 8.0,
            y + 15.0,
            escape(name)
        );
        let mut x = x0;
        for (code, n) in codes {
            if !codes_seen.contains(code) {
                codes_seen.push(code);
            }
            let w = *n as f64 / *total as f64 * (x1 - x0);
            if w <= 0.0 {
                continue;
            }
            let pct = *n as f64 * 100.0 / *total as f64;
            let _ = write!(
                o,
                r##"<rect class="{}" x="{x:.1}" y="{y:.1}" width="{w:.1}" height="22"><title>{}</title></rect>"##,
                status_class(code),
                escape(&say(
                    report,
                    crate::tr!(
                        "chart-endpoint-segment",
                        endpoint = &**name,
                        code = &**code,
                        count = *n,
                        share = format!("{pct:.1}")
                    )
                ))
            );
            if w >= 70.0 {
                let _ = write!(
                    o,
                    r##"<text class="seg-label" x="{:.1}" y="{:.1}">{} {pct:.0} %</text>"##,
                    x + 5.0,
                    y + 15.0,
                    escape(code)
                );
            }
            x += w;
        }
        let _ = write!(
            o,
            r##"<text class="tick" x="{:.1}" y="{:.1}">{total}</text>"##,
            x1 + 8.0,
            y + 15.0
        );
    }
    codes_seen.sort_by_key(|k| (k.parse::<u32>().unwrap_or(u32::MAX), k.to_string()));
    let ly = height - 12.0;
    let mut lx = x0;
    for code in codes_seen {
        let _ = write!(
            o,
            r##"<rect class="{}" x="{lx:.1}" y="{:.1}" width="14" height="10"/><text class="legend" x="{:.1}" y="{ly:.1}">{}</text>"##,
            status_class(code),
            ly - 9.0,
            lx + 18.0,
            escape(code)
        );
        lx += 62.0;
    }
    o.push_str("</svg>");
    Chart {
        svg: Some(o),
        caption: say(report, crate::tr!("chart-endpoints-caption")),
    }
}

/// The lanes of the timeline, in display order.
const LANES: &[Side] = &[Side::Server, Side::Client, Side::Probe];

/// The worst status among the findings of a check, for colouring its events.
fn worst_status(report: &Report, check: CheckId) -> Option<Status> {
    report
        .findings
        .iter()
        .filter(|f| f.check == check)
        .map(|f| f.status)
        .min()
}

/// Events on a time axis, one lane per side.
pub fn timeline(report: &Report) -> Chart {
    if report.timeline.is_empty() {
        return Chart::absent(say(report, crate::tr!("chart-timeline-none")));
    }
    let spans: Vec<(&TimelineEvent, i64, i64)> = report
        .timeline
        .iter()
        .filter_map(|e| {
            let t = parse_time(&e.time)?;
            let end = e.end.as_deref().and_then(parse_time).unwrap_or(t).max(t);
            Some((e, t, end))
        })
        .collect();
    let (Some(start), Some(end)) = (
        spans.iter().map(|s| s.1).min(),
        spans.iter().map(|s| s.2).max(),
    ) else {
        return Chart::absent(say(report, crate::tr!("chart-timeline-no-time")));
    };
    // A margin of 2 % each side keeps the first and last marks off the frame.
    let pad = ((end - start) / 50).max(60);
    let axis = TimeAxis::new(start - pad, end + pad);
    let lane_h = 36.0;
    let y_top = 8.0;
    let y_axis = y_top + lane_h * LANES.len() as f64;
    let mut o = String::new();
    svg_open(
        &mut o,
        y_axis + 44.0,
        &say(report, crate::tr!("chart-timeline-title")),
    );
    for (i, lane) in LANES.iter().enumerate() {
        let y = y_top + i as f64 * lane_h;
        let _ = write!(
            o,
            r##"<rect class="lane{}" x="{LEFT}" y="{y:.1}" width="{:.1}" height="{lane_h:.1}"/><text class="row-label" x="{:.1}" y="{:.1}" text-anchor="end">{lane}</text>"##,
            if i % 2 == 0 { "" } else { " lane-alt" },
            WIDTH - RIGHT - LEFT,
            LEFT - 6.0,
            y + lane_h / 2.0 + 4.0
        );
    }
    axis.ticks(&mut o, y_top, y_axis, report);
    for (e, t, end) in &spans {
        let lane = LANES.iter().position(|l| *l == e.side).unwrap_or(0);
        let cy = y_top + lane as f64 * lane_h + lane_h / 2.0;
        let status = worst_status(report, e.check).map_or("info", Status::label);
        let host = e.host.as_deref().unwrap_or("");
        let when = match e.end.as_deref() {
            Some(x) => say(report, crate::tr!("window-dates", from = &e.time, to = x)),
            None => e.time.clone(),
        };
        let title = format!(
            "{when} {}{}: {} ({})",
            e.side,
            if host.is_empty() {
                String::new()
            } else {
                format!(" {host}")
            },
            e.what,
            e.check
        );
        let attrs = format!(
            r##"class="mark st-{status}" data-side="{}" data-host="{}""##,
            escape(e.side.as_str()),
            escape(host)
        );
        if end > t {
            let (x0, x1) = (axis.x(*t), axis.x(*end));
            let _ = write!(
                o,
                r##"<rect {attrs} x="{x0:.1}" y="{:.1}" width="{:.1}" height="14" rx="2"><title>{}</title></rect>"##,
                cy - 7.0,
                (x1 - x0).max(3.0),
                escape(&title)
            );
        } else {
            let x = axis.x(*t);
            let _ = write!(
                o,
                r##"<path {attrs} d="M{x:.1} {:.1}l6 7l-6 7l-6 -7Z"><title>{}</title></path>"##,
                cy - 7.0,
                escape(&title)
            );
        }
    }
    let _ = write!(
        o,
        r##"<line class="axis" x1="{LEFT}" y1="{y_axis:.1}" x2="{:.1}" y2="{y_axis:.1}"/></svg>"##,
        WIDTH - RIGHT
    );
    let unplaced = report.timeline.len() - spans.len();
    let mut caption = say(
        report,
        crate::tr!("chart-timeline-caption", count = spans.len()),
    );
    if unplaced > 0 {
        let more = say(
            report,
            crate::tr!("chart-timeline-unplaced", count = unplaced),
        );
        caption = format!("{caption} {more}");
    }
    Chart {
        svg: Some(o),
        caption,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_scale_rounds_up_to_few_ticks() {
        assert_eq!(nice_scale(0), (1, 1));
        assert_eq!(nice_scale(7), (8, 2));
        assert_eq!(nice_scale(380), (400, 100));
        assert_eq!(nice_scale(1001), (1500, 500));
    }

    #[test]
    fn status_classes_follow_the_answer_class() {
        assert_eq!(status_class("200"), "c-2xx");
        assert_eq!(status_class("206"), "c-206");
        assert_eq!(status_class("401"), "c-auth");
        assert_eq!(status_class("503"), "c-503");
        assert_eq!(status_class("500"), "c-5xx");
        assert_eq!(status_class("x"), "c-other");
    }
}
