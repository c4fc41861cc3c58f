"""Newsletter template tags: the sign-up form any page can show, and mail helpers."""

from django import template

from articles import links

from ..forms import SignupForm

register = template.Library()


@register.inclusion_tag("newsletter/partials/signup_form.html", takes_context=True)
def signup_form(context, source: str = "sidebar", heading: str = ""):
    """The sign-up form; ``source`` records where consent was given (sidebar, article, page)."""
    form = context.get("form") if source == "page" else None
    return {
        "form": form or SignupForm(initial={"source": source}, auto_id=f"newsletter-{source}-%s"),
        "source": source,
        "heading": heading,
        "request": context.get("request"),
        "form_id": f"newsletter-{source}",
    }


@register.filter
def absolute_url(path: str) -> str:
    """A site address made absolute (mails are read away from the site)."""
    return links.absolute_url(path) if path else path


@register.inclusion_tag("newsletter/privacy.html")
def newsletter_privacy() -> dict:
    """The newsletter's section of the privacy page: what is stored, why, how to leave."""
    return {}
