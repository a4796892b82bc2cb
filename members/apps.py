from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Members"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save, pre_save
        from wagtail import hooks

        from members import signals
        from resources.models import CityPage

        user_model = get_user_model()
        pre_save.connect(signals.user_saving, sender=user_model, dispatch_uid="members.user_saving")
        post_save.connect(signals.user_saved, sender=user_model, dispatch_uid="members.user_saved")
        post_save.connect(signals.city_saved, sender=CityPage, dispatch_uid="members.city_saved")
        hooks.register("before_edit_user", signals.note_actor)
