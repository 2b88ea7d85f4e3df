#!/usr/bin/env python3
"""The per-request figures of a Gatling report, without the simulations' "ramp ..." phases.

Usage: gatling-stats.py REPORT_DIR [REQUEST]

Prints one line per request name (count, KO, percentiles), read from the report's statistics table.
With REQUEST, prints that request's figures as JSON (for the scripts); "All Requests" names every request of the
run, the ramps included. Gatling's own rate column divides by the whole run, ramp included, so it is not shown.
"""
import html.parser
import json
import sys

COLUMNS = ["total", "ok", "ko", "ko_percent", "rate", "min", "p50", "p75", "p95", "p99", "max", "mean", "stddev"]


class StatsTable(html.parser.HTMLParser):
    """The rows of index.html's statistics table: a name cell, then the figures."""

    def __init__(self):
        super().__init__()
        self.rows, self.row, self.in_cell, self.text = [], None, False, ""

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.row = []
        elif tag == "td" and self.row is not None:
            self.in_cell, self.text = True, ""

    def handle_endtag(self, tag):
        if tag == "td" and self.in_cell:
            self.row.append(self.text.strip())
            self.in_cell = False
        elif tag == "tr" and self.row:
            self.rows.append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.in_cell:
            self.text += data


def requests(report_dir):
    table = StatsTable()
    table.feed(open(f"{report_dir}/index.html", encoding="utf-8").read())
    found = {}
    for row in table.rows:
        if len(row) != len(COLUMNS) + 1:
            continue
        # The name cell also holds the row's nesting level, after the name
        name = row[0].splitlines()[0].strip()
        if name.startswith("ramp "):
            continue
        figures = row[1:]
        found[name] = {k: float(v.replace(",", "")) if v not in ("-", "") else None
                           for k, v in zip(COLUMNS, figures)}
    return found


if __name__ == "__main__":
    stats = requests(sys.argv[1])
    if len(sys.argv) > 2:
        print(json.dumps(stats[sys.argv[2]]))
    else:
        for name, s in stats.items():
            if name == "All Requests":
                continue
            print(f"  {name:8} {s['total']:>8,.0f} requests, {s['ko']:,.0f} KO, "
                  f"p50 {s['p50']:.0f} ms, p95 {s['p95']:.0f} ms, p99 {s['p99']:.0f} ms, max {s['max']:.0f} ms")
