"""The manager task hub: one section per registered provider, scoped to the user."""

from datetime import datetime, time
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from marketplace.core import manager_tasks
from marketplace.core.manager_tasks import TaskSection
from marketplace.sales import services
from marketplace.sales.periods import add_months
from tests.factories import ArtisanFactory, ProductFactory, centre_manager, placed_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_centres():
    a, b = ArtisanFactory(name="Ibu Sri"), ArtisanFactory(name="Bu Wening")
    last_month = add_months(timezone.localdate(), -1)
    placed = timezone.make_aware(datetime.combine(last_month.replace(day=3), time(10)))
    for artisan in (a, b):
        placed_order((ProductFactory(artisan=artisan), 1, "250000"), placed=placed)
    services.post_unposted_earnings()
    return a, b


def test_a_manager_sees_payouts_due_and_statements_of_their_centre_only(client, two_centres):
    mine, theirs = two_centres
    client.force_login(centre_manager(mine.centre))
    response = client.get(reverse("backoffice:tasks"))
    sections = {item["provider"].key: item["section"] for item in response.context["sections"]}
    assert [a.artisan.name for a in sections["payouts"].context["accounts"]] == ["Ibu Sri"]
    assert sections["payouts"].context["accounts"][0].balance_amount == Decimal("223750.00")
    assert [a["artisan_name"] for a in sections["statements"].context["accounts"]] == ["Ibu Sri"]
    html = response.content.decode()
    assert "Bu Wening" not in html
    assert reverse("sales:account", args=[mine.centre_id, mine.pk]) in html


def test_a_paid_up_artisan_leaves_the_payouts_list(client, two_centres):
    mine, _theirs = two_centres
    manager = centre_manager(mine.centre)
    services.record_payout(
        artisan=mine,
        centre=mine.centre,
        amount=Decimal("223750"),
        currency="IDR",
        paid_on=timezone.localdate(),
        bank_reference="TRF-1",
        user=manager,
    )
    client.force_login(manager)
    sections = {
        item["provider"].key: item["section"]
        for item in client.get(reverse("backoffice:tasks")).context["sections"]
    }
    assert sections["payouts"].count == 0


class FakeSection:
    """Stands in for a provider another app registers."""

    key = "fake"
    title = "Fake tasks"
    order = 15
    template_name = "backoffice/tests/fake_section.html"

    def __init__(self):
        self.calls = []

    def section(self, *, user, centres, is_admin):
        self.calls.append(([c.pk for c in centres], is_admin))
        return TaskSection(count=2, context={"items": ["one", "two"]})


def test_registered_providers_get_the_users_centres_and_are_shown_in_order(
    client, two_centres, settings, tmp_path
):
    mine, _theirs = two_centres
    (tmp_path / "backoffice" / "tests").mkdir(parents=True)
    (tmp_path / "backoffice" / "tests" / "fake_section.html").write_text(
        "{% for item in ctx.items %}<i class='fake'>{{ item }}</i>{% endfor %}"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    provider = FakeSection()
    manager_tasks.register(provider)
    try:
        client.force_login(centre_manager(mine.centre))
        response = client.get(reverse("backoffice:tasks"))
    finally:
        manager_tasks.unregister("fake")
    assert [item["provider"].key for item in response.context["sections"]] == [
        "approvals",
        "fake",
        "certificates",
        "bank-transfers",
        "payouts",
        "statements",
    ]
    assert provider.calls == [([mine.centre_id], False)]
    assert response.content.decode().count("class='fake'") == 2
