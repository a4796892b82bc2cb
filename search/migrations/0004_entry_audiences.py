"""Each entry's audience set as a column of the entry ("group:78 members": sorted, space-separated,
as search.dbindex.audience_key writes it), in place of its ("aud", ...) value rows: the search
decides which of the few distinct sets a reader passes and keeps the entries with one of them,
where it tested every match in a subquery. Filled here from the value rows, so no rebuild is needed.

SQLite: the column is added in place (Django would copy the table, losing the full-text
triggers and the covering index of migrations 0002 and 0003); the covering index gains the
column; the full-text index is rewritten only when the text changes, not on every update.
"""

from collections import defaultdict

from django.db import migrations, models

AUDIENCE = "aud"
BATCH_SIZE = 500
FTS_COLUMNS = "title, summary, body, attachments"


def _fts_update_trigger(columns: str) -> list[str]:
    return [
        "DROP TRIGGER IF EXISTS search_fts_update",
        f"CREATE TRIGGER search_fts_update AFTER UPDATE{columns} ON search_indexentry BEGIN "
        f"INSERT INTO search_fts(search_fts, rowid, {FTS_COLUMNS}) "
        "VALUES ('delete', old.page_id, old.title, old.summary, old.body, old.attachments); "
        f"INSERT INTO search_fts(rowid, {FTS_COLUMNS}) "
        "VALUES (new.page_id, new.title, new.summary, new.body, new.attachments); END",
    ]


def _covering_index(columns: str) -> list[str]:
    return [
        "DROP INDEX IF EXISTS search_entry_facets",
        f"CREATE INDEX search_entry_facets ON search_indexentry ({columns})",
    ]


ANALYZE = {"postgresql": "ANALYZE search_indexentry (audiences)"}
ADD_COLUMN = "ALTER TABLE search_indexentry ADD COLUMN audiences text NOT NULL DEFAULT ''"
FORWARD_SQL = {
    "sqlite": [
        ADD_COLUMN,
        *_fts_update_trigger(f" OF {FTS_COLUMNS}"),
        *_covering_index("page_id, type, language, year, date, title_sort, audiences"),
    ],
    "postgresql": [ADD_COLUMN, "ALTER TABLE search_indexentry ALTER COLUMN audiences DROP DEFAULT"],
}
BACKWARD_SQL = {
    "sqlite": [
        *_covering_index("page_id, type, language, year, date, title_sort"),
        *_fts_update_trigger(""),
        "ALTER TABLE search_indexentry DROP COLUMN audiences",
    ],
    "postgresql": ["ALTER TABLE search_indexentry DROP COLUMN audiences"],
}


def add_column(apps, schema_editor):
    for statement in FORWARD_SQL.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def drop_column(apps, schema_editor):
    for statement in BACKWARD_SQL.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def fill_audiences(apps, schema_editor):
    """Each entry's audience set from its value rows, written one set at a time; then the rows go."""
    IndexEntry = apps.get_model("search", "IndexEntry")
    IndexValue = apps.get_model("search", "IndexValue")
    by_page = defaultdict(list)
    for page_id, value in IndexValue.objects.filter(facet=AUDIENCE).values_list("entry_id", "value").iterator():
        by_page[page_id].append(value)
    by_key = defaultdict(list)
    for page_id, values in by_page.items():
        by_key[" ".join(sorted(values))].append(page_id)
    for key, page_ids in by_key.items():
        for start in range(0, len(page_ids), BATCH_SIZE):
            IndexEntry.objects.filter(page_id__in=page_ids[start : start + BATCH_SIZE]).update(audiences=key)
    IndexValue.objects.filter(facet=AUDIENCE).delete()
    # Statistics on the new column now: without them PostgreSQL guesses a few rows pass the
    # filter and picks plans for a few (a nested loop over 90,000 matches).
    schema_editor.execute(ANALYZE.get(schema_editor.connection.vendor, "ANALYZE search_indexentry"))


def restore_audience_values(apps, schema_editor):
    IndexEntry = apps.get_model("search", "IndexEntry")
    IndexValue = apps.get_model("search", "IndexValue")
    values = [
        IndexValue(entry_id=page_id, facet=AUDIENCE, value=value)
        for page_id, key in IndexEntry.objects.values_list("page_id", "audiences").iterator()
        for value in key.split()
    ]
    IndexValue.objects.bulk_create(values, batch_size=5 * BATCH_SIZE)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_ranking_vector"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="indexentry",
                    name="audiences",
                    field=models.TextField(
                        help_text="Who may read the page: its audience set, sorted and space-separated "
                        "(search.dbindex.audience_key)."
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(add_column, drop_column)],
        ),
        migrations.AddIndex(
            model_name="indexentry",
            index=models.Index(fields=["audiences"], name="search_entry_audiences"),
        ),
        migrations.RunPython(fill_audiences, restore_audience_values),
    ]
