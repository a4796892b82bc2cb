"""Search analytics: how often each anonymised query was searched on a day, and found nothing.

One row per day, audience and query; nothing about who searched or when in the day.
Written by ``insights.analytics.record_search``, read by its report, deleted after
``SEARCH_ANALYTICS_DAYS``.
"""

from django.db import models

from insights.choices import SearchAudience

# Longer queries are cut at a word: a sentence pasted into the box says no more in a report.
MAX_QUERY_LENGTH = 100


class SearchQueryDay(models.Model):
    day = models.DateField(help_text="The day (portal time zone) the searches were made.")
    audience = models.CharField(
        max_length=10, choices=SearchAudience.choices, help_text="Whether network members or the public searched."
    )
    query = models.CharField(
        max_length=MAX_QUERY_LENGTH,
        help_text="The query as words, lower-cased, with addresses, links and long numbers replaced.",
    )
    searches = models.PositiveIntegerField(default=0, help_text="How many searches for the query that day.")
    zero_result_searches = models.PositiveIntegerField(default=0, help_text="How many of them found nothing.")

    class Meta:
        verbose_name = "daily search count"
        verbose_name_plural = "daily search counts"
        # Access follows roles (the secretariat), not Django permissions.
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["day", "audience", "query"], name="insights_one_count_per_day_and_query")
        ]

    def __str__(self):
        return f"{self.day}: “{self.query}” ({self.get_audience_display()}) ×{self.searches}"
