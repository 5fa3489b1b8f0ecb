"""Named SPARQL questions (the ``.rq`` files beside this module) and the code that runs them."""
