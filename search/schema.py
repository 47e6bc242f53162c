"""The Whoosh schema: one document per finding, recommendation, review summary and report."""
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import BOOLEAN, DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

TEXT_ANALYZER = StemmingAnalyzer()


def build_schema() -> Schema:
    return Schema(
        key=ID(unique=True, stored=True),  # e.g. "finding:12"
        kind=ID(stored=True),
        entity_id=NUMERIC(stored=True, numtype=int),
        review_id=NUMERIC(stored=True, numtype=int),
        reference=ID(stored=True),
        published=BOOLEAN(stored=True),
        panel_agencies=KEYWORD(commas=True, lowercase=False),
        text=TEXT(analyzer=TEXT_ANALYZER, stored=True, phrase=True),
        themes=KEYWORD(commas=True, stored=True, lowercase=False),
        review_type=ID(stored=True),
        death_category=ID(stored=True),
        year=NUMERIC(stored=True, numtype=int),
        lead_agency=ID(stored=True),
        status=ID(stored=True),
        date=DATETIME(stored=True, sortable=True),
        title=STORED(),
    )
