"""Story A, invented: the Calderwick Port Authority's reported secret lease of North Quay.

One outlet (the Harbour Gazette) breaks it from two anonymous people; everyone else cites the
Gazette or copies the Tidewire agency's rewrite of it; the port authority denies it; one
outlet drifts the deal's value from $1.2 billion to $1.5 billion. examples/README.md gives
the reading a correct pipeline should arrive at.

Each article is a plain dict so generate.py can render it in any format; `links` maps a phrase
of a paragraph to the URL it links to in HTML renderings.
"""

GAZETTE_BREAK_URL = (
    "https://www.harbourgazette.example/news/2025/03/10/port-authority-north-quay-lease-halvard-line/"
)

GAZETTE_BREAK = dict(
    key="gazette-break",
    outlet="harbour_gazette",
    url=GAZETTE_BREAK_URL,
    section="News",
    headline="Port authority secretly agreed to lease North Quay to Halvard Line for 40 years",
    standfirst="Board approved $1.2 billion deal in a closed session, people familiar with the matter say",
    author="Carys Penhale",
    published="2025-03-10T06:30:00+00:00",
    photo=("Cranes on the North Quay container terminal at dusk.", "Harbour Gazette/Ian Coyle"),
    paragraphs=[
        "The Calderwick Port Authority has agreed to lease the North Quay container terminal to "
        "Halvard Line Logistics for 40 years, according to two people familiar with the matter, "
        "in a deal that has not been announced to the public or to the city council.",
        "The board approved the lease, worth $1.2 billion over its term, at a closed session on "
        "6 March, the two people said. They spoke on condition of anonymity because they were not "
        "authorised to discuss the board's deliberations.",
        "Under the agreement, the 340 dockworkers now employed at the terminal would be transferred "
        "to a Halvard subsidiary, Halvard Stevedoring, one of the people said. The vote does not "
        "appear in the minutes the authority published on Friday.",
        "The North Quay stretches 1.8 miles (about 2.9 km) along the Calder estuary and is the "
        "largest of the port's three container terminals.",
        "A spokesperson for Halvard Line Logistics did not confirm or deny the agreement, saying "
        "the company \"does not comment on commercial negotiations.\"",
        "The Calderwick Port Authority did not respond to repeated requests for comment before "
        "publication.",
        "Dana Whitlock, who chairs the city council's transport committee, said she had not been "
        "told of any lease. \"If the port is being signed away, the council should hear it from "
        "the board, not from a newspaper,\" she said.",
        "The Gazette has reviewed the minutes the authority published over the past twelve months "
        "and found no reference to Halvard Line.",
    ],
    tags=["Port of Calderwick", "North Quay", "Halvard Line"],
)

EVENING_POST_ECHO = dict(
    key="evening-post-echo",
    outlet="evening_post",
    url="https://eveningpost.example/news/port-authority-reportedly-agreed-north-quay-lease-1147",
    headline="Port authority reportedly agreed to lease North Quay, Gazette says",
    summary="The Calderwick Port Authority has reportedly agreed a 40-year lease of the North Quay "
    "terminal with Halvard Line, according to the Harbour Gazette.",
    author="Owen Brack",
    published="2025-03-10T10:15:00+00:00",
    paragraphs=[
        "The Calderwick Port Authority has reportedly agreed to lease the North Quay container "
        "terminal to Halvard Line Logistics for 40 years, the Harbour Gazette reported on Monday.",
        "Citing two people familiar with the matter, the Gazette said the board approved the "
        "$1.2 billion lease at a closed session last Thursday. The Evening Post has not seen the "
        "agreement.",
        "According to the Gazette, the 340 dockworkers at the terminal would move to a Halvard "
        "subsidiary.",
        "The port authority did not immediately respond to a request for comment on Monday "
        "morning. Halvard Line declined to comment.",
        "Councillor Dana Whitlock told the Evening Post she would ask the port's chief executive "
        "to appear before the transport committee this week.",
        "The North Quay terminal opened in 1987 and handles most of the port's container traffic.",
    ],
    links={"the Harbour Gazette reported on Monday": GAZETTE_BREAK_URL},
)

