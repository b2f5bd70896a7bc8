"""Reports: a view-model computed in Python, laid out by sandboxed Jinja templates (the only user of Jinja)."""
