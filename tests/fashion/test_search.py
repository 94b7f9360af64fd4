"""Site search: ranked full text and typo tolerance on PostgreSQL, a sensible fallback elsewhere."""

import pytest
from django.db import connection

from fashion.search import search
from tests.factories import AmbassadorFactory, CampaignFactory, ProductFactory

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
portable_only = pytest.mark.skipif(connection.vendor == "postgresql", reason="the non-PostgreSQL fallback")


def names(items):
    return [getattr(item, "name", None) or item.title for item in items]


def test_a_name_match_ranks_above_a_description_match():
    ProductFactory(name="Day bag", description="Pairs well with the Rodeo.")
    ProductFactory(name="Rodeo", description="A soft tote.")
    assert names(search("rodeo")["products"]) == ["Rodeo", "Day bag"]


def test_a_campaign_is_found_by_its_ambassadors_name_but_not_a_draft_ambassadors():
    campaign = CampaignFactory(title="Dinner date")
    campaign.ambassadors.add(AmbassadorFactory(name="Michelle Yeoh"), AmbassadorFactory(name="Hidden Star", draft=True))
    assert names(search("yeoh")["campaigns"]) == ["Dinner date"]
    assert search("hidden star")["campaigns"] == []


def test_every_word_must_match():
    ProductFactory(name="Bel Air Hobo")
    ProductFactory(name="Bel Air")
    assert names(search("bel air hobo")["products"]) == ["Bel Air Hobo"]


def test_drafts_and_scheduled_items_are_never_found():
    ProductFactory(name="Secret Rodeo", draft=True)
    AmbassadorFactory(name="Secret Person", draft=True)
    results = search("secret")
    assert results["products"] == [] and results["ambassadors"] == []


@postgres_only
def test_postgres_tolerates_a_typo_in_a_name():
    AmbassadorFactory(name="Kim Kardashian")
    ProductFactory(name="Rodeo")
    assert names(search("kardashain")["ambassadors"]) == ["Kim Kardashian"]
    assert names(search("rodeoo")["products"]) == ["Rodeo"]


@postgres_only
def test_postgres_matches_word_forms():
    ProductFactory(name="Tote", description="Carried by travelling ambassadors.")
    assert names(search("travel")["products"]) == ["Tote"]


@portable_only
def test_the_fallback_suggests_the_closest_name_for_a_typo(client):
    AmbassadorFactory(name="Isabelle Huppert")
    body = client.get("/search/?q=isabele+hupert").content.decode()
    assert "Did you mean" in body and '<a href="?q=Isabelle+Huppert">Isabelle Huppert</a>' in body
    assert "Isabelle Huppert" in client.get("/search/?q=Isabelle+Huppert").content.decode()


def test_a_query_that_finds_something_suggests_nothing(client):
    ProductFactory(name="Rodeo")
    assert "Did you mean" not in client.get("/search/?q=rodeo").content.decode()


@postgres_only
@pytest.mark.parametrize(("kind", "index"), [(0, "maison_product_search"), (2, "maison_ambassador_search")])
def test_postgres_full_text_search_can_use_its_index(kind, index):
    """The index expression (migration fashion 0009) must stay exactly what search.py compiles."""
    from django.contrib.postgres.search import SearchQuery

    from fashion.search import SEARCHABLES, weighted_vector

    searchable = SEARCHABLES[kind]
    model = searchable.queryset().model
    matches = (
        model.objects.annotate(document=weighted_vector(searchable))
        .filter(document=SearchQuery("rodeo", search_type="websearch", config="english"))
        .order_by()  # no default ordering: an index on the sort column would be an equally good plan
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # with a few rows the planner would rather scan
    assert index in matches.explain()
