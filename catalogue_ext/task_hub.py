"""The catalogue's section of the manager task hub: certificates to verify."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.core.manager_tasks import TaskSection, listed

from .selectors import certificates_to_verify


class CertificateTasks:
    """Batikmark and TKDN certificates recorded for the user's centres, not yet checked."""

    key = "certificates"
    title = _("Verify certificates")
    order = 20
    template_name = "catalogue_ext/tasks/certificates.html"

    def section(self, *, user, centres, is_admin) -> TaskSection:
        waiting = certificates_to_verify(centres, is_admin=is_admin, today=timezone.localdate())
        return listed(waiting, "certificates")
