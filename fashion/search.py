"""Site search over products, campaigns and ambassadors, one engine per database.

- PostgreSQL: full-text search (weighted tsvector, websearch syntax, stemming,
  ranked by ts_rank); when that finds nothing of a type, names within a typo
  of the query (pg_trgm word similarity), most similar first.
- SQLite and others: every word must appear in one of the fields
  (case-insensitive), ranked by the weight of the fields that hold it.
- Both: when nothing matches exactly, a "did you mean" that corrects the
  query word by word from the words of the closest published names.

A product is found by its own text and by its brand's name and its
colorways' and materials' names ("balenciaga", "beige", "lambskin"), kept
in its `search_terms` column.

Search reads the visitor's language: each translated text in the page's
language, falling back to the default language's where it has no
translation, stemmed with that language's configuration (SEARCH_CONFIGS:
`french` on /fr/). The default language reads the untranslated columns,
which hold its text, so the indexes of migrations fashion 0009 and 0010
serve it.

Both take the same `Searchable` descriptions, so a new type is one entry.
No search server: search must work wherever the site runs.
"""

import difflib
import functools
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Case, F, OuterRef, Q, QuerySet, StringAgg, Subquery, Value, When
from django.utils.translation import get_language

from campaigns.models import Ambassador, Campaign
from core.cache_tags import shows_search
from core.translations import text_in_language, translated_fields, unrewritten
from products.models import Product

RESULTS_PER_TYPE = 20
MAX_WORDS = 8
# Trigram word similarity above which a misspelt name still matches ("kardashain").
TYPO_SIMILARITY = 0.45
WEIGHT_POINTS = {"A": 8, "B": 4, "C": 2, "D": 1}
MAX_CANDIDATES = 500  # names per type considered for "did you mean"


@dataclass(frozen=True)
class Searchable:
    key: str
    queryset: Callable[[], QuerySet]  # published items, with what a result card needs
    weighted_fields: dict[str, str]  # field or annotation → weight A (title) to D
    name_field: str  # the item's name: typo tolerance and "did you mean"


def ambassador_names():
    """A campaign's published ambassadors' names as one string: searchable without a join per person."""
    names = (
        Ambassador.objects.published()
        .filter(campaigns=OuterRef("pk"))
        .order_by()  # modeltranslation makes the model's ordering explicit, and it would join the GROUP BY
        .values("campaigns")
        .annotate(names=StringAgg("name", Value(" ")))
        .values("names")
    )
    return Subquery(names)


def searchable_products():
    return Product.objects.published().for_listing()


SEARCHABLES = (
    Searchable(
        "products",
        searchable_products,
        # search_terms: the brand's, colorways' and materials' names, kept in a column (products/models/derived.py)
        # so that this vector reads one row and its index (migration fashion 0010) serves it.
        {"name": "A", "family": "B", "description": "C", "search_terms": "C"},
        "name",
    ),
    Searchable(
        "campaigns",
        lambda: Campaign.objects.published().for_listing().annotate(people=ambassador_names()),
        {"title": "A", "people": "A", "series__name": "B", "summary": "C"},
        "title",
    ),
    Searchable(
        "ambassadors",
        lambda: Ambassador.objects.published().select_related("brand"),
        {"name": "A", "role": "B", "bio": "C"},
        "name",
    ),
)


def search_config():
    """The PostgreSQL text-search configuration of the page's language (`simple`, no stemming, for a language
    PostgreSQL has none for, such as Japanese)."""
    return settings.SEARCH_CONFIGS.get(get_language(), "simple")


def text_of(model, field):
    """What search reads for `field` (a field, a path or an annotation): in the default language the column as
    it is (its indexes match), else the page's language's text with the default language's as fallback."""
    *steps, name = field.split("__")
    if get_language() == settings.LANGUAGE_CODE:
        return F(field)
    return text_in_language(model, field) if steps or name in translated_fields(model) else F(field)


def with_texts(searchable, queryset=None):
    """The searchable's published items (or `queryset`) with each searched text as an alias (`text_name`…), by
    explicit columns (modeltranslation would rewrite a plain `name` to one language's column, without fallback)."""
    queryset = unrewritten(searchable.queryset() if queryset is None else queryset)
    model = queryset.model
    return queryset.alias(**{f"text_{field}": text_of(model, field) for field in searchable.weighted_fields})


def words_of(query):
    return query.split()[:MAX_WORDS]


def search(query):
    """{"products": [...], "campaigns": [...], "ambassadors": [...]} for `query`, best first."""
    engine = postgres_matches if connection.vendor == "postgresql" else portable_matches
    shows_search(*(item.queryset().model for item in SEARCHABLES))
    return {item.key: engine(item, query) for item in SEARCHABLES} if words_of(query) else {}


