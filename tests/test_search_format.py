"""An index built by an older release (another INDEX_FORMAT) is not trusted: search reports it
unavailable, and `search catch-up` (run by `make run`) rebuilds it."""
from search import indexing


def test_index_of_an_older_format_is_rebuilt_by_catch_up(app, client, runner):
    assert runner.invoke(args=["search", "rebuild"]).exit_code == 0
    assert indexing.exists()
    (indexing.current_dir() / indexing.FORMAT_FILE).write_text("older")
    assert not indexing.exists()
    assert client.get("/healthz").status_code == 503

    result = runner.invoke(args=["search", "catch-up"])
    assert result.exit_code == 0 and "Built the index" in result.output
    assert indexing.exists()
    assert client.get("/healthz").status_code == 200
