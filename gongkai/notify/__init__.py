"""Sending notices: e-mail through Django's mail framework, SMS through a configured gateway."""
