"""Rules of the commendation workflow, council ballots and reward money (pure Python, no Django)."""
