"""rankledger's HTTP layer and CLI: Litestar app, controllers, wire schemas, queries, exporters."""
