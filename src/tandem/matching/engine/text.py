"""Text fit: German/English normalisation, concept detection and lexical similarity.

Two signals, both computed from installed packages only (numpy, scipy):

* **Concepts.** Every text is scored against the taxonomy's phrases (labels and synonyms in
  German and English). A phrase is found in a text when the text contains most of the
  phrase's word-internal character 4-grams (weighted by how distinctive each 4-gram is
  among all phrases). Character n-grams make inflections ("zählen"/"zählt"), German
  compounds ("Publikationsmonitoring" contains "monitoring") and spelling variants cheap to
  match; because the phrases of a topic are bilingual, a German need finds an English
  profile through the shared concept. Each found phrase is a human-readable reason.
* **Terms.** TF-IDF over light-stemmed words catches what the taxonomy does not name
  (tools, data sources, local projects) when mentee and mentor use the same words.

Speed comes from working on the vocabulary, not the texts: every distinct token is turned
into n-grams and a stem once, and texts become sparse token-count rows that are multiplied
into n-gram and stem space.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer

if TYPE_CHECKING:  # taxonomy imports needs, which imports normalise from here
    from .taxonomy import Taxonomy

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
# gender forms: Forscher*innen, Mentor:innen, Autor_innen, Kolleg/innen
_GENDER = re.compile(r"[*:_/·]inn?en\b")
_TOKEN = re.compile(r"[a-z0-9]+")

_STOPWORDS_WORDS = (
    "a about above after again all also am an and any are as at be because been before being "
    "below between both but by can could did do does doing down during each few for from "
    "further had has have having he her here hers herself him himself his how i if in into is "
    "it its itself just me more most my myself no nor not now of off on once only or other "
    "our ours ourselves out over own same she should so some such than that the their theirs "
    "them themselves then there these they this those through to too under until up very was "
    "we were what when where which while who whom why will with would you your yours yourself "
    "want wants like would need needs much many way ways get new aber alle allem allen aller "
    "alles als also am an ander andere anderem anderen anderer anderes auch auf aus bei bin "
    "bis bist da damit dann das dass dein deine dem den der des dessen dich die dies diese "
    "diesem diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines "
    "einig einige er es etwas euer eure fuer gegen gewesen hab habe haben hat hatte hatten "
    "hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist "
    "jede jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann kein keine keinem "
    "keinen keiner koennen koennte machen man manche mein meine meinem meinen meiner meines "
    "mich mir mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine "
    "seinem seinen seiner seines selbst sich sie sind so solche soll sollte sondern sonst um "
    "und uns unser unsere unserem unseren unserer unter viel viele vom von vor waehrend war "
    "waren warum was weg weil weiter welche welchem welchen welcher welches wenn wer werde "
    "werden wie wieder will wir wird wirst wo wollen wollte wuerde wuerden zu zum zur zwar "
    "zwischen moechte moechten gerne mehr neue neuen neuer wird "
)
STOPWORDS = frozenset(_STOPWORDS_WORDS.split())

GRAM = 4
# a phrase counts as found above this coverage; concept scores ramp between LO and HI
PHRASE_FOUND = 0.72
RAMP_LO, RAMP_HI = 0.55, 0.90
_SUFFIXES = (
    "ungen",
    "heiten",
    "keiten",
    "ionen",
    "ung",
    "heit",
    "keit",
    "ions",
    "ion",
    "ings",
    "ing",
    "ern",
    "en",
    "er",
    "es",
    "ed",
    "e",
    "s",
)


@lru_cache(maxsize=1 << 14)
def normalise(text: str) -> str:
    """Lower case, umlauts folded (ä -> ae, ß -> ss), accents dropped, gender forms cut.

    Cached: a text and its clauses are normalised by several steps (tokens, negation,
    outside needs, vagueness), about ten calls per text of a round.
    """
    t = text.casefold().translate(_FOLD)
    if not t.isascii():
        t = unicodedata.normalize("NFKD", t)
        t = "".join(ch for ch in t if not unicodedata.combining(ch))
    return _GENDER.sub("", t)


def tokens(text: str) -> list[str]:
    """Content tokens of a text (normalised, stopwords removed)."""
    out = []
    for tok in _TOKEN.findall(normalise(text)):
        if tok in STOPWORDS:
            continue
        if len(tok) >= 9 and tok.endswith("innen"):  # Binnen-I: AutorInnen -> autor
            tok = tok[:-5]
        out.append(tok)
    return out


def stem(token: str) -> str:
    """Light stemming: strip one common German/English suffix (compounds stay distinct)."""
    for suf in _SUFFIXES:
        if len(token) - len(suf) >= 4 and token.endswith(suf):
            return token[: -len(suf)]
    return token


def surface_forms(text: str, words: list[str]) -> list[str]:
    """Each word as written in the text (umlauts, case) for a normalised token, if found;
    the text is read once."""
    wanted = set(words)
    found: dict[str, str] = {}
    for raw in re.findall(r"\w+", text):
        if len(found) == len(wanted):
            break
        key = normalise(raw)
        if key in wanted:
            found.setdefault(key, raw)
    return [found.get(w, w) for w in words]


#: shortest part of a compound ("fonds", "daten", "kosten")
MIN_PART = 4
_LINKS = ("", "s", "es", "n", "en", "e")


def split_compound(word: str, lexicon: set[str] | frozenset[str]) -> list[str]:
    """Parts of a German compound whose stems are in the lexicon (a set of stems), e.g.
    publikationsfonds -> publikation, fonds. The split with the longest known head and a
    known tail counts; nothing for a word that is not a compound of known words."""
    if len(word) < 2 * MIN_PART:
        return []
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, tail = word[:cut], word[cut:]
        if stem(tail) not in lexicon:
            # the tail itself may be a compound ("publikationskostenmonitoring")
            if len(tail) >= 2 * MIN_PART and cut <= len(word) - 2 * MIN_PART:
                inner = split_compound(tail, lexicon)
                if not inner:
                    continue
                tail_parts = inner
            else:
                continue
        else:
            tail_parts = [tail]
        for link in _LINKS:
            if link and not head.endswith(link):
                continue
            base = head[: len(head) - len(link)] if link else head
            if len(base) >= MIN_PART and stem(base) in lexicon:
                return [base, *tail_parts]
    return []


def grams(token: str) -> list[str]:
    padded = f"_{token}_"
    if len(padded) <= GRAM:
        return [padded]
    return [padded[i : i + GRAM] for i in range(len(padded) - GRAM + 1)]


@dataclass
class Phrase:
    text: str
    topic: int  # index into the taxonomy


class _Vocabulary:
    """Distinct tokens seen so far, with their n-grams and stems computed once."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.words: list[str] = []

    def ids(self, toks: list[str]) -> list[int]:
        index = self.index
        out = []
        for t in toks:
            i = index.get(t)
            if i is None:
                i = index[t] = len(self.words)
                self.words.append(t)
            out.append(i)
        return out


