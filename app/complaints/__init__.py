"""Neutrality complaints (pengaduan netralitas): public and staff intake, Bawaslu's handling, Gakkumdu."""
