"""The MiniLM embedders: the integer copy reads like the float model; its cache heals itself."""
from __future__ import annotations

import numpy as np

from storylens.enrich import embed

SENTENCES = [
    "The port authority signed a twenty-year lease for the eastern terminal.",
    "A twenty-year lease on the eastern terminal was signed by the port authority.",
    "The library will open on Sundays from next month.",
    "Heavy rain closed the coastal road for two days.",
]


def test_integer_model_embeds_like_the_float_model():
    exact = embed.MiniLMEmbedder(max_tokens=embed.HEADLINE_TOKENS).embed(SENTENCES)
    fast = embed.headline_embedder().embed(SENTENCES)
    assert fast.shape == exact.shape == (4, embed.MiniLMEmbedder.dimension)
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)
    assert ((fast * exact).sum(axis=1) > 0.97).all()
    # the paraphrase stays far closer than the unrelated sentences, as with the float model
    similarity = fast @ fast.T
    assert similarity[0, 1] > 0.8 and similarity[0, 1] > similarity[0, 2] + 0.3 and similarity[0, 1] > similarity[0, 3] + 0.3


def test_a_damaged_cached_model_is_made_again(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLENS_CACHE", str(tmp_path))
    embed._session.__wrapped__(1, True)  # makes the cache file
    [cached] = tmp_path.glob("minilm-l6-integer-*.onnx")
    cached.write_bytes(b"not a model")
    session = embed._session.__wrapped__(1, True)
    assert cached.stat().st_size > 1_000_000
    assert session.get_inputs()[0].name == "input_ids"


def test_an_unwritable_cache_folder_still_gives_a_model(tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("STORYLENS_CACHE", str(blocked / "cache"))
    session = embed._session.__wrapped__(1, True)
    assert session.get_inputs()[0].name == "input_ids"
    assert not (blocked / "cache").exists()
