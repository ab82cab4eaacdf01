"""Give governments whose slug was empty or lost letters to Django's ASCII-only `slugify`
("Đà Nẵng" → "a-nang", "Москва" → "") a transliterated one ("da-nang", "moskva"); the old slug is
kept as a `FormerSlug`, so its address redirects. Slugs a person chose (not derived from the name)
are left alone."""

from django.db import migrations
from django.utils.text import slugify as ascii_only_slugify
from slugify import slugify


def transliterate(apps, schema_editor):
    LocalGovernment = apps.get_model("governments", "LocalGovernment")
    FormerSlug = apps.get_model("governments", "FormerSlug")
    taken = set(LocalGovernment.objects.values_list("slug", flat=True))
    taken |= set(FormerSlug.objects.values_list("slug", flat=True))
    for government in LocalGovernment.objects.order_by("pk").iterator():
        old = ascii_only_slugify(government.name)
        new = slugify(government.name, max_length=190, word_boundary=True, save_order=True)
        if not new:
            continue
        if not government.slug:
            base = new
        elif old and old != new and government.slug.startswith(old):
            base = new + government.slug[len(old) :]  # keeps suffixes such as "-vn" or "-2"
        else:
            continue
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        if government.slug:
            FormerSlug.objects.create(government=government, slug=government.slug)
        government.slug = candidate
        government.save(update_fields=["slug"])
        taken.add(candidate)


class Migration(migrations.Migration):
    dependencies = [("governments", "0003_former_slugs")]

    operations = [migrations.RunPython(transliterate, migrations.RunPython.noop)]
