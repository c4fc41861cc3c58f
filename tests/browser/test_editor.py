"""Journey 4: an editor writes, illustrates, schedules and publishes an article in the admin;
an author may write but not publish."""

from datetime import timedelta

from django.utils import timezone

from articles.models import Article

from ..conftest import make_author, make_user
from .conftest import BROWSER_TEST, log_in_to_admin
from .seed import png_bytes

pytestmark = BROWSER_TEST

TITLE = "Die Stadtbibliothek öffnet jetzt auch sonntags"
LINK = "https://example.org/bibliothek/programm"


def choose_in_autocomplete(page, select_id: str, search: str, choice: str) -> None:
    """Pick ``choice`` in the admin's autocomplete widget (Select2) next to ``select_id``."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=choice).click()
    assert page.locator(f"#{select_id}").evaluate("s => s.selectedOptions[0].text") == choice


def write_body_in_ckeditor(page) -> None:
    """Type the article in CKEditor 5: a paragraph, a heading, a link and an uploaded image."""
    editable = page.locator(".ck-editor__editable")
    editable.click()
    page.keyboard.type("Ab Dezember bleibt die Stadtbibliothek auch am Sonntag geöffnet.")
    page.keyboard.press("Enter")

    page.locator(".ck-heading-dropdown .ck-dropdown__button").click()
    page.locator(".ck-heading-dropdown .ck-heading_heading2").click()
    page.keyboard.type("Was sich ändert")
    page.keyboard.press("Enter")

    page.keyboard.type("Das Programm der Bibliothek")
    page.keyboard.press("Shift+Home")
    page.keyboard.press("Control+k")
    # The link balloon: displayed text first, then the address.
    page.locator(".ck-link-form input.ck-input-text").last.fill(LINK)
    page.keyboard.press("Enter")
    # Go on typing only once the link is set and the caret is back in the text;
    # a selection left behind would be replaced by the image.
    editable.locator(f'a[href="{LINK}"]').wait_for()
    page.locator(".ck-link-form").wait_for(state="hidden")
    page.keyboard.press("End")
    page.wait_for_function("window.editors.id_body.model.document.selection.isCollapsed")
    page.keyboard.press("Enter")

    page.locator(".ck-file-dialog-button input[type=file]").set_input_files(
        files=[{"name": "lesesaal.png", "mimeType": "image/png", "buffer": png_bytes(800, 450)}]
    )
    image = editable.locator("img[src*='/media/uploads/']")
    image.wait_for()
    # Describe the picture: CKEditor's image toolbar has a button for the text alternative.
    page.locator(".ck-balloon-panel_visible .ck-toolbar button:visible").first.click()
    page.locator(".ck-text-alternative-form input").fill("Leseplätze unter hohen Fenstern")
    page.keyboard.press("Enter")


def set_publication_time(page, when) -> None:
    local = timezone.localtime(when)
    page.fill("#id_published_at_0", local.strftime("%d.%m.%Y"))
    page.fill("#id_published_at_1", local.strftime("%H:%M:%S"))


def test_editor_writes_schedules_and_publishes_an_article(page, new_context, newsroom):
    editor = make_user("redakteurin", role="Editor")
    make_author("Rita Redakteurin", user=editor, slug="rita-redakteurin")
    log_in_to_admin(page, editor)

    page.goto("/admin/articles/article/add/")
    page.locator("#id_title").press_sequentially(TITLE)  # keystrokes fill in the slug
    assert page.input_value("#id_slug") == "die-stadtbibliothek-offnet-jetzt-auch-sonntags"
    page.fill("#id_teaser", "Mehr Zeit zum Lesen: die Bibliothek probiert neue Öffnungszeiten.")
    write_body_in_ckeditor(page)
    choose_in_autocomplete(page, "id_category", "Tech", "Technik")
    page.fill("#id_tags", "Bibliothek, Kultur")
    choose_in_autocomplete(page, "id_bylines-0-author", "Jon", "Jonas Ebert")
    page.select_option("#id_status", "published")
    set_publication_time(page, timezone.now() + timedelta(days=2))
    page.locator("input[name=_save]").last.click()

    page.locator(".messagelist .success").wait_for()
    article = Article.objects.get(title=TITLE)
    assert article.is_scheduled
    assert article.category == newsroom.technik
    assert [author.display_name for author in article.ordered_authors] == ["Jonas Ebert"]
    assert set(article.tags.names()) == {"Bibliothek", "Kultur"}
    assert "<h2>Was sich ändert</h2>" in article.body
    assert f'href="{LINK}"' in article.body
    assert 'alt="Leseplätze unter hohen Fenstern"' in article.body
    assert 'src="/media/uploads/' in article.body

    # Scheduled: not on the home page, and not at its address, for a reader.
    reader_page = new_context().new_page()
    reader_page.goto("/")
    assert reader_page.locator(".lead-story").is_visible()
    assert not reader_page.get_by_text(TITLE).count()
    assert reader_page.goto(article.get_absolute_url()).status == 404

    # Publish now: the admin's "now" shortcuts put the current date and time in.
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.locator("#id_published_at_0 + .datetimeshortcuts a").first.click()
    page.locator("#id_published_at_1 + .datetimeshortcuts a").first.click()
    page.locator("input[name=_save]").last.click()
    page.locator(".messagelist .success").wait_for()
    article.refresh_from_db()
    assert article.is_live
    page.goto("/")
    assert page.locator(".latest").get_by_role("link", name=TITLE).is_visible()

    reader_page.goto("/")
    reader_page.get_by_role("link", name=TITLE).first.click()
    reader_page.wait_for_url(f"**{article.get_absolute_url()}")
    body = reader_page.locator(".article-body")
    assert body.locator("h2").inner_text() == "Was sich ändert"
    assert (
        body.get_by_role("link", name="Das Programm der Bibliothek").get_attribute("href") == LINK
    )
    picture = body.get_by_role("img", name="Leseplätze unter hohen Fenstern")
    assert picture.evaluate("img => img.complete && img.naturalWidth === 800")
    assert reader_page.locator(".byline").inner_text().endswith("Jonas Ebert")


def test_author_cannot_publish_even_with_a_crafted_form(page, newsroom):
    log_in_to_admin(page, newsroom.mara.user)

    page.goto("/admin/articles/article/add/")
    offered = page.locator("#id_status option").evaluate_all("options => options.map(o => o.value)")
    assert "published" not in offered and "draft" in offered

    page.fill("#id_title", "Eine Autorin will selbst veröffentlichen")
    page.fill("#id_teaser", "Das darf nur die Redaktion.")
    choose_in_autocomplete(page, "id_category", "Tech", "Technik")
    choose_in_autocomplete(page, "id_bylines-0-author", "Mara", "Mara Lindqvist")
    # Add the missing choice by hand, as a crafted request would.
    page.evaluate(
        """() => {
          const status = document.querySelector("#id_status");
          status.add(new Option("Veröffentlicht", "published"));
          status.value = "published";
        }"""
    )
    # The publication time is an editor's decision: locked for her.
    assert page.locator("#id_published_at_0").is_disabled()
    page.locator("input[name=_save]").last.click()

    page.locator(".errornote").wait_for()
    assert page.locator(".field-status .errorlist").is_visible()
    # What she typed is still there, and nothing was published.
    assert page.input_value("#id_title") == "Eine Autorin will selbst veröffentlichen"
    assert not Article.objects.filter(title__startswith="Eine Autorin").exists()
