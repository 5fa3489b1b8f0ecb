"""Reference data: countries, conventions, organisations, regions and projects, as Turtle files."""
