"""What changed in the text between two rounds: statuses first, then the words."""

from __future__ import annotations

import difflib

from accords.draft.document import Document

__all__ = ["diff_documents"]


def _statuses(doc: Document) -> dict[str, tuple[str, str]]:
    return {b.id: (b.number, b.status) for s in doc.sections for b in s.clauses}


def diff_documents(old: Document, new: Document, old_name: str, new_name: str) -> str:
    """A summary of clause status changes, then a unified diff of the Markdown texts."""
    from accords.draft.markdown import to_markdown

    before, after = _statuses(old), _statuses(new)
    lines = [f"Changes from {old_name} to {new_name}:", ""]
    changed = False
    for cid, (number, status) in after.items():
        if cid not in before:
            lines.append(f"- {number} ({cid}): new, {status}")
            changed = True
        elif before[cid][1] != status:
            lines.append(f"- {number} ({cid}): {before[cid][1]} → {status}")
            changed = True
    for cid, (number, status) in before.items():
        if cid not in after:
            lines.append(f"- {number} ({cid}): no longer in the text (was {status})")
            changed = True
    if not changed:
        lines.append("- no clause changed status")
    text = difflib.unified_diff(
        to_markdown(old).splitlines(),
        to_markdown(new).splitlines(),
        fromfile=old_name,
        tofile=new_name,
        lineterm="",
    )
    return "\n".join([*lines, "", *text]).rstrip() + "\n"
