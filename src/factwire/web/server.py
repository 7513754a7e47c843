"""Running the app under uvicorn, in one process or several (``factwire serve --workers N``).

With several workers uvicorn binds the listening socket itself and hands it to each worker
process. It makes that socket without naming its protocol (``proto`` 0), and asyncio turns
on ``TCP_NODELAY`` only for sockets that say they are TCP: every accepted connection then
waits on Nagle's algorithm and the client's delayed ACK (about 40 ms a response, since a
response goes out in two writes). And workers sharing one listening socket share its
connections unevenly: the first to wake accepts every connection waiting (45 of 50 to one
worker, measured). So ``ServerConfig`` reserves the address in the parent process and each
worker listens on a socket of its own on it (``SO_REUSEPORT``: the kernel spreads the
connections), a socket that says it is TCP.
"""

from __future__ import annotations

import copy
import socket

import uvicorn
from uvicorn.config import LOGGING_CONFIG
from uvicorn.supervisors import Multiprocess

APP = "factwire.web.app:app_from_env"  # the factory each process builds its app with


class ServerConfig(uvicorn.Config):
    """uvicorn's configuration, binding TCP sockets that say they are TCP, one per worker
    where the system can (``SO_REUSEPORT``)."""

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return sock
        if not hasattr(socket, "SO_REUSEPORT"):
            shared = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP,
                                   fileno=sock.detach())
            shared.set_inheritable(True)
            return shared
        address = sock.getsockname()[:2]
        sock.close()
        return bind_tcp(sock.family, address, WorkerSocket)


class WorkerSocket(socket.socket):
    """The address reserved in the parent process: passed to a worker process (pickled),
    it arrives as a new socket bound to the same address, the worker's own."""

    def __reduce__(self):
        return bind_tcp, (self.family, self.getsockname()[:2])


def bind_tcp(family: int, address: tuple, kind: type = socket.socket) -> socket.socket:
    """A TCP socket bound to ``address`` that other sockets may share (``SO_REUSEPORT``)."""
    sock = kind(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(address)
    sock.set_inheritable(True)
    return sock


def log_config() -> dict:
    """uvicorn's logging, with factwire's own messages (such as the warm-up's) beside it."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["factwire"] = {"handlers": ["default"], "level": "INFO",
                                     "propagate": False}
    return config


def run(host: str, port: int, workers: int = 1, access_log: bool = True) -> None:
    """Serve the app of ``$FACTWIRE_DB`` (``app.app_from_env``) until interrupted."""
    config = ServerConfig(APP, factory=True, host=host, port=port, workers=workers,
                          log_level="info", log_config=log_config(), access_log=access_log,
                          server_header=False)
    if workers > 1:
        Multiprocess(config, sockets=[config.bind_socket()]).run()
    else:
        uvicorn.Server(config).run()
