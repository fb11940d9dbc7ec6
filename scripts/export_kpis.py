#!/usr/bin/env python3
"""Print the impact figures of the conciergerie, from Odoo's JSON-2 API.

    python scripts/export_kpis.py --url URL --db DB --api-key KEY [--since DATE] [--until DATE]
        [--campaign NAME] [--territory NAME] [--format json|csv]

The figures are those of the dashboard and of the report for elected officials
(territory.impact.report.get_kpis): the funnel, the end reasons, the cost per
campaign and the retention of installed households, in the territories (Odoo
companies) of the API key's user, or in the one named by --territory; covering
several, a table puts them side by side. The JSON schema is in the
README ("Impact measurement"). CSV prints one table after the other, each with
its header and a first column naming the table.
"""

import argparse
import csv
import json
import sys

import requests
from csv_safety import safe_row

TABLES = ("funnel", "lost", "campaigns", "retention", "territories")


def fetch_kpis(url, db, api_key, **filters):
    response = requests.post(
        f"{url.rstrip('/')}/json/2/territory.impact.report/get_kpis",
        json={key: value for key, value in filters.items() if value},
        headers={"Authorization": f"Bearer {api_key}", "X-Odoo-Database": db},
        timeout=300,
    )
    if response.status_code in (401, 403):
        raise SystemExit(f"Odoo refuse la clé d'API ou ses droits ({response.status_code}).")
    if response.status_code != 200:
        raise SystemExit(f"Odoo a répondu {response.status_code} : {response.text[:500]}")
    return response.json()


def write_csv(kpis, output):
    writer = csv.writer(output, delimiter=";")
    for table in TABLES:
        rows = kpis.get(table) or []
        if not rows:
            continue
        columns = list(rows[0])
        writer.writerow(safe_row(["table", *columns]))
        for row in rows:
            writer.writerow(safe_row([table, *("" if row[column] is None else row[column] for column in columns)]))
        writer.writerow([])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--api-key", required=True)
    parser.add_argument("--since", help="first contact on or after this date (YYYY-MM-DD)")
    parser.add_argument("--until", help="first contact on or before this date (YYYY-MM-DD)")
    parser.add_argument("--campaign", help="only the journeys of this UTM campaign")
    parser.add_argument("--as-of", help="date the retention is measured at (default: today)")
    parser.add_argument("--territory", help="only this territory (the name of its Odoo company)")
    parser.add_argument("--format", choices=("json", "csv"), default="json")
    args = parser.parse_args(argv)
    try:
        kpis = fetch_kpis(args.url, args.db, args.api_key, since=args.since, until=args.until,
                          campaign=args.campaign, as_of=args.as_of, territory=args.territory)
    except requests.RequestException as error:
        print(f"Odoo injoignable à {args.url} : {error}", file=sys.stderr)
        return 4
    if args.format == "json":
        json.dump(kpis, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        write_csv(kpis, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
