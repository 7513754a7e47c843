"""Geoparsing accuracy on LGL, local US news (../shared/eval/lgl), scored as Gritta et al. do.

    python benchmarks/geo_lgl.py [--limit N] [--gold-spans|--spans-only] [--misses FILE]

Same scoring as ``benchmarks/geo_geowebnews.py`` (end to end; a gold place factwire did
not find or did not resolve counts as 20,039 km off; accuracy within 161 km, mean and
median error, AUC; population baseline beside it). The gold set is every toponym of
lgl.xml with a GeoNames tag (4,462; the 626 without one are left out, as in Gritta et al.
2018). "Types" here are GeoNames feature codes of the gold place (PPL, ADM1, PCLI...).

The outlet's country: the country-code domain of the article's URL where it has one
(".co.uk" -> GB, ".ru" -> RU, ".ca" -> CA: 78 of the 588 articles), else US, because the
corpus's README says it is local US news (Lieberman et al. collected US local papers); no
outlet's town or state is given. ``--no-outlet`` leaves the outlet's country out.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.geo_geowebnews import SHARED, GoldPlace, arguments, run  # noqa: E402
from factwire.geo.outlet import url_country  # noqa: E402

CORPUS_COUNTRY = "US"  # the README: local US news


def read_lgl(path: Path) -> tuple[list[str], list[GoldPlace], list[str]]:
    """Article texts, every toponym with a GeoNames tag (typed by its feature code), and
    each article's outlet country (module docstring)."""
    root = ET.parse(path).getroot()
    texts, gold, countries = [], [], []
    for number, article in enumerate(root.iter("article")):
        texts.append(article.findtext("text") or "")
        countries.append(url_country(article.findtext("url")) or CORPUS_COUNTRY)
        for toponym in article.iter("toponym"):
            tag = toponym.find("gaztag")
            if tag is None or tag.findtext("lat") is None:
                continue
            gold.append(GoldPlace(number, int(toponym.findtext("start")),
                                  int(toponym.findtext("end")), toponym.findtext("phrase"),
                                  float(tag.findtext("lat")), float(tag.findtext("lon")),
                                  _kind(tag.findtext("fcode") or "?")))
    return texts, gold, countries


def _kind(fcode: str) -> str:
    """GeoNames feature codes folded into a few kinds (PPLA2 -> PPL)."""
    if fcode.startswith("PPL"):
        return "PPL (populated place)"
    if fcode.startswith("PCL"):
        return "PCL (country)"
    if fcode in ("ADM1", "ADM2"):
        return fcode
    return "other"


def main() -> int:
    args = arguments(__doc__.splitlines()[0])
    path = SHARED / "eval" / "lgl" / "lgl.xml"
    if not path.exists():
        print(f"{path} is absent: this benchmark needs the project's ../shared data",
              file=sys.stderr)
        return 2
    texts, gold, countries = read_lgl(path)
    return run(texts, gold, args, countries)


if __name__ == "__main__":
    sys.exit(main())
