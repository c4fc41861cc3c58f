"""The editorial roles come from one table (newsroom/roles.py) and the migrations apply it."""

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group

from newsroom.roles import ROLES, apply_roles

pytestmark = pytest.mark.django_db


def permissions_of(role: str) -> set[tuple[str, str]]:
    return set(
        Group.objects.get(name=role).permissions.values_list("content_type__app_label", "codename")
    )


@pytest.mark.parametrize("role", sorted(ROLES))
def test_a_migrated_database_gives_each_role_its_permissions(role):
    assert set(ROLES[role]) <= permissions_of(role)


def test_moderators_get_comments_and_nothing_else():
    assert {app for app, _ in permissions_of("Moderator")} == {"comments"}


def test_authors_may_not_publish_and_editors_may():
    assert ("articles", "publish_article") not in permissions_of("Author")
    assert ("articles", "publish_article") in permissions_of("Editor")


def test_applying_the_roles_again_changes_nothing_and_keeps_what_an_operator_added():
    extra = ("auth", "view_group")
    from django.contrib.auth.models import Permission

    editor = Group.objects.get(name="Editor")
    editor.permissions.add(Permission.objects.get(codename="view_group"))
    before = {role: permissions_of(role) for role in ROLES}
    apply_roles(django_apps)
    assert {role: permissions_of(role) for role in ROLES} == before
    assert extra in permissions_of("Editor")


def test_a_role_naming_an_unknown_permission_is_an_error(monkeypatch):
    monkeypatch.setitem(ROLES, "Author", [("articles", "fly_to_the_moon")])
    with pytest.raises(LookupError, match="fly_to_the_moon"):
        apply_roles(django_apps)
