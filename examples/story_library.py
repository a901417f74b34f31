"""Story B, invented and unrelated to the port: Calderwick's library reopens in the Old Customs House.

Three outlets, named sources only, figures that agree ($4.6 million is also written $4.6m),
dated inside the port story's days so that a clusterer has to separate the stories by
content, not by time.
"""

GAZETTE_LIBRARY = dict(
    key="gazette-library",
    outlet="harbour_gazette",
    url="https://www.harbourgazette.example/culture/2025/03/11/old-customs-house-library-reopens-saturday/",
    section="Culture",
    headline="Old Customs House library to reopen on Saturday after $4.6 million renovation",
    standfirst="Central library returns after 18 months, with a children's floor and later opening hours",
    author="Samir Haddad",
    published="2025-03-11T15:00:00+00:00",
    photo=("The reading room of the Old Customs House library.", "Harbour Gazette/Ian Coyle"),
    paragraphs=[
        "Calderwick's central library will reopen in the Old Customs House on Saturday after an "
        "18-month renovation that cost $4.6 million, the city announced on Tuesday.",
        "The work replaced the building's leaking 1890s roof, added a lift and turned the former "
        "bonded warehouse on the ground floor into a children's library.",
        "\"People have been knocking on the windows to ask when they can come back,\" said head "
        "librarian Priya Anand. \"On Saturday the answer is finally: now.\"",
        "The library will hold about 62,000 books when it reopens, Anand said, and will stay open "
        "until 9 p.m. on weekdays, two hours later than before the closure.",
        "Mayor Colm Fitzroy said the renovation had come in under its original budget of $5 million.",
        "Doors open at 10 a.m. on Saturday, with readings for children throughout the day.",
    ],
    tags=["Libraries", "Old Customs House"],
)

BAYLINE_LIBRARY = dict(
    key="bayline-library",
    outlet="bayline_news",
    headline="Library back in the Customs House from Saturday",
    author="Jonas Whitfield",
    published="2025-03-12T08:20:00+00:00",
    photo=("Scaffolding comes down at the Old Customs House.", "Jonas Whitfield/Bayline News"),
    paragraphs=[
        "After 18 months behind scaffolding, the Old Customs House library reopens this Saturday.",
        "The $4.6m renovation fixed the roof that had closed the building in 2023 and created a "
        "children's floor where bonded goods were once stored.",
        "Head librarian Priya Anand said the collection of some 62,000 books had been cleaned and "
        "recatalogued during the closure.",
        "\"It belongs to everyone who grew up here,\" Mayor Colm Fitzroy said of the building. "
        "\"We wanted it back as it was, only dry.\"",
        "Weekday opening hours will run until 9 p.m.",
    ],
)

LEDGER_LIBRARY = dict(
    key="ledger-library",
    outlet="coastal_ledger",
    url="https://coastalledger.example/stories/five-things-library-reopens",
    section="Community",
    headline="Five things to know before the library reopens",
    author="Leila Brandt",
    published="2025-03-12T17:05:00+00:00",
    paragraphs=[
        "The central library returns to the Old Customs House on Saturday, 15 March, after an "
        "18-month closure.",
        "The renovation cost $4.6 million, below the $5 million the council set aside in 2023, "
        "according to figures released by the city.",
        "About 62,000 books are back on the shelves, head librarian Priya Anand said.",
        "A new children's library occupies the ground floor, and a lift now reaches all three floors.",
        "Opening hours are extended to 9 p.m. on weekdays.",
        "\"We wanted it back as it was, only dry,\" said Mayor Colm Fitzroy.",
    ],
)
