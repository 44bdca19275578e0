"""The registry behind the manager task hub: one section per kind of waiting work.

A centre manager's work comes from several apps — products to approve, certificates
to verify, bank transfers to confirm, artisans to pay. Each app registers a
*provider* here from its ``AppConfig.ready()``; the hub page
(``marketplace/backoffice``) shows one section per provider, in ``order``. Ground
floor: this module imports nothing of ours, so registering never makes one app
import another sideways.

A provider is any object with:

- ``key``: a unique slug (the section's HTML id);
- ``title``: the section heading (translatable);
- ``order``: where the section goes (lower first);
- ``template_name``: the template that renders the section's body, given the
  section's ``context`` plus ``user``;
- ``section(*, user, centres, is_admin)``: returns a :class:`TaskSection` for the
  centres the user manages (every centre when ``is_admin``), or ``None`` to hide
  the section. It must make a fixed number of queries and show nothing outside
  ``centres`` unless ``is_admin``.

Sections, by ``order``, each registered by the app named:

- 10 ``approvals`` — products waiting for approval (listings:
  ``approve_product`` / ``reject_product``);
- 20 ``certificates`` — Batikmark and TKDN certificates to verify (catalogue:
  ``verify_certificate``);
- 30 ``bank-transfers`` — orders awaiting a bank transfer to confirm (checkout:
  ``confirm_bank_transfer``; confirming it pays the order, which posts the
  artisans' earnings through Oscar's ``order_status_changed`` signal);
- 40 ``payouts`` — artisans owed money (sales);
- 50 ``statements`` — last month's statements to print (sales).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class TaskSection:
    count: int  # items waiting for the manager (0: nothing to do)
    context: dict[str, Any] = field(default_factory=dict)


class TaskProvider(Protocol):
    key: str
    title: str
    order: int
    template_name: str

    def section(self, *, user, centres: Sequence, is_admin: bool) -> TaskSection | None: ...


_providers: dict[str, TaskProvider] = {}


def register(provider: TaskProvider) -> None:
    """Add ``provider`` (a provider with the same key is replaced)."""
    _providers[provider.key] = provider


def unregister(key: str) -> None:
    _providers.pop(key, None)


def providers() -> list[TaskProvider]:
    return sorted(_providers.values(), key=lambda provider: (provider.order, provider.key))


SHOWN_ROWS = 10


def listed(waiting, name: str, shown: int = SHOWN_ROWS) -> TaskSection:
    """The usual section: the first ``shown`` of the ``waiting`` queryset under ``name``,
    and how many there are in all (``total``): two queries."""
    rows = list(waiting[:shown])
    count = waiting.count()
    return TaskSection(count=count, context={name: rows, "total": count})
