"""Listing approval: nothing goes public, and no provenance changes, without the manager."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from oscar.core.loading import get_model

from marketplace.core.choices import Dye, Technique
from marketplace.listings.models import ListingEvent, ListingState, ProductListing
from marketplace.listings.services import (
    ListingRefused,
    approve_product,
    change_provenance,
    reject_product,
    start_listing,
    submit_product_for_review,
)
from tests.factories import CentreFactory, MotifFactory, ProductFactory, UserFactory, artisan_user

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")


@pytest.fixture
def manager(centre):
    user = UserFactory(email="pengelola@example.com")
    centre.managers.add(user)
    return user


@pytest.fixture
def owner(artisan):
    return artisan_user(artisan)


@pytest.fixture
def draft(artisan):
    product = ProductFactory(artisan=artisan, is_public=False)
    start_listing(product=product)
    return product


@pytest.fixture
def live(artisan):
    """A public product from before listing approval (no listing row), like demo data."""
    return ProductFactory(artisan=artisan, technique=Technique.CAP, dye=Dye.SINTETIS)


def reload(product):
    return Product.objects.get(pk=product.pk)


def test_a_submitted_product_goes_public_when_its_centre_manager_approves(draft, owner, manager):
    submit_product_for_review(product=draft, actor=owner)
    assert reload(draft).is_public is False
    listing = approve_product(product=draft, reviewer=manager, note="Bagus")
    assert reload(draft).is_public is True
    assert (listing.state, listing.reviewer, listing.note) == ("approved", manager, "Bagus")
    assert listing.reviewed_at is not None
    assert list(ListingEvent.objects.values_list("action", flat=True)) == ["approved", "submitted"]


def test_a_manager_of_another_centre_cannot_approve(draft, owner):
    submit_product_for_review(product=draft, actor=owner)
    stranger = UserFactory()
    CentreFactory().managers.add(stranger)
    with pytest.raises(PermissionDenied):
        approve_product(product=draft, reviewer=stranger)
    assert reload(draft).is_public is False
    assert ProductListing.objects.get(product=draft).state == "pending"


def test_the_artisan_cannot_approve_their_own_product(draft, owner):
    submit_product_for_review(product=draft, actor=owner)
    with pytest.raises(PermissionDenied):
        approve_product(product=draft, reviewer=owner)
    assert reload(draft).is_public is False


def test_a_draft_cannot_be_approved_before_it_is_submitted(draft, manager):
    with pytest.raises(ListingRefused):
        approve_product(product=draft, reviewer=manager)
    assert reload(draft).is_public is False


def test_rejection_needs_a_note_and_keeps_the_product_hidden(draft, owner, manager):
    submit_product_for_review(product=draft, actor=owner)
    with pytest.raises(ListingRefused):
        reject_product(product=draft, reviewer=manager, note="  ")
    listing = reject_product(product=draft, reviewer=manager, note="Foto motif kurang jelas")
    assert (listing.state, listing.note) == ("rejected", "Foto motif kurang jelas")
    assert reload(draft).is_public is False


def test_provenance_must_be_complete_to_submit(artisan, owner):
    product = ProductFactory(artisan=artisan, is_public=False, motif=None)
    start_listing(product=product)
    with pytest.raises(ListingRefused, match="motif"):
        submit_product_for_review(product=product, actor=owner)
    assert ProductListing.objects.get(product=product).state == "draft"


def test_provenance_of_a_hidden_product_changes_at_once(draft, owner):
    change_provenance(product=draft, provenance={"dye": Dye.CAMPURAN}, actor=owner)
    assert reload(draft).dye == Dye.CAMPURAN
    assert ProductListing.objects.get(product=draft).proposed_provenance == {}


def test_a_provenance_change_to_a_public_product_waits_for_approval(live, owner, manager):
    motif = MotifFactory(name="Surya Majapahit")
    listing = change_provenance(
        product=live,
        provenance={
            "technique": Technique.TULIS,
            "dye": Dye.SINTETIS,
            "motif_id": motif.pk,
            "made_on": datetime.date(2025, 3, 1),
        },
        actor=owner,
    )
    assert listing.state == ListingState.PENDING
    assert listing.proposed_provenance == {
        "technique": "tulis",
        "motif_id": motif.pk,
        "made_on": "2025-03-01",
    }
    shown = reload(live)
    assert (shown.is_public, shown.technique, shown.motif_id) == (True, "cap", live.motif_id)

    approve_product(product=live, reviewer=manager)
    shown = reload(live)
    assert (shown.technique, shown.motif_id, shown.made_on) == (
        "tulis",
        motif.pk,
        datetime.date(2025, 3, 1),
    )
    assert ProductListing.objects.get(product=live).proposed_provenance == {}


def test_a_rejected_provenance_change_leaves_the_public_product_as_it_was(live, owner, manager):
    change_provenance(product=live, provenance={"technique": Technique.TULIS}, actor=owner)
    reject_product(product=live, reviewer=manager, note="Ini batik cap, bukan tulis")
    shown = reload(live)
    assert (shown.is_public, shown.technique) == (True, "cap")
    listing = ProductListing.objects.get(product=live)
    assert (listing.state, listing.proposed_provenance) == ("rejected", {})
    assert ListingEvent.objects.get(action="rejected").provenance["technique"] == "tulis"


def test_proposing_the_public_values_again_withdraws_the_proposal(live, owner):
    change_provenance(product=live, provenance={"technique": Technique.TULIS}, actor=owner)
    listing = change_provenance(product=live, provenance={"technique": Technique.CAP}, actor=owner)
    assert (listing.state, listing.proposed_provenance) == ("approved", {})


def test_an_unchanged_public_product_has_nothing_to_review(live, owner):
    with pytest.raises(ListingRefused):
        submit_product_for_review(product=live, actor=owner)
    assert not ProductListing.objects.filter(product=live).exists()
    assert reload(live).is_public is True


def test_approval_refuses_batikmark_on_a_piece_that_is_not_batik(live, owner, manager):
    change_provenance(
        product=live,
        provenance={"technique": Technique.PRINTED, "batikmark_number": "BM-1"},
        actor=owner,
    )
    with pytest.raises(ListingRefused, match="Batikmark"):
        approve_product(product=live, reviewer=manager)
    assert reload(live).technique == "cap"


def test_approval_and_rejection_are_written_to_the_audit_trail(draft, owner, manager, artisan):
    from marketplace.audit.models import AuditEvent

    submit_product_for_review(product=draft, actor=owner)
    approve_product(product=draft, reviewer=manager, note="Bagus")
    event = AuditEvent.objects.get(action="product_approved")
    assert (event.actor_id, event.centre_id, event.target_id) == (
        manager.pk,
        artisan.centre_id,
        str(draft.pk),
    )
    assert event.before == {"state": "pending", "is_public": False}
    assert event.after == {"state": "approved", "is_public": True, "note": "Bagus"}


def test_a_refused_approval_writes_no_audit_event(draft, owner):
    from marketplace.audit.models import AuditEvent

    submit_product_for_review(product=draft, actor=owner)
    stranger = UserFactory()
    CentreFactory().managers.add(stranger)
    with pytest.raises(PermissionDenied):
        approve_product(product=draft, reviewer=stranger)
    assert AuditEvent.objects.filter(action="product_approved").count() == 0
