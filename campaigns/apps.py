from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        # The product page lives in `products`, which must not import us: we
        # hand it the campaigns and ambassadors a product appears with.
        from products.views import ProductDetailView

        from .views import product_appearances

        ProductDetailView.register_context_provider(product_appearances)
