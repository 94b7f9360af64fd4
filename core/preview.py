"""Previews: drafts and scheduled items at their public URL, for the right people only.

A detail view's queryset says who sees what (PreviewableMixin.get_queryset):
- staff who may change the item see `.all()`;
- anyone holding a share link (`ShareLink`: signed, expiring, revocable) sees `.published()` and the link's one item;
- everyone else sees `.published()`.

A share link's address is /preview/<token>/, which sends the holder on to the item's public URL with
`?share=<token>`; the view checks the token like any other filter of its queryset. A page showing anything
unpublished carries a "Preview, not public" banner, is never cached (`Cache-Control: private, no-store`) and
never indexed (`noindex`).
"""

from django.core import signing
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from .cache_tags import shows_page
from .models import ShareLink

SHARE_SALT = "maison.share-link"
SHARE_PARAMETER = "share"


def share_token(link):
    """The link's id, signed: stable for a given link (its expiry lives in the database)."""
    return signing.Signer(salt=SHARE_SALT).sign(str(link.pk))


def active_link(token):
    """The active ShareLink a token names, or None for a forged, expired or revoked one."""
    try:
        link_id = int(signing.Signer(salt=SHARE_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    return ShareLink.objects.active().select_related("content_type").filter(pk=link_id).first()


class PreviewableMixin:
    """For a DetailView of a publishable model: staff see `.all()`, a share link adds its item, visitors
    see `.published()`. Subclasses define `base_queryset()`: everything the page needs, unfiltered."""

    def base_queryset(self):
        raise NotImplementedError

    def get_queryset(self):
        queryset = self.base_queryset()
        if self.may_preview(queryset.model):
            return queryset
        shown = queryset.published()
        shared = self.shared_pk(queryset.model)
        return queryset.filter(Q(pk__in=shown.values("pk")) | Q(pk=shared)) if shared else shown

    def may_preview(self, model):
        user = self.request.user
        return (
            user.is_active
            and user.is_staff
            and user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
        )

    def shared_pk(self, model):
        """The id of the item of `model` that the request's share token opens, if any."""
        token = self.request.GET.get(SHARE_PARAMETER)
        link = active_link(token) if token else None
        if link is None or link.content_type.model_class() is not model:
            return None
        return link.object_id

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = not self.object.is_published()
        if context["preview"] and self.may_preview(type(self.object)):
            # Staff previewing go back to their work in one click (a share link's holder has no account).
            opts = self.object._meta
            context["change_url"] = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[self.object.pk])
        shows_page(self.object)
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context.get("preview") or SHARE_PARAMETER in self.request.GET:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response


@require_safe
def shared_preview(request, token):
    """/preview/<token>/: on to the public URL of the one item a share link opens, however unpublished."""
    link = active_link(token)
    item = link.subject if link else None
    if item is None:  # forged, expired, revoked, or the item was deleted since
        raise Http404
    response = HttpResponseRedirect(f"{item.get_absolute_url()}?{urlencode({SHARE_PARAMETER: token})}")
    add_never_cache_headers(response)
    return response
