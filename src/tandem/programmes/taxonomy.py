"""The default topic taxonomy: Open Access meets bibliometrics (DESIGN.md §3).

Labels are data: a programme copies these rows into its own Topic table when it
is created and can change, add or remove topics afterwards.
"""

DEFAULT_TOPICS: list[tuple[str, str, str]] = [
    ("open_access_strategy", "Open-Access-Strategie", "Open Access strategy"),
    ("publication_funds", "Publikationsfonds", "Publication funds"),
    ("oa_agreements", "Open-Access-Verträge und Transformationsverträge", "OA and transformative agreements"),
    ("publication_monitoring", "Publikationsmonitoring", "Publication monitoring"),
    ("bibliometric_analysis", "Bibliometrische Analysen", "Bibliometric analysis"),
    ("bibliometrics_consulting", "Publikations- und Bibliometrieberatung", "Publication and bibliometrics consulting"),
    ("responsible_metrics", "Verantwortungsvoller Umgang mit Metriken (DORA, Leiden Manifesto)", "Responsible metrics (DORA, Leiden Manifesto)"),
    ("research_reporting", "Forschungsberichterstattung", "Research reporting"),
    ("author_identity", "Autor*innen-Identität (ORCID) und Identitätsmanagement", "Author identity (ORCID) and identity management"),
    ("data_sources", "Datenquellen (Web of Science, Scopus, OpenAlex …)", "Data sources (Web of Science, Scopus, OpenAlex …)"),
    ("repository_publishing", "Repositorien und Zweitveröffentlichung", "Repositories and secondary publishing"),
    ("diamond_oa", "Diamond Open Access und Publikationsdienste", "Diamond Open Access and publishing services"),
    ("open_science_services", "Open-Science-Dienste (z. B. Open Library Badge)", "Open science services (e.g. Open Library Badge)"),
    ("service_design", "Konzeption von Dienstleistungen", "Service design"),
    ("strategy_communication", "Strategie und Kommunikation in der eigenen Einrichtung", "Strategy and communication in one's own institution"),
    ("tools_programming", "Werkzeuge und Programmierung (R, Python, APIs)", "Tools and programming (R, Python, APIs)"),
    ("small_library_allround", "Allround-Aufgaben an kleinen Bibliotheken", "All-round tasks at small libraries"),
    ("leadership", "Führung und Teamentwicklung", "Leadership and team development"),
]