# The agency's copy, republished by two outlets: Northshore Daily runs all of it, the Riverside
# Courier trims the last paragraph. Curly quotes and the accented name make the windows-1252
# rendering at Northshore differ byte-wise from UTF-8.
TIDEWIRE_BODY = [
    "CALDERWICK, March 10 (Tidewire) \u2013 The Calderwick Port Authority has allegedly agreed "
    "to hand its North Quay container terminal to Halvard Line Logistics under a 40-year lease, "
    "the Harbour Gazette reported on Monday, citing two people familiar with the matter.",
    "The lease is worth $1.2 billion over its term, the newspaper said. Tidewire could not "
    "independently verify the report.",
    "The Gazette said the authority\u2019s board approved the deal at a closed session on March 6 "
    "and that 340 dockworkers would be transferred to a Halvard subsidiary.",
    "The port authority did not reply to a request for comment. A Halvard Line spokesperson said "
    "the company did not comment on commercial negotiations.",
    "\u201cWe found out from a newspaper, like everybody else,\u201d said Tom\u00e1s Ferreira, "
    "secretary of the Calderwick Dockers\u2019 Union, which represents most of the terminal\u2019s "
    "workers. He said the union would seek a meeting with the authority\u2019s chief executive, "
    "Anders Pell.",
    "The North Quay stretches 1.8 miles (about 2.9 km) along the Calder estuary and opened in 1987.",
    "Shares in Halvard Holdings, the logistics group\u2019s listed parent, rose 3.1% in afternoon "
    "trading.",
]

NORTHSHORE_WIRE = dict(
    key="northshore-wire",
    outlet="northshore_daily",
    url="http://www.northshoredaily.example/article.php?id=20250310-0412",
    section="Business",
    headline="Port authority said to hand North Quay to Halvard Line in 40-year lease",
    author="Lena Okafor",
    byline="By Lena Okafor, Tidewire",
    published="2025-03-10T14:05:00+00:00",
    paragraphs=TIDEWIRE_BODY,
)

RIVERSIDE_WIRE = dict(
    key="riverside-wire",
    outlet="riverside_courier",
    headline="Report: North Quay terminal to be leased for 40 years",
    author=None,
    byline="From Tidewire",
    published="2025-03-10T14:40:00+00:00",
    paragraphs=TIDEWIRE_BODY[:-1],
    signoff="(Reporting by Lena Okafor; editing by Paul Maddox)",
    photo=("The North Quay terminal, Calderwick.", "Riverside Courier archive"),
)

LEDGER_DRIFT = dict(
    key="ledger-drift",
    outlet="coastal_ledger",
    url="https://coastalledger.example/stories/north-quay-deal-what-we-know",
    headline="North Quay deal: what we know about the reported Halvard lease",
    author="Felix Amundsen",
    published="2025-03-10T18:20:00+00:00",
    paragraphs=[
        "The Calderwick Port Authority allegedly agreed to lease the North Quay terminal to "
        "Halvard Line Logistics in a $1.5 billion deal, the Harbour Gazette reported on Monday.",
        "The Gazette, citing two unnamed people, said the board approved the 40-year lease in a "
        "closed session on 6 March. Neither the authority nor Halvard Line has confirmed the report.",
        "According to the port's 2024 annual report, the North Quay terminal handled 410,000 "
        "containers last year, more than half of the port's total.",
        "The 340 dockworkers at the terminal would be moved to a Halvard subsidiary, the newspaper "
        "said.",
        "Tom\u00e1s Ferreira of the Calderwick Dockers' Union said the workers had learned of the "
        "plan from the press.",
        "The Ledger will update this article as the story develops.",
    ],
)

BAYLINE_DENIAL = dict(
    key="bayline-denial",
    outlet="bayline_news",
    url="https://baylinenews.example/2025/03/11/port-authority-denies-north-quay-lease-report",
    section="Local",
    headline="Port authority denies North Quay lease report: 'This is pure invention'",
    author="Ruth Sandoval",
    published="2025-03-11T09:00:00+00:00",
    paragraphs=[
        "The Calderwick Port Authority on Tuesday denied a newspaper report that it had secretly "
        "agreed to lease the North Quay container terminal to Halvard Line Logistics.",
        "\"This is pure invention,\" said Ilse Varga, spokesperson for the Calderwick Port "
        "Authority. \"There is no lease, there has been no vote, and nobody at this authority has "
        "negotiated one with Halvard Line.\"",
        "The Harbour Gazette reported on Monday, citing two people familiar with the matter, that "
        "the authority's board had approved a 40-year lease worth $1.2 billion at a closed session "
        "on 6 March. The report was widely repeated by other outlets and by the Tidewire agency.",
        "Varga said the board would publish the full minutes of its 6 March meeting on Friday. She "
        "said the meeting had dealt with dredging contracts and the ageing cranes on the "
        "2.9-kilometre North Quay, not with any lease.",
        "Halvard Line again did not confirm or deny the report on Tuesday.",
        "The Gazette's editor, Niamh Corrigan, said the newspaper stood by its reporting. \"We "
        "checked this story carefully and we stand by every line of it,\" Corrigan said.",
    ],
    links={"The Harbour Gazette reported on Monday": GAZETTE_BREAK_URL},
)

