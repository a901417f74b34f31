"""Plain-text page dumps: the article is kept, the page around it goes, metadata is found.

Every page here is invented for the test; none comes from the development data.
"""
from __future__ import annotations

from storylens.clean.lines import STOPWORDS, folded_tokens, line_features
from storylens.clean.textdump import body_line_mask, clean_text_dump, normalise_line, repeated_lines

TITLE = "Lighthouse keepers return to Cape Morrow after forty years"
PARAGRAPHS = [
    "The lighthouse at Cape Morrow will have resident keepers again from next spring, the coastal trust said on "
    "Wednesday, reversing a decision taken when the light was automated in 1985.",
    "The trust said the two keepers would maintain the building, run guided tours and keep watch over a stretch "
    "of coast where three fishing boats have run aground in the past decade.",
    "Local councillors welcomed the plan but asked who would pay for it once the trust's grant runs out in 2028, "
    "and whether the cottages would be restored before the keepers move in.",
    "The trust has not yet said how it will choose the keepers, though it expects hundreds of applications from "
    "around the country once the posts are advertised in the new year.",
]


def page(*parts: str) -> str:
    """Join page parts with blank lines, the way most scrapers separate blocks."""
    return "\n\n".join(parts) + "\n"


def article(paragraphs: list[str] = PARAGRAPHS) -> str:
    return "\n\n".join(paragraphs)


def body_of(text: str, **kwargs) -> list[str]:
    return clean_text_dump(text, **kwargs).paragraphs


# --- boilerplate around the article -------------------------------------------------------


def test_related_headline_list_after_the_article_is_cut():
    related = "\n".join([
        "Storm damage closes coastal path between two villages for the winter",
        "Fishing fleet numbers fall to lowest level since records began",
        "New ferry terminal plans go on show at the town hall this week",
        "Council votes to keep harbour car park free for residents",
    ])
    text = page(TITLE, article(), related)
    assert body_of(text) == PARAGRAPHS


def test_teasers_with_summary_sentences_after_a_related_header_are_cut():
    teasers = "\n".join([
        "Related stories",
        "Storm damage closes coastal path",
        "The path between the two villages will stay shut until the spring, the council said on Monday.",
        "Fishing fleet numbers fall again",
        "Only eleven boats now land their catch at the harbour, half as many as ten years ago.",
    ])
    assert body_of(page(TITLE, article(), teasers)) == PARAGRAPHS


def test_a_prose_tagline_above_the_menus_is_not_the_article():
    tagline = "The only independent newspaper on the Morrow coast, owned and funded by the people who read it."
    menus = "\n".join(["News", "Sport", "Weather", "Sign in"])
    assert body_of(page(tagline, menus, TITLE, article())) == PARAGRAPHS


def test_timestamped_latest_news_list_is_cut():
    latest = "\n".join(["Latest news", "21:14", "Storm damage closes coastal path between two villages",
                        "20:52", "Fishing fleet numbers fall to lowest level since records began",
                        "19:03", "New ferry terminal plans go on show at the town hall"])
    text = page(TITLE, article(), latest)
    assert body_of(text) == PARAGRAPHS


def test_headline_list_without_a_header_is_cut_even_with_a_timestamp_per_line():
    latest = "\n".join(["Storm damage closes coastal path between two villages 21:14",
                        "Fishing fleet numbers fall to lowest level since records began 20:52"])
    assert body_of(page(TITLE, article(), latest)) == PARAGRAPHS


def test_navigation_and_language_switcher_at_the_top_are_cut():
    top = "\n".join(["EN | FR | DE", "Deutsch English Français", "Home › Coast › Heritage", "Menu", "Search"])
    result = clean_text_dump(page(top, TITLE, article()))
    assert result.paragraphs == PARAGRAPHS


def test_ads_credits_and_file_names_inside_the_article_are_dropped_without_cutting_it():
    text = page(TITLE, "3f9a7c21e4b84d0f9a2b.jpg", "Photo: Coastal Trust", PARAGRAPHS[0], "Advertisement",
                PARAGRAPHS[1], "0", PARAGRAPHS[2], PARAGRAPHS[3])
    assert body_of(text) == PARAGRAPHS


def test_a_label_printed_twice_inside_the_article_is_dropped():
    # Unknown to any word list; only its recurrence on the page marks it as furniture.
    text = page(TITLE, PARAGRAPHS[0], "Story continues below", PARAGRAPHS[1], PARAGRAPHS[2],
                "Story continues below", PARAGRAPHS[3])
    assert body_of(text) == PARAGRAPHS


def test_a_pull_quote_repeating_the_body_is_dropped():
    said = ("“We have waited forty years for someone to live in that lighthouse again,” said Morag Innes, "
            "who chairs the parish council.")
    pull_quote = "“We have waited forty years for someone to live in that lighthouse”"
    text = page(TITLE, PARAGRAPHS[0], said, pull_quote, PARAGRAPHS[1], PARAGRAPHS[2])
    assert body_of(text) == [PARAGRAPHS[0], said, PARAGRAPHS[1], PARAGRAPHS[2]]


def test_a_long_quoted_statement_the_article_also_prints_in_full_is_kept_twice():
    statement = ("The trust has agreed to restore both cottages before the keepers arrive, and it will publish the "
                 "cost of the work, the terms of the grant and the way the keepers are chosen before the posts are "
                 "advertised in the new year.")
    quoted = f"“{statement}”"
    text = page(TITLE, PARAGRAPHS[0], quoted, PARAGRAPHS[1], "The statement in full:", statement, PARAGRAPHS[2])
    assert quoted in body_of(text) and statement in body_of(text)


