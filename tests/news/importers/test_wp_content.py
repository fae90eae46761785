from news.importers.wp_content import convert, gallery_ids, youtube_embed


def test_block_comments_vanish_and_the_blocks_html_stays():
    html = '<!-- wp:heading {"level":2} --><h2>Tahapan</h2><!-- /wp:heading -->'
    assert convert(html) == "<h2>Tahapan</h2>"


def test_caption_shortcode_becomes_a_figure_with_caption():
    image = '<a href="/x.jpg"><img src="/x.jpg" alt="a"></a>'
    html = f'[caption id="attachment_9" width="300"]{image} Foto: Humas[/caption]'
    assert convert(html) == f"<figure>{image}<figcaption>Foto: Humas</figcaption></figure>"


def test_old_caption_attribute_is_used_when_given():
    html = '[caption caption="Pelantikan PPS"]<img src="/y.jpg">[/caption]'
    assert convert(html) == '<figure><img src="/y.jpg"><figcaption>Pelantikan PPS</figcaption></figure>'


def test_bracketed_words_in_a_sentence_are_not_taken_for_shortcodes():
    assert convert("Hasil rapat [Foto: Humas] dan catatan [1].") == "<p>Hasil rapat [Foto: Humas] dan catatan [1].</p>"


def test_unknown_shortcode_with_attributes_goes_and_its_text_stays():
    assert convert('[su_note note_color="#fff"]Catatan penting[/su_note]') == "<p>Catatan penting</p>"


def test_gallery_ids_are_read_in_order():
    assert gallery_ids('a [gallery columns="2" ids="7, 3,12"] b [gallery ids="4"]') == [7, 3, 12, 4]


def test_youtube_links_become_privacy_friendly_embeds_and_others_do_not():
    assert youtube_embed("https://youtu.be/abcDEF12345") == "https://www.youtube-nocookie.com/embed/abcDEF12345"
    assert youtube_embed("https://example.com/watch?v=abcDEF12345") is None
