"""Staff accounts, roles and the stores each person may work at."""
