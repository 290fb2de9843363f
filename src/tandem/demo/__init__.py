"""A realistic demo round modelled on the pilot in the seed article (Nov 2022 – Apr 2023).

Everything is created with get-or-create on natural keys, so building a stage
twice, or a later stage after an earlier one, never duplicates anything.
"""
