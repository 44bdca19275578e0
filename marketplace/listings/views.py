"""The centre manager's review pages: pending products of their centres."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import generic
from oscar.core.loading import get_model

from marketplace.centres import roles
from marketplace.core.redirects import safe_next_url

from . import selectors, services
from .forms import DecisionForm, RejectionForm

Product = get_model("catalogue", "Product")


class CentreManagerRequiredMixin:
    """Only managers of at least one centre (or marketplace admins) get past here."""

    def dispatch(self, request, *args, **kwargs):
        if not roles.managed_centres(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ReviewListView(CentreManagerRequiredMixin, generic.ListView):
    template_name = "listings/review_list.html"
    context_object_name = "listings"
    paginate_by = 25

    def get_queryset(self):
        return selectors.pending_listings(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        listings = list(ctx["listings"])
        motifs = selectors.motif_names(listings)
        ctx["rows"] = [
            (
                listing,
                [line for line in selectors.provenance_lines(listing, motifs) if line.is_changed],
            )
            for listing in listings
        ]
        return ctx


class ReviewDetailView(CentreManagerRequiredMixin, generic.TemplateView):
    template_name = "listings/review_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        product = selectors.reviewable_product(self.request.user, kwargs["pk"])
        if product is None:
            raise Http404
        listing = product.listing
        motifs = selectors.motif_names([listing])
        ctx.update(
            product=product,
            listing=listing,
            lines=selectors.provenance_lines(listing, motifs),
            images=list(product.images.all()),
            stockrecords=list(product.stockrecords.all()),
            events=list(listing.events.select_related("actor")[:20]),
            approve_form=DecisionForm(prefix=ApproveView.prefix),
            reject_form=RejectionForm(prefix=RejectView.prefix),
        )
        return ctx


class DecisionView(CentreManagerRequiredMixin, generic.View):
    """Approve or reject; back to ``next`` (the task hub, say) when the form names one."""

    form_class = DecisionForm
    http_method_names = ["post"]

    def post(self, request, pk):
        product = selectors.reviewable_product(request.user, pk)
        if product is None:
            raise Http404
        next_url = safe_next_url(request)
        form = self.form_class(request.POST, prefix=self.prefix)
        if not form.is_valid():
            messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
            return redirect(next_url or reverse("dashboard:listing-review-detail", args=[pk]))
        try:
            self.decide(product, request.user, form.cleaned_data["note"])
        except services.ListingRefused as refused:
            messages.error(request, str(refused))
            return redirect(next_url or reverse("dashboard:listing-review-detail", args=[pk]))
        return HttpResponseRedirect(next_url or reverse("dashboard:listing-review-list"))


class ApproveView(DecisionView):
    prefix = "approve"

    def decide(self, product, user, note):
        services.approve_product(product=product, reviewer=user, note=note)
        messages.success(
            self.request, _("“%(title)s” is approved and public.") % {"title": product.title}
        )


class RejectView(DecisionView):
    form_class = RejectionForm
    prefix = "reject"

    def decide(self, product, user, note):
        services.reject_product(product=product, reviewer=user, note=note)
        messages.info(
            self.request, _("“%(title)s” was sent back to the artisan.") % {"title": product.title}
        )
