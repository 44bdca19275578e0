"""Who sees which audit events, and the list page's constant query count."""

import pytest
from django.contrib.auth.models import Permission

from marketplace.audit.models import AuditEvent
from marketplace.audit.services import record_audit_event
from tests.factories import CentreFactory, UserFactory

pytestmark = pytest.mark.django_db
Action = AuditEvent.Action


def events_for(centre, n=1, action=Action.PRICE_CHANGED):
    actor = UserFactory()
    for _ in range(n):
        record_audit_event(
            actor=actor,
            action=action,
            target=centre,
            before={"p": 1},
            after={"p": 2},
            centre=centre,
        )


def listed_targets(response):
    return sorted(e.target_repr for e in response.context["events"])


def test_an_administrator_sees_every_event(admin_client):
    one, two = CentreFactory(name="Sentra A"), CentreFactory(name="Sentra B")
    events_for(one)
    events_for(two)
    record_audit_event(actor=None, action=Action.GROUPS_CHANGED, target=UserFactory())
    response = admin_client.get("/dashboard/audit/")
    assert response.status_code == 200
    listed = [(e.action, e.target_repr) for e in response.context["events"]]
    assert (Action.PRICE_CHANGED, "Sentra A") in listed
    assert (Action.PRICE_CHANGED, "Sentra B") in listed
    assert [a for a, _ in listed].count(Action.GROUPS_CHANGED) == 1
    assert len(listed) == AuditEvent.objects.count()


def test_a_centre_manager_sees_only_their_centres_events(client):
    mine, other = CentreFactory(name="Sentra Mine"), CentreFactory(name="Sentra Other")
    manager = UserFactory()
    mine.managers.add(manager)  # itself an event of "mine"
    events_for(mine, 2)
    events_for(other, 3)
    record_audit_event(actor=None, action=Action.GROUPS_CHANGED, target=UserFactory())
    client.force_login(manager)
    response = client.get("/dashboard/audit/")
    assert response.status_code == 200
    assert {e.centre_id for e in response.context["events"]} == {mine.pk}
    assert len(response.context["events"]) == 3
    # Asking for the other centre by its id shows nothing of it.
    response = client.get("/dashboard/audit/", {"centre": other.pk})
    assert {e.centre_id for e in response.context["events"]} <= {mine.pk}


@pytest.mark.parametrize("kind", ["buyer", "staff-without-permission"])
def test_others_are_refused(client, kind):
    user = UserFactory(is_staff=(kind != "buyer"))
    events_for(CentreFactory())
    client.force_login(user)
    assert client.get("/dashboard/audit/").status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/dashboard/audit/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_filters_narrow_the_list(admin_client):
    centre = CentreFactory()
    events_for(centre, 2, Action.PRICE_CHANGED)
    events_for(centre, 1, Action.PAYOUT_RECORDED)
    response = admin_client.get("/dashboard/audit/", {"action": Action.PAYOUT_RECORDED})
    assert [e.action for e in response.context["events"]] == [Action.PAYOUT_RECORDED]


def test_staff_with_the_centre_permission_is_an_administrator_here(client):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_centre"))
    events_for(CentreFactory())
    client.force_login(user)
    response = client.get("/dashboard/audit/")
    assert response.status_code == 200


def test_the_list_makes_the_same_number_of_queries_for_more_events(
    admin_client, django_assert_max_num_queries
):
    centre = CentreFactory()
    events_for(centre, 2)
    admin_client.get("/dashboard/audit/")  # warm caches (content types, session)
    with django_assert_max_num_queries(20) as few:
        admin_client.get("/dashboard/audit/")
    for _ in range(5):
        events_for(CentreFactory(), 6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = admin_client.get("/dashboard/audit/")
    assert len(response.context["events"]) == AuditEvent.objects.count() >= 32
