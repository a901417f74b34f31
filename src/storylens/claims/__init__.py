"""claims: attributions, quotes, hedges and numbers found in one article's sentences."""
