"""Pictures of the graph: interactive pages, network measures, exports and timelines.

Two pure steps, each its own module: the built graph's rows (named ``viz-*`` queries) become a
networkx graph keyed by RDF terms (:mod:`.network`), a view of it is chosen (:mod:`.views`), then
drawn or written (:mod:`.page`, :mod:`.picture`, :mod:`.timeline`, :mod:`.export`) or measured
(:mod:`.analyze`). Nothing here prints; heavy imports (networkx, pyvis, matplotlib) happen inside
the functions that need them.
"""
