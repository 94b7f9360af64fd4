"""What the export tests share: running the command, reading CSV, reading a streamed download."""

import csv
import io

from django.core.management import call_command
from django.http import StreamingHttpResponse

ADMIN_LISTS = {
    "products": "/admin/products/product/",
    "variants": "/admin/products/variant/",
    "campaigns": "/admin/campaigns/campaign/",
    "ambassadors": "/admin/campaigns/ambassador/",
}


def export_file(tmp_path, dataset, file_format="csv", *options):
    path = tmp_path / f"{dataset}.{file_format}"
    call_command("export", dataset, "--format", file_format, "--output", str(path), *options)
    return path


def csv_rows(path_or_bytes):
    text = (
        path_or_bytes.read_text("utf-8-sig")
        if hasattr(path_or_bytes, "read_text")
        else path_or_bytes.decode("utf-8-sig")
    )
    return list(csv.DictReader(io.StringIO(text, newline="")))


def body(response):
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content)
