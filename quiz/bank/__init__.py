"""Banks: reading a file, safe YAML with positions, the JSON Schema and semantic checks, the frozen model."""
