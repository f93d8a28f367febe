"""Email reports (spec/30-reports.md): one header-driven engine, summaries and asynchronous jobs."""
