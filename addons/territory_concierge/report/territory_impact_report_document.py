from datetime import date

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from odoo import api, fields, models

from .impact_charts import funnel_chart, retention_chart
from .territory_impact_report import RETENTION_MONTHS, SMALL_GROUP

# The report for elected officials is French (a French département's conciergerie), whoever prints it.
REPORT_LANG = "fr_FR"
DASH = "—"


def long_date(value, locale):
    """"29 novembre 2026"; the first of the month is "1er" in French ("1er janvier 2025")."""
    text = format_date(value, format="long", locale=locale)
    if locale.language == "fr" and value.day == 1 and text.startswith("1 "):
        text = "1er " + text[2:]
    return text


class TerritoryImpactReport(models.AbstractModel):
    _inherit = "territory.impact.report"

    @api.model
    def get_dashboard(self, since=None, until=None, campaign=None):
        """The manager's screen also gets the report's figures as the PDF writes them (masked,
        formatted in the user's language) and its charts."""
        dashboard = super().get_dashboard(since=since, until=until, campaign=campaign)
        dashboard["report"] = self._present(self.mask_small_groups(dashboard), self.env.lang)
        return dashboard

    @api.model
    def _report_lang(self):
        return REPORT_LANG if self.env["res.lang"]._get_code(REPORT_LANG) else self.env.lang

    @api.model
    def _present(self, masked, lang):
        """What the report shows, as text in ``lang``: headline figures, the funnel, retention per
        installation cohort, costs per campaign in the company's currency, end reasons, the two
        charts (SVG data URIs) and the footnotes.

        :param masked: figures of :meth:`get_kpis` through :meth:`mask_small_groups`
        """
        self = self.with_context(lang=lang)  # noqa: PLW0642 (the texts below in ``lang``)
        locale = Locale.parse(lang or REPORT_LANG)
        currency = self.env.company.currency_id
        money_pattern = locale.currency_formats["standard"].pattern.split(";")[0].replace(".00", "")
        footnotes = set()

        def number(value):
            return format_decimal(value, locale=locale)

        def percent(value):
            return format_percent(value, locale=locale)

        def money(value):
            return format_currency(value, currency.name, format=money_pattern, locale=locale, currency_digits=False)

        def days(value):
            text = format_decimal(value, format="#,##0.#", locale=locale)
            return self.env._("%(days)s day", days=text) if value < 2 else self.env._("%(days)s days", days=text)

        def show(row, key, formatter, empty=DASH):
            """A figure as text: counts masked by their wording, derived figures by a dash and a note."""
            if key in row.get("masked", ()):
                if key in count_keys:
                    return self.env._("fewer than %(count)s households", count=SMALL_GROUP)
                footnotes.add("masked")
                return f"{DASH}*"
            value = row.get(key)
            return empty if value is None else formatter(value)

        milestones = [milestone for milestone, _label in self.env["crm.stage"]._fields["milestone"].selection]
        count_keys = {"reached", "count", "qualified", "stays", "installed", "still_here_1y",
                      *(f"still_here_{months}m" for months in RETENTION_MONTHS), *milestones}
        filters = masked["filters"]
        as_of = fields.Date.to_date(filters["as_of"])

        funnel = [{
            "label": row["label"], "reached": show(row, "reached", number),
            "conversion": show(row, "conversion", percent) if index else "",
            "median_days": show(row, "median_days", days),
        } for index, row in enumerate(masked["funnel"])]
        retention = [{
            "cohort": self._quarter_label(row["cohort"]), "installed": show(row, "installed", number),
            **{f"share_{months}m": show(row, f"share_{months}m", percent, empty=self.env._("not yet"))
               for months in RETENTION_MONTHS},
        } for row in masked["retention"]]
        campaigns = [{
            "name": row["name"], "cost": money(row["cost"]) if row["cost"] else DASH,
            "installed": show(row, "installed", number), "still_here_1y": show(row, "still_here_1y", number),
            **{key: show(row, key, money) for key in (
                "cost_per_qualified", "cost_per_stay", "cost_per_installed", "cost_per_still_here_1y")},
        } for row in masked["campaigns"]]
        lost = [{"label": row["label"] or DASH, "reason": row["reason"], "count": show(row, "count", number)}
                for row in masked.get("lost", [])]
        # Side by side when the figures cover several territories: households per milestone.
        territory_table = [{"territory": row["territory"], **{milestone: show(row, milestone, number)
                                                              for milestone in milestones}}
                           for row in masked.get("territories", [])]

        charts = {
            "funnel": funnel_chart([{
                "label": row["label"], "value": row["reached"],
                "text": show(row, "reached", number),
            } for row in masked["funnel"]], title=self.env._("From first contact to settled households")),
            "retention": retention_chart([{
                "label": self._quarter_label(row["cohort"]),
                "values": [row.get(f"share_{months}m") for months in RETENTION_MONTHS],
                "texts": [show(row, f"share_{months}m", percent, empty=self.env._("not yet"))
                          for months in RETENTION_MONTHS],
            } for row in masked["retention"]],
                series=[self.env._("after %(months)s months", months=months) for months in RETENTION_MONTHS],
                title=self.env._("Installed households still here, per installation quarter"),
                empty_text=self.env._("No household installed yet.")),
        }
        return {
            "lang": lang,
            "as_of": long_date(as_of, locale),
            "period": self._period_label(filters, locale),
            "campaign": filters.get("campaign") or "",
            # Printed for one territory or several (a Région): those chosen in the company switcher.
            "territories": ", ".join(filters.get("territories") or []),
            "headline": self._headline(masked, number, percent, money),
            "funnel": funnel, "retention": retention, "campaigns": campaigns, "lost": lost, "charts": charts,
            "territory_table": territory_table,
            "footnotes": [self.env._("%(dash)s* not published: computed on fewer than %(count)s households, it could "
                            "point at a family.", dash=DASH, count=SMALL_GROUP)] if footnotes else [],
            "privacy": self.env._("No name nor contact: groups of fewer than %(count)s households are not published.",
                         count=SMALL_GROUP),
        }

    @api.model
    def _quarter_label(self, cohort):
        """"2025-Q2" → "2e trimestre 2025" (in the context's language)."""
        year, quarter = cohort.split("-Q")
        labels = {
            "1": self.env._("1st quarter %(year)s", year=year), "2": self.env._("2nd quarter %(year)s", year=year),
            "3": self.env._("3rd quarter %(year)s", year=year), "4": self.env._("4th quarter %(year)s", year=year),
        }
        return labels[quarter]

    @api.model
    def _period_label(self, filters, locale):
        since, until = (long_date(fields.Date.to_date(filters[key]), locale) if filters.get(key) else ""
                        for key in ("since", "until"))
        if since and until:
            return self.env._("Households first contacted from %(since)s to %(until)s", since=since, until=until)
        if since:
            return self.env._("Households first contacted since %(since)s", since=since)
        if until:
            return self.env._("Households first contacted until %(until)s", until=until)
        return self.env._("All households since the conciergerie opened")

    @api.model
    def _headline(self, masked, number, percent, money):
        """Four figures a mayor reads first: contacted, installed, still here after a year, cost
        per installed household."""
        # The first row of each milestone: with several journeys teams, the figures are per team's
        # stage; the headline reads the first pipeline's milestones.
        milestones = {}
        for row in masked["funnel"]:
            milestones.setdefault(row.get("milestone"), row)

        def count(row):
            if not row:
                return "0"
            if "reached" in row["masked"]:
                return self.env._("fewer than %(count)s households", count=SMALL_GROUP)
            return number(row["reached"])

        measured = [row for row in masked["retention"] if "installed" not in row["masked"]
                    and row.get("share_12m") is not None]
        installed_measured = sum(row["installed"] for row in measured)
        still_here = sum(row["still_here_12m"] for row in measured)
        if not installed_measured:
            share = self.env._("not yet")
        elif installed_measured < SMALL_GROUP:
            share = f"{DASH}*"
        else:
            share = percent(still_here / installed_measured)
        costed = [row for row in masked["campaigns"] if row["cost"] and isinstance(row["installed"], int)]
        installed = sum(row["installed"] for row in costed)
        cost = money(sum(row["cost"] for row in costed) / installed) if installed >= SMALL_GROUP else DASH
        return [
            {"value": count(milestones.get("contacted")),
             "label": self.env._("households contacted")},
            {"value": count(milestones.get("installed")),
             "label": self.env._("households installed")},
            {"value": share, "label": self.env._("of the installed households still here after a year")},
            {"value": cost, "label": self.env._("campaign cost per installed household")},
        ]


class ReportImpactDocument(models.AbstractModel):
    _name = "report.territory_concierge.report_impact_document"
    _description = "Impact report for elected officials"

    @api.model
    def _get_report_values(self, docids, data=None):
        filters = (data or {}).get("filters", {})
        lang = self.env["territory.impact.report"]._report_lang()
        # Stage names and end reasons in the report's language too.
        Impact = self.env["territory.impact.report"].with_context(lang=lang)
        kpis = Impact.get_kpis(since=filters.get("since"), until=filters.get("until"),
                               campaign=filters.get("campaign"), as_of=filters.get("as_of"))
        company = self.env.company
        return {
            "report": Impact._present(Impact.mask_small_groups(kpis), lang), "report_lang": lang,
            "company": company,
            "printed_on": long_date(fields.Date.context_today(self) or date.today(), Locale.parse(lang)),
        }
