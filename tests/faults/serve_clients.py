"""gpress serve: --port is checked, and clients that send half a request and
then trickle or go silent neither stall other visitors nor are kept forever.

Run by CTest as: serve_clients.py GPRESS_EXE SOURCE_DIR
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

gpress, source = sys.argv[1], sys.argv[2]


def fail(message):
    print("FAIL:", message, file=sys.stderr)
    sys.exit(1)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


work = tempfile.mkdtemp()
try:
    project = os.path.join(work, "project")
    shutil.copytree(os.path.join(source, "tests/fixtures/toolkit-basic"), project,
                    ignore=shutil.ignore_patterns("expected"))

    for bad in ["0", "70000", "-1", "http"]:
        run = subprocess.run([gpress, "serve", "--project", project, "--port", bad], capture_output=True, text=True,
                             timeout=60)
        if run.returncode != 2:
            fail(f"--port {bad} exited {run.returncode}: {run.stderr}")

    port = free_port()
    server = subprocess.Popen([gpress, "serve", "--project", project, "--port", str(port)],
                              stderr=subprocess.PIPE, text=True)
    try:
        for line in server.stderr:
            if "serving" in line:
                break
        else:
            fail("the server did not start")

        # More trickling clients than cpp-httplib's default pool has threads:
        # each sends a byte of a request line every half second, forever.
        stop = threading.Event()

        def trickle():
            s = socket.create_connection(("127.0.0.1", port))
            try:
                s.sendall(b"GET /")
                while not stop.is_set():
                    s.sendall(b"a")
                    time.sleep(0.5)
            except OSError:
                pass
            finally:
                s.close()

        trickling = [threading.Thread(target=trickle, daemon=True) for _ in range(24)]
        for t in trickling:
            t.start()
        time.sleep(1)

        # A visitor is served while they trickle.
        visitor = socket.create_connection(("127.0.0.1", port), timeout=30)
        visitor.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        try:
            reply = visitor.recv(64)
        except socket.timeout:
            fail("a visitor was not served while other clients trickled")
        if not reply.startswith(b"HTTP/1.1 200"):
            fail(f"a visitor got {reply!r}")
        visitor.close()

        # A client that sends half a request and goes silent is dropped.
        idle = socket.create_connection(("127.0.0.1", port), timeout=60)
        idle.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        try:
            idle.recv(64)  # a 408 or the connection closed; either way not held
        except socket.timeout:
            fail("an idle half-sent request was kept open")
        except ConnectionResetError:
            pass
        idle.close()
        stop.set()
    finally:
        server.terminate()
        server.wait(timeout=60)
    print("ok")
finally:
    shutil.rmtree(work, ignore_errors=True)
