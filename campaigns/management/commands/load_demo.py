"""`manage.py load_demo [--synthetic N]`: the article's world, and bulk for scale work.

It lives in `campaigns` because that app sees both halves of the demo.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from campaigns.demo import load_campaigns
from products.demo import add_synthetic_products, load_catalogue


class Command(BaseCommand):
    help = "Load the demo content (idempotent). --synthetic N also adds N synthetic products."

    def add_arguments(self, parser):
        parser.add_argument(
            "--synthetic",
            type=int,
            default=0,
            metavar="N",
            help="Also add N synthetic products with variants and images (for load and scale work).",
        )

    def handle(self, *args, synthetic, **options):
        if synthetic < 0:
            raise CommandError("--synthetic takes a positive number.")
        # The demo is keyed on slugs, which modeltranslation looks up in the active language's column: in the
        # default language, whatever language the caller left active (a test, a shell that served a French page).
        with translation.override(settings.LANGUAGE_CODE):
            self.load(synthetic)

    def load(self, synthetic):
        with transaction.atomic():
            catalogue = load_catalogue()
            load_campaigns(catalogue)
        self.stdout.write(self.style.SUCCESS("Demo content loaded: Balenciaga, the Bel Air and the Characters series."))
        if synthetic:
            with transaction.atomic():
                created = add_synthetic_products(synthetic, progress=self._progress)
            self.stdout.write(self.style.SUCCESS(f"Added {created} synthetic products."))

    def _progress(self, done, total, elapsed):
        rate = done / elapsed if elapsed else 0
        self.stderr.write(f"{done}/{total} synthetic products ({rate:,.0f}/s)")
