"""The import pipeline: raw text files in, attributed statements out.

Every stage is a pure function over plain data, so each can be tested on a fragment of real
input without a database. The chain, in the order :func:`pipeline.parse_document` runs it:

1. ``normalize``  bytes → text → paragraphs that remember their place in the raw text
2. ``body``       drop page boilerplate and the comment section
3. ``turns``      labelled or dashed transcripts → question/answer turns
4. ``quotes``     articles → quotations and who said them
5. ``speakers``   names, labels and titles → curated or new speakers;
   ``principal``  who the document is about, and where the reposting blogger speaks
6. ``topics``     statement text → taxonomy topics, with the terms that matched
7. ``metadata``   title, outlet and date, only when the text states them

``duplicates`` tells reposted copies of one quote apart from different statements. ``store`` is
the one module that writes the result to PostgreSQL; ``files`` reads the disk, ``ahead`` reads and
parses the next files in a process of its own while the current one is stored, ``records`` prints
the dry run's JSON lines.
"""
