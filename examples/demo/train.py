"""Training and inference script of the aigis demo project.

It exists so the demo looks like a real project: it shows how these files would normally be opened.
DO NOT RUN IT. Several files in models/ and data/ are deliberately malicious (harmless payloads, but
code all the same): torch.load, pickle.load, joblib.load and np.load(allow_pickle=True) would run it.
Scan the folder with `aigis scan examples/demo` instead.
"""

import pickle

import joblib
import numpy as np
import torch
from torch import nn


class TinyEncoder(nn.Module):
    """Must match the class generate.py saved: torch.load of a whole model imports it by name."""

    def __init__(self, dim_in=16, dim_hidden=8):
        super().__init__()
        self.proj = nn.Linear(dim_in, dim_hidden)
        self.norm = nn.LayerNorm(dim_hidden)

    def forward(self, x):
        return self.norm(torch.relu(self.proj(x)))


def build_classifier():
    return nn.Sequential(nn.Linear(16, 32), nn.ReLU(), nn.Linear(32, 3))


def load_everything():
    classifier = build_classifier()
    classifier.load_state_dict(torch.load("models/classifier.pt", map_location="cpu"))
    # A "better" checkpoint downloaded from a model hub: same architecture, unknown origin.
    classifier.load_state_dict(torch.load("models/pretrained_backdoor.pt", map_location="cpu"))
    encoder = torch.load("models/encoder_full.pt", map_location="cpu")
    legacy = torch.load("models/legacy.pth", map_location="cpu")
    scaler = joblib.load("models/scaler.joblib")
    with open("models/tokenizer.pkl", "rb") as f:
        tokenizer = pickle.load(f)
    embeddings = np.load("data/embeddings.npy")
    features = np.load("data/features.npz")
    labels = np.load("data/labels.npy", allow_pickle=True)
    return classifier, encoder, legacy, scaler, tokenizer, embeddings, features, labels


def train(epochs=5):
    classifier, encoder, _, _, _, _, features, _ = load_everything()
    x = torch.from_numpy(features["x_train"])
    y = torch.from_numpy(features["y_train"])
    optimizer = torch.optim.Adam(classifier.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        optimizer.zero_grad()
        loss = loss_fn(classifier(x), y)
        loss.backward()
        optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")
    torch.save(classifier.state_dict(), "models/classifier.pt")


if __name__ == "__main__":
    raise SystemExit("train.py is part of the aigis demo and must not be run: scan it instead.")
