"""Previews: drafts and scheduled items at their public URL, for the right people only.

Two ways in:
- staff who may change the item open its public URL as usual;
- anyone holding a share link (`ShareLink`, signed, expiring, revocable)
  opens /preview/<token>/, which renders that one item and nothing else.

Either way the page carries a "Preview, not public" banner, is never cached
(`Cache-Control: private, no-store`) and never indexed (`noindex`). Everyone
else gets the published-only page, or a 404.
"""

from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import resolve
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_safe

from .models import ShareLink

SHARE_SALT = "maison.share-link"


def share_token(link):
    """The link's id, signed: stable for a given link (its expiry lives in the database)."""
    return signing.Signer(salt=SHARE_SALT).sign(str(link.pk))


class PreviewableMixin:
    """For a DetailView of a publishable model.

    Subclasses define `base_queryset()` (everything the page needs, unfiltered);
    visitors get its `published()` part, previewers the whole of it.
    """

    def base_queryset(self):
        raise NotImplementedError

    def get_queryset(self):
        queryset = self.base_queryset()
        shared = getattr(self.request, "shared_object", None)
        if shared is not None and shared._meta.model is queryset.model:
            return queryset.filter(pk=shared.pk)
        if self.may_preview(queryset.model):
            return queryset
        return queryset.published()

    def may_preview(self, model):
        user = self.request.user
        return (
            user.is_active
            and user.is_staff
            and user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = not self.object.is_published()
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context.get("preview") or getattr(self.request, "shared_object", None) is not None:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response


@require_safe
def shared_preview(request, token):
    """/preview/<token>/: the one item a share link points to, however unpublished."""
    try:
        link_id = int(signing.Signer(salt=SHARE_SALT).unsign(token))
    except (signing.BadSignature, ValueError) as error:
        raise Http404 from error
    link = get_object_or_404(ShareLink.objects.active().select_related("content_type"), pk=link_id)
    item = link.subject
    if item is None:  # deleted since the link was made
        raise Http404
    match = resolve(item.get_absolute_url())
    request.shared_object = item
    return match.func(request, *match.args, **match.kwargs)
