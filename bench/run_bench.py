#!/usr/bin/env python3
"""make bench: what the conciergerie costs against stock Odoo, measured in the same run.

Builds (or reuses) the database ``concierge_bench`` with the modules and a generated
dataset: journeys of the conciergerie team next to as many plain CRM leads of a stock
sales team (so that every measurement has its stock baseline on the same data), territory
opportunities, ambassadors, partner organisations, and portal users with shares,
sponsorships and journeys. Prints a
table and writes it as JSON to bench/results/latest.json.

Machines are shared and noisy: read the ratios, not the absolute times.
"""

import argparse
import csv
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from odoo_local import NO_ODOO_MESSAGE, odoo_importable, write_local_config  # noqa: E402

DB_NAME = "concierge_bench"  # default of --db
MODULES = "territory_concierge,territory_partner,ambassador_network"
FIRST_NAMES = ["Claire", "Samir", "Julie", "Lucas", "Nathalie", "Aurélie", "Minh", "Sophie", "Léa", "Karim",
               "Élodie", "Thomas", "Inès", "Hugo", "Manon", "Paul", "Zoé", "Antoine", "Chloé", "Mathieu"]
LAST_NAMES = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
              "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier"]
CITIES = [("Paris", "75011"), ("Lyon", "69003"), ("Lille", "59000"), ("Reims", "51100"), ("Nancy", "54000"),
          ("Strasbourg", "67000"), ("Dijon", "21000"), ("Nantes", "44000")]
PROFILES = ["famille", "soignant", "télétravailleur", "artisan", "repreneur", "agriculteur", "salarié qualifié"]
HORIZONS = ["moins de 6 mois", "6-12 mois", "1-2 ans", "plus de 2 ans"]


def ratio(ours, stock):
    return round(ours / stock, 2) if stock else None


