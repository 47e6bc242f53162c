"""An index built by an older release (another INDEX_FORMAT) is not trusted: search reports it
being rebuilt and builds it in the background, and `search catch-up` (run by `make run`)
rebuilds it too."""
from search import host, indexing


def test_index_of_an_older_format_is_rebuilt_by_catch_up(app, client, runner):
    assert runner.invoke(args=["search", "rebuild"]).exit_code == 0
    assert indexing.exists()
    (indexing.current_dir() / indexing.FORMAT_FILE).write_text("older")
    assert not indexing.exists()

    result = runner.invoke(args=["search", "catch-up"])
    assert result.exit_code == 0 and "Built the index" in result.output
    assert indexing.exists()
    assert client.get("/healthz").json == {"status": "ok"}


def test_index_of_an_older_format_is_not_trusted_and_is_rebuilt_in_the_background(app, client, runner):
    assert runner.invoke(args=["search", "rebuild"]).exit_code == 0
    (indexing.current_dir() / indexing.FORMAT_FILE).write_text("older")
    old = indexing.current_dir()
    assert client.get("/healthz").json == {"status": "degraded"}
    assert host.wait(app, timeout=60)
    assert indexing.exists() and indexing.current_dir() != old
    assert client.get("/healthz").json == {"status": "ok"}
