from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Knowledge base"

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.signals import page_published

        from resources.models import CityPage, EventPage, ResearchIndexPage
        from resources.permissions import city_saved, research_index_saved
        from resources.registrations import capacity_changed

        post_save.connect(city_saved, sender=CityPage, dispatch_uid="resources.city_saved")
        post_save.connect(research_index_saved, sender=ResearchIndexPage, dispatch_uid="resources.research_index_saved")
        page_published.connect(capacity_changed, sender=EventPage, dispatch_uid="resources.capacity_changed")
