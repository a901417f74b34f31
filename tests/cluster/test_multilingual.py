"""`--multilingual`: one algorithm (linkage.py) with USE multilingual, on invented stories."""
from datetime import datetime, timedelta, timezone

from storylens.cluster.api import cluster

DAY0 = datetime(2025, 6, 2, 8, 0, tzinfo=timezone.utc)

# One story, told in four languages: the footbridge over the Velna river in Orlavik collapsed.
BRIDGE = [
    ("en", "Footbridge collapses into the river in Orlavik",
     "A pedestrian bridge over the Velna river in the town of Orlavik collapsed on Monday morning. Two people "
     "were injured and rescuers pulled a cyclist from the water, the mayor said."),
    ("de", "Fußgängerbrücke in Orlavik stürzt in den Fluss",
     "In der Stadt Orlavik ist am Montagmorgen eine Fußgängerbrücke über den Fluss Velna eingestürzt. Zwei "
     "Menschen wurden verletzt, Retter zogen einen Radfahrer aus dem Wasser, sagte der Bürgermeister."),
    ("ru", "В Орлавике пешеходный мост обрушился в реку",
     "В понедельник утром в городе Орлавик обрушился пешеходный мост через реку Велна. Два человека "
     "пострадали, спасатели вытащили из воды велосипедиста, сообщил мэр."),
    ("uk", "В Орлавіку пішохідний міст обвалився в річку",
     "У понеділок вранці в місті Орлавік обвалився пішохідний міст через річку Велна. Двоє людей "
     "постраждали, рятувальники витягли з води велосипедиста, повідомив мер."),
]
# An unrelated story the same day, in two of the languages.
ORCHESTRA = [
    ("en", "City orchestra announces a summer season of free concerts",
     "The Tesmark city orchestra will give twelve free open-air concerts in the park this summer, starting with "
     "a programme of film music in July, its director announced."),
    ("de", "Stadtorchester kündigt kostenlose Sommerkonzerte an",
     "Das Stadtorchester von Tesmark gibt in diesem Sommer zwölf kostenlose Freiluftkonzerte im Park, beginnend "
     "mit Filmmusik im Juli, teilte sein Dirigent mit."),
]


def records(story, prefix, with_language=True):
    made = []
    for k, (language, title, text) in enumerate(story):
        record = {"id": f"{prefix}-{language}", "title": title, "text": text,
                  "published": (DAY0 + timedelta(hours=k)).isoformat()}
        if with_language:
            record["language"] = language
        made.append(record)
    return made


def test_one_story_in_four_languages_meets_and_an_unrelated_one_stays_apart():
    story = {a.id: a.story for a in cluster(records(BRIDGE, "b") + records(ORCHESTRA, "o"), multilingual=True)}
    assert story["b-en"] == story["b-de"] == story["b-ru"] == story["b-uk"]
    assert story["o-en"] == story["o-de"] != story["b-en"]


def test_languages_not_given_are_detected():
    story = {a.id: a.story for a in cluster(records(BRIDGE, "b", with_language=False)
                                            + records(ORCHESTRA, "o", with_language=False), multilingual=True)}
    assert len({story["b-en"], story["b-de"], story["b-ru"], story["b-uk"]}) == 1
    assert story["o-en"] != story["b-en"]


def test_without_multilingual_the_languages_stay_apart():
    # The English model compares words and English embeddings: no reason to meet across scripts.
    story = {a.id: a.story for a in cluster(records(BRIDGE, "b"))}
    assert story["b-ru"] != story["b-en"]
