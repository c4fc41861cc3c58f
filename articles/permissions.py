"""Who may do what with articles: the rules behind the editorial roles."""


def can_publish(user) -> bool:
    """Editors publish, unpublish and feature articles; Authors may not."""
    return user.is_active and user.has_perm("articles.publish_article")


def can_edit_any_article(user) -> bool:
    return user.is_active and user.has_perm("articles.edit_any_article")


def is_author_of(user, article) -> bool:
    """True when ``user`` has a byline on ``article`` (uses prefetched bylines)."""
    if not user.is_authenticated:
        return False
    return any(byline.author.user_id == user.pk for byline in article.bylines.all())


def can_preview(user, article) -> bool:
    """Staff see drafts and scheduled articles on the site: Editors all, Authors their own."""
    if not (user.is_active and user.is_staff and user.has_perm("articles.change_article")):
        return False
    return can_edit_any_article(user) or is_author_of(user, article)


def can_use_editor_tools(user) -> bool:
    """Image upload and tag suggestions are for staff who write articles."""
    return user.is_active and user.is_staff and user.has_perm("articles.change_article")
