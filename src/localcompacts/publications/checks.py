"""`manage.py check` warns when a font the PDF reports embed is not installed (publications.fonts)."""

from django.core.checks import Warning, register


@register("publications")
def report_fonts_installed(app_configs=None, **kwargs):
    from .fonts import missing_fonts

    return [
        Warning(
            f"No {' or '.join(font.families)} font is installed: {font.covers} text in PDF "
            "reports falls back to another font or prints as empty boxes.",
            hint=f"Install the Debian package {font.package} (see docs/deploy.md).",
            id="publications.W001",
        )
        for font in missing_fonts()
    ]
