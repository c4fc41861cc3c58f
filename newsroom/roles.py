"""The editorial roles and what each may do, in one place.

Author: writes and edits own articles, submits them for review.
Editor: everything editorial — publishes, manages sections, authors,
comments, the newsletter and WordPress imports.
Moderator: comments only.

``apply_roles(apps)`` creates the groups and gives them these permissions.
A data migration calls it with the historical app registry whenever this
table changes (``newsroom/migrations/0004_editorial_roles.py``). It only
adds: permissions an operator gave a group by hand stay.
"""

from django.contrib.auth.management import create_permissions
from django.db.models import Q

MODERATE_COMMENTS = [
    ("comments", "view_comment"),
    ("comments", "change_comment"),
    ("comments", "moderate_comment"),
]

WRITE_ARTICLES = [
    ("articles", "view_article"),
    ("articles", "add_article"),
    ("articles", "change_article"),
    ("articles", "view_category"),
    ("articles", "view_authorprofile"),
    ("taggit", "view_tag"),
    ("taggit", "add_tag"),
]

ROLES: dict[str, list[tuple[str, str]]] = {
    "Author": WRITE_ARTICLES,
    "Editor": [
        *WRITE_ARTICLES,
        ("articles", "delete_article"),
        ("articles", "publish_article"),
        ("articles", "edit_any_article"),
        ("articles", "view_statuschange"),
        ("articles", "add_category"),
        ("articles", "change_category"),
        ("articles", "delete_category"),
        ("articles", "add_authorprofile"),
        ("articles", "change_authorprofile"),
        ("taggit", "change_tag"),
        ("taggit", "delete_tag"),
        # The admin's user picker on author profiles asks for it.
        ("auth", "view_user"),
        *MODERATE_COMMENTS,
        ("comments", "delete_comment"),
        ("comments", "view_moderationsettings"),
        ("comments", "change_moderationsettings"),
        ("newsletter", "view_subscriber"),
        ("newsletter", "change_subscriber"),
        ("newsletter", "delete_subscriber"),
        ("newsletter", "view_newsletterissue"),
        ("newsletter", "add_newsletterissue"),
        ("newsletter", "change_newsletterissue"),
        ("newsletter", "delete_newsletterissue"),
        ("newsletter", "send_newsletterissue"),
        ("newsletter", "view_issuearticle"),
        ("newsletter", "add_issuearticle"),
        ("newsletter", "change_issuearticle"),
        ("newsletter", "delete_issuearticle"),
        ("newsletter", "view_delivery"),
        ("wordpress", "add_importrun"),
        ("wordpress", "view_importrun"),
        ("wordpress", "view_wordpressobject"),
    ],
    "Moderator": MODERATE_COMMENTS,
}


def apply_roles(apps) -> None:
    """Create the role groups and give them their permissions (``apps``: an app registry)."""
    # Permissions are normally created after all migrations ran; a fresh
    # database needs them now.
    for app_config in apps.get_app_configs():
        # A historical app config has no models module; create_permissions wants one.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, permissions in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = Q(pk__in=[])
        for app_label, codename in permissions:
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        found = list(Permission.objects.filter(wanted))
        missing = set(permissions) - {(p.content_type.app_label, p.codename) for p in found}
        if missing:
            raise LookupError(f"Role {role} names unknown permissions: {sorted(missing)}")
        group.permissions.add(*found)
