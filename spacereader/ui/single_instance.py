"""One SpaceReader per user: a second launch hands its files to the running window.

The first process holds a QLockFile in the data folder and listens on a local
socket. A later launch fails to take the lock, connects, sends its file paths
and exits. A lock left by a killed process is stale (its PID is gone), so the
next launch takes it over and removes the dead socket before listening.

Signals:
    files_received(list): paths (str) another launch asked to open.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QLockFile, QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from spacereader.core import paths

log = logging.getLogger("spacereader.instance")

CONNECT_TIMEOUT_MS = 2000
WRITE_TIMEOUT_MS = 2000


def server_name(data_dir: Path) -> str:
    """A socket name per data folder, so separate profiles never meet."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return f"spacereader-{digest}"


class SingleInstance(QObject):
    """Take the instance lock, or pass files to the process that holds it."""

    files_received = Signal(list)

    def __init__(self, data_dir: Path | None = None) -> None:
        super().__init__()
        folder = data_dir if data_dir is not None else paths.data_dir()
        self.name = server_name(folder)
        self._lock = QLockFile(str(folder / "instance.lock"))
        self._lock.setStaleLockTime(0)  # stale only when the holder's PID is gone
        self._server: QLocalServer | None = None
        self._messages: set[_Message] = set()

    def acquire(self) -> bool:
        """Become the running instance; False when another one holds the lock."""
        if not self._lock.tryLock(0):
            return False
        # We hold the lock, so any socket left under our name is a dead one.
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            log.warning("cannot listen on %s: %s", self.name, server.errorString())
            return True
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def send(self, files: Sequence[Path]) -> bool:
        """Hand files (maybe none: just raise the window) to the running instance."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        payload = json.dumps({"files": [str(Path(f).resolve()) for f in files]}).encode()
        socket.write(QByteArray(payload + b"\n"))
        while socket.bytesToWrite() > 0:
            if not socket.waitForBytesWritten(WRITE_TIMEOUT_MS):
                return False
        socket.disconnectFromServer()
        return True

    def release(self) -> None:
        """Stop listening, drop open connections, and release the lock."""
        for message in list(self._messages):
            message.close()
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    @Slot()
    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._messages.add(_Message(socket, self))

    def forget(self, message: _Message) -> None:
        """A connection is done."""
        self._messages.discard(message)

    def deliver(self, payload: bytes) -> None:
        """A whole message arrived from another launch."""
        try:
            files = json.loads(payload.decode("utf-8"))["files"]
        except (ValueError, KeyError, TypeError):
            log.warning("ignored a malformed message from another launch")
            return
        self.files_received.emit([str(f) for f in files if isinstance(f, str)])


class _Message(QObject):
    """One incoming connection: gathers a line, hands it over, then goes away."""

    def __init__(self, socket: QLocalSocket, owner: SingleInstance) -> None:
        super().__init__()
        self._socket = socket
        self._owner = owner
        self._buffer = bytearray()
        socket.readyRead.connect(self._read)
        socket.disconnected.connect(self.close)

    @Slot()
    def _read(self) -> None:
        self._buffer.extend(bytes(self._socket.readAll().data()))
        if self._buffer.endswith(b"\n"):
            self._owner.deliver(bytes(self._buffer))
            self._buffer.clear()

    @Slot()
    def close(self) -> None:
        """Disconnect and let Qt delete the socket once its signals are done."""
        self._socket.readyRead.disconnect(self._read)
        self._socket.disconnected.disconnect(self.close)
        self._socket.abort()
        self._socket.deleteLater()
        self._owner.forget(self)
