"""PostgreSQL: a short tsvector (title and summary) to rank broad queries by, and statistics on
the facet values' two columns together. SQLite: an index covering what a search reads of an entry.
Both: facet values indexed with their page.

Ranking reads each matching row's vector; the full document's is several kilobytes, stored out of
line (TOAST), so a term found in most rows cost the whole table's text on every search. The short
one stays in the row. Without the statistics the planner takes facet and value as independent and
guesses ("aud", "public") at a tenth of the rows it has, then picks plans for a few rows.
"""

from django.db import migrations, models

# As in migration 0002: each page's text in its language's configuration.
CONFIG = (
    "CASE language WHEN 'en' THEN 'english'::regconfig WHEN 'sv' THEN 'swedish'::regconfig "
    "WHEN 'fr' THEN 'french'::regconfig WHEN 'es' THEN 'spanish'::regconfig WHEN 'nl' THEN 'dutch'::regconfig "
    "WHEN 'de' THEN 'german'::regconfig ELSE 'simple'::regconfig END"
)

FORWARD_SQL = {
    "postgresql": [
        "ALTER TABLE search_indexentry ADD COLUMN ranking tsvector GENERATED ALWAYS AS ("
        f"setweight(to_tsvector({CONFIG}, title), 'A') || "
        f"setweight(to_tsvector({CONFIG}, summary), 'B')) STORED",
        "CREATE STATISTICS search_value_pairs (mcv, dependencies) ON facet, value FROM search_indexvalue",
    ],
    # What counts, facets and order read of a match, beside its id: SQLite would otherwise walk
    # each row's text (overflow pages) to reach the columns stored after it.
    "sqlite": [
        "CREATE INDEX search_entry_facets ON search_indexentry (page_id, type, language, year, date, title_sort)",
    ],
}
BACKWARD_SQL = {
    "postgresql": [
        "DROP STATISTICS IF EXISTS search_value_pairs",
        "ALTER TABLE search_indexentry DROP COLUMN IF EXISTS ranking",
    ],
    "sqlite": ["DROP INDEX IF EXISTS search_entry_facets"],
}


def forward(apps, schema_editor):
    for statement in FORWARD_SQL.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    for statement in BACKWARD_SQL.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_database_index"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="indexvalue", name="search_value_facet"),
        migrations.AddIndex(
            model_name="indexvalue",
            index=models.Index(fields=["facet", "value", "entry"], name="search_value_facet"),
        ),
        migrations.RunPython(forward, backward),
    ]
