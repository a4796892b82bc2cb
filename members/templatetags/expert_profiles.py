from django import template

from members.profiles import author_links

register = template.Library()


@register.simple_tag(takes_context=True)
def linked_authors(context, authors) -> list[tuple]:
    """``(author, profile_url)`` pairs for a research page's authors; see members.profiles.author_links."""
    request = context.get("request")
    return author_links(getattr(request, "user", None), list(authors))
