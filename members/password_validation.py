from django.core.exceptions import ValidationError


class MaximumLengthValidator:
    """Refuse absurdly long passwords: hashing them costs the server, not the attacker."""

    def __init__(self, max_length=256):
        self.max_length = max_length

    def validate(self, password, user=None):
        if len(password) > self.max_length:
            raise ValidationError(
                f"This password is too long: use at most {self.max_length} characters.",
                code="password_too_long",
            )

    def get_help_text(self):
        return f"Your password can be at most {self.max_length} characters long."
