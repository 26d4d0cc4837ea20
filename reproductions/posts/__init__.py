"""The posts: one folder per topic, named by its claims' id prefix, holding its claims, models, figures and calibrations."""
