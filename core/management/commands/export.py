"""`manage.py export DATASET --format csv|json|xlsx [--output PATH]`: a dataset to a file or stdout.

Rows come in the model's default ordering, then by id (products by name,
variants by product, colorway and size; campaigns newest first).
"""

import datetime
import getpass

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from core.exports.datasets import STATUSES, datasets, exporter_for
from core.exports.run import stream_export
from core.exports.writers import WRITERS, writer_for
from core.models import ExportLog


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--since takes a date such as 2024-03-01, not {value!r}.") from error


class Command(BaseCommand):
    help = "Export a dataset (products, variants, campaigns, ambassadors) as CSV, JSON or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("dataset", choices=datasets())
        parser.add_argument("--format", dest="file_format", choices=sorted(WRITERS), default="csv")
        parser.add_argument("--output", "-o", help="File to write; standard output when absent.")
        parser.add_argument("--status", choices=STATUSES, help="draft, published, or live (visible right now).")
        parser.add_argument("--brand", help="Only this brand (its slug, e.g. balenciaga).")
        parser.add_argument("--since", type=str, help="Only items changed on or after this date (YYYY-MM-DD).")
        parser.add_argument("--bom", action="store_true", help="CSV: start with a UTF-8 byte-order mark for Excel.")
        parser.add_argument("--base-url", default=settings.SITE_URL, help="Prefix of the public URLs in the file.")
        parser.add_argument(
            "--language",
            choices=[*(code for code, _name in settings.LANGUAGES), "all"],
            default=settings.LANGUAGE_CODE,
            help="Language of translated texts (names, descriptions, colours…); the default language where a text "
            "has no translation yet. `all`: a column per language for the item's own texts (name_en, name_fr…).",
        )

    def handle(self, *args, language, **options):
        every_language = language == "all"
        with translation.override(settings.LANGUAGE_CODE if every_language else language):
            self.export(every_language=every_language, **options)

    def export(
        self, *, dataset, file_format, output, status, brand, since, bom, base_url, every_language=False, **options
    ):
        if file_format == "xlsx" and not output and self.stdout.isatty():
            # A zip of binary would garble the terminal (and can ring its bell or rewrite its title).
            raise CommandError("XLSX is a binary file: add --output FILE, or redirect the output (> file.xlsx).")
        if brand and "\x00" in brand:
            raise CommandError("--brand takes a brand's slug, such as balenciaga.")
        since_date = iso_date(since) if since else None
        target = self._open(output) if output else None
        exporter = exporter_for(dataset, base_url=base_url, every_language=every_language)
        queryset = exporter.filter(exporter.queryset(), status=status, brand=brand, since=since_date)
        filters = {key: value for key, value in {"status": status, "brand": brand, "since": since}.items() if value}
        chunks = stream_export(
            exporter,
            queryset,
            writer_for(file_format, bom=bom),
            actor=f"{getpass.getuser()} (command line)",
            source=ExportLog.Source.COMMAND,
            filters=filters,
            progress=self._progress if output else None,
        )
        if target:
            with target:
                for chunk in chunks:
                    target.write(chunk)
        else:
            self._to_stdout(chunks)

    @staticmethod
    def _open(output):
        """The output file, opened before anything is read, so a bad path is a clear error and no export is logged."""
        try:
            return open(output, "wb")
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot write to {output!r}: {error}") from error

    def _to_stdout(self, chunks):
        binary = getattr(self.stdout._out, "buffer", None)
        for chunk in chunks:
            if binary is not None:
                binary.write(chunk)
            else:
                self.stdout.write(chunk.decode(errors="replace"), ending="")
        if binary is not None:
            binary.flush()

    def _progress(self, rows, seconds):
        rate = rows / seconds if seconds else 0
        self.stderr.write(f"{rows:,} rows, {seconds:.1f} s, {rate:,.0f} rows/s")
