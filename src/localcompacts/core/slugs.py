"""Readable ASCII slugs for names and titles in any script.

Django's `slugify` keeps only what is already ASCII, so "Москва" gave an empty slug and "Đà Nẵng"
gave "a-nang". python-slugify transliterates first (with text-unidecode, which is offered under the
Artistic License or the GPL version 2 or later, so it combines with the AGPL; the `Unidecode`
alternative is GPL-only): "Москва" → "moskva", "Đà Nẵng" → "da-nang", "北京" → "bei-jing".
Addresses stay ASCII, so every URL pattern (`<slug:…>`) and every mail client keeps working.
"""

from slugify import slugify


def make_slug(text: str, *, max_length: int = 80) -> str:
    """The slug for `text`: lowercase ASCII letters, digits and hyphens, cut at a word boundary
    within `max_length`; "" when the text has nothing to transliterate (only symbols)."""
    return slugify(text or "", max_length=max_length, word_boundary=True, save_order=True)
