"""Workflows created before the Dibatalkan end state existed get it, with its Batalkan transitions.

Only what is missing is added; states and transitions an admin changed stay as they are.
"""

from kpu_dumas.setup.install import add_missing_states


def execute():
	add_missing_states({"Dibatalkan"})
