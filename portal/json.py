"""JSON that is safe inside HTML: ``<``, ``>`` and ``&`` escaped, as Django's ``json_script`` does."""

from django.core.serializers.json import DjangoJSONEncoder

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


class EscapingJSONEncoder(DjangoJSONEncoder):
    def encode(self, o) -> str:
        return super().encode(o).translate(_ESCAPES)
