"""``manage.py generate_demo_orders --months 4``: past orders and their settlements."""

from django.core.management.base import BaseCommand, CommandError

from marketplace.sales import demo


class Command(BaseCommand):
    help = (
        "Create a few months of placed orders for the demo products (idempotent) and "
        "post their settlement entries and monthly demo payouts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=4, help="months back (default 4)")
        parser.add_argument(
            "--orders-per-day", type=float, default=4, help="average orders a day (default 4)"
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--no-payouts", action="store_true", help="post earnings but record no payouts"
        )

    def handle(self, *args, months, orders_per_day, seed, no_payouts, **options):
        if months < 1:
            raise CommandError("--months must be at least 1")
        try:
            summary = demo.generate_orders(
                months=months,
                orders_per_day=orders_per_day,
                seed=seed,
                record_payouts=not no_payouts,
                progress=lambda message: self.stdout.write(f"  {message}"),
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{summary.orders_created} orders ({summary.lines_created} lines) created over "
                f"{summary.days} days; {summary.entries_posted} settlement entries and "
                f"{summary.payouts_recorded} payouts recorded in {summary.seconds:.1f}s."
            )
        )