def test_teasers_with_long_blurbs_each_followed_by_a_more_link_are_cut():
    blurbs = [
        "The path between the two villages will stay shut until the spring, the council said on Monday, after "
        "storms washed away a section of the cliff edge and left the fence hanging over the beach below. Walkers "
        "are asked to use the road until the engineers have finished their survey of the whole stretch.",
        "Only eleven boats now land their catch at the harbour, half as many as ten years ago, and the owners say "
        "fuel costs and quotas have driven the younger crews away to the oil rigs and the ferries. The harbour "
        "board will meet the owners next month to talk about lower landing fees for the smaller boats.",
        "The new ferry terminal would replace the wooden pier with a concrete one and a waiting room for two "
        "hundred passengers, and the plans can be seen at the town hall every afternoon this week. Comments must "
        "reach the planning office by the end of the month, the council said in a notice.",
    ]
    headlines = ["Storm damage closes coastal path for the winter", "Fishing fleet numbers fall to a record low",
                 "New ferry terminal plans go on show"]
    teasers = [part for headline, blurb in zip(headlines, blurbs) for part in (headline, blurb, "Read more")]
    assert body_of(page(TITLE, article(), *teasers)) == PARAGRAPHS


def test_schedule_rows_that_differ_only_in_their_figures_are_not_repeats():
    rows = ["Coastal path walk from the harbour to the lighthouse, day 1, starting at 10:30 from the pier",
            "Coastal path walk from the harbour to the lighthouse, day 2, starting at 11:00 from the pier",
            "Coastal path walk from the harbour to the lighthouse, day 3, starting at 09:30 from the pier",
            "Coastal path walk from the harbour to the lighthouse, day 4, starting at 10:00 from the pier"]
    mask = body_line_mask("\n".join([TITLE, PARAGRAPHS[0], PARAGRAPHS[1], *rows, PARAGRAPHS[2], PARAGRAPHS[3]]))
    assert mask[3:7] == [True] * 4


def test_a_table_of_figures_between_paragraphs_is_kept_as_one_run():
    table = ["Year", "Visitors", "2019", "12,400", "2020", "3,100", "2021", "8,950"]
    lines = [TITLE, PARAGRAPHS[0], PARAGRAPHS[1], *table, PARAGRAPHS[2], PARAGRAPHS[3]]
    assert body_line_mask("\n".join(lines))[3:3 + len(table)] == [True] * len(table)


def test_a_run_of_page_numbers_after_the_article_is_not_a_table():
    lines = [TITLE, *PARAGRAPHS, "1", "2", "3", "4", "Next page"]
    assert body_line_mask("\n".join(lines))[5:] == [False] * 5


def test_comment_form_after_the_article_is_cut():
    form = "\n".join(["Leave a Reply", "Your email address will not be published. Required fields are marked *",
                      "Comment *", "Name *", "Email *", "Post Comment"])
    assert body_of(page(TITLE, article(), form)) == PARAGRAPHS


def test_subscribe_and_follow_prompts_are_cut():
    prompts = page("Subscribe to our newsletter for the week's best coastal stories, straight to your inbox.",
                   "Follow us on Facebook and Instagram")
    assert body_of(page(TITLE, article(), prompts)) == PARAGRAPHS


def test_a_page_with_only_boilerplate_has_no_paragraphs():
    text = page("Home | News | Sport | Weather", "Sign in", "Subscribe",
                "We use cookies to improve your experience. By continuing you accept our cookie policy.",
                "© 2025 Morrow Coast Media. All rights reserved.")
    assert body_of(text) == []


def test_empty_text_gives_empty_paragraphs_and_no_metadata():
    for text in ("", "\n\n  \n"):
        result = clean_text_dump(text)
        assert result.paragraphs == [] and result.title is None and result.published is None
        assert body_line_mask(text) == [False] * len(text.splitlines())


# --- what stays in the body -------------------------------------------------------------------


def test_standfirst_under_the_headline_is_body_even_with_a_byline_before_the_first_paragraph():
    standfirst = "A decision taken when the light was automated in 1985 is being reversed by the coastal trust."
    text = page(TITLE, standfirst, "By Jane Doe", "Photo: Coastal Trust", article())
    result = clean_text_dump(text)
    assert result.paragraphs == [standfirst] + PARAGRAPHS
    assert (result.title, result.author) == (TITLE, "Jane Doe")


def test_subheading_between_body_paragraphs_is_kept():
    text = page(TITLE, PARAGRAPHS[0], PARAGRAPHS[1], "Who pays for the keepers", PARAGRAPHS[2], PARAGRAPHS[3])
    assert body_of(text) == PARAGRAPHS[:2] + ["Who pays for the keepers"] + PARAGRAPHS[2:]


def test_short_quote_line_between_paragraphs_is_kept():
    quote = "\u201cIt is about time,\u201d she said."
    text = page(TITLE, PARAGRAPHS[0], quote, PARAGRAPHS[1], PARAGRAPHS[2])
    assert body_of(text) == [PARAGRAPHS[0], quote, PARAGRAPHS[1], PARAGRAPHS[2]]


def test_short_sentences_that_start_like_page_links_stay_in_the_body():
    # "Next", "Related", "More" open page links too; a full sentence is still prose.
    lines = ["Next week the council will vote on it.", "Related charges were dropped in May.",
             "More from the inquiry is due on Friday."]
    text = page(TITLE, PARAGRAPHS[0], lines[0], PARAGRAPHS[1], lines[1], PARAGRAPHS[2], lines[2], PARAGRAPHS[3])
    assert body_of(text) == [PARAGRAPHS[0], lines[0], PARAGRAPHS[1], lines[1], PARAGRAPHS[2], lines[2],
                             PARAGRAPHS[3]]


