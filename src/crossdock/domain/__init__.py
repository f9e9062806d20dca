"""Pure domain: no Django, no I/O, no clock. Time is passed in."""
