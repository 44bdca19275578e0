"""``manage.py bench_reports --lines 100000``: time the sales pages on a big history."""

from django.core.management.base import BaseCommand
from django.db import connection

from marketplace.sales import benchmark


class Command(BaseCommand):
    help = (
        "Generate (once) about --lines benchmark order lines with settlements, then time "
        "the dashboard, exports, settlement pages and task hub (median ms, SQL queries). "
        "Writes to the configured database: use a scratch PostgreSQL database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--lines", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, lines, repeat, **options):
        say = self.stdout.write
        say(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        line_count, entry_count, results = benchmark.run(
            lines=lines, repeat=repeat, progress=lambda message: say(f"  {message}")
        )
        say(f"\n{line_count} bench order lines, {entry_count} ledger entries\n")
        say("| who | page | median ms | max ms | SQL queries | status |")
        say("| --- | --- | ---: | ---: | ---: | ---: |")
        for m in results:
            say(
                f"| {m.who} | {m.page} | {m.median_ms:.0f} | {m.max_ms:.0f} | "
                f"{m.queries} | {m.status} |"
            )
