"""WordPress content conversion: paragraphs, shortcodes, blocks, sanitizing."""

from wordpress import content
from wordpress.wxr import Attachment


def test_blank_lines_become_paragraphs_and_single_newlines_breaks():
    html = content.convert("Erste Zeile\nzweite Zeile\n\nNeuer Absatz")
    assert html == "<p>Erste Zeile<br>\nzweite Zeile</p>\n<p>Neuer Absatz</p>"


def test_newlines_inside_pre_and_around_block_elements_stay_as_they_are():
    html = content.convert("Vorher\n<pre>a\n\nb\nc</pre>\n<ul>\n<li>eins</li>\n</ul>\nNachher")
    assert "<pre>a\n\nb\nc</pre>" in html
    assert "<li>eins</li>" in html
    assert "<br>" not in html.replace("<pre>a\n\nb\nc</pre>", "")
    assert html.startswith("<p>Vorher</p>") and html.endswith("<p>Nachher</p>")


def test_text_inside_a_blockquote_gets_its_paragraphs():
    html = content.convert("<blockquote>Zitat eins\n\nZitat zwei</blockquote>")
    assert html == "<blockquote><p>Zitat eins</p>\n<p>Zitat zwei</p></blockquote>"


def test_caption_shortcode_becomes_figure_with_figcaption():
    html = content.convert(
        '[caption id="attachment_7" align="alignright" width="300"]'
        '<a href="https://example.org/a.jpg"><img src="https://example.org/a.jpg" alt="Ein Hafen" '
        'width="300" height="200" /></a> Der Hafen am Morgen[/caption]'
    )
    assert html.startswith('<figure class="image image-style-align-right"><a href=')
    assert '<img src="https://example.org/a.jpg" alt="Ein Hafen" width="300" height="200">' in html
    assert html.endswith("<figcaption>Der Hafen am Morgen</figcaption></figure>")
    assert "[caption" not in html and "[/caption]" not in html and "<p></p>" not in html


def test_caption_given_as_attribute_is_used():
    html = content.convert(
        '[caption caption="Unterschrift"]<img src="https://e.org/b.png" alt="">[/caption]'
    )
    assert "<figcaption>Unterschrift</figcaption>" in html


def test_gallery_becomes_a_list_of_figures_from_its_attachments():
    images = [
        Attachment(wp_id=1, title="Eins", url="https://e.org/1.jpg", alt="Erstes Bild"),
        Attachment(wp_id=2, title="Zwei", url="https://e.org/2.jpg", caption="Mit Text"),
    ]
    html = content.convert('[gallery ids="1,2" columns="2"]', gallery=lambda attributes: images)
    assert html.count("<figure") == 2
    assert (
        '<figure class="image"><img src="https://e.org/1.jpg" alt="Erstes Bild"></figure>' in html
    )
    assert 'alt="Zwei"' in html and "<figcaption>Mit Text</figcaption>" in html
    assert html.startswith("<ul>") and "[gallery" not in html


def test_gallery_without_images_is_removed():
    assert content.convert("Vorher\n\n[gallery]\n\nNachher", gallery=lambda a: []) == (
        "<p>Vorher</p>\n<p>Nachher</p>"
    )


def test_embed_becomes_a_link():
    html = content.convert("[embed width=500]https://video.example.org/v/42[/embed]")
    assert html == (
        '<p><a href="https://video.example.org/v/42" rel="noopener noreferrer">'
        "https://video.example.org/v/42</a></p>"
    )


def test_a_url_alone_on_its_line_becomes_a_link():
    html = content.convert("Seht selbst:\n\nhttps://example.org/clip\n\nEnde")
    assert '<p><a href="https://example.org/clip" rel="noopener noreferrer">' in html


def test_unknown_shortcodes_disappear_without_debris_but_keep_their_text():
    html = content.convert(
        '[contact-form-7 id="12" title="Kontakt"]\n\n[su_box title="Hinweis"]Wichtig[/su_box]\n\n'
        "[toc depth=2] Text [/unmatched]"
    )
    assert "[" not in html and "]" not in html
    assert "<p>Wichtig</p>" in html and "Text" in html


def test_bracketed_words_that_are_not_shortcodes_stay():
    assert content.convert("Er sagte [sic] und zitierte [1].") == (
        "<p>Er sagte [sic] und zitierte [1].</p>"
    )


def test_escaped_shortcode_is_shown_literally():
    assert content.convert("Schreibt [[caption]] für Bildunterschriften.") == (
        "<p>Schreibt [caption] für Bildunterschriften.</p>"
    )


def test_block_comments_are_removed_and_block_html_is_kept_without_autop():
    html = content.convert(
        '<!-- wp:paragraph {"align":"center"} -->\n<p>Absatz</p>\n<!-- /wp:paragraph -->\n\n'
        "<!-- wp:spacer /-->\n<!-- wp:list -->\n<ul><li>Punkt</li></ul>\n<!-- /wp:list -->"
    )
    assert html == "<p>Absatz</p>\n<ul><li>Punkt</li></ul>"


def test_more_and_nextpage_markers_are_removed():
    html = content.convert("Anfang\n<!--more-->\nMitte\n\n<!--nextpage-->\n\nEnde")
    assert "more" not in html and "nextpage" not in html and "&lt;!--" not in html


def test_scripts_and_event_handlers_are_sanitized_away():
    html = content.convert(
        '<p onclick="x()">Hallo</p><script>alert(1)</script><iframe src="//e"></iframe>'
    )
    assert html == "<p>Hallo</p>"


def test_headings_fold_into_the_levels_the_editor_offers():
    html = content.convert("<h1>Eins</h1>\n<h5>Fünf</h5>\n<h3>Drei</h3>")
    assert html == "<h2>Eins</h2>\n<h4>Fünf</h4>\n<h3>Drei</h3>"


def test_empty_content_stays_empty():
    assert content.convert("") == "" and content.convert(" \n\n ") == ""


def test_shorten_cuts_at_a_word_boundary():
    assert content.shorten("Ein recht langer Satz mit Wörtern", 20) == "Ein recht langer…"
    assert len(content.shorten("x" * 1000, 200)) == 200
