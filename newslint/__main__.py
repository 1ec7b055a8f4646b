"""``python -m newslint`` runs the command-line interface."""
from newslint.cli import main

raise SystemExit(main())
