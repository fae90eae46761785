"""Small bar charts drawn on the server as inline SVG: no chart library, nothing from a CDN.

Each chart has a value axis (0, the middle and the top, with grid lines) and labels under every
`tick_every`-th bar, counted back from the newest so the latest day or month is always named.
"""

import math

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 640, 200
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 14, 30  # room for the value labels and the date labels
MAX_LABELS = 8


def axis_values(top):
    """0, the middle and the top of the value axis, whole numbers: the top rounds up to even."""
    if top <= 1:
        return [0, 1]
    top += top % 2
    return [0, top // 2, top]


def bar_chart(points, label="", tick_every=None):
    """An accessible SVG bar chart of (label, value) pairs; each bar has a <title> tooltip."""
    if not points:
        return format_html('<p class="muted">{}</p>', _("Belum ada data."))
    count = len(points)
    tick_every = tick_every or max(1, math.ceil(count / MAX_LABELS))
    values = axis_values(max(value for _label, value in points))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    base = TOP + plot_h
    step = plot_w / count
    bar = max(step - 2, 1)

    def y_of(value):
        return base - plot_h * value / values[-1]

    grid = [
        (
            LEFT,
            f"{y_of(v):.1f}",
            WIDTH - RIGHT,
            f"{y_of(v):.1f}",
            LEFT - 6,
            f"{y_of(v) + 4:.1f}",
            number_format(v, force_grouping=True),
        )
        for v in values
    ]
    bars, ticks = [], []
    for index, (name, value) in enumerate(points):
        x = LEFT + index * step
        y = y_of(value)
        bars.append(
            (
                f"{x + 1:.1f}",
                f"{y:.1f}",
                f"{bar:.1f}",
                f"{base - y:.1f}",
                name,
                number_format(value, force_grouping=True),
            )
        )
        if (count - 1 - index) % tick_every == 0:
            middle = x + step / 2
            ticks.append((f"{middle:.1f}", base, f"{middle:.1f}", base + 4, f"{middle:.1f}", base + 17, name))
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">'
        '<g class="chart-grid" font-size="11" fill="#555">{}</g>{}'
        '<g class="chart-ticks" font-size="11" fill="#555">{}</g>'
        "</svg>",
        WIDTH, HEIGHT, label,
        format_html_join(
            "",
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#ddd"/><text x="{}" y="{}" text-anchor="end">{}</text>',
            grid,
        ),
        format_html_join(
            "",
            '<rect x="{}" y="{}" width="{}" height="{}" fill="#8b0000"><title>{}: {}</title></rect>',
            bars,
        ),
        format_html_join(
            "",
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#999"/><text x="{}" y="{}" text-anchor="middle">{}</text>',
            ticks,
        ),
    )  # fmt: skip