def weighted_vector(searchable):
    """The item's weighted tsvector. Migrations fashion 0009 and 0010 index this very expression for products and
    ambassadors; a campaign's reaches its ambassadors (another table) and is not indexed: campaigns are few."""
    from django.contrib.postgres.search import SearchVector

    config = search_config()
    return functools.reduce(
        operator.add,
        (
            SearchVector(f"text_{field}", weight=weight, config=config)
            for field, weight in searchable.weighted_fields.items()
        ),
    )


def postgres_matches(searchable, query):
    """Full-text matches ranked by weight; only when there are none, names within a typo of the query."""
    from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity

    vector = weighted_vector(searchable)
    terms = SearchQuery(query, search_type="websearch", config=search_config())
    found = list(
        with_texts(searchable)
        .annotate(document=vector, rank=SearchRank(vector, terms))
        .filter(document=terms)
        .order_by("-rank", "pk")[:RESULTS_PER_TYPE]
    )
    if found:
        return found
    # `trigram_word_similar` (the <% operator) can use the names' trigram indexes (migration
    # fashion 0009); its threshold is the session's, so set it to ours first.
    with connection.cursor() as cursor:
        cursor.execute("SET pg_trgm.word_similarity_threshold = %s", [TYPO_SIMILARITY])
    name = f"text_{searchable.name_field}"
    return list(
        with_texts(searchable)
        .filter(**{f"{name}__trigram_word_similar": query})
        .annotate(similarity=TrigramWordSimilarity(query, name))
        .order_by("-similarity", "pk")[:RESULTS_PER_TYPE]
    )


def portable_matches(searchable, query):
    words = words_of(query)
    queryset = with_texts(searchable)
    texts = [f"text_{field}" for field in searchable.weighted_fields]
    for word in words:
        queryset = queryset.filter(
            functools.reduce(operator.or_, (Q(**{f"{text}__icontains": word}) for text in texts))
        )
    score = [
        Case(When(**{f"text_{field}__icontains": word}, then=Value(WEIGHT_POINTS[weight])), default=Value(0))
        for field, weight in searchable.weighted_fields.items()
        for word in words
    ]
    score = functools.reduce(operator.add, score)
    return list(queryset.annotate(score=score).order_by("-score", "pk")[:RESULTS_PER_TYPE])


def found_exactly(results):
    """Whether anything matched the words as typed, not only a name within a typo (PostgreSQL's fallback)."""
    return any(not hasattr(item, "similarity") for items in results.values() for item in items)


def suggestion(query, results):
    """The query with each misspelt word replaced by the closest word of a published name, or "".

    Word by word, so "hobo ari" becomes "Hobo Air" though no name reads "hobo air". Offered when nothing
    matched exactly (PostgreSQL's typo fallback may have found names close to the query: the corrected query
    is still worth a click). "" when no word needs correcting.
    """
    words = re.findall(r"\w+", query)[:MAX_WORDS]
    if found_exactly(results) or not any(len(word) >= 3 for word in words):
        return ""
    vocabulary = {}
    for name in candidate_names(words):
        for word in re.findall(r"\w+", name):
            vocabulary.setdefault(word.lower(), word)
    corrected = [closest_word(word, vocabulary) for word in words]
    return " ".join(corrected) if [word.lower() for word in corrected] != [word.lower() for word in words] else ""


def candidate_names(words):
    """Published names sharing a word's first three letters (a typo is rarely there), so a big catalogue is
    never loaded whole for difflib: one query per searchable type, at most MAX_CANDIDATES names each.
    """
    starts = {word[:3] for word in words if len(word) >= 3}
    names = []
    for searchable in SEARCHABLES:
        model = searchable.queryset().model
        name = f"text_{searchable.name_field}"
        shares_a_start = functools.reduce(
            operator.or_, (Q(**{f"{name}__icontains": start}) for start in sorted(starts))
        )
        published = unrewritten(model.objects.published()).annotate(**{name: text_of(model, searchable.name_field)})
        names += published.filter(shares_a_start).values_list(name, flat=True)[:MAX_CANDIDATES]
    return names


def closest_word(word, vocabulary):
    """The vocabulary's spelling of `word`, or its closest word (difflib ratio ≥ 0.6), or `word` itself."""
    lowered = word.lower()
    if lowered in vocabulary or len(word) < 3:
        return vocabulary.get(lowered, word)
    close = difflib.get_close_matches(lowered, list(vocabulary), n=1, cutoff=0.6)
    return vocabulary[close[0]] if close else word
