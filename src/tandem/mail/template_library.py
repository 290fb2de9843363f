"""The only tags and filters a mail text may use (the mail engine's whole vocabulary).

Texts are written by coordinators and filled in whenever a participant acts, so what
they can ask of the template engine is kept small and cheap: no loops (no placeholder
is a list), no includes or loads, no filters that pad, repeat or format to a chosen
width. Everything here runs in time proportional to the text and its values.
"""

from django.template import Library, defaultfilters, defaulttags

# Opening tag -> its end tag; these are the tags that nest.
BLOCK_TAGS = {"if": "endif", "comment": "endcomment"}
TAGS = ("if", "comment", "firstof", "now", "templatetag")
# Words inside an if block that are not tags of their own.
INNER_WORDS = ("elif", "else", "endif", "endcomment")
FILTERS = (
    "capfirst",
    "default",
    "default_if_none",
    "first",
    "last",
    "length",
    "lower",
    "pluralize",
    "title",
    "truncatechars",
    "truncatewords",
    "upper",
    "yesno",
)

register = Library()
for _name in TAGS:
    register.tag(_name, defaulttags.register.tags[_name])
for _name in FILTERS:
    register.filter(_name, defaultfilters.register.filters[_name])
