"""The product search index (0009) rebuilt over the vector search reads now: name, family, description and the
stored `search_terms` (brand, colorway and material names). Nothing happens on SQLite."""

from django.db import migrations

def weighted_vector(**weights):
    parts = [
        f"setweight(to_tsvector('english'::regconfig, COALESCE({column}, '')), '{weight}')"
        for column, weight in weights.items()
    ]
    vector = parts[0]
    for part in parts[1:]:
        vector = f"({vector} || {part})"
    return vector


def rebuild(weights):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("DROP INDEX IF EXISTS maison_product_search")
        vector = weighted_vector(**weights)
        schema_editor.execute(f"CREATE INDEX maison_product_search ON products_product USING gin (({vector}))")

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("fashion", "0009_search_indexes"),
        ("products", "0012_product_search_terms"),
    ]

    operations = [
        migrations.RunPython(
            rebuild({"name": "A", "family": "B", "description": "C", "search_terms": "C"}),
            rebuild({"name": "A", "family": "B", "description": "C"}),
        )
    ]