def test_bulleted_list_inside_the_article_is_kept_without_its_bullets():
    items = "\u2022 guided tours\n\u2022 a small museum\n\u2022 a night watch"
    intro = "The trust listed what the keepers will be asked to run:"
    text = page(TITLE, PARAGRAPHS[0], intro, items, PARAGRAPHS[1], PARAGRAPHS[2])
    assert body_of(text) == [PARAGRAPHS[0], intro, "guided tours", "a small museum", "a night watch",
                             PARAGRAPHS[1], PARAGRAPHS[2]]


def test_hard_wrapped_paragraphs_come_back_as_one_paragraph_each():
    import textwrap
    wrapped = "\n\n".join(textwrap.fill(paragraph, 70) for paragraph in PARAGRAPHS)
    result = clean_text_dump(page(TITLE, wrapped))
    assert result.paragraphs == PARAGRAPHS
    assert result.title == TITLE


def test_a_list_of_headlines_of_similar_length_is_not_taken_for_a_wrapped_paragraph():
    headlines = "\n".join([
        "Storm damage closes the coastal path between Morrow and Gull Point for the winter months",
        "Fishing fleet numbers fall to their lowest level since the harbour records began in 1950",
        "New ferry terminal plans go on show at the town hall this week, with a vote due in June",
        "Council votes to keep the harbour car park free for residents after a petition of 900",
        "Lifeboat crew rescue two walkers cut off by the tide at Gull Point on Saturday afternoon",
        "School wins national award for sea-safety lessons designed with the coastguard and club",
    ])
    # Short one-sentence paragraphs keep every line under 100 characters, as on a wrapped page.
    short = ["The lighthouse at Cape Morrow will have resident keepers again from next spring.",
             "The coastal trust said on Wednesday that two keepers would live in the old cottages.",
             "They will run guided tours and keep watch over a dangerous stretch of the coast.",
             "Councillors welcomed the plan but asked who would pay for it after 2028."]
    assert body_of(page(TITLE, article(short), headlines)) == short


def test_german_article_is_kept_and_its_furniture_dropped():
    german = [
        "Der Leuchtturm am Kap Morrow bekommt im nächsten Frühjahr wieder feste Wärter, wie die Stiftung am "
        "Mittwoch mitteilte.",
        "Die beiden Wärter sollen das Gebäude pflegen, Führungen anbieten und die Küste beobachten, an der in "
        "den vergangenen zehn Jahren drei Fischerboote auf Grund gelaufen sind.",
    ]
    text = page("Startseite > Region > Küste", "Leuchtturm bekommt wieder Wärter", "Von Anna Berger",
                "05.03.2025, 09:30 Uhr", german[0], "Anzeige", german[1], "Mehr zum Thema",
                "Neue Fähre für die Inseln", "Hafenfest fällt dieses Jahr aus")
    result = clean_text_dump(text)
    assert result.paragraphs == german
    assert (result.author, result.published) == ("Anna Berger", "2025-03-05T09:30")


def test_spanish_article_with_its_title_and_date():
    spanish = [
        "El faro del cabo Morrow volverá a tener fareros la próxima primavera, según informó el miércoles la "
        "fundación que lo gestiona.",
        "Los dos fareros se encargarán del mantenimiento del edificio y de las visitas guiadas a la torre.",
    ]
    title = "El faro de Morrow vuelve a tener fareros después de cuarenta años"
    text = page("Inicio | Costa | Cultura", title, "Por Lucía Martín", "5 de marzo de 2025", spanish[0],
                "Publicidad", spanish[1], "Noticias relacionadas", "La lonja cierra por obras")
    result = clean_text_dump(text)
    assert result.paragraphs == spanish
    assert (result.title, result.author, result.published) == (title, "Lucía Martín", "2025-03-05")


def test_a_call_to_action_after_the_article_is_cut():
    assert body_of(page(TITLE, article(), "Help us keep reporting from the coast!")) == PARAGRAPHS


# --- title, byline, date, outlet ------------------------------------------------------------------


def test_title_is_found_and_is_not_part_of_the_body():
    result = clean_text_dump(page("Coast News Online", TITLE, TITLE, article()))
    assert result.title == TITLE
    assert TITLE not in result.paragraphs
    mask = body_line_mask(page("Coast News Online", TITLE, TITLE, article()))
    lines = page("Coast News Online", TITLE, TITLE, article()).splitlines()
    assert [line for line, kept in zip(lines, mask) if kept] == PARAGRAPHS


def test_dateline_gives_the_date_and_stays_in_the_body():
    first = "MORROW, March 5, 2025: " + PARAGRAPHS[0]
    result = clean_text_dump(page(TITLE, first, *PARAGRAPHS[1:]))
    assert result.published == "2025-03-05"
    assert result.paragraphs[0] == first


def test_leading_scraper_date_line_is_parsed():
    result = clean_text_dump(page(" date 2025-03-05 " + TITLE, TITLE, article()))
    assert result.published == "2025-03-05"
    assert result.title == TITLE
    assert result.paragraphs == PARAGRAPHS


def test_byline_glued_to_a_date_gives_author_and_date():
    result = clean_text_dump(page(TITLE, "Jane DoeMonday, 3 March 2025, 10:15", article()))
    assert result.author == "Jane Doe"
    assert result.published == "2025-03-03T10:15"
    assert result.paragraphs == PARAGRAPHS


def test_by_line_with_agency_gives_the_person_only():
    result = clean_text_dump(page(TITLE, "By Jane Doe | Reuters", "December 2, 2024", article()))
    assert (result.author, result.published) == ("Jane Doe", "2024-12-02")


