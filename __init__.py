"""cyberkg: a knowledge graph of the Council of Europe's work against cybercrime."""

__version__ = "0.1.0"
