"""The Whoosh schema: one document per finding, recommendation, review summary, restricted
review notes and uploaded report.

Tuned per field:
- `text` is stemmed, keeps positions (phrases) and character offsets (so highlighting reads
  the offsets from the postings instead of re-analysing the stored text); all of a document's
  text is indexed but only its first STORED_TEXT_CHARS are stored, the window snippets come from;
- the filter and facet fields are untokenised IDs/keywords that are never scored;
- `date` is a sortable column, so sorting by date never loads stored fields;
- `audience` carries who may see a document ("public", "agency:<id>"): the access filter is
  a plain OR of terms, evaluated inside the query.
Themes and agencies are stored as ids, so renaming one never makes the index stale."""
from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.highlight import DEFAULT_CHARLIMIT

# Bump when the schema, its analyzers or the way documents are built change: an index built by
# another format is treated as missing and rebuilt by `flask --app dhr search catch-up`.
INDEX_FORMAT = "3"
# Whoosh's highlighter looks no further into a text than this.
STORED_TEXT_CHARS = DEFAULT_CHARLIMIT

# Porter2 (Snowball English) rather than Whoosh's default Porter stemmer, which leaves
# "separated" and "separation" apart. Named by language, so the schema pickles cleanly.
TEXT_ANALYZER = RegexTokenizer() | LowercaseFilter() | StopFilter() | StemFilter(lang="en", cachesize=50000)

FACET_FIELDS = ("themes", "review_type", "death_category", "year", "lead_agency", "status", "kind")


def build_schema() -> Schema:
    return Schema(
        key=ID(unique=True, stored=True),  # e.g. "finding:12"
        kind=ID(stored=True),
        entity_id=STORED(),
        review_id=ID(stored=True),  # an ID so that deleting a review's family is one term
        reference=STORED(),
        audience=KEYWORD(commas=True, lowercase=False, scorable=False),
        text=TEXT(analyzer=TEXT_ANALYZER, stored=True, phrase=True, chars=True),
        themes=KEYWORD(commas=True, stored=True, lowercase=False, scorable=False),
        review_type=ID(stored=True),
        death_category=ID(stored=True),
        year=ID(stored=True),
        lead_agency=ID(stored=True),
        status=ID(stored=True),
        date=DATETIME(stored=True, sortable=True),
        title=STORED(),
        digest=STORED(),  # a hash of the indexed fields, compared by `search check`
    )
