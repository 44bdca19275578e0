"""Role look-ups: each role sees exactly its own scope."""

import pytest

from marketplace.centres import roles
from tests.factories import ArtisanFactory, CentreFactory, UserFactory, artisan_user

pytestmark = pytest.mark.django_db


def test_a_manager_sees_only_the_centres_they_manage():
    mine, other = CentreFactory(), CentreFactory()
    manager = UserFactory()
    mine.managers.add(manager)
    assert list(roles.managed_centres(manager)) == [mine]
    assert other not in roles.managed_centres(manager)
    assert roles.is_centre_manager(manager) is True


def test_a_superuser_sees_every_centre():
    centres = {CentreFactory(), CentreFactory()}
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert set(roles.managed_centres(admin)) == centres
    assert roles.is_marketplace_admin(admin) is True


def test_staff_without_centre_permission_is_not_an_admin():
    CentreFactory()
    staff = UserFactory(is_staff=True)
    assert roles.is_marketplace_admin(staff) is False
    assert list(roles.managed_centres(staff)) == []


def test_an_artisan_login_resolves_to_its_artisan_only():
    artisan = ArtisanFactory()
    ArtisanFactory()
    user = artisan_user(artisan)
    assert list(roles.artisans_of_user(user)) == [artisan]
    assert roles.is_centre_manager(user) is False


def test_anonymous_users_have_no_scope(rf):
    from django.contrib.auth.models import AnonymousUser

    CentreFactory()
    anonymous = AnonymousUser()
    assert list(roles.managed_centres(anonymous)) == []
    assert list(roles.artisans_of_user(anonymous)) == []
