"""Kemendagri regions, TPS and elections: the map everything else is scoped to."""