class Bench:
    def __init__(self, args):
        self.args = args
        self.results = []
        self.workdir = Path(tempfile.mkdtemp(prefix="concierge-bench-"))
        self.port = args.port
        self.db = args.db
        self.config = write_local_config(self.workdir / "odoo.conf", self.workdir / "data", self.db, self.port)

    # -- database ---------------------------------------------------------------------------

    def ensure_database(self):
        exists = subprocess.run(["psql", "-d", "postgres", "-tAc",
                                 f"SELECT 1 FROM pg_database WHERE datname = '{self.db}'"],
                                capture_output=True, text=True, check=False).stdout.strip() == "1"
        if exists and self.args.fresh:
            subprocess.run(["dropdb", "--force", self.db], check=True)
            exists = False
        # Reused: the modules are updated to the code being measured. In French, as the desk's
        # database is (the import reports in French).
        french = exists and subprocess.run(["psql", "-d", self.db, "-tAc",
                                            "SELECT 1 FROM res_lang WHERE code = 'fr_FR' AND active"],
                                           capture_output=True, text=True, check=False).stdout.strip() == "1"
        print(f"{'updating' if exists else 'creating'} {self.db} (modules, no demo data)…", flush=True)
        subprocess.run([sys.executable, "-m", "odoo", "-c", str(self.config), "-d", self.db,
                        "-u" if exists else "-i", MODULES, "--without-demo", "--stop-after-init",
                        "--log-level=warn", *([] if french else ["--load-language=fr_FR"])], check=True)

    def env(self):
        import odoo  # noqa: PLC0415
        from odoo import SUPERUSER_ID, api  # noqa: PLC0415
        from odoo.tools import config  # noqa: PLC0415

        config.parse_config(["-c", str(self.config)])
        self.registry = odoo.modules.registry.Registry(self.db)
        self.cursor = self.registry.cursor()
        return api.Environment(self.cursor, SUPERUSER_ID, {"tracking_disable": False})

    # -- measures ---------------------------------------------------------------------------

    def measure(self, env, function, repeat=5, until_commit=False):
        """Best of ``repeat`` runs, each rolled back: (queries, seconds).

        :param bool until_commit: include what the commit of a request runs before committing
            (the precommit hooks: Odoo's tracking messages of the fields tracked)
        """
        from odoo import sql_db  # noqa: PLC0415

        best = None
        for _ in range(repeat):
            env.flush_all()
            env.invalidate_all()
            if until_commit:
                self.cursor.flush()  # what earlier steps left to the commit is not measured
            self.cursor.execute("SAVEPOINT bench")
            start_queries, start = sql_db.sql_counter, time.perf_counter()
            function()
            env.flush_all()
            if until_commit:
                self.cursor.flush()
            elapsed, queries = time.perf_counter() - start, sql_db.sql_counter - start_queries
            self.cursor.execute("ROLLBACK TO SAVEPOINT bench")
            env.invalidate_all()
            if best is None or elapsed < best[1]:
                best = (queries, elapsed)
        return best

    def record(self, name, ours, stock, *, unit="s", target=None, note=""):
        row = {"measurement": name, "ours": ours, "stock": stock, "unit": unit,
               "ratio": ratio(ours[1] if isinstance(ours, tuple) else ours,
                              stock[1] if isinstance(stock, tuple) else stock),
               "target": target, "note": note}
        self.results.append(row)
        print(format_row(row), flush=True)

    def orm_measurements(self, env):
        team = env.ref("territory_concierge.crm_team_concierge")
        stock_team = env["crm.team"].search([("name", "=", "Ventes (référence)")], limit=1) or \
            env["crm.team"].create({"name": "Ventes (référence)", "use_opportunities": True})
        concierge = env["res.users"].search([("login", "=", "bench_concierge")]) or env["res.users"].create({
            "name": "Bench Concierge", "login": "bench_concierge",
            "group_ids": [(6, 0, [env.ref("territory_concierge.group_concierge_user").id])]})
        for member_user in (concierge,):
            if member_user not in team.member_ids:
                env["crm.team.member"].create({"crm_team_id": team.id, "user_id": member_user.id})
                env["crm.team.member"].create({"crm_team_id": stock_team.id, "user_id": member_user.id})
        profile = env.ref("territory_concierge.profile_family")
        size = self.args.journeys
        existing = env["crm.lead"].search_count([("team_id", "=", team.id)])
        if existing < size:
            print(f"generating {size - existing} journeys and as many stock leads…", flush=True)
            rng = random.Random(52)
            # The dataset is background: no chatter for it (the measurements keep tracking on).
            quiet = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                                     mail_create_nosubscribe=True, mail_notrack=True))
            for start in range(existing, size, 1000):
                count = min(1000, size - start)
                quiet["crm.lead"].create([{
                    "name": f"Famille {rng.choice(LAST_NAMES)} {start + i}", "team_id": team.id,
                    "type": "opportunity", "user_id": concierge.id, "profile_ids": [(6, 0, profile.ids)],
                    "project_horizon": rng.choice(["lt_6m", "6_12m", "12_24m", "gt_24m"]),
                    "household_member_ids": [(0, 0, {"role": "adult", "name": "A"}),
                                             (0, 0, {"role": "child", "age": 6})],
                } for i in range(count)])
                quiet["crm.lead"].create([{
                    "name": f"Affaire {start + i}", "team_id": stock_team.id, "type": "opportunity",
                    "user_id": concierge.id} for i in range(count)])
                self.cursor.commit()
        self.spread_pipeline(env, team)
        as_user = env(user=concierge)

        journey_values = [{"name": f"Bench {i}", "team_id": team.id, "type": "opportunity",
                           "profile_ids": [(6, 0, profile.ids)], "project_horizon": "lt_6m",
                           "household_member_ids": [(0, 0, {"role": "adult", "name": "A"})]} for i in range(100)]
        lead_values = [{"name": f"Bench {i}", "team_id": stock_team.id, "type": "opportunity"} for i in range(100)]
        self.record("create 100 journeys (ORM, queries / s)",
                    self.measure(env, lambda: as_user["crm.lead"].create(journey_values)),
                    self.measure(env, lambda: as_user["crm.lead"].create(lead_values)), target=1.5)

        kanban_spec = {"name": {}, "contact_name": {}, "priority": {}, "activity_ids": {}, "activity_state": {},
                       "user_id": {"fields": {"display_name": {}}}, "tag_ids": {"fields": {"display_name": {}}},
                       "stage_id": {"fields": {"display_name": {}}}, "is_rotting": {}, "rotting_days": {}}
        journey_spec = {**kanban_spec, "priority_score": {}, "adult_count": {}, "child_count": {},
                        "has_fit_warnings": {}, "profile_ids": {"fields": {"display_name": {}, "color": {}}}}
        stock_spec = {**kanban_spec, "expected_revenue": {}, "partner_id": {"fields": {"display_name": {}}}}
        self.record("pipeline kanban, 80 cards (web_search_read)",
                    self.measure(env, lambda: as_user["crm.lead"].web_search_read(
                        [("team_id", "=", team.id)], journey_spec, limit=80, order="priority_score desc, id desc")),
                    self.measure(env, lambda: as_user["crm.lead"].web_search_read(
                        [("team_id", "=", stock_team.id)], stock_spec, limit=80)), target=1.5)

        journeys = as_user["crm.lead"].search([("team_id", "=", team.id),
                                               ("stage_id", "=", env.ref("territory_concierge.stage_contacted").id)],
                                              limit=100)
        stock_leads = as_user["crm.lead"].search([("team_id", "=", stock_team.id)], limit=100)
        qualified = env.ref("territory_concierge.stage_qualified").id
        stock_stage = env["crm.stage"].search([("team_ids", "=", False)], order="sequence", limit=2)[-1].id
        for record in journeys:
            record.sudo().write({"project_horizon": record.project_horizon or "lt_6m"})
        stock_move = self.measure(env, lambda: stock_leads.write({"stage_id": stock_stage}))
        self.record("move 100 journeys to the next stage (its activity plan: 100 activities)",
                    self.measure(env, lambda: journeys.write({"stage_id": qualified})), stock_move, target=1.5,
                    note="the stage's plan schedules an activity per journey; stock schedules nothing")
        qualified_stage = env["crm.stage"].browse(qualified)
        plan = qualified_stage.activity_plan_id
        qualified_stage.activity_plan_id = False
        self.record("move 100 journeys to the next stage (a stage without plan)",
                    self.measure(env, lambda: journeys.write({"stage_id": qualified})), stock_move, target=1.5)
        qualified_stage.activity_plan_id = plan
        # The same moves as a request costs them, its commit included: Odoo then posts the
        # tracking message of each lead's stage change, on both sides.
        stock_move = self.measure(env, lambda: stock_leads.write({"stage_id": stock_stage}), until_commit=True)
        self.record("move 100 journeys to the next stage (its activity plan), until the commit",
                    self.measure(env, lambda: journeys.write({"stage_id": qualified}), until_commit=True),
                    stock_move, target=1.5, note="tracking messages included on both sides, as in a request")
        qualified_stage.activity_plan_id = False
        self.record("move 100 journeys to the next stage (a stage without plan), until the commit",
                    self.measure(env, lambda: journeys.write({"stage_id": qualified}), until_commit=True),
                    stock_move, target=1.5, note="tracking messages included on both sides, as in a request")
        qualified_stage.activity_plan_id = plan

        # The fields the concierge may read (the form shows no others).
        form_fields = {name: {} for name, field in env["crm.lead"]._fields.items()
                       if field.type not in ("one2many", "many2many", "binary", "properties", "json")
                       and not name.startswith("message_") and as_user["crm.lead"]._has_field_access(field, "read")}
        journey = journeys[:1]
        self.record("journey form read (web_read)",
                    self.measure(env, lambda: journey.web_read({
                        **form_fields, "household_member_ids": {"fields": {"name": {}, "age": {}, "role": {}}},
                        "consent_ids": {"fields": {"purpose": {}}}, "request_ids": {"fields": {"name": {}}},
                        "profile_ids": {"fields": {"display_name": {}}}})),
                    self.measure(env, lambda: stock_leads[:1].web_read({
                        **form_fields, "tag_ids": {"fields": {"display_name": {}}}})), target=1.5)
        self.funnel_measurements(as_user, team)
        self.cursor.commit()
        if self.args.territories > 1:
            self.territories_measurements(env, team, as_user, journey_spec, form_fields)
        return concierge

    def spread_pipeline(self, env, team):
        """The generated journeys along the pipeline, as in a conciergerie that has run for a
        while: each stage reached by 70 % of those that reached the one before, with its
        history (what the funnel counts). In SQL: background data, no gate nor plan."""
        cr = self.cursor
        stages = env["crm.stage"].search([("team_ids", "in", team.ids)], order="sequence, id")
        cr.execute("SELECT COUNT(*) FROM crm_lead_stage_history history JOIN crm_lead lead "
                   "ON lead.id = history.journey_id WHERE lead.team_id = %s AND history.stage_id != %s",
                   [team.id, stages[0].id])
        if cr.fetchone()[0] or len(stages) < 2:
            return
        print("spreading the generated journeys along the pipeline…", flush=True)
        rng = random.Random(88)
        cr.execute("SELECT id FROM crm_lead WHERE team_id = %s AND name LIKE 'Famille %%' ORDER BY id", [team.id])
        by_furthest = {}
        for (lead_id,) in cr.fetchall():
            furthest = 0
            while furthest < len(stages) - 1 and rng.random() < 0.7:
                furthest += 1
            by_furthest.setdefault(furthest, []).append(lead_id)
        for furthest, lead_ids in by_furthest.items():
            if not furthest:
                continue
            cr.execute("UPDATE crm_lead SET stage_id = %s, furthest_stage_id = %s WHERE id IN %s",
                       [stages[furthest].id, stages[furthest].id, tuple(lead_ids)])
            cr.execute("DELETE FROM crm_lead_stage_history WHERE journey_id IN %s", [tuple(lead_ids)])
            for index, stage in enumerate(stages[:furthest + 1]):
                # Entered 15 days after the previous stage; the last one still open.
                cr.execute("""
                    INSERT INTO crm_lead_stage_history (journey_id, stage_id, stage_sequence, date_entered, date_left,
                                                       skipped, create_uid, write_uid, create_date, write_date)
                    SELECT id, %(stage)s, %(sequence)s, NOW() - %(entered)s * INTERVAL '1 day',
                           CASE WHEN %(open)s THEN NULL ELSE NOW() - %(left)s * INTERVAL '1 day' END,
                           FALSE, 1, 1, NOW(), NOW()
                      FROM crm_lead WHERE id IN %(ids)s
                """, {"stage": stage.id, "sequence": stage.sequence, "entered": 15 * (furthest - index + 1),
                      "left": 15 * (furthest - index), "open": index == furthest, "ids": tuple(lead_ids)})
        cr.commit()
        env.invalidate_all()

    def funnel_measurements(self, as_user, team):
        """The funnel of all the journeys, as the concierge opens it, against the stock CRM
        pivot of the same journeys by stage (the pivot view's one call)."""
        domain = [("team_id", "=", team.id)]
        stock = self.measure(as_user, lambda: as_user["crm.lead"].formatted_read_grouping_sets(
            domain, [[], ["stage_id"]], ["__count", "expected_revenue:sum"]))
        journeys = as_user["crm.lead"].search_count(domain)
        self.record(f"funnel pivot over {journeys} journeys (stages reached) vs the CRM pivot by stage",
                    self.measure(as_user, lambda: as_user["territory.funnel.report"].formatted_read_grouping_sets(
                        domain, [[], ["stage_id"]], ["journey_count:sum", "days_in_stage:avg"])),
                    stock, target=3,
                    note="reads a row per journey and stage reached (about 3 per journey here), lost journeys "
                         "included, against one row per journey")
        queries, seconds = self.measure(as_user, as_user["territory.impact.report"].get_kpis)
        row = {"measurement": f"impact figures over {journeys} journeys (get_kpis, the dashboard's one call)",
               "ours": round(seconds * 1000, 1), "stock": None, "unit": "ms", "ratio": None, "target": 500,
               "note": f"{queries} queries; funnel, end reasons, cost per campaign, retention: no stock equivalent"}
        self.results.append(row)
        print(format_row(row), flush=True)

    def territories_measurements(self, env, team, as_user, journey_spec, form_fields):
        """Several territories in one database: the concierge's pipeline and journey form in her
        territory, alone and next to N-1 other territories of ``--territory-journeys`` journeys
        each (copies of hers, with their stage history, in SQL), and the regional totals of a
        manager working for all of them. Rolled back at the end: the dataset stays the same."""
        cr = self.cursor
        count, per_territory = self.args.territories, self.args.territory_journeys
        pipeline = lambda: as_user["crm.lead"].web_search_read(  # noqa: E731
            [("team_id", "=", team.id)], journey_spec, limit=80, order="priority_score desc, id desc")
        journey = as_user["crm.lead"].search([("team_id", "=", team.id)], limit=1)
        form = lambda: journey.web_read(form_fields)  # noqa: E731
        alone = self.measure(env, pipeline), self.measure(env, form)
        cr.execute("SAVEPOINT territories")
        companies = env["res.company"].create([{"name": f"Territoire {index}"} for index in range(2, count + 1)])
        teams = env["crm.team"].create([{"name": f"Accueil {company.name}", "use_journeys": True,
                                         "company_id": company.id} for company in companies])
        stages = env["crm.stage"].search([("team_ids", "in", team.ids)])
        for stage in stages:
            stage.team_ids |= teams
        env.flush_all()
        cr.execute("""SELECT column_name FROM information_schema.columns
                       WHERE table_name = 'crm_lead' AND column_name NOT IN ('id', 'team_id', 'company_id')""")
        columns = [row[0] for row in cr.fetchall()]
        cr.execute("ALTER TABLE crm_lead ADD COLUMN bench_source integer")
        column_list = ", ".join(f'"{column}"' for column in columns)
        started = time.perf_counter()
        for other in teams:
            cr.execute(f"""
                INSERT INTO crm_lead ({column_list}, team_id, company_id, bench_source)
                SELECT {column_list}, %s, %s, id FROM crm_lead
                 WHERE team_id = %s AND bench_source IS NULL ORDER BY id LIMIT %s
            """, [other.id, other.company_id.id, team.id, per_territory])
        cr.execute("""
            INSERT INTO crm_lead_stage_history (journey_id, company_id, stage_id, stage_sequence, date_entered,
                                                date_left, skipped)
            SELECT copy.id, copy.company_id, history.stage_id, history.stage_sequence, history.date_entered,
                   history.date_left, history.skipped
              FROM crm_lead copy JOIN crm_lead_stage_history history ON history.journey_id = copy.bench_source
        """)
        cr.execute("ANALYZE crm_lead; ANALYZE crm_lead_stage_history")
        print(f"{count - 1} more territories of {per_territory} journeys in {time.perf_counter() - started:.0f} s",
              flush=True)
        env.invalidate_all()
        cr.execute("SELECT COUNT(*) FROM crm_lead WHERE is_journey")
        total = cr.fetchone()[0]
        self.record(f"concierge's pipeline (80 cards) in her territory, alone vs next to {count - 1} others "
                    f"({total} journeys in all)", self.measure(env, pipeline), alone[0], target=1.5,
                    note="the same call before and after the other territories were added: the record rules "
                         "must not scan every territory")
        self.record("journey form in her territory, alone vs next to the others", self.measure(env, form),
                    alone[1], target=1.5)
        manager = env["res.users"].create({
            "name": "Bench Région", "login": "bench_region", "company_id": team.company_id.id,
            "company_ids": [(6, 0, (team.company_id | companies).ids)],
            "group_ids": [(6, 0, [env.ref("territory_concierge.group_concierge_manager").id])]})
        region = env(user=manager, context={"allowed_company_ids": (team.company_id | companies).ids})
        queries, seconds = self.measure(env, region["territory.impact.report"].get_kpis, repeat=3)
        row = {"measurement": f"regional totals: the figures of {count} territories side by side and together "
                              f"({total} journeys, get_kpis)",
               "ours": round(seconds * 1000, 1), "stock": None, "unit": "ms", "ratio": None, "target": 1000,
               "note": f"{queries} queries; a household oriented between territories counted once"}
        self.results.append(row)
        print(format_row(row), flush=True)
        cr.execute("ROLLBACK TO SAVEPOINT territories")
        env.invalidate_all()

    # -- import over JSON-2 -----------------------------------------------------------------

    def import_measurement(self, env, concierge):
        key = env["res.users.apikeys"].with_user(concierge).sudo()._generate(None, "bench", None)
        self.cursor.commit()
        rows = self.args.import_rows
        csv_path = self.workdir / "campaign.csv"
        rng = random.Random(70)
        with csv_path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(["nom", "prenom", "email", "telephone", "ville_origine", "code_postal_origine",
                             "profil", "adultes", "enfants", "horizon", "campagne", "consentement_partage"])
            run_tag = int(time.time())
            for index in range(rows):
                city, zip_code = rng.choice(CITIES)
                writer.writerow([rng.choice(LAST_NAMES), rng.choice(FIRST_NAMES),
                                 f"bench{run_tag}.{index}@example.org",
                                 f"07{(run_tag * 10007 + index) % 10**8:08d}",  # unique, or rows would merge
                                 city, zip_code, rng.choice(PROFILES), rng.choice([1, 2]), rng.choice([0, 1, 2]),
                                 rng.choice(HORIZONS), "Bench", rng.choice(["oui", "non"])])
        server = subprocess.Popen([sys.executable, "-m", "odoo", "-c", str(self.config), "-d", self.db,
                                   "--log-level=warn", "--max-cron-threads=0"], start_new_session=True)
        url = f"http://127.0.0.1:{self.port}"
        try:
            wait_for(url)
            started = time.perf_counter()
            subprocess.run([sys.executable, str(ROOT / "scripts" / "import_candidates.py"), "--url", url,
                            "--db", self.db, "--api-key", key, str(csv_path)], check=True,
                           stdout=subprocess.DEVNULL)
            ours = rows / (time.perf_counter() - started)
            import requests  # noqa: PLC0415

            session = requests.Session()
            session.headers.update({"Authorization": f"Bearer {key}", "X-Odoo-Database": self.db})
            stock_team = env["crm.team"].search([("name", "=", "Ventes (référence)")], limit=1).id
            started = time.perf_counter()
            with csv_path.open(encoding="utf-8") as handle:
                reader = list(csv.DictReader(handle, delimiter=";"))
            for start in range(0, rows, 200):
                response = session.post(f"{url}/json/2/crm.lead/create", timeout=600, json={"vals_list": [{
                    "name": f"{row['prenom']} {row['nom']}", "email_from": f"raw.{row['email']}",
                    "phone": row["telephone"], "team_id": stock_team, "type": "opportunity",
                } for row in reader[start:start + 200]]})
                response.raise_for_status()
            stock = rows / (time.perf_counter() - started)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)
        # The dataset stays the same from run to run: what the import created goes (in SQL, the
        # households, consents and history follow by their foreign keys; a benchmark database
        # can keep the orphan chatter rows).
        self.cursor.commit()
        self.cursor.execute("DELETE FROM crm_lead WHERE email_from LIKE %s OR email_from LIKE %s",
                            [f"bench{run_tag}.%", f"raw.bench{run_tag}.%"])
        self.cursor.commit()
        env.invalidate_all()
        row = {"measurement": f"import {rows} rows (scripts/import_candidates.py vs batched create over JSON-2)",
               "ours": round(ours, 1), "stock": round(stock, 1), "unit": "rows/s",
               "ratio": ratio(ours, stock), "target": 0.5,
               "note": "ours validates, deduplicates, builds households, consents and UTM"}
        self.results.append(row)
        print(format_row(row), flush=True)

    # -- matching ---------------------------------------------------------------------------

    def matching_dataset(self, env):
        """Opportunities, ambassadors, and jobs/communes/interests on the generated journeys."""
        team = env.ref("territory_concierge.crm_team_concierge")
        communes = env["territory.commune"].search([("department_code", "=", "52")])
        interests = env["territory.interest"].search([])
        rng = random.Random(19)
        jobs = [("Infirmier", "Santé"), ("Aide-soignante", "Santé"), ("Technicien de maintenance", "Industrie"),
                ("Électricien", "Bâtiment"), ("Comptable", "Finance"), ("Développeur", "Numérique"),
                ("Boulanger", "Commerce de bouche"), ("Professeur des écoles", "Éducation"),
                ("Soudeur", "Métallurgie"), ("Ingénieur qualité", "Aéronautique"), ("Cuisinier", "Restauration"),
                ("Chauffeur poids lourd", "Transport")]
        cr = self.cursor
        cr.execute("SELECT count(*) FROM territory_household_member WHERE role = 'adult' AND job_sought IS NULL")
        if cr.fetchone()[0]:
            print("giving the journeys' adults a job sought, wished communes, interests, cars…", flush=True)
            cr.execute("SELECT id FROM territory_household_member WHERE role = 'adult' AND job_sought IS NULL")
            for (member_id,) in cr.fetchall():
                job, sector = rng.choice(jobs)
                cr.execute("UPDATE territory_household_member SET job_sought = %s, sector = %s WHERE id = %s",
                           [job, sector, member_id])
            cr.execute("SELECT id FROM crm_lead WHERE team_id = %s", [team.id])
            for (lead_id,) in cr.fetchall():
                cr.execute("UPDATE crm_lead SET has_car = %s, housing_tenure = 'rent', housing_rooms = %s, "
                           "housing_budget = %s WHERE id = %s",
                           [rng.random() < 0.7, rng.randint(2, 5), rng.choice([500, 650, 800, 1000]), lead_id])
                cr.execute("INSERT INTO crm_lead_wished_commune_rel (lead_id, commune_id) VALUES (%s, %s) "
                           "ON CONFLICT DO NOTHING", [lead_id, rng.choice(communes).id])
                cr.execute("INSERT INTO crm_lead_territory_interest_rel (crm_lead_id, territory_interest_id) "
                           "VALUES (%s, %s) ON CONFLICT DO NOTHING", [lead_id, rng.choice(interests).id])
            env.invalidate_all()
        quiet = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                                 mail_create_nosubscribe=True, mail_notrack=True))
        orgs = quiet["res.partner"].search([("organisation_type", "!=", False), ("name", "=like", "Bench org %")])
        if len(orgs) < self.args.partner_orgs:
            orgs |= quiet["res.partner"].create([{
                "name": f"Bench org {i}", "is_company": True,
                "organisation_type": rng.choice(["employer", "cci", "cma", "housing", "france_travail"])}
                for i in range(len(orgs), self.args.partner_orgs)])
        Opportunity = quiet["territory.opportunity"]
        missing = self.args.opportunities - Opportunity.search_count([])
        if missing > 0:
            print(f"generating {missing} opportunities…", flush=True)
            values = []
            for i in range(missing):
                kind = rng.choices(["job", "housing", "business", "farm"], weights=[70, 20, 7, 3])[0]
                job, sector = rng.choice(jobs)
                values.append({
                    "name": f"{job} ({i})" if kind == "job" else f"{kind} {i}", "kind": kind,
                    "sector": sector, "partner_org_id": rng.choice(orgs).id, "commune_id": rng.choice(communes).id,
                    "housing_tenure": "rent" if kind == "housing" else False,
                    "housing_rooms": rng.randint(2, 6) if kind == "housing" else 0,
                    "price": rng.choice([450, 600, 750, 900]) if kind == "housing" else 0})
            Opportunity.create(values)
        missing = self.args.ambassadors - quiet["res.partner"].search_count([("is_ambassador", "=", True)])
        if missing > 0:
            print(f"generating {missing} ambassadors…", flush=True)
            quiet["res.partner"].create([{
                "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} (ambassadeur {i})",
                "is_ambassador": True, "ambassador_state": "active", "ambassador_commune_id": rng.choice(communes).id,
                "ambassador_interest_ids": [(6, 0, rng.sample(interests.ids, 2))],
                "ambassador_household": rng.choice(["single", "couple", "family"]),
                "ambassador_languages": rng.choice(["français", "français, anglais", "français, arabe"]),
                "sponsorship_capacity": rng.randint(1, 3)} for i in range(missing)])
        self.cursor.commit()
        # The generated journeys only: each run's import adds its own to the team.
        return quiet["crm.lead"].search([("team_id", "=", team.id)], order="id", limit=self.args.journeys)

    def timed(self, function, repeat=3):
        """Best wall time of ``repeat`` runs, caches emptied before each."""
        best = None
        for _ in range(repeat):
            self.env_.invalidate_all()
            start = time.perf_counter()
            function()
            elapsed = time.perf_counter() - start
            best = elapsed if best is None else min(best, elapsed)
        return best

    def matching_measurements(self, env):
        self.env_ = env
        journeys = self.matching_dataset(env)
        opportunities = env["territory.opportunity.matcher"]
        ambassadors = env["territory.ambassador.matcher"]
        one = journeys[:1]
        one_opportunities = self.timed(lambda: opportunities._match_journeys(one))
        one_ambassadors = self.timed(lambda: ambassadors._match_journey(one))
        for name, seconds in (
            (f"matching: one household vs {self.args.opportunities} opportunities", one_opportunities),
            (f"matching: one household vs {self.args.ambassadors} ambassadors", one_ambassadors),
        ):
            row = {"measurement": name, "ours": round(seconds * 1000, 1), "stock": None, "unit": "ms",
                   "ratio": None, "target": 200, "note": "absolute: no stock equivalent"}
            self.results.append(row)
            print(format_row(row), flush=True)
        half = journeys[:len(journeys) // 2]
        all_half = self.timed(lambda: opportunities._match_journeys(half), repeat=1)
        all_full = self.timed(lambda: opportunities._match_journeys(journeys), repeat=1)
        row = {"measurement": f"matching: all {len(journeys)} households vs the opportunities",
               "ours": round(all_full, 1), "stock": None, "unit": "s", "ratio": None, "target": None,
               "note": f"2x households: {all_full / all_half:.2f}x time"}
        self.results.append(row)
        print(format_row(row), flush=True)
        rows = ambassadors._ambassador_rows(journeys[:1].company_id)
        sample = journeys[:1000]
        all_ambassadors = self.timed(lambda: [ambassadors._match_journey(j, ambassadors=rows) for j in sample],
                                     repeat=1) * len(journeys) / len(sample)
        row = {"measurement": f"matching: all {len(journeys)} households vs the ambassadors (from 1,000)",
               "ours": round(all_ambassadors, 1), "stock": None, "unit": "s", "ratio": None, "target": None,
               "note": "one pass over the ambassadors per household: linear in both"}
        self.results.append(row)
        print(format_row(row), flush=True)
        return journeys

    # -- portal pages under load ------------------------------------------------------------

    def portal_dataset(self, env, journeys):
        """Portal users with something to see: partner contacts with shares, ambassadors with
        sponsorships, families with their journey. Password = login."""
        quiet = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                                 mail_create_nosubscribe=True, mail_notrack=True, no_reset_password=True))
        users = {"partner": [], "ambassador": [], "family": []}
        existing = quiet["res.users"].search([("login", "=like", "bench_portal_%")])
        if existing:
            for user in existing:
                users[user.login.split("_")[2]].append(user.login)
            self.link_families(quiet)
            return users
        print("generating portal users, shares and sponsorships…", flush=True)
        portal = env.ref("base.group_portal")
        sample = journeys[:self.args.portal_users]
        quiet["territory.consent"].create([{"journey_id": journey.id, "purpose": purpose, "wording": "Oui.",
                                            "source": "import"}
                                           for journey in sample for purpose in ("partner_sharing", "ambassador")])
        orgs = quiet["res.partner"].search([("name", "=like", "Bench org %")], limit=10)
        per_role = self.args.portal_users // 3 or 1
        for index, org in enumerate(orgs[:per_role]):
            login = f"bench_portal_partner_{index}"
            contact = quiet["res.partner"].create({"name": login, "parent_id": org.id, "email": f"{login}@example.org"})
            quiet["res.users"].create({"login": login, "password": login, "partner_id": contact.id,
                                       "group_ids": [(6, 0, portal.ids)]})
            quiet["territory.share"].create([{"journey_id": journey.id, "partner_org_id": org.id,
                                              "scope_household": True, "scope_jobs": True} for journey in sample])
            users["partner"].append(login)
        for index, journey in enumerate(sample[:per_role]):
            login = f"bench_portal_ambassador_{index}"
            ambassador = quiet["res.partner"].create({
                "name": login, "email": f"{login}@example.org", "is_ambassador": True, "ambassador_state": "active",
                "sponsorship_capacity": 1})
            quiet["res.users"].create({"login": login, "password": login, "partner_id": ambassador.id,
                                       "group_ids": [(6, 0, portal.ids)]})
            quiet["territory.sponsorship"].create({"journey_id": journey.id, "ambassador_id": ambassador.id,
                                                   "state": "active", "ambassador_agreed": True,
                                                   "family_agreed": True})
            users["ambassador"].append(login)
        for index, journey in enumerate(sample[:per_role]):
            login = f"bench_portal_family_{index}"
            family = quiet["res.partner"].create({"name": login, "email": f"{login}@example.org"})
            quiet["res.users"].create({"login": login, "password": login, "partner_id": family.id,
                                       "group_ids": [(6, 0, portal.ids)]})
            journey.partner_id = family
            users["family"].append(login)
        self.link_families(quiet)
        self.cursor.commit()
        return users

    def link_families(self, env):
        """Each family's page shows the journey it was invited from (as the invitation sets)."""
        families = env["res.users"].search([("login", "=like", "bench_portal_family_%")]).partner_id
        for family in families.filtered(lambda partner: not partner.family_journey_id):
            family.family_journey_id = env["crm.lead"].search([("partner_id", "=", family.id)], limit=1)
        self.cursor.commit()

    def load(self, url, sessions, path, seconds, clients=20):
        """``clients`` threads requesting ``path`` for ``seconds``: (p50 ms, p95 ms, requests, errors)."""
        import threading  # noqa: PLC0415

        latencies, errors = [], [0]
        deadline = time.perf_counter() + seconds

        def client(index):
            session = sessions[index % len(sessions)]
            while time.perf_counter() < deadline:
                start = time.perf_counter()
                try:
                    response = session.get(f"{url}{path}", timeout=60, allow_redirects=False)
                    ok = response.status_code == 200
                except OSError:
                    ok = False
                latencies.append(time.perf_counter() - start)
                errors[0] += not ok

        threads = [threading.Thread(target=client, args=(index,)) for index in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        latencies.sort()
        return (round(latencies[len(latencies) // 2] * 1000), round(latencies[int(len(latencies) * 0.95)] * 1000),
                len(latencies), errors[0])

    def portal_measurements(self, env, journeys):
        import requests  # noqa: PLC0415

        users = self.portal_dataset(env, journeys)
        server = subprocess.Popen([sys.executable, "-m", "odoo", "-c", str(self.config), "-d", self.db,
                                   "--log-level=warn", "--max-cron-threads=0"], start_new_session=True)
        url = f"http://127.0.0.1:{self.port}"
        try:
            wait_for(url)

            def signed_in(login):
                session = requests.Session()
                page = session.get(f"{url}/web/login", timeout=30).text
                token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
                session.post(f"{url}/web/login", data={"login": login, "password": login, "csrf_token": token},
                             timeout=30)
                return session

            sessions = {role: [signed_in(login) for login in logins] for role, logins in users.items()}
            seconds = self.args.load_seconds
            for role, path in (("partner", "/my/shared-journeys"), ("ambassador", "/my/sponsorships"),
                               ("family", "/my/journey")):
                ours = self.load(url, sessions[role], path, seconds)
                stock = self.load(url, sessions[role], "/my/home", seconds)
                row = {"measurement": f"portal {path}, 20 clients for {seconds} s (p50 / p95 ms, errors)",
                       "ours": f"{ours[0]} / {ours[1]} ms, {ours[3]} errors of {ours[2]}",
                       "stock": f"{stock[0]} / {stock[1]} ms, {stock[3]} errors of {stock[2]}",
                       "unit": "", "ratio": ratio(ours[1], stock[1]), "target": 1.5,
                       "note": "ratio of the p95 against stock /my/home for the same users"}
                self.results.append(row)
                print(format_row(row), flush=True)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)

    def run(self):
        self.ensure_database()
        env = self.env()
        try:
            concierge = self.orm_measurements(env)
            journeys = self.matching_measurements(env)
            if self.args.load_seconds:
                self.portal_measurements(env, journeys)
            if self.args.import_rows:
                self.import_measurement(env, concierge)
        finally:
            self.cursor.close()
        output = ROOT / "bench" / "results" / "latest.json"
        output.parent.mkdir(exist_ok=True)
        output.write_text(json.dumps({"date": time.strftime("%Y-%m-%d %H:%M"), "journeys": self.args.journeys,
                                      "results": self.results}, indent=2, ensure_ascii=False) + "\n")
        print(f"\nwritten to {output.relative_to(ROOT)}")
        print(markdown_table(self.results))


def wait_for(url, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/web/health", timeout=5):
                return
        except OSError:
            time.sleep(1)
    raise RuntimeError(f"no Odoo server at {url}")


def format_value(value, unit):
    if isinstance(value, (list, tuple)):
        return f"{value[0]} q / {value[1] * 1000:.0f} ms"
    if value is None:
        return "-"
    return f"{value} {unit}".strip()


def format_row(row):
    return (f"{row['measurement']}: ours {format_value(row['ours'], row['unit'])}, "
            f"stock {format_value(row['stock'], row['unit'])}, ratio {row['ratio']} (target {row['target']})")


def markdown_table(results):
    lines = ["| measurement | ours | stock baseline, same run | ratio | target |", "| --- | --- | --- | --- | --- |"]
    for row in results:
        target = "-" if row["target"] is None else (
            f"≥ {row['target']}" if row["unit"] == "rows/s" else f"≤ {row['target']}")
        lines.append(f"| {row['measurement']} | {format_value(row['ours'], row['unit'])} | "
                     f"{format_value(row['stock'], row['unit'])} | {row['ratio']} | {target} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--fresh", action="store_true", help="drop and rebuild the benchmark database")
    parser.add_argument("--journeys", type=int, default=10000, help="journeys (and stock leads) in the dataset")
    parser.add_argument("--import-rows", type=int, default=10000, help="rows of the import benchmark (0: skip)")
    parser.add_argument("--opportunities", type=int, default=2000, help="territory opportunities in the dataset")
    parser.add_argument("--ambassadors", type=int, default=1000, help="ambassadors in the dataset")
    parser.add_argument("--partner-orgs", type=int, default=200, help="partner organisations in the dataset")
    parser.add_argument("--portal-users", type=int, default=50, help="portal users (partners, ambassadors, families)")
    parser.add_argument("--load-seconds", type=int, default=30, help="duration of each portal load test (0: skip)")
    parser.add_argument("--territories", type=int, default=10,
                        help="territories of the multi-territory measurement, the measured one included (1: skip)")
    parser.add_argument("--territory-journeys", type=int, default=5000,
                        help="journeys of each other territory in that measurement")
    parser.add_argument("--port", type=int, default=8079)
    parser.add_argument("--db", default=DB_NAME, help="the benchmark database (built if missing)")
    args = parser.parse_args()
    if not odoo_importable():
        print(NO_ODOO_MESSAGE, file=sys.stderr)
        return 2
    Bench(args).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
