#!/usr/bin/env python3
"""Traffic for the datapath tests, run inside test namespaces. Every server handles a
bounded number of clients and every socket has a timeout, so nothing outlives a test.

  tcp-server PORT N          echo N connections, then exit
  tcp-client IP PORT MSG     connect, send MSG, print the echo
  probes "PROTO DST DPORT SPORT [SRC];..."  one packet per flow (SYN, datagram, echo
                             request), from address SRC when given
  udp-server PORT N          echo N datagrams, then exit
  udp-client IP PORT MSG     send MSG, print the echo
  stream-server PORT         read one connection to EOF, reply with the byte count
  stream-client IP PORT SECS send for SECS seconds, print 'sent=N echoed=M'
  svc-server PORT NAME SECS  answer NAME on TCP and UDP PORT, for at most SECS seconds
  svc-stream IP PORT SECS    one connection sending for SECS s; prints 'connected' once
                             connected, then 'sent=N answer=NAME:M'
  svc-clients IP PORT N tcp|udp  N connections (or datagrams) to IP:PORT; prints JSON
                             {"answers": {NAME: count}, "peers": [...], "failed": count,
                             "tries": [{"port": local port, "got"|"error": ..., "secs": s}]}
  udp-big IP PORT SIZE       one datagram of SIZE bytes to an echo server (udp-server);
                             prints JSON {"sent": N, "got": M, "same": bool, "peer": "IP:PORT"}
"""
import json
import os
import select
import socket
import struct
import sys
import time

# CRS_TIMEOUT_SCALE stretches every timeout and server lifetime for slow machines (the
# kernel-matrix guests run under software emulation, 10-50x slower than this machine).
SCALE = max(1.0, float(os.environ.get("CRS_TIMEOUT_SCALE", "1") or 1))
TIMEOUT = 10 * SCALE
SHORT = 2 * SCALE


def tcp_server(port, n):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", port))
    s.listen()
    s.settimeout(TIMEOUT)
    print("ready", flush=True)
    for _ in range(n):
        c, _ = s.accept()
        c.settimeout(TIMEOUT)
        c.sendall(c.recv(4096))
        c.close()


def tcp_client(ip, port, msg):
    c = socket.create_connection((ip, port), timeout=SHORT)
    c.sendall(msg.encode())
    print(c.recv(4096).decode())


def udp_server(port, n):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", port))
    s.settimeout(TIMEOUT)
    print("ready", flush=True)
    for _ in range(n):
        data, peer = s.recvfrom(65535)
        s.sendto(data, peer)


def udp_client(ip, port, msg):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(SHORT)
    s.sendto(msg.encode(), (ip, port))
    print(s.recvfrom(4096)[0].decode())


def udp_big(ip, port, size):
    payload = bytes(i % 251 for i in range(size))
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(1.5 * SHORT)
    s.sendto(payload, (ip, port))
    try:
        data, peer = s.recvfrom(65535)
    except OSError:
        data, peer = b"", ("", 0)
    print(json.dumps({"sent": size, "got": len(data), "same": data == payload, "peer": "%s:%d" % peer}))


def stream_server(port):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", port))
    s.listen()
    s.settimeout(TIMEOUT)
    print("ready", flush=True)
    c, _ = s.accept()
    c.settimeout(TIMEOUT)
    total = 0
    while True:
        b = c.recv(65536)
        if not b:
            break
        total += len(b)
    c.sendall(str(total).encode())
    c.close()


def send_for(ip, port, secs, pause, announce=False):
    """One connection sending 1000-byte chunks for SECS seconds, then half-closed; returns
    (bytes sent, the server's answer)."""
    c = socket.create_connection((ip, port), timeout=SHORT)
    c.settimeout(TIMEOUT)
    if announce:
        print("connected", flush=True)
    chunk = b"x" * 1000
    sent = 0
    end = time.time() + secs * SCALE
    while time.time() < end:
        c.sendall(chunk)
        sent += len(chunk)
        time.sleep(pause)
    c.shutdown(socket.SHUT_WR)
    return sent, c.recv(256).decode()


