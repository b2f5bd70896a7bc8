"""The portfolio report's SQL, one query per file, run by DuckDB over the Parquet export (see docs/portfolio.md)."""
