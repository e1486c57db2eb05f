"""Receivers that keep early warnings fresh when the records they watch change."""