def test_newsroom_line_gives_the_outlet_but_a_cited_source_does_not():
    text = page("morrow coast today", TITLE, "Morrow Coast Today News Network", article(),
                "Source: The Maritime Herald")
    assert clean_text_dump(text).outlet == "Morrow Coast Today"
    cited_only = page(TITLE, article(), "Source: The Maritime Herald")
    assert clean_text_dump(cited_only).outlet is None


def test_copyright_footer_gives_the_outlet():
    text = page(TITLE, article(), "© 2025 The Morrow Mercury. All rights reserved.")
    assert clean_text_dump(text).outlet == "The Morrow Mercury"
    spanish_footer = page(TITLE, article(), "Todos los derechos reservados © El Eco de Morrow 2025")
    assert clean_text_dump(spanish_footer).outlet == "El Eco de Morrow"


# --- repeated_lines: furniture shared by pages of one site -------------------------------------


SITE_TOP = "Morrow Mercury\nNews  Sport  Weather  Opinion\nSupport independent local news"
# The footer blurb reads like prose: only its recurrence across the site gives it away.
SITE_BLURB = ("The Mercury has been published in Morrow since 1887 and is owned by the people who read it, "
              "with an office on the harbour front.")
SITE_BOTTOM = f"{SITE_BLURB}\nContact the newsroom\nWork for the Mercury"
OTHER_ARTICLES = [
    ["The harbour board has approved a new slipway for the lifeboat station, to be built over the summer "
     "at a cost of about four hundred thousand pounds.",
     "Work is due to start in May, and the lifeboat will operate from a temporary mooring until it ends."],
    ["A school in Morrow has won a national award for its sea-safety lessons, which every pupil takes "
     "in their first year, the education department announced on Friday.",
     "Teachers said the lessons had been designed with the coastguard and the local sailing club."],
]


def site_page(title: str, paragraphs: list[str]) -> str:
    return page(SITE_TOP, title, "\n\n".join(paragraphs), SITE_BOTTOM)


def test_repeated_lines_drop_the_site_furniture_shared_by_three_pages():
    pages = [site_page(TITLE, PARAGRAPHS), site_page("Slipway approved", OTHER_ARTICLES[0]),
             site_page("School wins award", OTHER_ARTICLES[1])]
    furniture = repeated_lines(pages)
    assert "support independent local news" in furniture
    assert "contact the newsroom" in furniture
    assert not any(normalise_line(paragraph) in furniture for paragraph in PARAGRAPHS)
    assert SITE_BLURB in body_of(pages[0])  # the premise: line features alone take the blurb for prose
    assert body_of(pages[0], repeated=furniture) == PARAGRAPHS


def test_two_copies_of_one_article_keep_their_body():
    # A wire story stored twice, the second copy with one more paragraph: not exact copies.
    update = "The trust confirmed on Thursday evening that the posts will be advertised in January."
    copy = site_page(TITLE, PARAGRAPHS)
    pages = [copy, site_page(TITLE, PARAGRAPHS + [update]), site_page("Slipway approved", OTHER_ARTICLES[0])]
    furniture = repeated_lines(pages)
    assert "support independent local news" in furniture
    assert not any(normalise_line(paragraph) in furniture for paragraph in PARAGRAPHS)
    assert body_of(copy, repeated=furniture) == PARAGRAPHS
    assert body_of(pages[2], repeated=furniture) == OTHER_ARTICLES[0]


def test_many_exact_copies_count_as_one_page():
    copy = site_page(TITLE, PARAGRAPHS)
    assert repeated_lines([copy] * 30) == frozenset()


def test_a_site_of_nothing_but_near_copies_still_keeps_the_article():
    # Thirty copies that differ in one teaser line are too many to pair up as copies, so every
    # article line looks like furniture; the cleaner must notice and keep the prose anyway.
    teasers = ["Lifeboat crew", "Harbour fees", "Ferry times", "Beach cleaning", "Sea wall", "Ice cream"]
    copies = [site_page(TITLE, PARAGRAPHS) + f"More: {teasers[i % 6]} story {'again ' * (i // 6)}\n"
              for i in range(30)]
    furniture = repeated_lines(copies)
    assert normalise_line(PARAGRAPHS[0]) in furniture  # the premise
    body = body_of(copies[0], repeated=furniture)
    assert all(paragraph in body for paragraph in PARAGRAPHS)


def test_min_pages_raises_the_bar_for_furniture():
    pages = [site_page(TITLE, PARAGRAPHS), site_page("Slipway approved", OTHER_ARTICLES[0])]
    assert "support independent local news" in repeated_lines(pages, min_pages=2)
    assert repeated_lines(pages, min_pages=3) == frozenset()


def test_body_line_mask_has_one_flag_per_input_line():
    text = page("Menu", TITLE, article(), "Read more", "Another headline about the coast today")
    mask = body_line_mask(text)
    assert len(mask) == len(text.splitlines())
    assert sum(mask) == len(PARAGRAPHS)


def test_a_wire_credit_next_to_the_date_is_not_an_author():
    result = clean_text_dump(page(TITLE, "From Coastwire", "Monday 3 March 2025, 10:15", article()))
    assert result.author is None
    assert result.published == "2025-03-03T10:15"
    assert result.paragraphs == PARAGRAPHS


# --- languages without a stop-word list, and pages without a paragraph of prose --------------


def test_japanese_article_is_kept_though_no_stop_word_list_covers_it():
    # Invented Japanese sentences; the cleaner has no Japanese stop words and must not drop the page.
    menu = "\n\n".join(["ニュース", "スポーツ", "天気", "ログイン"])
    body = [
        "港町ウェンデルで十八日、古い桟橋を船大工の協同組合に二十年間貸し出すことが決まった。",
        "協同組合は桟橋の木の床をまず修理し、見習いが木造船の作り方を学べる工房を春に開くと述べた。",
        "反対した委員二人は、県が来年改めて検討すると約束したフェリー航路のために桟橋を残すべきだと話した。",
    ]
    text = page(menu, "桟橋の貸し出し決まる", *body, "利用規約 プライバシー")
    assert body_of(text) == body


