"""The interface in French: the catalogue is complete, compiled, and what `makemessages` finds in the code."""

import gettext
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale"
PO = LOCALE / "fr" / "LC_MESSAGES" / "django.po"


def entries(path):
    """{msgid: [msgstr, …]} of a .po file as makemessages writes it, and the msgids marked fuzzy."""
    found, fuzzy = {}, set()
    for block in path.read_text().split("\n\n")[1:]:
        joined = re.sub(r'"\n"', "", block)
        msgid = re.search(r'^msgid "(.*)"$', joined, re.M).group(1)
        found[msgid] = re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', joined, re.M)
        if re.search(r"^#,.*fuzzy", block, re.M):
            fuzzy.add(msgid)
    return found, fuzzy


def test_every_message_has_a_french_translation_and_none_is_fuzzy():
    found, fuzzy = entries(PO)
    assert len(found) > 300
    assert [msgid for msgid, strings in found.items() if not all(strings)] == []
    assert fuzzy == set()


def test_the_compiled_catalogue_matches_the_translations():
    found, _ = entries(PO)
    with open(PO.with_suffix(".mo"), "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    for msgid, strings in found.items():
        if len(strings) == 1:
            expected = strings[0].replace('\\"', '"').replace("\\n", "\n")
            assert catalogue.gettext(msgid.replace('\\"', '"').replace("\\n", "\n")) == expected, msgid


@pytest.mark.skipif(not shutil.which("xgettext"), reason="makemessages needs GNU gettext (apt-get install gettext)")
def test_makemessages_finds_nothing_new(tmp_path, settings, monkeypatch):
    """Run makemessages over a copy of the code and its catalogue (it writes to the `locale` folder it finds):
    every string the code marks is already there, none is left over."""
    copy = tmp_path / "src"
    skipped = (".venv", ".git", "media", "data", "staticfiles", "node_modules", "__pycache__", "*.sqlite3")
    shutil.copytree(settings.BASE_DIR, copy, ignore=shutil.ignore_patterns(*skipped))
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["fr"], ignore_patterns=["bench", "tests"], no_obsolete=True, verbosity=0)
    assert entries(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po")[0].keys() == entries(PO)[0].keys()


def test_public_pages_read_in_french(client):
    body = client.get("/fr/products/").content.decode()
    assert "Aller au contenu" in body and "Filtrer les produits" in body and "Skip to content" not in body
    assert "Skip to content" in client.get("/products/").content.decode()
