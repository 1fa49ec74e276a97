"""PyTorch CPU peer of tests/bench/train.bench.ts: the same MLP and CNN, Adam, random data.

Run by the benchmark with OPENBLAS_NUM_THREADS=1 (set in the environment) and
torch.set_num_threads(2): torch's and OpenBLAS's threads otherwise oversubscribe the 2 cores
(STACK.md, "Peers"). Prints one JSON object: samples/s per model and the torch version.
Usage: /usr/bin/python3 train_torch.py <budget_seconds>
"""
import json
import sys
import time

import torch
from torch import nn

torch.set_num_threads(2)
torch.manual_seed(0)
budget = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0


def mlp():
    return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))


def cnn():
    # conv3x3x32 'same', pool, conv3x3x64 'same', pool, dense128, dense10 on 28x28x1
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10))


def samples_per_second(model, x, y):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()

    def step():
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    for _ in range(2):
        step()
    steps, start = 0, time.perf_counter()
    while steps < 3 or time.perf_counter() - start < budget:
        step()
        steps += 1
    return steps * x.shape[0] / (time.perf_counter() - start)


result = {
    "torch": torch.__version__,
    "threads": torch.get_num_threads(),
    "mlp": samples_per_second(mlp(), torch.randn(128, 784), torch.randint(0, 10, (128,))),
    "cnn": samples_per_second(cnn(), torch.randn(64, 1, 28, 28), torch.randint(0, 10, (64,))),
}
print(json.dumps(result))
