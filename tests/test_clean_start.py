"""A clean start: `flask --app dhr setup` makes the partnership's name, its agencies (from a file
or the command line), the first coordinator's account and the starting themes on an empty
database, all or nothing, and the demo data is never loaded on top of it."""
from __future__ import annotations

import io

from openpyxl import Workbook
from sqlalchemy import func, select

from dhr.data.models import Agency, Review, Theme, User
from dhr.data.starting_themes import STARTING_THEMES
from dhr.extensions import db

PASSWORD = "a long enough passphrase"


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _set_up(runner, *arguments, password: str = PASSWORD):
    return runner.invoke(args=["setup", "--name", "Northshire Community Safety Partnership",
                               "--coordinator", "coordinator@northshire.example", *arguments],
                         input=f"{password}\n")


def test_a_clean_start_from_a_file_of_agencies(app, runner, tmp_path, client):
    listing = tmp_path / "agencies.csv"
    listing.write_text("Agency,Kind\nNorthshire Police,Police\nNorthshire Women's Aid,Specialist domestic abuse "
                       "service\nNorthshire ICB,primary_care\n\nCity Housing,\n")
    result = _set_up(runner, "--agencies", str(listing), "--agency", "National Probation Service=probation")
    assert result.exit_code == 0, result.output
    assert "5 agencies" in result.output and "coordinator coordinator@northshire.example" in result.output
    db.session.expire_all()
    kinds = dict(db.session.execute(select(Agency.name, Agency.kind)).all())
    assert kinds == {"Northshire Police": "police", "Northshire Women's Aid": "specialist_da",
                     "Northshire ICB": "primary_care", "City Housing": "other",
                     "National Probation Service": "probation"}
    assert _count(Theme) == len(STARTING_THEMES) and _count(Review) == 0
    assert db.session.scalar(select(User.role).where(User.email == "coordinator@northshire.example")) == "admin"
    # The coordinator signs in, and every page carries the partnership's name.
    response = client.post("/sign-in", data={"email": "coordinator@northshire.example", "password": PASSWORD})
    assert response.status_code == 302
    assert "Northshire Community Safety Partnership" in client.get("/").get_data(as_text=True)
    # The demo data is never loaded on top of it, whether asked to if empty (as `make run` does) or not.
    assert "set up for real use: no demo data loaded" in runner.invoke(args=["demo", "--if-empty"]).output
    refused = runner.invoke(args=["demo"])
    assert refused.exit_code != 0 and "never loaded" in refused.output
    assert _count(Review) == 0


def test_agencies_from_a_spreadsheet(app, runner, tmp_path):
    book = Workbook()
    sheet = book.active
    for row in [("Name", "Type"), ("Northshire Police", "police"), ("Northshire Children's Trust",
                                                                     "Children's social care")]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    listing = tmp_path / "agencies.xlsx"
    listing.write_bytes(buffer.getvalue())
    result = _set_up(runner, "--agencies", str(listing))
    assert result.exit_code == 0, result.output
    assert sorted(db.session.scalars(select(Agency.kind))) == ["childrens_social_care", "police"]


def test_every_problem_is_reported_by_row_and_nothing_is_saved(app, runner, tmp_path):
    listing = tmp_path / "agencies.csv"
    listing.write_text("Northshire Police,police\n,housing\nNorthshire Women's Aid,refuge\nnorthshire  police,police\n")
    result = _set_up(runner, "--agencies", str(listing), "--agency", "Northshire ICB=icb")
    assert result.exit_code != 0
    for problem in ("Nothing was saved", "Row 2: enter the agency's name",
                    "Row 3: 'refuge' is not a kind of agency", "Row 4: northshire police is listed twice",
                    "--agency Northshire ICB=icb: 'icb' is not a kind of agency"):
        assert problem in result.output, result.output
    assert (_count(Agency), _count(User), _count(Theme)) == (0, 0, 0)


def test_a_weak_password_or_no_agency_saves_nothing(app, runner):
    result = _set_up(runner, "--agency", "Northshire Police=police", password="short")
    assert result.exit_code != 0 and "at least 12 characters" in result.output
    result = _set_up(runner)
    assert result.exit_code != 0 and "List at least one agency" in result.output
    assert (_count(Agency), _count(User), _count(Theme)) == (0, 0, 0)


def test_a_service_already_in_use_is_never_set_up_again(app, runner):
    assert _set_up(runner, "--agency", "Northshire Police=police").exit_code == 0
    again = runner.invoke(args=["setup", "--name", "Another", "--coordinator", "someone@example.org",
                                "--agency", "Other Police=police"], input=f"{PASSWORD}\n")
    assert again.exit_code != 0 and "only made on an empty database" in again.output
    assert _count(User) == 1 and db.session.scalar(select(func.count()).where(Agency.name == "Other Police")) == 0
