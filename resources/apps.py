from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Knowledge base"

    def ready(self):
        from django.db.models.signals import post_save

        from resources.models import CityPage
        from resources.permissions import city_saved

        post_save.connect(city_saved, sender=CityPage, dispatch_uid="resources.city_saved")
