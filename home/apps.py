from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home"

    def ready(self):
        from home import navigation  # noqa: F401  (connects the signal that clears cached links)
