"""Output formats as renderers of one statement record (``records``).

- ``records``: the statement serialiser every format reads, and the HTML result lists render;
- ``json``: the JSON twins' shapes;
- ``export``: CSV and JSON lines (a search's CSV, ``export_statements``);
- ``atom``: Atom feeds of a search, a speaker or a topic;
- ``citations``: the ready-to-paste citation, RIS, BibTeX and CSL-JSON.
"""
