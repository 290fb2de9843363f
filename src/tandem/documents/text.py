"""Make text safe for fpdf2's core fonts, which only know latin-1."""

import unicodedata

_REPLACEMENTS = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2039": "'", "\u203a": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u2022": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u200b": "",
    "\u0131": "i", "\u0142": "l", "\u0141": "L", "\u0153": "oe", "\u0152": "OE",
    "\u0111": "d", "\u0110": "D", "\u2192": "->",
})
_MULTI = {"\u2026": "...", "\u20ac": "EUR", "\u2122": "(TM)"}


def to_latin1(text: str) -> str:
    """Map typographic quotes, dashes, ellipses and other characters to latin-1.

    Letters with accents outside latin-1 lose the accent (ş → s); anything else
    that still cannot be written becomes "?". The gender star (*) is plain ASCII and
    stays, because the letter is written without fpdf2's markdown mode.
    """
    text = text.translate(_REPLACEMENTS)
    for char, replacement in _MULTI.items():
        text = text.replace(char, replacement)
    result = []
    for char in text:
        try:
            char.encode("latin-1")
        except UnicodeEncodeError:
            stripped = "".join(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
            )
            try:
                stripped.encode("latin-1")
            except UnicodeEncodeError:
                stripped = "?"
            result.append(stripped or "?")
        else:
            result.append(char)
    return "".join(result)
