"""Who is the artisan behind a request, and the mixin every workshop view starts with."""

from django.core.exceptions import PermissionDenied

from marketplace.centres import roles


def artisans_of(user) -> list:
    """The artisans ``user`` logs in as, cached on the user for this request."""
    if not hasattr(user, "_workshop_artisans"):
        user._workshop_artisans = list(roles.artisans_of_user(user))
    return user._workshop_artisans


def is_artisan(user) -> bool:
    return bool(user.is_authenticated and artisans_of(user))


class ArtisanRequiredMixin:
    """Refuse (403) anyone who is not an artisan login; set ``artisans``/``partner_ids``.

    Every read and write of a workshop view is scoped by ``partner_ids`` (stock,
    order lines) or ``artisan_ids`` (products): another artisan's object is a 404.
    """

    def dispatch(self, request, *args, **kwargs):
        if not is_artisan(request.user):
            raise PermissionDenied
        self.artisans = artisans_of(request.user)
        self.artisan = self.artisans[0]
        self.artisan_ids = [artisan.pk for artisan in self.artisans]
        self.partner_ids = [artisan.partner_id for artisan in self.artisans]
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["artisan"] = self.artisan
        return ctx
