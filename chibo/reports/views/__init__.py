"""Views of the reports app: dashboards (dashboard.py) and exports (exports.py)."""
