"""The two charts of the impact report, drawn on the server as SVG so that the PDF holds them
(wkhtmltopdf runs no JavaScript) and the dashboard shows the very same pictures.

Pure Python, no Odoo: the caller gives labels and values already formatted in the reader's
language; every text is escaped here.
"""

import base64
from xml.sax.saxutils import escape, quoteattr

FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
BAR_COLOR = "#1a7f64"
MUTED_COLOR = "#9aa5a0"
TEXT_COLOR = "#222222"
GRID_COLOR = "#d9dedb"
# One color per retention horizon (6, 12, 24 months): light to dark.
SERIES_COLORS = ("#8fd1bd", "#3aa585", "#115e49")


class Svg:
    """A small SVG document builder: shapes and texts, serialised with escaping."""

    def __init__(self, width, height):
        self.width, self.height, self.items = width, height, []

    def rect(self, x, y, width, height, fill, **attrs):
        self.items.append(self._element("rect", {"x": x, "y": y, "width": max(width, 0),
                                                 "height": max(height, 0), "fill": fill, **attrs}))

    def line(self, x1, y1, x2, y2, stroke, **attrs):
        self.items.append(self._element("line", {"x1": x1, "y1": y1, "x2": x2, "y2": y2, "stroke": stroke,
                                                 **attrs}))

    def text(self, x, y, content, *, size=12, anchor="start", fill=TEXT_COLOR, weight="normal"):
        self.items.append(self._element("text", {
            "x": x, "y": y, "font-size": size, "text-anchor": anchor, "fill": fill, "font-weight": weight,
            "font-family": FONT}, content))

    @staticmethod
    def _element(tag, attrs, content=None):
        rendered = " ".join(f"{name}={quoteattr(_number(value))}" for name, value in attrs.items())
        if content is None:
            return f"<{tag} {rendered}/>"
        return f"<{tag} {rendered}>{escape(str(content))}</{tag}>"

    def to_string(self, title):
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" height="{self.height}" '
                f'viewBox="0 0 {self.width} {self.height}" role="img"><title>{escape(title)}</title>'
                + "".join(self.items) + "</svg>")

    def to_data_uri(self, title):
        """An ``<img src>`` value: what wkhtmltopdf and browsers render alike."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.to_string(title).encode()).decode()


def _number(value):
    if isinstance(value, float):
        return f"{value:.1f}".removesuffix(".0")
    return str(value)


def funnel_chart(rows, title, width=480):
    """Horizontal bars from the first stage to the last.

    :param rows: [{"label": stage name, "value": count or None when masked, "text": what to write
                  at the end of the bar (the formatted count, or the masking wording)}]
    :return: the SVG as a data URI
    """
    label_width, row_height, bar_height, top = 130, 26, 18, 6
    height = top * 2 + row_height * len(rows)
    svg = Svg(width, height)
    largest = max([row["value"] or 0 for row in rows] + [1])
    bar_room = width - label_width - 120
    for index, row in enumerate(rows):
        y = top + index * row_height
        svg.text(label_width - 8, y + bar_height - 4, row["label"], anchor="end")
        svg.line(label_width, y - 3, label_width, y + row_height - 3, GRID_COLOR)
        if row["value"] is None:  # masked: no bar that would give the count away
            svg.rect(label_width, y, 6, bar_height, MUTED_COLOR)
            svg.text(label_width + 12, y + bar_height - 4, row["text"], fill="#555555")
            continue
        bar = bar_room * row["value"] / largest if row["value"] else 0
        if row["value"]:
            svg.rect(label_width, y, max(bar, 2), bar_height, BAR_COLOR, rx=2)
        svg.text(label_width + max(bar, 2) + 6, y + bar_height - 4, row["text"], weight="bold")
    return svg.to_data_uri(title)


def retention_chart(cohorts, series, title, empty_text, width=480):
    """Grouped vertical bars: per installation cohort, the share still here at each horizon.

    :param cohorts: [{"label": "2e trimestre 2025", "values": [share 0-1 or None per series],
                      "texts": [formatted share, "à venir" or the masking mark per series]}]
    :param series: the legend, one label per horizon ("après 6 mois", …)
    :param empty_text: written instead of bars when no household is installed yet
    :return: the SVG as a data URI
    """
    left, top, bottom, plot_height = 44, 42, 40, 150
    group_width = 44 * len(series) + 36
    width = max(width, left + 20 + group_width * max(len(cohorts), 1))
    height = top + plot_height + bottom
    svg = Svg(width, height)
    base = top + plot_height
    for index, label in enumerate(series):
        x = left + index * 130
        svg.rect(x, 6, 12, 12, SERIES_COLORS[index % len(SERIES_COLORS)])
        svg.text(x + 18, 16, label, size=11)
    for share in (0, 0.5, 1):
        y = base - plot_height * share
        svg.line(left, y, width - 10, y, GRID_COLOR)
        svg.text(left - 6, y + 4, f"{round(share * 100)} %", size=10, anchor="end", fill="#555555")
    if not cohorts:
        svg.text(left + 10, base - plot_height / 2, empty_text, fill="#555555")
    bar_width = 36
    for group, cohort in enumerate(cohorts):
        x0 = left + 20 + group * group_width
        for index, (value, text) in enumerate(zip(cohort["values"], cohort["texts"], strict=True)):
            x = x0 + index * (bar_width + 8)
            if value is None:
                svg.text(x + bar_width / 2, base - 4, text, size=9, anchor="middle", fill="#555555")
                continue
            bar = plot_height * value
            svg.rect(x, base - bar, bar_width, bar, SERIES_COLORS[index % len(SERIES_COLORS)])
            svg.text(x + bar_width / 2, base - bar - 4, text, size=10, anchor="middle", weight="bold")
        svg.text(x0 + (len(series) * (bar_width + 8) - 8) / 2, base + 18, cohort["label"], anchor="middle")
    return svg.to_data_uri(title)
