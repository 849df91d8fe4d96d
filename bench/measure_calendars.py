"""Which calendar library resolves festivals, solar terms and lunar days (issue 13): the measurement.

Runs in a scratch environment holding the candidates (not the project's):

    python3 -m venv /tmp/cal && /tmp/cal/bin/pip install lunar-python lunardate borax zhdate sxtwl chinesecalendar
    /tmp/cal/bin/python bench/measure_calendars.py

Truth: TRUTH below, festival and solar-term days of 2023-2026 as the State Council's holiday
notices and the almanac print them (春节 2025 is 1月29日, the notice's 1月28日(除夕) to 2月4日 …),
each checked independently here: the day must fall inside the official public holiday that
``chinesecalendar`` (the State Council notices as data) records for that festival, where there is
one, and at least three of the candidates must agree on it.  For every candidate: days right,
microseconds per conversion (lunar month-day -> Gregorian; solar term of a year), installed size,
licence and last release.
"""
from __future__ import annotations

import datetime as dt
import importlib.metadata as md
import time
from pathlib import Path

# (what, year, expected ISO day); lunar items give (lunar month, day) of the lunar year `year`
LUNAR = {"春节": (1, 1), "元宵节": (1, 15), "大年初三": (1, 3), "端午节": (5, 5), "七夕": (7, 7),
         "中秋节": (8, 15), "重阳节": (9, 9), "腊八": (12, 8)}
TRUTH = [
    ("春节", 2023, "2023-01-22"), ("春节", 2024, "2024-02-10"), ("春节", 2025, "2025-01-29"), ("春节", 2026, "2026-02-17"),
    ("元宵节", 2024, "2024-02-24"), ("元宵节", 2025, "2025-02-12"), ("大年初三", 2025, "2025-01-31"),
    ("端午节", 2023, "2023-06-22"), ("端午节", 2024, "2024-06-10"), ("端午节", 2025, "2025-05-31"),
    ("中秋节", 2023, "2023-09-29"), ("中秋节", 2024, "2024-09-17"), ("中秋节", 2025, "2025-10-06"),
    ("七夕", 2025, "2025-08-29"), ("重阳节", 2025, "2025-10-29"), ("腊八", 2024, "2025-01-07"),
    ("立春", 2024, "2024-02-04"), ("立春", 2025, "2025-02-03"), ("立春", 2026, "2026-02-04"),
    ("清明", 2024, "2024-04-04"), ("清明", 2025, "2025-04-04"), ("夏至", 2025, "2025-06-21"),
    ("冬至", 2024, "2024-12-21"), ("冬至", 2025, "2025-12-21"), ("芒种", 2025, "2025-06-05"),
]
HOLIDAY = {"春节": "Spring Festival", "端午节": "Dragon Boat Festival", "中秋节": "Mid-autumn Festival",
           "清明": "Tomb-sweeping Day"}
TERMS_SXTWL = "冬至 小寒 大寒 立春 雨水 惊蛰 春分 清明 谷雨 立夏 小满 芒种 夏至 小暑 大暑 立秋 处暑 白露 秋分 寒露 霜降 立冬 小雪 大雪".split()


def lunar_python(what, year):
    from lunar_python import Lunar
    if what in LUNAR:
        return Lunar.fromYmd(year, *LUNAR[what]).getSolar().toYmd()
    # the table of a lunar year runs from the winter solstice before it: the year's own 冬至 is DONG_ZHI
    t = Lunar.fromYmd(year, 6, 1).getJieQiTable()["DONG_ZHI" if what == "冬至" else what]
    return t.toYmd()


def lunardate(what, year):
    from lunardate import LunarDate
    if what not in LUNAR:
        return None                      # no solar terms
    return LunarDate(year, *LUNAR[what]).to_solar_date().isoformat()


def borax(what, year):
    from borax.calendars.lunardate import LunarDate, TermUtils
    if what in LUNAR:
        return LunarDate(year, *LUNAR[what]).to_solar_date().isoformat()
    return TermUtils.nth_term_day(year, term_name=what).isoformat()


def zhdate(what, year):
    from zhdate import ZhDate
    if what not in LUNAR:
        return None
    return ZhDate(year, *LUNAR[what]).to_datetime().date().isoformat()


def sxtwl(what, year):
    import sxtwl as s
    if what in LUNAR:
        d = s.fromLunar(year, *LUNAR[what])
        return f"{d.getSolarYear():04d}-{d.getSolarMonth():02d}-{d.getSolarDay():02d}"
    for x in s.getJieQiByYear(year):
        if TERMS_SXTWL[x.jqIndex] == what:
            t = s.JD2DD(x.jd)
            return f"{int(t.Y):04d}-{int(t.M):02d}-{int(t.D):02d}"
    return None


CANDIDATES = {"lunar-python": (lunar_python, "lunar_python"), "lunardate": (lunardate, "lunardate"),
              "borax": (borax, "borax"), "zhdate": (zhdate, "zhdate"), "sxtwl": (sxtwl, "sxtwl")}


def _size(dist: str) -> int:
    files = md.distribution(dist).files or []
    return sum((Path(f.locate()).stat().st_size for f in files if Path(f.locate()).is_file()), 0)


def main() -> None:
    import chinese_calendar
    # independent check of the truth: inside the official holiday, and >= 3 candidates agree
    answers = {name: {} for name in CANDIDATES}
    for name, (fn, _) in CANDIDATES.items():
        for what, y, _ in TRUTH:
            try:
                answers[name][(what, y)] = fn(what, y)
            except Exception as exc:  # noqa: BLE001 - a candidate's failure is a measured wrong answer
                answers[name][(what, y)] = f"error {type(exc).__name__}"
    for what, y, iso in TRUTH:
        agree = sum(answers[n][(what, y)] == iso for n in CANDIDATES)
        hol = HOLIDAY.get(what)
        ok_hol = "-"
        if hol:
            on, name = chinese_calendar.get_holiday_detail(dt.date.fromisoformat(iso))
            ok_hol = "yes" if on and name == hol else "NO"
        assert agree >= 3 and ok_hol != "NO", (what, y, iso, agree, ok_hol)
    print(f"truth: {len(TRUTH)} days, each inside its official holiday where one exists and confirmed by >= 3 libraries")
    print(f"{'library':13} {'right':>7} {'us/lunar':>9} {'us/term':>8} {'size KB':>8}  licence / version")
    for name, (fn, dist) in CANDIDATES.items():
        right = sum(answers[name][(w, y)] == iso for w, y, iso in TRUTH)
        n_ok = sum(1 for w, y, _ in TRUTH if answers[name][(w, y)] is not None)
        times = {}
        for kind, what in (("lunar", "中秋节"), ("term", "立春")):
            if fn(what, 2025) is None:
                times[kind] = None
                continue
            t = time.perf_counter()
            for y in range(1990, 2090):
                fn(what, y)
            times[kind] = (time.perf_counter() - t) / 100 * 1e6
        meta = md.metadata(dist)
        lic = meta.get("License") or next((c.split("::")[-1].strip() for c in meta.get_all("Classifier") or []
                                            if c.startswith("License")), "?")
        fmt = lambda x: "   -  " if x is None else f"{x:8.0f}"  # noqa: E731
        print(f"{name:13} {right:3d}/{n_ok:<3d} {fmt(times['lunar']):>9} {fmt(times['term']):>8} {_size(dist) / 1024:8.0f}  "
              f"{lic} / {md.version(dist)}")


if __name__ == "__main__":
    main()
