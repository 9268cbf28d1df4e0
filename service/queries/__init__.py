"""Read-only queries against a published warehouse generation; each returns wire Structs."""
