"""An email backend for tests: Django's outbox, behind an SMTP server that refuses some addresses."""

import smtplib

from django.conf import settings
from django.core.mail.backends import locmem


class RefusingBackend(locmem.EmailBackend):
    """Refuses, as an SMTP server would, every message to an address in settings.TEST_REFUSED_RECIPIENTS."""

    def send_messages(self, messages):
        for message in messages:
            refused = set(message.to) & set(settings.TEST_REFUSED_RECIPIENTS)
            if refused:
                raise smtplib.SMTPRecipientsRefused(dict.fromkeys(refused, (550, b"Mailbox unavailable")))
        return super().send_messages(messages)
