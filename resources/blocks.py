"""StreamField blocks: one shared BaseStreamBlock for every body field."""

from django.contrib.auth.models import AnonymousUser
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200, help_text="The heading text.")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Level 2"), ("h3", "Level 3"), ("h4", "Level 4")],
        default="h2",
        help_text="Level 2 for sections, 3 and 4 below them.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        preview_value = {"text": "Lessons from the exercise", "level": "h2"}


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(help_text="The quotation, without quotation marks.")
    attribution = blocks.CharBlock(required=False, max_length=200, help_text="Who said it, and their role.")

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "The exercise showed us who to call before we needed to.",
            "attribution": "Emergency planning officer",
        }


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200, help_text="A short title for the key point.")
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"], help_text="The key point.")

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"
        preview_value = {"title": "Key lesson", "text": "<p>Agree roles before an incident.</p>"}


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(help_text="Members-only documents stay members-only wherever they are linked.")
    title = blocks.CharBlock(required=False, max_length=200, help_text="Link text; the document title if empty.")

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"

    def get_context(self, value, parent_context=None):
        """Whether the reader may download the document: the link shows its title and file name,
        so it is shown to them only (``portal.access`` decides)."""
        from portal.access import user_can_view_document

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        user = getattr(request, "user", None) or AnonymousUser()
        context["may_download"] = bool(value["document"]) and user_can_view_document(user, value["document"])
        return context


class BaseStreamBlock(blocks.StreamBlock):
    """The body of every page that has one."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "document-link", "ul", "ol", "h3", "h4"],
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        preview_value="<p>Partners met monthly and ran two table-top exercises.</p>",
    )
    image = ImageBlock(template="blocks/image_block.html")
    quote = QuoteBlock()
    callout = CalloutBlock()
    document = DocumentLinkBlock()


class AgendaItemBlock(blocks.StructBlock):
    time = blocks.TimeBlock(required=False, help_text="Start time, local to the venue.")
    title = blocks.CharBlock(max_length=200, help_text="Session title.")
    speakers = blocks.CharBlock(required=False, max_length=300, help_text="Names and organisations.")
    description = blocks.TextBlock(required=False, help_text="What the session covers.")

    class Meta:
        icon = "time"
        template = "blocks/agenda_item_block.html"
        preview_value = {"time": "09:30", "title": "Opening", "speakers": "Secretariat"}


class AgendaStreamBlock(blocks.StreamBlock):
    item = AgendaItemBlock()
    heading = HeadingBlock()
