#!/usr/bin/env python3
"""s3_proxy.py UPSTREAM_PORT CONTROL_FILE PORT_FILE: an HTTP proxy between
tailboard and the S3 server that injects faults. CONTROL_FILE holds
"MODE N": the next N requests the mode applies to get it, then it is
consumed. Modes: 503 (SlowDown, any request), cut (an object GET's body
cut in half, the connection closed), cutlist (the same for a listing),
stall (an object GET never answered), slow (an object GET held 3 s,
then passed on), stallbody (an object GET's headers
and half its body, then nothing). Each request's Host and path are
appended to CONTROL_FILE.log.
Requests pass with their headers untouched, so signatures still match."""
import http.client
import http.server
import sys
import time

UP = ("127.0.0.1", int(sys.argv[1]))
CTL = sys.argv[2]


def take(applies):
    try:
        words = open(CTL).read().split()
    except OSError:
        return ""
    if len(words) < 2 or not applies(words[0]):
        return ""
    mode, n = words[0], int(words[1]) - 1
    open(CTL, "w").write(f"{mode} {n}" if n > 0 else "")
    return mode


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def forward(self):
        is_obj = self.command == "GET" and "?" not in self.path
        is_list = self.command == "GET" and "list-type=2" in self.path
        with open(CTL + ".log", "a") as log:
            log.write(f"{self.command} {self.headers.get('Host')} {self.path}\n")
        mode = take(lambda m: m == "503" or (m in ("cut", "stall", "stallbody", "slow") and is_obj)
                    or (m == "cutlist" and is_list))
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        if mode == "503":
            b = b"<?xml version='1.0'?><Error><Code>SlowDown</Code><Message>Reduce your rate</Message></Error>"
            self.send_response(503)
            self.send_header("Content-Length", str(len(b)))
            self.end_headers()
            self.wfile.write(b)
            return
        if mode == "stall":
            time.sleep(3600)
        if mode == "slow":
            time.sleep(3)
        c = http.client.HTTPConnection(*UP)
        c.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
        for k, v in self.headers.items():
            c.putheader(k, v)
        c.endheaders(body)
        r = c.getresponse()
        data = r.read()
        self.send_response(r.status)
        for k, v in r.getheaders():
            if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(k, v)
        if self.command == "HEAD":
            self.send_header("Content-Length", r.getheader("Content-Length") or "0")
            self.end_headers()
            return
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if mode in ("cut", "cutlist", "stallbody"):
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            if mode == "stallbody":
                time.sleep(3600)
            self.close_connection = True
            return
        self.wfile.write(data)

    do_GET = do_HEAD = do_PUT = do_DELETE = forward


srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
srv.daemon_threads = True
open(sys.argv[3], "w").write(str(srv.server_address[1]))
srv.serve_forever()
