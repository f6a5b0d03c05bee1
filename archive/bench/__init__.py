"""``make bench``: search measured on a synthetic archive of a million statements (docs/benchmarks.md).

- ``vocabulary``, ``corpus``: the seeded archive: speakers, topics, documents and statement text;
- ``load``: the archive into its own database with parallel COPY, search tables included;
- ``measure``: whole pages through Django's test client, round-robin, p50 and p95;
- ``interviews``: import throughput on generated interview-shaped texts, through the import command;
- ``engine``: the same query mix on tantivy, the yardstick;
- ``database``: the benchmark's database, never the app's.
"""
