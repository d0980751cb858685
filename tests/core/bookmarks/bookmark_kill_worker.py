"""A process the kill -9 tests start and kill: it writes bookmarks and says so.

`add STORE`: adds bookmarks forever, printing each id (flushed) only after
`add` has returned, i.e. after the commit: a printed id is an acknowledged one.
`import STORE FILE`: prints "begin", imports FILE in one transaction, prints "done".
"""

from __future__ import annotations

import sys
from pathlib import Path

from spacereader.core.bookmarks import BookmarkStore

TEXT = "The International Lunar Research Station (ILRS) is a joint project. " * 20


def main(argv: list[str]) -> int:
    action, store_path = argv[0], Path(argv[1])
    store = BookmarkStore(store_path)
    if action == "add":
        print("ready", flush=True)
        number = 0
        while True:
            start = number % 500
            mark = store.add("doc", TEXT, start, start + 30, note=f"note {number} ✓")
            sys.stdout.write(mark.id + "\n")
            sys.stdout.flush()
            number += 1
    data = Path(argv[2]).read_text(encoding="utf-8")
    print("begin", flush=True)
    store.import_json(data)
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
