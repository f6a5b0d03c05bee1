"""Fixtures for the import pipeline's tests: the curated data and a ready pipeline, built once."""

import pytest

from archive.importer import curated
from archive.importer.pipeline import Pipeline
from archive.importer.speakers import DocumentSpeakers, SpeakerDirectory


@pytest.fixture(scope="session")
def curated_data():
    return curated.load()


@pytest.fixture(scope="session")
def pipeline(curated_data):
    return Pipeline(curated_data)


@pytest.fixture
def speakers(curated_data):
    """A fresh document-scoped resolver over the curated speakers."""
    return DocumentSpeakers(SpeakerDirectory(curated_data.speakers, curated_data.title_words))


@pytest.fixture
def parse(pipeline):
    """Parse a text fragment as if it were a file."""

    def run(text: str, name: str = "fragment.txt"):
        return pipeline.parse(text.encode("utf-8"), name)

    return run