def test_notice_without_prose_is_kept_not_dropped():
    text = page("Home", "About", "Contact", "Harbour board meetings",
                "HARBOUR BOARD (at the Wendell town hall, second floor, between Quay Street and Mill Lane)",
                "Terms of use")
    kept = body_of(text)
    assert kept and "HARBOUR BOARD" in kept[0]


def test_menu_only_dump_keeps_nothing():
    assert body_of(page("Home", "News", "Sport", "Weather", "Contact")) == []


def test_title_case_teaser_list_is_not_taken_for_prose():
    teasers = [
        "What This Harbour Town Did With Its Old Ferry Will Make You Smile.",
        "The Tiny Details In These Boat Models Celebrate The Wonder Of Craft.",
        "She Carves Oars With A Delicacy That Will Take Your Breath Away.",
        "Twenty Lighthouses That Have Appeared In Every Sailor's Dreams.",
    ]
    text = page(*teasers, TITLE, article(), "Terms of use")
    kept = body_of(text)
    assert kept == PARAGRAPHS


def test_legal_footer_prose_is_furniture():
    legal = [
        "The material on this site may not be reproduced, distributed, transmitted or otherwise used, except "
        "with the prior written permission of Wendell Media.",
        "Community rules apply to all content you upload or otherwise submit to this site.",
    ]
    text = page(TITLE, PARAGRAPHS[0], "Related Stories", "Most Read", "About Us", "Contact Us", "Jobs", *legal)
    assert body_of(text) == [PARAGRAPHS[0]]


def test_article_printed_twice_by_a_responsive_layout_is_kept_once():
    text = page(TITLE, article(), "Share this", "Print", TITLE, article(), "Terms of use")
    assert body_of(text) == PARAGRAPHS


def test_long_comment_thread_does_not_take_the_article_block():
    comments = []
    for number in range(12):
        comments += [f"Reader{number} • 2 weeks ago",
                     f"I have lived near the cape for {number + 20} years and I still think the trust should spend "
                     "the money on the harbour wall first, because the storms get worse every single winter here.",
                     "Reply"]
    text = page(TITLE, article(), "Leave a Comment", "Cancel Reply", "Email (will not be published)",
                "24 Comments", *comments)
    assert body_of(text) == PARAGRAPHS


def test_a_comment_thread_known_by_its_posts_headers_is_cut():
    # No form or reply links: the comments' own "... wrote:" headers show the thread.
    thread = []
    for number in range(6):
        thread += [f"Report this Comment On March {number + 3}, 2025, at 9:{number}0 PM, harbourfan{number} wrote:",
                   f"I have walked past that lighthouse for {number + 30} years and I still think the trust should "
                   "repair the harbour wall before it spends a penny on keepers, because every winter is worse."]
    text = page(TITLE, article(), "Comments from our Readers",
                "Please keep the discussion civil and on the subject of the article you have just read here.", *thread)
    assert body_of(text) == PARAGRAPHS


def test_an_image_source_line_is_a_credit_not_a_subheading():
    text = page(TITLE, PARAGRAPHS[0], "Image source: morrowcoast.example", PARAGRAPHS[1], PARAGRAPHS[2])
    assert body_of(text) == PARAGRAPHS[:3]


def test_teasers_cut_off_by_an_ellipsis_are_not_the_article():
    teasers = [f"Coast guard rescues {number} walkers trapped by the tide near the old qua..." for number in range(2, 7)]
    text = page(TITLE, "Video: keepers return to the lighthouse", PARAGRAPHS[0], "Top videos", *teasers)
    assert body_of(text) == [PARAGRAPHS[0]]


def test_one_paragraph_trailing_off_in_an_ellipsis_is_kept():
    trailing = PARAGRAPHS[1].rstrip(".") + "..."
    assert body_of(page(TITLE, PARAGRAPHS[0], trailing, PARAGRAPHS[2])) == [PARAGRAPHS[0], trailing, PARAGRAPHS[2]]


def test_a_photo_by_line_under_a_picture_is_a_credit():
    text = page(TITLE, PARAGRAPHS[0], "Photo by Ines Varga/Morrow Press", PARAGRAPHS[1], PARAGRAPHS[2])
    assert body_of(text) == PARAGRAPHS[:3]


def test_a_lead_two_dumps_of_a_folder_share_is_not_furniture():
    # A folder of dumps is one "site": two outlets that open with the same wire lead must keep it,
    # while the blurb on every page of the folder still goes.
    lead = ("The Morrow harbour board voted on Tuesday to close the old ferry pier for a year, "
            "the board's chairwoman said after the meeting.")
    more = ["Anglers who use the pier at night were told to move to the north breakwater, which has lights.",
            "The council said the coastal path beside the pier would stay open while the survey went on."]
    pages = [site_page("Pier to close", [lead] + OTHER_ARTICLES[0]),
             site_page("Ferry pier shut for a year", [lead] + OTHER_ARTICLES[1]),
             site_page(TITLE, PARAGRAPHS), site_page("Anglers moved", more[:1]), site_page("Path open", more[1:])]
    furniture = repeated_lines(pages)
    assert normalise_line(lead) not in furniture
    assert normalise_line(SITE_BLURB) in furniture and "contact the newsroom" in furniture
    assert body_of(pages[1], repeated=furniture)[0] == lead


