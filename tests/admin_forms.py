"""Submit a Django admin change form as a browser would: the page's own values, a few changed."""

from html.parser import HTMLParser

from django.test import Client


class _FormValues(HTMLParser):
    """The values a browser would send for the page's main form (the one with `form_id`)."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data: dict[str, list[str]] = {}
        self.select: str | None = None
        self.textarea: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.data.setdefault(name, []).append(attrs.get("value") or default)
        elif tag == "select" and name:
            self.select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self.select and "selected" in attrs:
            self.data[self.select].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []

    def handle_data(self, data):
        if self.textarea:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            text = "".join(self.text)
            self.data.setdefault(self.textarea, []).append(text.removeprefix("\n"))
            self.textarea = None


def admin_form_data(client: Client, url: str, form_id: str, **changes) -> dict:
    """The change (or add) form at `url` as the browser would submit it, with `changes` applied."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    parser = _FormValues(form_id)
    parser.feed(response.content.decode())
    data = {name: values if len(values) != 1 else values[0] for name, values in parser.data.items()}
    data.update(changes)
    return data


def admin_errors(response) -> dict:
    """The errors a refused admin form shows (main form and inlines), for assertion messages."""
    if response.context is None or "adminform" not in response.context:
        return {}
    errors = {"form": response.context["adminform"].form.errors}
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        errors[formset.prefix] = [formset.non_form_errors(), *formset.errors]
    return errors
