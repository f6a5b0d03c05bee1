"""Thin views, one small class per page in the style of SayIt (StatementDetail, DocumentDetail, ...).

Every page has a JSON twin at the same URL with ``?format=json`` (see ``base.JSONTwinMixin``); search
logic (parameters, facets, counts, results) lives in ``archive.search``.
"""

from archive.views.browse import SpeakerDetail, SpeakerList, TopicDetail, TopicList
from archive.views.documents import DocumentDetail
from archive.views.home import Home
from archive.views.statements import StatementDetail, StatementSearch
from archive.views.verify import StatementVerify

__all__ = [
    "DocumentDetail",
    "Home",
    "SpeakerDetail",
    "SpeakerList",
    "StatementDetail",
    "StatementSearch",
    "StatementVerify",
    "TopicDetail",
    "TopicList",
]