def test_a_wordpress_thread_headed_by_its_count_and_title_is_cut():
    thread = []
    for number in range(8):
        thread += [f"harbourfan{number} March 11, 2025 at 9:{number}0 pm",
                   f"I have lived near the cape for {number + 20} years and I still think the trust should spend "
                   "the money on the harbour wall first, because the storms get worse every single winter here.",
                   "Reply ↓"]
    text = page(TITLE, article(), f"8 thoughts on “{TITLE}”", *thread)
    assert body_of(text) == PARAGRAPHS


def test_gallery_captions_after_a_label_printed_before_each_are_not_the_article():
    gallery = []
    for number in range(10):
        gallery += ["Coast in pictures",
                    f"Walkers watch the waves break over the harbour wall at Cape Morrow on day {number} of the "
                    "autumn storms, which closed the coastal path for a week."]
    assert body_of(page(TITLE, article(), *gallery)) == PARAGRAPHS


def test_a_notice_repeated_under_each_embed_does_not_cut_the_article():
    notice = ["Instagram post", "Loading this post accepts the photo site's privacy policy", "Learn more", "Load post"]
    places = ["harbour", "chapel", "quarry", "orchard", "ferry pier", "old mill", "signal station"]
    paragraphs = [f"From the {place} the keepers could see {number + 3} fishing boats coming home, and the trust "
                  f"says visitors will be able to walk up to the {place} once the path is repaired next year."
                  for number, place in enumerate(places)]
    parts = [TITLE]
    for paragraph in paragraphs:
        parts += [paragraph, *notice]
    assert body_of(page(*parts[:-len(notice)])) == paragraphs


# --- a short article over a longer teaser block; a page in a language without a stop-word list ---


def test_a_short_article_above_a_related_header_is_not_outscored_by_the_teasers_below():
    short = ("The ferry between Harlow Point and the island will run twice a day from Monday, the operator said, "
             "after repairs to the landing stage took longer than planned.")
    teasers = []
    for number, topic in enumerate(["harbour wall", "fish market", "bus timetable", "school roof", "library"]):
        teasers += [f"Council reviews the {topic} plan",
                    f"The council will decide next month whether the {topic} plan goes ahead, after residents asked "
                    f"for more time to comment on the costs and the {number + 2} options put forward in the spring."]
    body = body_of(page(TITLE, short, "Related articles", *teasers))
    assert body == [short]


POLISH_PARAGRAPHS = [
    "Nowy prom między portem a wyspą będzie kursował dwa razy dziennie od poniedziałku, poinformował przewoźnik "
    "po remoncie przystani, który trwał dłużej niż planowano przez złą pogodę w marcu.",
    "Mieszkańcy wyspy od tygodni czekali na wznowienie połączenia, bo jedyną drogą na stały ląd była łódź "
    "rybacka, która zabierała najwyżej sześć osób i nie pływała przy silnym wietrze.",
    "Przewoźnik zapowiada, że latem doda trzeci kurs wieczorny, jeśli liczba pasażerów będzie rosła tak jak w "
    "zeszłym roku, gdy prom przewiózł ponad dwanaście tysięcy osób w lipcu i sierpniu.",
]


def test_paragraphs_in_a_language_without_a_stop_word_list_are_kept_though_the_menus_look_english():
    # "a", "i", "to", "on" in the menus make the English list cover the page a little; judged by it,
    # every paragraph reads as a headline (no stop words), as the teaser headlines below it do.
    menus = ["Home", "Kraj i świat", "Sport to zdrowie", "Praca on-line", "Kultura a media", "Kontakt"]
    teasers = ["Nowa droga do portu otwarta jeszcze przed wakacjami", "Rybacy z wyspy dostaną dopłaty do paliwa",
               "Szkoła na wyspie szuka nauczyciela matematyki od września"]
    body = body_of(page(*menus, "Prom wraca na wyspę", *POLISH_PARAGRAPHS, *teasers, "Regulamin"))
    assert body == POLISH_PARAGRAPHS


def test_a_list_of_teasers_without_a_header_is_cut_after_the_article():
    teasers = []
    for place in ["Harlow Point", "Cape Morrow", "Wendell Bay", "Saltmarsh Lane"]:
        teasers += [f"Volunteers clear the beach at {place} before the storm season",
                    f"More than forty people turned out on Saturday to collect rubbish along the shore at {place}, "
                    f"the organisers said.",
                    "© Coastal Trust", "News"]
    body = body_of(page(TITLE, article(), "Share this article", *teasers))
    assert body == PARAGRAPHS


def test_an_article_whose_subheadings_each_head_one_paragraph_keeps_them():
    sections = []
    for heading, paragraph in zip(["What the trust decided", "Who will pay for it", "What happens next"],
                                  PARAGRAPHS[1:]):
        sections += [heading, paragraph]
    body = body_of(page(TITLE, PARAGRAPHS[0], *sections, "Share this article"))
    assert body == [PARAGRAPHS[0]] + sections


def test_a_comment_thread_headed_in_german_with_its_form_is_cut():
    comments = ["Schreibe einen Kommentar", "Deine E-Mail-Adresse wird nicht veröffentlicht.",
                "Ich finde es gut, dass die Leuchtturmwärter zurückkommen, aber wer soll das auf Dauer bezahlen, "
                "wenn der Zuschuss im Jahr 2028 ausläuft und der Gemeinderat schon jetzt sparen muss?",
                "Antworten",
                "Endlich wieder Führungen am Kap! Wir waren als Kinder jeden Sommer dort und haben die alten "
                "Wärter kennengelernt, die uns die Lampe gezeigt und von den Stürmen erzählt haben.",
                "Antworten"]
    german = ["Der Leuchtturm am Kap Morrow bekommt im nächsten Frühjahr wieder feste Wärter, wie die Stiftung "
              "am Mittwoch mitteilte, und nimmt damit eine Entscheidung aus dem Jahr 1985 zurück.",
              "Die beiden Wärter sollen das Gebäude pflegen, Führungen anbieten und die Küste beobachten, an der "
              "in den vergangenen zehn Jahren drei Fischerboote auf Grund gelaufen sind."]
    body = body_of(page("Leuchtturm bekommt wieder Wärter", *german, *comments))
    assert body == german


