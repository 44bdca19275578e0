"""Home page, centre directory, centre and artisan pages."""

from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from marketplace.centres.models import Artisan

from . import selectors

HOME_PRODUCT_COUNT = 8


class HomeView(TemplateView):
    template_name = "storefront/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["products"] = list(selectors.browsable_products()[:HOME_PRODUCT_COUNT])
        context["centres"] = list(selectors.centres_with_counts())
        return context


class CentreListView(ListView):
    template_name = "storefront/centre_list.html"
    context_object_name = "centres"
    paginate_by = 30

    def get_queryset(self):
        return selectors.centres_with_counts()


class CentreDetailView(DetailView):
    template_name = "storefront/centre_detail.html"
    context_object_name = "centre"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.centres_with_counts(), slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["artisans"] = list(selectors.centre_artisans(self.object))
        context["products"] = list(selectors.products_of_centre(self.object)[:24])
        return context


class ArtisanDetailView(DetailView):
    template_name = "storefront/artisan_detail.html"
    context_object_name = "artisan"

    def get_object(self, queryset=None):
        return get_object_or_404(Artisan.objects.select_related("centre"), slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["products"] = list(selectors.products_of_artisan(self.object)[:48])
        return context
