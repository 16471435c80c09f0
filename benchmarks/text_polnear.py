"""PolNeAR scoring for benchmarks/text_quality.py: attributions found, and who made them.

PolNeAR (github.com/networkdynamics/PolNeAR, CC BY-SA 4.0) annotates every attribution
in 1,008 US election articles as brat standoff: a Source, a Cue and a Content span per
relation. Some articles were annotated twice; the first annotation (by file name) is
the gold here, so each article counts once.

- A statement **matches** a gold attribution when at least half of the shorter of the
  two spans (the statement's content, the gold content) overlaps the other.
- **precision**: statements that match some gold attribution, over all statements.
- **recall direct**: gold attributions whose content is a quotation (at least half of it
  lies inside quotation marks, doubled apostrophes ''like these'' included) that some
  statement matches.
- **recall say**: gold attributions whose cue is a form of "say" that some statement matches.
- **speaker**: over matched attributions with a gold source, the statement's speaker or
  mention shares a word (other than an article) with the gold source; a pronoun source
  is right only when the statement's mention is that pronoun: the gold does not say
  whom it stands for, so a speaker resolved to the right name counts as wrong there.
  The figure is also given over sources that are not pronouns.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Gold", "read_ann", "score_polnear"]

_PRONOUN = re.compile(r"^(?:he|she|they|it|i|we|you|who)$", re.IGNORECASE)
_SAY = re.compile(r"^(?:say|says|said|saying)$", re.IGNORECASE)
_STOP = frozenset({"the", "a", "an", "of", "'s", "\u2019s"})
_QUOTES = "\u201c\u201d\"\u2018\u2019'"


@dataclass
class Gold:
    """One annotated attribution: its content span(s), source text, cue text."""

    content: list[tuple[int, int]]
    source: str = ""
    cue: str = ""
    source_spans: list[tuple[int, int]] = field(default_factory=list)


def _spans(field_: str) -> list[tuple[int, int]]:
    out = []
    for piece in field_.split(";"):
        a, b = piece.split()
        out.append((int(a), int(b)))
    return out


def read_ann(path: Path) -> list[Gold]:
    """The attributions of one brat file (relations ``E`` over ``T`` spans)."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 3:
            kind, _, where = cols[1].partition(" ")
            spans[cols[0]] = (kind, _spans(where), cols[2])
        elif line.startswith("E") and len(cols) >= 2:
            args = dict(a.split(":", 1) for a in cols[1].split() if ":" in a)
            relations.append(args)
    golds = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        if content is None:
            continue
        source = spans.get(rel.get("Source", ""))
        cue = spans.get(rel.get("Cue", ""))
        golds.append(
            Gold(
                content[1],
                source[2] if source else "",
                cue[2] if cue else "",
                source[1] if source else [],
            )
        )
    return golds


def _overlap(a: tuple[int, int], spans: list[tuple[int, int]]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in spans)


def matches(stmt: tuple[int, int], gold: Gold) -> bool:
    """Half of the shorter span overlaps the other."""
    ov = _overlap(stmt, gold.content)
    glen = sum(e - s for s, e in gold.content)
    return ov > 0 and ov * 2 >= min(stmt[1] - stmt[0], glen)


def is_direct(text: str, gold: Gold) -> bool:
    """Content mostly inside quotation marks."""
    inside = 0
    total = 0
    for s, e in gold.content:
        chunk = text[s:e]
        total += len(chunk)
        depth = False
        for ch in chunk:
            if ch in '\u201c"' and not depth:
                depth = True
            elif ch in '\u201d"' and depth:
                depth = False
            elif depth:
                inside += 1
    return total > 0 and inside * 2 >= total


def _words(s: str) -> set[str]:
    return {w for w in re.findall(r"[\w']+", s.lower()) if w not in _STOP}


def speaker_ok(speaker: str | None, mention: str | None, gold: Gold) -> bool:
    gw = _words(gold.source)
    return bool(gw & (_words(speaker or "") | _words(mention or "")))


def _pairs(folder: Path, limit: int) -> list[tuple[Path, Path]]:
    texts = sorted((folder / "text").glob("*.txt"))
    anns = sorted((folder / "attributions").glob("*.ann"))
    out = []
    for t in texts:
        ann = next((a for a in anns if a.stem.rsplit("_", 1)[0] == t.stem), None)
        if ann is not None:
            out.append((t, ann))
    return out[:limit] if limit else out


def score_polnear(folder: Path, limit: int = 0, verbose: bool = False) -> dict[str, float]:
    """Read every article of one PolNeAR split and print precision, recalls and speaker."""
    from accords.text import Article, TextReader
    from accords.text._quotes import normalize_marks

    pairs = _pairs(folder, limit)
    reader = TextReader((), (), embeddings=False)
    articles = [Article(t.name, t.read_text(encoding="utf-8")) for t, _ in pairs]
    t0 = time.perf_counter()
    results = reader.read_many(articles)
    took = time.perf_counter() - t0
    found = matched = 0
    n_direct = hit_direct = n_say = hit_say = n_spk = ok_spk = n_named = ok_named = 0
    for (_, ann), art, res in zip(pairs, articles, results, strict=True):
        golds = read_ann(ann)
        hit: set[int] = set()
        for st in res.statements:
            found += 1
            here = [i for i, g in enumerate(golds) if matches((st.start, st.end), g)]
            if here:
                matched += 1
            elif verbose:
                print(f"  extra [{art.source[:30]}]: {st.text[:100]!r}")
            for i in here:
                if i not in hit and golds[i].source:
                    n_spk += 1
                    good = speaker_ok(st.speaker, st.mention, golds[i])
                    ok_spk += good
                    if not _PRONOUN.match(golds[i].source.strip()):
                        n_named += 1
                        ok_named += good
                    if verbose and not good:
                        s0 = max(0, min(st.start, golds[i].content[0][0]) - 80)
                        ctx = art.text[s0 : st.end + 80].replace("\n", " | ")
                        print(f"  speaker: {st.speaker!r}/{st.mention!r} for {golds[i].source!r}")
                        print(f"      {ctx!r}")
                hit.add(i)
        marked = normalize_marks(art.text)  # ''quoted'' counts as quoted
        for i, g in enumerate(golds):
            direct = is_direct(marked, g)
            say = bool(_SAY.match(g.cue.strip()))
            n_direct += direct
            n_say += say
            hit_direct += direct and i in hit
            hit_say += say and i in hit
            if verbose and i not in hit and (direct or say):
                s, e = g.content[0]
                print(f"  missed ({g.cue}) [{g.source}]: {art.text[s:e][:100]!r}")
    scores = {
        "precision": matched / max(found, 1),
        "recall_direct": hit_direct / max(n_direct, 1),
        "recall_say": hit_say / max(n_say, 1),
        "speaker": ok_spk / max(n_spk, 1),
        "speaker_named": ok_named / max(n_named, 1),
    }
    print(
        f"PolNeAR {folder.name} ({len(pairs)} articles, {found} statements, "
        f"{n_direct} direct and {n_say} 'say' gold attributions, read in {took:.1f} s): "
        f"precision {scores['precision']:.3f}, recall direct {scores['recall_direct']:.3f}, "
        f"recall say {scores['recall_say']:.3f}, speaker {scores['speaker']:.3f} "
        f"({scores['speaker_named']:.3f} over the {n_named} of {n_spk} "
        "whose gold source is not a pronoun)"
    )
    return scores
