from collections import Counter, defaultdict
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .territory_funnel_report import DAYS_IN_STAGE

RETENTION_MONTHS = (6, 12, 24)
# Groups smaller than this are masked in what leaves the conciergerie (impact report):
# with so few households, a figure could point at a family.
SMALL_GROUP = 5


class TerritoryImpactReport(models.AbstractModel):
    """The figures elected officials ask for: funnel, end reasons, cost per campaign,
    retention of installed households. One method computes them for the dashboard,
    the PDF report and the external API (scripts/export_kpis.py)."""

    _name = "territory.impact.report"
    _description = "Impact figures of the conciergerie"

    @api.model
    def get_kpis(self, since=None, until=None, campaign=None, as_of=None, territory=None):
        """Figures of the journeys first contacted between ``since`` and ``until``, in the
        territories (companies) the user works in now, or in the one named ``territory``.

        :param str since: ISO date, first contact on or after it
        :param str until: ISO date, first contact on or before it
        :param str campaign: name of a UTM campaign, to restrict to its journeys
        :param str as_of: ISO date the retention is measured at (today by default)
        :param str territory: name of one of the user's territories (companies)
        :return: dict with the keys funnel, lost, campaigns, retention, territories (side by
            side, when the figures cover several), filters
        """
        if not self.env.user.has_group("territory_concierge.group_concierge_user"):
            raise AccessError(self.env._("Only the conciergerie's staff can read its figures."))
        if territory:
            companies = self.env.user.company_ids.filtered(lambda company: company.name == territory)
            if not companies:
                raise UserError(self.env._("You work in no territory named “%(name)s”.", name=territory))
            return self.with_context(allowed_company_ids=companies.ids).get_kpis(since, until, campaign, as_of)
        today = fields.Date.to_date(as_of) if as_of else fields.Date.context_today(self)
        journeys = self._journeys_query(since, until, campaign)
        # The pipelines of the territories (companies) the user works in now.
        teams = self.env["crm.team"].search([("use_journeys", "=", True)])
        stages = self.env["crm.stage"].search([("team_ids", "in", teams.ids)], order="sequence, id")
        xmlids = stages._get_external_ids()
        installations = self._installations(journeys)
        return {
            "funnel": self._funnel(journeys, stages, xmlids),
            "lost": self._lost(journeys, stages, xmlids),
            "campaigns": self._campaigns(journeys, installations, today),
            "retention": self._retention(installations, today),
            "territories": self._territories(journeys),
            "filters": {"since": since, "until": until, "campaign": campaign, "as_of": today.isoformat(),
                        "territories": self.env.companies.mapped("name")},
        }

    def _journeys_query(self, since, until, campaign):
        """SQL selecting the ids of the journeys measured (record rules of the user apply)."""
        domain = [("is_journey", "=", True)]
        if since:
            domain.append(("first_contact_date", ">=", since))
        if until:
            domain.append(("first_contact_date", "<=", until))
        if campaign:
            domain.append(("campaign_id.name", "=", campaign))
        return self.env["crm.lead"].with_context(active_test=False)._search(domain).subselect()

    def _funnel(self, journeys, stages, xmlids):
        """One row per stage; several territories' copies of a stage (same place, same name: the
        "Nouveau territoire" wizard copies them) make one row, with the journeys of all."""
        self.env.flush_all()
        representative = {}
        for stage in stages:
            representative.setdefault((stage.sequence, stage.name), stage)
        key_of = {stage.id: representative[stage.sequence, stage.name].id for stage in stages}
        if not key_of:
            return []
        # From the stage history itself rather than the funnel view, whose other columns (the
        # journey's campaign, concierge, end reason…) cost a join per row: a third of the time.
        self.env.cr.execute(SQL("""
            WITH stays AS (
                SELECT history.stage_id, %(days_in_stage)s AS days
                  FROM crm_lead_stage_history history
                 WHERE history.journey_id IN (%(journeys)s)
              GROUP BY history.journey_id, history.stage_id
            )
            SELECT stage_key.key, COUNT(*),
                   PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY stays.days) FILTER (WHERE stays.days IS NOT NULL)
              FROM stays
              JOIN (VALUES %(keys)s) AS stage_key (stage_id, key) ON stage_key.stage_id = stays.stage_id
          GROUP BY stage_key.key
        """, days_in_stage=DAYS_IN_STAGE, journeys=journeys,
            keys=SQL(", ").join(SQL("(%s, %s)", stage_id, key) for stage_id, key in key_of.items())))
        reached = {stage_id: (count, median) for stage_id, count, median in self.env.cr.fetchall()}
        funnel, previous = [], None
        for stage in representative.values():
            count, median = reached.get(stage.id, (0, None))
            funnel.append({
                "stage": xmlids[stage.id][0] if xmlids.get(stage.id) else str(stage.id),
                "milestone": stage.milestone or None,
                "label": stage.name,
                "reached": count,
                "conversion": round(count / previous, 4) if previous else (1.0 if previous is None and count
                                                                          else None),
                "median_days": round(median, 1) if median is not None else None,
            })
            previous = count
        return funnel

    def _lost(self, journeys, stages, xmlids):
        self.env.cr.execute(SQL("""
            SELECT furthest_stage_id, lost_reason_id, COUNT(*)
              FROM crm_lead
             WHERE id IN (%s) AND won_status = 'lost'
          GROUP BY furthest_stage_id, lost_reason_id
        """, journeys))
        rows = self.env.cr.fetchall()
        reasons = self.env["crm.lost.reason"].browse([reason for _stage, reason, _count in rows if reason])
        names = {reason.id: reason.name for reason in reasons}
        order = {stage.id: index for index, stage in enumerate(stages)}
        return [{
            "stage": xmlids[stage_id][0] if xmlids.get(stage_id) else None,
            "label": stages.browse(stage_id).name if stage_id else None,
            "reason": names.get(reason_id) or self.env._("No reason given"),
            "count": count,
        } for stage_id, reason_id, count in sorted(rows, key=lambda row: (order.get(row[0], 99), -row[2]))]

    def _reached_counts_by_campaign(self, journeys, milestones):
        """Journeys per campaign that reached each milestone: the first stage of that milestone
        (or a later one) of their own journeys team, whatever the stages are called or ordered.

        :return: {milestone: {campaign id: count}}
        """
        teams = self.env["crm.team"].search([("use_journeys", "=", True)])
        milestone_of_stage = defaultdict(set)
        for milestone in milestones:
            for stage in self.env["crm.stage"]._milestone_stages(teams, milestone).values():
                milestone_of_stage[stage.id].add(milestone)
        counts = {milestone: {} for milestone in milestones}
        if not milestone_of_stage:
            return counts
        # One pass over the stage history itself, not the funnel view (which aggregates every
        # journey's stays per stage): a stage reached is a row of it.
        self.env.cr.execute(SQL("""
            SELECT lead.campaign_id, history.stage_id, COUNT(DISTINCT history.journey_id)
              FROM crm_lead_stage_history history
              JOIN crm_lead lead ON lead.id = history.journey_id
             WHERE history.journey_id IN (%s) AND history.stage_id IN %s
          GROUP BY lead.campaign_id, history.stage_id
        """, journeys, tuple(milestone_of_stage)))
        for campaign_id, stage_id, count in self.env.cr.fetchall():
            for milestone in milestone_of_stage[stage_id]:
                counts[milestone][campaign_id] = counts[milestone].get(campaign_id, 0) + count
        return counts

    def _installations(self, journeys):
        """(campaign id, installation date, departure date or None) of the installed households,
        read once for every retention delay. A departure is an end reason flagged "left after
        installation" (staff may add their own)."""
        self.env.cr.execute(SQL("""
            SELECT lead.campaign_id, lead.installation_date,
                   CASE WHEN lead.won_status = 'lost' AND COALESCE(reason.is_departure, FALSE)
                        THEN COALESCE(lead.departure_date, lead.date_closed::date) END
              FROM crm_lead lead
         LEFT JOIN crm_lost_reason reason ON reason.id = lead.lost_reason_id
             WHERE lead.id IN (%s) AND lead.installation_date IS NOT NULL
        """, journeys))
        return self.env.cr.fetchall()

    @staticmethod
    def _still_here(installations, today, months):
        """(campaign id, installation date, still here) of the households installed at least
        ``months`` ago: whether they were still here ``months`` after installing."""
        for campaign_id, installed_on, left_on in installations:
            measured_on = installed_on + relativedelta(months=months)
            if measured_on <= today:
                yield campaign_id, installed_on, not (left_on and left_on < measured_on)

    def _campaigns(self, journeys, installations, today):
        reached = self._reached_counts_by_campaign(journeys, ("qualified", "stay", "installed"))
        qualified, stays, installed = reached["qualified"], reached["stay"], reached["installed"]
        still_here = {}
        for campaign_id, _installed_on, here in self._still_here(installations, today, 12):
            still_here[campaign_id] = still_here.get(campaign_id, 0) + (1 if here else 0)
        self.env.cr.execute(SQL("SELECT DISTINCT campaign_id FROM crm_lead WHERE id IN (%s)", journeys))
        # The conciergerie's own campaigns: not Odoo's stock ones (nor other apps') a link may point at.
        campaigns = self.env["utm.campaign"].browse(
            [row[0] for row in self.env.cr.fetchall() if row[0]]).filtered("concierge_campaign")
        result = []
        for campaign in campaigns.sorted("name"):
            counts = {"qualified": qualified.get(campaign.id, 0), "stays": stays.get(campaign.id, 0),
                      "installed": installed.get(campaign.id, 0), "still_here_1y": still_here.get(campaign.id, 0)}
            row = {"name": campaign.name, "cost": campaign.concierge_cost, **counts}
            for key, count in counts.items():
                row[f"cost_per_{key.removesuffix('s') if key == 'stays' else key}"] = (
                    round(campaign.concierge_cost / count, 2) if count and campaign.concierge_cost else None)
            result.append(row)
        return result

    def _territories(self, journeys):
        """The territories side by side, when the figures cover several: households that reached
        each milestone (whatever each territory calls or orders its stages), and their total, in
        which a household oriented from one territory to another counts once, at the furthest
        milestone it reached in either."""
        if len(self.env.companies) < 2:
            return []
        milestones = [milestone for milestone, _label in self.env["crm.stage"]._fields["milestone"].selection]
        self.env.cr.execute(SQL("""
            SELECT GROUPING(lead.company_id) = 1, lead.company_id, stage.milestone,
                   COUNT(DISTINCT COALESCE(lead.origin_journey_id, lead.id))
              FROM crm_lead_stage_history history
              JOIN crm_stage stage ON stage.id = history.stage_id
              JOIN crm_lead lead ON lead.id = history.journey_id
             WHERE history.journey_id IN (%s) AND stage.milestone IS NOT NULL
          GROUP BY GROUPING SETS ((lead.company_id, stage.milestone), (stage.milestone))
        """, journeys))
        reached, total = {}, {}
        for is_total, company_id, milestone, count in self.env.cr.fetchall():
            if is_total:
                total[milestone] = count
            else:
                reached[company_id, milestone] = count
        rows = [{"territory": company.name, **{milestone: reached.get((company.id, milestone), 0)
                                               for milestone in milestones}}
                for company in self.env.companies.sorted("name")]
        return [*rows, {"territory": self.env._("Total (households counted once)"),
                        **{milestone: total.get(milestone, 0) for milestone in milestones}}]

    @staticmethod
    def _quarter(day):
        return day.year, (day.month - 1) // 3 + 1

    def _retention(self, installations, today):
        installed = Counter(self._quarter(installed_on) for _campaign, installed_on, _left_on in installations)
        cohorts = {(year, quarter): {"cohort": f"{year}-Q{quarter}", "installed": installed[year, quarter]}
                   for year, quarter in sorted(installed)}
        for months in RETENTION_MONTHS:
            measured = {}
            for _campaign, installed_on, here in self._still_here(installations, today, months):
                key = self._quarter(installed_on)
                total, still = measured.get(key, (0, 0))
                measured[key] = (total + 1, still + (1 if here else 0))
            for key, cohort in cohorts.items():
                total, still = measured.get(key, (0, 0))
                # A cohort is measured at N months once all its households are N months in.
                quarter_end = date(key[0], 3 * key[1], 1) + relativedelta(months=1, days=-1)
                complete = quarter_end + relativedelta(months=months) <= today
                cohort[f"still_here_{months}m"] = still if complete else None
                cohort[f"share_{months}m"] = round(still / total, 4) if complete and total else None
        return list(cohorts.values())

    @api.model
    def get_dashboard(self, since=None, until=None, campaign=None):
        """The manager's screen: the figures plus the activity backlog per concierge."""
        kpis = self.get_kpis(since=since, until=until, campaign=campaign)
        today = fields.Date.context_today(self)
        backlog = {}
        activities = self.env["mail.activity"].search_read(
            [("res_model", "=", "crm.lead"), ("res_id", "in", self.env["crm.lead"]._search(
                [("is_journey", "=", True)]))], ["user_id", "date_deadline"])
        for activity in activities:
            name = activity["user_id"][1] if activity["user_id"] else self.env._("Unassigned")
            row = backlog.setdefault(name, {"concierge": name, "overdue": 0, "today": 0, "planned": 0})
            deadline = activity["date_deadline"]
            row["overdue" if deadline < today else "today" if deadline == today else "planned"] += 1
        kpis["backlog"] = sorted(backlog.values(), key=lambda row: -row["overdue"])
        return kpis

    @api.model
    def mask_small_groups(self, kpis):
        """The same figures where no group of 1 to 4 households can be told apart.

        A count of 1 to 4 is left out (None), and so is every figure derived from it (a
        conversion, a median, a share, a cost per household), since it would give the count
        back (cost / cost per household) or describe a family. Each row lists what it leaves
        out in ``masked``: the report writes "fewer than 5 households" for a count and "—" with
        a footnote for a derived figure.
        """
        def small(value):
            return isinstance(value, int) and 0 < value < SMALL_GROUP

        # count key → the keys computed from it
        derived = {
            "funnel": {"reached": ("conversion", "median_days")},
            "lost": {"count": ()},
            "campaigns": {"qualified": ("cost_per_qualified",), "stays": ("cost_per_stay",),
                          "installed": ("cost_per_installed",), "still_here_1y": ("cost_per_still_here_1y",)},
            "retention": {"installed": tuple(f"{prefix}_{m}m" for m in RETENTION_MONTHS
                                             for prefix in ("still_here", "share")),
                          **{f"still_here_{m}m": (f"share_{m}m",) for m in RETENTION_MONTHS}},
            "territories": dict.fromkeys(dict(self.env["crm.stage"]._fields["milestone"].selection), ()),
        }
        masked = {key: value for key, value in kpis.items() if key != "backlog"}
        for section, count_keys in derived.items():
            rows, previous = [], None
            for original in kpis.get(section, []):
                row = dict(original, masked=[])
                for count_key, dependent_keys in count_keys.items():
                    if small(original.get(count_key)):
                        row["masked"] += [key for key in (count_key, *dependent_keys) if key not in row["masked"]]
                if section == "funnel" and small(previous) and "conversion" not in row["masked"]:
                    row["masked"].append("conversion")  # a share of 1 to 4 households
                row.update(dict.fromkeys(row["masked"]))
                previous = original.get("reached")
                rows.append(row)
            masked[section] = rows
        return masked
