"""Exports: datasets (what rows) × writers (which file format), streamed and logged.

- `datasets.py`: the Exporter base and the registry; apps declare theirs in `exports.py`.
- `writers.py`: CSV, JSON and XLSX, knowing nothing of models.
- `run.py`: runs one export as a stream of bytes and records it in the export log.
- `admin.py`: the changelist Export button and the "Export selected" actions.
"""
