"""``python -m newslint`` runs the command-line interface."""
from newslint.cli import run

run()
