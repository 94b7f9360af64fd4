"""Pagination that never turns a visitor's odd ?page= into an error page."""

from django.core.paginator import Paginator


class ForgivingPaginationMixin:
    """For ListView: `?page=abc`, `?page=-1` or `?page=99999` show a real page instead of a 404.

    Paginator.get_page() picks the first page for nonsense and the last for
    numbers past the end; links built from it are always valid.
    """

    def known_count(self):
        """The number of items, if the view already has it from a cache; None lets the paginator count."""
        return None

    def paginate_queryset(self, queryset, page_size):
        paginator = Paginator(queryset, page_size)
        count = self.known_count()
        if count is not None:
            paginator.count = count  # a cached_property: set, it replaces the COUNT query
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()
