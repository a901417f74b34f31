"""The project's stop-word lists, in one place for every stage. Each is the list its models
were trained and tuned with, so they are kept apart by name rather than merged (merging them
would move the story, stance and alignment figures, and mean retraining those models).

- PROSE_STOP_WORDS: per language, to tell running prose from headlines and menus (clean);
- ALIGNMENT_STOP_WORDS: words that say nothing about which proposition a sentence states
  (judge/align.py);
- STANCE_STOP_WORDS: the article stance model's (judge/stance_features.py, stance_model.npz).

Story clustering uses scikit-learn's English list (cluster/similarity.py), as it was trained.
"""
from __future__ import annotations

# Compact stop-word lists: enough to tell running prose from headlines and menus, which are
# made of content words. Prose in these languages has roughly a third of its tokens here.
PROSE_STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "a about above after again against all also am an and any are as at be because been before being "
        "below between both but by can could did do does doing down during each few for from further had has "
        "have having he her here hers him his how i if in into is it its itself just me more most my no nor not "
        "now of off on once only or other our out over own same she should so some such than that the their "
        "them then there these they this those through to too under until up very was we were what when where "
        "which while who whom why will with would you your said says its it's he's she's they're there's "
        "according told since though however would could must may might".split()
    ),
    "de": frozenset(
        "der die das den dem des ein eine einen einem einer eines und oder aber nicht ist sind war waren wird "
        "werden wurde wurden hat haben hatte hatten sich mit von zu zum zur im in auf aus bei nach für über unter "
        "vor durch gegen ohne um als auch noch schon nur so wie wenn dass er sie es wir ihr ich man sein seine "
        "ihre ihren dieser diese dieses am an bis doch kein keine mehr sehr sagte soll sollen kann können".split()
    ),
    "es": frozenset(
        "el la los las un una unos unas y o pero no es son fue era ser está están ha han había de del al a en "
        "con por para sin sobre entre desde hasta que se su sus lo le les como más muy ya también este esta "
        "estos estas ese esa eso cuando donde porque si ni nos mi él ella ellos dijo según".split()
    ),
    "fr": frozenset(
        "le la les un une des du de d l et ou mais ne pas est sont était été être a ont avait avec pour par sur "
        "dans en au aux ce cette ces que qui dont se sa son ses leur leurs il elle ils elles nous vous on plus "
        "très aussi comme si y lui selon".split()
    ),
    "ru": frozenset(
        "и в во не что он на я с со как а то все она так его но да к у же вы за бы по только ее было от еще "
        "нет о из ему когда даже ли если уже или ни быть был была были до там они где есть для мы их чем без "
        "под будет этот того потому этого это при также после который которые заявил".split()
    ),
    "uk": frozenset(
        "і й та в у на не що з із до від для за по про як але це його її їх він вона вони ми ви я бо чи або ще "
        "вже також був була були буде є було який яка які цей ця ці той так лише коли де тому після під через "
        "між без при заявив".split()
    ),
}

# Words that say nothing about which proposition a sentence states.
ALIGNMENT_STOP_WORDS = frozenset(
    """a an the and or but if of to in on at by for with from as into about over after before than then
    that this these those there here it its it's is are was were be been being has have had do does did
    will would shall should can could may might must not no nor so such too very just also only even
    he she they them his her their we our you your i me my us who whom whose which what when where why how
    said says say told tell according reported reports report reporting
    mr mrs ms one two more most other some any all each both own same new""".split()
)

# The article stance model's: its features were trained with exactly these.
STANCE_STOP_WORDS = frozenset(
    "a an the and or but if of to in on at by for with from as is are was were be been being it its this "
    "that these those he she they we you i his her their our your my me him them us has have had do does "
    "did will would can could should may might must shall than then there here what which who whom whose "
    "when where why how all any both each few more most other some such only own same so too very s t just "
    "about after again against also am because before below between during into over under up down out off "
    "once further while until through above said says say".split()
)
