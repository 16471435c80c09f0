"""The draft as Markdown: the default of ``accords text``, and what golden files pin."""

from __future__ import annotations

from accords.draft.document import ClauseBlock, Document

__all__ = ["to_markdown"]


def _refs(block: ClauseBlock) -> str:
    return "".join(f"[^{n}]" for n in block.footnotes)


def _backing(block: ClauseBlock) -> str:
    parts = []
    for alt in block.alternatives:
        who = ", ".join(alt.backed_by) or "nobody now"
        head = f"{alt.label} backed by" if alt.label else "backed by"
        extra = f" ({alt.note})" if alt.note else ""
        parts.append(f"{head} {who}{extra}")
    return "; ".join(parts)


def _clause(block: ClauseBlock) -> list[str]:
    title = f" {block.title}" if block.title else ""
    lines = [f"**{block.number}{title}** — _{block.label}_", ""]
    if block.layout == "clean":
        lines += [block.alternatives[0].text + _refs(block), ""]
    elif block.layout == "heading":
        lines += ["_(text to come)_", ""]
    elif block.layout == "struck":
        lines += [" ".join(f"~~{a.text}~~" for a in block.alternatives), ""]
    else:
        text = "".join(
            f"[{a.label}: {a.text}]" if a.label else f"[{a.text}]" for a in block.alternatives
        )
        lines += [text + _refs(block), "", f"_{_backing(block)}._", ""]
    return lines


def to_markdown(doc: Document) -> str:
    lines = [f"# {doc.title}", "", f"_As of {doc.as_of}._ {doc.headline}", ""]
    if doc.legend:
        lines.append("**Legend.** Text in square brackets is not agreed; alternatives stand")
        lines.append("side by side as [A: …][B: …]. Each passage is labelled in words:")
        lines.append("")
        lines += [f"- _{words}_" for _, words in doc.legend]
        lines.append("")
    for section in doc.sections:
        lines += [f"## {section.number}. {section.title}", "", f"_Part status: {section.status}._"]
        lines.append("")
        if not section.clauses:
            lines += ["_No text tabled for this part yet._", ""]
        for block in section.clauses:
            lines += _clause(block)
    if doc.footnotes:
        lines += ["---", ""]
        lines += [f"[^{n.number}]: {n.text}" for n in doc.footnotes]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