def test_a_list_introduced_by_a_colon_inside_the_article_is_kept_without_bullets():
    intro = "The trust said the two keepers would take on four jobs from their first week at the light:"
    items = ["Guided tours of the tower", "Repairs to the cottages", "Daily weather reports", "Watch over the reef"]
    body = body_of(page(TITLE, PARAGRAPHS[0], intro, *items, *PARAGRAPHS[2:], "Share this article"))
    assert body == [PARAGRAPHS[0], intro, *items, *PARAGRAPHS[2:]]


def test_a_sentence_broken_across_two_blocks_is_one_paragraph():
    first, rest = PARAGRAPHS[1].split(" run guided tours")
    body = body_of(page(TITLE, PARAGRAPHS[0], first, "run guided tours" + rest, *PARAGRAPHS[2:]))
    assert body == PARAGRAPHS


def test_a_table_of_contents_before_the_article_is_not_kept():
    contents = [f"{part}.{section} How will the trust choose keepers for part {part}?"
                for part in (1, 2) for section in (1, 2, 3)]
    body = body_of(page("Menu", *contents, TITLE, *PARAGRAPHS, "Share this article"))
    assert body == PARAGRAPHS


def test_a_french_comment_form_and_the_next_article_link_are_cut():
    french = ["Le phare du cap Morrow aura de nouveau des gardiens au printemps prochain, a annoncé mercredi la "
              "fondation, qui revient ainsi sur une décision prise en 1985.",
              "Les deux gardiens entretiendront le bâtiment, organiseront des visites et surveilleront une côte "
              "où trois bateaux de pêche se sont échoués en dix ans."]
    after = ["Article suivant", "« Les ferries reprennent la mer »", "Écrire un commentaire",
             "Les commentaires sous les billets de ce blog sont modérés avant publication, merci de rester "
             "courtois et de ne pas publier de données personnelles.", "Votre nom", "Votre adresse email",
             "Enfin une bonne nouvelle pour le cap, nous y allions chaque été quand nous étions enfants et les "
             "gardiens nous montraient la lampe."]
    assert body_of(page("Le phare retrouve ses gardiens", *french, *after)) == french
    assert body_of(page("Le phare retrouve ses gardiens", *french, *after[2:])) == french  # the form alone


def test_a_few_unjudged_lines_between_paragraphs_are_kept_with_them():
    rows = ["Tower tours daily from May to September", "Cottage visits on summer weekends only from June until the end of August"]
    body = body_of(page(TITLE, PARAGRAPHS[0], PARAGRAPHS[1], *rows, *PARAGRAPHS[2:], "Share this article"))
    assert body == [PARAGRAPHS[0], PARAGRAPHS[1], *rows, *PARAGRAPHS[2:]]


def test_a_cookie_notice_in_prose_after_the_article_does_not_take_the_block():
    # Longer than the article, in full sentences, but every paragraph tells the reader about cookies.
    notice = [f"We use cookies on our website to remember your settings, and you can switch the {kind} cookies off "
              "at any time on the settings page at the foot of each page, although some parts of the site may then "
              "stop working as they should for you."
              for kind in ("analytics", "advertising", "video", "map", "font", "social", "survey", "comfort")]
    body = body_of(page(TITLE, *PARAGRAPHS[:2], "Privacy settings", *notice))
    assert body == PARAGRAPHS[:2]


def test_a_long_list_introduced_by_a_colon_that_ends_the_article_is_kept():
    intro = "The trust listed every keeper who has served at the light since it was first lit:"
    keepers = [f"{number}. Keeper {name}" for number, name in enumerate(
        "Abel Brand Crane Dorn Ewing Frost Grant Hale Irwin Joyce Keane Lowe Moss Nash Orr Pike Quinn Rowe Shaw "
        "Todd Udall Vance Webb Yates Zane Ames Bell Cole Dean Eade Fife Gale".split(), start=1)]
    body = body_of(page(TITLE, *PARAGRAPHS[:2], intro, *keepers, "Share this article", "Privacy policy"))
    assert body == [*PARAGRAPHS[:2], intro, *keepers]


def test_a_thread_headed_by_a_count_in_words_is_cut():
    thread = ["Ein Kommentar zu „Leuchtturm bekommt wieder Wärter“", "Hinterlasse einen Kommentar",
              "Antworten", "Deine E-Mail-Adresse wird nicht veröffentlicht.",
              "Ich finde es gut, dass die Leuchtturmwärter zurückkommen, aber wer soll das auf Dauer bezahlen, "
              "wenn der Zuschuss im Jahr 2028 ausläuft und der Gemeinderat schon jetzt sparen muss?"]
    german = ["Der Leuchtturm am Kap Morrow bekommt im nächsten Frühjahr wieder feste Wärter, wie die Stiftung "
              "am Mittwoch mitteilte, und nimmt damit eine Entscheidung aus dem Jahr 1985 zurück.",
              "Die beiden Wärter sollen das Gebäude pflegen, Führungen anbieten und die Küste beobachten, an der "
              "in den vergangenen zehn Jahren drei Fischerboote auf Grund gelaufen sind."]
    assert body_of(page("Leuchtturm bekommt wieder Wärter", *german, *thread)) == german


