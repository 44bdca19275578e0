"""``manage.py load_demo``: load the demo marketplace and print its logins."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from marketplace.demo.plans import DEFAULT_PRODUCT_COUNT, DEFAULT_SEED
from marketplace.demo.services import DemoSummary, load_demo

# Beyond this many artisans, the summary lists only the first few logins.
ARTISAN_LOGINS_SHOWN = 20
ARTISAN_LOGINS_SHOWN_WHEN_MANY = 5


class Command(BaseCommand):
    help = (
        "Load the demo marketplace (idempotent): real batik centres and motifs, fictional "
        "artisans with logins, products with stock, prices and drawn images, and Batikmark "
        "and TKDN certificates (most verified by the centre managers)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--products",
            type=int,
            default=DEFAULT_PRODUCT_COUNT,
            help=f"How many demo products in total (default {DEFAULT_PRODUCT_COUNT}). "
            "Centres and artisans grow with it: 10000 gives about 50 and 500.",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help="Seed for the details of new products (prices, sizes, stock).",
        )
        parser.add_argument(
            "--no-images", action="store_true", help="Skip drawing and attaching pictures."
        )

    def handle(self, *args, **options) -> None:
        if options["products"] < 1:
            raise CommandError("--products must be at least 1.")
        summary = load_demo(
            product_count=options["products"],
            seed=options["seed"],
            with_images=not options["no_images"],
            progress=self.stdout.write,
        )
        self._print_summary(summary)

    def _print_summary(self, summary: DemoSummary) -> None:
        write = self.stdout.write
        write(
            self.style.SUCCESS(
                f"Demo marketplace ready in {summary.seconds:.1f} s: {summary.centres} centres, "
                f"{summary.artisans} artisans, {summary.products} demo products "
                f"({summary.products_created} new), {summary.product_images} product images, "
                f"{summary.certificates} certificates ({summary.certificates_verified} verified)."
            )
        )
        write(f"Demo logins (e-mail), all with the password: {summary.password}")
        write(f"  admin           {summary.admin.email}")
        for login in summary.managers:
            write(f"  centre manager  {login.email}  ({login.name})")
        artisans = summary.artisan_logins
        shown = (
            artisans
            if len(artisans) <= ARTISAN_LOGINS_SHOWN
            else artisans[:ARTISAN_LOGINS_SHOWN_WHEN_MANY]
        )
        for login in shown:
            write(f"  artisan         {login.email}  ({login.name})")
        if len(shown) < len(artisans):
            write(f"  … and {len(artisans) - len(shown)} more artisans ({len(artisans)} in all)")
