"""The default topic taxonomy: Open Access meets bibliometrics (DESIGN.md §3).

One source for keys and labels: the matching engine's default taxonomy, which also
carries the phrases its text fit recognises. A programme copies these rows into its
own Topic table when it is created and can change, add or remove topics afterwards.
"""

from tandem.matching.engine.taxonomy import DEFAULT_TAXONOMY

DEFAULT_TOPICS: list[tuple[str, str, str]] = [
    (topic.key, topic.label_de, topic.label_en) for topic in DEFAULT_TAXONOMY.topics
]
