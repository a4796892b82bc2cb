"""Practitioner reports of the demo network, one module per member city."""

from . import antwerp, barcelona, copenhagen, helsinki, london, manchester, oslo, paris, rotterdam, stockholm

CITY_MODULES = [stockholm, barcelona, manchester, london, paris, rotterdam, copenhagen, helsinki, antwerp, oslo]

PRACTICES = [{"city": module.CITY, **practice} for module in CITY_MODULES for practice in module.PRACTICES]
