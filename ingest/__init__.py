"""rankledger data layer: canonical records, sources, model identity, warehouse, ingest runner."""
