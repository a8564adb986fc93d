"""Served pages for browsers: the room page, and the gate both served front ends share."""