def test_a_thread_without_a_header_is_known_by_its_reply_links():
    posts = []
    for number in range(5):
        posts += [f"Harbourfan{number} 0{number + 1}.03.2025 // 21:1{number}",
                  f"I have walked past that lighthouse for {number + 30} years and I still think the trust should "
                  "repair the harbour wall before it spends a penny on keepers, because every winter is worse.",
                  "The council should ask the people who live here before it decides anything about the cape.",
                  "Reply"]
    assert body_of(page(TITLE, *PARAGRAPHS[:2], *posts)) == PARAGRAPHS[:2]


def test_a_long_line_without_a_full_stop_inside_the_article_is_kept_though_furniture_sits_beside_it():
    caption = "The keepers' cottages at Cape Morrow in the winter of 1979, six years before the light was automated"
    body = body_of(page(TITLE, PARAGRAPHS[0], "Photo: Morrow Coastal Trust", caption, "Follow us on Instagram",
                        *PARAGRAPHS[1:], "Share this article"))
    assert body == [PARAGRAPHS[0], caption, *PARAGRAPHS[1:]]


def test_markup_printed_as_text_is_not_body():
    markup = ('<form class="consent-form" action="/consent" method="post"><div class="service-video">'
              '<input type="checkbox" name="allowed" value="video" /> <label for="allowed">Video</label></div></form>')
    body = body_of(page(TITLE, PARAGRAPHS[0], markup, *PARAGRAPHS[1:]))
    assert body == PARAGRAPHS


def test_a_caption_that_credits_its_picture_stays_out_of_the_article():
    caption = "The keepers' cottages at Cape Morrow in the winter of 1979. Photo: Ada Dunmore / Morrow Coastal Trust"
    body = body_of(page(TITLE, PARAGRAPHS[0], "Advertisement", caption, "Follow us on Instagram", *PARAGRAPHS[1:]))
    assert body == PARAGRAPHS


# --- edges of the article: closing tables, comment forms, closing headers -----------------------


def test_a_results_table_right_after_the_last_paragraph_is_kept():
    rows = ["1. Mara Lindqvist (SWE) 1:02.41 (0)", "2. Oona Berg (FIN) +3.7 (1)", "Saturday, 4 March",
            "3. Ilse Moreau (FRA) +11.6 (1)", "4. Katya Orlova (EST) +22.8 (2)"]
    lines = [TITLE, *PARAGRAPHS, *rows, "Back to the list", "Share"]
    assert body_line_mask("\n".join(lines))[5:] == [True] * len(rows) + [False, False]


def test_a_run_of_player_controls_after_the_article_is_not_a_table():
    lines = [TITLE, *PARAGRAPHS, "Play", "1x", "1.25x", "1.5x", "2x", "Share"]
    assert body_line_mask("\n".join(lines))[5:] == [False] * 6


def test_a_twelve_word_comment_notice_ends_the_article_before_the_sidebar():
    # WordPress prints its reply link on the header's line, so the header is no boundary by itself
    form = ["Leave a Reply Cancel reply", "Your email address will not be published. Required fields are marked *",
            "Comment *", "Name *", "Email *", "Website", "Post Comment"]
    sidebar = ["About this blog",
               "This is the blog of a small research group that writes about the history of lighthouses, their "
               "keepers and the coastal communities that depended on them for more than two centuries.",
               "We post twice a month, and we are always glad to hear from readers who have stories, letters or "
               "photographs of the keepers who once lived and worked on this stretch of the coast."]
    assert body_of(page(TITLE, article(), *form, *sidebar)) == PARAGRAPHS


def test_a_question_printed_in_the_contents_and_as_a_subheading_is_kept_as_the_subheading():
    question = "Who will pay for the keepers?"
    text = page(TITLE, "Contents", question, "When do they move in?", PARAGRAPHS[0], question,
                PARAGRAPHS[1], PARAGRAPHS[2])
    assert body_of(text) == [PARAGRAPHS[0], question, PARAGRAPHS[1], PARAGRAPHS[2]]


def test_german_and_spanish_related_headers_close_the_article():
    teaser = ("The coastguard will exercise off the harbour this weekend with three boats and a helicopter, the "
              "agency said on Friday, and it has asked residents to bear with the noise until Sunday evening.")
    for header in ("Mehr zu diesem Thema", "También te puede interesar", "Últimas noticias", "Otras noticias"):
        text = page(TITLE, PARAGRAPHS[0], header, "Coastguard exercise off the harbour", teaser)
        assert body_of(text) == [PARAGRAPHS[0]], header


def test_german_closing_quotes_end_a_sentence():
    line = "„Wir freuen uns auf die neuen Leuchtturmwärter und ihre Führungen im Frühjahr.“"
    assert line_features(line, folded_tokens(line), STOPWORDS["de"]).sentence_end


def test_an_introduction_above_the_article_s_own_table_of_contents_is_kept():
    intro = ("Whether lighthouse keepers are still needed is an old question on this coast, and the trust's "
             "decision to bring two of them back to Cape Morrow has reopened it among fishermen, walkers and "
             "the councillors who will have to find the money once the trust's grant runs out.")
    sections = ["Why the trust wants keepers", "What the keepers will do", "Who pays after 2028",
                "How the keepers will be chosen"]
    contents = ["Contents", *(f"{number}. {section}" for number, section in enumerate(sections, 1))]
    body = [part for section, paragraph in zip(sections, PARAGRAPHS) for part in (section, paragraph)]
    assert [line for line in body_of(page(TITLE, intro, *contents, *body)) if line != "Contents"] == [intro, *body]