def stream_client(ip, port, secs):
    sent, answer = send_for(ip, port, secs, 0.002)
    print(f"sent={sent} echoed={int(answer)}")


def svc_conn(c, name):
    """One TCP connection of svc-server: 'hello' is answered with NAME at once; anything
    else is a stream, read to EOF and answered with NAME:bytes."""
    c.settimeout(TIMEOUT)
    try:
        first = c.recv(65536)
        if first == b"hello":
            c.sendall(name.encode())
        else:
            total = len(first)
            while True:
                b = c.recv(65536)
                if not b:
                    break
                total += len(b)
            c.sendall(("%s:%d" % (name, total)).encode())
    except OSError:
        pass
    c.close()


def svc_server(port, name, secs):
    import threading
    t = socket.socket()
    t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    t.bind(("0.0.0.0", port))
    t.listen(64)
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.bind(("0.0.0.0", port))
    print("ready", flush=True)
    end = time.time() + secs * SCALE
    while time.time() < end:
        ready, _, _ = select.select([t, u], [], [], 0.2)
        for s in ready:
            if s is t:
                c, _ = t.accept()
                threading.Thread(target=svc_conn, args=(c, name), daemon=True).start()
            else:
                _, peer = u.recvfrom(4096)
                u.sendto(name.encode(), peer)


def svc_stream(ip, port, secs):
    sent, answer = send_for(ip, port, secs, 0.005, announce=True)
    print("sent=%d answer=%s" % (sent, answer))


def svc_clients(ip, port, n, proto):
    answers, peers, failed, tries = {}, set(), 0, []
    for i in range(n):
        c, local = None, 0
        start = time.time()
        try:
            if proto == "tcp":
                c = socket.create_connection((ip, port), timeout=SHORT)
                local = c.getsockname()[1]
                c.sendall(b"hello")
                got = c.recv(4096).decode()
                peers.add("%s:%d" % c.getpeername())
            else:
                c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                c.settimeout(SHORT)
                c.sendto(b"hello", (ip, port))
                local = c.getsockname()[1]
                data, peer = c.recvfrom(4096)
                got = data.decode()
                peers.add("%s:%d" % peer)
            answers[got] = answers.get(got, 0) + 1
            tries.append({"port": local, "got": got, "secs": round(time.time() - start, 3)})
        except OSError as e:
            failed += 1
            tries.append({"port": local, "error": errname(e) if e.errno else str(e),
                          "secs": round(time.time() - start, 3)})
        finally:
            if c is not None:
                c.close()
    print(json.dumps({"answers": answers, "peers": sorted(peers), "failed": failed, "tries": tries}))


def errname(e):
    import errno
    return errno.errorcode.get(e.errno, str(e.errno))


def bind_check(proto, ip, port):
    """Binds (TCP or UDP) to IP:PORT: 'ok' or the errno's name."""
    kind = socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM
    fam = socket.AF_INET6 if ":" in ip else socket.AF_INET
    s = socket.socket(fam, kind)
    try:
        s.bind((ip, port))
        print("ok")
    except OSError as e:
        print(errname(e))
    s.close()


def connect_check(ip, port):
    """TCP connect: 'ok' or the errno's name."""
    fam = socket.AF_INET6 if ":" in ip else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.settimeout(SHORT)
    try:
        s.connect((ip, port))
        print("ok")
    except OSError as e:
        print(errname(e) if e.errno else "timeout")
    s.close()