def _count_matrix(rows: list[list[int]], n_cols: int) -> sp.csr_matrix:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.fromiter((i for r in rows for i in r), dtype=np.int32, count=int(indptr[-1]))
    data = np.ones(len(indices), dtype=np.float32)
    m = sp.csr_matrix((data, indices, indptr), shape=(len(rows), n_cols))
    m.sum_duplicates()
    return m


@dataclass
class TextFeatures:
    """Analysed texts of one side (mentees or mentors)."""

    concepts: np.ndarray  # (n, topics) float32 in [0, 1]
    coverage: sp.csr_matrix  # (n, phrases) phrase coverage >= PHRASE_FOUND, else absent
    terms: sp.csr_matrix  # (n, stems) l2-normalised TF-IDF


class TextModel:
    """Analyses mentee and mentor texts against one taxonomy."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.phrases: list[Phrase] = [
            Phrase(p, ti) for ti, t in enumerate(taxonomy.topics) for p in t.phrases if p
        ]
        self.gram_index: dict[str, int] = {}
        rows: list[list[int]] = []
        for ph in self.phrases:
            gs = sorted({g for tok in tokens(ph.text) for g in grams(tok)})
            rows.append([self.gram_index.setdefault(g, len(self.gram_index)) for g in gs])
        binary = _count_matrix(rows, len(self.gram_index))
        binary.data[:] = 1.0
        # a gram shared by many phrases says little about which phrase (and topic) it is
        df = np.asarray(binary.sum(axis=0)).ravel()
        idf = np.log((1 + len(rows)) / (1 + df)) + 1.0
        weighted = binary.multiply(idf[None, :]).tocsr()
        norm = np.asarray(weighted.sum(axis=1)).ravel()
        norm[norm == 0] = 1.0
        self.phrase_grams = sp.csr_matrix(sp.diags(1.0 / norm) @ weighted, dtype=np.float32)
        self.phrase_topic = sp.csr_matrix(
            (
                np.ones(len(self.phrases), dtype=np.float32),
                ([p.topic for p in self.phrases], np.arange(len(self.phrases))),
            ),
            shape=(len(taxonomy), len(self.phrases)),
        )
        self._lexicon = {
            stem(w) for ph in self.phrases for w in tokens(ph.text) if len(w) >= MIN_PART
        }
        self.vocab = _Vocabulary()
        self._g_rows: list[list[int]] = []
        self._s_rows: list[list[int]] = []
        self.stem_index: dict[str, int] = {}
        self.surface: dict[int, str] = {}  # stem id -> a word as written (for explanations)
        self._idf: np.ndarray | None = None

    # -- analysis ---------------------------------------------------------------------------
    def _token_maps(self) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """Token -> phrase-gram (binary) and token -> stem matrices for the vocabulary.

        A German compound maps to its own stem and to the stems of its parts
        ("publikationsfonds" -> publikationsfond, publikation, fond), with the parts found
        in a lexicon of the words seen so far and the taxonomy's phrase words.
        """
        g_rows, s_rows = self._g_rows, self._s_rows  # rows of words already mapped stay
        gi, si = self.gram_index, self.stem_index
        new_words = self.vocab.words[len(g_rows) :]
        if new_words:
            lexicon = self._lexicon | {stem(w) for w in self.vocab.words if len(w) >= MIN_PART}

        def sid_of(word: str) -> int:
            s = stem(word)
            sid = si.get(s)
            if sid is None:
                sid = si[s] = len(si)
                self.surface[sid] = word
            return sid

        for w in new_words:
            g_rows.append([gi[g] for g in set(grams(w)) if g in gi])
            s_rows.append([sid_of(w)] + [sid_of(part) for part in split_compound(w, lexicon)])
        return _count_matrix(g_rows, len(gi)), _count_matrix(s_rows, len(si))

    def analyse_many(self, sides: list[list[str]]) -> list[TextFeatures]:
        """Analyse several groups of texts with one shared term weighting (IDF)."""
        token_rows = [[self.vocab.ids(tokens(t)) for t in texts] for texts in sides]
        tok_gram, tok_stem = self._token_maps()
        n_words = len(self.vocab.words)
        counts = [_count_matrix(rows, n_words) for rows in token_rows]
        stem_counts = [(c @ tok_stem).tocsr() for c in counts]
        all_stems = sp.vstack(stem_counts).tocsr() if stem_counts else None
        tfidf = None
        if all_stems is not None and all_stems.shape[0] and all_stems.shape[1]:
            # sublinear tf, smoothed idf over both sides, l2 rows: scikit-learn's weighting
            tfidf = TfidfTransformer(sublinear_tf=True).fit(all_stems)
        out = []
        for c, sc in zip(counts, stem_counts, strict=True):
            has = (c @ tok_gram).tocsr()
            has.data[:] = 1.0
            cov = (has @ self.phrase_grams.T).toarray()  # (n, phrases)
            ramp = np.clip((cov - RAMP_LO) / (RAMP_HI - RAMP_LO), 0.0, 1.0).astype(np.float32)
            concepts = _max_by_topic(ramp, self.phrase_topic)
            found = np.where(cov >= PHRASE_FOUND, cov, 0.0)
            tf = (
                tfidf.transform(sc).astype(np.float32).tocsr()
                if tfidf is not None
                else sp.csr_matrix(sc.shape, dtype=np.float32)
            )
            out.append(TextFeatures(concepts, sp.csr_matrix(found, dtype=np.float32), tf))
        return out

    def concepts_many(self, texts: list[str]) -> np.ndarray:
        """(len(texts), topics) concept scores, without touching the term weighting."""
        if not texts:
            return np.zeros((0, len(self.taxonomy)), dtype=np.float32)
        rows = [self.vocab.ids(tokens(t)) for t in texts]
        tok_gram, _ = self._token_maps()
        has = (_count_matrix(rows, len(self.vocab.words)) @ tok_gram).tocsr()
        has.data[:] = 1.0
        cov = (has @ self.phrase_grams.T).toarray()
        ramp = np.clip((cov - RAMP_LO) / (RAMP_HI - RAMP_LO), 0.0, 1.0).astype(np.float32)
        return _max_by_topic(ramp, self.phrase_topic)

    def concepts_of(self, text: str) -> dict[str, float]:
        """Concept scores of one text (for tests and debugging)."""
        f = self.analyse_many([[text]])[0]
        return {
            k: float(v) for k, v in zip(self.taxonomy.keys, f.concepts[0], strict=True) if v > 0
        }

    def found_phrases(self, features: TextFeatures, row: int) -> list[tuple[str, str, float]]:
        """(phrase, topic key, coverage) of the phrases found in one analysed text."""
        indices, data = _row(features.coverage, row)
        keys = self.taxonomy.keys
        hits = [
            (self.phrases[j].text, keys[self.phrases[j].topic], float(v))
            for j, v in zip(indices.tolist(), data.tolist(), strict=True)
        ]
        return sorted(hits, key=lambda h: -h[2])

    def shared_terms(
        self, a: TextFeatures, i: int, b: TextFeatures, j: int, limit: int = 5
    ) -> list[str]:
        """Words both texts use, most distinctive first."""
        (a_idx, a_val), (b_idx, b_val) = _row(a.terms, i), _row(b.terms, j)
        common, ia, ib = np.intersect1d(a_idx, b_idx, return_indices=True)
        if len(common) == 0:
            return []
        w = a_val[ia] * b_val[ib]
        order = np.argsort(-w)[:limit]
        return [self.surface[int(common[k])] for k in order]


def _row(matrix: sp.csr_matrix, i: int) -> tuple[np.ndarray, np.ndarray]:
    """Column indices and values of one CSR row (getrow builds a matrix per call: slow)."""
    lo, hi = matrix.indptr[i], matrix.indptr[i + 1]
    return matrix.indices[lo:hi], matrix.data[lo:hi]


def _max_by_topic(values: np.ndarray, phrase_topic: sp.csr_matrix) -> np.ndarray:
    out = np.zeros((values.shape[0], phrase_topic.shape[0]), dtype=np.float32)
    for t in range(phrase_topic.shape[0]):
        cols = phrase_topic.indices[phrase_topic.indptr[t] : phrase_topic.indptr[t + 1]]
        if len(cols):
            out[:, t] = values[:, cols].max(axis=1)
    return out


def term_similarity(a: sp.csr_matrix, b: sp.csr_matrix, rows: slice | None = None) -> np.ndarray:
    """Cosine similarity of TF-IDF rows (dense float32), optionally for a block of a."""
    block = a[rows] if rows is not None else a
    return (block @ b.T).toarray().astype(np.float32, copy=False)
