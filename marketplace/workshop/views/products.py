"""The artisan's own products: list, create, edit (with photos), submit for review."""

import copy

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import generic
from oscar.core.loading import get_model

from catalogue_ext.structure import KINDS
from marketplace.listings import selectors as listing_selectors
from marketplace.listings import services as listings
from marketplace.listings.models import ListingState, ProductListing

from .. import services
from ..access import ArtisanRequiredMixin
from ..forms import ArtisanProductCreateForm, ArtisanProductForm, ProductImageForm
from ..selectors import PRODUCT_STATE_FILTERS, own_product, own_products

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")


class ProductListView(ArtisanRequiredMixin, generic.ListView):
    template_name = "workshop/product_list.html"
    context_object_name = "products"
    paginate_by = 25

    def get_queryset(self):
        self.search = self.request.GET.get("q", "")
        self.state = self.request.GET.get("state", "")
        return own_products(
            self.artisan_ids, self.partner_ids, search=self.search, state=self.state
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(search=self.search, state=self.state, states=list(PRODUCT_STATE_FILTERS))
        return ctx


def _kinds():
    order = [slug for slug, _name, _class in KINDS]
    classes = {pc.slug: pc for pc in ProductClass.objects.filter(slug__in=order)}
    return [classes[slug] for slug in order if slug in classes]


class ProductKindView(ArtisanRequiredMixin, generic.TemplateView):
    """Step one of a new product: which kind of piece is it?"""

    template_name = "workshop/product_kind.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["kinds"] = _kinds()
        return ctx


class ProductCreateView(ArtisanRequiredMixin, generic.FormView):
    template_name = "workshop/product_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.product_class = ProductClass.objects.filter(
            slug=kwargs["kind"], slug__in=[slug for slug, _n, _c in KINDS]
        ).first()
        if self.product_class is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return ArtisanProductCreateForm(
            self.product_class,
            data=self.request.POST or None,
            files=self.request.FILES or None,
            # Validated as what it will be: hidden, made by this artisan.
            instance=Product(is_public=False, artisan=self.artisan, centre=self.artisan.centre),
            centre=self.artisan.centre,
            partner_id=self.artisan.partner_id,
        )

    def form_valid(self, form):
        product = services.create_artisan_product(
            artisan=self.artisan,
            product_class=self.product_class,
            details=form.details(),
            provenance=form.provenance(),
            attributes=form.attributes(),
            price=form.cleaned_data["price"],
            sku=form.cleaned_data["sku"],
            initial_stock=form.cleaned_data["initial_stock"],
            image=form.cleaned_data.get("image"),
            actor=self.request.user,
            submit="submit" in self.request.POST,
        )
        if "submit" in self.request.POST:
            messages.success(self.request, _("Saved and sent to your centre manager for review."))
        else:
            messages.success(self.request, _("Saved as a draft. Submit it for review when ready."))
        return redirect("dashboard:workshop-product-update", pk=product.pk)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(product_class=self.product_class, creating=True)
        return ctx


class OwnProductMixin(ArtisanRequiredMixin):
    def get_product(self):
        return own_product(self.artisan_ids, self.partner_ids, self.kwargs["pk"])


class ProductUpdateView(OwnProductMixin, generic.FormView):
    template_name = "workshop/product_form.html"

    def get_form(self, form_class=None):
        self.product = self.get_product()
        self.listing = listings.listing_of(self.product)
        # The form edits a copy showing any provenance still awaiting review, so saving
        # other details does not withdraw the proposal.
        shown = copy.copy(self.product)
        for key, value in listings.deserialise(self.listing.proposed_provenance).items():
            setattr(shown, key, value)
        records = self.product.own_stockrecords
        return ArtisanProductForm(
            self.product.product_class,
            data=self.request.POST or None,
            instance=shown,
            initial={"price": records[0].price if records else None},
            centre=self.artisan.centre,
        )

    def form_valid(self, form):
        services.update_artisan_product(
            product=self.product,
            partner_id=self.artisan.partner_id,
            details=form.details(),
            provenance=form.provenance(),
            attributes=form.attributes(),
            price=form.cleaned_data["price"],
            actor=self.request.user,
            submit="submit" in self.request.POST,
        )
        if ProductListing.objects.filter(
            product_id=self.product.pk, state=ListingState.PENDING
        ).exists():
            messages.success(
                self.request, _("Saved. Your centre manager will review the provenance.")
            )
        else:
            messages.success(self.request, _("Saved."))
        return redirect("dashboard:workshop-product-update", pk=self.product.pk)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        listing = self.listing
        ctx.update(
            product=self.product,
            product_class=self.product.product_class,
            listing=listing,
            events=list(listing.events.select_related("actor")[:10]) if listing.pk else [],
            images=list(self.product.images.all()),
            image_form=ProductImageForm(),
            stockrecords=self.product.own_stockrecords,
        )
        if listing.proposed_provenance:
            motifs = listing_selectors.motif_names([listing])
            ctx["proposed_lines"] = [
                line
                for line in listing_selectors.provenance_lines(listing, motifs)
                if line.is_changed
            ]
        return ctx


class ProductSubmitView(OwnProductMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request, pk):
        product = self.get_product()
        try:
            listings.submit_product_for_review(product=product, actor=request.user)
        except listings.ListingRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Sent to your centre manager for review."))
        return redirect("dashboard:workshop-product-update", pk=product.pk)


class ImageAddView(OwnProductMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request, pk):
        product = self.get_product()
        form = ProductImageForm(request.POST, request.FILES)
        if form.is_valid():
            services.add_product_image(
                product=product,
                image=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
            )
            messages.success(request, _("Photo added."))
        else:
            messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("dashboard:workshop-product-update", pk=product.pk)


class ImageDeleteView(OwnProductMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request, pk, image_pk):
        product = self.get_product()
        services.delete_product_image(product=product, image_pk=image_pk)
        messages.success(request, _("Photo removed."))
        return redirect("dashboard:workshop-product-update", pk=product.pk)
