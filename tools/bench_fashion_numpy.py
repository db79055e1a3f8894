#!/usr/bin/env python3
"""The numpy peer of the kit's Fashion-MNIST benchmark (backprop.bench.FashionBenchmark).

The same network and training as the kit's: 784-100-10, ReLU, softmax with cross-entropy,
float64, mini-batch SGD with batch 32 and learning rate 0.1, the same initial weights and the
same order of examples in every epoch. Both come from java.util.Random, re-implemented below,
so the two trainings take the same steps and differ only by rounding.

    python3 tools/bench_fashion_numpy.py --data /usr/share/datasets/fashion-mnist --epochs 3

prints one line per epoch, `epoch <n> <seconds> s test-accuracy <fraction>`. With --serve it
reads commands on standard input instead, one per line, and answers each with one line:
    epoch      trains one more epoch:            `epoch <n> <seconds> <processor seconds>`
    accuracy   measures the test set:            `accuracy <fraction>`
The kit's benchmark uses --serve to alternate its own epochs with numpy's in one run, so that
both see the same load on a shared machine. Run it with OPENBLAS_NUM_THREADS=1 for one thread.
"""
import argparse
import gzip
import sys
import time
from pathlib import Path

import numpy as np

HIDDEN = 100
CLASSES = 10


class JavaRandom:
    """java.util.Random: the 48-bit linear congruential generator of the Java library."""

    MULTIPLIER = 0x5DEECE66D
    MASK = (1 << 48) - 1

    def __init__(self, seed: int):
        self.seed = (seed ^ self.MULTIPLIER) & self.MASK

    def next(self, bits: int) -> int:
        self.seed = (self.seed * self.MULTIPLIER + 0xB) & self.MASK
        value = self.seed >> (48 - bits)
        return value - (1 << 32) if bits == 32 and value >= 1 << 31 else value

    def next_int(self, bound: int) -> int:
        if bound & -bound == bound:                       # a power of two: the high bits
            return (bound * self.next(31)) >> 31
        while True:
            bits = self.next(31)
            value = bits % bound
            if bits - value + (bound - 1) < 1 << 31:      # Java's int overflow test: reject the uneven tail
                return value

    def next_double(self) -> float:
        return ((self.next(26) << 27) + self.next(27)) * 2.0 ** -53


def initial_weights(sizes, relu_layers, seed):
    """Network's initialisation: W uniform in [-r, r] row by row, He before ReLU, Xavier else."""
    random = JavaRandom(seed)
    weights = []
    for l in range(1, len(sizes)):
        fan_in, fan_out = sizes[l - 1], sizes[l]
        limit = np.sqrt(6.0 / fan_in) if l in relu_layers else np.sqrt(6.0 / (fan_in + fan_out))
        w = np.empty((fan_out, fan_in))
        for j in range(fan_out):
            for k in range(fan_in):
                w[j, k] = limit * (2 * random.next_double() - 1)
        weights.append(w)
    return weights


def shuffle_in_place(order, random):
    """Network.shuffle: Fisher-Yates from the last element down."""
    for i in range(len(order) - 1, 0, -1):
        j = random.next_int(i + 1)
        order[i], order[j] = order[j], order[i]


def read_idx(path: Path, magic: int) -> np.ndarray:
    opener = gzip.open if path.read_bytes()[:2] == b"\x1f\x8b" else open
    with opener(path, "rb") as f:
        data = f.read()
    found = int.from_bytes(data[:4], "big")
    if found != magic:
        raise SystemExit(f"{path}: magic number {found:#010x}, expected {magic:#010x}")
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def find(folder: Path, name: str) -> Path:
    for candidate in (folder / name, folder / name.removesuffix(".gz")):
        if candidate.exists():
            return candidate
    raise SystemExit(f"{folder} has no {name}")


def load(folder: Path):
    def images(name):
        pixels = read_idx(find(folder, name), 0x803)
        return pixels.reshape(len(pixels), -1).astype(np.float64) / 255.0

    def labels(name):
        return read_idx(find(folder, name), 0x801).astype(np.int64)

    return (images("train-images-idx3-ubyte.gz"), labels("train-labels-idx1-ubyte.gz"),
            images("t10k-images-idx3-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz"))


class Trainer:
    """784-100-10 with ReLU and softmax + cross-entropy, trained one epoch at a time."""

    def __init__(self, x, y, x_test, y_test, batch, learning_rate, seed):
        self.x, self.y, self.x_test, self.y_test = x, y, x_test, y_test
        self.batch, self.learning_rate = batch, learning_rate
        self.w1, self.w2 = initial_weights([x.shape[1], HIDDEN, CLASSES], {1}, seed)
        self.b1, self.b2 = np.zeros(HIDDEN), np.zeros(CLASSES)
        self.random = JavaRandom(seed)                # Sgd's shuffling seed, as the kit's benchmark sets it
        self.order = list(range(len(x)))
        self.epochs = 0

    def next_order(self) -> np.ndarray:
        shuffle_in_place(self.order, self.random)
        return np.array(self.order)

    def train_epoch(self, order: np.ndarray) -> None:
        x, y, eta, m = self.x, self.y, self.learning_rate, self.batch
        w1, b1, w2, b2 = self.w1, self.b1, self.w2, self.b2
        for start in range(0, len(order), m):
            rows = order[start:start + m]
            a0, labels = x[rows], y[rows]              # one example per row
            z1 = a0 @ w1.T + b1
            a1 = np.maximum(z1, 0.0)
            z2 = a1 @ w2.T + b2
            z2 -= z2.max(axis=1, keepdims=True)
            p = np.exp(z2)
            p /= p.sum(axis=1, keepdims=True)
            delta2 = p                                 # BP1 for softmax + cross-entropy: (a - y) / m
            delta2[np.arange(len(rows)), labels] -= 1.0
            delta2 /= len(rows)
            delta1 = (delta2 @ w2) * (z1 > 0)          # BP2
            w2 -= eta * (delta2.T @ a1)                # BP4, then the step
            b2 -= eta * delta2.sum(axis=0)             # BP3
            w1 -= eta * (delta1.T @ a0)
            b1 -= eta * delta1.sum(axis=0)
        self.epochs += 1

    def accuracy(self) -> float:
        a1 = np.maximum(self.x_test @ self.w1.T + self.b1, 0.0)
        guesses = np.argmax(a1 @ self.w2.T + self.b2, axis=1)
        return float(np.mean(guesses == self.y_test))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, type=Path, help="the folder with the four Fashion-MNIST files")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--learning-rate", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--serve", action="store_true", help="take commands on standard input (see above)")
    args = parser.parse_args()

    trainer = Trainer(*load(args.data), args.batch, args.learning_rate, args.seed)
    if not args.serve:
        for _ in range(args.epochs):
            order = trainer.next_order()
            started = time.perf_counter()
            trainer.train_epoch(order)
            seconds = time.perf_counter() - started
            print(f"epoch {trainer.epochs} {seconds:.4f} s test-accuracy {trainer.accuracy():.4f}", flush=True)
        return 0
    print("ready", flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command == "epoch":
            order = trainer.next_order()               # the shuffle is not part of the timed work
            started, processor = time.perf_counter(), time.process_time()
            trainer.train_epoch(order)
            print(f"epoch {trainer.epochs} {time.perf_counter() - started:.6f} {time.process_time() - processor:.6f}", flush=True)
        elif command == "accuracy":
            print(f"accuracy {trainer.accuracy():.6f}", flush=True)
        elif command in ("quit", ""):
            return 0
        else:
            print(f"error: unknown command {command!r}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
