"""Stage `clean`: raw documents → articles (body, title, author, date, outlet, language).

documents.py drives it; html.py and textdump.py clean the two kinds of page; metadata.py
normalises dates and outlets; duplicates.py recognises exact copies.
"""
