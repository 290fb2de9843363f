"""Seeded synthetic rounds of realistic shape, for tests and the benchmark."""

from __future__ import annotations

import numpy as np

from .model import Mentee, Mentor
from .taxonomy import DEFAULT_TAXONOMY, INSTITUTION_TYPES, Taxonomy

TOOLS = (
    "OpenAlex",
    "Scopus",
    "Web of Science",
    "Dimensions",
    "Crossref",
    "Unpaywall",
    "DSpace",
    "OJS",
    "R",
    "Python",
    "Power BI",
    "Excel",
    "Converis",
    "PURE",
    "ORCID",
    "openCost",
    "OA-Monitor",
)
_CITIES_WORDS = (
    "Aachen Augsburg Bamberg Bayreuth Berlin Bielefeld Bochum Bonn Braunschweig Bremen "
    "Chemnitz Darmstadt Dortmund Dresden Duisburg Erfurt Erlangen Flensburg Frankfurt "
    "Freiburg Gießen Göttingen Greifswald Halle Hamburg Hannover Heidelberg Hildesheim "
    "Ilmenau Jena Kaiserslautern Karlsruhe Kassel Kiel Koblenz Köln Konstanz Leipzig Lübeck "
    "Lüneburg Magdeburg Mainz Mannheim Marburg München Münster Oldenburg Osnabrück Paderborn "
    "Passau Potsdam Regensburg Rostock Saarbrücken Siegen Stuttgart Trier Tübingen Ulm Vechta "
    "Weimar Wismar Wuppertal Würzburg Zittau "
)
CITIES = tuple(_CITIES_WORDS.split())
TYPE_PREFIX = {
    "university": "Universitätsbibliothek",
    "university_of_applied_sciences": "Hochschulbibliothek",
    "research_institute": "Bibliothek des Instituts für Forschung",
    "state_library": "Landesbibliothek",
    "other": "Fachbibliothek",
}
FILLER_DE = (
    "Ich arbeite seit einigen Jahren in der Bibliothek.",
    "Der Austausch mit Kolleg*innen anderer Häuser ist mir wichtig.",
    "Bei uns ändert sich gerade viel.",
    "Ich freue mich auf neue Impulse.",
)
FILLER_EN = (
    "I have worked in the library for several years.",
    "Exchange with colleagues from other institutions matters to me.",
    "A lot is changing in our team right now.",
    "I look forward to fresh ideas.",
)


def _institutions(rng: np.random.Generator, count: int) -> list[tuple[str, str, str]]:
    weights = np.array([0.45, 0.30, 0.15, 0.05, 0.05])
    out, seen = [], set()
    while len(out) < count:
        t = INSTITUTION_TYPES[int(rng.choice(len(INSTITUTION_TYPES), p=weights))]
        city = CITIES[int(rng.integers(len(CITIES)))]
        suffix = "" if len(seen) < len(CITIES) else f" {len(out)}"
        name = f"{TYPE_PREFIX[t]} {city}{suffix}"
        if name in seen:
            continue
        seen.add(name)
        size = str(rng.choice(["small", "medium", "large"], p=[0.3, 0.4, 0.3]))
        out.append((name, t, size))
    return out


def _sentence(rng: np.random.Generator, taxonomy: Taxonomy, key: str, lang: str) -> str:
    t = taxonomy.topic(key)
    pool = (t.phrases_de if lang == "de" else t.phrases_en) or (t.label(lang),)
    return str(pool[int(rng.integers(len(pool)))])


def synthetic_round(
    n_mentees: int,
    n_mentors: int,
    seed: int = 0,
    capacity: tuple[int, int] = (1, 2),
    taxonomy: Taxonomy = DEFAULT_TAXONOMY,
) -> tuple[list[Mentee], list[Mentor]]:
    """A round with Zipf-like topic popularity, bilingual texts, paraphrased needs."""
    rng = np.random.default_rng(seed)
    keys = taxonomy.keys
    popularity = 1.0 / np.arange(1, len(keys) + 1) ** 0.8
    popularity = popularity[rng.permutation(len(keys))]
    popularity /= popularity.sum()
    insts = _institutions(rng, max(8, (n_mentees + n_mentors) // 6))

    def languages() -> frozenset[str]:
        u = rng.random()
        return frozenset({"de", "en"} if u < 0.85 else {"de"} if u < 0.95 else {"en"})

    def texts(ks: list[str], lang: str, k: int) -> str:
        parts = [_sentence(rng, taxonomy, key, lang) for key in ks[:k]]
        tools = ", ".join(rng.choice(TOOLS, size=2, replace=False).tolist())
        filler = FILLER_DE if lang == "de" else FILLER_EN
        tool_part = f"Werkzeuge: {tools}." if lang == "de" else f"Tools: {tools}."
        return " ".join([*(p + "." for p in parts), tool_part, str(rng.choice(filler))])

    mentors = []
    for j in range(n_mentors):
        name, itype, size = insts[int(rng.integers(len(insts)))]
        k = int(rng.integers(2, 6))
        ks = [keys[x] for x in rng.choice(len(keys), size=k, replace=False, p=popularity)]
        lang = "de" if rng.random() < 0.8 else "en"
        mentors.append(
            Mentor(
                id=f"M{j:05d}",
                name=f"Mentor {j}",
                institution=name,
                institution_type=itype,
                institution_size=size,
                topics={key: int(rng.integers(1, 4)) for key in ks},
                profile=texts(ks, lang, 3),
                languages=languages(),
                capacity=int(rng.integers(capacity[0], capacity[1] + 1)),
            )
        )
    mentees = []
    for i in range(n_mentees):
        name, itype, size = insts[int(rng.integers(len(insts)))]
        k = int(rng.integers(1, 5))
        ks = [keys[x] for x in rng.choice(len(keys), size=k + 1, replace=False, p=popularity)]
        lang = "de" if rng.random() < 0.8 else "en"
        # the last topic is a need only the text states (in the taxonomy's other words)
        prefs: tuple[str, ...] = ()
        if n_mentors and rng.random() < 0.3:
            picks = rng.choice(n_mentors, size=min(3, n_mentors), replace=False)
            prefs = tuple(f"M{int(x):05d}" for x in picks)
        mentees.append(
            Mentee(
                id=f"E{i:05d}",
                name=f"Mentee {i}",
                institution=name,
                institution_type=itype,
                institution_size=size,
                topics=tuple(ks[:k]),
                expectations=texts(ks[::-1], lang, 2),
                projects=texts(ks, lang, 1),
                languages=languages(),
                preferred_mentors=prefs,
                favoured=rng.random() >= 0.9,
            )
        )
    return mentees, mentors
