#!/usr/bin/env python3
"""The world's relay (tools/world/relay) on 127.0.0.1: it carries every datagram when told
nothing, and each fault does what it says, deterministically for a seed."""
import os
import socket
import subprocess
import sys
import tempfile
import time
import unittest

RELAY = os.path.join(os.path.dirname(__file__), "..", "..", "tools", "world", "relay")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_tcp_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class World:
    """A relay with one link L between two test sockets, A and B."""

    def __init__(self, seed=1, extra=()):
        self.a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        for s in (self.a, self.b):
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
            s.bind(("127.0.0.1", 0))
            s.settimeout(0.05)
        self.ra, self.rb, self.control = free_port(), free_port(), free_tcp_port()
        self.dir = tempfile.mkdtemp()
        ready = os.path.join(self.dir, "ready")
        link = f"L,{self.a.getsockname()[1]},{self.ra},{self.b.getsockname()[1]},{self.rb}"
        self.proc = subprocess.Popen([sys.executable, RELAY, "--link", link, "--seed", str(seed),
                                      "--control", str(self.control), "--ready-file", ready,
                                      *extra], stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 10
        while not os.path.exists(ready):
            if self.proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("relay did not start: " + self.proc.stderr.read())
            time.sleep(0.02)
        self.ctl = socket.create_connection(("127.0.0.1", self.control))
        self.ctl_file = self.ctl.makefile("r")

    def cmd(self, line):
        self.ctl.sendall((line + "\n").encode())
        return self.ctl_file.readline().strip()

    def send_a(self, payloads):
        # Paced: a test socket's receive buffer must not overflow on the way back out.
        for i, p in enumerate(payloads):
            self.a.sendto(p, ("127.0.0.1", self.ra))
            if i % 20 == 19:
                time.sleep(0.002)

    def receive_b(self, quiet=0.3):
        got, last = [], time.time()
        while time.time() - last < quiet:
            try:
                got.append(self.b.recv(65536))
                last = time.time()
            except socket.timeout:
                pass
        return got

    def close(self):
        if self.proc.poll() is None:
            self.cmd("quit")
            self.proc.wait(timeout=10)
        self.ctl.close()
        self.a.close()
        self.b.close()


def numbered(n):
    return [b"%05d:" % i + bytes(range(i % 50)) for i in range(n)]


class RelayTest(unittest.TestCase):
    def setUp(self):
        self.w = World()

    def tearDown(self):
        self.w.close()
        self.assertEqual(self.w.proc.returncode, 0)

    def test_carries_everything_in_order_when_told_nothing(self):
        sent = numbered(300)
        self.w.send_a(sent)
        self.assertEqual(self.w.receive_b(), sent)
        # and back the other way
        self.w.b.sendto(b"back", ("127.0.0.1", self.w.rb))
        self.assertEqual(self.w.a.recvfrom(100)[0], b"back")

    def test_drop_drops_about_that_share_and_counts_it(self):
        self.assertEqual(self.w.cmd("set L drop=0.5"), "ok")
        sent = numbered(1000)
        self.w.send_a(sent)
        got = self.w.receive_b()
        self.assertTrue(350 < len(got) < 650, len(got))
        self.assertEqual(got, [p for p in sent if p in set(got)])  # order kept
        import json
        stats = json.loads(self.w.cmd("stats"))["L"]["a>b"]
        self.assertEqual(stats["in"], 1000)
        self.assertEqual(stats["dropped"] + stats["out"], 1000)

    def test_corrupt_flips_exactly_one_bit(self):
        self.w.cmd("set L corrupt=1")
        sent = numbered(100)
        self.w.send_a(sent)
        got = self.w.receive_b()
        self.assertEqual(len(got), 100)
        for s, g in zip(sent, got):
            diff = sum(bin(x ^ y).count("1") for x, y in zip(s, g))
            self.assertEqual((len(s), diff), (len(g), 1))

    def test_dup_sends_each_twice(self):
        self.w.cmd("set L dup=1")
        sent = numbered(50)
        self.w.send_a(sent)
        self.assertEqual(self.w.receive_b(), [p for p in sent for _ in (0, 1)])

    def test_reorder_changes_order_and_loses_nothing(self):
        self.w.cmd("set L reorder=0.5")
        sent = numbered(200)
        self.w.send_a(sent)
        got = self.w.receive_b()
        self.assertNotEqual(got, sent)
        # the last may still be held: one more datagram releases it
        self.w.cmd("clear L")
        self.w.send_a([b"flush"])
        got += self.w.receive_b()
        self.assertEqual(sorted(got), sorted(sent + [b"flush"]))

    def test_cut_passes_nothing_until_healed(self):
        self.assertEqual(self.w.cmd("cut L"), "ok")
        self.w.send_a(numbered(20))
        self.assertEqual(self.w.receive_b(), [])
        self.assertEqual(self.w.cmd("heal L"), "ok")
        self.w.send_a([b"after"])
        self.assertEqual(self.w.receive_b(), [b"after"])

    def test_delay_holds_each_datagram(self):
        self.w.cmd("set L delay=300")
        t0 = time.time()
        self.w.send_a([b"late"])
        self.w.b.settimeout(2)
        self.assertEqual(self.w.b.recv(100), b"late")
        self.assertGreaterEqual(time.time() - t0, 0.29)

    def test_bad_commands_are_refused_and_change_nothing(self):
        for bad in ("set L drop=2", "set L colour=3", "set L", "cut", "cut nosuch",
                    "frobnicate", "set L drop=x"):
            self.assertTrue(self.w.cmd(bad).startswith("error: "), bad)
        self.w.send_a([b"still"])
        self.assertEqual(self.w.receive_b(), [b"still"])


class RelayDeterminismTest(unittest.TestCase):
    def test_same_seed_same_faults(self):
        runs = []
        for _ in range(2):
            w = World(seed=7)
            try:
                w.cmd("set L drop=0.3")
                sent = numbered(300)
                for p in sent:  # one at a time: the relay sees them in this order
                    w.send_a([p])
                    time.sleep(0.001)
                runs.append(w.receive_b())
            finally:
                w.close()
        self.assertEqual(runs[0], runs[1])


class RelayScheduleTest(unittest.TestCase):
    def test_schedule_cuts_at_its_time(self):
        with tempfile.NamedTemporaryFile("w", suffix=".sched", delete=False) as f:
            f.write("# a partition that heals\n200 cut L\n900 heal L\n")
        w = World(extra=("--schedule", f.name))
        try:
            w.send_a([b"early"])
            self.assertEqual(w.receive_b(quiet=0.1), [b"early"])
            time.sleep(0.4)
            w.send_a([b"during"])
            self.assertEqual(w.receive_b(quiet=0.1), [])
            time.sleep(0.8)
            w.send_a([b"healed"])
            self.assertEqual(w.receive_b(quiet=0.2), [b"healed"])
        finally:
            w.close()
            os.unlink(f.name)


if __name__ == "__main__":
    unittest.main()
