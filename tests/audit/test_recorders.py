"""Audit events recorded from price and role changes, with who, IP, before and after."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from oscar.core.loading import get_model

from marketplace.audit.context import acting_as
from marketplace.audit.models import AuditEvent
from tests.factories import ProductFactory, UserFactory
from tests.formdata import form_data

StockRecord = get_model("partner", "StockRecord")
Action = AuditEvent.Action

pytestmark = pytest.mark.django_db


def only_event(**filters) -> AuditEvent:
    return AuditEvent.objects.get(**filters)


def test_a_price_change_records_old_and_new_price_who_ip_and_centre():
    product = ProductFactory(stock__price=Decimal("250000"))
    manager = UserFactory()
    record = StockRecord.objects.get(product=product)
    with acting_as(manager, ip_address="203.0.113.7"):
        record.price = Decimal("275000")
        record.save()
    event = only_event(action=Action.PRICE_CHANGED)
    assert event.actor_id == manager.pk
    assert event.ip_address == "203.0.113.7"
    assert event.centre_id == product.artisan.centre_id
    assert event.target_id == str(record.pk)
    assert event.before == {"price": "250000.00", "price_currency": "IDR"}
    assert event.after == {"price": "275000", "price_currency": "IDR"}


def test_saving_without_a_price_change_records_nothing():
    product = ProductFactory()
    record = StockRecord.objects.get(product=product)
    record.num_in_stock = 9
    record.save()
    record.allocate(1)
    assert not AuditEvent.objects.exists()


def test_a_price_edit_in_oscars_dashboard_is_recorded_with_the_staff_user_and_ip(admin_client):
    product = ProductFactory(stock__price=Decimal("100000"))
    url = f"/dashboard/catalogue/products/{product.pk}/"
    data = form_data(admin_client.get(url).content.decode(), "stockrecords-0-price")
    data["stockrecords-0-price"] = "120000"
    response = admin_client.post(url, data, REMOTE_ADDR="198.51.100.4")
    assert response.status_code == 302
    event = only_event(action=Action.PRICE_CHANGED)
    assert event.actor.username == "admin"
    assert event.ip_address == "198.51.100.4"
    assert (event.before["price"], event.after["price"]) == ("100000.00", "120000")


def test_group_and_permission_changes_are_recorded_from_either_side():
    user = UserFactory()
    staff = Group.objects.create(name="Staff")
    view_centre = Permission.objects.get(codename="view_centre")
    with acting_as(None):
        user.groups.add(staff)
        staff.user_set.remove(user)
        user.user_permissions.add(view_centre)
        staff.permissions.add(view_centre)
    events = list(
        AuditEvent.objects.order_by("pk").values_list("action", "target_repr", "before", "after")
    )
    assert events == [
        (Action.GROUPS_CHANGED, f"user #{user.pk}", {"groups": []}, {"groups": ["Staff"]}),
        (Action.GROUPS_CHANGED, f"user #{user.pk}", {"groups": ["Staff"]}, {"groups": []}),
        (
            Action.PERMISSIONS_CHANGED,
            f"user #{user.pk}",
            {"user_permissions": []},
            {"user_permissions": ["centres.view_centre"]},
        ),
        (
            Action.GROUP_PERMISSIONS_CHANGED,
            "Staff",
            {"permissions": []},
            {"permissions": ["centres.view_centre"]},
        ),
    ]


def test_clearing_a_groups_members_records_one_event_per_user():
    staff = Group.objects.create(name="Staff")
    first, second = UserFactory(), UserFactory()
    staff.user_set.add(first, second)
    AuditEvent.objects.count()
    before = AuditEvent.objects.count()
    staff.user_set.clear()
    cleared = AuditEvent.objects.order_by("pk")[before:]
    assert sorted(e.target_id for e in cleared) == sorted([str(first.pk), str(second.pk)])
    assert all(e.after == {"groups": []} for e in cleared)


def test_staff_and_superuser_flips_are_recorded():
    user = UserFactory()
    user.is_staff = True
    user.save()
    user.first_name = "Not a role change"
    user.save()
    event = only_event(action=Action.STAFF_STATUS_CHANGED)
    assert event.before == {"is_staff": False, "is_superuser": False}
    assert event.after == {"is_staff": True, "is_superuser": False}


def test_centre_managers_and_partner_users_changes_are_scoped_to_the_centre(artisan):
    manager = UserFactory()
    artisan.centre.managers.add(manager)
    manager.partners.add(artisan.partner)
    centre_event = only_event(action=Action.CENTRE_MANAGERS_CHANGED)
    assert centre_event.centre_id == artisan.centre_id
    assert centre_event.after == {"managers": [f"user #{manager.pk}"]}
    partner_event = only_event(action=Action.PARTNER_USERS_CHANGED)
    assert partner_event.centre_id == artisan.centre_id
    assert partner_event.target_id == str(artisan.partner.pk)
    assert partner_event.after == {"users": [f"user #{manager.pk}"]}


def test_a_rolled_back_change_leaves_no_event():
    from django.db import transaction

    product = ProductFactory()
    record = StockRecord.objects.get(product=product)
    with pytest.raises(RuntimeError), transaction.atomic():
        record.price = Decimal("1")
        record.save()
        raise RuntimeError
    assert not AuditEvent.objects.exists()
