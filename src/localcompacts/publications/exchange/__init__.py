"""Data exchange: exports (CSV, XLSX, JSON, UN templates), the open-data dump and imports."""
