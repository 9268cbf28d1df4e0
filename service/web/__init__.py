"""The dashboard: server-rendered pages at ``/`` and below, built on the same queries as the API.

Home (sources, boards, model search), board (as of a day, intervals, movement), leaders, model
(rank-history chart, standings, claims), compare and claims. Every page links to the API URLs
behind it. Charts are drawn by ``static/rankchart.js`` with the vendored uPlot; the tables are plain
HTML and read without JavaScript.
"""

from service.web._router import dashboard_router, dashboard_templates

__all__ = ("dashboard_router", "dashboard_templates")
