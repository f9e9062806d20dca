"""Routing benchmark: instances with real US city coordinates, the three modes, baselines, the offline optimum."""
