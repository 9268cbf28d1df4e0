"""One controller per resource; handlers parse explicit parameters and call one query function."""
