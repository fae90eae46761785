"""Small bar charts drawn on the server as inline SVG: no chart library, nothing from a CDN."""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

WIDTH, HEIGHT, PAD = 640, 180, 24


def bar_chart(points, label=""):
    """An accessible SVG bar chart of (label, value) pairs; each bar has a <title> tooltip."""
    if not points:
        return format_html('<p class="muted">{}</p>', _("Belum ada data."))
    top = max(value for _label, value in points) or 1
    step = (WIDTH - 2 * PAD) / len(points)
    bar = max(step - 2, 1)
    bars = []
    for index, (name, value) in enumerate(points):
        height = (HEIGHT - 2 * PAD) * value / top
        x = PAD + index * step
        y = HEIGHT - PAD - height
        bars.append((f"{x:.1f}", f"{y:.1f}", f"{bar:.1f}", f"{height:.1f}", name, value))
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#999"/>'
        '<text x="{}" y="14" font-size="12">{}</text>{}'
        '<text x="{}" y="{}" font-size="11">{}</text><text x="{}" y="{}" font-size="11" text-anchor="end">{}</text>'
        "</svg>",
        WIDTH, HEIGHT, label,
        PAD, HEIGHT - PAD, WIDTH - PAD, HEIGHT - PAD,
        PAD, _("maks. %(n)s") % {"n": top},
        format_html_join(
            "",
            '<rect x="{}" y="{}" width="{}" height="{}" fill="#8b0000"><title>{}: {}</title></rect>',
            bars,
        ),
        PAD, HEIGHT - 6, points[0][0], WIDTH - PAD, HEIGHT - 6, points[-1][0],
    )  # fmt: skip
