"""A writer process for the crash test: appends batches forever, acknowledging each.

    python _writer.py TARGET WRITER_ID NEGOTIATION...

After ``append`` returns, it prints ``NEGOTIATION SEQ HASH`` for every stored
event in one flushed write: a line on stdout is an acknowledgement that the
test later holds the store to. The test kills it with SIGKILL at random moments.
"""

from __future__ import annotations

import random
import sys
from datetime import date

from accords.errors import ConflictError
from accords.ledger import NewEvent, open_store


def main(target: str, writer: str, negotiations: list[str]) -> None:
    store = open_store(target)
    rng = random.Random(writer)
    for batch in range(10**9):
        negotiation = rng.choice(negotiations)
        size = rng.randint(1, 4)
        events = [
            NewEvent(
                "tick",
                {"batch": f"{writer}.{batch}", "index": i, "size": size, "note": "é…🕊"},
                date(2019, 2, 25),
                f"writer-{writer}",
            )
            for i in range(size)
        ]
        try:
            stored = store.append(negotiation, events, store.head(negotiation))
        except ConflictError:
            continue
        sys.stdout.write("".join(f"{negotiation} {e.seq} {e.hash}\n" for e in stored))
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
