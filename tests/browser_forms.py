"""What a browser would post from a rendered admin page: every field of its form, as shown.

Tests that open a page, change a field and save should post exactly what an
editor's browser would, hidden inputs (the conflict snapshot, inline management
forms) included, not a hand-written dict that drifts from the real form.
"""

from html.parser import HTMLParser

SKIPPED_TYPES = {"submit", "button", "file", "image", "reset"}


class _FormParser(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data = {}
        self.select = None
        self.textarea = None

    def add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = self.form_id is None or attrs.get("id") == self.form_id
            return
        name = attrs.get("name")
        if not self.inside or (name and "__prefix__" in name):
            if tag == "select":
                self.select = None
            return
        if tag == "input" and name and attrs.get("type", "text") not in SKIPPED_TYPES:
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.add(name, attrs.get("value", "on"))
            else:
                self.add(name, attrs.get("value", ""))
        elif tag == "select" and name:
            self.select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self.select and "selected" in attrs:
            self.add(self.select, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            # A browser drops the one newline that follows <textarea>.
            current = self.data[self.textarea][0]
            self.data[self.textarea][0] = current + (data[1:] if not current and data.startswith("\n") else data)


def form_data(response, form_id=None):
    """The fields of the form `form_id` (default: every form) of `response`, as a browser submits them."""
    parser = _FormParser(form_id)
    parser.feed(response.content.decode())
    return {name: values if len(values) != 1 else values[0] for name, values in parser.data.items() if values}
