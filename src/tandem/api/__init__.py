"""The REST API (/api/v1/): pages for machines, reached with personal API tokens.

A UI app like manage or portal: it reads through the domain apps' selectors, checks the
same permissions (rules.py predicates) and changes state only through their services.
It also owns the tokens themselves (models, services), which the portal's pages manage.
"""
