"""The suite's machinery: the registry, measuring and judging claims, calibrations, reports, the CLI. No post-specific code."""
