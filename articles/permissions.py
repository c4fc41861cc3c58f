"""Who may do what with articles: the rules behind the editorial roles."""


def can_publish(user) -> bool:
    return user.is_active and user.has_perm("articles.publish_article")


def can_edit_any_article(user) -> bool:
    return user.is_active and user.has_perm("articles.edit_any_article")


def can_preview(user) -> bool:
    """Staff who work on articles may see drafts and scheduled ones on the site."""
    return user.is_active and user.is_staff and user.has_perm("articles.change_article")