def v6_clients(ip, port, n):
    """svc-clients over a dual-stack socket to ::ffff:IP."""
    answers, peers, failed = {}, set(), 0
    for _ in range(n):
        try:
            c = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
            c.settimeout(SHORT)
            c.connect(("::ffff:" + ip, port))
            c.sendall(b"hello")
            got = c.recv(4096).decode()
            peers.add("[%s]:%d" % c.getpeername()[:2])
            c.close()
            answers[got] = answers.get(got, 0) + 1
        except OSError:
            failed += 1
    print(json.dumps({"answers": answers, "peers": sorted(peers), "failed": failed}))


def udp_connected(ip, port, pause):
    """One connected UDP socket: hello, answer; 'waiting'; PAUSE s; hello, answer again.
    Prints getpeername and both answers with their recvfrom addresses."""
    c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    c.settimeout(SHORT)
    c.connect((ip, port))
    out = {"peer": "%s:%d" % c.getpeername(), "answers": []}
    for i in range(2):
        if i == 1:
            print("waiting", flush=True)
            time.sleep(pause)
        try:
            c.send(b"hello")
            data, frm = c.recvfrom(4096)
            out["answers"].append([data.decode(), "%s:%d" % frm])
        except OSError as e:
            out["answers"].append([errname(e) if e.errno else "timeout", ""])
    print(json.dumps(out), flush=True)


def probes(spec):
    """One packet per flow, each from its own source port: `proto dst dport sport;...`.
    TCP: a SYN (non-blocking connect); UDP: one datagram; ICMP: one echo request whose id
    is the source port. Sockets stay open a moment so that no RST of ours follows."""
    keep = []
    for flow in spec.split(";"):
        if not flow:
            continue
        proto, dst, dport, sport, *src = flow.split()
        dport, sport = int(dport), int(sport)
        src = src[0] if src else "0.0.0.0"
        if proto == "tcp":
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((src, sport))
            s.setblocking(False)
            s.connect_ex((dst, dport))
            keep.append(s)
        elif proto == "udp":
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((src, sport))
            s.sendto(b"probe", (dst, dport))
            keep.append(s)
        else:
            s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
            s.bind((src, 0))
            body = struct.pack("!BBHHH", 8, 0, 0, sport, 1) + b"probe..."
            csum = 0
            for i in range(0, len(body), 2):
                csum += (body[i] << 8) + body[i + 1]
            csum = (csum >> 16) + (csum & 0xFFFF)
            csum = ~(csum + (csum >> 16)) & 0xFFFF
            body = body[:2] + struct.pack("!H", csum) + body[4:]
            s.sendto(body, (dst, 0))
            keep.append(s)
        time.sleep(0.005)
    time.sleep(0.3)
    print(len(keep), flush=True)


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "tcp-server":
        tcp_server(int(args[0]), int(args[1]))
    elif cmd == "tcp-client":
        tcp_client(args[0], int(args[1]), args[2])
    elif cmd == "udp-server":
        udp_server(int(args[0]), int(args[1]))
    elif cmd == "udp-client":
        udp_client(args[0], int(args[1]), args[2])
    elif cmd == "udp-big":
        udp_big(args[0], int(args[1]), int(args[2]))
    elif cmd == "stream-server":
        stream_server(int(args[0]))
    elif cmd == "stream-client":
        stream_client(args[0], int(args[1]), float(args[2]))
    elif cmd == "svc-server":
        svc_server(int(args[0]), args[1], float(args[2]))
    elif cmd == "svc-stream":
        svc_stream(args[0], int(args[1]), float(args[2]))
    elif cmd == "svc-clients":
        svc_clients(args[0], int(args[1]), int(args[2]), args[3])
    elif cmd == "bind-check":
        bind_check(args[0], args[1], int(args[2]))
    elif cmd == "connect-check":
        connect_check(args[0], int(args[1]))
    elif cmd == "v6-clients":
        v6_clients(args[0], int(args[1]), int(args[2]))
    elif cmd == "probes":
        probes(args[0])
    elif cmd == "udp-connected":
        udp_connected(args[0], int(args[1]), float(args[2]))
    else:
        sys.exit(f"unknown command {cmd}")


main()
