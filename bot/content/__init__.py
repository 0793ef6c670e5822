"""The content base: what staff edit under ``content/``, loaded, checked and rendered."""
