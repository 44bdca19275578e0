"""The catalogue's section of the manager task hub: certificates to verify."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.core.manager_tasks import TaskSection

from .selectors import certificates_to_verify

SHOWN_ROWS = 10


class CertificateTasks:
    """Batikmark and TKDN certificates recorded for the user's centres, not yet checked."""

    key = "certificates"
    title = _("Verify certificates")
    order = 20
    template_name = "catalogue_ext/tasks/certificates.html"

    def section(self, *, user, centres, is_admin) -> TaskSection:
        waiting = certificates_to_verify(centres, is_admin=is_admin, today=timezone.localdate())
        rows = list(waiting[:SHOWN_ROWS])
        count = waiting.count()
        return TaskSection(count=count, context={"certificates": rows, "total": count})