EVENING_POST_DENIAL = dict(
    key="evening-post-denial",
    outlet="evening_post",
    url="https://eveningpost.example/news/port-authority-denies-secret-north-quay-lease-1163",
    headline="Port authority denies secret North Quay lease",
    summary="The Calderwick Port Authority has denied a Harbour Gazette report that it agreed to "
    "lease the North Quay terminal to Halvard Line, with a spokesperson calling the story "
    "'pure invention'. The Gazette says it stands by its reporting.",
    author=None,
    published="2025-03-11T12:30:00+00:00",
    paragraphs=None,  # the feed carries only the summary
)

GAZETTE_FOLLOW_UP = dict(
    key="gazette-follow-up",
    outlet="harbour_gazette",
    url="https://www.harbourgazette.example/news/2025/03/12/council-demands-port-minutes-north-quay/",
    section="News",
    headline="Council demands port minutes as Gazette stands by North Quay report",
    standfirst="Transport committee chair: 'If there is nothing to hide, publish the minutes today'",
    author="Carys Penhale",
    published="2025-03-12T08:00:00+00:00",
    paragraphs=[
        "Calderwick city councillors on Tuesday evening demanded that the port authority publish "
        "the minutes of its 6 March board meeting immediately, after the Gazette reported that the "
        "board had approved a 40-year lease of the North Quay terminal to Halvard Line Logistics.",
        "\"If there is nothing to hide, publish the minutes today, not on Friday,\" said Dana "
        "Whitlock, who chairs the council's transport committee.",
        "The authority has denied the report. Its spokesperson, Ilse Varga, called it \"pure "
        "invention\" on Tuesday and said in a written statement that the story was \"without "
        "foundation.\"",
        "Both people who described the vote to the Gazette reaffirmed their account on Tuesday. One "
        "of them said the lease, worth $1.2 billion, had been approved by a majority of the board, "
        "with two members voting against.",
        "The Gazette stands by its reporting.",
        "The Calderwick Dockers' Union said it would hold a members' meeting on Thursday. Halvard "
        "Line has not commented.",
    ],
    links={"the Gazette reported": GAZETTE_BREAK_URL},
    tags=["Port of Calderwick", "North Quay", "City council"],
)

BAYLINE_UNION = dict(
    key="bayline-union",
    outlet="bayline_news",
    url="https://baylinenews.example/2025/03/12/dockers-union-calls-meeting-north-quay",
    section="Local",
    headline="Dockers' union calls meeting over reported North Quay lease",
    author="Ruth Sandoval",
    published="2025-03-12T11:45:00+00:00",
    paragraphs=[
        "The Calderwick Dockers' Union will hold an emergency members' meeting on Thursday over the "
        "reported lease of the North Quay terminal, its secretary said on Wednesday.",
        "\"Our members deserve the truth before Friday, not after it,\" Tom\u00e1s Ferreira told "
        "Bayline News. He said about 340 of the union's members work at the terminal.",
        "The Harbour Gazette reported on Monday that the port authority had agreed to a 40-year "
        "lease with Halvard Line Logistics. The authority says the report is false and that no "
        "lease exists.",
        "According to Ferreira, the union has asked the authority's chief executive, Anders Pell, "
        "for a meeting but had not received a reply by Wednesday morning.",
        "The authority is due to publish the minutes of its 6 March board meeting on Friday.",
    ],
)

EVENING_POST_COMMITTEE = dict(
    key="evening-post-committee",
    outlet="evening_post",
    url="https://eveningpost.example/news/port-chief-to-face-council-committee-1181",
    headline="Port chief to face council committee on Thursday",
    summary="Anders Pell, chief executive of the Calderwick Port Authority, will answer questions "
    "from the council's transport committee on Thursday about the reported North Quay lease.",
    author="Owen Brack",
    published="2025-03-12T16:10:00+00:00",
    paragraphs=[
        "Anders Pell, chief executive of the Calderwick Port Authority, has agreed to appear before "
        "the city council's transport committee on Thursday, the committee's chair said on "
        "Wednesday.",
        "Dana Whitlock said Pell would be asked whether the authority's board had voted on a lease "
        "of the North Quay terminal, which the Harbour Gazette reported on Monday. The authority "
        "has denied that any lease exists.",
        "\"People want a yes or a no,\" Whitlock said. \"They will get one on Thursday.\"",
        "A port authority spokesperson confirmed that Pell would attend.",
    ],
)
