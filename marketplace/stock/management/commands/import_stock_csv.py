"""Import a large stock CSV for one login, with progress output.

    python manage.py import_stock_csv levels.csv --user artisan.x@demo.batik.example
    python manage.py import_stock_csv levels.csv --user ... --dry-run

Same rules as the dashboard form: every row is checked first, then all changes are
applied through the stock ledger in one transaction, or none.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from marketplace.stock.csv_io import apply_stock_import, plan_stock_import
from marketplace.stock.models import StockChangeReason, StockChangeSource
from marketplace.stock.services import StockChangeRefused


class Command(BaseCommand):
    help = "Check and apply a CSV of stock levels (sku,in_stock[,reason,note]) for a user."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--user", required=True, help="e-mail or username of the artisan login")
        parser.add_argument(
            "--reason",
            default=StockChangeReason.CORRECTION,
            choices=StockChangeReason.values,
            help="reason for rows without one (default: correction)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check every row, change nothing"
        )

    def handle(self, *args, path: Path, user: str, reason: str, dry_run: bool, **options):
        actor = (
            get_user_model()
            .objects.filter(Q(email__iexact=user) | Q(username=user))
            .order_by("pk")
            .first()
        )
        if actor is None:
            raise CommandError(f"No user {user!r}.")
        partner_ids = list(actor.partners.values_list("id", flat=True))
        if not partner_ids:
            raise CommandError(f"{user} sells through no partner: there is no stock to change.")
        if not path.is_file():
            raise CommandError(f"No file {path}.")

        plan = plan_stock_import(
            path.read_bytes(),
            partner_ids=partner_ids,
            default_reason=reason,
            progress=self._progress,
        )
        self.stdout.write(
            f"{plan.rows} rows: {len(plan.changes)} to change, {plan.unchanged} unchanged, "
            f"{len(plan.errors)} with errors."
        )
        if not plan.is_valid:
            self._report(plan)
            raise CommandError("Nothing was changed: fix the rows above and run again.")
        if dry_run:
            self.stdout.write(self.style.SUCCESS("Dry run: every row is valid; nothing changed."))
            return
        try:
            applied = apply_stock_import(
                plan, actor=actor, source=StockChangeSource.COMMAND, progress=self._progress
            )
        except StockChangeRefused:
            self._report(plan)
            raise CommandError("Nothing was changed: stock moved while importing.") from None
        self.stdout.write(self.style.SUCCESS(f"Applied {applied} changes through the ledger."))

    def _progress(self, phase: str, done: int, total: int) -> None:
        suffix = f"/{total}" if total else ""
        self.stdout.write(f"  {phase} {done}{suffix} rows")

    def _report(self, plan) -> None:
        for error in plan.errors:
            sku = f" {error.sku}" if error.sku else ""
            self.stderr.write(f"row {error.line}{sku}: {error.message}")
