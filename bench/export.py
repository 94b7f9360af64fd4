"""Export benchmark: the variants dataset at ~20,000 and ~200,000 rows, per format.

Prints rows/s and peak memory (growth of the process's high-water mark during
the export) for CSV, JSON and XLSX through `manage.py export`, next to the
floor: a plain csv.writer over `values_list().iterator()` of the same columns.
Each measurement runs in a fresh process so peaks do not mask each other.

    python bench/export.py                     # SQLite files in a temporary folder
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/maison_bench python bench/export.py

Targets (issue #3): CSV within 2x of the floor's time; peak memory growing by
no more than 30 MB between 20,000 and 200,000 rows in every format.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"20k": 3_334, "200k": 33_334}  # products; 6 variants each
FORMATS = ["floor", "csv", "json", "xlsx"]


def django_env(database_url, media_root):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="fashion.settings",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
        SECRET_KEY=env.get("SECRET_KEY", "bench-only"),
        DEBUG="false",
        STATIC_MANIFEST="false",
    )
    return env


def high_water_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def child(file_format, output):
    """Run one export in this process and print its figures as JSON."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import csv

    from django.core.management import call_command

    from products.exports import VariantExporter
    from products.models import Variant

    Variant.objects.first()  # connection and imports, before the baseline
    baseline = high_water_mb()
    started = time.perf_counter()
    if file_format == "floor":
        exporter = VariantExporter()
        fields = exporter.paths()  # the export's own query, written as it comes
        with open(output, "w", newline="") as target:
            writer = csv.writer(target)
            writer.writerow(fields)
            # The export's own order (the model's default ordering), so the floor sorts what the export sorts.
            queryset = exporter.queryset().annotate(**exporter.all_annotations())
            values = queryset.values_list(*fields).iterator(2000)
            rows = sum(1 for _ in map(writer.writerow, values))
    else:
        with open(os.devnull, "w") as quiet:
            call_command("export", "variants", "--format", file_format, "--output", output, stderr=quiet)
    seconds = time.perf_counter() - started
    if file_format != "floor":
        rows = Variant.objects.count()
    print(json.dumps({"rows": rows, "seconds": seconds, "peak_mb": high_water_mb() - baseline}))


def build(database_url, media_root, products):
    env = django_env(database_url, media_root)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, check=True)
    if database_url.startswith("postgres"):
        subprocess.run([*manage, "flush", "--no-input", "-v0"], env=env, check=True)
    subprocess.run(
        [*manage, "load_demo", "--synthetic", str(products)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def measure(database_url, media_root, file_format, workdir):
    output = Path(workdir) / f"out.{'csv' if file_format == 'floor' else file_format}"
    result = subprocess.run(
        [sys.executable, __file__, "--child", file_format, str(output)],
        env=django_env(database_url, media_root),
        check=True,
        capture_output=True,
        text=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures["megabytes"] = output.stat().st_size / 1e6
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=2, metavar=("FORMAT", "OUTPUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return

    results = {}
    with tempfile.TemporaryDirectory() as workdir:
        media_root = Path(workdir) / "media"
        for label, products in SIZES.items():
            database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{workdir}/{label}.sqlite3"
            started = time.perf_counter()
            build(database_url, media_root, products)
            print(f"built {label} catalogue ({products:,} products) in {time.perf_counter() - started:.1f} s")
            for file_format in FORMATS:
                results[label, file_format] = measure(database_url, media_root, file_format, workdir)

    print(f"\n{'rows':>8} {'format':<6} {'seconds':>8} {'rows/s':>10} {'peak MB':>8} {'file MB':>8}")
    for (_size, file_format), figures in results.items():
        rate = figures["rows"] / figures["seconds"]
        print(
            f"{figures['rows']:>8,} {file_format:<6} {figures['seconds']:>8.2f} {rate:>10,.0f} "
            f"{figures['peak_mb']:>8.1f} {figures['megabytes']:>8.1f}"
        )
    print("\ntargets")
    ratio = results["200k", "csv"]["seconds"] / results["200k", "floor"]["seconds"]
    print(f"  CSV time / floor time at 200k rows: {ratio:.2f} (target <= 2.00) {'OK' if ratio <= 2 else 'MISSED'}")
    for file_format in FORMATS[1:]:
        growth = results["200k", file_format]["peak_mb"] - results["20k", file_format]["peak_mb"]
        verdict = "OK" if growth <= 30 else "MISSED"
        print(f"  {file_format} peak memory growth 20k -> 200k rows: {growth:+.1f} MB (target <= 30) {verdict}")


if __name__ == "__main__":
    main()
