"""The dialog that answers a damaged library catalogue: restore its backup, or keep it rebuilt.

The core has already kept the damaged file aside and rebuilt the catalogue
from the stored copies, so the library is usable whatever the answer; the
backup adds what the copies cannot tell (where files came from, reading
positions, links). The question stays until it is answered, here or with
`spacereader restore-library`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from spacereader.core.errors import Error
from spacereader.core.library import Library

TITLE = "Library Recovered"


def offer_catalogue_backup(
    parent: QWidget | None, library: Library, changed: Callable[[], None]
) -> QMessageBox | None:
    """Ask what to do about a damaged catalogue, if one awaits an answer; return the dialog."""
    recovery = library.recovery
    if recovery is None:
        return None
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(TITLE)
    documents = "document" if recovery.rebuilt == 1 else "documents"
    box.setText("The library catalogue was damaged.")
    details = (
        f"SpaceReader kept the damaged file as {recovery.kept_as.name} and recovered "
        f"{recovery.rebuilt} {documents} from their stored copies."
    )
    restore = None
    if recovery.backup is None:
        box.setInformativeText(details + " No sound backup of the catalogue was found.")
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
    else:
        box.setInformativeText(
            details + f"\n\nThe newest sound backup ({recovery.backup.name}) also has where each "
            "document came from and your reading positions. Documents added since it was "
            "taken are kept."
        )
        restore = box.addButton("Restore Backup", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Keep Recovered Library", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
    box.setDetailedText(f"Reason: {recovery.reason}\nKept as: {recovery.kept_as}")

    def answered() -> None:
        if recovery.backup is not None and restore is not None and box.clickedButton() is restore:
            try:
                library.restore_backup(recovery.backup)
            except Error as error:
                QMessageBox.critical(parent, TITLE, f"The backup could not be restored: {error}")
                return
            changed()
        else:
            library.keep_recovered()

    box.finished.connect(answered)
    box.open()
    return box
