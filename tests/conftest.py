"""Shared fixtures: role clients as in STYLE.md, and the demo password."""

import pytest
from django.test import Client

from .factories import (
    FocalPointUserFactory,
    LocalGovernmentFactory,
    ReviewerFactory,
    SecretariatFactory,
)


@pytest.fixture
def government(db):
    return LocalGovernmentFactory(name="Dakar", slug="dakar")


@pytest.fixture
def other_government(db):
    return LocalGovernmentFactory(name="Medellín", slug="medellin")


@pytest.fixture
def focal_point(government):
    return FocalPointUserFactory(email="focal@example.org", government=government)


@pytest.fixture
def other_focal_point(other_government):
    return FocalPointUserFactory(email="focal2@example.org", government=other_government)


@pytest.fixture
def reviewer(db):
    return ReviewerFactory(email="reviewer@example.org")


@pytest.fixture
def secretariat(db):
    return SecretariatFactory(email="admin@example.org")


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def anonymous_client(db):
    return Client()


@pytest.fixture
def focal_point_client(focal_point):
    return _client_for(focal_point)


@pytest.fixture
def other_focal_point_client(other_focal_point):
    return _client_for(other_focal_point)


@pytest.fixture
def reviewer_client(reviewer):
    return _client_for(reviewer)


@pytest.fixture
def admin_client(secretariat):
    return _client_for(secretariat)


@pytest.fixture
def role_clients(
    anonymous_client, focal_point_client, other_focal_point_client, reviewer_client, admin_client
):
    """Every role, by name, for permission matrices."""
    return {
        "anonymous": anonymous_client,
        "owner_focal_point": focal_point_client,
        "other_focal_point": other_focal_point_client,
        "reviewer": reviewer_client,
        "secretariat": admin_client,
    }
